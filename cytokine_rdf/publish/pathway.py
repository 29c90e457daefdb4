"""The pathway model: steps (activities), their gene products, locations and causal links.

A pathway is read from the ontology's class axioms (see ``ontology/README.md``): a step is a class
with ``BFO:0000050 part of some <pathway>``, or part of a class that ``RO:0002212 negatively
regulates some <pathway>`` (a feedback inhibitor is part of the pathway's negative regulation, not
of the pathway); its ``RO:0002333 enabled by``, ``RO:0002233 has
input``, ``BFO:0000066 occurs in`` and causal (``RO:0002629``, ``RO:0002304``, ...) restrictions
are its links. A cellular outcome is what a step is causally upstream of without being a step.
Diagrams (:mod:`cytokine_rdf.publish.diagram`), the GO-CAM export
(:mod:`cytokine_rdf.publish.gocam`) and the HTML docs draw from this one model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import rdflib

from cytokine_rdf.display import printable
from cytokine_rdf.errors import ParameterError
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.resolve import Resolver
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import (
    CAUSALLY_UPSTREAM_POSITIVE,
    CYTO,
    DIRECTLY_POSITIVELY_REGULATES,
    ENABLED_BY,
    HAS_INPUT,
    HAS_PART,
    OBO,
    OCCURS_IN,
    PART_OF,
    uniprot_spellings,
)

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData

__all__ = [
    "CAUSAL",
    "RELATION_LABELS",
    "Pathway",
    "Step",
    "find_pathway",
    "find_pathways",
    "gocam_model",
    "gocam_models",
    "is_gocam_model",
    "label_of",
    "pathway_model",
    "regulated_pathways",
    "regulators",
    "resolve_pathway",
    "restrictions",
    "short_name",
    "symbol_of",
]

CAUSAL = (
    DIRECTLY_POSITIVELY_REGULATES,
    CAUSALLY_UPSTREAM_POSITIVE,
    OBO + "RO_0002630",
    OBO + "RO_0002413",
    OBO + "RO_0002411",
    OBO + "RO_0002305",
    OBO + "RO_0002213",
    OBO + "RO_0002212",
    OBO + "RO_0002407",
    OBO + "RO_0002409",
    OBO + "RO_0002418",
    OBO + "RO_0002211",
    OBO + "RO_0002578",
    OBO + "RO_0002406",
    OBO + "RO_0004046",
    OBO + "RO_0004047",
    OBO + "RO_0012009",
    OBO + "RO_0012010",
)
NEGATIVELY_REGULATES = OBO + "RO_0002212"
STEP_ORDER = CYTO + "0000105"
DC_TITLE = rdflib.URIRef("http://purl.org/dc/elements/1.1/title")
GO = OBO + "GO_"
# Fixed edge labels (the RO labels), so diagrams do not depend on which import module is loaded.
RELATION_LABELS: dict[str, str] = {
    ENABLED_BY: "enabled by",
    HAS_INPUT: "has input",
    OCCURS_IN: "occurs in",
    DIRECTLY_POSITIVELY_REGULATES: "directly positively regulates",
    CAUSALLY_UPSTREAM_POSITIVE: "causally upstream of, positive effect",
    OBO + "RO_0002630": "directly negatively regulates",
    OBO + "RO_0002413": "directly provides input for",
    OBO + "RO_0002411": "causally upstream of",
    OBO + "RO_0002305": "causally upstream of, negative effect",
    OBO + "RO_0002213": "positively regulates",
    OBO + "RO_0002212": "negatively regulates",
    OBO + "RO_0002407": "indirectly positively regulates",
    OBO + "RO_0002409": "indirectly negatively regulates",
    OBO + "RO_0002418": "causally upstream of or within",
    OBO + "RO_0002211": "regulates",
}


@dataclass(frozen=True)
class Step:
    """One pathway step (activity) and its links."""

    iri: str
    label: str
    order: int | None
    functions: tuple[str, ...]  # GO superclasses (the step's GO function or process)
    enabled_by: tuple[str, ...]
    inputs: tuple[str, ...]
    occurs_in: tuple[str, ...]
    causal: tuple[tuple[str, str], ...]  # (relation IRI, target step or outcome IRI)
    outcome: bool = False  # a cellular outcome downstream of the pathway, not one of its steps
    part_of: str | None = None  # the process the step is part of (the pathway or its regulation)


@dataclass(frozen=True)
class Pathway:
    """A pathway class, its inputs and its steps in order."""

    iri: str
    label: str
    inputs: tuple[str, ...]
    steps: tuple[Step, ...]
    labels: dict[str, str] = field(default_factory=dict, compare=False)
    symbols: dict[str, str] = field(default_factory=dict, compare=False)  # gene products' symbols

    def label_of(self, iri: str) -> str:
        """The label of any node in the diagram (the CURIE when unlabelled)."""
        return self.labels.get(iri) or short_name(iri)

    def name_of(self, iri: str) -> str:
        """What a diagram writes for a gene product or complex: its symbol, else its label."""
        return self.symbols.get(iri) or self.label_of(iri)


def restrictions(graph: rdflib.Graph, cls: rdflib.term.Node) -> list[tuple[str, str]]:
    """``(property, filler)`` of every ``subClassOf``/``equivalentClass`` ``some`` restriction on a class."""

    out = []
    for predicate in (rdflib.RDFS.subClassOf, rdflib.OWL.equivalentClass):
        for node in graph.objects(cls, predicate):
            parts = [node]
            parts += [
                m
                for lst in graph.objects(node, rdflib.OWL.intersectionOf)
                for m in graph.items(lst)
            ]
            for part in parts:
                prop = graph.value(part, rdflib.OWL.onProperty)
                filler = graph.value(part, rdflib.OWL.someValuesFrom)
                if isinstance(prop, rdflib.URIRef) and isinstance(filler, rdflib.URIRef):
                    out.append((str(prop), str(filler)))
    return sorted(set(out))


_EXACT_SYNONYM = rdflib.URIRef("http://www.geneontology.org/formats/oboInOwl#hasExactSynonym")
_DEFINITION = rdflib.URIRef(OBO + "IAO_0000115")
_ENCODED_BY = re.compile(r"encoded by the (\S+) gene")


def symbol_of(graph: rdflib.Graph, iri: str) -> str:
    """A gene product's symbol: the exact synonym its definition names as the encoding gene (the
    HGNC symbol, as gene-xrefs reads it), else its shortest one-word exact synonym (a complex's
    "IL7R:IL2RG"); "" when it has none. A GO-CAM gene class (a UniProt IRI) takes the symbol of
    the ontology's gene product that matches it."""
    node = rdflib.URIRef(iri)
    synonyms = sorted(str(s) for s in graph.objects(node, _EXACT_SYNONYM))
    if not synonyms:
        for spelling in uniprot_spellings(iri):
            for local in graph.subjects(rdflib.SKOS.exactMatch, rdflib.URIRef(spelling)):
                if local != node and (found := symbol_of(graph, str(local))):
                    return found
        return ""
    named = _ENCODED_BY.search(str(graph.value(node, _DEFINITION) or ""))
    if named and named.group(1) in synonyms:
        return named.group(1)
    words = [s for s in synonyms if " " not in s and len(s) <= 20]
    return min(words, key=lambda s: (len(s), s)) if words else ""


