"""A fast SHACL Core path: SHACL Core evaluated as SPARQL on Oxigraph, with pySHACL's results.

:func:`validate_fast` compiles each constraint of each shape into one SPARQL query that returns the
violations and runs it on the pyoxigraph store. A shape that uses anything outside the covered set
is returned to the caller, with the reason, and pySHACL validates that shape alone; results are
the same set of (focus, path, value, sourceConstraintComponent, sourceShape, severity).

Covered: node and property shapes, with IRI, sequence, inverse, alternative and ``*``/``+``/``?``
paths; targets ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``,
``sh:targetObjectsOf``, ``sh:targetSubjectsOf``; constraints ``sh:class``, ``sh:datatype``,
``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``, ``sh:pattern`` (+ ``sh:flags``), ``sh:in``,
the four ranges, ``sh:minLength``, ``sh:maxLength``, ``sh:hasValue``, ``sh:node``, ``sh:not``,
``sh:and``, ``sh:or``, ``sh:xone``, ``sh:qualifiedValueShape`` with its counts, ``sh:closed``
(+ ``sh:ignoredProperties``), ``sh:equals``, ``sh:disjoint``, ``sh:lessThan``,
``sh:lessThanOrEquals``, ``sh:uniqueLang``, ``sh:languageIn``; ``sh:severity``, ``sh:message``,
``sh:deactivated``. Shapes reached through ``sh:node``/``sh:or``/... become one SPARQL expression
on the value node. Where SPARQL and pySHACL could disagree (ill-typed literals for
``sh:datatype``, comparisons of non-numeric values, regular-expression dialects), SPARQL selects
the candidates and pySHACL's rule is re-applied to them in Python; inside other shapes, where
there is no such second look, those cases (and counts above a few) go to pySHACL instead.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
import rdflib
from pyshacl.rdfutil.compare import compare_literal

from cytokine_rdf.io.graph import RdfData, Rewrites, canonical_changes
from cytokine_rdf.io.progress import Progress
from cytokine_rdf.sparql.regex import compile_pattern
from cytokine_rdf.terms import Term
from cytokine_rdf.validation.results import Finding, ShaclTerms, shacl_finding
from cytokine_rdf.validation.shacl import path_forms
from cytokine_rdf.vocab import RDF, RDFS, SH, XSD

__all__ = ["COVERED", "Result", "covered", "shape_results", "validate_fast", "with_background"]

log = logging.getLogger("cytokine_rdf")

LARGE = 200_000  # triples: progress bars only for inputs at least this large


TARGETS = ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf")
_NONE = Rewrites({}, frozenset(), frozenset())
# constraints that read a literal's text (or compare terms), which the store may have rewritten
TEXT_CONSTRAINTS = {"pattern", "minLength", "maxLength", "in", "hasValue"}
# constraint parameter -> constraint component (local names in sh:)
COVERED = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "in": "InConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "node": "NodeConstraintComponent",
    "not": "NotConstraintComponent",
    "and": "AndConstraintComponent",
    "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
}
# parameters whose value is an RDF list (kept as its items; sh:and/or/xone may repeat, the others not)
_LISTS = {"in", "languageIn", "ignoredProperties", "and", "or", "xone"}
# parameters whose values (or list items) are shapes
_SHAPE_PARAMS = {"node", "not", "and", "or", "xone", "qualifiedValueShape"}
_NOT_CONSTRAINTS = {
    *TARGETS,
    "property",
    "path",
    "severity",
    "message",
    "name",
    "description",
    "order",
    "group",
    "deactivated",
    "flags",
    "defaultValue",
    "qualifiedValueShape",
    "qualifiedValueShapesDisjoint",
    "ignoredProperties",
}
_NODE_KINDS = {
    "IRI": "!isIRI(?v)",
    "BlankNode": "!isBlank(?v)",
    "Literal": "!isLiteral(?v)",
    "BlankNodeOrIRI": "isLiteral(?v)",
    "BlankNodeOrLiteral": "isIRI(?v)",
    "IRIOrLiteral": "isBlank(?v)",
}
# lexical forms that rdflib surely accepts for a datatype (others are checked by rdflib itself)
_SURE_LEXICAL = {
    XSD + "integer": r"^\s*[+-]?[0-9]+\s*$",
    XSD + "decimal": r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$",
    XSD + "boolean": "^(true|false|1|0)$",
}
# regular-expression syntax on which Rust's regex (Oxigraph) and Python's re may disagree
_UNSAFE_REGEX = re.compile(r"\(\?|\\[pPbBAZzXRkKgGhHN1-9]|\[\[:|&&|--|~~|\{,")
_RANGES = {"minInclusive": ">=", "minExclusive": ">", "maxInclusive": "<=", "maxExclusive": "<"}


class UnsupportedError(Exception):
    """The shapes use a feature outside the fast path (caller falls back to pySHACL)."""


@dataclass(frozen=True)
class Result:
    """One validation result, in the terms pySHACL's report uses."""

    focus: Term
    path: Term | None
    value: Term | None
    component: str  # full IRI of the sh:sourceConstraintComponent
    shape: Term
    severity: str  # full IRI: sh:Violation, sh:Warning or sh:Info
    constraint: int = 0  # which constraint of the plan: two sh:class on one shape give two results
    detail: str = ""  # what else tells two results apart (sh:lessThan's other value, a language)

    def key(self) -> tuple[str, str, str, str, str, str]:
        """A comparable tuple (N-Triples forms)."""
        return (
            self.focus.n3(),
            self.path.n3() if self.path else "",
            self.value.n3() if self.value else "",
            self.component,
            self.shape.n3(),
            self.severity,
        )


