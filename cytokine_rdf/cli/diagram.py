"""``cytokine-rdf diagram``: draw a pathway as Mermaid, DOT or SVG."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("name")
@INPUT
@format_option(("mermaid", "dot", "svg"), "mermaid")
@OUTPUT
def diagram(name: str, inputs: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Draw the pathway NAME: a pathway, or a cytokine for the pathway it is the input of.

    Steps (activities) and gene products are nodes; RO relations (enabled by, directly
    positively regulates, causally upstream of, occurs in) are labelled edges. SVG needs
    Graphviz `dot`.

    \b
    Examples:
        cytokine-rdf diagram IL7 -f mermaid
        cytokine-rdf diagram IL21 -f svg -o IL21.svg
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.publish.diagram import diagram as draw

    write_output(draw(name, fmt, inputs=inputs), output)


COMMANDS = [diagram]