def short_name(iri: str) -> str:
    """An unlabelled IRI as a diagram writes it: its CURIE; an identifiers.org record as
    ``DB:ID`` (``ZFIN:ZDB-GENE-030131-514``); else its last segment (``molecular_event``)."""
    short = compact(iri)
    if short != iri:
        return short
    for base in ("http://identifiers.org/", "https://identifiers.org/"):
        if iri.startswith(base) and "/" in iri[len(base) :]:
            db, local = iri[len(base) :].split("/", 1)
            return f"{'UniProtKB' if db == 'uniprot' else db.upper()}:{local}"
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return tail or iri


def label_of(graph: rdflib.Graph, iri: str) -> str:

    labels = sorted(str(v) for v in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.label))
    # diagrams go to terminals and into SVG: no control character may pass
    return printable(labels[0]) if labels else ""


def find_pathways(graph: rdflib.Graph) -> list[str]:
    """Every class that has steps (some class is ``part of some`` it), sorted by IRI; a class that
    negatively regulates a pathway belongs to that pathway's model, not a model of its own."""

    found = set()
    for node in graph.subjects(rdflib.OWL.onProperty, rdflib.URIRef(PART_OF)):
        filler = graph.value(node, rdflib.OWL.someValuesFrom)
        if isinstance(filler, rdflib.URIRef) and any(graph.subjects(rdflib.RDFS.subClassOf, node)):
            found.add(str(filler))
    return sorted(p for p in found if not regulated_pathways(graph, p))


