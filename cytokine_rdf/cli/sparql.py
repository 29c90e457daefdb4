"""``cytokine-rdf sparql``."""

from __future__ import annotations

import click

from .options import (
    FULL,
    INPUT,
    OUTPUT,
    RESULT_FORMAT,
    EngineOptions,
    build_engine,
    engine_options,
    result_format,
    table_width,
)

__all__ = ["COMMANDS"]


@click.command()
@click.argument("query_or_file", metavar="QUERY_OR_FILE")
@INPUT
@RESULT_FORMAT
@OUTPUT
@FULL
@engine_options
def sparql(
    query_or_file: str,
    inputs: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    full: bool,
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
    from cytokine_rdf.sparql.text import query_form
    from cytokine_rdf.sparql.writers import render

    text = read_query(query_or_file)
    runner = build_engine(inputs, engine_choice)
    result = run_sparql(text, engine=runner)
    chosen = result_format(fmt, query_form(text))
    write_output(render(result, chosen, width=table_width(output, full)), output)


COMMANDS = [sparql]