@dataclass(eq=False)
class _Shape:
    node: Term
    path: Term | None = None  # the sh:path node (an IRI or the blank node of a complex path)
    sparql_path: str | None = None  # the same path in SPARQL property-path syntax
    params: dict[str, list[Term]] = field(default_factory=dict)
    properties: list[_Shape] = field(default_factory=list)
    refs: dict[Term, _Shape] = field(default_factory=dict)  # shapes named by sh:node, sh:or, ...
    lists: dict[Term, list[Term]] = field(default_factory=dict)  # sh:and/or/xone list -> items

    def one(self, name: str) -> Term | None:
        values = self.params.get(name, [])
        if len(values) > 1:
            raise UnsupportedError(f"{self.node.n3()} has {len(values)} sh:{name}")
        return values[0] if values else None

    @property
    def severity(self) -> str:
        value = self.one("severity")
        return value.value if value else SH + "Violation"

    @property
    def deactivated(self) -> bool:
        value = self.one("deactivated")
        return value is not None and value.value == "true"  # "1" does not (W3C uniqueLang-002)

    @property
    def has_targets(self) -> bool:
        return any(t in self.params for t in TARGETS)


# --- reading the shapes graph -------------------------------------------------------------------
def _objects(store: Any, subject: Any, predicate: str) -> list[Any]:

    if isinstance(subject, ox.Literal):
        return []
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _rdf_list(store: Any, head: Any) -> list[Any]:

    items: list[Any] = []
    node = head
    seen = set()
    while not (isinstance(node, ox.NamedNode) and node.value == RDF + "nil"):
        if node in seen:
            raise UnsupportedError("cyclic RDF list")
        seen.add(node)
        first = _objects(store, node, RDF + "first")
        rest = _objects(store, node, RDF + "rest")
        if len(first) != 1 or len(rest) != 1:
            raise UnsupportedError("malformed RDF list")
        items.append(first[0])
        node = rest[0]
    return items


_PATH_OPS = {
    "inversePath": "^({})",
    "zeroOrMorePath": "({})*",
    "oneOrMorePath": "({})+",
    "zeroOrOnePath": "({})?",
}


def _sparql_path(store: Any, node: Any, depth: int = 0) -> str:
    """A SHACL path (IRI, sequence list, inverse, alternative, */+/?) in SPARQL syntax."""

    if depth > 10:
        raise UnsupportedError("path nested too deeply")
    if isinstance(node, ox.NamedNode):
        return f"<{Term.iri(node.value).value}>"
    if not isinstance(node, ox.BlankNode):
        raise UnsupportedError("a path that is a literal")
    if _objects(store, node, RDF + "first"):
        return (
            "(" + "/".join(_sparql_path(store, n, depth + 1) for n in _rdf_list(store, node)) + ")"
        )
    found = []
    for quad in store.quads_for_pattern(node, None, None):
        name = quad.predicate.value[len(SH) :] if quad.predicate.value.startswith(SH) else ""
        if name in _PATH_OPS:
            found.append(_PATH_OPS[name].format(_sparql_path(store, quad.object, depth + 1)))
        elif name == "alternativePath":
            found.append(
                "("
                + "|".join(_sparql_path(store, n, depth + 1) for n in _rdf_list(store, quad.object))
                + ")"
            )
        else:
            raise UnsupportedError(f"path element {quad.predicate.value}")
    if len(found) != 1:
        raise UnsupportedError("malformed path")
    return found[0]


class _Reader:
    """Builds :class:`_Shape` objects from the shapes store, one per shape node (shared, cycles allowed)."""

    def __init__(self, store: Any, custom: set[str], rewrites: Rewrites) -> None:
        self.store = store
        self.custom = custom  # parameters of custom constraint components
        self.rewrites = rewrites  # literals the stores keep in another form than the files
        self.shapes: dict[Any, _Shape] = {}

    def shape(self, node: Any) -> _Shape:

        if node in self.shapes:
            return self.shapes[node]
        if isinstance(node, ox.Literal):
            raise UnsupportedError("a shape that is a literal")
        shape = _Shape(Term.from_oxigraph(node))
        self.shapes[node] = shape
        for quad in self.store.quads_for_pattern(node, None, None):
            predicate = quad.predicate.value
            if predicate == RDF + "type":
                if quad.object.value in (RDFS + "Class", "http://www.w3.org/2002/07/owl#Class"):
                    raise UnsupportedError("implicit class target (a shape that is also a class)")
                continue
            if predicate in self.custom:
                raise UnsupportedError(f"custom constraint parameter <{predicate}>")
            if not predicate.startswith(SH):
                continue
            name = predicate[len(SH) :]
            if name not in COVERED and name not in _NOT_CONSTRAINTS:
                raise UnsupportedError(f"sh:{name}")
            value = Term.from_oxigraph(quad.object)
            if name == "property":
                shape.properties.append(self.shape(quad.object))
            elif name == "path":
                shape.path = value
                shape.sparql_path = _sparql_path(self.store, quad.object)
            elif name in _LISTS:
                items = _rdf_list(self.store, quad.object)
                if name in ("and", "or", "xone"):
                    shape.lists[value] = [Term.from_oxigraph(t) for t in items]
                    for item in items:
                        shape.refs[Term.from_oxigraph(item)] = self.shape(item)
                    shape.params.setdefault(name, []).append(value)
                elif name in shape.params:
                    raise UnsupportedError(f"more than one sh:{name}")
                else:
                    shape.params[name] = [Term.from_oxigraph(t) for t in items]
            else:
                if name in _SHAPE_PARAMS:
                    shape.refs[value] = self.shape(quad.object)
                shape.params.setdefault(name, []).append(value)
        for name in ("deactivated", "closed", "uniqueLang", "qualifiedValueShapesDisjoint"):
            if any(v in self.rewrites.literals for v in shape.params.get(name, [])):
                raise UnsupportedError(f"sh:{name} is written in a form the store rewrote")
        for prop in shape.properties:
            if prop.path is None:
                raise UnsupportedError("property shape without sh:path")
        if shape.path is not None and shape.properties:  # nested sh:property: values' own shapes
            raise UnsupportedError("property shape with sh:property")
        self._check_text(shape)
        return shape

    def _check_text(self, shape: _Shape) -> None:
        """A text constraint (:data:`TEXT_CONSTRAINTS`) runs here only if no literal it can see
        (its path's values, its own parameters) was rewritten by the store."""
        text = [name for name in shape.params if name in TEXT_CONSTRAINTS]
        if not text or not self.rewrites:
            return
        path, rewritten = shape.path, self.rewrites.predicates
        if path is None:  # the value is the focus node: a literal only through these targets
            sees = any(t in self.rewrites.literals for t in shape.params.get("targetNode", []))
            sees |= any(p in rewritten for p in shape.params.get("targetObjectsOf", []))
        else:  # the predicates the path walks
            walked = re.findall(r"<([^>]+)>", shape.sparql_path or "")
            sees = any(Term.iri(iri) in rewritten for iri in walked)
        own = any(v in self.rewrites.literals for name in text for v in shape.params[name])
        if sees or own:
            raise UnsupportedError(
                f"sh:{text[0]} reads literals as written, and the store rewrote some it sees"
            )


