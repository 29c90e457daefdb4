"""Large data cut into parts that the Rust engine validates one at a time, with the same results.

The engine's cost grows faster than its results: on 1M triples whose shapes fail 180k times it
held 2.08 GB and took 10.9 s CPU in one run, and 484 MB and 7.4 s in eight runs of an eighth each.
So data of twice :data:`PART_TRIPLES` or more on which a first run of the engine reaches
:data:`PROBE_RESULTS` results (``run_engine`` stops it there) is cut, each part validated with the
whole background (the ontology), when that cannot change a result:

- a part holds whole *components*: nodes linked subject to object where the object has triples
  of its own in the data, or is an object of a ``sh:targetObjectsOf`` predicate (a focus node).
  Every data triple that a focus node's validation reads by following properties forward (its
  values, their types for ``sh:class``, ``sh:node`` on them, ...) is then in the focus node's
  part; background triples are in every part;
- the data is validated whole (:func:`parts` gives None) when a shape walks a property backwards
  (``sh:inversePath``, which could reach another part) or names its focus nodes
  (``sh:targetNode``: validated in every part), when the data has blank nodes (their labels are
  the parser's, not the same in two reads) or a literal focus node, or describes a node that the
  background has (a focus node of the background, in every part, could reach its triples from
  any part), or when one component holds half the data (nothing to gain).

Each result counts in the part that owns its focus node (:meth:`Parts.owner`): a node of the
background that is a focus node in every part (through the background's triples, the same
everywhere) has the same results in each and counts once. A focus node that is neither the data's
nor the background's stops the split (:class:`UnplacedError`) rather than be guessed.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from cytokine_rdf.vocab import SH

__all__ = ["PART_TRIPLES", "PROBE_RESULTS", "Parts", "UnplacedError", "parts", "splittable"]

# Triples per part: the engine's time per result was lowest with about 125k (1M in 8 parts).
PART_TRIPLES = 125_000
# Results past which data that could be cut is cut: the engine first runs on the whole data,
# stopping there (1.3 s at 1M triples). Most data has fewer, and one run is then cheaper than the
# cut (1M triples, no result: 2.5 s whole, 6.1 s in parts); 10,000 cost the engine about 85 MB.
PROBE_RESULTS = 10_000
_REFUSED = {SH + "inversePath", SH + "targetNode"}


class UnplacedError(Exception):
    """The engine named a focus node that no part owns and the background does not have."""


@dataclass
class Parts:
    """The data as N-Triples documents, and the part that owns each IRI of the data (0 for an IRI
    with no triples of its own, which no part owns more than another), keyed by the IRI as the
    engine writes a focus node (``<IRI>``)."""

    documents: list[str]
    owners: dict[str, int]
    background: set[str]  # the background's IRIs (``<IRI>``): focus nodes in every part alike

    def owner(self, focus: str) -> int:
        """The part whose results about ``focus`` (the engine's N-Triples) count; the first for a
        node of the background, a blank node or a literal (the background's: the data has
        neither)."""
        part = self.owners.get(focus)
        if part is not None:
            return part
        if not focus.startswith("<") or focus in self.background:
            return 0
        raise UnplacedError(focus)

    def kept(self, part: int, results: list[Any]) -> list[Any]:
        """The engine's ``results`` on ``part`` that count there."""
        owners, owner = self.owners, self.owner
        return [r for r in results if (owners.get(r.focus_node) or owner(r.focus_node)) == part]


def splittable(triples: int, shapes: Iterable[Any], *, size: int | None = None) -> bool:
    """Whether data of ``triples`` triples may be cut for ``shapes`` (pyoxigraph quads), as far as
    can be told without reading the data."""
    return triples >= 2 * (size or PART_TRIPLES) and not any(
        q.predicate.value in _REFUSED for q in shapes
    )


def parts(
    quads: Callable[[], Iterable[Any]],
    triples: int,
    shapes: Iterable[Any],
    background: ox.Store | None,
    *,
    size: int | None = None,
) -> Parts | None:
    """The data (``quads()``, read once; ``triples`` of them, as ``scan`` counted) in parts of
    whole components, about ``size`` (:data:`PART_TRIPLES`) triples each; None when it is
    validated whole."""
    shapes = list(shapes)
    if not splittable(triples, shapes, size=size):
        return None
    size = size or PART_TRIPLES
    focus_of = {q.object for q in shapes if q.predicate.value == SH + "targetObjectsOf"}
    ids: dict[Any, int] = {}
    subjects = array("q")  # each triple's subject id, in the order the parser gives them
    lines: list[str] = []  # each triple as N-Triples without its " .", in the same order
    links = array("q")  # (subject id, object id, 1 if the object is a focus node) per link
    named, blank = ox.NamedNode, ox.BlankNode
    for q in quads():  # 1M triples: keep it lean
        s, o = q.subject, q.object
        if type(s) is not named or type(o) is blank:
            return None
        a = ids.setdefault(s, len(ids))
        subjects.append(a)
        lines.append(str(q))  # a quad of the default graph: the triple's N-Triples
        focus = bool(focus_of) and q.predicate in focus_of
        if type(o) is named:
            links.extend((a, ids.setdefault(o, len(ids)), focus))
        elif focus:
            return None  # a literal focus node: the engine may spell it otherwise than here
    has_triples = bytearray(len(ids))
    for a in set(subjects):
        has_triples[a] = 1
    known: set[str] = set()
    if background is not None:
        for q in background:
            for node in (q.subject, q.object):
                if type(node) is named:
                    known.add(f"<{node.value}>")
                    n = ids.get(node)
                    if n is not None and has_triples[n]:
                        return None  # the data describes a node of the background
    parent = list(range(len(ids)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i in range(0, len(links), 3):
        a, b = links[i], links[i + 1]
        if links[i + 2] or has_triples[b]:
            ra, rb = root(a), root(b)
            if ra != rb:  # the smaller id becomes the root: the same parts on every run
                parent[max(ra, rb)] = min(ra, rb)
    del links
    roots = [root(n) for n in range(len(ids))]
    weight: dict[int, int] = {}
    for a in subjects:
        r = roots[a]
        weight[r] = weight.get(r, 0) + 1
    if max(weight.values(), default=triples) * 2 > triples:
        return None
    # the heaviest components first, each to the lightest part so far: parts of about equal size
    count = -(-triples // size)
    load = [(0, k) for k in range(count)]
    part_of: dict[int, int] = {}
    for r, w in sorted(weight.items(), key=lambda item: (-item[1], item[0])):
        total, k = heapq.heappop(load)
        part_of[r] = k
        heapq.heappush(load, (total + w, k))
    owners = {f"<{node.value}>": part_of.get(roots[n], 0) for node, n in ids.items()}
    del ids
    target = [part_of.get(r, 0) for r in roots]  # node id -> its part
    out: list[list[str]] = [[] for _ in range(count)]
    adds = [part.append for part in out]
    for a, line in zip(subjects, lines, strict=True):
        adds[target[a]](line)
    del lines
    return Parts([" .\n".join([*part, ""]) for part in out], owners, known)
