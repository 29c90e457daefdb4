"""A GO-CAM-shaped view of the pathways: activity individuals and their enabled_by/part_of/causal edges.

For each pathway ``P`` and step ``S`` (see :mod:`cytokine_rdf.publish.diagram` for how they are read):

- ``gocam/<P>/process``: the pathway process individual, typed by ``P``;
- ``gocam/<P>/<S>``: the activity, typed by the step's GO superclass (``GO:0003674`` when it has
  none) and by ``S``; ``BFO:0000050 part_of`` the process;
- ``gocam/<P>/<S>/enabled-by``: the gene product (or complex) individual, typed by its class and by
  ``CHEBI:33695`` information biomacromolecule (or ``GO:0032991`` complex, when the class has
  ``BFO:0000051 has part`` restrictions), linked by ``RO:0002333 enabled_by``;
- causal edges (``RO:0002629``, ``RO:0002304``, ...) between activities, ``RO:0002233 has_input``
  and ``BFO:0000066 occurs_in`` to their own individuals;
- edge evidence as ``owl:Axiom`` reification with ``lego:evidence`` to ``gocam/<P>/evidence/<claim>``,
  typed by the claim's ECO class, with the claim's ``dcterms:source``.

Individual IRIs depend only on the pathway and step IRIs, so the view is deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rdflib

from cytokine_rdf.io.graph import load
from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.publish.diagram import Pathway, find_pathways, pathway_model, restrictions
from cytokine_rdf.validation.shacl import run_shacl
from cytokine_rdf.vocab import BASE, CYTO, ENABLED_BY, HAS_INPUT, HAS_PART, OBO, OCCURS_IN, PART_OF

if TYPE_CHECKING:
    from cytokine_rdf.validation.results import Finding

__all__ = [
    "GOCAM_BASE",
    "LEGO_EVIDENCE",
    "claims",
    "gocam_graph",
    "individual_iri",
    "validate_gocam",
]

GOCAM_BASE = BASE + "gocam/"
LEGO_EVIDENCE = "http://geneontology.org/lego/evidence"
MOLECULAR_FUNCTION = OBO + "GO_0003674"
INFORMATION_BIOMACROMOLECULE = OBO + "CHEBI_33695"
PROTEIN_COMPLEX = OBO + "GO_0032991"
DCTERMS_SOURCE = "http://purl.org/dc/terms/source"
# Claim properties, found by IRI or (for robustness while IDs settle) by label.
CLAIM_PROPERTIES = {
    "subject": (CYTO + "0000101", "claim subject"),
    "relation": (CYTO + "0000102", "claim relation"),
    "object": (CYTO + "0000103", "claim object"),
    "evidence": (CYTO + "0000104", "has evidence code"),
}


def _local(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def individual_iri(pathway: str, *parts: str) -> str:
    """``https://w3id.org/cytokine-rdf/gocam/<pathway-id>/<part>/...``."""
    return GOCAM_BASE + "/".join([_local(pathway), *parts])


def _property(graph: rdflib.Graph, key: str) -> rdflib.URIRef:

    iri, label = CLAIM_PROPERTIES[key]
    if any(graph.triples((None, rdflib.URIRef(iri), None))):
        return rdflib.URIRef(iri)
    candidates = sorted(
        s for s in graph.subjects(rdflib.RDFS.label, None) if isinstance(s, rdflib.URIRef)
    )
    for subject in candidates:
        if any(str(v).strip().lower() == label for v in graph.objects(subject, rdflib.RDFS.label)):
            return subject
    return rdflib.URIRef(iri)


def claims(
    graph: rdflib.Graph,
) -> dict[tuple[str, str, str], list[tuple[str, list[str], list[str]]]]:
    """(subject, relation, object) -> [(claim IRI, ECO classes, sources)], sorted."""

    subject_p, relation_p, object_p, evidence_p = (
        _property(graph, k) for k in ("subject", "relation", "object", "evidence")
    )
    out: dict[tuple[str, str, str], list[tuple[str, list[str], list[str]]]] = {}
    for claim, subject in graph.subject_objects(subject_p):
        relation, obj = graph.value(claim, relation_p), graph.value(claim, object_p)
        if relation is None or obj is None:
            continue
        evidence = sorted(str(e) for e in graph.objects(claim, evidence_p))
        sources = sorted(str(s) for s in graph.objects(claim, rdflib.URIRef(DCTERMS_SOURCE)))
        out.setdefault((str(subject), str(relation), str(obj)), []).append(
            (str(claim), evidence, sources)
        )
    return {k: sorted(v) for k, v in out.items()}


def gocam_graph(graph: rdflib.Graph) -> rdflib.Graph:
    """The GO-CAM-shaped ABox of every pathway in ``graph`` (an ontology with its claims)."""

    out = rdflib.Graph()
    found = claims(graph)
    for pathway in find_pathways(graph):
        _add_pathway(out, graph, pathway_model(graph, pathway), found)
    return out


