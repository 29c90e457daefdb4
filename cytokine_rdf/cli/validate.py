"""``cytokine-rdf validate``: SHACL + QC + reasoner in one gate for CI."""

from __future__ import annotations

import click

from .options import INPUT, OUTPUT, PROGRESS, REASONER, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("data", nargs=-1, metavar="[DATA]...")
@INPUT
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    metavar="NAME|FILE",
    help="Shapes to validate with instead of the default: a packaged set (data, ontology, or gocam:"
    " GO's official GO-CAM ShEx shapes) or a SHACL file (repeatable).",
)
@click.option(
    "--ontology",
    "ontology",
    multiple=True,
    metavar="FILE",
    help="Check these files as the ontology instead of the packaged one (repeatable).",
)
@click.option(
    "--namespace",
    "namespaces",
    multiple=True,
    metavar="IRI",
    help="Scope QC to terms under this IRI prefix (repeatable; default: inferred).",
)
@click.option(
    "--tbox",
    "tbox",
    multiple=True,
    metavar="FILE",
    help="With --shapes gocam: type-check against this ontology's class hierarchy (e.g. go-lego)"
    " instead of the packaged GO/ECO/import hierarchy (repeatable).",
)
@click.option("--no-qc", is_flag=True, help="Skip the ROBOT-style QC checks.")
@click.option("--no-reason", is_flag=True, help="Skip the reasoner (coherence and consistency).")
@REASONER
@click.option(
    "--profile",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="ROBOT-style QC profile: LEVEL<TAB>check-name or LEVEL<TAB>file:path.rq per line.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warn", "info", "none"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding reaches this level.",
)
@click.option(
    "--fail-on-empty",
    is_flag=True,
    help="Exit 1 when the shapes target nothing in the data (nothing was checked).",
)
@format_option(("text", "json", "turtle", "junit"), "text")
@OUTPUT
@PROGRESS
@click.pass_context
def validate(
    ctx: click.Context,
    data: tuple[str, ...],
    inputs: tuple[str, ...],
    shapes: tuple[str, ...],
    ontology: tuple[str, ...],
    namespaces: tuple[str, ...],
    tbox: tuple[str, ...],
    no_qc: bool,
    no_reason: bool,
    reasoner: str,
    profile: str | None,
    fail_on: str,
    fail_on_empty: bool,
    fmt: str,
    output: str | None,
) -> None:
    """Check the ontology (SHACL + QC + reasoner), or your data (SHACL + reasoner).

    Give the data with -i FILE as on every other command (DATA arguments are the same thing).

    Exit 0 when nothing reaches --fail-on, 1 when something does, 2 when it could not run.
    A one-line summary goes to stderr; the report (-f text|json|turtle|junit) to stdout or -o.

    \b
    Examples:
        cytokine-rdf validate
        cytokine-rdf validate --ontology my-edit.ttl -f junit -o report.xml
        cytokine-rdf validate -i my-observations.ttl -f json
        cytokine-rdf validate --reasoner structural --fail-on warn
        cytokine-rdf validate -i gocam-model.ttl --shapes gocam
        cytokine-rdf validate gocam-models/ --shapes gocam    # each model on its own
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.validation.gate import validate as run_validation
    from cytokine_rdf.validation.report import render_report

    report = run_validation(
        (*data, *inputs),
        shapes=shapes or None,
        ontology=ontology or None,
        qc=not no_qc,
        reasoner=None if no_reason else reasoner,
        profile=profile,
        namespaces=namespaces or None,
        tbox=tbox or None,
    )
    write_output(render_report(report, fmt, fail_on=fail_on), output)
    click.echo(report.summary(fail_on), err=True)
    empty = report.extra.get("focus_nodes") == 0
    if empty:
        hint = "" if "gocam" in shapes else "; did you mean --shapes gocam?"
        click.echo(f"0 focus nodes: no SHACL shape applies to this data{hint}", err=True)
    if report.fails(fail_on) or (empty and fail_on_empty):
        ctx.exit(1)


COMMANDS = [validate]
