"""Render a validation :class:`~cytokine_rdf.validation.gate.Report` as text, JSON, Turtle or JUnit XML.

The JSON layout is documented in ``docs/ci.md`` and versioned by its ``schema`` key.
"""

from __future__ import annotations

import json
import urllib.parse
import xml.etree.ElementTree as ET

import rdflib

from cytokine_rdf.display import printable
from cytokine_rdf.io.graph import verbatim_literals
from cytokine_rdf.io.serialize import serialize_graph
from cytokine_rdf.terms import compact
from cytokine_rdf.validation.results import SEVERITIES, Finding, Report

__all__ = ["JSON_SCHEMA", "REPORT_FORMATS", "render_report"]

REPORT_FORMATS = ("text", "json", "turtle", "junit")
JSON_SCHEMA = "https://w3id.org/cytokine-rdf/schema/validation-report/2"
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
            if f.file:
                lines.append(f"    where:    {f.file}:{f.line}")
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
    # labels, messages and values come from the data: none may drive the terminal
    return "\n".join(printable(line) for line in lines).rstrip("\n") + "\n"


def _json(report: Report, fail_on: str) -> str:
    doc = {
        "schema": JSON_SCHEMA,
        "conforms": not report.findings,  # as SHACL's sh:conforms: any finding means false
        "failed": report.fails(fail_on),
        "fail_on": fail_on,
        "counts": {s: report.count(s) for s in SEVERITIES},
        "checks": [{"source": source, "check": name} for source, name in report.checks_run],
        "run": dict(sorted(report.extra.items())),
        "findings": [f.as_dict() for f in report.findings],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _turtle(report: Report, fail_on: str) -> str:
    """A SHACL ``sh:ValidationReport``: SHACL findings with their own terms (path structures and
    custom severities kept), QC and reasoner findings as results of this tool's checks."""
    lines = [
        "@prefix sh: <http://www.w3.org/ns/shacl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "[] a sh:ValidationReport ;",
        f"  sh:conforms {'true' if not report.findings else 'false'}",
    ]
    for f in report.findings:
        exact = f.exact
        if exact is None:  # a QC or reasoner finding: this tool's check is shape and component
            check = f"<{CHECK_NS}{f.source}/{urllib.parse.quote(f.check, safe='')}>"
            focus = rdflib.URIRef(f.focus or "urn:cytokine-rdf:ontology").n3()
            fields = [
                ("sh:focusNode", focus),
                ("sh:resultSeverity", f"sh:{_SH_SEVERITY[f.severity]}"),
                ("sh:sourceShape", f"<{f.shape}>" if f.shape else check),
                ("sh:sourceConstraintComponent", check),
            ]
            if f.path:
                fields.append(("sh:resultPath", rdflib.URIRef(f.path).n3()))
            if f.value:
                value = rdflib.URIRef(f.value) if f.value_type == "iri" else rdflib.Literal(f.value)
                fields.append(("sh:value", value.n3()))
        else:
            fields = [
                ("sh:focusNode", exact.focus),
                ("sh:resultSeverity", f"<{exact.severity}>"),
                ("sh:sourceShape", exact.shape),
                ("sh:sourceConstraintComponent", f"<{exact.component}>"),
            ]
            if exact.path:
                fields.append(("sh:resultPath", exact.path))
            if exact.value:
                fields.append(("sh:value", exact.value))
        fields.append(("sh:resultMessage", rdflib.Literal(f.message or f.check).n3()))
        if f.fix:
            fields.append(("rdfs:comment", rdflib.Literal(f.fix).n3()))
        body = " ;\n    ".join(f"{p} {o}" for p, o in fields)
        lines[-1] += " ;"
        lines.append(f"  sh:result [ a sh:ValidationResult ;\n    {body} ]")
    lines[-1] += " ."
    with verbatim_literals():  # the values as found, not rdflib's rewrite of them
        graph = rdflib.Graph().parse(data="\n".join(lines) + "\n", format="turtle")
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
            placed = next((f for f in bad if f.file), None)
            if placed is not None:  # CI annotations point at the first failing node's line
                case.set("file", placed.file)
                case.set("line", str(placed.line))
            if bad:
                suite_failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=printable(f"{len(bad)} finding(s): {bad[0].message}"),
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
    if f.file:
        parts.append(f"at {f.file}:{f.line}")
    if f.path:
        parts.append(f"property {compact(f.path)}")
    if f.value:
        parts.append(f"value {f.value}")
    parts.append(f.message)
    if f.fix:
        parts.append(f"fix: {f.fix}")
    return printable(" | ".join(parts))  # a control character would make the XML ill-formed