def read_shapes(
    store: Any, *, rewrites: Rewrites | None = None
) -> tuple[list[tuple[_Shape, _Shape]], dict[Any, str]]:
    """(targeted shape, shape to evaluate on its focus nodes) pairs of the covered shapes, and the
    targeted shapes the fast path does not cover, each with the reason (pySHACL runs those).

    A targeted node shape is paired with itself and with each of its property shapes; a property
    shape with its own targets is paired with itself. A shape is covered only when everything it
    reaches (property shapes, ``sh:node`` shapes) is.
    """

    # a custom constraint component gives meaning to predicates outside sh:, which the fast path
    # would ignore and so report a wrong "conforms": shapes using its parameters go to pySHACL
    custom: set[str] = set()
    for quad in store.quads_for_pattern(None, ox.NamedNode(SH + "parameter"), None):
        custom.update(o.value for o in _objects(store, quad.object, SH + "path"))
    roots: dict[Any, None] = {}
    for kind in ("NodeShape", "PropertyShape"):
        for quad in store.quads_for_pattern(
            None, ox.NamedNode(RDF + "type"), ox.NamedNode(SH + kind)
        ):
            roots[quad.subject] = None
    for target in (*TARGETS, "target"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(SH + target), None):
            roots[quad.subject] = None
    for quad in store.quads_for_pattern(None, ox.NamedNode(SH + "property"), None):
        roots[quad.subject] = None
    pairs: list[tuple[_Shape, _Shape]] = []
    unsupported: dict[Any, str] = {}
    for node in roots:
        # fresh for each root: a half-read shape must not leak into another
        reader = _Reader(store, custom, rewrites or _NONE)
        try:
            shape = reader.shape(node)
            for reached in reader.shapes.values():
                list(_checks(reached))
        except (UnsupportedError, re.error, ValueError) as exc:
            if _targeted(store, node):
                unsupported[node] = str(exc)
            continue
        if not shape.has_targets or shape.deactivated:
            continue
        pairs.append((shape, shape))
        pairs += [(shape, prop) for prop in shape.properties if not prop.deactivated]
    return pairs, unsupported


def _targeted(store: Any, node: Any) -> bool:
    """Whether ``node`` is validated on its own: it has a target or is also a class."""
    for name in (*TARGETS, "target"):
        if _objects(store, node, SH + name):
            return True
    return any(
        t.value in (RDFS + "Class", "http://www.w3.org/2002/07/owl#Class")
        for t in _objects(store, node, RDF + "type")
    )


# --- SPARQL -------------------------------------------------------------------------------------
def _target_pattern(shape: _Shape) -> str:
    """A group pattern binding ?focus to the shape's focus nodes."""
    parts: list[str] = []
    for cls in shape.params.get("targetClass", []):
        parts.append(f"{{ ?focus a/<{RDFS}subClassOf>* {cls.n3()} }}")
    nodes = shape.params.get("targetNode", [])
    if nodes:
        parts.append("{ VALUES ?focus { " + " ".join(n.n3() for n in nodes) + " } }")
    parts += [f"{{ ?_s {p.n3()} ?focus }}" for p in shape.params.get("targetObjectsOf", [])]
    parts += [f"{{ ?focus {p.n3()} ?_o }}" for p in shape.params.get("targetSubjectsOf", [])]
    return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(parts) + " } }"


def _num(term: Term, name: str) -> int:
    if term.kind != "literal" or not re.fullmatch(r"[+-]?\d+", term.value):
        raise UnsupportedError(f"sh:{name} {term.value!r} is not an integer")
    return int(term.value)


def _is_numeric(term: Term) -> bool:
    numeric = (
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
    )
    return term.kind == "literal" and (term.datatype or "") in {XSD + n for n in numeric}


