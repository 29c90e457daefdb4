"""GO-CAM RDF <-> GO's ``gocam`` datamodel (gocam-py): JSON/YAML models and minerva JSON.

GO-CAM Turtle (what ``export --gocam`` writes and what GO publishes) is turned into a gocam-py
``Model`` by gocam-py's own translator: the RDF is first written as minerva JSON (the form the
GO-CAM API serves: individuals with types and annotations, facts with evidence), then
``MinervaTranslator`` builds the ``Model``. The way back (:func:`model_to_rdf`) writes the
``Model`` as Noctua-shaped RDF. This module sits in ``io`` because reading a ``.json``/``.yaml``
GO-CAM model is input like any other file (``io.graph`` calls :func:`read_document`), and it
depends on nothing above ``io``.

The datamodel holds activities (function, enabler with complex parts, ``part_of`` process chain,
``occurs_in`` location, inputs/outputs), causal edges between activities, and evidence and
provenance on each. It has no slot for a fact whose end is not an activity: a causal edge from an
activity to a process (a pathway's outcome), between two processes (a regulation of the pathway),
a process's cell type or input. gocam-py drops those (an "unhandled fact" warning); here each is
carried in the Model as a namespaced comment (``FACT_COMMENT`` followed by the fact in minerva's
own JSON form, with its evidence and the individuals it names), which :func:`model_to_rdf` turns
back into the triples. docs/design.md explains why a comment. What cannot be carried is returned
in ``Translation.unhandled``.

Identifiers follow GO's own prefix map (``prefixmaps`` context ``go``, which gocam-py uses):
``http://identifiers.org/uniprot/P16871`` is ``UniProtKB:P16871``; an IRI with no GO prefix
stays a full IRI.

gocam-py (BSD-3-Clause) is imported only when a GO-CAM JSON/YAML file is read or written: it
pulls in pydantic, linkml-runtime and requests (about 0.3 s).
"""

from __future__ import annotations

import importlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import rdflib
import yaml

from cytokine_rdf.errors import CytokineRdfError, InputError
from cytokine_rdf.vocab import (
    DC,
    ENABLED_BY,
    HAS_PART,
    IN_TAXON,
    LEGACY_IN_TAXON,
    LEGO,
    OBO,
    PART_OF,
    PAV_PROVIDED_BY,
)
from cytokine_rdf.vocab import PROTEIN_COMPLEX as COMPLEX

if TYPE_CHECKING:
    from gocam.datamodel import Model

__all__ = [
    "FACT_COMMENT",
    "GOCAM_DOCUMENT_KINDS",
    "Translation",
    "carried_facts",
    "document_kind",
    "dump_model",
    "model_to_rdf",
    "models_from_rdf",
    "parse_document",
    "read_document",
]

RDF_TYPE = rdflib.RDF.type
# annotation properties as minerva names them (the key is the IRI's last segment)
_ANNOTATIONS = {
    DC + "contributor": "contributor",
    DC + "date": "date",
    PAV_PROVIDED_BY: "providedBy",
    DC + "source": "source",
    LEGO + "evidence-with": "with",
    DC + "title": "title",
    LEGO + "modelstate": "state",
    str(rdflib.RDFS.comment): "comment",
}
_ANNOTATION_IRIS = {key: rdflib.URIRef(iri) for iri, key in _ANNOTATIONS.items()}
_NOT_TYPES = {str(rdflib.OWL.NamedIndividual), str(rdflib.OWL.Thing)}
# a fact gocam-py's Model has no slot for, carried as a model comment: this tag, then JSON
FACT_COMMENT = "cytokine-rdf:fact "
ENABLED_BY_CURIE = "RO:0002333"
_EVIDENCE_IRI = re.compile(r"/evidence-[0-9]+$")  # how model_to_rdf names evidence
GOCAM_DOCUMENT_KINDS = ("gocam-json", "gocam-yaml", "minerva-json")
_INSTALL_HINT = "install the GO-CAM extra: pip install 'cytokine-rdf[gocam]'"


