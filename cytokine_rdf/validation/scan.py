"""What the SHACL gate needs to know about users' data, from one streaming pass over its triples.

The data is not loaded into a store for SHACL (at 1M triples a store costs 2.4 s and 0.55 GB, as
much memory as the Rust engine's own copy): :func:`scan` reads the triples once, as the files write
them, and keeps only what the report needs: how many nodes the shapes target (focus nodes), the
first ``rdfs:label`` of every subject, which of the ontology's nodes the data also uses (so that
the ontology's own findings are left out), the first typed literal the two SHACL engines may read
differently, and whether the data imports anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from cytokine_rdf.vocab import OWL, RDF, RDFS, SH

__all__ = ["Scan", "Targets", "literal_disputed", "scan"]

_TYPE = ox.NamedNode(RDF + "type")
_SUBCLASS = ox.NamedNode(RDFS + "subClassOf")
_LABEL = ox.NamedNode(RDFS + "label")
_IMPORTS = ox.NamedNode(OWL + "imports")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = (_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


@dataclass
class Targets:
    """The shapes' targets, as :func:`scan` counts focus nodes: ``sh:targetNode`` values, classes
    (``sh:targetClass`` and shapes that are classes), the predicates of ``sh:targetSubjectsOf`` /
    ``sh:targetObjectsOf``, and how many SPARQL-based targets (``sh:target``), each counted as one."""

    nodes: set[Any] = field(default_factory=set)
    classes: set[Any] = field(default_factory=set)
    subjects_of: set[Any] = field(default_factory=set)
    objects_of: set[Any] = field(default_factory=set)
    sparql: int = 0

    @classmethod
    def of(cls, quads: Iterable[Any]) -> Targets:
        """The targets of a shapes graph (pyoxigraph quads)."""
        out = cls()
        typed: dict[Any, set[str]] = defaultdict(set)
        for q in quads:
            p = q.predicate.value
            if p == SH + "targetNode":
                out.nodes.add(q.object)
            elif p == SH + "targetClass" and not isinstance(q.object, ox.Literal):
                out.classes.add(q.object)
            elif p == SH + "targetSubjectsOf" and isinstance(q.object, ox.NamedNode):
                out.subjects_of.add(q.object)
            elif p == SH + "targetObjectsOf" and isinstance(q.object, ox.NamedNode):
                out.objects_of.add(q.object)
            elif p == SH + "target":
                out.sparql += 1
            elif p == RDF + "type" and isinstance(q.object, ox.NamedNode):
                typed[q.subject].add(q.object.value)
        shapes = {SH + "NodeShape"}
        kinds = {RDFS + "Class", OWL + "Class"}
        out.classes |= {s for s, ts in typed.items() if ts & shapes and ts & kinds}
        return out


@dataclass
class Scan:
    """What one pass over the data found (see :func:`scan`)."""

    triples: int = 0
    focus_nodes: int = 0
    labels: dict[Any, str] = field(default_factory=dict)  # subject -> its smallest rdfs:label
    shared: set[Any] = field(default_factory=set)  # ontology nodes in data triples not in it
    disputed: str | None = None  # the first literal the engines may read differently
    imports: bool = False  # the data has owl:imports (which the loader follows)
    ontology_values: set[str] = field(default_factory=set)  # IRIs, ids and texts of its nodes

    def ontology_only(self, focus: str) -> bool:
        """Whether the node ``focus`` (IRI, blank node id or literal text) is the ontology's and
        no triple of the data that the ontology does not have uses it."""
        if focus not in self.ontology_values:
            return False
        if self._shared_values is None:
            self._shared_values = {n.value for n in self.shared}
        return focus not in self._shared_values

    _shared_values: set[str] | None = field(default=None, repr=False)


def literal_disputed(literal: Any, agreed: Any) -> bool:
    """Whether the engines may read ``literal``'s value differently: ``agreed`` is
    :func:`cytokine_rdf.validation.shacl_engine.agreed_lexical` (the test ``disputed_literal``
    makes on N-Triples)."""
    datatype = literal.datatype.value
    if not datatype.startswith(_XSD) or datatype in _PLAIN:
        return False
    return not agreed(datatype[len(_XSD) :], literal.value)


def scan(
    quads: Iterable[Any],
    targets: Targets,
    ontology: ox.Store | None = None,
    *,
    literals: bool = True,
) -> Scan:
    """Read ``quads`` (the data as written) once; ``ontology`` is the background the data is
    validated with (its class hierarchy widens class targets; its nodes are watched).
    ``literals=False`` skips looking for disputed literals (the caller knows there are none: a
    Turtle file without ``^^`` writes only literals both engines read alike)."""
    from cytokine_rdf.validation.shacl_engine import agreed_lexical  # it imports this module

    out = Scan()
    onto_nodes: set[Any] = set()
    edges: dict[Any, set[Any]] = defaultdict(set)  # class -> its direct subclasses
    onto_types: dict[Any, list[Any]] = defaultdict(list)
    onto_labels: dict[Any, str] = {}
    if ontology is not None:
        for q in ontology:
            onto_nodes.add(q.subject)
            onto_nodes.add(q.object)
            if q.predicate == _SUBCLASS:
                edges[q.object].add(q.subject)
            elif q.predicate == _TYPE:
                onto_types[q.object].append(q.subject)
            elif q.predicate == _LABEL and isinstance(q.object, ox.Literal):
                known = onto_labels.get(q.subject)
                if known is None or q.object.value < known:
                    onto_labels[q.subject] = q.object.value
        out.ontology_values = {n.value for n in onto_nodes}
    pending = onto_nodes | targets.nodes  # watched nodes not yet seen outside the ontology
    shared = out.shared
    nodes: set[Any] = set()  # focus nodes found in the data's own triples
    types: dict[Any, list[Any]] = defaultdict(list)
    data_edges: list[tuple[Any, Any]] = []
    labels = out.labels
    checked: set[Any] = set()
    subjects_of, objects_of = targets.subjects_of, targets.objects_of
    by_predicate = bool(subjects_of or objects_of)
    literal = ox.Literal
    count = 0
    for q in quads:  # the hot loop: 1M triples in about 1 s; keep it lean
        count += 1
        s, p, o = q.subject, q.predicate, q.object
        if p == _TYPE:
            types[o].append(s)
        elif p == _LABEL:
            if type(o) is literal:
                text = o.value
                if s not in labels or text < labels[s]:
                    labels[s] = text
        elif p == _SUBCLASS:
            data_edges.append((o, s))
        elif p == _IMPORTS:
            out.imports = True
        if by_predicate:
            if p in subjects_of:
                nodes.add(s)
            if p in objects_of:
                nodes.add(o)
        if literals and type(o) is literal and o not in checked:
            checked.add(o)
            if literal_disputed(o, agreed_lexical):
                out.disputed = str(o)
                literals = False
        if (s in pending or o in pending) and (ontology is None or q not in ontology):
            for node in (s, o):
                if node in pending:
                    shared.add(node)
                    pending.discard(node)
    out.triples = count
    del checked
    for node, text in onto_labels.items():  # a node's labels in the data and the ontology
        if node not in labels or text < labels[node]:
            labels[node] = text
    for parent, child in data_edges:
        edges[parent].add(child)
    classes: set[Any] = set()
    todo = list(targets.classes)
    while todo:  # every subclass of a target class, through the ontology's and the data's axioms
        cls = todo.pop()
        if cls not in classes:
            classes.add(cls)
            todo += edges.get(cls, ())
    for cls in classes:
        nodes.update(types.get(cls, ()))
    del types
    mine = sum(1 for n in nodes if n not in onto_nodes or n in out.shared)
    # focus nodes of the ontology's own triples count when the data uses them too
    elsewhere: set[Any] = set(targets.nodes) - nodes
    if ontology is not None:
        for cls in classes:
            elsewhere.update(n for n in onto_types.get(cls, ()) if n not in nodes)
        for p in subjects_of:
            elsewhere.update(q.subject for q in ontology.quads_for_pattern(None, p, None))
        for p in objects_of:
            elsewhere.update(q.object for q in ontology.quads_for_pattern(None, p, None))
    mine += sum(1 for n in elsewhere - nodes if n in out.shared)
    out.focus_nodes = mine + targets.sparql
    return out
