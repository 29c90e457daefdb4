"""Query results, engine-neutral: rows of :class:`~cytokine_rdf.terms.Term`, triples, booleans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cytokine_rdf.terms import Term

Row = tuple[Term | None, ...]


Triple = tuple[Term, Term, Term]


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query: ``rows[i][j]`` is the value of ``variables[j]`` (None = unbound)."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def column(self, name: str) -> list[Term | None]:
        """The values of one variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class GraphResult:
    """Triples of a CONSTRUCT or DESCRIBE query, sorted."""

    triples: tuple[Triple, ...]


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool


Result = SelectResult | GraphResult | AskResult


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def _sort_key(row: Row) -> tuple[tuple[int, str, str, str], ...]:
    return tuple(
        (0, "", "", "") if t is None else (1, t.kind, t.value, t.datatype or t.lang or "")
        for t in row
    )


def finish_select(variables: tuple[str, ...], rows: list[Row], text: str) -> SelectResult:
    """Keep the query's order when it has ORDER BY, else sort rows so output is deterministic."""
    if not _ORDER_BY.search(text):
        rows = sorted(rows, key=_sort_key)
    return SelectResult(variables, tuple(rows))


def finish_graph(triples: list[Triple]) -> GraphResult:
    """Sort triples for deterministic output."""
    return GraphResult(tuple(sorted(set(triples))))
