"""Canonical blank-node labels and graph isomorphism, with bounded work.

rdflib's canonicaliser (RGDA1) is what every output used so far, so its labels stay the default.
Its search is exponential on symmetric blank-node structures (two rings of 40 blank nodes: 88 s)
and quadratic or worse on long chains (a 1,000-item list). Here its work is counted (graph
lookups, deterministic, unlike a clock) and, past a budget, the graph is split by the shape of its
blank nodes:

- blank nodes that form trees (each used at most once as an object, no cycles: lists, OWL
  restrictions, axioms, nested descriptions) get labels hashed from their content and their place
  under the tree's root, in time linear in the graph, iteratively (a 10,000-deep chain is fine);
- the rest (shared or cyclic blank nodes) goes to Oxigraph's Rust canonicaliser, whose search is
  polynomial but steep, so their number is capped (``CYTOKINE_RDF_CANON_MAX_CYCLIC``) and blank
  nodes that colour refinement cannot tell apart are refused past ``MAX_SYMMETRIC``.

The result is still canonical and deterministic, only with other labels; a warning says so.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.compare import _TripleCanonicalizer

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.terms import Term

__all__ = [
    "MAX_CYCLIC",
    "MAX_SYMMETRIC",
    "WORK_BUDGET",
    "canonical_graph",
    "canonical_pair",
    "isomorphic",
]

log = logging.getLogger(__name__)

# Graph lookups rdflib may make before Oxigraph takes over (about 0.35 s of work). The packaged
# ontology needs 22,000; two rings of 10 blank nodes need 60,000 and two of 20 over 1,000,000.
WORK_BUDGET = int(os.environ.get("CYTOKINE_RDF_CANON_BUDGET", "100000"))
# Blank nodes that colour refinement cannot tell apart, above which even Oxigraph's search runs
# long: in rings of blank nodes, 200 take 0.15 s, 400 take 2.4 s, 600 take 8.6 s, 1,000 take 34 s.
MAX_SYMMETRIC = int(os.environ.get("CYTOKINE_RDF_CANON_MAX_SYMMETRIC", "500"))
# Shared or cyclic blank nodes handed to Oxigraph at most: its search grows with the cube of a
# chain's length inside a cycle (200 take 0.6 s, 400 take 6 s), and it cannot be interrupted.
MAX_CYCLIC = int(os.environ.get("CYTOKINE_RDF_CANON_MAX_CYCLIC", "2000"))


class _OverBudgetError(Exception):
    pass


class _CountingGraph:
    """The view of the graph rdflib's canonicaliser gets: counts lookups, stops past a budget."""

    def __init__(self, graph: rdflib.Graph, budget: int) -> None:
        self._graph = graph
        self.left = budget

    def triples(self, pattern: Any) -> Iterator[Any]:
        self.left -= 1
        if self.left < 0:
            raise _OverBudgetError
        return self._graph.triples(pattern)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._graph)

    def __len__(self) -> int:
        return len(self._graph)


def _has_bnodes(graph: rdflib.Graph) -> bool:
    return any(isinstance(t, rdflib.BNode) for triple in graph for t in triple)


def _rdflib_canonical(graph: rdflib.Graph, budget: int) -> rdflib.Graph:
    result = rdflib.Graph()
    canonicaliser = _TripleCanonicalizer(graph)
    canonicaliser.graph = _CountingGraph(graph, budget)  # type: ignore[assignment]
    for triple in canonicaliser.canonical_triples():
        result.add(triple)
    return result


