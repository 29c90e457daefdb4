"""GO-CAM models of the pathways, shaped as Noctua writes them (one model per pathway).

For pathway ``P`` (see :mod:`cytokine_rdf.publish.pathway` for how it is read) the model
``gocam/<P>`` holds:

- a header (``owl:Ontology``) with ``dc:title``, ``dc:contributor``, ``dc:date``,
  ``pav:providedBy``, ``lego:modelstate`` and biolink ``in_taxon`` human;
- ``<model>/process``: the pathway process, typed by the pathway's GO biological process;
- ``<model>/<step>``: one activity per step, typed by the step's one GO molecular function and
  ``BFO:0000050 part_of`` the process; a cellular outcome is a process typed by its GO process that
  the terminal activities are causally upstream of (not part of the pathway);
- ``<model>/<step>/enabled-by`` (and ``/input``, ``/occurs-in``): gene products typed by
  ``http://identifiers.org/uniprot/ACC`` as Noctua does; a receptor complex is a ``GO:0032991``
  individual with ``BFO:0000051 has_part`` its subunits (the Complex Portal entries in the
  ontology also contain the ligand, so they are not used as the complex's type);
- a feedback inhibitor's activity is ``part_of`` the pathway's negative regulation, a process that
  ``RO:0002212 negatively regulates`` the pathway process (not part of the pathway itself);
- every edge that a claim supports is an ``owl:Axiom`` with ``lego:evidence`` individuals typed by
  one ECO class each, with a ``dc:source`` string (``PMID:...``, ``DOI:...``, ``Reactome:...``) and,
  for a curator inference (ECO:0000305), ``lego:evidence-with`` naming what it is inferred from
  (the claim's ``CYTO:0000140 evidence with``). A UniProt entry is never written as a source: it is
  a database record, not the evidence (GO accepts the paper it cites).

Every individual and axiom carries the model's contributor, date and provider, and an
``rdfs:seeAlso`` back to the ontology class it instantiates. Individual IRIs depend only on the
pathway and step IRIs, so the models are deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.publish.pathway import (
    Pathway,
    Step,
    find_pathways,
    label_of,
    pathway_model,
    regulated_pathways,
    restrictions,
)
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import (
    BASE,
    CYTO,
    DC,
    ENABLED_BY,
    HAS_INPUT,
    HAS_PART,
    IN_TAXON,
    LEGO,
    OBO,
    OCCURS_IN,
    ONTOLOGY_IRI,
    PART_OF,
    PAV_PROVIDED_BY,
)

__all__ = [
    "GOCAM_BASE",
    "LEGO_EVIDENCE",
    "LEGO_EVIDENCE_WITH",
    "ModelInfo",
    "claims",
    "contributor",
    "evidence_system",
    "evidence_taxa",
    "gocam_models",
    "model_info",
    "reference",
    "unverified_edges",
]

GOCAM_BASE = BASE + "gocam/"
LEGO_EVIDENCE = LEGO + "evidence"
LEGO_EVIDENCE_WITH = LEGO + "evidence-with"
DCTERMS = "http://purl.org/dc/terms/"
IDENTIFIERS_UNIPROT = "http://identifiers.org/uniprot/"
PURL_UNIPROT = "http://purl.uniprot.org/uniprot/"
HUMAN = OBO + "NCBITaxon_9606"
SPECIES_NOT_STATED = CYTO + "0002109"  # the claim-species value when the source does not say
MOLECULAR_FUNCTION = OBO + "GO_0003674"
BIOLOGICAL_PROCESS = OBO + "GO_0008150"
PROTEIN_COMPLEX = OBO + "GO_0032991"
PROVIDER = "https://w3id.org/cytokine-rdf"

# Claim properties of the ontology (see ontology/README.md).
CLAIM_SUBJECT, CLAIM_RELATION, CLAIM_OBJECT, CLAIM_EVIDENCE = (
    rdflib.URIRef(CYTO + n) for n in ("0000101", "0000102", "0000103", "0000104")
)
EVIDENCE_WITH = rdflib.URIRef(CYTO + "0000140")  # what a curator inference is inferred from
CURATION_STATUS = rdflib.URIRef(CYTO + "0000106")
UNVERIFIED = "unverified"
EVIDENCE_TAXON = rdflib.URIRef(CYTO + "0000120")  # species the claim's experiment used
EVIDENCE_SYSTEM = rdflib.URIRef(CYTO + "0000121")  # e.g. primary tumour cells, not normal cells
EVIDENCE_ASSAY = rdflib.URIRef(CYTO + "0000122")  # the source's words for what was done
ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
CURATOR_INFERENCE = OBO + "ECO_0000305"
NEGATIVELY_REGULATES = OBO + "RO_0002212"
_REFERENCE_PATTERNS = (
    (re.compile(r"https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$"), "PMID:{}"),
    (re.compile(r"https?://(?:dx\.)?doi\.org/(.+)$"), "DOI:{}"),
    (re.compile(r"https?://reactome\.org/content/detail/(R-[A-Z]{3}-\d+)$"), "Reactome:{}"),
    (re.compile(r"https?://purl\.uniprot\.org/uniprot/(\w+)$"), "UniProtKB:{}"),
)

# (subject, relation, object) -> [(claim IRI, ECO classes, sources, evidence-with)]
Claims = dict[tuple[str, str, str], list[tuple[str, list[str], list[str], list[str]]]]


@dataclass(frozen=True)
class ModelInfo:
    """Model-level metadata written on the header, every individual and every evidence axiom."""

    contributors: tuple[str, ...]
    date: str  # ISO 8601, as GO-CAM writes it
    provided_by: str = PROVIDER
    state: str = "development"  # lego:modelstate; "production" is for GO-reviewed models


def model_info(graph: rdflib.Graph, *, contributors: Sequence[str] = ()) -> ModelInfo:
    """Metadata from the ontology header: ``dcterms:creator`` and ``dcterms:modified``.

    The date comes from the release, not the clock, so the same ontology gives the same bytes.
    """
    header = rdflib.URIRef(ONTOLOGY_IRI)
    creators = tuple(contributor(c) for c in contributors) or tuple(
        sorted(str(c) for c in graph.objects(header, rdflib.URIRef(DCTERMS + "creator")))
    )
    date = graph.value(header, rdflib.URIRef(DCTERMS + "modified"))
    if not creators or date is None:
        raise CytokineRdfError(
            "the ontology header has no dcterms:creator or dcterms:modified for the GO-CAM models",
            hint="add them to the header of ontology/cytokine.ttl",
        )
    return ModelInfo(creators, str(date))


def reference(source: str) -> str:
    """A claim source IRI as the ``dc:source`` string GO-CAM uses (``PMID:12345``, ``DOI:...``)."""
    for pattern, template in _REFERENCE_PATTERNS:
        if found := pattern.match(source):
            return template.format(found.group(1))
    return compact(source)


def claims(graph: rdflib.Graph) -> Claims:
    """(subject, relation, object) -> [(claim IRI, ECO classes, sources, with)], sorted.

    UniProt entries are dropped from the sources: GO-CAM evidence cites the paper, not the record.
    """

    out: Claims = {}
    for claim, subject in graph.subject_objects(CLAIM_SUBJECT):
        relation, obj = graph.value(claim, CLAIM_RELATION), graph.value(claim, CLAIM_OBJECT)
        if relation is None or obj is None or _unverified(graph, claim):
            continue
        evidence = sorted(str(e) for e in graph.objects(claim, CLAIM_EVIDENCE))
        sources = sorted(
            str(s)
            for s in graph.objects(claim, rdflib.URIRef(DCTERMS + "source"))
            if not str(s).startswith(PURL_UNIPROT)
        )
        with_ = sorted(str(w) for w in graph.objects(claim, EVIDENCE_WITH))
        out.setdefault((str(subject), str(relation), str(obj)), []).append(
            (str(claim), evidence, sources, with_)
        )
    return {k: sorted(v) for k, v in out.items()}


def _unverified(graph: rdflib.Graph, claim: rdflib.term.Node) -> bool:
    return any(str(s) == UNVERIFIED for s in graph.objects(claim, CURATION_STATUS))


def unverified_edges(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    """Edges whose every claim is marked ``unverified``: the export leaves them out, because a
    GO-CAM edge asserts what its evidence shows and these claims do not show it."""
    verified: set[tuple[str, str, str]] = set()
    doubtful: set[tuple[str, str, str]] = set()
    for claim, subject in graph.subject_objects(CLAIM_SUBJECT):
        relation, obj = graph.value(claim, CLAIM_RELATION), graph.value(claim, CLAIM_OBJECT)
        if relation is None or obj is None:
            continue
        edge = (str(subject), str(relation), str(obj))
        (doubtful if _unverified(graph, claim) else verified).add(edge)
    return doubtful - verified


def evidence_taxa(graph: rdflib.Graph) -> dict[str, list[str]]:
    """Claim IRI -> the NCBITaxon IRIs of its experiments (``CYTO:0000120``), sorted."""
    out: dict[str, list[str]] = {}
    for claim, taxon in graph.subject_objects(EVIDENCE_TAXON):
        out.setdefault(str(claim), []).append(str(taxon))
    return {k: sorted(v) for k, v in out.items()}


def evidence_system(graph: rdflib.Graph, claim: str) -> str | None:
    """The experimental system and assay of a claim (``CYTO:0000121``/``0000122``) as one note,
    or None: a GO-CAM reader must see that evidence from tumour cells is not from the normal cell
    type the model names (primary leukaemia cells are not B cells)."""
    node = rdflib.URIRef(claim)
    systems = sorted(
        label_of(graph, str(s)) or compact(str(s)) for s in graph.objects(node, EVIDENCE_SYSTEM)
    )
    assays = sorted(str(a) for a in graph.objects(node, EVIDENCE_ASSAY))
    if not systems and not assays:
        return None
    return ("experimental system: " if systems else "assay: ") + "; ".join([*systems, *assays])


def contributor(value: str) -> str:
    """An ORCID iD (bare or as a URL) as the ORCID URL GO-CAM uses; anything else unchanged."""
    if found := ORCID.match(value.strip()):
        return "https://orcid.org/" + found.group(1)
    return value


def _local(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def gocam_models(
    graph: rdflib.Graph, pathways: Iterable[str] | None = None, info: ModelInfo | None = None
) -> dict[str, rdflib.Graph]:
    """One GO-CAM model per pathway in ``graph``, keyed by a file name stem (``il-7-...``)."""

    info = info or model_info(graph)
    found = claims(graph)
    models: dict[str, rdflib.Graph] = {}
    named: dict[str, str] = {}
    for pathway in sorted(pathways) if pathways is not None else find_pathways(graph):
        model = pathway_model(graph, pathway)
        stem = f"{_local(pathway)}-{_slug(model.label)}"
        if stem in named:  # one model would silently replace the other's file
            raise CytokineRdfError(
                f"pathways {named[stem]} and {pathway} would both be written as {stem}.ttl",
                hint="give the pathway from your file another IRI or label",
            )
        named[stem] = pathway
        models[stem] = _Builder(graph, model, info).build(found)
    return models


class _Builder:
    """Writes one pathway's model; one instance per model."""

    def __init__(self, graph: rdflib.Graph, model: Pathway, info: ModelInfo) -> None:
        self.graph, self.model, self.info = graph, model, info
        self.iri = GOCAM_BASE + _local(model.iri)
        self.out = rdflib.Graph()
        self.taxa = evidence_taxa(graph)
        self.skipped = unverified_edges(graph)

    def build(self, found: Claims) -> rdflib.Graph:
        model, out = self.model, self.out
        header = rdflib.URIRef(self.iri)
        out.add((header, rdflib.RDF.type, rdflib.OWL.Ontology))
        out.add((header, rdflib.URIRef(DC + "title"), self._text(f"{model.label} (cytokine-rdf)")))
        out.add((header, rdflib.URIRef(LEGO + "modelstate"), self._text(self.info.state)))
        out.add((header, rdflib.URIRef(IN_TAXON), rdflib.URIRef(HUMAN)))
        out.add((header, rdflib.RDFS.seeAlso, rdflib.URIRef(model.iri)))
        self._provenance(header)
        process = self._individual(
            "process", self._go_type(model.iri, BIOLOGICAL_PROCESS), model.iri
        )
        # an activity whose every "enabled by" claim is unverified is left out with its edges:
        # writing its enabled_by without evidence would assert what no read source shows
        dropped = {
            step.iri
            for step in model.steps
            if step.enabled_by
            and all((step.iri, ENABLED_BY, t) in self.skipped for t in step.enabled_by)
        }
        steps = [step for step in model.steps if step.iri not in dropped]
        nodes = {
            step.iri: self._individual(
                _local(step.iri),
                self._go_type(step.iri, BIOLOGICAL_PROCESS if step.outcome else MOLECULAR_FUNCTION),
                step.iri,
            )
            for step in steps
        }
        wholes = {model.iri: process}
        for whole in sorted({s.part_of for s in model.steps if s.part_of} - {model.iri}):
            # the pathway's negative regulation: a process of its own that regulates the pathway
            wholes[whole] = self._individual(
                f"regulation/{_local(whole)}", self._go_type(whole, BIOLOGICAL_PROCESS), whole
            )
            for target in regulated_pathways(self.graph, whole):
                if target == model.iri:
                    supporting = found.get((whole, NEGATIVELY_REGULATES, target), [])
                    self._edge(wholes[whole], NEGATIVELY_REGULATES, process, supporting)
        for step in steps:
            node = nodes[step.iri]
            if not step.outcome:  # an outcome is downstream of the pathway, not part of it
                whole = step.part_of or model.iri
                self._edge(node, PART_OF, wholes[whole], found.get((step.iri, PART_OF, whole), []))
            for relation, targets, role in (
                (ENABLED_BY, step.enabled_by, "enabled-by"),
                (HAS_INPUT, step.inputs, "input"),
                (OCCURS_IN, step.occurs_in, "occurs-in"),
            ):
                for index, target in enumerate(targets):
                    path = f"{_local(step.iri)}/{role}" + (f"-{index + 1}" if index else "")
                    entity = self._entity(path, target, location=relation == OCCURS_IN)
                    self._edge(node, relation, entity, found.get((step.iri, relation, target), []))
            for relation, target in step.causal:
                if (step.iri, relation, target) in self.skipped or target in dropped:
                    continue
                supporting = found.get((step.iri, relation, target), [])
                self._edge(node, relation, nodes[target], supporting)
        self._check_activities(steps)
        return out

    # --- nodes ------------------------------------------------------------------------------
    def _text(self, value: str) -> rdflib.Literal:
        return rdflib.Literal(value, datatype=rdflib.XSD.string)

    def _provenance(self, node: rdflib.term.Node) -> None:
        for contributor in self.info.contributors:
            self.out.add((node, rdflib.URIRef(DC + "contributor"), self._text(contributor)))
        self.out.add((node, rdflib.URIRef(DC + "date"), self._text(self.info.date)))
        self.out.add((node, rdflib.URIRef(PAV_PROVIDED_BY), self._text(self.info.provided_by)))

    def _individual(
        self, path: str, kind: str, origin: str, *, labelled: bool = True
    ) -> rdflib.URIRef:
        node = rdflib.URIRef(f"{self.iri}/{path}")
        self.out.add((node, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
        self.out.add((node, rdflib.RDF.type, rdflib.URIRef(kind)))
        if labelled and (label := label_of(self.graph, origin)):
            self.out.add((node, rdflib.RDFS.label, rdflib.Literal(label)))
        self.out.add((node, rdflib.RDFS.seeAlso, rdflib.URIRef(origin)))
        self._provenance(node)
        return node

    def _go_type(self, cls: str, root: str) -> str:
        """The one GO class (below ``root``) that ``cls`` is a direct subclass of."""
        if cls.startswith(OBO + "GO_"):
            return cls
        kinds = sorted(
            str(o)
            for o in self.graph.objects(rdflib.URIRef(cls), rdflib.RDFS.subClassOf)
            if str(o).startswith(OBO + "GO_")
            and rdflib.URIRef(root) in self.graph.transitive_objects(o, rdflib.RDFS.subClassOf)
        )
        if len(kinds) != 1:
            raise CytokineRdfError(
                f"{compact(cls)} needs exactly one GO superclass under {compact(root)} for its"
                f" GO-CAM type, found {len(kinds)}: {', '.join(map(compact, kinds)) or 'none'}",
                hint="fix the class in ontology/cytokine.ttl (see docs/modelling.md)",
            )
        return kinds[0]

    def _uniprot(self, cls: str) -> str | None:
        for match in sorted(
            str(m) for m in self.graph.objects(rdflib.URIRef(cls), rdflib.SKOS.exactMatch)
        ):
            if match.startswith(PURL_UNIPROT):
                return IDENTIFIERS_UNIPROT + match[len(PURL_UNIPROT) :]
        return None

    def _entity(self, path: str, cls: str, *, location: bool = False) -> rdflib.URIRef:
        """A gene product (UniProt-typed), complex (GO:0032991 with parts) or location."""
        if location:
            return self._individual(path, cls, cls)
        if accession := self._uniprot(cls):
            return self._individual(path, accession, cls)
        parts = [f for p, f in restrictions(self.graph, rdflib.URIRef(cls)) if p == HAS_PART]
        if not parts:
            raise CytokineRdfError(
                f"{compact(cls)} has neither a UniProt match nor complex parts",
                hint="give it skos:exactMatch <http://purl.uniprot.org/uniprot/ACC>",
            )
        node = self._individual(path, self._complex_type(cls), cls)
        for index, part in enumerate(parts):
            member = self._entity(f"{path}/part-{index + 1}", part)
            self.out.add((node, rdflib.URIRef(HAS_PART), member))
        return node

    def _complex_type(self, cls: str) -> str:
        """The complex's own GO class (e.g. GO:0005943 class IA PI3K) if it has one, else the
        generic GO:0032991; a GO class is in the GO import with its ancestry."""
        kinds = sorted(
            str(o)
            for o in self.graph.objects(rdflib.URIRef(cls), rdflib.RDFS.subClassOf)
            if str(o).startswith(OBO + "GO_")
            and rdflib.URIRef(PROTEIN_COMPLEX)
            in self.graph.transitive_objects(o, rdflib.RDFS.subClassOf)
        )
        return kinds[0] if len(kinds) == 1 else PROTEIN_COMPLEX

    # --- edges and evidence -------------------------------------------------------------------
    def _edge(
        self,
        source: rdflib.URIRef,
        relation: str,
        target: rdflib.URIRef,
        supporting: list[tuple[str, list[str], list[str], list[str]]],
    ) -> None:
        self.out.add((source, rdflib.URIRef(relation), target))
        if not supporting:
            return
        axiom = rdflib.BNode()
        self.out.add((axiom, rdflib.RDF.type, rdflib.OWL.Axiom))
        self.out.add((axiom, rdflib.OWL.annotatedSource, source))
        self.out.add((axiom, rdflib.OWL.annotatedProperty, rdflib.URIRef(relation)))
        self.out.add((axiom, rdflib.OWL.annotatedTarget, target))
        self._provenance(axiom)
        for claim, codes, sources, with_ in supporting:
            # GO-CAM: one ECO type and one dc:source per evidence individual
            pairs = [(c, s) for c in codes for s in (sources or [claim])]
            for index, (code, source_iri) in enumerate(pairs):
                suffix = f"-{index + 1}" if len(pairs) > 1 else ""
                evidence = self._individual(
                    f"evidence/{_local(claim)}{suffix}", code, claim, labelled=False
                )
                self.out.add(
                    (evidence, rdflib.URIRef(DC + "source"), self._text(reference(source_iri)))
                )
                if with_:  # Noctua: one string, "|"-separated (IC's supporting annotation, ISO's
                    # orthologous gene)
                    joined = "|".join(reference(w) for w in with_)
                    self.out.add((evidence, rdflib.URIRef(LEGO_EVIDENCE_WITH), self._text(joined)))
                taxa = self.taxa.get(claim, [])
                if system := evidence_system(self.graph, claim):  # with every species named
                    named_taxa = [
                        _local(t).replace("_", ":", 1) for t in taxa if t != SPECIES_NOT_STATED
                    ]
                    note = system + "".join(f", {t}" for t in named_taxa)
                    self.out.add((evidence, rdflib.RDFS.comment, rdflib.Literal(note)))
                foreign = [t for t in taxa if t not in (HUMAN, SPECIES_NOT_STATED)]
                if foreign:  # the model is human; say which species the experiment used (all of
                    # them when it used human cells too, so a mixed study is not read as mouse-only)
                    named = [*foreign, HUMAN] if HUMAN in taxa else foreign
                    note = "experiment in " + ", ".join(
                        _local(t).replace("_", ":", 1) for t in named
                    )
                    self.out.add((evidence, rdflib.RDFS.comment, rdflib.Literal(note)))
                if SPECIES_NOT_STATED in taxa:  # no species to claim, human or other
                    note = "species of the experiment not stated by the source"
                    self.out.add((evidence, rdflib.RDFS.comment, rdflib.Literal(note)))
                self.out.add((axiom, rdflib.URIRef(LEGO_EVIDENCE), evidence))

    def _check_activities(self, steps: Sequence[Step]) -> None:
        for step in steps:
            if not step.outcome and len(step.enabled_by) != 1:
                raise CytokineRdfError(
                    f"{compact(step.iri)} is enabled by {len(step.enabled_by)} gene products;"
                    " a GO-CAM activity is enabled by exactly one",
                    hint="fix the step in ontology/cytokine.ttl (see docs/modelling.md)",
                )
