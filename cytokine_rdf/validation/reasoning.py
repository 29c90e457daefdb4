"""OWL reasoning: HermiT (through owlready2, needs Java) or a Java-free structural check.

This is the only module that imports owlready2. The ``structural`` reasoner (see
:mod:`cytokine_rdf.validation.structural`) finds classes below two disjoint classes, individuals of two
disjoint classes and subclass cycles from the told axioms alone; it is a fallback, not OWL reasoning.
"""

from __future__ import annotations

import io
import shutil

import owlready2
import rdflib

from cytokine_rdf.errors import ReasonerError
from cytokine_rdf.validation.results import ReasonerResult
from cytokine_rdf.validation.structural import structural_reason
from cytokine_rdf.vocab import OWL_NOTHING, OWL_THING

__all__ = ["REASONERS", "hierarchy_graph", "reason"]

REASONERS = ("hermit", "structural")


def reason(graph: rdflib.Graph, *, reasoner: str = "hermit") -> ReasonerResult:
    """Classify ``graph`` with ``reasoner`` (hermit or structural). ``owl:imports`` are never fetched."""
    if reasoner not in REASONERS:
        raise ReasonerError(
            f"unknown reasoner {reasoner!r}", hint=f"use one of {', '.join(REASONERS)}"
        )
    if reasoner == "structural":
        return structural_reason(graph)
    java = shutil.which("java")
    if java is None:
        raise ReasonerError(
            "Java was not found: HermiT needs a Java runtime",
            hint="install one (e.g. apt-get install default-jre-headless), or use --reasoner structural "
            "(Java-free, finds disjointness clashes and cycles only) or --no-reason",
        )

    owlready2.JAVA_EXE = java
    clean = rdflib.Graph()
    for triple in graph:
        if triple[1] != rdflib.OWL.imports:
            clean.add(triple)
    world = owlready2.World()
    world.get_ontology("urn:cytokine-rdf:reasoning").load(
        fileobj=io.BytesIO(clean.serialize(format="nt", encoding="utf-8")), format="ntriples"
    )
    labels = {str(s): str(o) for s, o in clean.subject_objects(rdflib.RDFS.label)}
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasonerResult("hermit", False, (), ())
    except (owlready2.OwlReadyJavaError, OSError) as exc:
        raise ReasonerError(f"HermiT failed: {' '.join(str(exc).split())[:300]}") from exc
    unsatisfiable = sorted(
        (c.iri, labels.get(c.iri, "")) for c in world.inconsistent_classes() if c.iri != OWL_NOTHING
    )
    pairs = sorted(
        (c.iri, sup.iri)
        for c in world.classes()
        for sup in c.is_a
        if isinstance(sup, owlready2.ThingClass) and sup.iri not in (OWL_THING, c.iri)
    )
    return ReasonerResult("hermit", True, tuple(unsatisfiable), tuple(pairs))


def hierarchy_graph(result: ReasonerResult) -> rdflib.Graph:
    """The inferred class hierarchy as ``rdfs:subClassOf`` triples between named classes."""

    graph = rdflib.Graph()
    for sub, sup in result.subclass_pairs:
        graph.add((rdflib.URIRef(sub), rdflib.RDFS.subClassOf, rdflib.URIRef(sup)))
    return graph
