"""Deterministic serialisation: the same triples give byte-identical Turtle, N-Triples, RDF/XML, JSON-LD.

Blank nodes get canonical labels (io.canonical), triples are inserted in sorted order, and one
fixed prefix map is bound, so output does not depend on parse order, hash seeds or the machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.gocam_model import Translation, dump_model, models_from_rdf
from cytokine_rdf.io.graph import load
from cytokine_rdf.io.progress import Stage
from cytokine_rdf.io.serialize import EXPORT_FORMATS, serialize_graph
from cytokine_rdf.publish.cx2 import cx2_networks
from cytokine_rdf.publish.genesets import evidence_filter, gene_identifiers, gene_sets, write_gmt
from cytokine_rdf.publish.gocam import ModelInfo, gocam_models, model_info
from cytokine_rdf.publish.gpad import write_gpad
from cytokine_rdf.publish.pathway import find_pathway
from cytokine_rdf.validation.reasoning import hierarchy_graph, reason
from cytokine_rdf.vocab import OBO

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_PARTS",
    "export",
    "export_gocam",
    "export_gocam_documents",
    "export_gpad",
    "export_graph",
    "gocam_inputs",
    "inferred_hierarchy",
    "with_class_labels",
]

EXPORT_PARTS = ("all", "ontology", "data")


def export(data: RdfData, fmt: str = "ttl") -> bytes:
    """Serialise everything loaded in ``data`` as ``fmt``."""
    return serialize_graph(data.rdflib_graph(), fmt)


def export_graph(
    inputs: Sequence[str | Path] = (),
    *,
    part: str = "all",
    inferred: bool = False,
) -> rdflib.Graph:
    """The graph ``cytokine-rdf export`` writes.

    ``part``: ``ontology`` (the packaged ontology only), ``data`` (only ``inputs``) or ``all``.
    ``inferred`` adds the reasoner's class hierarchy (HermiT, over ontology and data together) for
    the classes in the exported part.
    """

    if part not in EXPORT_PARTS:
        raise CytokineRdfError(
            f"unknown part {part!r}", hint=f"use one of {', '.join(EXPORT_PARTS)}"
        )
    if part == "data" and not inputs:
        raise CytokineRdfError("--part data needs data files", hint="give them with -i FILE")
    if part == "ontology":
        graph = load().rdflib_graph()
    elif part == "data":
        graph = load(inputs, include_ontology=False).rdflib_graph()
    else:
        graph = load(inputs).rdflib_graph()
    if inferred:
        everything = graph if part == "all" else load(inputs).rdflib_graph()
        graph = graph + inferred_hierarchy(everything, restrict_to=graph)
    return graph


def export_gocam(
    inputs: Sequence[str | Path] = (),
    *,
    pathways: Sequence[str] = (),
    contributors: Sequence[str] = (),
) -> dict[str, rdflib.Graph]:
    """GO-CAM models (file stem -> graph) of ``pathways`` (names or IRIs; default: all).

    The pathways come from the packaged ontology plus ``inputs``; see
    :mod:`cytokine_rdf.publish.gocam` for the shape of each model.
    """
    data = load(inputs)
    graph = data.rdflib_graph()
    chosen = [find_pathway(data, name) for name in pathways] or None
    info: ModelInfo = model_info(graph, contributors=contributors)
    return gocam_models(graph, chosen, info)


@cache
def _class_labels() -> dict[str, str]:
    """Labels of the OBO classes (GO, ECO, CL ...) in the packaged ontology and its imports."""
    graph = load().rdflib_graph()
    return {
        str(s): str(o)
        for s, o in graph.subject_objects(rdflib.RDFS.label)
        if str(s).startswith(OBO)
    }


def with_class_labels(model: rdflib.Graph) -> rdflib.Graph:
    """``model`` plus the labels of the OBO classes its individuals are typed by: GO-CAM RDF
    names classes by IRI only, and gocam-py's ``objects`` and CX2 nodes want their labels."""
    labels = _class_labels()
    out = rdflib.Graph()
    out += model
    for kind in set(model.objects(None, rdflib.RDF.type)):
        if (label := labels.get(str(kind))) and (kind, rdflib.RDFS.label, None) not in model:
            out.add((kind, rdflib.RDFS.label, rdflib.Literal(label)))
    return out


def export_gocam_documents(
    inputs: Sequence[str | Path] = (),
    *,
    fmt: str = "json",
    pathways: Sequence[str] = (),
    contributors: Sequence[str] = (),
) -> dict[str, tuple[bytes, Translation]]:
    """The GO-CAM models as gocam-py ``Model`` documents (``fmt``: ``json`` or ``yaml``).

    Each model is built by gocam-py's own translator from the GO-CAM RDF that
    :func:`export_gocam` writes; facts its datamodel has no slot for (a pathway's outcomes, the
    regulation of the pathway) ride along as fact comments, and the :class:`Translation` names any
    that could not be carried.
    """
    if fmt not in ("json", "yaml"):
        raise CytokineRdfError(f"unknown GO-CAM document format {fmt!r}", hint="use json or yaml")
    out: dict[str, tuple[bytes, Translation]] = {}
    for stem, graph in export_gocam(inputs, pathways=pathways, contributors=contributors).items():
        [translation] = models_from_rdf(with_class_labels(graph))
        out[stem] = (dump_model(translation.model, fmt), translation)
    return out


