"""Query results, engine-neutral: rows of :class:`~cytokine_rdf.terms.Term`, triples, booleans."""

from __future__ import annotations

import datetime
import importlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.sparql.text import in_query_order, projection
from cytokine_rdf.terms import Term

Row = tuple[Term | None, ...]


Triple = tuple[Term, Term, Term]


class Solution(Mapping[str, "Term | None"]):
    """One row of a SELECT result: ``row["gene"]`` or ``row.gene`` by variable, ``row[0]`` by
    position; ``row.values()`` are :class:`~cytokine_rdf.terms.Term` (None when unbound).

    >>> from cytokine_rdf.terms import Term
    >>> row = Solution(("gene", "label"), (Term.iri("https://w3id.org/cytokine-rdf/CYTO_0000201"), None))
    >>> row["gene"].value, row.label
    ('https://w3id.org/cytokine-rdf/CYTO_0000201', None)
    """

    __slots__ = ("_index", "_terms")

    def __init__(self, variables: tuple[str, ...], terms: Row) -> None:
        self._index = {name: i for i, name in enumerate(variables)}
        self._terms = terms

    def __getitem__(self, key: str | int) -> Term | None:
        if isinstance(key, int):
            return self._terms[key]
        if key not in self._index:
            raise KeyError(f"no variable ?{key} in this result (it has {', '.join(self._index)})")
        return self._terms[self._index[key]]

    def __getattr__(self, name: str) -> Term | None:
        if name.startswith("_") or name not in self._index:
            raise AttributeError(name)
        return self._terms[self._index[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v.display() if v else None}" for k, v in self.items())
        return f"Solution({shown})"


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query: ``rows[i][j]`` is the value of ``variables[j]`` (None = unbound).

    Iterating gives one :class:`Solution` per row (named access); :meth:`to_dicts` plain values;
    :meth:`to_pandas` a DataFrame when pandas is installed.
    """

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def __iter__(self) -> Iterator[Solution]:
        return (Solution(self.variables, row) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Term | None]:
        """The values of one variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def to_dicts(self) -> list[dict[str, str | None]]:
        """Each row as ``{variable: value text}`` (None when unbound), e.g. for ``json.dumps``."""
        return [
            {
                name: (term.value if term is not None else None)
                for name, term in zip(self.variables, row, strict=True)
            }
            for row in self.rows
        ]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the values (one column per variable); needs pandas installed."""
        try:
            pandas = importlib.import_module("pandas")  # optional: not a dependency
        except ImportError as exc:
            raise CytokineRdfError(
                "to_pandas() needs pandas", hint="pip install pandas, or use to_dicts()"
            ) from exc
        columns = {}
        for index, name in enumerate(self.variables):
            values = [
                None if (term := row[index]) is None else term.to_python() for row in self.rows
            ]
            dtype = _dtype(values)
            if dtype == "datetime":  # time zones, when given, are kept as UTC
                aware = any(getattr(v, "tzinfo", None) for v in values)
                columns[name] = pandas.to_datetime(pandas.Series(values, dtype=object), utc=aware)
            else:
                columns[name] = pandas.Series(values, dtype=dtype)
        return pandas.DataFrame(columns, columns=list(self.variables))


def _dtype(values: list[object]) -> str:
    """The pandas dtype of a column: nullable integers, floats and booleans, datetimes, else object
    (text, IRIs, mixed types), so that counts sum and dates sort."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {int}:
        return "Int64"
    if kinds and kinds <= {int, float}:
        return "Float64"
    if kinds == {bool}:
        return "boolean"
    if kinds == {datetime.date} or kinds == {datetime.datetime}:
        return "datetime"
    return "object"


@dataclass(frozen=True)
class GraphResult:
    """Triples of a CONSTRUCT or DESCRIBE query, sorted; iterating gives the triples."""

    triples: tuple[Triple, ...]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool

    def __bool__(self) -> bool:
        return self.value


Result = SelectResult | GraphResult | AskResult


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def _sort_key(row: Row) -> tuple[tuple[int, str, str, str], ...]:
    return tuple(
        (0, "", "", "") if t is None else (1, t.kind, t.value, t.datatype or t.lang or "")
        for t in row
    )


def finish_select(variables: tuple[str, ...], rows: list[Row], text: str) -> SelectResult:
    """Keep the query's order when it has ORDER BY, else sort rows so output is deterministic."""
    if projection(text) is None:  # SELECT *: columns in the order the query writes them
        ordered = tuple(in_query_order(text, variables))
        if ordered != variables:
            where = [variables.index(v) for v in ordered]
            rows = [tuple(row[i] for i in where) for row in rows]
            variables = ordered
    if not _ORDER_BY.search(text):
        rows = sorted(rows, key=_sort_key)
    return SelectResult(variables, tuple(rows))


def finish_graph(triples: list[Triple]) -> GraphResult:
    """Sort triples for deterministic output."""
    return GraphResult(tuple(sorted(set(triples))))