def _symmetric_bnodes(graph: rdflib.Graph, rounds: int = 64) -> int:
    """Blank nodes that colour refinement cannot tell apart (0 if it has not settled in ``rounds``).

    Those are what makes every canonicaliser search; a chain of blank nodes that only needs more
    rounds is not counted, since Oxigraph's refinement separates it quickly."""

    ids: dict[Any, int] = {}

    def intern(key: Any) -> int:
        return ids.setdefault(key, len(ids))

    start: dict[Any, list[Any]] = {}
    links: dict[Any, list[tuple[int, Any, Any]]] = {}
    for s, p, o in graph:
        if isinstance(s, rdflib.BNode):
            start.setdefault(s, []).append((0, p, None if isinstance(o, rdflib.BNode) else o))
            if isinstance(o, rdflib.BNode):
                links.setdefault(s, []).append((0, p, o))
        if isinstance(o, rdflib.BNode):
            start.setdefault(o, []).append((1, p, None if isinstance(s, rdflib.BNode) else s))
            if isinstance(s, rdflib.BNode):
                links.setdefault(o, []).append((1, p, s))
    colour = {b: intern(tuple(sorted(map(str, parts)))) for b, parts in start.items()}
    classes = len(set(colour.values()))
    for _ in range(rounds):
        colour = {
            b: intern((c, tuple(sorted((d, str(p), colour[n]) for d, p, n in links.get(b, ())))))
            for b, c in colour.items()
        }
        settled = len(set(colour.values())) == classes
        classes = len(set(colour.values()))
        if settled:
            sizes: dict[int, int] = {}
            for c in colour.values():
                sizes[c] = sizes.get(c, 0) + 1
            return sum(n for n in sizes.values() if n > 1)
    return 0


