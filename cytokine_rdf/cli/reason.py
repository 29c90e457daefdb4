"""``cytokine-rdf reason``."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@OUTPUT
@click.pass_context
def reason(ctx: click.Context, inputs: tuple[str, ...], output: str | None) -> None:
    """Classify the ontology (plus -i data) with HermiT; exit 1 if incoherent.

    Reports consistency and every unsatisfiable class; -o writes the inferred class hierarchy as
    Turtle. Needs Java.

    \b
    Example:
        cytokine-rdf reason -o hierarchy.ttl
    """
    from ..export import serialize_graph
    from ..graph import load
    from ..output import write_output
    from ..reason import hierarchy_graph
    from ..reason import reason as run_reasoner

    result = run_reasoner(load(inputs).rdflib_graph())
    if not result.consistent:
        click.echo("inconsistent: the ontology has no model (HermiT)", err=True)
        ctx.exit(1)
    for iri, label in result.unsatisfiable:
        click.echo(f"unsatisfiable: {label or '(no label)'} <{iri}>", err=True)
    write_output(serialize_graph(hierarchy_graph(result), "ttl"), output)
    if result.unsatisfiable:
        ctx.exit(1)
    click.echo(f"coherent: consistent, no unsatisfiable class ({len(result.subclass_pairs)} subclass links)", err=True)


COMMANDS = [reason]