@dataclass(frozen=True)
class _Check:
    """One constraint of one shape: its SPARQL violation condition and an optional exact re-check."""

    shape: _Shape
    component: str
    condition: str | None  # FILTER on ?v selecting (candidate) violations; None for cardinality
    count: tuple[str, int] | None = None  # ("min"|"max", n)
    recheck: Any = None  # callable(Term) -> bool (True = violation), pySHACL's own rule
    has_value: Term | None = None
    counted: str | None = None  # with ``count``: the FILTER on ?v that counted values meet
    select: str | None = None  # a whole query (FOCUS: the focus nodes) binding ?focus [?v ?o ?p]
    pair_recheck: Any = None  # callable(value, other) -> bool: pySHACL's rule on an (?v, ?o) pair
    exact: bool = False  # ``condition`` alone is the rule (usable inside other shapes)


def _constraints(shape: _Shape) -> Iterator[tuple[str, Term]]:
    """(parameter, value) of each constraint of ``shape`` (a list-valued parameter is one)."""
    for name, values in shape.params.items():
        if name in COVERED:
            yield from ((name, value) for value in (values[:1] if name in _LISTS else values))


def _checks(shape: _Shape) -> Iterator[_Check]:
    for name, value in _constraints(shape):
        yield from _check(shape, name, value, SH + COVERED[name], shape.params)


_FRESH = itertools.count()


def _fresh() -> str:
    return f"?_n{next(_FRESH)}"


def _distinct(names: list[str]) -> str:
    """A FILTER condition: the variables are bound to pairwise different terms."""
    pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
    return " && ".join(pairs) or "true"


def _true(term: Term) -> bool:
    return term.kind == "literal" and term.value == "true"


def _violates(shape: _Shape, var: str, depth: int) -> str:
    """A SPARQL expression that is true when the node in ``var`` does not conform to ``shape``."""
    if depth > 8:
        raise UnsupportedError("shapes nested too deeply (or recursive)")
    if shape.deactivated:
        return "false"
    if shape.path is not None:  # a property shape as a node's shape: its path from that node
        exprs = _property_exprs(shape, var, depth)
    else:
        exprs = [_node_expr(shape, name, value, var, depth) for name, value in _constraints(shape)]
        for prop in shape.properties:
            if not prop.deactivated:
                exprs += _property_exprs(prop, var, depth)
    return "(" + " || ".join(exprs) + ")" if exprs else "false"


def _logical(shape: _Shape, name: str, value: Term, var: str, depth: int) -> str:
    """Violation condition of sh:node, sh:not, sh:and, sh:or, sh:xone on the value node ``var``."""
    if name in ("node", "not"):
        inner = _violates(shape.refs[value], var, depth + 1)
        return inner if name == "node" else f"!{inner}"
    members = [_violates(shape.refs[m], var, depth + 1) for m in shape.lists[value]]
    if name == "and":
        return "(" + " || ".join(members) + ")" if members else "false"
    if name == "or":
        return "(" + " && ".join(members) + ")" if members else "true"
    conforming = " + ".join(f"IF({m}, 0, 1)" for m in members) or "0"
    return f"(({conforming}) != 1)"


def _language_in(tags: list[Term], var: str) -> str:
    if any(
        t.kind != "literal" or t.lang or (t.datatype or XSD + "string") != XSD + "string"
        for t in tags
    ):
        raise UnsupportedError("sh:languageIn with an item that is not a plain string")
    wanted = sorted({t.value.lower() for t in tags})
    if "*" in wanted:
        return f'(!isLiteral({var}) || LANG({var}) = "")'
    listed = ", ".join(Term.literal(w).n3() for w in wanted)
    primary = (
        f'LCASE(STRBEFORE(CONCAT(LANG({var}), "-"), "-"))'  # pySHACL: the tag or its first part
    )
    return (
        f'!(isLiteral({var}) && LANG({var}) != "" && '
        f"(LCASE(LANG({var})) IN ({listed}) || {primary} IN ({listed})))"
    )


def _closed_filter(shape: _Shape, predicate: str) -> str:
    allowed = [p.path for p in shape.properties if p.path is not None and p.path.kind == "uri"]
    allowed += shape.params.get("ignoredProperties", [])
    if not allowed:
        return ""
    return f"FILTER({predicate} NOT IN ({', '.join(sorted({a.n3() for a in allowed}))}))"


def _node_expr(shape: _Shape, name: str, value: Term, var: str, depth: int) -> str:
    """Violation condition of one constraint on the single node ``var`` (a value node)."""
    if name in ("node", "not", "and", "or", "xone"):
        return _logical(shape, name, value, var, depth)
    if name == "languageIn":
        return _language_in(shape.params["languageIn"], var)
    if name == "hasValue":
        return f"!sameTerm({var}, {value.n3()})"
    if name == "closed":
        if not _true(value):
            return "false"
        predicate = _fresh()
        return f"EXISTS {{ {var} {predicate} {_fresh()} {_closed_filter(shape, predicate)} }}"
    if name in ("equals", "disjoint"):
        other, mine = _pair_property(value), _fresh()
        if name == "disjoint":
            return f"EXISTS {{ {var} {other} {var} }}"
        return f"(NOT EXISTS {{ {var} {other} {var} }} || EXISTS {{ {var} {other} {mine} FILTER(!sameTerm({mine}, {var})) }})"
    if name in _RANGES:
        if not _is_numeric(value):
            raise UnsupportedError(f"sh:{name} {value.value} inside another shape")
        return f"!(isNumeric({var}) && {var} {_RANGES[name]} {value.n3()})"
    if name in ("minCount", "maxCount", "qualifiedMinCount", "qualifiedMaxCount", "uniqueLang"):
        raise UnsupportedError(f"sh:{name} on a node shape")
    if name in ("lessThan", "lessThanOrEquals"):
        raise UnsupportedError(f"sh:{name} inside another shape")
    check = next(_check(shape, name, value, "", shape.params), None)
    if check is None:
        return "false"
    if check.recheck is not None and not check.exact:
        raise UnsupportedError(f"sh:{name} {value.value} inside another shape")
    assert check.condition is not None
    return re.sub(r"\?v\b", var.replace("\\", "\\\\"), check.condition)


