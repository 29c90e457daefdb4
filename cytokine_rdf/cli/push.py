"""``cytokine-rdf push``."""

from __future__ import annotations

import click

from .options import INPUT, PROGRESS

__all__ = ["COMMANDS"]


@click.command()
@click.option(
    "--store",
    "store_url",
    required=True,
    metavar="URL",
    help="Graph Store HTTP Protocol URL (Oxigraph: http://localhost:7878/store, Fuseki: .../ds/data).",
)
@click.option(
    "--graph",
    metavar="IRI",
    default=None,
    help="Add to this named graph instead of the default graph.",
)
@INPUT
@click.option(
    "--no-ontology", is_flag=True, help="Send only the -i data, not the packaged ontology."
)
@click.option(
    "--timeout",
    metavar="S",
    type=click.FloatRange(min=0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds to wait for each chunk.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace what the graph holds (the first chunk is a PUT): re-running is idempotent.",
)
@PROGRESS
def push(
    store_url: str,
    graph: str | None,
    inputs: tuple[str, ...],
    no_ontology: bool,
    timeout: float,
    replace: bool,
) -> None:
    """Upload the packaged ontology plus -i data to a triple store (SPARQL 1.1 Graph Store Protocol).

    Triples are sent as N-Triples in chunks of about 50,000 (POST, so they are added to what the
    graph already holds; --replace replaces it). The triples of one blank-node structure always go
    in the same request, so the server's graph is isomorphic to what was sent. Credentials (basic
    or digest) come from ~/.netrc or CYTOKINE_RDF_USER / CYTOKINE_RDF_PASSWORD.

    \b
    Examples:
        cytokine-rdf push --store http://localhost:7878/store -i observations.ttl
        cytokine-rdf push --store http://localhost:3030/ds/data --graph https://example.org/g -i obs.ttl
        cytokine-rdf push --replace --store http://localhost:8890/sparql-graph-crud-auth --graph urn:g
    """
    from cytokine_rdf.io.graph import load
    from cytokine_rdf.publish.push import push as push_data

    data = load(inputs, include_ontology=not no_ontology)
    result = push_data(data, store_url, graph=graph, timeout=timeout, replace=replace)
    click.echo(
        f"sent {result.triples:,} triples in {result.chunks} chunk(s) to {result.url} "
        f"in {result.seconds:.2f} s ({result.rate:,.0f} triples/s)",
        err=True,
    )


COMMANDS = [push]
