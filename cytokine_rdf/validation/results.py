"""Result types of validation and reasoning: findings, reports, reasoner answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.terms import Term
from cytokine_rdf.vocab import SH, SHAPES_NS

SEVERITIES = ("error", "warn", "info")


FAIL_ON = ("error", "warn", "info", "none")


_SEVERITY = {SH + "Violation": "error", SH + "Warning": "warn", SH + "Info": "info"}
_VALUE_TYPE = {"uri": "iri", "literal": "literal", "bnode": ""}


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=True)
class ShaclTerms:
    """A SHACL result exactly as a report states it: terms in N-Triples, the path in Turtle."""

    focus: str
    path: str  # the SHACL path as Turtle ("<p>", "[ <...#inversePath> <p> ]", ...), "" for none
    value: str  # "" for none
    component: str  # sh:sourceConstraintComponent IRI
    shape: str  # sh:sourceShape (IRI or blank node) in N-Triples
    severity: str  # sh:resultSeverity IRI, custom severities kept


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
    source: str = "shacl"  # shacl | qc | names | reasoner | shex
    shape: str = ""
    value_type: str = ""  # iri | literal | bnode | "" (no value)
    exact: ShaclTerms | None = None  # SHACL findings: the result's own terms
    file: str = ""  # where the focus node is written (validation.locate), "" when unknown
    line: int = 0

    @property
    def rank(self) -> int:
        """0 for error, 1 for warn, 2 for info."""
        return _RANK.get(self.severity, 0)

    def as_dict(self) -> dict[str, str | int]:
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
            "component": self.exact.component if self.exact else "",
            "file": self.file,
            "line": self.line,
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


@dataclass(frozen=True)
class ReasonerResult:
    """What the reasoner found: consistency, unsatisfiable classes and the inferred hierarchy."""

    reasoner: str
    consistent: bool
    unsatisfiable: tuple[tuple[str, str], ...]  # (IRI, label), sorted
    subclass_pairs: tuple[tuple[str, str], ...]  # (class, named superclass) after reasoning, sorted
    cycles: tuple[tuple[str, ...], ...] = ()  # subclass cycles (structural reasoner only)
    explanation: str = ""  # why the ontology is inconsistent, when the reasoner can tell
    # sets of equivalent named classes, each sorted; the first (smallest IRI) stands for the set
    equivalents: tuple[tuple[str, ...], ...] = ()

    @property
    def coherent(self) -> bool:
        """Consistent and no unsatisfiable class."""
        return self.consistent and not self.unsatisfiable


def shacl_finding(
    *,
    severity: str,
    shape: Term | None,
    component: str,
    focus: Term,
    focus_label: str,
    path: str,
    value: Term | None,
    message: str,
    fix: str,
    exact: ShaclTerms | None = None,
) -> Finding:
    """One SHACL result as a finding; the one constructor both SHACL paths (pySHACL, fast) use.

    ``severity`` is the ``sh:resultSeverity`` IRI; the check is the shape's name (its IRI without
    the packaged shapes namespace) when the shape is named, else the constraint component.
    """
    named = shape is not None and shape.kind == "uri"
    check = (
        shape.value.removeprefix(SHAPES_NS)
        if shape is not None and named
        else "shacl:" + component.rsplit("#", 1)[-1]
    )
    return Finding(
        severity=_SEVERITY.get(severity, "error"),
        check=check,
        focus=focus.value,
        focus_label=focus_label,
        path=path,
        value="" if value is None or value.kind == "bnode" else value.value,
        message=message,
        fix=" ".join(fix.split()),
        source="shacl",
        shape=shape.value if shape is not None and named else "",
        value_type="" if value is None else _VALUE_TYPE[value.kind],
        exact=exact,
    )
