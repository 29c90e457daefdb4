"""Validate a GO-CAM model with the official go-shapes ShEx schema, as GO's own validator does.

GO's python validator (go-shapes ``python/gocam_validator.py``) adds, for every class typing an
individual, ``C a owl:Class ; rdfs:subClassOf R`` for each root class ``R`` of the schema that is
an ancestor of ``C`` (it asks a GO SPARQL endpoint for the ancestors); here the ancestors come
from the project's import modules (:func:`cytokine_rdf.publish.gocam.class_ancestry`), with no
network. Focus nodes come from the schema's own shape map.

PyShEx turns every focus node into an IRI, so the ``AnnotatedEdge`` rule (whose focus is a blank
``owl:Axiom``) is evaluated on a skolemised copy, against the shape without its ``BNode`` node
kind; that node kind is checked directly instead.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import rdflib
from pyshex import ShExEvaluator
from pyshexc.parser_impl.generate_shexj import parse

from cytokine_rdf.publish.gocam import class_ancestry

SHAPES = Path(__file__).parent / "data" / "gocam" / "go-shapes"
ANNOTATED_EDGE = "http://purl.obolibrary.org/obo/go/shapes/AnnotatedEdge"


@cache
def _schema() -> tuple[object, object, set[str], list[tuple[str, str]]]:
    text = (SHAPES / "go-cam-shapes.shex").read_text(encoding="utf-8")
    schema = parse(text)
    declaration = "<AnnotatedEdge> BNode @<ProvenanceAnnotated> AND {"
    assert declaration in text, "go-shapes changed: review the AnnotatedEdge workaround"
    relaxed = parse(text.replace(declaration, "<AnnotatedEdge> @<ProvenanceAnnotated> AND {"))
    roots = set(re.findall(r"^PREFIX Go\w+: <([^>]+)>", text, re.MULTILINE))
    shape_map = (SHAPES / "go-cam-shapes.shapeMap").read_text(encoding="utf-8")
    return schema, relaxed, roots, re.findall(r"SPARQL '(.*?)' @ <(.*?)>", shape_map)


def enriched(model: rdflib.Graph, ontology: rdflib.Graph) -> rdflib.Graph:
    """``model`` plus the root superclass links that the schema's class shapes look for."""
    roots = _schema()[2]
    out = rdflib.Graph()
    out += model
    for cls, ancestors in class_ancestry(model, ontology).items():
        for root in sorted(roots & ancestors):
            out.add((rdflib.URIRef(cls), rdflib.RDF.type, rdflib.OWL.Class))
            out.add((rdflib.URIRef(cls), rdflib.RDFS.subClassOf, rdflib.URIRef(root)))
    return out


def shex_failures(
    model: rdflib.Graph, ontology: rdflib.Graph
) -> tuple[int, list[tuple[str, str, str]]]:
    """(focus nodes checked, [(shape, focus, reason)] of those that fail)."""
    schema, relaxed, _roots, shape_map = _schema()
    graph = enriched(model, ontology)
    skolem = graph.skolemize()
    checked, failures = 0, []
    for query, shape in shape_map:
        nodes = [row[0] for row in graph.query(query)]  # type: ignore[index]
        if not nodes:
            continue
        if shape == ANNOTATED_EDGE:
            failures += [
                (shape, str(n), "not a blank node")
                for n in nodes
                if not isinstance(n, rdflib.BNode)
            ]
            nodes = [n.skolemize() if isinstance(n, rdflib.BNode) else n for n in nodes]
            evaluator = ShExEvaluator(rdf=skolem, schema=relaxed, focus=nodes, start=shape)
        else:
            evaluator = ShExEvaluator(rdf=graph, schema=schema, focus=nodes, start=shape)
        for result in evaluator.evaluate():
            checked += 1
            if not result.result:
                failures.append((shape, str(result.focus), result.reason or ""))
    return checked, failures