def _optional(module: str) -> Any:
    """gocam-py and its prefix maps: optional (the ``gocam`` extra), loaded when first needed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise CytokineRdfError(
            "GO-CAM JSON/YAML and GO's CURIEs (GPAD, GMT) need the gocam package (gocam-py)",
            hint=_INSTALL_HINT,
        ) from exc


@cache
def _converter() -> Any:
    return _optional("prefixmaps").load_context("go").as_converter()


def curie(iri: str) -> str:
    """``iri`` as GO writes it (``UniProtKB:P16871``, ``GO:0003674``), or the IRI itself."""
    return str(_converter().compress(iri, passthrough=True))


def expand(value: str) -> str:
    """A GO CURIE as an IRI; an IRI (or anything with no GO prefix) unchanged."""
    if "://" in value:
        return value
    return _converter().expand(value) or value


# --- RDF -> minerva JSON -> Model ---------------------------------------------------------------
@dataclass(frozen=True)
class Translation:
    """One model as gocam-py read it, with the facts its datamodel has no slot for."""

    model: Model
    unhandled: tuple[str, ...]


def _headers(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted(
        s for s in graph.subjects(RDF_TYPE, rdflib.OWL.Ontology) if isinstance(s, rdflib.URIRef)
    )


def _annotations(graph: rdflib.Graph, node: rdflib.term.Node) -> list[dict[str, str]]:
    out = []
    for predicate, obj in graph.predicate_objects(node):
        key = _ANNOTATIONS.get(str(predicate))
        if key is None and str(predicate) in (IN_TAXON, LEGACY_IN_TAXON):
            key, value = "in_taxon", curie(str(obj))
        elif key is not None:
            value = str(obj)
        else:
            continue
        out.append({"key": key, "value": value})
    return sorted(out, key=lambda a: (a["key"], a["value"]))


def rdf_to_minerva(graph: rdflib.Graph, header: rdflib.URIRef | None = None) -> dict[str, Any]:
    """The model with header ``header`` (default: the only one) as minerva JSON.

    With several models in ``graph``, a model's individuals are those whose IRI starts with the
    model IRI (as Noctua mints them).
    """

    headers = _headers(graph)
    if header is None:
        if len(headers) != 1:
            raise CytokineRdfError(
                f"expected one GO-CAM model (owl:Ontology header), found {len(headers)}",
                hint="give one model per file",
            )
        header = headers[0]
    prefix = str(header).rstrip("/") + "/"
    mine = None if len(headers) == 1 else prefix

    individuals = sorted(
        s
        for s in graph.subjects(RDF_TYPE, rdflib.OWL.NamedIndividual)
        if isinstance(s, rdflib.URIRef) and (mine is None or str(s).startswith(mine))
    )
    known = set(individuals)
    # a term's label: the class's own, else (gene products) that of an individual of it: GO-CAM
    # RDF rarely carries class labels; Reactome-converted models and ours label the individuals
    labels = {
        str(s): str(graph.value(s, rdflib.RDFS.label))
        for s in individuals
        if graph.value(s, rdflib.RDFS.label)
    }

    def label(node: rdflib.URIRef, term: str) -> str | None:
        own = graph.value(rdflib.URIRef(term), rdflib.RDFS.label)
        if own is not None:
            return str(own)
        # an individual's label names a gene product's class (one individual of it per use);
        # individuals of an ontology class (GO, ECO) are labelled for their role, not the class
        return None if term.startswith(OBO) else labels.get(str(node))

    enabled = {s for s, _ in graph.subject_objects(rdflib.URIRef(ENABLED_BY)) if s in known}
    enablers = {o for s, o in graph.subject_objects(rdflib.URIRef(ENABLED_BY)) if s in known}
    axioms: dict[tuple[str, str, str], list[rdflib.term.Node]] = defaultdict(list)
    for axiom in graph.subjects(RDF_TYPE, rdflib.OWL.Axiom):
        source = graph.value(axiom, rdflib.OWL.annotatedSource)
        prop = graph.value(axiom, rdflib.OWL.annotatedProperty)
        target = graph.value(axiom, rdflib.OWL.annotatedTarget)
        if source in known and target in known:
            axioms[(str(source), str(prop), str(target))].append(axiom)

    def root(node: rdflib.URIRef, types: list[str]) -> list[dict[str, str]]:
        # the root types gocam-py's translator asks about (minerva works them out from GO)
        if node in enabled:
            return [{"type": "class", "id": "GO:0003674"}]
        if node in enablers:
            complex_ = COMPLEX in types or (node, rdflib.URIRef(HAS_PART), None) in graph
            return [{"type": "class", "id": "GO:0032991" if complex_ else "CHEBI:33695"}]
        return []

    json_individuals = []
    facts: list[dict[str, Any]] = []
    for node in individuals:
        types = sorted(
            str(t)
            for t in graph.objects(node, RDF_TYPE)
            if isinstance(t, rdflib.URIRef) and str(t) not in _NOT_TYPES
        )
        # a negated term ("NOT"): minerva's complement type
        complements = sorted(
            str(c)
            for t in graph.objects(node, RDF_TYPE)
            if isinstance(t, rdflib.BNode)
            for c in graph.objects(t, rdflib.OWL.complementOf)
            if isinstance(c, rdflib.URIRef)
        )
        json_individuals.append(
            {
                "id": curie(str(node)),
                "type": [{"type": "class", "id": curie(t), "label": label(node, t)} for t in types]
                + [
                    {"type": "complement", "filler": {"type": "class", "id": curie(c)}}
                    for c in complements
                ],
                "root-type": root(node, types),
                "annotations": _annotations(graph, node),
            }
        )
        for predicate, obj in sorted(graph.predicate_objects(node)):
            if obj not in known or predicate == RDF_TYPE:
                continue
            annotations = []
            for axiom in axioms.get((str(node), str(predicate), str(obj)), []):
                annotations += _annotations(graph, axiom)
                annotations += [
                    {"key": "evidence", "value": curie(str(e))}
                    for e in graph.objects(axiom, rdflib.URIRef(LEGO + "evidence"))
                ]
            facts.append(
                {
                    "subject": curie(str(node)),
                    "property": curie(str(predicate)),
                    "object": curie(str(obj)),
                    "annotations": [
                        {"key": k, "value": v}
                        for k, v in sorted({(a["key"], a["value"]) for a in annotations})
                    ],
                }
            )
    return {
        "id": curie(str(header)),
        "individuals": json_individuals,
        "facts": facts,
        "annotations": _annotations(graph, header),
    }


def _type_iri(term: dict[str, Any]) -> tuple[str, bool] | None:
    """A minerva type as (class IRI, negated), or None for a kind written here neither way."""
    kind = term.get("type", "class")
    if kind == "class" and term.get("id"):
        return expand(term["id"]), False
    filler = term.get("filler") or {}
    if kind == "complement" and filler.get("type", "class") == "class" and filler.get("id"):
        return expand(filler["id"]), True
    return None


@cache
def _translator_class() -> Any:
    wrapper = _optional("gocam.translation.minerva_wrapper")

    class Translator(wrapper.MinervaTranslator):  # type: ignore[misc,name-defined]
        """gocam-py's translator, noting the facts it drops because a slot was already filled."""

        def __post_init__(self, minerva_view: Any) -> None:
            super().__post_init__(minerva_view)
            self.skipped: list[Any] = []

        def _add_skipped_fact_warning(self, fact: Any) -> None:
            self.skipped.append(fact)
            super()._add_skipped_fact_warning(fact)

    return Translator


