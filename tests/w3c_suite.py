"""The W3C SHACL test suite (tests/data/w3c-shacl): reading its manifests and comparing reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import rdflib

from cytokine_rdf.io.graph import verbatim_literals
from cytokine_rdf.validation.shacl import path_forms

SUITE = Path(__file__).parent / "data" / "w3c-shacl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

Key = tuple[str, str, str, str, str, str]


@dataclass(frozen=True)
class Case:
    """One test: its file, name, data and shapes files, and the expected report (None: must fail)."""

    name: str
    file: Path
    data: Path
    shapes: Path
    expected: Counter[Key] | None


def cases(manifest: Path = SUITE / "manifest.ttl") -> list[Case]:
    """Every sht:Validate entry reachable from ``manifest`` (mf:include followed)."""
    with verbatim_literals():
        graph = rdflib.Graph().parse(manifest, format="turtle")
    out: list[Case] = []
    for included in graph.objects(None, MF.include):
        out += cases(Path(str(included).removeprefix("file://")))
    for entries in graph.objects(None, MF.entries):
        for entry in rdflib.collection.Collection(graph, entries):
            action = graph.value(entry, MF.action)
            result = graph.value(entry, MF.result)
            data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
            shapes = Path(str(graph.value(action, SHT.shapesGraph)).removeprefix("file://"))
            expected = None if result == SHT.Failure else report_keys(graph, result)
            relative = manifest.parent.relative_to(SUITE)
            out.append(
                Case(f"{relative}/{Path(str(entry)).name}", manifest, data, shapes, expected)
            )
    return sorted(out, key=lambda c: c.name)


def _term(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.BNode):
        return "_:b"  # blank nodes match any blank node, as the suite's isomorphism check allows
    return node.n3()


def report_keys(graph: rdflib.Graph, report: rdflib.term.Node) -> Counter[Key]:
    """(focus, path, value, component, shape, severity) of each result of ``report``."""
    keys: Counter[Key] = Counter()
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        keys[
            (
                _term(graph, graph.value(result, SH.focusNode)),
                path_forms(graph, path)[1] if path is not None else "",
                _term(graph, graph.value(result, SH.value)),
                _term(graph, graph.value(result, SH.sourceConstraintComponent)),
                _term(graph, graph.value(result, SH.sourceShape)),
                _term(graph, graph.value(result, SH.resultSeverity)),
            )
        ] += 1
    return keys
