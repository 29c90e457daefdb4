"""``cytokine-rdf validate``."""

from __future__ import annotations

import json

import click

from .options import OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("data", nargs=-1, metavar="[DATA]...")
@click.option("--shapes", "shapes", multiple=True, metavar="FILE", help="Validate against these shapes instead of the packaged ones (repeatable).")
@click.option("--ontology", "ontology", multiple=True, metavar="FILE", help="Check these files as the ontology instead of the packaged one (repeatable).")
@format_option(("text", "json"), "text")
@OUTPUT
@click.pass_context
def validate(
    ctx: click.Context,
    data: tuple[str, ...],
    shapes: tuple[str, ...],
    ontology: tuple[str, ...],
    fmt: str,
    output: str | None,
) -> None:
    """Check the ontology, or your DATA, against the SHACL shapes; exit 1 on violations.

    \b
    Examples:
        cytokine-rdf validate
        cytokine-rdf validate my-observations.ttl -f json
    """
    from ..output import write_output
    from ..validate import validate as run_validation

    report = run_validation(data, shapes=shapes or None, ontology=ontology or None)
    if fmt == "json":
        doc = {
            "conforms": not report.fails("error"),
            "counts": {s: report.count(s) for s in ("error", "warn", "info")},
            "findings": [f.as_dict() for f in report.findings],
        }
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _text(report)
    write_output(text, output)
    failed = report.fails("error")
    click.echo(
        f"{'FAIL' if failed else 'OK'}: {report.count('error')} error(s), {report.count('warn')} warning(s), {report.count('info')} info",
        err=True,
    )
    if failed:
        ctx.exit(1)


def _text(report: object) -> str:
    from ..validate import Report

    assert isinstance(report, Report)
    lines: list[str] = []
    for severity in ("error", "warn", "info"):
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines.append(f"{severity.upper()} ({len(group)})")
        for f in group:
            who = f"{f.focus_label} <{f.focus}>" if f.focus_label else f"<{f.focus}>"
            lines.append(f"  {who}")
            if f.path:
                lines.append(f"    property: {f.path}")
            if f.value:
                lines.append(f"    value:    {f.value}")
            lines.append(f"    problem:  {f.message or f.check}")
            if f.fix:
                lines.append(f"    fix:      {f.fix}")
    if not lines:
        lines.append("no findings")
    return "\n".join(lines) + "\n"


COMMANDS = [validate]