def regulated_pathways(graph: rdflib.Graph, cls: str) -> list[str]:
    """The pathways that ``cls`` negatively regulates (``RO:0002212 some <pathway>``)."""
    return [f for p, f in restrictions(graph, rdflib.URIRef(cls)) if p == NEGATIVELY_REGULATES]


def regulators(graph: rdflib.Graph, pathway: str) -> list[str]:
    """The classes that negatively regulate ``pathway`` (its feedback inhibition), sorted."""
    found: set[str] = set()
    for node in graph.subjects(rdflib.OWL.someValuesFrom, rdflib.URIRef(pathway)):
        if graph.value(node, rdflib.OWL.onProperty) == rdflib.URIRef(NEGATIVELY_REGULATES):
            found.update(
                str(s)
                for s in graph.subjects(rdflib.RDFS.subClassOf, node)
                if isinstance(s, rdflib.URIRef)
            )
    return sorted(found)


def _parts_of(graph: rdflib.Graph, whole: str) -> set[str]:

    steps: set[str] = set()
    for node in graph.subjects(rdflib.OWL.someValuesFrom, rdflib.URIRef(whole)):
        if graph.value(node, rdflib.OWL.onProperty) == rdflib.URIRef(PART_OF):
            steps.update(
                str(s)
                for s in graph.subjects(rdflib.RDFS.subClassOf, node)
                if isinstance(s, rdflib.URIRef)
            )
    return steps


def _steps_of(graph: rdflib.Graph, pathway: str) -> dict[str, str]:
    """Step IRI -> the process it is part of: the pathway, or a negative regulation of it."""

    steps = dict.fromkeys(_parts_of(graph, pathway), pathway)
    for regulator in regulators(graph, pathway):
        steps.update(dict.fromkeys(_parts_of(graph, regulator), regulator))
    return dict(sorted(steps.items()))


def _order(graph: rdflib.Graph, step: str) -> int | None:

    for value in graph.objects(rdflib.URIRef(step), rdflib.URIRef(STEP_ORDER)):
        try:
            return int(str(value))
        except ValueError:
            continue
    return None


def pathway_model(graph: rdflib.Graph, pathway: str) -> Pathway:
    """Read one pathway (its IRI) and its steps from the class axioms of ``graph``."""

    wholes = _steps_of(graph, pathway)
    step_iris = list(wholes)
    if not step_iris:
        raise ParameterError(f"{compact(pathway)} has no steps (no class is `part of some` it)")
    step_set = set(step_iris)
    # cellular outcomes: what the steps are causally upstream of without being steps themselves
    outcome_set = {
        f
        for iri in step_iris
        for p, f in restrictions(graph, rdflib.URIRef(iri))
        if p in CAUSAL and f not in step_set
    }
    steps = []
    for iri in [*step_iris, *sorted(outcome_set)]:
        links = restrictions(graph, rdflib.URIRef(iri))
        functions = sorted(
            str(o)
            for o in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.subClassOf)
            if isinstance(o, rdflib.URIRef) and str(o).startswith(GO)
        )
        steps.append(
            Step(
                iri=iri,
                label=label_of(graph, iri),
                order=_order(graph, iri),
                functions=tuple(functions),
                enabled_by=tuple(f for p, f in links if p == ENABLED_BY),
                inputs=tuple(f for p, f in links if p == HAS_INPUT),
                occurs_in=tuple(f for p, f in links if p == OCCURS_IN),
                causal=tuple(
                    (p, f) for p, f in links if p in CAUSAL and f in step_set | outcome_set
                ),
                outcome=iri in outcome_set,
                part_of=wholes.get(iri),
            )
        )
    steps.sort(key=lambda s: (s.order is None, s.order or 0, s.iri))
    inputs = tuple(f for p, f in restrictions(graph, rdflib.URIRef(pathway)) if p == HAS_INPUT)
    mentioned = {pathway, *inputs, *regulators(graph, pathway)}
    for step in steps:
        mentioned.update(
            [step.iri, *step.functions, *step.enabled_by, *step.inputs, *step.occurs_in]
        )
    labels = {iri: label_of(graph, iri) for iri in sorted(mentioned)}
    symbols = {iri: sym for iri in sorted(mentioned) if (sym := symbol_of(graph, iri))}
    return Pathway(pathway, label_of(graph, pathway), inputs, tuple(steps), labels, symbols)


