"""Validation: SHACL shapes, ROBOT-style QC checks and reasoner coherence, reported as plain findings.

:func:`validate` is the one gate: without data it checks the ontology (SHACL ``shapes/ontology.*``,
QC ``queries/qc/*.rq``, a reasoner); with data it checks the data against ``shapes/data.*`` with the
ontology as background knowledge, and reasons over ontology plus data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CytokineRdfError
from .resources import iter_resources

if TYPE_CHECKING:
    import rdflib

    from .graph import RdfData
    from .reason import ReasonerResult

__all__ = [
    "FAIL_ON",
    "SEVERITIES",
    "Finding",
    "Report",
    "packaged_shapes",
    "reasoner_findings",
    "run_shacl",
    "shape_names",
    "validate",
]

SEVERITIES = ("error", "warn", "info")
FAIL_ON = ("error", "warn", "info", "none")
SH = "http://www.w3.org/ns/shacl#"
SHAPES_NS = "https://w3id.org/cytokine-rdf/shapes/"
_SEVERITY = {SH + "Violation": "error", SH + "Warning": "warn", SH + "Info": "info"}
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, in terms a person can act on."""

    severity: str  # error | warn | info
    check: str  # shape name ("GeneProductUniProtShape"), QC check ("missing_label"), reasoner check
    focus: str  # IRI (or blank node id) of the offending node
    focus_label: str = ""
    path: str = ""  # full IRI of the property ("" when none, "(complex path)" for SHACL paths)
    value: str = ""
    message: str = ""
    fix: str = ""
    source: str = "shacl"  # shacl | qc | reasoner
    shape: str = ""
    value_type: str = ""  # iri | literal | bnode | "" (no value)

    @property
    def rank(self) -> int:
        """0 for error, 1 for warn, 2 for info."""
        return _RANK.get(self.severity, 0)

    def as_dict(self) -> dict[str, str]:
        """Stable JSON form (documented in docs/ci.md)."""
        return {
            "severity": self.severity,
            "source": self.source,
            "check": self.check,
            "focus": self.focus,
            "focus_label": self.focus_label,
            "path": self.path,
            "value": self.value,
            "value_type": self.value_type,
            "message": self.message,
            "fix": self.fix,
            "shape": self.shape,
        }


@dataclass(frozen=True)
class Report:
    """Every finding of one validation run, sorted by severity then node, and the checks that ran."""

    findings: tuple[Finding, ...]
    checks_run: tuple[tuple[str, str], ...] = ()  # (source, check name)
    extra: dict[str, Any] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def failing(self, fail_on: str = "error") -> list[Finding]:
        """The findings at or above ``fail_on`` (error, warn, info; none = nothing fails)."""
        if fail_on not in FAIL_ON:
            raise CytokineRdfError(
                f"unknown --fail-on level {fail_on!r}", hint="use error, warn, info or none"
            )
        if fail_on == "none":
            return []
        return [f for f in self.findings if f.rank <= _RANK[fail_on]]

    def fails(self, fail_on: str = "error") -> bool:
        """True when a finding reaches the ``fail_on`` level."""
        return bool(self.failing(fail_on))

    def summary(self, fail_on: str = "error") -> str:
        """One line for stderr: verdict and counts."""
        verdict = "FAIL" if self.fails(fail_on) else "OK"
        return (
            f"{verdict}: {self.count('error')} error(s), {self.count('warn')} warning(s), "
            f"{self.count('info')} info; {len(self.checks_run)} checks (fail on {fail_on})"
        )


def packaged_shapes(kind: str) -> list[Path]:
    """The packaged shapes files for ``kind`` (``ontology`` or ``data``)."""
    return [
        p
        for p in iter_resources("shapes", ".ttl", recursive=False)
        if p.name.startswith(kind + ".")
    ]


def run_shacl(
    data_graph: rdflib.Graph,
    shapes: RdfData,
    *,
    ont_graph: rdflib.Graph | None = None,
) -> tuple[list[Finding], rdflib.Graph]:
    """Validate ``data_graph`` against ``shapes`` with pySHACL; return findings and the report graph."""
    import pyshacl
    import rdflib

    shapes_graph = shapes.rdflib_graph()
    try:
        _conforms, results, _text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            ont_graph=ont_graph,
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
    except Exception as exc:  # pySHACL raises its own ReportableRuntimeError and others
        raise CytokineRdfError(
            f"SHACL validation could not run: {' '.join(str(exc).split())[:300]}"
        ) from exc
    assert isinstance(results, rdflib.Graph)
    return _findings(results, data_graph, shapes_graph), results


