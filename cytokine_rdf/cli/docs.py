"""``cytokine-rdf docs``: static HTML documentation of the ontology."""

from __future__ import annotations

import click

from .options import INPUT

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    help="Folder to write the HTML pages into.",
)
def docs(inputs: tuple[str, ...], out_dir: str) -> None:
    """Write HTML documentation: index, classes, properties, cross-references, pathways.

    Pathway diagrams are inline SVG when Graphviz `dot` is installed, Mermaid text otherwise.

    \b
    Example:
        cytokine-rdf docs -o site/
    """
    from cytokine_rdf.publish.docs import write_docs

    for path in write_docs(out_dir, inputs=inputs):
        click.echo(f"wrote {path}", err=True)


COMMANDS = [docs]