def _process_iri(model_iri: str, association: Any) -> str:
    """The individual a process association becomes in RDF: one per process chain, as Noctua does."""
    chain = []
    while association is not None:
        chain.append(curie(expand(association.term)).replace(":", "_"))
        association = association.part_of
    return f"{model_iri}/process/{'/'.join(chain)}"


def _model_names(translator: Any, model: Model) -> dict[str, str]:
    """Individuals the Model holds without their IRI -> the IRI :func:`model_to_rdf` gives them
    (an activity's enabler, location, phase and ``part_of`` process chain), and every other IRI
    it mints, to "" (a carried individual must not take one of those by chance)."""
    types = {i.id: {t.id for t in i.type} for i in translator.minerva_obj.individuals}
    model_iri = expand(model.id)
    out: dict[str, str] = {}

    def held(node: str, prop: str, term: str | None, name: str) -> str | None:
        for fact in translator.view.get_facts(subject=node, property=prop):
            if term in types.get(fact.object, ()):
                out.setdefault(fact.object, curie(name))
                return str(fact.object)
        return None

    for activity in model.activities or ():
        iri = expand(activity.id)
        for slot, prop, suffix in (
            ("enabled_by", ENABLED_BY_CURIE, "enabled-by"),
            ("occurs_in", "BFO:0000066", "occurs-in"),
            ("happens_during", "RO:0002092", "happens-during"),
        ):
            if (association := getattr(activity, slot)) is not None:
                held(activity.id, prop, association.term, f"{iri}/{suffix}")
        parts = getattr(activity.enabled_by, "has_part", None) or ()
        out.update({curie(f"{iri}/enabled-by/part-{n + 1}"): "" for n in range(len(parts))})
        out[curie(f"{iri}/molecule")] = ""
        node, association = activity.id, activity.part_of
        while association is not None and node is not None:
            node = held(node, "BFO:0000050", association.term, _process_iri(model_iri, association))
            association = association.part_of
    for molecule in model.molecules or ():
        out[curie(f"{expand(molecule.id)}/located-in")] = ""
    return out


