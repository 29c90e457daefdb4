"""OWL reasoning: HermiT (through owlready2, needs Java) or a Java-free structural check.

This is the only module that imports owlready2. The ``structural`` reasoner (see
:mod:`cytokine_rdf.validation.structural`) finds classes below two disjoint classes, individuals of two
disjoint classes and subclass cycles from the told axioms alone; it is a fallback, not OWL reasoning.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import owlready2
import rdflib

from cytokine_rdf.errors import ReasonerError
from cytokine_rdf.validation.results import ReasonerResult
from cytokine_rdf.validation.structural import structural_reason
from cytokine_rdf.vocab import OWL_NOTHING, OWL_THING

__all__ = ["REASONERS", "canonical_hierarchy", "hierarchy_graph", "reason"]

REASONERS = ("hermit", "structural")
# HermiT runs for seconds at this project's sizes, where the JVM's compilers cost more than they
# save: with the first JIT tier only and the serial collector it takes half the CPU (packaged
# ontology 1.9 -> 0.9 s, Cell Ontology 4.5 -> 1.9 s) and less wall time (1.1 -> 0.8 s, 2.4 -> 1.7
# s), with the same output. A long classification may want the full JIT: set this to "".
JAVA_OPTIONS = os.environ.get(
    "CYTOKINE_RDF_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
)
_PICKED_UP = "NOTE: Picked up JDK_JAVA_OPTIONS"


@contextmanager
def _java_options(options: str) -> Iterator[None]:
    """``options`` for the Java that owlready2 starts, which takes no arguments from its caller:
    the launcher reads JDK_JAVA_OPTIONS (Java 9+), after any the user set there."""
    saved = os.environ.get("JDK_JAVA_OPTIONS")
    if options:
        os.environ["JDK_JAVA_OPTIONS"] = f"{options} {saved}" if saved else options
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("JDK_JAVA_OPTIONS", None)
        else:
            os.environ["JDK_JAVA_OPTIONS"] = saved


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
        with _java_options(JAVA_OPTIONS):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasonerResult("hermit", False, (), ())
    except (owlready2.OwlReadyJavaError, OSError) as exc:
        said = " ".join(line for line in str(exc).splitlines() if not line.startswith(_PICKED_UP))
        raise ReasonerError(f"HermiT failed: {' '.join(said.split())[:300]}") from exc
    unsatisfiable = sorted(
        (c.iri, labels.get(c.iri, "")) for c in world.inconsistent_classes() if c.iri != OWL_NOTHING
    )
    told = [
        (c.iri, sup.iri)
        for c in world.classes()
        for sup in [*c.is_a, *c.equivalent_to]
        if isinstance(sup, owlready2.ThingClass) and sup.iri not in (OWL_THING, c.iri)
    ]
    equal = [
        (c.iri, e.iri)
        for c in world.classes()
        for e in c.equivalent_to
        if isinstance(e, owlready2.ThingClass) and e.iri != c.iri
    ]
    pairs, sets = canonical_hierarchy(told, equal)
    return ReasonerResult("hermit", True, tuple(unsatisfiable), pairs, equivalents=sets)


def canonical_hierarchy(
    pairs: list[tuple[str, str]], equivalent: list[tuple[str, str]]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, ...], ...]]:
    """The hierarchy with one representative per set of equivalent classes (the smallest IRI).

    The reasoner records an equivalence as one arbitrary direction of ``is_a``, which depends on
    the input's order; here every member of a set is ``owl:equivalentClass`` its representative,
    and the representative carries the set's superclasses, so the output is the same whatever the
    order of the input.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in equivalent:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for x in {*parent, *parent.values()}:
        members.setdefault(find(x), []).append(x)
    sets = tuple(sorted(tuple(sorted(group)) for group in members.values() if len(group) > 1))
    out = {(find(a), find(b)) for a, b in pairs if find(a) != find(b)}
    out |= {(a, find(a)) for group in sets for a in group[1:]}  # listed, then drawn as equivalence
    return tuple(sorted(out)), sets


def hierarchy_graph(result: ReasonerResult) -> rdflib.Graph:
    """The inferred class hierarchy as ``rdfs:subClassOf`` triples between named classes, and
    ``owl:equivalentClass`` from each member of an equivalence set to its representative."""

    graph = rdflib.Graph()
    members = {m for group in result.equivalents for m in group[1:]}
    for sub, sup in result.subclass_pairs:
        relation = rdflib.OWL.equivalentClass if sub in members else rdflib.RDFS.subClassOf
        graph.add((rdflib.URIRef(sub), relation, rdflib.URIRef(sup)))
    return graph
