"""``cytokine-rdf sparql``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("query_or_file", metavar="QUERY_OR_FILE")
@INPUT
@format_option(("table", "csv", "tsv", "json", "ttl"), "table")
@OUTPUT
def sparql(query_or_file: str, inputs: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Run any SPARQL query (text or a .rq file) on the ontology plus -i data.

    \b
    Example:
        cytokine-rdf sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from ..output import write_output
    from ..sparql import read_query, run_sparql
    from ..writers import render

    result = run_sparql(read_query(query_or_file), inputs=inputs)
    write_output(render(result, fmt), output)


COMMANDS = [sparql]
