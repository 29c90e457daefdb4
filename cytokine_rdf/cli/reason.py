"""``cytokine-rdf reason``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, PROGRESS, REASONER

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@click.option(
    "--ontology",
    "ontology",
    multiple=True,
    metavar="FILE",
    help="Reason over these files instead of the packaged ontology (repeatable).",
)
@REASONER
@OUTPUT
@PROGRESS
@click.pass_context
def reason(
    ctx: click.Context,
    inputs: tuple[str, ...],
    ontology: tuple[str, ...],
    reasoner: str,
    output: str | None,
) -> None:
    """Classify the ontology (plus -i data); exit 1 if inconsistent or a class is unsatisfiable.

    Reports consistency and every unsatisfiable class by IRI and label on stderr; -o writes the
    inferred class hierarchy as Turtle (stdout without -o). Without Java, HermiT cannot run
    (exit 2): use --reasoner structural.

    \b
    Examples:
        cytokine-rdf reason -o hierarchy.ttl
        cytokine-rdf reason --reasoner structural --ontology my-edit.ttl
    """
    from cytokine_rdf.display import printable
    from cytokine_rdf.io.graph import load
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.io.progress import Stage
    from cytokine_rdf.io.serialize import serialize_graph
    from cytokine_rdf.validation.reasoning import hierarchy_graph
    from cytokine_rdf.validation.reasoning import reason as run_reasoner

    graph = load(inputs, ontology=ontology or None).rdflib_graph()
    with Stage(f"reasoner: {reasoner}"):
        result = run_reasoner(graph, reasoner=reasoner)
    if not result.consistent:
        why = f": {printable(result.explanation)}" if result.explanation else ""
        click.echo(f"inconsistent: the ontology has no model ({result.reasoner}){why}", err=True)
        ctx.exit(1)
    for iri, label in result.unsatisfiable:
        click.echo(f"unsatisfiable: {printable(label or '(no label)')} <{iri}>", err=True)
    for cycle in result.cycles:
        click.echo(
            f"cycle: {' -> '.join(f'<{c}>' for c in cycle)} (these classes are all equivalent)",
            err=True,
        )
    write_output(serialize_graph(hierarchy_graph(result), "ttl"), output)
    if result.unsatisfiable:
        click.echo(
            f"incoherent: {len(result.unsatisfiable)} unsatisfiable class(es) ({result.reasoner})",
            err=True,
        )
        ctx.exit(1)
    click.echo(
        f"coherent: consistent, no unsatisfiable class ({result.reasoner}; {len(result.subclass_pairs)} subclass links)",
        err=True,
    )


COMMANDS = [reason]
