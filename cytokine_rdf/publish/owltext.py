"""OWL class expressions and entity names rendered in words (Manchester-like), for diffs and docs."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

import rdflib

from cytokine_rdf.terms import compact

if TYPE_CHECKING:
    from rdflib.term import Node


# --- readable class expressions ---------------------------------------------------------------
def _name(
    graph: rdflib.Graph,
    labels: dict[str, str],
    node: Node,
    link: Callable[[str], str] | None = None,
) -> str:

    if isinstance(node, rdflib.URIRef):
        if link is not None:
            return link(str(node))
        label = labels.get(str(node))
        return label if label else compact(str(node))
    if isinstance(node, rdflib.Literal):
        text = json.dumps(str(node), ensure_ascii=False) + (
            f"@{node.language}" if node.language else ""
        )
        return escape(text) if link is not None else text
    return render_expression(graph, node, labels, link=link)


def render_expression(
    graph: rdflib.Graph,
    node: Node,
    labels: dict[str, str],
    depth: int = 0,
    *,
    link: Callable[[str], str] | None = None,
) -> str:
    """A class expression in words: ``enables some cytokine activity``, ``(A and B)``, ``{x, y}``.

    With ``link`` the result is HTML: ``link(iri)`` gives the markup of every named entity and all
    other text from the graph is escaped.
    """

    if not isinstance(node, rdflib.BNode):
        return _name(graph, labels, node, link)
    if depth > 20:  # deep nesting or a cycle of blank nodes (owl:complementOf loops)
        return "…"
    esc: Callable[[str], str] = escape if link is not None else str

    def sub(n: Node) -> str:
        return render_expression(graph, n, labels, depth + 1, link=link)

    prop = graph.value(node, rdflib.OWL.onProperty)
    if prop is not None:
        p = sub(prop)
        for predicate, word in (
            (rdflib.OWL.someValuesFrom, "some"),
            (rdflib.OWL.allValuesFrom, "only"),
            (rdflib.OWL.hasValue, "value"),
        ):
            filler = graph.value(node, predicate)
            if filler is not None:
                return f"{p} {word} {sub(filler)}"
        for predicate, word in (
            (rdflib.OWL.minQualifiedCardinality, "min"),
            (rdflib.OWL.maxQualifiedCardinality, "max"),
            (rdflib.OWL.qualifiedCardinality, "exactly"),
            (rdflib.OWL.minCardinality, "min"),
            (rdflib.OWL.maxCardinality, "max"),
            (rdflib.OWL.cardinality, "exactly"),
        ):
            number = graph.value(node, predicate)
            if number is not None:
                on = graph.value(node, rdflib.OWL.onClass)
                return f"{p} {word} {esc(str(number))}" + (f" {sub(on)}" if on is not None else "")
    for predicate, word in ((rdflib.OWL.intersectionOf, " and "), (rdflib.OWL.unionOf, " or ")):
        members = graph.value(node, predicate)
        if members is not None:
            return "(" + word.join(sorted(sub(m) for m in graph.items(members))) + ")"
    complement = graph.value(node, rdflib.OWL.complementOf)
    if complement is not None:
        return f"not {sub(complement)}"
    one_of = graph.value(node, rdflib.OWL.oneOf)
    if one_of is not None:
        return "{" + ", ".join(sorted(sub(m) for m in graph.items(one_of))) + "}"
    if graph.value(node, rdflib.RDF.first) is not None:
        return "(" + ", ".join(sub(m) for m in graph.items(node)) + ")"
    pairs = sorted(
        f"{_name(graph, labels, p, link)} {sub(o)}"
        for p, o in graph.predicate_objects(node)
        if p != rdflib.RDF.type
    )
    return "[" + "; ".join(pairs) + "]"


def labels_of(*graphs: rdflib.Graph) -> dict[str, str]:
    """IRI -> label (the first graph that labels it wins; the smallest label when several)."""

    out: dict[str, str] = {}
    for graph in graphs:
        found: dict[str, list[str]] = defaultdict(list)
        for s, o in graph.subject_objects(rdflib.RDFS.label):
            if isinstance(s, rdflib.URIRef):
                found[str(s)].append(str(o))
        for iri, values in found.items():
            out.setdefault(iri, min(values))
    return out
