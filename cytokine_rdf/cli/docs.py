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
    help="Folder to write the site into (created if missing; files are replaced atomically).",
)
def docs(inputs: tuple[str, ...], out_dir: str) -> None:
    """Write the ontology as a static HTML site that needs no server.

    A home page with the ontology's metadata and class hierarchy; one page per class,
    property, pathway, tumour and claim (class/CYTO_0000201.html, ...) with definition,
    synonyms, cross-reference links, parents and children, restrictions in words, claims with
    their evidence, and back-links; index pages; and search over labels, synonyms and IDs
    that works offline (search.html?q=CD127). Pathway diagrams are inline SVG scaled to the
    page when Graphviz `dot` is installed, Mermaid text otherwise.

    \b
    Example:
        cytokine-rdf docs -o site/
    """
    from cytokine_rdf.publish.docs import write_docs

    written = write_docs(out_dir, inputs=inputs)
    click.echo(
        f"wrote {len(written)} files to {out_dir} (open {out_dir.rstrip('/')}/index.html)", err=True
    )


COMMANDS = [docs]
