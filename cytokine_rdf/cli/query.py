"""``cytokine-rdf query list|show|run`` and ``lookup``."""

from __future__ import annotations

import json

import click

from ..errors import ParameterError
from .options import INPUT, OUTPUT, format_option

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
    """List, show and run the packaged SPARQL templates."""


@query.command("list")
@format_option(("table", "json"), "table")
@QUERIES_DIR
def list_templates(fmt: str, queries_dirs: tuple[str, ...]) -> None:
    """List the templates with their parameters.

    \b
    Example:
        cytokine-rdf query list -f json
    """
    from ..templates import load_templates

    templates = load_templates(queries_dirs)
    if fmt == "json":
        doc = [
            {
                "name": t.name,
                "summary": t.summary,
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
        click.echo(f"{t.name.ljust(width)}  {t.summary}" + (f"  [{params}]" if params else ""))


@query.command("show")
@click.argument("name")
@QUERIES_DIR
def show(name: str, queries_dirs: tuple[str, ...]) -> None:
    """Print a template's SPARQL text, its parameters and an example.

    \b
    Example:
        cytokine-rdf query show pathway-members
    """
    from ..sparql import get_template

    template = get_template(name, queries_dirs)
    click.echo(f"# {template.name}: {template.summary}")
    if template.description:
        click.echo(f"# {template.description}")
    for p in template.parameters:
        extra = f" default={p.default}" if p.default is not None else ""
        extra += f" one of: {', '.join(p.choices)}" if p.choices else ""
        click.echo(f"# parameter {p.name} ({p.type}, {'required' if p.required else 'optional'}{extra}): {p.description}")
    if template.example:
        click.echo(f"# example: cytokine-rdf query run {template.name} {' '.join(template.example_args())}")
    click.echo(template.text.rstrip("\n"))


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
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A template parameter (repeatable).")
@INPUT
@format_option(("table", "csv", "tsv", "json", "ttl"), "table")
@OUTPUT
@QUERIES_DIR
def run(
    name: str,
    params: tuple[str, ...],
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    queries_dirs: tuple[str, ...],
) -> None:
    """Run a template; IRI parameters accept names, symbols, synonyms, CURIEs and accessions.

    \b
    Example:
        cytokine-rdf query run gene-xrefs -p gene=IL7R -f json
    """
    from ..output import write_output
    from ..sparql import get_template, run_template
    from ..writers import render

    template = get_template(name, queries_dirs)
    result = run_template(template, _parse_params(params), inputs=inputs)
    write_output(render(result, fmt), output)


COMMANDS = [query]