def resolve_pathway(graph: rdflib.Graph, name: str, candidates: Sequence[tuple[int, str]]) -> str:
    """Choose the pathway ``name`` means, from resolver ``candidates`` ((rank, IRI), best first).

    A candidate that is a pathway is taken as is; a cytokine (or any entity) stands for the
    pathway(s) that have it as input (``RO:0002233 has input some <it>``).
    """

    pathways = set(find_pathways(graph))
    for rank in sorted({r for r, _iri in candidates}):
        found: set[str] = set()
        for _r, iri in (c for c in candidates if c[0] == rank):
            if iri in pathways:
                found.add(iri)
                continue
            for pathway in pathways:
                if (HAS_INPUT, iri) in restrictions(graph, rdflib.URIRef(pathway)):
                    found.add(pathway)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            listed = "; ".join(f"{label_of(graph, p)} <{p}>" for p in sorted(found))
            raise ParameterError(
                f"{name!r} names several pathways: {listed}", hint="give the pathway's IRI or label"
            )
    known = ", ".join(label_of(graph, p) or compact(p) for p in sorted(pathways)) or "none"
    raise ParameterError(
        f"{name!r} is neither a pathway nor the input of one", hint=f"pathways: {known}"
    )


def find_pathway(data: RdfData, name: str) -> str:
    """The pathway IRI ``name`` means: a pathway's label, CURIE or IRI, its input cytokine, or a
    GO-CAM model's IRI in the loaded data."""
    graph = data.rdflib_graph()
    models = gocam_models(graph)
    if name.strip("<>") in models:
        return name.strip("<>")
    # the models loaded are named in every "not found" hint: their IRIs are what to type
    loaded = "; ".join(
        f"{graph.value(rdflib.URIRef(m), DC_TITLE) or compact(m)} <{m}>" for m in sorted(models)
    )
    found = Resolver(OxigraphEngine(data)).candidates(name)
    try:
        if not found:
            raise ParameterError(
                f"nothing is called {name!r}",
                hint="give a pathway or cytokine label, symbol, CURIE or IRI",
            )
        return resolve_pathway(graph, name, [(c.rank, c.iri) for c in found])
    except ParameterError as exc:
        if not loaded:
            raise
        raise ParameterError(exc.message, hint=f"GO-CAM models loaded: {loaded}") from None


