"""Render query results: aligned table, CSV and TSV (W3C SPARQL 1.1 formats), Results JSON, Turtle."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from cytokine_rdf.display import printable
from cytokine_rdf.errors import QueryError
from cytokine_rdf.io.serialize import serialize_triples
from cytokine_rdf.sparql.results import AskResult, GraphResult, Result, SelectResult

__all__ = ["SELECT_FORMATS", "render"]

SELECT_FORMATS = ("table", "csv", "csv-safe", "tsv", "json")


def render(result: Result, fmt: str, *, width: int | None = None) -> str:
    """Return ``result`` in format ``fmt`` (table, csv, tsv, json, ttl, nt); a table is fitted to
    ``width`` columns (long cells end in an ellipsis) when one is given."""
    if isinstance(result, GraphResult):
        if fmt not in ("ttl", "nt", "json"):
            raise QueryError(
                f"a CONSTRUCT result cannot be written as {fmt}", hint="use -f ttl or -f nt"
            )
        return _graph(result, fmt)
    if isinstance(result, AskResult):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.value}, indent=2) + "\n"
        return ("true" if result.value else "false") + "\n"
    if fmt not in _SELECT:
        raise QueryError(
            f"a SELECT result cannot be written as {fmt}",
            hint="use -f table, csv, csv-safe, tsv or json",
        )
    if fmt == "table":
        return _table(result, width)
    return _SELECT[fmt](result)


def _table(result: SelectResult, width: int | None = None) -> str:
    # a column unbound in every row says nothing to a reader: left out (CSV, TSV and JSON keep it)
    keep = [i for i in range(len(result.variables)) if any(r[i] is not None for r in result.rows)]
    if not result.rows:
        keep = list(range(len(result.variables)))
    header = [result.variables[i] for i in keep]
    body = [
        ["" if (t := row[i]) is None else printable(t.display()) for i in keep]
        for row in result.rows
    ]
    # identifiers (IRIs, CURIEs) are kept whole as long as any text column can give way
    ids = [all(getattr(row[i], "kind", "") != "literal" for row in result.rows) for i in keep]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    if width is not None:
        widths = _fit(widths, width, ids)
    lines = ["  ".join(_cut(h, w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_cut(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines) + "\n"


_NARROWEST = 6  # a column is not cut below this many characters...
_TEXT_LAST = 3  # ...unless an identifier would be cut instead: text gives way first, down to "ab…"


def _fit(widths: list[int], limit: int, ids: list[bool] | None = None) -> list[int]:
    """Narrow the widest columns, one character at a time, until the row fits ``limit``: text
    columns first (to six characters, then to three), identifier columns (``ids``) only when no
    text column can give way."""
    out = list(widths)
    gaps = 2 * (len(out) - 1)
    protected = ids or [False] * len(out)
    for allow_ids, floor in ((False, _NARROWEST), (False, _TEXT_LAST), (True, _NARROWEST)):
        while sum(out) + gaps > limit:
            narrowable = [
                i for i in range(len(out)) if out[i] > floor and (allow_ids or not protected[i])
            ]
            if not narrowable:
                break  # as narrow as it gets: the terminal wraps the rest
            out[max(narrowable, key=lambda i: out[i])] -= 1
    return out


def _cut(cell: str, width: int) -> str:
    return (cell if len(cell) <= width else cell[: width - 1] + "…").ljust(width)


# what a spreadsheet reads as a formula when a cell starts with it (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv(result: SelectResult, *, safe: bool = False) -> str:
    """SPARQL 1.1 CSV: values as they are. With ``safe`` (``-f csv-safe``), a value that a
    spreadsheet would run as a formula (``=HYPERLINK(...)``) gets a leading ``'``, as OWASP advises;
    the cell then shows as text, and the file is no longer the values verbatim."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        cells = [
            "" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row
        ]
        if safe:
            cells = ["'" + c if c.startswith(_FORMULA_START) else c for c in cells]
        writer.writerow(cells)
    return out.getvalue()


def _tsv(result: SelectResult) -> str:
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: SelectResult) -> str:
    bindings = [
        {v: t.to_json() for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _graph(result: GraphResult, fmt: str) -> str:

    return serialize_triples(result.triples, fmt)


_SELECT: dict[str, Callable[[SelectResult], str]] = {
    "table": _table,
    "csv": _csv,
    "csv-safe": lambda result: _csv(result, safe=True),
    "tsv": _tsv,
    "json": _json,
}
