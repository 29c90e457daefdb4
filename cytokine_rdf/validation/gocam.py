"""GO-CAM models checked with GO's official ShEx shapes, as GO's own validator checks them.

``shapes/gocam/go-cam-shapes.shex`` and its shape map are verbatim copies of
``geneontology/go-shapes``. Like GO's validator (go-shapes ``python/gocam_validator.py``), this adds,
for every class typing an individual, ``C a owl:Class ; rdfs:subClassOf R`` for each root class
``R`` of the schema that is an ancestor of ``C``, then evaluates every focus node the shape map
selects (PyShEx). GO's tool asks a GO SPARQL endpoint for ancestors; here they come, offline, from

- the full GO and ECO ``is_a`` hierarchies packaged in ``shapes/gocam/`` (built from the releases
  by ``scripts/build_imports.py``),
- the project's import modules and whatever ``rdfs:subClassOf`` the model itself asserts,
- :data:`GO_LEGO_BRIDGE` and :data:`GENE_PRODUCT_PREFIXES`: the go-lego links no file here carries;
- for a class none of these knows, the root its prefix implies (a ChEBI class is a chemical entity,
  an anatomy class an anatomical entity), reported as a warning, never silently.

PyShEx turns every focus node into an IRI, so the ``AnnotatedEdge`` rule (whose focus is a blank
``owl:Axiom``) runs on a skolemised copy against the shape without its ``BNode`` node kind; that
node kind is checked directly.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import rdflib
from jsonasobj import as_json
from pyjsg.jsglib import loads as jsg_loads
from pyshex.shape_expressions_language import (
    p5_5_shapes_and_triple_expressions as shapes_and_triples,
)
from pyshex.shape_expressions_language.p5_2_validation_definition import isValid
from pyshex.shape_expressions_language.p5_context import Context
from pyshex.shapemap_structure_and_language.p3_shapemap_structure import (
    FixedShapeMap,
    ShapeAssociation,
)
from pyshex.utils import matchesEachOfEvaluator as each_of  # noqa: N813
from pyshexc.parser_impl.generate_shexj import parse
from rdflib.plugins.sparql import prepareQuery
from ShExJSG import ShExJ

from cytokine_rdf.io.labels import offline_label
from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.terms import compact
from cytokine_rdf.validation.results import Finding
from cytokine_rdf.vocab import OBO, XREF_RESOLVERS

__all__ = [
    "GENE_PRODUCT_PREFIXES",
    "GO_LEGO_BRIDGE",
    "GoCamResult",
    "Hierarchy",
    "compile_schema",
    "validate_gocam",
]

SHAPES = "http://purl.obolibrary.org/obo/go/shapes/"
ANNOTATED_EDGE = SHAPES + "AnnotatedEdge"
_EDGE_DECLARATION = "<AnnotatedEdge> BNode @<ProvenanceAnnotated> AND {"

# Superclasses GO's validator takes from go-lego that no packaged file carries, each as minerva's
# tests show it: a UniProt, WormBase or ZFIN gene class is a protein / information
# biomacromolecule / chemical entity, a Complex Portal complex is a GO:0032991 complex
# (BlazegraphOntologyManagerTest); a GO cellular component and a CL cell are anatomical entities
# (should_pass fixtures Test000, occurs_in nucleus, and ZDB-PUB-180728-2, occurs_in CL:0000047).
GO_LEGO_BRIDGE: dict[str, tuple[str, ...]] = {
    OBO + "GO_0005575": (OBO + "CARO_0000000",),
    OBO + "CL_0000000": (OBO + "CARO_0000000",),
}
GENE_PRODUCT = (OBO + "CHEBI_36080", OBO + "CHEBI_33695", OBO + "CHEBI_24431")
# Gene product namespaces of GO-CAM models (identifiers.org, as Noctua writes them); the minerva
# tests cover uniprot, wormbase and zfin, the others are the same kind of gene record.
GENE_PRODUCT_PREFIXES = tuple(
    f"http://identifiers.org/{db}/"
    for db in (
        "uniprot",
        "wormbase",
        "zfin",
        "mgi",
        "rgd",
        "sgd",
        "flybase",
        "pombase",
        "tair",
        "dictybase",
        "xenbase",
        "ecocyc",
        "cgd",
        "fb",
    )
)
COMPLEX_PORTAL = XREF_RESOLVERS["ComplexPortal"]
# Roots assumed for a class that no hierarchy here knows, by its prefix (said in a warning). An
# unknown anatomy class may be a cell or a tissue: it is given both roots, so that its checks are
# lenient rather than wrong.
_ANATOMY = (OBO + "CARO_0000000", OBO + "CL_0000000")
_PREFIX_ROOTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (OBO + "CHEBI_", (OBO + "CHEBI_24431",), "a chemical entity"),
    *(
        (OBO + p + "_", _ANATOMY, "an anatomical entity or cell")
        for p in ("CL", "UBERON", "CARO", "WBbt", "ZFA", "EMAPA", "FBbt", "PO", "MA", "XAO")
    ),
    (OBO + "NCBITaxon_", (OBO + "NCBITaxon_1",), "an organism"),
    (OBO + "ECO_", (OBO + "ECO_0000000",), "evidence"),
)
FIX_HINTS = {
    "GoCamModel": "Give the model (owl:Ontology) one dc:title, one dc:date and one lego:modelstate "
    "(xsd:string), and at least one dc:contributor and pav:providedBy.",
    "MolecularFunction": "An activity (GO molecular function) is enabled by a gene product or "
    "complex, part of a biological process, occurs in one anatomical entity, and its causal edges "
    "go to activities or processes: fix the relation or the type of its target.",
    "BiologicalProcess": "A process is part of another process, has chemical or anatomical inputs, "
    "occurs in one anatomical entity: fix the relation or the type of its target.",
    "CellularComponent": "A cellular component is part of an anatomical entity: fix its relations.",
    "InformationBiomacromolecule": "A gene product is typed by its gene class (e.g. "
    "http://identifiers.org/uniprot/ACC) and carries dc:contributor and dc:date.",
    "ProteinContainingComplex": "A complex is typed by GO:0032991 or a descendant (or a Complex "
    "Portal complex) and has gene products or complexes as parts.",
    "Evidence": "An evidence individual has exactly one ECO type and exactly one dc:source string "
    "such as 'PMID:12345'.",
    "ProvenanceAnnotated": "Every node and evidence axiom carries at least one dc:contributor and "
    "exactly one dc:date (xsd:string); add the missing one to the node named here.",
    "GoCamEntity": "Every node is an IRI with at least one dc:contributor and exactly one dc:date "
    "(xsd:string); add the missing one to the node named here.",
    "AnnotatedEdge": "An evidence axiom (owl:Axiom) is a blank node with owl:annotatedSource, "
    "owl:annotatedProperty, owl:annotatedTarget, dc:contributor and dc:date.",
}


@dataclass(frozen=True)
class GoCamResult:
    """Findings of one GO-CAM check and what was checked."""

    findings: tuple[Finding, ...]
    focus_nodes: int
    shapes: tuple[str, ...]  # local names of the shapes that had focus nodes


@dataclass(frozen=True)
class Problem:
    """One broken triple constraint: the node, the predicate, the value, the rule, in words.

    ``cause`` is set when the value fails its expected shape for a reason of its own (a missing
    date on it, say), which is then where the model fails first.
    """

    node: rdflib.term.Node
    path: str  # predicate IRI; "" for a node constraint
    value: str  # the offending value ("" for a count)
    text: str
    rule: str  # local name of the shape the constraint belongs to
    cause: Problem | None = None

    def root(self) -> Problem:
        """The problem at the end of the cause chain: the node where the model fails first."""
        found = self
        while found.cause is not None:
            found = found.cause
        return found


class Hierarchy:
    """Named ancestors of classes, from the packaged GO/ECO tables plus extra subClassOf graphs.

    ``packaged=False`` leaves out the packaged tables and :data:`GO_LEGO_BRIDGE`: the graphs are
    then the whole TBox, as go-lego is for GO's validator (``validate --tbox``).
    """

    def __init__(self, graphs: Iterable[rdflib.Graph] = (), *, packaged: bool = True) -> None:
        self.parents: dict[str, set[str]] = {}
        if packaged:
            for prefix, table in (("GO", "go-isa.tsv.gz"), ("ECO", "eco-isa.tsv.gz")):
                self._add_table(prefix, _table(table))
        for graph in graphs:
            for sub, sup in graph.subject_objects(rdflib.RDFS.subClassOf):
                if isinstance(sub, rdflib.URIRef) and isinstance(sup, rdflib.URIRef):
                    self.parents.setdefault(str(sub), set()).add(str(sup))
        if packaged:
            for bridged, extra in GO_LEGO_BRIDGE.items():
                self.parents.setdefault(bridged, set()).update(extra)
        self._cache: dict[str, frozenset[str]] = {}
        self._named = set(self.parents).union(*self.parents.values())

    def _add_table(self, prefix: str, pairs: tuple[tuple[str, str], ...]) -> None:
        base = f"{OBO}{prefix}_"
        for child, parent in pairs:
            self.parents.setdefault(base + child, set()).add(base + parent)

    def known(self, cls: str) -> bool:
        """Whether any source here places ``cls`` (it has parents, or is a gene or complex)."""
        return cls in self._named or cls.startswith((*GENE_PRODUCT_PREFIXES, COMPLEX_PORTAL))

    def ancestors(self, cls: str) -> frozenset[str]:
        """``cls`` and every named ancestor (reflexive, as an OWL reasoner's closure is)."""
        if cls not in self._cache:
            out, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in out:
                        out.add(parent)
                        todo.append(parent)
            if cls.startswith(GENE_PRODUCT_PREFIXES):
                out.update(GENE_PRODUCT)
            if cls.startswith(COMPLEX_PORTAL):
                out.add(OBO + "GO_0032991")
            self._cache[cls] = frozenset(out)
        return self._cache[cls]


@cache
def _table(name: str) -> tuple[tuple[str, str], ...]:
    with gzip.open(resource_dir("shapes") / "gocam" / name, "rt", encoding="utf-8") as fh:
        return tuple(
            tuple(line.split("\t", 1))  # type: ignore[misc]
            for line in fh.read().splitlines()
            if line and not line.startswith("#")
        )


SHEXJ = "go-cam-shapes.shexj.json"  # the schema compiled to ShExJ (JSON), with the .shex's hash


@cache
def _schema() -> tuple[Any, Any, frozenset[str], tuple[tuple[str, str], ...]]:
    """The schema (and its AnnotatedEdge-relaxed copy), once per process: from the packaged ShExJ,
    which loads in 0.1 s where parsing the ShExC with ANTLR takes over 1 s (twice); from the ShExC
    when the ShExJ was compiled from another version of it."""
    folder = resource_dir("shapes") / "gocam"
    text = (folder / "go-cam-shapes.shex").read_text(encoding="utf-8")
    if _EDGE_DECLARATION not in text:
        raise RuntimeError("go-cam-shapes.shex changed: review the AnnotatedEdge workaround")
    roots = frozenset(re.findall(r"^PREFIX Go\w+: <([^>]+)>", text, re.MULTILINE))
    shape_map = (folder / "go-cam-shapes.shapeMap").read_text(encoding="utf-8")
    pairs = tuple(re.findall(r"SPARQL '(.*?)' @ <(.*?)>", shape_map))
    compiled = folder / SHEXJ
    shexj = json.loads(compiled.read_text(encoding="utf-8")) if compiled.is_file() else {}
    if shexj.get("compiledFrom") == _digest(text):
        schema = jsg_loads(json.dumps(shexj["schema"]), ShExJ)
        relaxed = jsg_loads(json.dumps(_relax(shexj["schema"])), ShExJ)
        return schema, relaxed, roots, pairs
    relaxed = parse(text.replace(_EDGE_DECLARATION, "<AnnotatedEdge> @<ProvenanceAnnotated> AND {"))
    return parse(text), relaxed, roots, pairs


@cache
def _focus_queries() -> tuple[tuple[Any, str], ...]:
    """The shape map's SPARQL selectors, parsed once per process (parsing them cost more than
    validating a small model)."""
    return tuple((prepareQuery(query), shape) for query, shape in _schema()[3])


def _named(graph: rdflib.Graph, iri: str) -> str:
    """A class as a message names it: ``plasma membrane (GO:0005886)``, or its CURIE."""
    label = graph.value(rdflib.URIRef(iri), rdflib.RDFS.label) or offline_label(iri)
    return f"{label} ({compact(iri)})" if label else compact(iri)


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _relax(schema: dict[str, Any]) -> dict[str, Any]:
    """The ShExJ of the schema without AnnotatedEdge's ``BNode`` node kind (see the module doc)."""
    out = copy.deepcopy(schema)
    for shape in out["shapes"]:
        if shape.get("id") == ANNOTATED_EDGE:
            first = shape["shapeExprs"][0]
            kinds = [e for e in first["shapeExprs"] if isinstance(e, dict)]
            if kinds != [{"type": "NodeConstraint", "nodeKind": "bnode"}]:
                raise RuntimeError(
                    "go-cam-shapes ShExJ changed: review the AnnotatedEdge workaround"
                )
            (shape["shapeExprs"][0],) = [e for e in first["shapeExprs"] if isinstance(e, str)]
    return out


def compile_schema() -> dict[str, Any]:
    """The packaged ShExC schema compiled to ShExJ, with the hash of the text it came from (what
    ``scripts/compile_gocam_shapes.py`` writes to ``shapes/gocam/go-cam-shapes.shexj.json``)."""
    text = (resource_dir("shapes") / "gocam" / "go-cam-shapes.shex").read_text(encoding="utf-8")
    schema = json.loads(as_json(parse(text)))
    return {"compiledFrom": _digest(text), "schema": schema}


def _label(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """A person's name for a model node: its label, else its types, and its enabler."""
    # several labels or enablers: the first by IRI, so that a report does not change between runs
    label = min(map(str, graph.objects(node, rdflib.RDFS.label)), default=None)
    if label is not None:
        return label
    # a model names its GO/ECO/CL types by IRI only: the packaged labels say what they are
    kinds = sorted(
        _named(graph, str(t))
        for t in graph.objects(node, rdflib.RDF.type)
        if not str(t).startswith(str(rdflib.OWL))
    )
    text = " ".join(kinds) or ("axiom" if isinstance(node, rdflib.BNode) else "")
    enabler = min(graph.objects(node, rdflib.URIRef(OBO + "RO_0002333")), key=str, default=None)
    if enabler is not None:
        enabler_types = sorted(
            _named(graph, str(t))
            for t in graph.objects(enabler, rdflib.RDF.type)
            if not str(t).startswith(str(rdflib.OWL))
        )
        text += " enabled by " + (" ".join(enabler_types) or compact(str(enabler)))
    return text.strip()


def _remember_schema_facts() -> None:
    """Wrap PyShEx's schema walks (the predicates and triple constraints of an expression, a
    function of the schema alone) where its evaluator calls them, so that they run once per
    expression of our schemas (kept for the process by :func:`_schema`) instead of at every node
    of every model. Other callers of PyShEx get its own behaviour."""
    for module in (shapes_and_triples, each_of):
        for name in _SCHEMA_WALKS:
            plain = getattr(module, name, None)
            if plain is None or getattr(plain, "remembered", False):
                continue

            def remembered(
                expression: Any, cntxt: Any, plain: Any = plain, name: str = name
            ) -> Any:
                if not isinstance(cntxt, _Settled):
                    return plain(expression, cntxt)
                key = (name, id(expression))
                if key not in _SCHEMA_FACTS:  # kept with its answer, an expression keeps its id
                    _SCHEMA_FACTS[key] = (expression, plain(expression, cntxt))
                return _SCHEMA_FACTS[key][1]

            remembered.remembered = True  # type: ignore[attr-defined]
            setattr(module, name, remembered)


_SCHEMA_WALKS = (
    "directed_predicates_in_expression",
    "predicates_in_expression",
    "triple_constraints_in_expression",
    "predicates_in_tripleexpr",
)
_SCHEMA_FACTS: dict[tuple[str, int], tuple[Any, Any]] = {}
_remember_schema_facts()


class _Settled(Context):  # type: ignore[misc]
    """PyShEx's context, noting whether a check leaned on a recursion assumption: only a check
    that did not may pass its results on to the next."""

    assumed = False

    def start_evaluating(self, n: Any, s: Any) -> bool | None:
        result: bool | None = super().start_evaluating(n, s)
        self.assumed = self.assumed or bool(self.assumptions)
        return result


class _ShEx:
    """PyShEx on one graph and schema. Its evaluation context, with the schema's cross-reference,
    is made once (``ShExEvaluator`` makes a new one on every call), and what one check settles
    about a node and a shape is known to the next: a model's nodes share their neighbours, so
    checking each focus node afresh decided the same enablers and evidence hundreds of times."""

    def __init__(self, graph: rdflib.Graph, schema: Any) -> None:
        self.graph, self.schema = graph, schema
        self.context = _Settled(graph, schema)
        self.settled: dict[Any, bool] = {}

    def check(self, node: rdflib.term.Node, shape: str) -> tuple[bool, str]:
        """Whether ``node`` (read as an IRI, as ``ShExEvaluator`` reads focus nodes) fits
        ``shape``, and PyShEx's reasons when it does not."""
        fits, reasons = self._evaluate(node, shape, dict(self.settled))
        if not self.context.assumed:
            # no assumption was made, so every result is exact: keep them for the next check
            self.settled = self.context.known_results
        if not fits and self.settled:
            # PyShEx gives its reasons only for what it evaluates, not for what it already knew
            fits, reasons = self._evaluate(node, shape, {})
        return fits, "\n".join(reasons)

    def _evaluate(
        self, node: rdflib.term.Node, shape: str, known: dict[Any, bool]
    ) -> tuple[bool, list[str]]:
        association = FixedShapeMap()
        association.add(ShapeAssociation(rdflib.URIRef(str(node)), rdflib.URIRef(shape)))
        self.context.reset()
        self.context.known_results, self.context.assumed = known, False
        fits: bool
        reasons: list[str]
        fits, reasons = isValid(self.context, association)
        return fits, reasons


class _Explainer:
    """Which of a shape's triple constraints a node breaks, in words, as minerva explains them.

    PyShEx only says that a node does not conform; this walks the shape (through ``AND`` and shape
    references) and tests each constraint on its own: cardinality, then each value against the
    shapes it may have (memoised PyShEx calls) or its node constraint.
    """

    def __init__(self, shex: _ShEx) -> None:
        self.graph, self.shex = shex.graph, shex
        self.shapes = {str(shape.id): shape for shape in shex.schema.shapes}
        self._fits: dict[tuple[rdflib.term.Node, str], bool] = {}

    def fits(self, node: rdflib.term.Node, shape: str) -> bool:
        key = (node, shape)
        if key not in self._fits:
            self._fits[key] = (
                not isinstance(node, rdflib.Literal) and self.shex.check(node, shape)[0]
            )
        return self._fits[key]

    def problems(
        self,
        node: rdflib.term.Node,
        expr: Any,
        seen: frozenset[str] = frozenset(),
        rule: str = "",
        visiting: frozenset[tuple[rdflib.term.Node, str]] = frozenset(),
    ) -> list[Problem]:
        if isinstance(expr, str):  # a reference to a named shape
            if expr in seen or expr not in self.shapes:
                return []
            name = expr.removeprefix(SHAPES)
            return self.problems(node, self.shapes[expr], seen | {expr}, name, visiting)
        kind = type(expr).__name__
        if kind in ("ShapeAnd", "ShapeOr"):
            found = [
                p for e in expr.shapeExprs for p in self.problems(node, e, seen, rule, visiting)
            ]
            return found if kind == "ShapeAnd" or len(found) == len(expr.shapeExprs) else []
        if kind == "NodeConstraint":
            if self._meets(node, expr):
                return []
            text = f"{compact(str(node))} is not {_constraint_words(expr)}"
            return [Problem(node, "", str(node), text, rule)]
        if kind == "Shape" and expr.expression is not None:
            extra = {str(e) for e in (expr.extra or ())}
            visiting = visiting | {(node, s) for s in seen}
            return [
                p
                for tc in _triple_constraints(expr.expression)
                for p in self._triple(node, tc, extra, rule, visiting)
            ]
        return []

    def _triple(
        self,
        node: rdflib.term.Node,
        tc: Any,
        extra: set[str],
        rule: str,
        visiting: frozenset[tuple[rdflib.term.Node, str]],
    ) -> list[Problem]:
        pred = rdflib.URIRef(str(tc.predicate))
        low = 1 if tc.min is None else int(tc.min)
        high = 1 if tc.max is None else int(tc.max)
        values = sorted(self.graph.objects(node, pred), key=str)
        good = [v for v in values if self._value_fits(v, tc.valueExpr)]
        bad = [] if str(pred) in extra else [v for v in values if v not in good]
        name = compact(str(pred))
        out = []
        for value in bad[:3]:
            what = _label(self.graph, value) or compact(str(value))
            cause = None if pred == rdflib.RDF.type else self._cause(value, tc.valueExpr, visiting)
            text = f"{name} {what} is not {_expected(tc.valueExpr)}"
            out.append(Problem(node, str(pred), str(value), text, rule, cause))
        count = len(good) if str(pred) in extra else len(values)
        if count < low or (high >= 0 and count > high):
            allowed = f"{low}" if low == high else f"{low} to {'many' if high < 0 else high}"
            subject = (
                "values" if str(pred) not in extra else f"values that are {_expected(tc.valueExpr)}"
            )
            if not (bad and count > high >= 0):
                text = f"{name} has {count} {subject}, allowed {allowed}"
                out.append(Problem(node, str(pred), "", text, rule))
        return out

    def _cause(
        self,
        value: rdflib.term.Node,
        expr: Any,
        visiting: frozenset[tuple[rdflib.term.Node, str]],
    ) -> Problem | None:
        """Why ``value`` fails the shapes ``expr`` names, when it is of the right kind.

        A value of the wrong type is the edge's own fault (the triple is the cause); a value of the
        right type that breaks a rule of its own (a missing contributor, a bad edge further on)
        is where the model fails first, so the explanation follows it.
        """
        if isinstance(value, rdflib.Literal):
            return None
        refs = [expr] if isinstance(expr, str) else _references(expr)
        best: list[Problem] | None = None
        for ref in refs:
            if (value, ref) in visiting or ref not in self.shapes:
                continue
            found = self.problems(value, ref, visiting=visiting | {(value, ref)})
            if not found or any(p.path == str(rdflib.RDF.type) for p in found):
                continue  # the value is not of this kind at all
            if best is None or len(found) < len(best):
                best = found
        return best[0].root() if best else None

    def _value_fits(self, value: rdflib.term.Node, expr: Any) -> bool:
        if expr is None:
            return True
        if isinstance(expr, str):
            return self.fits(value, expr)
        kind = type(expr).__name__
        if kind == "ShapeOr":
            return any(self._value_fits(value, e) for e in expr.shapeExprs)
        if kind == "ShapeAnd":
            return all(self._value_fits(value, e) for e in expr.shapeExprs)
        if kind == "NodeConstraint":
            return self._meets(value, expr)
        return True  # an inline shape: PyShEx's verdict on the focus node stands

    @staticmethod
    def _meets(value: rdflib.term.Node, expr: Any) -> bool:
        if expr.datatype is not None:
            if not isinstance(value, rdflib.Literal):
                return False
            if value.datatype is None and value.language is None:  # a simple literal
                return str(expr.datatype) == str(rdflib.XSD.string)
            return str(value.datatype) == str(expr.datatype)
        if expr.values is not None:
            return str(value) in {str(v) for v in expr.values}
        if expr.nodeKind == "iri":
            return isinstance(value, rdflib.URIRef)
        if expr.nodeKind == "bnode":
            return isinstance(value, rdflib.BNode)
        if expr.nodeKind == "literal":
            return isinstance(value, rdflib.Literal)
        return True


def _references(expr: Any) -> list[str]:
    """The named shapes a value expression (a reference, OR, AND) refers to."""
    if isinstance(expr, str):
        return [expr]
    return [r for e in getattr(expr, "shapeExprs", None) or () for r in _references(e)]


def _triple_constraints(expr: Any) -> list[Any]:
    if type(expr).__name__ == "TripleConstraint":
        return [] if expr.inverse else [expr]
    return [tc for e in getattr(expr, "expressions", None) or () for tc in _triple_constraints(e)]


def _expected(expr: Any) -> str:
    if isinstance(expr, str):
        name = expr.removeprefix(SHAPES)
        return ("an " if name[:1] in "AEIOU" else "a ") + name
    if type(expr).__name__ in ("ShapeOr", "ShapeAnd"):
        joiner = " or " if type(expr).__name__ == "ShapeOr" else " and "
        return joiner.join(_expected(e) for e in expr.shapeExprs)
    if type(expr).__name__ == "NodeConstraint":
        return _constraint_words(expr)
    return "of the expected shape"


def _constraint_words(expr: Any) -> str:
    if expr.datatype is not None:
        return f"an {compact(str(expr.datatype))} literal"
    if expr.values is not None:
        return "one of " + ", ".join(compact(str(v)) for v in expr.values)
    return f"a{'n' if expr.nodeKind == 'iri' else ''} {expr.nodeKind or 'value'}"


def validate_gocam(model: rdflib.Graph, hierarchy: Hierarchy) -> GoCamResult:
    """Check ``model`` (one or more GO-CAM models) with the official shapes."""
    schema, relaxed, roots, _pairs = _schema()
    graph = rdflib.Graph()
    graph += model
    findings: list[Finding] = []
    kinds = set(model.objects(None, rdflib.RDF.type))
    # a negated type ([owl:complementOf C], GO-CAM's NOT) needs C's superclasses too
    kinds |= {c for k in kinds for c in model.objects(k, rdflib.OWL.complementOf)}
    for kind in sorted(kinds, key=str):
        if not isinstance(kind, rdflib.URIRef) or str(kind).startswith(str(rdflib.OWL)):
            continue
        ancestors = set(hierarchy.ancestors(str(kind)))
        if not hierarchy.known(str(kind)):
            assumed = next(
                ((r, what) for p, r, what in _PREFIX_ROOTS if str(kind).startswith(p)), None
            )
            findings.append(
                Finding(
                    severity="warn",
                    check="unknown_class",
                    focus=str(kind),
                    message=f"{compact(str(kind))} is in no hierarchy here"
                    + (
                        f"; taken to be {assumed[1]} by its prefix."
                        if assumed
                        else "; its type checks cannot pass."
                    ),
                    fix="Give the class's superclasses as rdfs:subClassOf in the model, or check the IRI.",
                    source="shex",
                )
            )
            if assumed:
                ancestors.update(assumed[0])
        for root in sorted(roots & ancestors):
            graph.add((kind, rdflib.RDF.type, rdflib.OWL.Class))
            graph.add((kind, rdflib.RDFS.subClassOf, rdflib.URIRef(root)))
    skolem = graph.skolemize()
    shex, edge_shex = _ShEx(graph, schema), _ShEx(skolem, relaxed)
    explainer, edge_explainer = _Explainer(shex), _Explainer(edge_shex)
    focus_nodes = 0
    used: list[str] = []
    failing: dict[rdflib.term.Node, _Failing] = {}
    for query, shape in _focus_queries():
        # in a fixed order: the first problem found at a node is the one its finding leads with
        nodes = sorted((row[0] for row in graph.query(query)), key=str)  # type: ignore[index]
        if not nodes:
            continue
        name = shape.removeprefix(SHAPES)
        used.append(name)
        focus_nodes += len(nodes)
        if shape == ANNOTATED_EDGE:
            for node in nodes:
                if not isinstance(node, rdflib.BNode):
                    findings.append(
                        _finding(graph, node, name, "an evidence axiom must be a blank node")
                    )
            targets = [n.skolemize() if isinstance(n, rdflib.BNode) else n for n in nodes]
            checker = edge_shex
            by_focus = {str(t): n for t, n in zip(targets, nodes, strict=True)}
        else:
            targets, checker = nodes, shex
            by_focus = {str(n): n for n in nodes}
        for target in targets:
            fits, reason = checker.check(target, shape)
            if not fits:
                node = by_focus.get(str(target), rdflib.URIRef(str(target)))
                if shape == ANNOTATED_EDGE:
                    problems = edge_explainer.problems(rdflib.URIRef(str(target)), shape)
                else:
                    problems = explainer.problems(node, shape)
                if not problems:
                    text = _first_line(reason)
                    problems = [Problem(node, "", "", text, name)]
                for problem in problems:
                    origin = problem.root()
                    where = (
                        node if origin is problem else by_focus.get(str(origin.node), origin.node)
                    )
                    entry = failing.setdefault(
                        where, _Failing(where, name if origin is problem else origin.rule)
                    )
                    if origin is problem and entry.check != name:
                        entry.check = name  # a node's own focus shape names it best
                    if origin.text not in (p.text for p in entry.problems):
                        entry.problems.append(origin)
                    if origin is not problem:
                        effect = f"{_name(graph, node)}: {problem.text}"
                        if effect not in entry.effects:
                            entry.effects.append(effect)
    findings += [entry.finding(graph) for entry in _fold_cycles(failing, graph)]
    return GoCamResult(tuple(sorted(set(findings))), focus_nodes, tuple(used))


def _fold_cycles(failing: dict[rdflib.term.Node, _Failing], graph: rdflib.Graph) -> list[_Failing]:
    """Nodes that fail only because a value of theirs fails too, with no cause of their own found
    (a feedback loop: JAK1 -> STAT5 -> SOCS1 -| JAK1, where the explanation walks in a circle),
    are symptoms: listed under the nodes that fail on their own, not as findings of their own."""
    named = {str(n) for n in failing}
    symptoms = {
        node
        for node, entry in failing.items()
        if entry.problems and all(p.value in named and p.cause is None for p in entry.problems)
    }
    roots = [entry for node, entry in failing.items() if node not in symptoms]
    if not roots or not symptoms:
        return list(failing.values())
    for node in sorted(symptoms, key=str):
        for problem in failing[node].problems:
            effect = f"{_name(graph, node)}: {problem.text}"
            for entry in roots:
                if effect not in entry.effects:
                    entry.effects.append(effect)
    return roots


@dataclass
class _Failing:
    """A node where the model fails first: its own broken constraints and what they break."""

    node: rdflib.term.Node
    check: str
    problems: list[Problem] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)

    def finding(self, graph: rdflib.Graph) -> Finding:
        first = self.problems[0]
        rules = ", ".join(dict.fromkeys(p.rule for p in self.problems if p.rule != self.check))
        reason = (f"(rule {rules}) " if rules else "") + "; ".join(p.text for p in self.problems)
        reason = reason[:500]
        if self.effects:
            shown = "; ".join(sorted(self.effects)[:3])
            more = f" and {len(self.effects) - 3} more" if len(self.effects) > 3 else ""
            reason += f"; which is why {shown}{more}"
        kind = ""
        if first.value and first.path:
            found = {str(v): v for v in graph.objects(first.node, rdflib.URIRef(first.path))}
            kind = "literal" if isinstance(found.get(first.value), rdflib.Literal) else "iri"
        finding = _finding(graph, self.node, self.check, reason)
        fix = FIX_HINTS.get(first.rule, finding.fix) if first.rule != self.check else finding.fix
        return replace(finding, path=first.path, value=first.value, value_type=kind, fix=fix)


def _first_line(reason: str | None) -> str:
    """PyShEx's own explanation, when no single constraint could be named."""
    for line in (reason or "").splitlines():
        if line.strip() and not line.strip().startswith("Testing"):
            text = re.sub(r"<?(https?://[^\s>\"]+)>?", lambda m: compact(m.group(1)), line.strip())
            return text
    return "does not match the shape"


def _name(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """A node's name in a message; an evidence axiom (blank) by the edge it annotates."""
    if isinstance(node, rdflib.BNode):
        parts = (
            graph.value(node, rdflib.OWL.annotatedSource),
            graph.value(node, rdflib.OWL.annotatedProperty),
            graph.value(node, rdflib.OWL.annotatedTarget),
        )
        return "evidence axiom on " + " ".join(
            _label(graph, n) or compact(str(n)) if n is not None else "?" for n in parts
        )
    return _label(graph, node) or compact(str(node))


def _finding(graph: rdflib.Graph, node: rdflib.term.Node, shape: str, reason: str) -> Finding:
    focus, label = node, _label(graph, node)
    if isinstance(node, rdflib.BNode):  # an axiom: name it by its edge, not a random blank id
        source = graph.value(node, rdflib.OWL.annotatedSource)
        focus = source if source is not None else node
        label = _name(graph, node)
    if shape != "GoCamModel":  # which model, when several are validated at once
        for model in graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology):
            if str(focus).startswith(str(model) + "/"):
                title = graph.value(model, rdflib.URIRef("http://purl.org/dc/elements/1.1/title"))
                label += f" in model {title or compact(str(model))}"
                break
    return Finding(
        severity="error",
        check=shape,
        focus=str(focus),
        focus_label=label,
        message=f"GO-CAM shape {shape}: {reason}",
        fix=FIX_HINTS.get(shape, "See the shape in shapes/gocam/go-cam-shapes.shex."),
        source="shex",
        shape=SHAPES + shape,
    )