def _display(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """A model individual's name: its label, else its types' labels (or CURIEs)."""
    if label := label_of(graph, str(node)):
        return label
    names = []
    for kind in graph.objects(node, rdflib.RDF.type):
        if isinstance(kind, rdflib.URIRef) and not str(kind).startswith(str(rdflib.OWL)):
            names.append(label_of(graph, str(kind)) or short_name(str(kind)))
        for negated in graph.objects(kind, rdflib.OWL.complementOf):  # GO-CAM's NOT
            names.append("NOT " + (label_of(graph, str(negated)) or short_name(str(negated))))
    names.sort()
    return ", ".join(names) or short_name(str(node))


# A GO-CAM model header carries Noctua's metadata (dc 1.1, lego, pav), which the ontology's own
# header (dcterms) does not: that, not the IRI scheme, tells a model from an ontology.
_GOCAM_META = tuple(
    rdflib.URIRef(p)
    for p in (
        "http://geneontology.org/lego/modelstate",
        "http://purl.org/dc/elements/1.1/contributor",
        "http://purl.org/dc/elements/1.1/date",
        "http://purl.org/pav/providedBy",
    )
)


def gocam_models(graph: rdflib.Graph) -> dict[str, list[str]]:
    """Every GO-CAM model in ``graph`` (an ``owl:Ontology`` with GO-CAM metadata) and its activities.

    An activity (an individual with ``enabled_by``) belongs to the model whose IRI + "/" starts its
    IRI (Noctua's scheme); activities no model IRI prefixes belong to the one model that prefixes
    none (Reactome's and other converters' schemes: one model per file). With several such models
    loaded at once, those activities are left out of every model rather than guessed.
    """
    headers = sorted(
        str(h)
        for h in set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
        if isinstance(h, rdflib.URIRef) and any((h, p, None) in graph for p in _GOCAM_META)
    )
    members: dict[str, list[str]] = {h: [] for h in headers}
    loose = []
    for activity in sorted({str(s) for s in graph.subjects(rdflib.URIRef(ENABLED_BY))}):
        owner = next((h for h in headers if activity.startswith(h + "/")), None)
        if owner is None:
            loose.append(activity)
        else:
            members[owner].append(activity)
    unprefixed = [h for h in headers if not members[h]]
    if loose and len(unprefixed) == 1:
        members[unprefixed[0]] = loose
    return members


def is_gocam_model(graph: rdflib.Graph, iri: str) -> bool:
    """Whether ``iri`` is a GO-CAM model header (an owl:Ontology with GO-CAM metadata)."""
    return iri in gocam_models(graph)


def gocam_model(graph: rdflib.Graph, model: str) -> Pathway:
    """A GO-CAM model's activities and processes as a :class:`Pathway` (to draw it).

    Activities are the model's individuals with ``enabled_by``; processes are what they are part
    of or causally linked to. Nodes are the model's individuals, named by their types' labels.
    """
    inside = [rdflib.URIRef(a) for a in gocam_models(graph).get(model, [])]
    activities = set(inside)
    linked: set[rdflib.term.Node] = set()
    for activity in inside:
        for relation in CAUSAL:
            linked.update(graph.objects(activity, rdflib.URIRef(relation)))
    steps = []
    labels: dict[str, str] = {
        model: str(graph.value(rdflib.URIRef(model), DC_TITLE) or compact(model))
    }
    for node in sorted(activities | linked, key=str):
        links = {
            relation: tuple(
                str(o) for o in sorted(graph.objects(node, rdflib.URIRef(relation)), key=str)
            )
            for relation in (ENABLED_BY, HAS_INPUT, OCCURS_IN)
        }
        causal = tuple(
            (relation, str(target))
            for relation in CAUSAL
            for target in sorted(graph.objects(node, rdflib.URIRef(relation)), key=str)
            if target in activities | linked
        )
        kinds = tuple(
            sorted(
                str(k)
                for k in graph.objects(node, rdflib.RDF.type)
                if isinstance(k, rdflib.URIRef) and not str(k).startswith(str(rdflib.OWL))
            )
        )
        steps.append(
            Step(
                iri=str(node),
                label=_display(graph, node),
                order=None,
                functions=kinds,
                enabled_by=links[ENABLED_BY],
                inputs=links[HAS_INPUT],
                occurs_in=links[OCCURS_IN],
                causal=causal,
                outcome=node not in activities,
            )
        )
        labels[str(node)] = _display(graph, node)
        labels.update({k: label_of(graph, k) or short_name(k) for k in kinds})
        for targets in links.values():
            labels.update({t: _display(graph, rdflib.URIRef(t)) for t in targets})
    if not steps:
        raise ParameterError(f"{compact(model)} has no activities (nothing is enabled_by anything)")
    symbols: dict[str, str] = {}
    for step in steps:
        for individual in (*step.enabled_by, *step.inputs):
            for kind in sorted(graph.objects(rdflib.URIRef(individual), rdflib.RDF.type), key=str):
                if isinstance(kind, rdflib.URIRef) and (found := symbol_of(graph, str(kind))):
                    symbols[individual] = found
                    break
            else:  # a complex: its parts' symbols, "IL2RG:IL7R"
                parts = [
                    next(
                        (
                            found
                            for kind in graph.objects(part, rdflib.RDF.type)
                            if isinstance(kind, rdflib.URIRef)
                            and (found := symbol_of(graph, str(kind)))
                        ),
                        "",
                    )
                    for part in graph.objects(rdflib.URIRef(individual), rdflib.URIRef(HAS_PART))
                ]
                if parts and all(parts):
                    symbols[individual] = ":".join(sorted(parts))
    return Pathway(model, labels[model], (), tuple(steps), labels, symbols)