def _translate(document: dict[str, Any]) -> Translation:
    """A minerva JSON model as a gocam-py Model, translated by gocam-py, the facts its datamodel
    has no slot for added as ``FACT_COMMENT`` comments."""
    wrapper = _optional("gocam.translation.minerva_wrapper")
    translator = _translator_class()(wrapper.MinervaObject.model_validate(document))
    model = translator.translate().result
    # the document's own individuals: gocam-py's parse drops a complement type's filler
    individuals = {i["id"]: i for i in document.get("individuals", ()) if "id" in i}
    activities = {a.id for a in model.activities or ()}
    names = _model_names(translator, model)
    renamed = {old: new for old, new in names.items() if new}
    taken = {curie(new) for new in renamed.values()} | {
        old for old, new in names.items() if not new
    }

    def carried_id(node: str) -> str:
        """A carried individual's id, moved aside if the Model's own RDF uses it for another."""
        if node in renamed:
            return renamed[node]
        if node in activities:
            return node
        while node in taken or _EVIDENCE_IRI.search(node):
            node += "-carried"
        return node

    # an enabled function with no activity in the Model (a "NOT" function has no term for it)
    unmade = {f.subject for f in translator.view.get_facts(property=ENABLED_BY_CURIE)} - activities
    dropped = [
        f
        for f in translator.view.all_facts()
        if (f.subject, f.property, f.object) not in translator.processed_facts
        or f.subject in unmade
        or f.object in unmade
    ] + translator.skipped

    def individual(node: str) -> dict[str, Any]:
        known = individuals[node]
        out: dict[str, Any] = {"id": carried_id(node), "type": known.get("type", [])}
        if node not in renamed:  # the Model already gives what it holds its provenance
            out["annotations"] = [
                {"key": a["key"], "value": a["value"]} for a in known.get("annotations", ())
            ]
        return out

    def writable(node: str) -> bool:
        return node in individuals and all(
            _type_iri(t) is not None for t in individuals[node].get("type", ())
        )

    records: set[str] = set()
    unhandled: set[str] = set()
    for fact in dropped:
        evidence = [a.value for a in fact.annotations if a.key == "evidence"]
        ends = [n for n in (fact.subject, fact.object) if n not in activities]
        if not all(writable(n) for n in ends + evidence):
            unhandled.add(
                f"{fact.subject} {fact.property} {fact.object}: an end is missing or of a type "
                "other than a class or its complement"
            )
            continue
        record = {
            "subject": carried_id(fact.subject),
            "property": fact.property,
            "object": carried_id(fact.object),
            "annotations": [{"key": a.key, "value": a.value} for a in fact.annotations],
            "individuals": [individual(n) for n in ends + evidence],
        }
        records.add(json.dumps(record, ensure_ascii=False, sort_keys=True))
    comments = [c for c in model.comments or () if not c.startswith(FACT_COMMENT)]
    comments += [FACT_COMMENT + r for r in sorted(records)]
    model.comments = comments or None
    return Translation(model, tuple(sorted(unhandled)))


def carried_facts(model: Model) -> list[dict[str, Any]]:
    """The facts ``model`` carries as ``FACT_COMMENT`` comments (minerva's fact form, with the
    ``individuals`` they name), in comment order."""
    out = []
    for comment in model.comments or ():
        if comment.startswith(FACT_COMMENT):
            try:
                record = json.loads(comment[len(FACT_COMMENT) :])
            except ValueError as exc:
                raise CytokineRdfError(
                    f"a {FACT_COMMENT.strip()!r} comment of model {model.id} is not JSON ({exc})",
                    hint="restore the comment from the exported model or delete it",
                ) from exc
            if isinstance(record, dict):
                out.append(record)
    return out


