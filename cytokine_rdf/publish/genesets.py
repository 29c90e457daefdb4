"""Gene sets (GMT) of the pathways, of the GO processes in their models and of tumours.

- one set per GO-CAM model (a pathway): the gene products that enable its activities (a complex's
  subunits), where the ``enabled_by`` edge passes the evidence filter;
- one set per GO biological process in the models: the gene products of the activities that are
  ``part_of`` it or causally upstream of it (an outcome), where that edge passes the filter;
- one set per tumour: the gene products (a complex's subunits) that are the subject of a tumour
  claim of the ontology that passes the filter (obsolete and ``unverified`` claims left out).

The evidence filter is ``any`` (every edge, with or without evidence), ``experimental`` (an ECO
code under ECO:0000006 experimental evidence) or an ECO CURIE (that code or a narrower one); the
ECO hierarchy is the packaged one (``shapes/gocam/eco-isa.tsv.gz``). Gene symbols and NCBI Gene
(Entrez) IDs come from the ``gene-xrefs`` template; a gene product that the ontology does not
know keeps its CURIE as symbol and has no Entrez ID (left out with ``--ids entrez``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.gocam_model import curie
from cytokine_rdf.publish.gocam import PURL_UNIPROT, claims
from cytokine_rdf.publish.gpad import UPSTREAM
from cytokine_rdf.publish.pathway import restrictions
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.run import run_template
from cytokine_rdf.validation.gocam import Hierarchy
from cytokine_rdf.vocab import CYTO, OBO

__all__ = [
    "EVIDENCE_FILTERS",
    "Gene",
    "GeneSet",
    "evidence_filter",
    "gene_identifiers",
    "gene_sets",
    "write_gmt",
]

EVIDENCE_FILTERS = ("any", "experimental")
EXPERIMENTAL = OBO + "ECO_0000006"
TUMOUR = rdflib.URIRef(CYTO + "0000021")
STATUS = rdflib.URIRef(CYTO + "0000106")
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
HAS_PART = rdflib.URIRef(OBO + "BFO_0000051")
ROOTS = {OBO + "GO_0003674", OBO + "GO_0008150", OBO + "GO_0005575"}
LEGO_EVIDENCE = rdflib.URIRef("http://geneontology.org/lego/evidence")


@dataclass(frozen=True)
class Gene:
    """What a gene product is called in gene-set tools."""

    symbol: str | None
    entrez: str | None


@dataclass
class GeneSet:
    name: str
    description: str
    members: set[str] = field(default_factory=set)  # gene product CURIEs (UniProtKB:...)


def gene_identifiers(inputs: Sequence[str | Path] = ()) -> dict[str, Gene]:
    """``UniProtKB:ACC`` -> HGNC symbol and NCBI Gene ID, from the ``gene-xrefs`` template."""
    found: dict[str, Gene] = {}
    result = run_template("gene-xrefs", inputs=inputs)
    assert isinstance(result, SelectResult)  # a SELECT template
    for row in result.to_dicts():
        accession = row.get("uniprot_curie")
        if accession:
            entrez = (row.get("ncbigene_curie") or "").removeprefix("NCBIGene:") or None
            found.setdefault(accession, Gene(row.get("symbol"), entrez))
    return found


def evidence_filter(name: str) -> Callable[[Iterable[str]], bool]:
    """Whether the ECO codes (IRIs) of an edge or claim pass the filter ``name``."""
    if name == "any":
        return lambda codes: True
    if name == "experimental":
        wanted = EXPERIMENTAL
    elif re.fullmatch(r"ECO:\d{7}", name):
        wanted = OBO + name.replace(":", "_")
    else:
        raise CytokineRdfError(
            f"unknown evidence filter {name!r}",
            hint="use any, experimental or an ECO CURIE such as ECO:0000314",
        )
    hierarchy = Hierarchy()
    return lambda codes: any(wanted in hierarchy.ancestors(c) for c in codes)


def _codes(
    graph: rdflib.Graph, s: rdflib.term.Node, p: rdflib.term.Node, o: rdflib.term.Node
) -> list[str]:
    out = []
    for axiom in graph.subjects(rdflib.OWL.annotatedSource, s):
        if (axiom, rdflib.OWL.annotatedProperty, p) in graph and (
            axiom,
            rdflib.OWL.annotatedTarget,
            o,
        ) in graph:
            for ev in graph.objects(axiom, LEGO_EVIDENCE):
                out += [
                    str(t)
                    for t in graph.objects(ev, rdflib.RDF.type)
                    if str(t).startswith(OBO + "ECO_")
                ]
    return out


def _gene_products(graph: rdflib.Graph, node: rdflib.term.Node) -> set[str]:
    """A gene product individual's CURIE, or a complex's subunits'."""
    own = {
        curie(str(t))
        for t in graph.objects(node, rdflib.RDF.type)
        if isinstance(t, rdflib.URIRef) and not str(t).startswith((OBO, str(rdflib.OWL)))
    }
    if own:
        return own
    return {g for part in graph.objects(node, HAS_PART) for g in _gene_products(graph, part)}