def _pair_property(value: Term) -> str:
    if value.kind != "uri":
        raise UnsupportedError("a property pair constraint whose value is not an IRI")
    return value.n3()


def _property_exprs(prop: _Shape, var: str, depth: int) -> list[str]:
    """Violation conditions of a property shape's constraints on the focus node ``var``."""
    out: list[str] = []
    path = prop.sparql_path
    for name, value in _constraints(prop):
        x = _fresh()
        if name in ("minCount", "maxCount"):
            n = _num(value, name)
            if name == "minCount" and 0 < n <= 4:
                xs = [_fresh() for _ in range(n)]
                out.append(f"NOT EXISTS {{ {var} {path} {', '.join(xs)} FILTER({_distinct(xs)}) }}")
            elif name == "maxCount" and n <= 3:
                xs = [_fresh() for _ in range(n + 1)]
                out.append(f"EXISTS {{ {var} {path} {', '.join(xs)} FILTER({_distinct(xs)}) }}")
            elif n > 0:
                raise UnsupportedError(f"sh:{name} {n} inside another shape")
        elif name == "hasValue":
            out.append(f"NOT EXISTS {{ {var} {path} {value.n3()} }}")
        elif name in ("qualifiedMinCount", "qualifiedMaxCount"):
            n = _num(value, name)
            conforms = f"!{_qualified(prop, x, depth)}"
            if name == "qualifiedMinCount" and n == 1:
                out.append(f"NOT EXISTS {{ {var} {path} {x} FILTER({conforms}) }}")
            elif name == "qualifiedMaxCount" and n == 0:
                out.append(f"EXISTS {{ {var} {path} {x} FILTER({conforms}) }}")
            elif n > 0 or name == "qualifiedMaxCount":
                raise UnsupportedError(f"sh:{name} {n} inside another shape")
        elif name == "equals":
            other = _pair_property(value)
            out.append(
                f"(EXISTS {{ {var} {path} {x} FILTER NOT EXISTS {{ {var} {other} {x} }} }} || "
                f"EXISTS {{ {var} {other} {x} FILTER NOT EXISTS {{ {var} {path} {x} }} }})"
            )
        elif name == "disjoint":
            out.append(f"EXISTS {{ {var} {path} {x} . {var} {_pair_property(value)} {x} }}")
        elif name == "uniqueLang":
            if _true(value):
                y = _fresh()
                out.append(f"EXISTS {{ {var} {path} {x}, {y} FILTER({_same_language(x, y)}) }}")
        elif name in ("closed", "lessThan", "lessThanOrEquals"):
            raise UnsupportedError(f"sh:{name} on a property shape inside another shape")
        else:
            out.append(
                f"EXISTS {{ {var} {path} {x} FILTER({_node_expr(prop, name, value, x, depth)}) }}"
            )
    return out


def _same_language(a: str, b: str) -> str:
    return f'!sameTerm({a}, {b}) && LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b}))'


def _qualified(shape: _Shape, var: str, depth: int) -> str:
    """Violation condition of the shape's sh:qualifiedValueShape on ``var``."""
    if any(_true(v) for v in shape.params.get("qualifiedValueShapesDisjoint", [])):
        raise UnsupportedError("sh:qualifiedValueShapesDisjoint")
    qualifier = shape.one("qualifiedValueShape")
    if qualifier is None:
        raise UnsupportedError("sh:qualifiedMinCount without sh:qualifiedValueShape")
    return _violates(shape.refs[qualifier], var, depth + 1)


def _check(
    shape: _Shape, name: str, value: Term, component: str, params: dict[str, list[Term]]
) -> Iterator[_Check]:
    path = shape.sparql_path
    if name in ("node", "not", "and", "or", "xone"):
        yield _Check(shape, component, _logical(shape, name, value, "?v", 0))
    elif name == "languageIn":
        yield _Check(shape, component, _language_in(params["languageIn"], "?v"))
    elif name == "class":
        yield _Check(shape, component, f"NOT EXISTS {{ ?v a/<{RDFS}subClassOf>* {value.n3()} }}")
    elif name == "nodeKind":
        local = value.value[len(SH) :] if value.value.startswith(SH) else ""
        if local not in _NODE_KINDS:
            raise UnsupportedError(f"sh:nodeKind {value.value}")
        yield _Check(shape, component, _NODE_KINDS[local])
    elif name in ("minCount", "maxCount", "qualifiedMinCount", "qualifiedMaxCount"):
        if path is None:
            raise UnsupportedError(f"sh:{name} on a node shape")
        n = _num(value, name)
        kind = "min" if name.lower().endswith("mincount") else "max"
        if kind == "min" and n == 0:
            return
        # qualified counts count only the values that conform to sh:qualifiedValueShape
        counted = f"!{_qualified(shape, '?v', 0)}" if name.startswith("qualified") else None
        yield _Check(shape, component, None, count=(kind, n), counted=counted)
    elif name == "datatype":
        yield _datatype_check(shape, value, component)
    elif name == "pattern":
        flags = params.get("flags", [])
        yield _pattern_check(shape, value, flags[0].value if flags else "", component)
    elif name == "in":
        ors = " || ".join(f"sameTerm(?v, {t.n3()})" for t in params["in"]) or "false"
        yield _Check(shape, component, f"!({ors})")
    elif name in _RANGES:
        yield _range_check(shape, name, value, component)
    elif name in ("minLength", "maxLength"):
        n = _num(value, name)
        if name == "minLength":
            if n > 0:
                yield _Check(shape, component, f"isBlank(?v) || STRLEN(STR(?v)) < {n}")
        else:
            yield _Check(shape, component, f"isBlank(?v) || STRLEN(STR(?v)) > {n}")
    elif name == "hasValue":
        yield _Check(shape, component, None, has_value=value)
    elif name == "closed":
        if path is not None:
            raise UnsupportedError("sh:closed on a property shape")
        if _true(value):
            where = f"FOCUS ?focus ?p ?v {_closed_filter(shape, '?p')}"
            yield _Check(shape, component, None, select=_select("?v ?p ?d", where))
    elif name == "uniqueLang":
        if path is None:
            raise UnsupportedError("sh:uniqueLang on a node shape")
        if _true(value):  # one result per language used twice, with no value
            where = f"FOCUS ?focus {path} ?a, ?b FILTER({_same_language('?a', '?b')})"
            yield _Check(
                shape, component, None, select=_select("?v ?p (LCASE(LANG(?a)) AS ?d)", where)
            )
    elif name in ("equals", "disjoint", "lessThan", "lessThanOrEquals"):
        yield _pair_check(shape, name, _pair_property(value), component)