def models_from_rdf(graph: rdflib.Graph) -> list[Translation]:
    """Every GO-CAM model in ``graph`` as a gocam-py ``Model``, translated by gocam-py."""
    return [_translate(rdf_to_minerva(graph, header)) for header in _headers(graph)]


def dump_model(model: Model, fmt: str) -> bytes:
    """``model`` as GO-CAM JSON or YAML, as gocam-py writes it (fields in schema order)."""
    data = model.model_dump(exclude_none=True)
    if fmt == "json":
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text.encode()


# --- Model -> RDF -------------------------------------------------------------------------------
class _Writer:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.header = rdflib.URIRef(expand(model.id))
        self.out = rdflib.Graph()
        self.evidence_count: dict[str, int] = defaultdict(int)
        # the model's term labels name the individuals (diagrams and gene symbols need them)
        self.labels = {o.id: o.label for o in model.objects or () if o.label}

    def text(self, value: str) -> rdflib.Literal:
        return rdflib.Literal(value, datatype=rdflib.XSD.string)

    def provenance(self, node: rdflib.term.Node, provenances: Iterable[Any] | None) -> None:
        for prov in provenances or ():
            for contributor in prov.contributor or ():
                self.out.add((node, rdflib.URIRef(DC + "contributor"), self.text(contributor)))
            if prov.date:
                self.out.add((node, rdflib.URIRef(DC + "date"), self.text(prov.date)))
            for provider in prov.provided_by or ():
                self.out.add((node, rdflib.URIRef(PAV_PROVIDED_BY), self.text(provider)))

    def individual(self, iri: str, term: str | None, provenances: Any = None) -> rdflib.URIRef:
        node = rdflib.URIRef(iri)
        self.out.add((node, RDF_TYPE, rdflib.OWL.NamedIndividual))
        if term:
            self.out.add((node, RDF_TYPE, rdflib.URIRef(expand(term))))
            if label := self.labels.get(term):
                self.out.add((node, rdflib.RDFS.label, rdflib.Literal(label)))
        self.provenance(node, provenances)
        # gocam-py keeps no provenance for complex parts and processes: the model header's stands
        # in, as GO-CAM wants a contributor and a date on every individual
        for field_iri in (rdflib.URIRef(DC + "contributor"), rdflib.URIRef(DC + "date")):
            if (node, field_iri, None) not in self.out:
                for value in self.out.objects(self.header, field_iri):
                    self.out.add((node, field_iri, value))
        return node

    def edge(
        self, source: rdflib.URIRef, predicate: str, target: rdflib.URIRef, association: Any
    ) -> None:
        self.out.add((source, rdflib.URIRef(expand(predicate)), target))
        evidence = association.evidence or []
        if not evidence:
            return
        axiom = rdflib.BNode()
        self.out.add((axiom, RDF_TYPE, rdflib.OWL.Axiom))
        self.out.add((axiom, rdflib.OWL.annotatedSource, source))
        self.out.add((axiom, rdflib.OWL.annotatedProperty, rdflib.URIRef(expand(predicate))))
        self.out.add((axiom, rdflib.OWL.annotatedTarget, target))
        self.provenance(axiom, association.provenances)
        for item in evidence:
            self.evidence_count[str(source)] += 1
            node = self.individual(
                f"{source}/evidence-{self.evidence_count[str(source)]}",
                item.term,
                item.provenances,
            )
            if item.reference:
                self.out.add((node, rdflib.URIRef(DC + "source"), self.text(item.reference)))
            if item.with_objects:
                joined = "|".join(item.with_objects)
                self.out.add((node, rdflib.URIRef(LEGO + "evidence-with"), self.text(joined)))
            self.out.add((axiom, rdflib.URIRef(LEGO + "evidence"), node))

    def process(self, association: Any, model_iri: str) -> rdflib.URIRef:
        # activities part of the same process share one process individual, as in Noctua
        node = self.individual(_process_iri(model_iri, association), association.term)
        self.provenance(node, association.provenances)
        if association.part_of is not None:
            whole = self.process(association.part_of, model_iri)
            self.edge(node, PART_OF, whole, association.part_of)
        return node

    def annotate(self, node: rdflib.term.Node, key: str, value: str) -> None:
        if key in ("in_taxon", "evidence"):
            prop = IN_TAXON if key == "in_taxon" else LEGO + "evidence"
            self.out.add((node, rdflib.URIRef(prop), rdflib.URIRef(expand(value))))
        elif key in _ANNOTATION_IRIS:
            self.out.add((node, _ANNOTATION_IRIS[key], self.text(value)))

    def carried(self, record: dict[str, Any]) -> None:
        """A ``FACT_COMMENT``: the fact, its evidence and the individuals it names, back as RDF."""
        try:
            for known in record.get("individuals", ()):
                node = rdflib.URIRef(expand(known["id"]))
                self.out.add((node, RDF_TYPE, rdflib.OWL.NamedIndividual))
                for term in known.get("type", ()):
                    iri, negated = _type_iri(term) or ("", False)
                    if not iri:
                        continue
                    if negated:
                        if any(
                            (t, rdflib.OWL.complementOf, rdflib.URIRef(iri)) in self.out
                            for t in self.out.objects(node, RDF_TYPE)
                        ):  # named by an earlier fact
                            continue
                        complement = rdflib.BNode()
                        self.out.add((complement, RDF_TYPE, rdflib.OWL.Class))
                        self.out.add((complement, rdflib.OWL.complementOf, rdflib.URIRef(iri)))
                        self.out.add((node, RDF_TYPE, complement))
                        continue
                    self.out.add((node, RDF_TYPE, rdflib.URIRef(iri)))
                    if term.get("label") and not iri.startswith(OBO):  # as rdf_to_minerva reads
                        self.out.add((node, rdflib.RDFS.label, rdflib.Literal(term["label"])))
                for annotation in known.get("annotations", ()):
                    self.annotate(node, annotation["key"], annotation["value"])
            source, target = (rdflib.URIRef(expand(record[k])) for k in ("subject", "object"))
            prop = rdflib.URIRef(expand(record["property"]))
            annotations = record.get("annotations", ())
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CytokineRdfError(
                f"a {FACT_COMMENT.strip()!r} comment of model {self.model.id} is not what "
                f"cytokine-rdf writes ({exc!r})",
                hint="restore the comment from the exported model or delete it",
            ) from exc
        self.out.add((source, prop, target))
        if annotations:
            axiom = rdflib.BNode()
            self.out.add((axiom, RDF_TYPE, rdflib.OWL.Axiom))
            self.out.add((axiom, rdflib.OWL.annotatedSource, source))
            self.out.add((axiom, rdflib.OWL.annotatedProperty, prop))
            self.out.add((axiom, rdflib.OWL.annotatedTarget, target))
            for annotation in annotations:
                self.annotate(axiom, annotation["key"], annotation["value"])

    def build(self) -> rdflib.Graph:
        model, out = self.model, self.out
        model_iri = expand(model.id)
        header = self.header
        out.add((header, RDF_TYPE, rdflib.OWL.Ontology))
        out.add((header, rdflib.URIRef(DC + "title"), self.text(model.title)))
        if model.status:
            out.add(
                (
                    header,
                    rdflib.URIRef(LEGO + "modelstate"),
                    self.text(str(getattr(model.status, "value", model.status))),
                )
            )
        for taxon in [model.taxon, *(model.additional_taxa or [])]:
            if taxon:
                out.add((header, rdflib.URIRef(IN_TAXON), rdflib.URIRef(expand(taxon))))
        for comment in model.comments or ():
            if not comment.startswith(FACT_COMMENT):
                out.add((header, rdflib.RDFS.comment, self.text(comment)))
        for record in carried_facts(model):
            self.carried(record)
        self.provenance(header, model.provenances)
        if model.date_modified and not any(p.date for p in model.provenances or ()):
            out.add((header, rdflib.URIRef(DC + "date"), self.text(model.date_modified)))
        molecules = {m.id: m for m in model.molecules or ()}
        for activity in model.activities or ():
            iri = expand(activity.id)
            mf = activity.molecular_function
            enabler = activity.enabled_by
            # who made the activity: its function's provenance, else the activity's, else the
            # enabled_by association's (gocam-py YAML often keeps only the last)
            made = (
                (mf.provenances if mf else None)
                or activity.provenances
                or (enabler.provenances if enabler else None)
            )
            node = self.individual(iri, mf.term if mf else None, made)
            if enabler is not None:
                target = self.individual(f"{iri}/enabled-by", enabler.term, enabler.provenances)
                self.edge(node, ENABLED_BY, target, enabler)
                for index, part in enumerate(getattr(enabler, "has_part", None) or ()):
                    member = self.individual(
                        f"{iri}/enabled-by/part-{index + 1}", part.term, part.provenances
                    )
                    self.edge(target, HAS_PART, member, part)
            if activity.part_of is not None:
                self.edge(
                    node, PART_OF, self.process(activity.part_of, model_iri), activity.part_of
                )
            if (location := activity.occurs_in) is not None:
                place = self.individual(f"{iri}/occurs-in", location.term, location.provenances)
                self.edge(node, OBO + "BFO_0000066", place, location)
            if (phase := activity.happens_during) is not None:
                during = self.individual(f"{iri}/happens-during", phase.term, phase.provenances)
                self.edge(node, OBO + "RO_0002092", during, phase)
            for association in activity.molecular_associations or ():
                molecule = molecules.get(association.molecule or "")
                target = self.individual(
                    expand(association.molecule or f"{iri}/molecule"),
                    molecule.term if molecule else None,
                    association.provenances,
                )
                if molecule is not None and molecule.located_in is not None:
                    where = molecule.located_in
                    place = self.individual(f"{target}/located-in", where.term, where.provenances)
                    self.edge(target, OBO + "RO_0001025", place, where)
                self.edge(node, association.predicate, target, association)
            for causal in activity.causal_associations or ():
                if causal.predicate and causal.downstream_activity:
                    target = rdflib.URIRef(expand(causal.downstream_activity))
                    self.edge(node, causal.predicate, target, causal)
        return out


