"""SHACL with pySHACL: packaged shapes, running them, and turning SHACL results into findings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyshacl
import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.resources import iter_resources
from cytokine_rdf.terms import Term
from cytokine_rdf.validation.results import Finding, shacl_finding
from cytokine_rdf.vocab import SH, SHAPES_NS

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData


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
            f"SHACL validation could not run ({type(exc).__name__}): {' '.join(str(exc).split())[:300]}"
        ) from exc
    assert isinstance(results, rdflib.Graph)
    return _findings(results, data_graph, shapes_graph), results


def shape_names(shapes: rdflib.Graph) -> list[str]:
    """The check name of every named shape (node and property shapes with an IRI)."""

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


def _findings(results: rdflib.Graph, data: rdflib.Graph, shapes: rdflib.Graph) -> list[Finding]:

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
        out.append(
            shacl_finding(
                severity=str(results.value(node, sh.resultSeverity)),
                shape=Term.from_rdflib(shape) if shape is not None else None,
                component=str(component),
                focus=Term.from_rdflib(focus),
                focus_label=str(label or ""),
                path=_path_text(path),
                value=Term.from_rdflib(value) if value is not None else None,
                message=messages[0] if messages else "",
                fix=_fix_text(shapes, shape),
            )
        )
    return sorted(out)


def _path_text(path: rdflib.term.Node | None) -> str:

    if path is None:
        return ""
    return str(path) if isinstance(path, rdflib.URIRef) else "(complex path)"


def _fix_text(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str:
    """The shape's ``sh:description`` says how to fix."""

    if shape is None:
        return ""
    described = shapes.value(shape, rdflib.URIRef(SH + "description"))
    return " ".join(str(described or "").split())