def _select(columns: str, where: str) -> str:
    """A violation query: ?focus, then ?v (value), ?p (a path of the result's own), ?d (detail)."""
    return f"SELECT DISTINCT ?focus {columns} WHERE {{ {where} }}"


def _pair_check(shape: _Shape, name: str, other: str, component: str) -> _Check:
    """sh:equals, sh:disjoint, sh:lessThan(OrEquals): the value nodes against ``other``'s values."""
    path = shape.sparql_path
    mine = f"?focus {path} ?v" if path else "BIND(?focus AS ?v)"
    if name == "equals":  # each value on one side only (FOCUS in each branch: it binds ?focus)
        if path:
            where = (
                f"{{ FOCUS ?focus {path} ?v MINUS {{ ?focus {other} ?v }} }} UNION "
                f"{{ FOCUS ?focus {other} ?v MINUS {{ ?focus {path} ?v }} }}"
            )
        else:
            where = (
                f"{{ FOCUS BIND(?focus AS ?v) MINUS {{ ?focus {other} ?focus }} }} UNION "
                f"{{ FOCUS ?focus {other} ?v FILTER(!sameTerm(?v, ?focus)) }}"
            )
        return _Check(shape, component, None, select=_select("?v ?p ?d", where))
    if name == "disjoint":
        where = f"FOCUS {mine} . ?focus {other} ?v"
        return _Check(shape, component, None, select=_select("?v ?p ?d", where))
    or_equal = name == "lessThanOrEquals"
    op = "<=" if or_equal else "<"
    text = (
        "isIRI({x}) || (isLiteral({x}) && (DATATYPE({x}) = <" + XSD + 'string> || LANG({x}) != ""))'
    )
    # pairs that surely pass are left in the store; pySHACL's rule decides the others
    passes = (
        f"(isNumeric(?v) && isNumeric(?o) && ?v {op} ?o) || "
        f"(({text.format(x='?v')}) && ({text.format(x='?o')}) && STR(?v) {op} STR(?o))"
    )
    where = f"FOCUS {mine} . ?focus {other} ?o FILTER(!({passes}))"
    return _Check(
        shape,
        component,
        None,
        select=_select("?v ?p (?o AS ?d)", where),
        pair_recheck=lambda v, o: _not_less(v, o, or_equal),
    )


def _not_less(value: Term, other: Term, or_equal: bool) -> bool:
    """pySHACL's rule for sh:lessThan(OrEquals) on one pair: True when it is a violation."""

    def side(term: Term) -> tuple[Any, bool]:
        node = term.to_rdflib()
        if isinstance(node, rdflib.URIRef):
            return str(node), True
        if isinstance(node, rdflib.Literal) and isinstance(node.value, str):
            return node.value, True
        return node, False

    (a, a_text), (b, b_text) = side(value), side(other)
    if a_text != b_text or isinstance(a, rdflib.BNode) or isinstance(b, rdflib.BNode):
        return True
    try:
        return not (a <= b if or_equal else a < b)
    except TypeError:
        return True


def _datatype_check(shape: _Shape, datatype: Term, component: str) -> _Check:
    if datatype.kind != "uri":
        raise UnsupportedError("sh:datatype that is not an IRI")
    dt = datatype.value
    if dt == RDFS + "Literal":
        return _Check(shape, component, "!isLiteral(?v)")
    if dt == XSD + "string":
        return _Check(shape, component, f"!(isLiteral(?v) && DATATYPE(?v) = <{dt}>)")
    if dt == RDF + "langString":
        return _Check(shape, component, '!(isLiteral(?v) && LANG(?v) != "")')
    sure = _SURE_LEXICAL.get(dt)

    def violates(term: Term) -> bool:
        return not _rdflib_datatype_ok(term, dt)

    if sure is None:  # rdflib alone knows which lexical forms it accepts: re-check every value
        return _Check(shape, component, "true", recheck=violates)
    ok = f"isLiteral(?v) && DATATYPE(?v) = <{dt}> && REGEX(STR(?v), {Term.literal(sure).n3()})"
    # inside other shapes (no re-check) the rule is XSD's lexical space, where pySHACL takes what
    # Python's int()/Decimal() parse (also "1e3" as a decimal and "1_0")
    return _Check(shape, component, f"!({ok})", recheck=violates, exact=True)


