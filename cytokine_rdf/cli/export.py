"""``cytokine-rdf export``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@format_option(("ttl", "nt", "xml", "jsonld"), "ttl")
@OUTPUT
def export(inputs: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Write the ontology (plus -i data) as deterministic Turtle, N-Triples, RDF/XML or JSON-LD.

    \b
    Example:
        cytokine-rdf export -f ttl -o cytokine.ttl
    """
    from ..export import export as export_data
    from ..graph import load
    from ..output import write_output

    write_output(export_data(load(inputs), fmt), output)


COMMANDS = [export]
