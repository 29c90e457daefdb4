"""``query check``: lint SPARQL templates before anyone runs them.

Each template must parse with both engines (pyoxigraph, rdflib ``prepareQuery``), carry a complete
grlc header (a summary; an example for every required parameter; enum values and defaults that
agree), use every parameter it declares, declare every prefix it uses, and - for SELECT - order
its rows by every projected column so results are deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.sparql import prepareQuery

from cytokine_rdf.errors import QueryError
from cytokine_rdf.sparql.engine import syntax_message
from cytokine_rdf.sparql.templates import Template, parse_template
from cytokine_rdf.sparql.text import (
    check_query,
    declared_prefixes,
    order_by,
    project_variables,
    projection,
    query_form,
    used_prefixes,
)

__all__ = ["HEADER_KEYS", "LintFinding", "check_files", "check_template"]

# grlc decorators plus ours (example, params, network); anything else is probably a typo
HEADER_KEYS = frozenset(
    {
        "summary",
        "description",
        "tags",
        "defaults",
        "example",
        "params",
        "network",
        "endpoint",
        "endpoint_in_url",
        "method",
        "pagination",
        "enumerate",
        "mime",
        "transform",
    }
)
_PARAM_KEYS = frozenset({"description", "enum", "class", "default"})
_Add = Callable[[str, str], None]


@dataclass(frozen=True, order=True)
class LintFinding:
    """One problem in one template file."""

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.message}"


def check_files(paths: Iterable[str | Path]) -> list[LintFinding]:
    """Lint every ``.rq`` file in ``paths`` (a folder means the ``.rq`` files in it)."""
    findings: list[LintFinding] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.glob("*.rq")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file():
                findings.append(LintFinding(str(file), "missing", "no such file"))
                continue
            try:
                template = parse_template(file)
            except QueryError as exc:
                findings.append(LintFinding(str(file), "header", exc.message))
                continue
            findings += check_template(template)
    return sorted(findings)


def check_template(template: Template) -> list[LintFinding]:
    """Every finding for one parsed template (an empty list means it is fine)."""
    where = str(template.path)
    out: list[LintFinding] = []

    def add(code: str, message: str) -> None:
        out.append(LintFinding(where, code, message))

    _check_header(template, add)
    _check_prefixes(template, add)
    _check_parameters(template, add)
    if template.form == "SELECT":
        _check_order(template, add)
    try:
        check_query(template.text)
    except QueryError as exc:  # never handed to a parser that would crash on it
        add("parse", exc.message)
    else:
        _check_oxigraph(template, add)
        _check_rdflib(template, add)
    return sorted(out)


def _check_header(template: Template, add: _Add) -> None:
    header = template.header
    if not template.summary:
        add("header", "no '#+ summary:' line")
    for key in sorted(set(header) - HEADER_KEYS):
        add("header", f"unknown header key {key!r} (known: {', '.join(sorted(HEADER_KEYS))})")
    tags = header.get("tags")
    if tags is not None and not (
        isinstance(tags, list) and all(isinstance(t, str) and t == t.strip() for t in tags)
    ):
        add("header", "tags must be a list of strings without surrounding spaces")
    specs = header.get("params") or {}
    if not isinstance(specs, dict):
        add("header", "params must map each parameter name to {description, enum, class}")
        specs = {}
    for name, spec in specs.items():
        if not isinstance(spec, dict):
            add("header", f"params.{name} must be a mapping")
            continue
        for key in sorted(set(spec) - _PARAM_KEYS):
            add(
                "header",
                f"params.{name}: unknown key {key!r} (known: {', '.join(sorted(_PARAM_KEYS))})",
            )
        if not spec.get("description"):
            add("header", f"params.{name} has no description")
    example = header.get("example")
    if example is not None and not isinstance(example, dict):
        add("header", "example must map parameter names to values")
    if example is None and not header.get("network"):
        add("header", "no '#+ example:' (use 'example: {}' for a template without parameters)")


def _check_parameters(template: Template, add: _Add) -> None:
    names = {p.name for p in template.parameters}
    header = template.header
    specs = header.get("params") or {}
    declared = set(specs if isinstance(specs, dict) else ()) | set(template.example)
    declared |= set(_defaults(header.get("defaults")))
    for name in sorted(declared - names):
        add("parameter", f"{name!r} is declared in the header but no ?_{name}... variable uses it")
    for param in template.parameters:
        if param.required and param.name not in template.example and not header.get("network"):
            add("header", f"required parameter {param.name!r} has no value in '#+ example:'")
        if param.choices:
            for label, value in (
                ("default", param.default),
                ("example", template.example.get(param.name)),
            ):
                if value is not None and value not in param.choices:
                    add(
                        "parameter",
                        f"{param.name}: {label} {value!r} is not one of {', '.join(param.choices)}",
                    )
        if (
            param.type == "integer"
            and param.default is not None
            and not re.fullmatch(r"[+-]?\d+", param.default)
        ):
            add("parameter", f"{param.name}: default {param.default!r} is not an integer")


def _check_prefixes(template: Template, add: _Add) -> None:
    missing = used_prefixes(template.text) - declared_prefixes(template.text)
    for prefix in sorted(missing):
        add("prefix", f"prefix {prefix + ':'!r} is used but not declared (declare every PREFIX)")


def _check_order(template: Template, add: _Add) -> None:
    if query_form(template.text) != "SELECT":
        return
    projected = projection(template.text)
    if projected is None:
        add("order", "SELECT * has no fixed columns: list the variables and ORDER BY all of them")
        return
    ordered = order_by(template.text)
    if ordered is None:
        add("order", "SELECT without ORDER BY: rows would come in engine order")
        return
    left = sorted(projected - ordered)
    if left:
        add("order", f"ORDER BY leaves out projected column(s) {', '.join('?' + v for v in left)}")


def _check_oxigraph(template: Template, add: _Add) -> None:

    params = [p.variable for p in template.parameters]
    text, _ = project_variables(template.text, sorted(params))
    dummy: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(v): ox.Literal("lint") for v in params
    }
    try:
        # solutions are lazy: nothing is evaluated (and no SERVICE called) unless iterated
        ox.Store().query(text, substitutions=dummy or None)
    except SyntaxError as exc:
        add("parse", f"pyoxigraph: {syntax_message(str(exc))}")
    except (OSError, ValueError, RuntimeError) as exc:
        add("parse", f"pyoxigraph: {' '.join(str(exc).split())[:200]}")


def _check_rdflib(template: Template, add: _Add) -> None:

    try:
        prepareQuery(template.text)
    except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib raise many unrelated types
        add("parse", f"rdflib: {' '.join(str(exc).split())[:200]}")


def _defaults(raw: object) -> dict[str, object]:
    if isinstance(raw, dict):
        return dict(raw)
    out: dict[str, object] = {}
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict):
                out.update(item)
    return out
