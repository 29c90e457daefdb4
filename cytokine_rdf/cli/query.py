"""``cytokine-rdf query list|show|run|check|catalog``."""

from __future__ import annotations

import json

import click

from cytokine_rdf.errors import ParameterError

from .options import (
    FULL,
    INPUT,
    OUTPUT,
    RESULT_FORMAT,
    EngineOptions,
    build_engine,
    engine_options,
    format_option,
    result_format,
    table_width,
)

__all__ = ["COMMANDS"]

QUERIES_DIR = click.option(
    "--queries",
    "queries_dirs",
    multiple=True,
    metavar="DIR",
    help="Add a folder of your own .rq templates (repeatable).",
)


@click.group()
def query() -> None:
    """List, show, run, check and catalogue the packaged SPARQL templates."""


@query.command("list")
@format_option(("table", "json"), "table")
@QUERIES_DIR
def list_templates(fmt: str, queries_dirs: tuple[str, ...]) -> None:
    """List the templates with their parameters.

    \b
    Example:
        cytokine-rdf query list -f json
    """
    from cytokine_rdf.display import printable
    from cytokine_rdf.sparql.templates import load_templates

    templates = load_templates(queries_dirs)
    if fmt == "json":
        doc = [
            {
                "name": t.name,
                "summary": t.summary,
                "description": t.description,
                "form": t.form,
                "tags": list(t.tags),
                "network": bool(t.header.get("network")),
                "parameters": [p.as_dict() for p in t.parameters],
                "example_args": t.example_args(),
            }
            for t in templates.values()
        ]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    width = max((len(n) for n in templates), default=4)
    for t in templates.values():
        params = " ".join(f"{p.name}={p.type}" + ("" if p.required else "?") for p in t.parameters)
        line = f"{t.name.ljust(width)}  {t.summary}" + (f"  [{params}]" if params else "")
        click.echo(printable(line))  # summaries come from users' template folders


@query.command("show")
@click.argument("name")
@QUERIES_DIR
def show(name: str, queries_dirs: tuple[str, ...]) -> None:
    """Print a template's SPARQL text, its parameters and an example.

    \b
    Example:
        cytokine-rdf query show pathway-members
    """
    from cytokine_rdf.display import printable_lines
    from cytokine_rdf.sparql.run import get_template

    template = get_template(name, queries_dirs)
    click.echo(printable_lines(f"# {template.name}: {template.summary}"))
    if template.description:
        click.echo(f"# {template.description}")
    for p in template.parameters:
        extra = f" default={p.default}" if p.default is not None else ""
        extra += f" one of: {', '.join(p.choices)}" if p.choices else ""
        click.echo(
            f"# parameter {p.name} ({p.type}, {'required' if p.required else 'optional'}{extra}): {p.description}"
        )
    if template.example:
        click.echo(
            f"# example: cytokine-rdf query run {template.name} {' '.join(template.example_args())}"
        )
    # the file's own "#+" header says again what the lines above say: the query follows
    body = template.text.splitlines()
    while body and (body[0].startswith("#+") or not body[0].strip()):
        body.pop(0)
    click.echo(printable_lines("\n".join(body)))  # a template may hide escapes


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"-p {item!r}: expected KEY=VALUE", hint="e.g. -p gene=IL7R")
        if key.strip() in params:
            raise ParameterError(f"-p {key.strip()!r} given twice")
        params[key.strip()] = value
    return params


@query.command("run")
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A template parameter (repeatable).",
)
@INPUT
@RESULT_FORMAT
@OUTPUT
@FULL
@QUERIES_DIR
@engine_options
def run(
    name: str,
    params: tuple[str, ...],
    inputs: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    full: bool,
    queries_dirs: tuple[str, ...],
    engine_choice: EngineOptions,
) -> None:
    """Run a template; IRI parameters accept names, symbols, synonyms, CURIEs and accessions.

    \b
    Example:
        cytokine-rdf query run gene-xrefs -p gene=IL7R -f json
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.sparql.run import get_template, run_template
    from cytokine_rdf.sparql.writers import render

    template = get_template(name, queries_dirs)
    runner = build_engine(inputs, engine_choice)
    given = _parse_params(params)
    result = run_template(template, given, engine=runner)
    chosen = result_format(fmt, template.form)
    write_output(render(result, chosen, width=table_width(output, full)), output)
    if getattr(result, "rows", None) == ():  # a table of headers alone reads like a failure
        what = ", ".join(f"{k}={v}" for k, v in given.items())
        click.echo(f"0 rows: nothing matches{f' {what}' if what else ''}", err=True)


@query.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True), metavar="[FILE]...")
@QUERIES_DIR
def check(files: tuple[str, ...], queries_dirs: tuple[str, ...]) -> None:
    """Lint templates: both parsers, header, parameters, prefixes, ORDER BY; exit 1 on findings.

    With no FILE every packaged template (and every --queries folder) is checked.

    \b
    Example:
        cytokine-rdf query check
        cytokine-rdf query check my-query.rq
    """
    from cytokine_rdf.io.resources import iter_resources
    from cytokine_rdf.sparql.lint import check_files

    targets: list[str] = list(files) + list(queries_dirs)
    if not files:
        targets = [str(p) for p in iter_resources("queries", ".rq", recursive=False)] + list(
            queries_dirs
        )
    findings = check_files(targets)
    for finding in findings:
        click.echo(str(finding))
    count = len({f.path for f in findings})
    click.echo(
        f"{len(findings)} finding(s) in {count} template(s)" if findings else "all templates pass",
        err=True,
    )
    if findings:
        raise SystemExit(1)


@query.command("catalog")
@format_option(("ttl", "nt", "jsonld"), "ttl")
@click.option(
    "--target",
    default=None,
    metavar="URL",
    help="The SPARQL endpoint the queries run on (schema:target). [default: https://w3id.org/cytokine-rdf/sparql]",
)
@OUTPUT
@QUERIES_DIR
def catalog(
    fmt: str, target: str | None, output: str | None, queries_dirs: tuple[str, ...]
) -> None:
    """Write the template catalogue as sparql-examples RDF (sh:SPARQLExecutable resources).

    \b
    Example:
        cytokine-rdf query catalog -f ttl -o examples.ttl
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.sparql.catalog import DEFAULT_TARGET, serialize_catalog
    from cytokine_rdf.sparql.templates import load_templates

    templates = load_templates(queries_dirs)
    write_output(
        serialize_catalog(templates.values(), fmt, target=target or DEFAULT_TARGET), output
    )


COMMANDS = [query]