@lru_cache(maxsize=64)
def _say_once(symmetric: int) -> None:
    # labels differ from rdflib's: a warning when the cause is the data's shape, not its size
    log.log(
        logging.WARNING if symmetric else logging.INFO,
        "blank-node labels from Oxigraph's canonicaliser (%s)",
        f"{symmetric} symmetric blank nodes" if symmetric else "too many for rdflib's",
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _tree_labels(graph: rdflib.Graph) -> tuple[dict[Any, str], set[Any]]:
    """Content-hashed labels of the blank nodes that form trees, and the other blank nodes.

    A connected group of blank nodes (linked subject to object) is a tree when each is the object
    of at most one triple and it has one link fewer than nodes. Its root's label hashes the
    triple that points at it (if any) and the content below it; each child's label hashes its
    parent's label, the predicate and its own content. Roots or siblings with the same context and
    content are interchangeable, so numbering them in any order gives the same graph.
    """

    incoming: dict[Any, int] = {}
    context: dict[Any, tuple[str, str]] = {}
    children: dict[Any, list[tuple[str, Any]]] = {}
    plain: dict[Any, list[str]] = {}
    neighbours: dict[Any, list[Any]] = {}
    for s, p, o in graph:
        s_blank, o_blank = isinstance(s, rdflib.BNode), isinstance(o, rdflib.BNode)
        for node in (s,) * s_blank + (o,) * o_blank:
            neighbours.setdefault(node, [])
            plain.setdefault(node, [])
        if o_blank:
            incoming[o] = incoming.get(o, 0) + 1
            if not s_blank:
                context[o] = (s.n3(), p.n3())
        if s_blank and o_blank:
            children.setdefault(s, []).append((p.n3(), o))
            neighbours[s].append(o)
            neighbours[o].append(s)
        elif s_blank:
            plain[s].append(f"{p.n3()} {o.n3()}")
    others: set[Any] = set()
    content: dict[Any, str] = {}
    roots: list[tuple[tuple[str, ...], Any]] = []
    seen: set[Any] = set()
    for start in neighbours:
        if start in seen:
            continue
        group, stack, links = [start], [start], 0
        seen.add(start)
        while stack:
            node = stack.pop()
            links += len(children.get(node, ()))
            for other in neighbours[node]:
                if other not in seen:
                    seen.add(other)
                    group.append(other)
                    stack.append(other)
        tops = [b for b in group if incoming.get(b, 0) == (1 if b in context else 0)]
        if links != len(group) - 1 or len(tops) != 1 or any(incoming.get(b, 0) > 1 for b in group):
            others.update(group)
            continue
        order, stack = [], [tops[0]]  # parents before children, without recursion
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(child for _p, child in children.get(node, ()))
        for node in reversed(order):  # content hashes bottom-up
            content[node] = _digest(
                *sorted(
                    [f"t {entry}" for entry in plain[node]]
                    + [f"c {p} {content[child]}" for p, child in children.get(node, ())]
                )
            )
        roots.append(((*context.get(tops[0], ("", "")), content[tops[0]]), tops[0]))

    labels: dict[Any, str] = {}

    def number(items: list[tuple[tuple[str, ...], Any]], parent: str) -> None:
        count: dict[tuple[str, ...], int] = {}
        for key, node in sorted(items, key=lambda item: item[0]):
            count[key] = count.get(key, -1) + 1
            labels[node] = "t" + _digest(parent, *key, str(count[key]))[:40]

    number(roots, "root")
    stack = [node for _key, node in roots]
    while stack:
        node = stack.pop()
        below = children.get(node, [])
        number([((p, content[child]), child) for p, child in below], labels[node])
        stack.extend(child for _p, child in below)
    return labels, others


def _split_canonical(graph: rdflib.Graph) -> rdflib.Graph:
    labels, others = _tree_labels(graph)
    result = rdflib.Graph()
    rest = rdflib.Graph()
    for s, p, o in graph:
        if s in others or o in others:
            rest.add((s, p, o))
            continue
        result.add(
            (
                rdflib.BNode(labels[s]) if s in labels else s,
                p,
                rdflib.BNode(labels[o]) if o in labels else o,
            )
        )
    if others:
        for triple in _oxigraph_canonical(rest, len(others)):
            result.add(triple)
    else:
        _say_once(0)
    return result


def _oxigraph_canonical(graph: rdflib.Graph, count: int) -> rdflib.Graph:
    if count > MAX_CYCLIC:
        raise CytokineRdfError(
            f"{count} blank nodes are shared or form cycles: giving them canonical labels "
            "would take minutes",
            hint="give some of them IRIs, or raise CYTOKINE_RDF_CANON_MAX_CYCLIC "
            f"(now {MAX_CYCLIC}) and wait",
        )
    symmetric = _symmetric_bnodes(graph)
    if symmetric > MAX_SYMMETRIC:
        raise CytokineRdfError(
            f"{symmetric} blank nodes cannot be told apart by their neighbourhoods: giving them "
            "canonical labels would take minutes",
            hint="give some of them IRIs, or raise CYTOKINE_RDF_CANON_MAX_SYMMETRIC "
            f"(now {MAX_SYMMETRIC}) and wait",
        )
    _say_once(symmetric)
    dataset = ox.Dataset()
    for s, p, o in graph:
        parts = [Term.from_rdflib(t).to_oxigraph() for t in (s, p, o)]
        dataset.add(ox.Quad(*parts))  # type: ignore[arg-type]
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    result = rdflib.Graph()
    for quad in dataset:
        result.add(
            tuple(
                Term.from_oxigraph(t).to_rdflib()
                for t in (quad.subject, quad.predicate, quad.object)
            )  # type: ignore[arg-type]
        )
    return result


def canonical_graph(graph: rdflib.Graph, budget: int | None = None) -> rdflib.Graph:
    """``graph`` with blank nodes relabelled from the graph's content alone (same graph, same labels).

    >>> g = rdflib.Graph().parse(data="[] <http://ex/p> 1 .", format="turtle")
    >>> h = rdflib.Graph().parse(data="_:other <http://ex/p> 1 .", format="turtle")
    >>> set(canonical_graph(g)) == set(canonical_graph(h))
    True
    """

    if not _has_bnodes(graph):
        return graph
    try:
        return _rdflib_canonical(graph, WORK_BUDGET if budget is None else budget)
    except _OverBudgetError:
        return _split_canonical(graph)


def isomorphic(first: rdflib.Graph, second: rdflib.Graph) -> bool:
    """Whether the graphs are the same up to blank-node names (bounded like :func:`canonical_graph`).

    >>> g = rdflib.Graph().parse(data="[] <http://ex/p> 1 .", format="turtle")
    >>> isomorphic(g, rdflib.Graph().parse(data="_:x <http://ex/p> 1 .", format="turtle"))
    True
    """

    if len(first) != len(second):
        return False
    if not (_has_bnodes(first) or _has_bnodes(second)):
        return set(first) == set(second)
    one, other = canonical_pair(first, second)
    return set(one) == set(other)


def canonical_pair(first: rdflib.Graph, second: rdflib.Graph) -> tuple[rdflib.Graph, rdflib.Graph]:
    """Both graphs canonicalised by the same method, so that equal graphs get equal labels."""

    try:
        return _rdflib_canonical(first, WORK_BUDGET), _rdflib_canonical(second, WORK_BUDGET)
    except _OverBudgetError:
        return _split_canonical(first), _split_canonical(second)
