"""``cytokine-rdf export``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@format_option(("ttl", "nt", "xml", "jsonld"), "ttl")
@click.option(
    "--part",
    type=click.Choice(("all", "ontology", "data")),
    default="all",
    show_default=True,
    help="ontology = the packaged ontology only, data = only the -i files, all = both.",
)
@click.option(
    "--inferred", is_flag=True, help="Add the class hierarchy inferred by HermiT (needs Java)."
)
@click.option(
    "--gocam", is_flag=True, help="Write the pathways as GO-CAM-shaped instance data instead."
)
@OUTPUT
def export(
    inputs: tuple[str, ...], fmt: str, part: str, inferred: bool, gocam: bool, output: str | None
) -> None:
    """Write the ontology (plus -i data) as deterministic Turtle, N-Triples, RDF/XML or JSON-LD.

    The same triples always give the same bytes. JSON-LD uses the documented @context of
    docs/jsonld-context.md.

    \b
    Examples:
        cytokine-rdf export -f ttl -o cytokine.ttl
        cytokine-rdf export -f jsonld --inferred -o cytokine.jsonld
        cytokine-rdf export --gocam -o gocam.ttl
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.io.serialize import serialize_graph
    from cytokine_rdf.publish.export import export_graph

    graph = export_graph(inputs, part=part, inferred=inferred, gocam=gocam)
    write_output(serialize_graph(graph, fmt), output)


COMMANDS = [export]
