"""What the site shows, read once from one graph: entities and their pages, the class and property
hierarchies, claims, back-links ("used in") and the ontology's own metadata."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import rdflib

from cytokine_rdf.publish.owltext import labels_of
from cytokine_rdf.publish.pathway import Pathway, find_pathways, pathway_model
from cytokine_rdf.publish.site.links import page_stem
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import BASE, CYTO, DEFINITION, OIO, ONTOLOGY_IRI, OWL, SKOS

__all__ = ["KINDS", "SYNONYMS", "XREFS", "Claim", "SiteModel"]

SYNONYMS = (
    (OIO + "hasExactSynonym", "exact"),
    (OIO + "hasRelatedSynonym", "related"),
    (OIO + "hasNarrowSynonym", "narrow"),
    (OIO + "hasBroadSynonym", "broad"),
)
XREFS = (OIO + "hasDbXref", SKOS + "exactMatch", SKOS + "closeMatch")
PROPERTY_TYPES = (OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty")
# page kind -> (folder, heading of its index page)
KINDS: dict[str, tuple[str, str]] = {
    "class": ("class", "Classes"),
    "pathway": ("pathway", "Pathways"),
    "tumour": ("tumour", "Tumours"),
    "property": ("property", "Properties"),
    "claim": ("claim", "Claims"),
    "individual": ("individual", "Individuals"),
}
TUMOUR = CYTO + "0000021"
CLAIM = CYTO + "0000024"
CLAIM_SUBJECT = CYTO + "0000101"
CLAIM_RELATION = CYTO + "0000102"
CLAIM_OBJECT = CYTO + "0000103"
EVIDENCE = CYTO + "0000104"
QUOTE = CYTO + "0000126"
SOURCE = "http://purl.org/dc/terms/source"
# claim qualifiers shown with each claim, in this order
QUALIFIERS = (
    (CYTO + "0000120", "species"),
    (CYTO + "0000121", "system"),
    (CYTO + "0000122", "assay"),
    (CYTO + "0000123", "direction"),
    (CYTO + "0000135", "trial registry ID"),
    (CYTO + "0000124", "trial phase"),
    (CYTO + "0000136", "trial arm"),
    (CYTO + "0000137", "therapeutic agent"),
    (CYTO + "0000125", "trial outcome"),
    (CYTO + "0000127", "subtype studied"),
    (CYTO + "0000106", "curation status"),
)
DEPRECATED = OWL + "deprecated"
REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001"


@dataclass(frozen=True)
class Claim:
    """One claim: subject-relation-object, its evidence code, sources, quote and qualifiers."""

    iri: str
    subject: str | None
    relation: str | None
    object: str | None
    evidence: tuple[str, ...]
    sources: tuple[rdflib.term.Node, ...]
    quote: tuple[str, ...]
    qualifiers: tuple[tuple[str, rdflib.term.Node], ...]


def _iris(nodes: Iterable[rdflib.term.Node]) -> list[str]:
    return sorted({str(n) for n in nodes if isinstance(n, rdflib.URIRef)})


class SiteModel:
    """Everything the pages need, computed once (every list sorted, so pages are deterministic)."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self.labels = labels_of(graph)
        g = graph
        classes = set(_iris(g.subjects(rdflib.RDF.type, rdflib.OWL.Class))) - {OWL + "Thing"}
        properties = {
            iri
            for t in PROPERTY_TYPES
            for iri in _iris(g.subjects(rdflib.RDF.type, rdflib.URIRef(t)))
        }
        individuals = set(_iris(g.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual)))
        individuals -= classes | properties
        self.parents: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        for iri in sorted(classes | properties):
            predicate = rdflib.RDFS.subClassOf if iri in classes else rdflib.RDFS.subPropertyOf
            ups = [p for p in _iris(g.objects(rdflib.URIRef(iri), predicate)) if p != iri]
            self.parents[iri] = ups
            for up in ups:
                self.children[up].append(iri)
        for kids in self.children.values():
            kids.sort(key=self.sort_key)
        self.pathways = [p for p in find_pathways(g) if p in classes]
        self.tumours = sorted(self.descendants(TUMOUR) | ({TUMOUR} & classes))
        claim_types = self.descendants(CLAIM) | {CLAIM}
        self.claims: dict[str, Claim] = {}
        for iri in sorted(individuals):
            types = set(_iris(g.objects(rdflib.URIRef(iri), rdflib.RDF.type)))
            if types & claim_types or (rdflib.URIRef(iri), rdflib.URIRef(CLAIM_SUBJECT), None) in g:
                self.claims[iri] = self._claim(iri)
        self.kind: dict[str, str] = {}
        for iri in classes:
            self.kind[iri] = "class"
        for iri in self.tumours:
            self.kind[iri] = "tumour"
        for iri in self.pathways:
            self.kind[iri] = "pathway"
        for iri in properties:
            self.kind[iri] = "property"
        for iri in individuals:
            self.kind[iri] = "claim" if iri in self.claims else "individual"
        self.paths: dict[str, str] = {}
        taken: set[str] = set()
        for iri in sorted(self.kind):
            folder = KINDS[self.kind[iri]][0]
            path = f"{folder}/{page_stem(iri)}.html"
            if path in taken:  # two IRIs with one CURIE stem: fall back to the IRI's hash
                path = f"{folder}/{page_stem('urn:x:' + iri)}.html"
            taken.add(path)
            self.paths[iri] = path
        self.models: dict[str, Pathway] = {p: pathway_model(g, p) for p in self.pathways}
        self.claims_about: dict[str, list[str]] = defaultdict(list)
        for claim in self.claims.values():
            for target in sorted({claim.subject, claim.object, claim.relation} - {None}, key=str):
                self.claims_about[str(target)].append(claim.iri)
        self.used_in = self._used_in()
        self.ontology = self._ontology()

    # --- reading ------------------------------------------------------------------------------
    def classes(self) -> list[str]:
        """Every class with a page (pathways and tumours included), by label."""
        return sorted(
            (i for i, k in self.kind.items() if k in ("class", "pathway", "tumour")),
            key=self.sort_key,
        )

    def equivalents(self, iri: str) -> list[str]:
        """Named classes with a page that are ``owl:equivalentClass`` to ``iri`` (either way)."""
        node = rdflib.URIRef(iri)
        found = {str(o) for o in self.graph.objects(node, rdflib.OWL.equivalentClass)}
        found |= {str(s) for s in self.graph.subjects(rdflib.OWL.equivalentClass, node)}
        return sorted((f for f in found if f in self.paths and f != iri), key=self.sort_key)

    def neighbourhood(self, iri: str) -> rdflib.Graph:
        """``iri``'s statements (with their blank-node axioms), the statements naming it as
        object, and the labels of every IRI in them: what a per-term download holds."""
        g, out = self.graph, rdflib.Graph()
        node = rdflib.URIRef(iri)
        todo: list[rdflib.term.Node] = [node]
        seen: set[rdflib.term.Node] = set()
        while todo:
            subject = todo.pop()
            if subject in seen:
                continue
            seen.add(subject)
            for pred, obj in g.predicate_objects(subject):
                out.add((subject, pred, obj))
                if isinstance(obj, rdflib.BNode):
                    todo.append(obj)
        for subject, pred in g.subject_predicates(node):
            if isinstance(subject, rdflib.URIRef):
                out.add((subject, pred, node))
        named = {t for triple in out for t in triple if isinstance(t, rdflib.URIRef)}
        for other in named - {node}:
            for label in g.objects(other, rdflib.RDFS.label):
                out.add((other, rdflib.RDFS.label, label))
        return out

    def values(self, iri: str, predicate: str) -> list[rdflib.term.Node]:
        """The objects of ``iri predicate``, sorted."""
        return sorted(self.graph.objects(rdflib.URIRef(iri), rdflib.URIRef(predicate)), key=_key)

    def texts(self, iri: str, predicate: str) -> list[str]:
        """The objects of ``iri predicate`` as text, sorted."""
        return sorted(str(v) for v in self.values(iri, predicate))

    def label(self, iri: str) -> str:
        """The label (the CURIE when unlabelled)."""
        return self.labels.get(iri) or compact(iri)

    def sort_key(self, iri: str) -> tuple[str, str]:
        """Sort entities by label, then IRI."""
        return (self.label(iri).lower(), iri)

    def descendants(self, iri: str) -> set[str]:
        """Every class or property below ``iri`` (not ``iri`` itself unless in a cycle)."""
        found: set[str] = set()
        todo = list(self.children.get(iri, []))
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo.extend(self.children.get(node, []))
        return found

    def synonyms(self, iri: str) -> list[tuple[str, str]]:
        """(synonym, kind) pairs, sorted."""
        return sorted({(s, kind) for p, kind in SYNONYMS for s in self.texts(iri, p)})

    def xrefs(self, iri: str) -> list[str]:
        """Every cross-reference value (CURIE text or IRI), sorted."""
        return sorted({v for p in XREFS for v in self.texts(iri, p)})

    def definition(self, iri: str) -> str:
        """The first definition, or empty."""
        found = self.texts(iri, DEFINITION)
        return found[0] if found else ""

    def deprecated(self, iri: str) -> bool:
        """Whether ``iri`` is marked owl:deprecated true."""
        return any(str(v).lower() in ("true", "1") for v in self.values(iri, DEPRECATED))

    def _claim(self, iri: str) -> Claim:
        def one(predicate: str) -> str | None:
            found = _iris(self.values(iri, predicate))
            return found[0] if found else None

        return Claim(
            iri=iri,
            subject=one(CLAIM_SUBJECT),
            relation=one(CLAIM_RELATION),
            object=one(CLAIM_OBJECT),
            evidence=tuple(_iris(self.values(iri, EVIDENCE))),
            sources=tuple(self.values(iri, SOURCE)),
            quote=tuple(self.texts(iri, QUOTE)),
            qualifiers=tuple((name, v) for p, name in QUALIFIERS for v in self.values(iri, p)),
        )

    def _mentions(self, node: rdflib.term.Node, depth: int = 0) -> set[str]:
        """Every IRI a subject's statements (and the blank nodes below them) point at."""
        found: set[str] = set()
        for predicate, obj in self.graph.predicate_objects(node):
            if predicate == rdflib.RDF.type and depth == 0:
                continue
            if isinstance(obj, rdflib.URIRef):
                found.add(str(obj))
            elif isinstance(obj, rdflib.BNode) and depth < 20:
                found |= self._mentions(obj, depth + 1)
        return found

    def _used_in(self) -> dict[str, list[str]]:
        used: dict[str, set[str]] = defaultdict(set)
        for iri in self.kind:
            for target in self._mentions(rdflib.URIRef(iri)):
                if target != iri:
                    used[target].add(iri)
        for pathway, model in self.models.items():
            for step in model.steps:
                for target in (
                    step.iri,
                    *step.functions,
                    *step.enabled_by,
                    *step.inputs,
                    *step.occurs_in,
                ):
                    if target != pathway:
                        used[target].add(pathway)
            for target in model.inputs:
                used[target].add(pathway)
        return {k: sorted(v, key=self.sort_key) for k, v in used.items()}

    def _ontology(self) -> str | None:
        found = _iris(self.graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
        if ONTOLOGY_IRI in found:
            return ONTOLOGY_IRI
        ours = [o for o in found if o.startswith(BASE) and "/imports/" not in o]
        chosen = ours or found
        return chosen[0] if chosen else None


def _key(node: rdflib.term.Node) -> tuple[int, str]:
    return (0 if isinstance(node, rdflib.URIRef) else 1, str(node))