def _rdflib_datatype_ok(term: Term, dt: str) -> bool:
    """pySHACL's DatatypeConstraintComponent rule for one value, with rdflib's literal parsing."""

    if term.kind != "literal" or term.lang or (term.datatype or XSD + "string") != dt:
        return False
    literal: Any = term.to_rdflib()
    if getattr(literal, "ill_typed", None) is True:
        return False
    value = literal.value
    expected: dict[str, type | tuple[type, ...]] = {
        XSD + "integer": int,
        XSD + "float": float,
        XSD + "decimal": Decimal,
        XSD + "boolean": bool,
        XSD + "date": datetime.date,
        XSD + "time": datetime.time,
        XSD + "dateTime": datetime.datetime,
    }
    kind = expected.get(dt)
    return kind is None or isinstance(value, kind)


def _pattern_check(shape: _Shape, pattern: Term, flags: str, component: str) -> _Check:
    regex_flags = (re.IGNORECASE if "i" in flags.lower() else 0) | (
        re.MULTILINE if "m" in flags.lower() else 0
    )
    compiled = compile_pattern(pattern.value, regex_flags)  # pySHACL's engine (RE2), same answers

    def violates(term: Term) -> bool:
        return term.kind == "bnode" or compiled.search(term.value) is None

    if _UNSAFE_REGEX.search(pattern.value):
        return _Check(
            shape, component, "true", recheck=violates
        )  # every value is re-checked in Python
    sparql_flags = "".join(f for f in "im" if f in flags.lower())
    condition = (
        f'isBlank(?v) || !REGEX(STR(?v), {Term.literal(pattern.value).n3()}, "{sparql_flags}")'
    )
    return _Check(shape, component, condition, recheck=violates, exact=True)


def _range_check(shape: _Shape, name: str, limit: Term, component: str) -> _Check:
    if limit.kind != "literal":
        raise UnsupportedError(f"sh:{name} that is not a literal")
    op = _RANGES[name]
    condition = f"!(isNumeric(?v) && ?v {op} {limit.n3()})" if _is_numeric(limit) else "true"
    limit_rdflib = limit.to_rdflib()

    def violates(term: Term) -> bool:

        if term.kind != "literal":
            return True
        value = term.to_rdflib()
        assert isinstance(value, rdflib.Literal) and isinstance(limit_rdflib, rdflib.Literal)
        if isinstance(value.value, str) != isinstance(limit_rdflib.value, str):
            return True
        try:
            cmp = compare_literal(value, limit_rdflib)  # type: ignore[no-untyped-call]
        except (TypeError, NotImplementedError):
            return True
        passed = {">=": cmp >= 0, ">": cmp > 0, "<=": cmp <= 0, "<": cmp < 0}[op]
        return not passed

    return _Check(shape, component, condition, recheck=violates)


def _query(store: Any, text: str) -> Iterator[tuple[Term | None, ...]]:
    answer = store.query(text)
    names = [v.value for v in answer.variables]
    for solution in answer:
        yield tuple(None if solution[n] is None else Term.from_oxigraph(solution[n]) for n in names)


def _run(
    store: Any, check: _Check, focus: str
) -> Iterator[tuple[Term, Term | None, Term | None, str]]:
    """(focus, value, path if not the shape's, detail) of every violation of ``check``."""
    # MINUS, not FILTER NOT EXISTS, wherever both sides bind ?focus (and ?v): Oxigraph evaluates
    # NOT EXISTS row by row, a sequence or closure path each time (100k triples: 3.4 s vs 0.03 s)
    path = check.shape.sparql_path
    if check.select is not None:
        for f, v, p, d in _query(store, check.select.replace("FOCUS", focus)):
            assert f is not None
            if check.pair_recheck is not None and not check.pair_recheck(v, d):
                continue
            yield f, v, p, d.n3() if d is not None else ""
        return
    if check.count is not None:
        assert path is not None
        kind, n = check.count
        counted = f"FILTER({check.counted})" if check.counted else ""
        if kind == "min" and n == 1:
            text = f"SELECT ?focus WHERE {{ {focus} MINUS {{ ?focus {path} ?v {counted} }} }}"
        else:
            having = f"< {n}" if kind == "min" else f"> {n}"
            text = (
                f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ ?focus {path} ?v {counted} }} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) {having})"
            )
        for (f,) in _query(store, text):
            assert f is not None
            yield f, None, None, ""
        return
    if check.has_value is not None:
        wanted = check.has_value.n3()
        if path is None:
            text = f"SELECT ?focus WHERE {{ {focus} FILTER(!sameTerm(?focus, {wanted})) }}"
        else:
            text = f"SELECT ?focus WHERE {{ {focus} MINUS {{ ?focus {path} {wanted} }} }}"
        for (f,) in _query(store, text):
            assert f is not None
            yield f, None, None, ""
        return
    if path is None:
        text = f"SELECT ?focus ?v WHERE {{ {focus} BIND(?focus AS ?v) FILTER({check.condition}) }}"
    else:
        text = f"SELECT DISTINCT ?focus ?v WHERE {{ {focus} ?focus {path} ?v FILTER({check.condition}) }}"
    verdicts: dict[Term, bool] = {}
    for f, v in _query(store, text):
        assert f is not None and v is not None
        if check.recheck is not None:
            if v not in verdicts:
                verdicts[v] = bool(check.recheck(v))
            if not verdicts[v]:
                continue
        yield f, v, None, ""