def model_to_rdf(model: Model) -> rdflib.Graph:
    """``model`` as Noctua-shaped GO-CAM RDF (individual IRIs under the model's IRI)."""
    return _Writer(model).build()


# --- documents: the reader hook of io.graph ------------------------------------------------------
def document_kind(suffix: str, head: bytes) -> str | None:
    """``gocam-json``, ``gocam-yaml`` or ``minerva-json`` if the file is one, else None.

    A JSON object (no ``@context``) with ``individuals`` is minerva's; one with ``activities`` (and
    no ``@context``) is a gocam-py ``Model``; ``.yaml``/``.yml`` files are gocam-py models.
    """
    suffix = suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "gocam-yaml"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{") or b'"@context"' in head:
        return None
    if b'"individuals"' in head:  # "facts" may come after the first 4 KiB
        return "minerva-json"
    if b'"activities"' in head or (b'"title"' in head and b'"taxon"' in head):
        return "gocam-json"
    return None


def parse_document(text: bytes, kind: str, shown: str) -> list[Model]:
    """The gocam-py models in a GO-CAM JSON/YAML or minerva JSON document."""
    datamodel = _optional("gocam.datamodel")
    validation_error = _optional("pydantic").ValidationError
    try:
        loaded = list(yaml.safe_load_all(text)) if kind == "gocam-yaml" else [json.loads(text)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            shown,
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            line=mark.line + 1 if mark is not None else None,
            hint="fix the YAML at that position",
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            shown, f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(shown, f"not UTF-8: {exc}") from exc
    documents = [
        d
        for item in loaded
        if item is not None  # an empty YAML document, e.g. after a trailing ---
        for d in (item if isinstance(item, list) else [item])
    ]
    models = []
    for document in documents:
        if not isinstance(document, dict):
            raise InputError(shown, f"a GO-CAM model is a mapping, found {type(document).__name__}")
        try:
            if kind == "minerva-json":
                models.append(_translate(document).model)
            else:
                models.append(datamodel.Model.model_validate(document))
        except (validation_error, KeyError) as exc:
            first = str(exc).splitlines()[:3]
            raise InputError(
                shown,
                f"not a valid {kind} GO-CAM model: {' '.join(first)}",
                hint="check it against the gocam-py schema (https://w3id.org/gocam)",
            ) from exc
    return models


def read_document(text: bytes, kind: str, shown: str) -> bytes:
    """A GO-CAM JSON/YAML or minerva JSON document as N-Triples (for ``io.graph`` to load)."""
    graph = rdflib.Graph()
    for model in parse_document(text, kind, shown):
        try:
            graph += model_to_rdf(model)
        except InputError:
            raise
        except CytokineRdfError as exc:  # a broken fact comment: name the file
            raise InputError(shown, exc.message, hint=exc.hint) from exc
    data: bytes = graph.serialize(format="nt", encoding="utf-8")
    return data
