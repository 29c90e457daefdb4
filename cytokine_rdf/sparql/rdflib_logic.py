"""``||`` and ``&&`` in rdflib's SPARQL evaluated left to right, stopping once the answer is known.

rdflib evaluates every operand before it combines them, so the templates' switch for an omitted
parameter, ``!BOUND(?__p) || EXISTS { ... }``, still runs the EXISTS once per row with ``?__p``
unbound: ``tumour-associations`` took 24 s on ``--engine rdflib`` for that. The replacements follow
the SPARQL 1.1 truth tables (section 17.2): ``true || error`` is true and ``false && error`` is
false, whatever the order; an error is raised only when no operand decides the answer.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rdflib import Literal
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.parserutils import value
from rdflib.plugins.sparql.sparql import SPARQLError

__all__ = ["install"]


def _operands(expression: Any) -> tuple[Any, list[Any] | None]:
    # the raw operands: reading them as attributes would evaluate every one of them
    return OrderedDict.__getitem__(expression, "expr"), OrderedDict.get(expression, "other")


def _decide(expression: Any, ctx: Any, decisive: bool) -> Any:
    first, other = _operands(expression)
    if other is None:  # a lone operand: the grammar wraps every expression in both productions
        return value(ctx, first)
    error: SPARQLError | None = None
    for operand in [first, *other]:
        try:
            if EBV(value(ctx, operand)) is decisive:
                return Literal(decisive)
        except SPARQLError as exc:
            error = exc
    if error is not None:
        raise error
    return Literal(not decisive)


def _or(expression: Any, ctx: Any) -> Any:
    return _decide(expression, ctx, True)


def _and(expression: Any, ctx: Any) -> Any:
    return _decide(expression, ctx, False)


def install() -> None:
    """Make queries rdflib parses from now on use the short-circuit ``||`` and ``&&`` (idempotent)."""
    parser.ConditionalOrExpression.setEvalFn(_or)
    parser.ConditionalAndExpression.setEvalFn(_and)