def shape_results(
    data: RdfData, shapes: RdfData, *, bar: Progress | None = None
) -> tuple[list[Result], dict[Term, str]]:
    """Every validation result of the covered shapes on ``data``, and the targeted shapes left to
    pySHACL (each with the construct the fast path does not evaluate).

    The store keeps typed literals in canonical form; :func:`canonical_changes` finds those the
    files write otherwise. Results then name the literal as written, and when there is any such
    literal the shapes with text constraints (:data:`TEXT_CONSTRAINTS`) go to pySHACL, which reads
    the files' own text.
    """
    changes = canonical_changes(data) | canonical_changes(shapes)
    pairs, unsupported = read_shapes(shapes.store, rewrites=changes)
    plan = [(_target_pattern(root), check) for root, shape in pairs for check in _checks(shape)]
    out: set[Result] = set()
    if bar is not None:
        bar.total = len(plan)
    for index, (focus, check) in enumerate(plan):
        shape = check.shape
        for f, v, other_path, detail in _run(data.store, check, focus):
            if changes:
                f, v = _as_written(changes.written, shape, f, v)
            out.add(
                Result(
                    f,
                    other_path or shape.path,
                    v,
                    check.component,
                    shape.node,
                    shape.severity,
                    index,
                    detail,
                )
            )
        if bar is not None:
            bar.advance()
    left = {Term.from_oxigraph(node): why for node, why in unsupported.items()}
    return sorted(out, key=lambda r: (r.key(), r.constraint)), left


def _as_written(
    changes: dict[tuple[Term, Term, Term], Term], shape: _Shape, focus: Term, value: Term | None
) -> tuple[Term, Term | None]:
    """Focus and value as the files write them (see :func:`canonical_changes`)."""
    if focus.kind == "literal":  # a literal focus node is a target: sh:targetNode in the shapes
        focus = changes.get((shape.node, Term.iri(SH + "targetNode"), focus), focus)
        if value is not None and value.kind == "literal" and shape.path is None:
            value = focus
    path = shape.path
    if value is not None and value.kind == "literal" and path is not None and path.kind == "uri":
        value = changes.get((focus, path, value), value)
    return focus, value


def covered(shapes: RdfData) -> bool:
    """True when every targeted shape in ``shapes`` uses only constraints of the fast path."""
    return not read_shapes(shapes.store)[1]


def with_background(data: RdfData, ontology: RdfData) -> RdfData:
    """A new dataset: ``data`` plus the ontology's triples (what pySHACL's ``ont_graph`` mixes in).

    The caller's ``data`` is left as it was, so its size still counts only the user's triples.
    """
    store = ox.Store()
    store.bulk_extend(data.store)
    store.bulk_extend(ontology.store)
    return RdfData(store, [*data.sources, *ontology.sources])


def validate_fast(data: RdfData, shapes: RdfData) -> tuple[list[Finding], dict[Term, str]]:
    """Validate ``data`` (already including any background ontology) against the covered shapes.

    Returns findings like :func:`cytokine_rdf.validation.shacl.run_shacl` and the targeted shapes
    the fast path left alone, with why (the caller runs pySHACL on exactly those).
    """
    large = len(data.store) > LARGE
    with Progress("validate", unit="checks", force=None if large else False) as bar:
        results, left = shape_results(data, shapes, bar=bar)
    for shape, why in sorted(left.items()):
        log.info("SHACL shape %s runs on pySHACL: %s", shape.n3(), why)
    return _to_findings(results, data, shapes), left


def _to_findings(results: list[Result], data: RdfData, shapes: RdfData) -> list[Finding]:

    labels: dict[Term, str] = {}
    infos: dict[Term, tuple[str, str]] = {}

    def label(node: Term) -> str:
        if node not in labels:
            found = sorted(
                o.value for o in _objects(data.store, node.to_oxigraph(), RDFS + "label")
            )
            labels[node] = found[0] if found and node.kind != "literal" else ""
        return labels[node]

    def info(shape: Term) -> tuple[str, str]:
        if shape not in infos:
            subject = shape.to_oxigraph()
            messages = sorted(o.value for o in _objects(shapes.store, subject, SH + "message"))
            described = [o.value for o in _objects(shapes.store, subject, SH + "description")]
            infos[shape] = (
                messages[0] if messages else "",
                " ".join((described[0] if described else "").split()),
            )
        return infos[shape]

    out = []
    shapes_graph = (
        shapes.rdflib_graph() if any(r.path and r.path.kind == "bnode" for r in results) else None
    )
    for r in results:
        message, fix = info(r.shape)
        path_turtle, path_text = ("", "")
        if r.path is not None:
            if r.path.kind == "uri" or shapes_graph is None:
                path_turtle, path_text = r.path.n3(), r.path.value
            else:
                path_turtle, path_text = path_forms(shapes_graph, r.path.to_rdflib())
        exact = ShaclTerms(
            focus=r.focus.n3(),
            path=path_turtle,
            value=r.value.n3() if r.value else "",
            component=r.component,
            shape=r.shape.n3(),
            severity=r.severity,
        )
        out.append(
            shacl_finding(
                severity=r.severity,
                shape=r.shape,
                component=r.component,
                focus=r.focus,
                focus_label=label(r.focus),
                path=path_text,
                value=r.value,
                message=message or _default_message(r),
                fix=fix,
                exact=exact,
            )
        )
    return sorted(out)


def _default_message(r: Result) -> str:
    component = r.component.rsplit("#", 1)[-1].replace("ConstraintComponent", "")
    return f"{component} constraint not met" + (f" by value {r.value.display()}" if r.value else "")