def _model_sets(graph: rdflib.Graph, keep: Callable[[Iterable[str]], bool]) -> list[GeneSet]:
    sets: list[GeneSet] = []
    for header in sorted(graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology), key=str):
        title = str(
            graph.value(header, rdflib.URIRef("http://purl.org/dc/elements/1.1/title")) or header
        )
        about = graph.value(header, rdflib.RDFS.seeAlso) or header
        pathway = GeneSet(_clean(title.removesuffix(" (cytokine-rdf)")), str(about))
        processes: dict[str, GeneSet] = {}
        for activity, enabler in graph.subject_objects(ENABLED_BY):
            genes = _gene_products(graph, enabler)
            if keep(_codes(graph, activity, ENABLED_BY, enabler)):
                pathway.members |= genes
            for relation in (PART_OF, *map(rdflib.URIRef, UPSTREAM)):
                for process in graph.objects(activity, relation):
                    if (process, ENABLED_BY, None) in graph or not keep(
                        _codes(graph, activity, relation, process)
                    ):
                        continue
                    for kind in graph.objects(process, rdflib.RDF.type):
                        if str(kind).startswith(OBO + "GO_") and str(kind) not in ROOTS:
                            label = graph.value(process, rdflib.RDFS.label)
                            entry = processes.setdefault(
                                str(kind), GeneSet(curie(str(kind)), _clean(str(label or kind)))
                            )
                            entry.members |= genes
        sets += [pathway, *processes.values()]
    return sets


def _clean(text: str) -> str:
    return " ".join(text.split())


def _tumour_sets(graph: rdflib.Graph, keep: Callable[[Iterable[str]], bool]) -> list[GeneSet]:
    tumours = set(graph.transitive_subjects(rdflib.RDFS.subClassOf, TUMOUR))
    sets: dict[str, GeneSet] = {}
    for (subject, _relation, obj), supporting in claims(graph).items():
        if rdflib.URIRef(obj) not in tumours:
            continue
        for claim, codes, _sources, _with in supporting:
            node = rdflib.URIRef(claim)
            if (node, rdflib.OWL.deprecated, rdflib.Literal(True)) in graph:
                continue
            if str(graph.value(node, STATUS) or "") == "unverified" or not keep(codes):
                continue
            genes = _ontology_genes(graph, subject)
            if genes:
                label = graph.value(rdflib.URIRef(obj), rdflib.RDFS.label)
                entry = sets.setdefault(obj, GeneSet(_clean(str(label or obj)), obj))
                entry.members |= genes
    return list(sets.values())


def _ontology_genes(graph: rdflib.Graph, cls: str) -> set[str]:
    """The UniProt entries of a gene product class, or of a complex class's parts."""
    matches = {
        "UniProtKB:" + str(m)[len(PURL_UNIPROT) :]
        for m in graph.objects(rdflib.URIRef(cls), rdflib.SKOS.exactMatch)
        if str(m).startswith(PURL_UNIPROT)
    }
    if matches:
        return matches
    return {
        g
        for p, part in restrictions(graph, rdflib.URIRef(cls))
        if p == str(HAS_PART)
        for g in _ontology_genes(graph, part)
    }


def gene_sets(
    models: Sequence[rdflib.Graph], ontology: rdflib.Graph | None, *, evidence: str = "any"
) -> list[GeneSet]:
    """The gene sets of ``models`` (GO-CAM graphs) and of the tumour claims in ``ontology``."""
    keep = evidence_filter(evidence)
    sets: list[GeneSet] = []
    for model in models:
        sets += _model_sets(model, keep)
    # one set per name: a GO process in several models is one set, described by each model's label
    merged: dict[str, GeneSet] = {}
    for entry in sets + (_tumour_sets(ontology, keep) if ontology is not None else []):
        known = merged.setdefault(entry.name, GeneSet(entry.name, ""))
        descriptions = {d for d in known.description.split("; ") if d} | {entry.description}
        known.description = "; ".join(sorted(descriptions))
        known.members |= entry.members
    return [s for _, s in sorted(merged.items()) if s.members]


def write_gmt(
    sets: Sequence[GeneSet], genes: Mapping[str, Gene], *, ids: str = "symbol"
) -> tuple[bytes, int]:
    """GMT text (name, description, members; tab-separated) and how many members had no ID."""
    if ids not in ("symbol", "entrez"):
        raise CytokineRdfError(f"unknown gene ID kind {ids!r}", hint="use symbol or entrez")
    lines, missing = [], 0
    for entry in sets:
        names = set()
        for member in entry.members:
            gene = genes.get(member)
            value = (gene.symbol if ids == "symbol" else gene.entrez) if gene else None
            if value is None and ids == "symbol":
                value = member  # a gene product the ontology does not know: its CURIE
            if value is None:
                missing += 1
                continue
            names.add(value)
        if names:
            lines.append("\t".join([entry.name, entry.description, *sorted(names)]))
    return ("\n".join(lines) + "\n").encode() if lines else b"", missing