def _add_pathway(
    out: rdflib.Graph,
    graph: rdflib.Graph,
    model: Pathway,
    found: dict[tuple[str, str, str], list[tuple[str, list[str], list[str]]]],
) -> None:

    RDF, OWL = rdflib.RDF, rdflib.OWL  # noqa: N806 - namespace aliases
    iri = rdflib.URIRef

    def individual(node: str, *types: str) -> rdflib.URIRef:
        ref = iri(node)
        out.add((ref, RDF.type, OWL.NamedIndividual))
        for kind in types:
            out.add((ref, RDF.type, iri(kind)))
        return ref

    model_iri = iri(individual_iri(model.iri))
    out.add((model_iri, RDF.type, OWL.Ontology))
    out.add(
        (model_iri, rdflib.RDFS.label, rdflib.Literal(f"GO-CAM view: {model.label_of(model.iri)}"))
    )
    process = individual(individual_iri(model.iri, "process"), model.iri)
    out.add((process, rdflib.RDFS.label, rdflib.Literal(model.label_of(model.iri))))
    activities = {}
    for step in model.steps:
        step_id = _local(step.iri)
        activity = individual(
            individual_iri(model.iri, step_id), *(step.functions or (MOLECULAR_FUNCTION,)), step.iri
        )
        out.add((activity, rdflib.RDFS.label, rdflib.Literal(model.label_of(step.iri))))
        if not step.outcome:  # a cellular outcome is downstream of the pathway, not part of it
            out.add((activity, iri(PART_OF), process))
        activities[step.iri] = activity
    for step in model.steps:
        activity = activities[step.iri]
        step_id = _local(step.iri)
        for relation, targets, role in (
            (ENABLED_BY, step.enabled_by[:1], "enabled-by"),
            (HAS_INPUT, step.inputs, "input"),
            (OCCURS_IN, step.occurs_in, "occurs-in"),
        ):
            for index, target in enumerate(targets):
                suffix = role if index == 0 else f"{role}-{index + 1}"
                extra = []
                if relation in (ENABLED_BY, HAS_INPUT):
                    is_complex = any(p == HAS_PART for p, _f in restrictions(graph, iri(target)))
                    extra = [PROTEIN_COMPLEX if is_complex else INFORMATION_BIOMACROMOLECULE]
                node = individual(individual_iri(model.iri, step_id, suffix), target, *extra)
                out.add((node, rdflib.RDFS.label, rdflib.Literal(model.label_of(target))))
                out.add((activity, iri(relation), node))
                _evidence(
                    out, model, found, (step.iri, relation, target), (activity, iri(relation), node)
                )
        for relation, target in step.causal:
            out.add((activity, iri(relation), activities[target]))
            _evidence(
                out,
                model,
                found,
                (step.iri, relation, target),
                (activity, iri(relation), activities[target]),
            )


def _evidence(
    out: rdflib.Graph,
    model: Pathway,
    found: dict[tuple[str, str, str], list[tuple[str, list[str], list[str]]]],
    key: tuple[str, str, str],
    edge: tuple[rdflib.URIRef, rdflib.URIRef, rdflib.URIRef],
) -> None:
    """Reify ``edge`` as an owl:Axiom with evidence individuals from the matching claims."""

    supporting = found.get(key, [])
    if not supporting:
        return
    axiom = rdflib.BNode()
    out.add((axiom, rdflib.RDF.type, rdflib.OWL.Axiom))
    out.add((axiom, rdflib.OWL.annotatedSource, edge[0]))
    out.add((axiom, rdflib.OWL.annotatedProperty, edge[1]))
    out.add((axiom, rdflib.OWL.annotatedTarget, edge[2]))
    for claim, codes, sources in supporting:
        evidence = rdflib.URIRef(individual_iri(model.iri, "evidence", _local(claim)))
        out.add((axiom, rdflib.URIRef(LEGO_EVIDENCE), evidence))
        out.add((evidence, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
        for code in codes:
            out.add((evidence, rdflib.RDF.type, rdflib.URIRef(code)))
        for source in sources:
            out.add((evidence, rdflib.URIRef(DCTERMS_SOURCE), rdflib.URIRef(source)))
        out.add((evidence, rdflib.RDFS.seeAlso, rdflib.URIRef(claim)))


def validate_gocam(view: rdflib.Graph) -> list[Finding]:
    """Check a GO-CAM view against ``shapes/gocam.shapes.ttl`` (a port of the key go-shapes rules)."""

    shapes = load([resource_dir("shapes") / "gocam.shapes.ttl"], include_ontology=False)
    findings, _report = run_shacl(with_superclass_types(view, load().rdflib_graph()), shapes)
    return findings


def with_superclass_types(view: rdflib.Graph, ontology: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``view`` whose individuals also carry every named superclass of their types.

    GO's own validator adds these from GO before checking the shapes; here the packaged ontology
    (with the ancestry of its import modules) supplies them, so ``sh:class GO:0008150`` holds for
    a process individual. The ontology's own axioms are not mixed into the data.
    """
    out = rdflib.Graph()
    out += view
    for individual, kind in view.subject_objects(rdflib.RDF.type):
        for ancestor in ontology.transitive_objects(kind, rdflib.RDFS.subClassOf):
            if isinstance(ancestor, rdflib.URIRef) and ancestor != kind:
                out.add((individual, rdflib.RDF.type, ancestor))
    return out
