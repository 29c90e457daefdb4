"""A Java-free structural reasoner: disjointness clashes and subclass cycles from told axioms.

What it does, on named classes only:

- builds the told hierarchy from ``rdfs:subClassOf`` between named classes, ``owl:equivalentClass``
  between named classes (both ways), and the named members of an ``owl:intersectionOf`` that a
  class is a subclass of or equivalent to; ``owl:disjointUnionOf`` members become subclasses;
- finds every class with two disjoint classes (``owl:disjointWith``, ``owl:AllDisjointClasses``,
  ``owl:disjointUnionOf``) or ``owl:Nothing`` among its ancestors: it is unsatisfiable;
- calls the ontology inconsistent when a named individual is typed (through the hierarchy) with two
  disjoint classes or with an unsatisfiable class;
- reports cycles of ``rdfs:subClassOf`` (which make their classes equivalent).

Limits: it ignores restrictions (``someValuesFrom``, cardinalities), unions, complements, property
characteristics, domains and ranges, so it misses any clash that needs them; what it reports is real,
but no finding does not mean coherent. Use HermiT (the default, needs Java) for a full check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import rdflib
from rdflib import OWL, RDF, RDFS
from rdflib.collection import Collection

from cytokine_rdf.validation.results import ReasonerResult
from cytokine_rdf.vocab import OWL_NOTHING, OWL_THING

__all__ = ["structural_reason"]


def _list_items(graph: rdflib.Graph, head: rdflib.term.Node) -> list[rdflib.term.Node]:

    return list(Collection(graph, head))


def _told_supers(graph: rdflib.Graph) -> dict[str, set[str]]:

    supers: dict[str, set[str]] = defaultdict(set)

    def add_expression(sub: str, expression: rdflib.term.Node) -> None:
        if isinstance(expression, rdflib.URIRef):
            supers[sub].add(str(expression))
            return
        for head in graph.objects(expression, OWL.intersectionOf):
            for member in _list_items(graph, head):
                if isinstance(member, rdflib.URIRef):
                    supers[sub].add(str(member))

    for child, parent in graph.subject_objects(RDFS.subClassOf):
        if isinstance(child, rdflib.URIRef):
            add_expression(str(child), parent)
    for left, right in graph.subject_objects(OWL.equivalentClass):
        if isinstance(left, rdflib.URIRef):
            add_expression(str(left), right)
        if isinstance(right, rdflib.URIRef):
            add_expression(str(right), left)
    for whole, head in graph.subject_objects(OWL.disjointUnionOf):
        for member in _list_items(graph, head):
            if isinstance(member, rdflib.URIRef) and isinstance(whole, rdflib.URIRef):
                supers[str(member)].add(str(whole))
    for name, parents in supers.items():
        parents.discard(name)
        parents.discard(OWL_THING)
    return supers


def _disjoint_pairs(graph: rdflib.Graph) -> set[frozenset[str]]:

    pairs: set[frozenset[str]] = set()

    def add_group(members: Iterable[rdflib.term.Node]) -> None:
        named = sorted({str(m) for m in members if isinstance(m, rdflib.URIRef)})
        pairs.update(frozenset((a, b)) for i, a in enumerate(named) for b in named[i + 1 :])

    for a, b in graph.subject_objects(OWL.disjointWith):
        add_group((a, b))
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for head in graph.objects(node, OWL.members):
            add_group(_list_items(graph, head))
    for _whole, head in graph.subject_objects(OWL.disjointUnionOf):
        add_group(_list_items(graph, head))
    return pairs


def _ancestors(start: str, supers: dict[str, set[str]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for parent in supers.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def _clash(classes: set[str], pairs: set[frozenset[str]]) -> tuple[str, str] | None:
    if OWL_NOTHING in classes:
        return (OWL_NOTHING, OWL_NOTHING)
    for pair in pairs:
        if pair <= classes:
            a, b = sorted(pair)
            return (a, b)
    return None


def _cycles(graph: rdflib.Graph) -> list[tuple[str, ...]]:
    """Strongly connected components (size > 1) of the told rdfs:subClassOf graph (Tarjan, iterative)."""

    edges: dict[str, list[str]] = defaultdict(list)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, rdflib.URIRef) and isinstance(sup, rdflib.URIRef) and sub != sup:
            edges[str(sub)].append(str(sup))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[tuple[str, ...]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(tuple(sorted(component)))
    return sorted(found)


def structural_reason(graph: rdflib.Graph) -> ReasonerResult:
    """Check ``graph`` structurally (see the module docstring for what this finds and misses)."""

    supers = _told_supers(graph)
    pairs = _disjoint_pairs(graph)
    classes = {str(c) for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, rdflib.URIRef)}
    classes |= set(supers)
    labels = {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}
    unsatisfiable = set()
    for cls in classes - {OWL_NOTHING}:
        if _clash(_ancestors(cls, supers), pairs):
            unsatisfiable.add(cls)
    explanation = ""
    skip = {str(OWL.NamedIndividual), str(OWL.Class), str(OWL.Thing)}
    types: dict[str, set[str]] = defaultdict(set)
    for member, typ in graph.subject_objects(RDF.type):
        if (
            isinstance(member, rdflib.URIRef)
            and isinstance(typ, rdflib.URIRef)
            and str(typ) in classes
        ):
            types[str(member)].add(str(typ))
    for individual in sorted(types):
        reach: set[str] = set()
        for cls in types[individual]:
            reach |= _ancestors(cls, supers)
        clash = _clash(reach, pairs)
        if clash or reach & unsatisfiable:
            a, b = clash or (min(reach & unsatisfiable), "owl:Nothing")
            explanation = (
                f"individual <{individual}> is a member of disjoint classes <{a}> and <{b}>"
            )
            break
    pairs_out = sorted(
        (sub, sup) for sub, sups in supers.items() for sup in sups if sup not in skip
    )
    return ReasonerResult(
        reasoner="structural",
        consistent=not explanation,
        unsatisfiable=tuple(sorted((c, labels.get(c, "")) for c in unsatisfiable)),
        subclass_pairs=tuple(pairs_out),
        cycles=tuple(_cycles(graph)),
        explanation=explanation,
    )
