"""Validation: SHACL shapes over the ontology or users' data, reported as plain findings."""

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

__all__ = ["SEVERITIES", "Finding", "Report", "packaged_shapes", "run_shacl", "validate"]

SEVERITIES = ("error", "warn", "info")
SH = "http://www.w3.org/ns/shacl#"
_SEVERITY = {SH + "Violation": "error", SH + "Warning": "warn", SH + "Info": "info"}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, in terms a person can act on."""

    severity: str  # error | warn | info
    check: str  # e.g. "shacl:MinCountConstraintComponent", "missing_label", "unsatisfiable_class"
    focus: str  # IRI (or blank node id) of the offending node
    focus_label: str = ""
    path: str = ""
    value: str = ""
    message: str = ""
    fix: str = ""
    source: str = "shacl"  # shacl | qc | reasoner
    shape: str = ""

    def as_dict(self) -> dict[str, str]:
        """Stable JSON form."""
        return {
            "severity": self.severity,
            "source": self.source,
            "check": self.check,
            "focus": self.focus,
            "focus_label": self.focus_label,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
            "shape": self.shape,
        }


@dataclass(frozen=True)
class Report:
    """Every finding of one validation run, sorted by severity then node."""

    findings: tuple[Finding, ...]
    checks_run: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str = "error") -> bool:
        """True when a finding reaches the ``fail_on`` level (error, warn, info; none never fails)."""
        if fail_on == "none":
            return False
        levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return any(f.severity in levels for f in self.findings)


def packaged_shapes(kind: str) -> list[Path]:
    """The packaged shapes files for ``kind`` (``ontology`` or ``data``)."""
    return [p for p in iter_resources("shapes", ".ttl", recursive=False) if p.name.startswith(kind + ".")]


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
        raise CytokineRdfError(f"SHACL validation could not run: {' '.join(str(exc).split())[:300]}") from exc
    assert isinstance(results, rdflib.Graph)
    return _findings(results, data_graph, shapes_graph), results


def _findings(results: rdflib.Graph, data: rdflib.Graph, shapes: rdflib.Graph) -> list[Finding]:
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    for node in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(node, sh.focusNode)
        path = results.value(node, sh.resultPath)
        value = results.value(node, sh.value)
        component = results.value(node, sh.sourceConstraintComponent)
        shape = results.value(node, sh.sourceShape)
        messages = sorted(str(m) for m in results.objects(node, sh.resultMessage))
        label = data.value(focus, rdflib.RDFS.label) if focus is not None else None
        out.append(
            Finding(
                severity=_SEVERITY.get(str(results.value(node, sh.resultSeverity)), "error"),
                check="shacl:" + str(component).rsplit("#", 1)[-1] if component else "shacl",
                focus=str(focus),
                focus_label=str(label or ""),
                path=_path_text(path),
                value="" if value is None else str(value),
                message=messages[0] if messages else "",
                fix=_fix_text(shapes, shape),
                source="shacl",
                shape="" if shape is None or isinstance(shape, rdflib.BNode) else str(shape),
            )
        )
    return sorted(out)


def _path_text(path: rdflib.term.Node | None) -> str:
    from .terms import compact

    if path is None:
        return ""
    return compact(str(path)) if not str(path).startswith("N") or "://" in str(path) else "(complex path)"


def _fix_text(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str:
    """The shape's ``sh:description`` says how to fix."""
    import rdflib

    if shape is None:
        return ""
    described = shapes.value(shape, rdflib.URIRef(SH + "description"))
    return str(described or "")


def validate(
    inputs: Sequence[str | Path] = (),
    *,
    shapes: Sequence[str | Path] | None = None,
    ontology: Sequence[str | Path] | None = None,
) -> Report:
    """Validate the packaged ontology (no ``inputs``) or users' data against the packaged shapes.

    Without ``inputs`` the ontology (or the ``ontology`` files instead) is checked against
    ``shapes/ontology.*.ttl``; with ``inputs`` the data is checked against ``shapes/data.*.ttl``,
    with the ontology as background knowledge (class hierarchy for ``sh:targetClass``).
    """
    from .graph import load

    onto = load(ontology=ontology)
    if inputs:
        data = load(inputs, include_ontology=False)
        shape_files = list(shapes) if shapes else packaged_shapes("data")
        target, background = data.rdflib_graph(), onto.rdflib_graph()
    else:
        shape_files = list(shapes) if shapes else packaged_shapes("ontology")
        target, background = onto.rdflib_graph(), None
    if not shape_files:
        raise CytokineRdfError("no SHACL shapes to validate with", hint="give --shapes FILE")
    findings, _ = run_shacl(target, load(shape_files, include_ontology=False), ont_graph=background)
    return Report(tuple(findings), ("shacl",))