def shape_names(shapes: rdflib.Graph) -> list[str]:
    """The check name of every named shape (node and property shapes with an IRI)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    named: set[str] = set()
    for kind in (sh.NodeShape, sh.PropertyShape):
        named.update(
            _shape_name(s)
            for s in shapes.subjects(rdflib.RDF.type, kind)
            if isinstance(s, rdflib.URIRef)
        )
    named.update(
        _shape_name(s) for s in shapes.subjects(sh.path, None) if isinstance(s, rdflib.URIRef)
    )
    return sorted(named)


def _shape_name(shape: rdflib.term.Node) -> str:
    text = str(shape)
    return text.removeprefix(SHAPES_NS)


def _kind(node: rdflib.term.Node | None) -> str:
    import rdflib

    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return "iri"
    return "bnode" if isinstance(node, rdflib.BNode) else "literal"


def _findings(results: rdflib.Graph, data: rdflib.Graph, shapes: rdflib.Graph) -> list[Finding]:
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    top = {
        r
        for report in results.subjects(rdflib.RDF.type, sh.ValidationReport)
        for r in results.objects(report, sh.result)
    }
    for node in sorted(top, key=str):  # nested sh:detail results are explained by their parent
        focus = results.value(node, sh.focusNode)
        path = results.value(node, sh.resultPath)
        value = results.value(node, sh.value)
        component = results.value(node, sh.sourceConstraintComponent)
        shape = results.value(node, sh.sourceShape)
        messages = sorted(str(m) for m in results.objects(node, sh.resultMessage))
        label = data.value(focus, rdflib.RDFS.label) if focus is not None else None
        named = shape is not None and isinstance(shape, rdflib.URIRef)
        check = (
            _shape_name(shape)
            if named and shape is not None
            else "shacl:" + str(component).rsplit("#", 1)[-1]
        )
        out.append(
            Finding(
                severity=_SEVERITY.get(str(results.value(node, sh.resultSeverity)), "error"),
                check=check,
                focus=str(focus),
                focus_label=str(label or ""),
                path=_path_text(path),
                value="" if value is None or isinstance(value, rdflib.BNode) else str(value),
                message=messages[0] if messages else "",
                fix=_fix_text(shapes, shape),
                source="shacl",
                shape=str(shape) if named else "",
                value_type="" if isinstance(value, rdflib.BNode) else _kind(value),
            )
        )
    return sorted(out)


def _path_text(path: rdflib.term.Node | None) -> str:
    import rdflib

    if path is None:
        return ""
    return str(path) if isinstance(path, rdflib.URIRef) else "(complex path)"


def _fix_text(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str:
    """The shape's ``sh:description`` says how to fix."""
    import rdflib

    if shape is None:
        return ""
    described = shapes.value(shape, rdflib.URIRef(SH + "description"))
    return " ".join(str(described or "").split())


REASONER_CHECKS = ("consistency", "unsatisfiable_class", "subclass_cycle")