def gocam_inputs(inputs: Sequence[str | Path]) -> dict[str, rdflib.Graph]:
    """The GO-CAM models among ``inputs`` (files with an ``owl:Ontology`` header and
    individuals), one graph per file (keyed by the file's stem), so that models never mix."""
    found = {}
    for path in inputs:
        graph = load([path], include_ontology=False).rdflib_graph()
        if (None, rdflib.RDF.type, rdflib.OWL.Ontology) in graph and (
            None,
            rdflib.RDF.type,
            rdflib.OWL.NamedIndividual,
        ) in graph:
            found[Path(path).stem] = graph
    return found


def gocam_graphs(
    inputs: Sequence[str | Path] = (),
    *,
    part: str = "all",
    pathways: Sequence[str] = (),
    contributors: Sequence[str] = (),
) -> dict[str, rdflib.Graph]:
    """The GO-CAM models that GPAD, CX2 and GMT are written from: the packaged pathways' (``part``
    ontology or all; ``pathways`` chooses) and those given as ``inputs`` (``part`` data or all)."""
    if part not in EXPORT_PARTS:
        raise CytokineRdfError(
            f"unknown part {part!r}", hint=f"use one of {', '.join(EXPORT_PARTS)}"
        )
    if part == "data" and not inputs:
        raise CytokineRdfError("--part data needs GO-CAM models", hint="give them with -i FILE")
    models: dict[str, rdflib.Graph] = {}
    if part != "data":
        chosen = inputs if part == "all" else ()
        models.update(export_gocam(chosen, pathways=pathways, contributors=contributors))
    if part != "ontology":
        models.update(gocam_inputs(inputs))
    return models


def export_gpad(
    inputs: Sequence[str | Path] = (),
    *,
    part: str = "all",
    pathways: Sequence[str] = (),
    contributors: Sequence[str] = (),
    assigned_by: str | None = None,
) -> bytes:
    """GPAD 2.0 of the models :func:`gocam_graphs` chooses; see :mod:`cytokine_rdf.publish.gpad`."""
    models = gocam_graphs(inputs, part=part, pathways=pathways, contributors=contributors)
    return write_gpad(list(models.values()), assigned_by=assigned_by)


def export_cx2(
    inputs: Sequence[str | Path] = (),
    *,
    part: str = "all",
    pathways: Sequence[str] = (),
    contributors: Sequence[str] = (),
) -> dict[str, tuple[list[Any], Translation]]:
    """CX2 networks of the models :func:`gocam_graphs` chooses (:mod:`cytokine_rdf.publish.cx2`)."""
    models = gocam_graphs(inputs, part=part, pathways=pathways, contributors=contributors)
    labelled = {stem: with_class_labels(graph) for stem, graph in models.items()}
    return cx2_networks(labelled, gene_identifiers(inputs))


def export_gmt(
    inputs: Sequence[str | Path] = (),
    *,
    part: str = "all",
    pathways: Sequence[str] = (),
    evidence: str = "any",
    ids: str = "symbol",
) -> tuple[bytes, int]:
    """GMT gene sets (:mod:`cytokine_rdf.publish.genesets`) and how many members had no ID."""
    evidence_filter(evidence)  # a bad filter fails before any work
    models = gocam_graphs(inputs, part=part, pathways=pathways)
    ontology = None
    if part != "data" and not pathways:  # tumour sets: the ontology's claims
        ontology = load(inputs if part == "all" else ()).rdflib_graph()
    sets = gene_sets(list(models.values()), ontology, evidence=evidence)
    if not sets:
        raise CytokineRdfError(
            f"no gene set has a member with {evidence} evidence",
            hint="give GO-CAM models with -i, or a wider --evidence",
        )
    return write_gmt(sets, gene_identifiers(inputs), ids=ids)


def inferred_hierarchy(
    graph: rdflib.Graph, *, restrict_to: rdflib.Graph | None = None
) -> rdflib.Graph:
    """``rdfs:subClassOf`` triples of the classified hierarchy (HermiT); only classes used in ``restrict_to``."""

    with Stage("reasoner: hermit"):
        result = reason(graph)
    if not result.consistent:
        raise CytokineRdfError(
            "the ontology is inconsistent: no inferred hierarchy", hint="run `cytokine-rdf reason`"
        )
    keep = (
        None
        if restrict_to is None
        else {str(s) for s in restrict_to.subjects()} | {str(o) for o in restrict_to.objects()}
    )
    hierarchy = rdflib.Graph()
    for triple in hierarchy_graph(result):
        if keep is None or str(triple[0]) in keep:
            hierarchy.add(triple)
    return hierarchy
