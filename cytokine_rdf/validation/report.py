"""Render a validation :class:`~cytokine_rdf.validation.gate.Report` as text, JSON, Turtle or JUnit XML.

The JSON layout is documented in ``docs/ci.md`` and versioned by its ``schema`` key.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import rdflib

from cytokine_rdf.io.serialize import serialize_graph
from cytokine_rdf.terms import compact
from cytokine_rdf.validation.results import SEVERITIES, Finding, Report
from cytokine_rdf.vocab import SH

__all__ = ["JSON_SCHEMA", "REPORT_FORMATS", "render_report"]

REPORT_FORMATS = ("text", "json", "turtle", "junit")
JSON_SCHEMA = "https://w3id.org/cytokine-rdf/schema/validation-report/1"
CHECK_NS = "https://w3id.org/cytokine-rdf/checks/"
_SH_SEVERITY = {"error": "Violation", "warn": "Warning", "info": "Info"}
_TITLE = {"error": "ERRORS", "warn": "WARNINGS", "info": "INFO"}


def render_report(report: Report, fmt: str, *, fail_on: str = "error") -> str:
    """Return ``report`` as ``fmt`` (text, json, turtle, junit)."""
    if fmt == "json":
        return _json(report, fail_on)
    if fmt == "turtle":
        return _turtle(report, fail_on)
    if fmt == "junit":
        return _junit(report, fail_on)
    return _text(report, fail_on)


def _who(f: Finding) -> str:
    iri = compact(f.focus) if f.focus else "(the ontology)"
    return f"{f.focus_label} ({iri})" if f.focus_label else iri


def _text(report: Report, fail_on: str) -> str:
    lines: list[str] = []
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines.append(f"{_TITLE[severity]} ({len(group)})")
        for f in group:
            lines.append(f"  {_who(f)}  [{f.source}: {f.check}]")
            if f.path:
                lines.append(f"    property: {compact(f.path)}")
            if f.value:
                lines.append(
                    f"    value:    {compact(f.value) if f.value_type == 'iri' else repr(f.value)}"
                )
            lines.append(f"    problem:  {f.message or f.check}")
            if f.fix:
                lines.append(f"    fix:      {f.fix}")
        lines.append("")
    if not lines:
        lines.append(f"no findings ({len(report.checks_run)} checks)")
    return "\n".join(lines).rstrip("\n") + "\n"


def _json(report: Report, fail_on: str) -> str:
    doc = {
        "schema": JSON_SCHEMA,
        "conforms": not report.fails("error"),
        "failed": report.fails(fail_on),
        "fail_on": fail_on,
        "counts": {s: report.count(s) for s in SEVERITIES},
        "checks": [{"source": source, "check": name} for source, name in report.checks_run],
        "run": dict(sorted(report.extra.items())),
        "findings": [f.as_dict() for f in report.findings],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _node(text: str, kind: str) -> rdflib.term.Identifier:

    if kind == "iri" or (not kind and "://" in text and " " not in text):
        return rdflib.URIRef(text)
    if kind == "bnode" or text.startswith("_:"):
        return rdflib.BNode(text.removeprefix("_:"))
    return rdflib.Literal(text)


def _turtle(report: Report, fail_on: str) -> str:

    sh = rdflib.Namespace(SH)
    graph = rdflib.Graph()
    root = rdflib.BNode("report")
    graph.add((root, rdflib.RDF.type, sh.ValidationReport))
    graph.add((root, sh.conforms, rdflib.Literal(not report.fails("error"))))
    for number, f in enumerate(report.findings):
        result = rdflib.BNode(f"result{number}")
        graph.add((root, sh.result, result))
        graph.add((result, rdflib.RDF.type, sh.ValidationResult))
        graph.add(
            (
                result,
                sh.focusNode,
                _node(f.focus or "urn:cytokine-rdf:ontology", "iri" if f.focus else ""),
            )
        )
        graph.add((result, sh.resultSeverity, sh[_SH_SEVERITY[f.severity]]))
        graph.add((result, sh.resultMessage, rdflib.Literal(f.message or f.check)))
        if f.path and f.path != "(complex path)":
            graph.add((result, sh.resultPath, rdflib.URIRef(f.path)))
        if f.value:
            graph.add((result, sh.value, _node(f.value, f.value_type)))
        check = rdflib.URIRef(f"{CHECK_NS}{f.source}/{f.check}")
        graph.add((result, sh.sourceShape, rdflib.URIRef(f.shape) if f.shape else check))
        graph.add((result, sh.sourceConstraintComponent, check))
        if f.fix:
            graph.add((result, rdflib.RDFS.comment, rdflib.Literal(f.fix)))
    return serialize_graph(graph, "ttl").decode("utf-8")


def _junit(report: Report, fail_on: str) -> str:

    failing = set(report.failing(fail_on))
    suites = ET.Element("testsuites", name="cytokine-rdf validate")
    by_source: dict[str, list[str]] = {}
    for source, name in report.checks_run:
        by_source.setdefault(source, []).append(name)
    for (
        f
    ) in report.findings:  # a finding from a check not listed (user shapes) still gets a testcase
        if f.check not in by_source.setdefault(f.source, []):
            by_source[f.source].append(f.check)
    total = failures = 0
    for source, names in by_source.items():
        suite = ET.SubElement(suites, "testsuite", name=f"cytokine-rdf.{source}")
        suite_failures = 0
        for name in names:
            found = [f for f in report.findings if f.source == source and f.check == name]
            case = ET.SubElement(suite, "testcase", classname=f"cytokine-rdf.{source}", name=name)
            bad = [f for f in found if f in failing]
            if bad:
                suite_failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(bad)} finding(s): {bad[0].message}",
                    type=bad[0].severity,
                )
                failure.text = "\n".join(_finding_line(f) for f in bad)
            other = [f for f in found if f not in failing]
            if other:
                ET.SubElement(case, "system-out").text = "\n".join(_finding_line(f) for f in other)
        suite.set("tests", str(len(names)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(names)
        failures += suite_failures
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _finding_line(f: Finding) -> str:
    parts = [f"{f.severity.upper()} {_who(f)}"]
    if f.path:
        parts.append(f"property {compact(f.path)}")
    if f.value:
        parts.append(f"value {f.value}")
    parts.append(f.message)
    if f.fix:
        parts.append(f"fix: {f.fix}")
    return " | ".join(parts)