def reasoner_findings(
    result: ReasonerResult, *, ontology_iri: str = "", with_data: bool = False
) -> list[Finding]:
    """Turn a reasoner result into findings (inconsistency, unsatisfiable classes, cycles)."""
    out: list[Finding] = []
    how = f"{result.reasoner} reasoner"
    what = (
        "The ontology together with the data has no model"
        " (a common cause: a value whose datatype contradicts a property's range, such as a level"
        " given as a string)"
        if with_data
        else "The ontology has no model"
    )
    if not result.consistent:
        out.append(
            Finding(
                severity="error",
                check="consistency",
                focus=ontology_iri,
                message=f"{what} ({how}): some axioms contradict each other"
                + (f" ({result.explanation})" if result.explanation else "."),
                fix="Look for an individual typed with two disjoint classes, or a class assertion that breaks "
                "a restriction; remove or correct the contradicting axiom, then run `cytokine-rdf reason`.",
                source="reasoner",
            )
        )
    for iri, label in result.unsatisfiable:
        out.append(
            Finding(
                severity="error",
                check="unsatisfiable_class",
                focus=iri,
                focus_label=label,
                message=f"This class can have no members ({how}): it is equivalent to owl:Nothing.",
                fix="Check its superclasses and restrictions for a disjointness clash (e.g. a subclass of two "
                "disjoint classes) and remove the wrong rdfs:subClassOf or owl:disjointWith axiom.",
                source="reasoner",
            )
        )
    for cycle in result.cycles:
        out.append(
            Finding(
                severity="warn",
                check="subclass_cycle",
                focus=cycle[0],
                value=" -> ".join(cycle),
                message="These classes are subclasses of each other in a cycle, which makes them all equivalent.",
                fix="Remove the rdfs:subClassOf link that closes the cycle, or declare the classes "
                "owl:equivalentClass if they really are the same.",
                source="reasoner",
            )
        )
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop a QC finding when SHACL already reported the same node, property and value."""
    seen = {(f.focus, f.path, f.value) for f in findings if f.source == "shacl"}
    return [f for f in findings if f.source != "qc" or (f.focus, f.path, f.value) not in seen]


def _ontology_iri(data: RdfData) -> str:
    import pyoxigraph as ox

    ontologies = {
        q.subject.value
        for q in data.store.quads_for_pattern(
            None,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"),
        )
        if isinstance(q.subject, ox.NamedNode)
    }
    imported = {
        q.object.value
        for q in data.store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2002/07/owl#imports"), None
        )
        if isinstance(q.object, ox.NamedNode)
    }
    roots = sorted(ontologies - imported) or sorted(ontologies)
    return roots[0] if roots else ""


def validate(
    inputs: Sequence[str | Path] = (),
    *,
    shapes: Sequence[str | Path] | None = None,
    ontology: Sequence[str | Path] | None = None,
    qc: bool = True,
    reasoner: str | None = "hermit",
    reason_limit: int | None = 200_000,
    profile: str | Path | None = None,
    namespaces: Sequence[str] | None = None,
) -> Report:
    """Validate the packaged ontology (no ``inputs``) or users' data; return one report.

    Without ``inputs`` the ontology (or the ``ontology`` files instead) is checked against
    ``shapes/ontology.*.ttl``, the QC checks (scoped to ``namespaces``, else the namespace inferred
    from the ontology) and the reasoner. With ``inputs`` the data is checked against
    ``shapes/data.*.ttl`` with the ontology as background knowledge, and the reasoner runs over the
    ontology plus the data; QC (an ontology check) is skipped. ``shapes`` replaces the packaged
    shapes; ``reasoner=None`` skips reasoning, and so does data of more than ``reason_limit`` triples
    (an info finding says so).
    """
    from .graph import load

    onto = load(ontology=ontology)
    findings: list[Finding] = []
    checks: list[tuple[str, str]] = []
    extra: dict[str, Any] = {
        "mode": "data" if inputs else "ontology",
        "sources": list(onto.sources),
    }

    data = load(inputs, include_ontology=False) if inputs else None
    shape_files = list(shapes) if shapes else packaged_shapes("data" if inputs else "ontology")
    if not shape_files:
        raise CytokineRdfError("no SHACL shapes to validate with", hint="give --shapes FILE")
    shapes_data = load(shape_files, include_ontology=False)
    if data is not None:
        extra["data"] = list(data.sources)
    from .fastshacl import validate_fast, with_background

    fast = validate_fast(onto if data is None else with_background(data, onto), shapes_data)
    extra["shacl_engine"] = "oxigraph" if fast is not None else "pyshacl"
    if fast is not None:
        shacl_findings = fast
    elif data is not None:
        shacl_findings, _ = run_shacl(
            data.rdflib_graph(), shapes_data, ont_graph=onto.rdflib_graph()
        )
    else:
        shacl_findings, _ = run_shacl(onto.rdflib_graph(), shapes_data, ont_graph=None)
    findings += shacl_findings
    checks += [("shacl", name) for name in shape_names(shapes_data.rdflib_graph())]

    if qc and data is None:
        from .qc import infer_namespace, load_checks, run_checks

        scope = (
            list(namespaces)
            if namespaces
            else [infer_namespace(onto) if ontology else _own_namespace()]
        )
        extra["namespaces"] = scope
        qc_checks = load_checks(profile)
        findings += run_checks(onto, qc_checks, scope)
        checks += [("qc", c.name) for c in qc_checks]

    if reasoner and data is not None and reason_limit is not None and len(data) > reason_limit:
        # OWL reasoning over a large ABox takes minutes and gigabytes; say so instead of hanging
        findings.append(
            Finding(
                severity="info",
                check="reasoning_skipped",
                focus=_ontology_iri(onto),
                message=f"Reasoning skipped: the data has {len(data):,} triples, more than {reason_limit:,}.",
                fix="Reason over the data on purpose with `cytokine-rdf reason -i DATA`, or pass --no-reason.",
                source="reasoner",
            )
        )
        reasoner = None
    if reasoner:
        from .reason import reason

        graph = onto.rdflib_graph() if data is None else onto.rdflib_graph() + data.rdflib_graph()
        result = reason(graph, reasoner=reasoner)
        findings += reasoner_findings(
            result, ontology_iri=_ontology_iri(onto), with_data=data is not None
        )
        checks += [
            ("reasoner", name)
            for name in REASONER_CHECKS
            if name != "subclass_cycle" or result.reasoner == "structural"
        ]
        extra["reasoner"] = result.reasoner

    ordered = sorted(
        _dedupe(findings),
        key=lambda f: (f.rank, f.source != "shacl", f.focus, f.check, f.path, f.value),
    )
    return Report(tuple(ordered), tuple(checks), extra)


def _own_namespace() -> str:
    from .constants import CYTO

    return CYTO
