"""``cytokine-rdf sparql``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, EngineOptions, build_engine, engine_options, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("query_or_file", metavar="QUERY_OR_FILE")
@INPUT
@format_option(("table", "csv", "tsv", "json", "ttl"), "table")
@OUTPUT
@engine_options
def sparql(
    query_or_file: str,
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    engine_choice: EngineOptions,
) -> None:
    """Run any SPARQL query (text or a .rq file) on the ontology plus -i data, or on --endpoint.

    \b
    Examples:
        cytokine-rdf sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        cytokine-rdf sparql query.rq --endpoint http://localhost:7878/query
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.sparql.run import read_query, run_sparql
    from cytokine_rdf.sparql.writers import render

    text = read_query(query_or_file)
    runner = build_engine(inputs, engine_choice)
    result = run_sparql(text, engine=runner)
    write_output(render(result, fmt), output)


COMMANDS = [sparql]
