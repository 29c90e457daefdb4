"""CX2 networks (Cytoscape, NDEx) of GO-CAM models, through gocam-py's own CX2 translator.

gocam-py's ``model_to_cx2`` draws each activity as a node named by its enabler, causal edges
between activities and molecule nodes for inputs/outputs, with GO's NDEx style and HTML
attributes (``Molecular Function``, ``Part Of``, ``Evidence``). This module adds the plain
attributes a Cytoscape user filters and colours by:

- nodes: ``gene symbol`` (the HGNC symbol of the ontology's gene products, from the
  ``gene-xrefs`` template; else gocam-py's name), which also becomes the node ``name``;
  ``protein name``; ``GO function`` and ``GO function id``; ``GO process``; ``evidence``
  (``ECO:... PMID:...`` items, ``; ``-separated);
- edges: ``relation`` (the RO label), ``relation id``, ``sign`` (``positive``, ``negative`` or
  ``unsigned``, as the causal templates name them) and ``evidence``.

gocam-py's ``Model`` has no slot for a causal edge from an activity to a process (a pathway's
outcome) or between processes (a regulation of the pathway); the Model carries them as fact
comments (:mod:`cytokine_rdf.io.gocam_model`), and they are drawn here: one node per process
(``type`` ``process``, ``GO process``/``GO process id``) and an edge with the attributes above,
named and styled by gocam-py's own relation table.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.gocam_model import Translation, carried_facts, models_from_rdf
from cytokine_rdf.publish.genesets import Gene

__all__ = ["SIGNS", "cx2_networks"]

# the sign of a causal relation, as queries/downstream-cascade.rq names it
SIGNS: dict[str, str] = {
    **dict.fromkeys(
        ("RO:0002629", "RO:0002304", "RO:0002413", "RO:0002213", "RO:0002407", "RO:0004047"),
        "positive",
    ),
    "RO:0002406": "positive",
    **dict.fromkeys(
        ("RO:0002630", "RO:0002305", "RO:0002212", "RO:0002409", "RO:0004046"), "negative"
    ),
}


def _cx2_module() -> Any:
    try:
        return importlib.import_module("gocam.translation.cx2.main")  # optional: the cx2 extra
    except ImportError as exc:
        raise CytokineRdfError(
            "CX2 needs gocam-py's CX2 translator (gocam with ndex2)",
            hint="pip install 'cytokine-rdf[cx2]'",
        ) from exc


def _evidence(items: Sequence[Any] | None) -> str:
    return "; ".join(
        " ".join(p for p in (e.term, e.reference) if p)
        + (f" with {','.join(e.with_objects)}" if e.with_objects else "")
        for e in items or ()
    )


def _symbol(term: str, genes: Mapping[str, Gene], labels: Mapping[str, str], cx2: Any) -> str:
    gene = genes.get(term)
    if gene is not None and gene.symbol:
        return gene.symbol
    return str(cx2.remove_species_code_suffix(labels.get(term, term)))


def _network(translation: Translation, genes: Mapping[str, Gene]) -> list[Any]:
    cx2 = _cx2_module()
    model = translation.model
    raw = cx2.model_to_cx2(model, validate_iquery_gene_symbol_pattern=False)
    network = importlib.import_module("ndex2.cx2").CX2Network()
    network.create_from_raw_cx2(raw)
    labels = {o.id: o.label for o in model.objects or () if o.label}
    drawn = [a for a in model.activities or () if a.enabled_by and a.enabled_by.term]
    # gocam-py adds one node per drawn activity first, in model order (ids 0, 1, ...)
    node_ids = sorted(network.get_nodes())
    by_node = dict(zip(node_ids, drawn, strict=False))
    for node, activity in by_node.items():
        term = activity.enabled_by.term
        if network.get_node(node)["v"].get("represents") != term:  # the order assumption broke
            raise CytokineRdfError(
                f"gocam-py's CX2 nodes are not in activity order at {term}",
                hint="report this with the gocam version (pip show gocam)",
            )
        parts = [p.term for p in getattr(activity.enabled_by, "has_part", None) or () if p.term]
        if parts:  # a complex: its subunits' symbols (IL7R/IL2RG)
            symbol = "/".join(_symbol(p, genes, labels, cx2) for p in parts)
        else:
            symbol = _symbol(term, genes, labels, cx2)
        attributes: dict[str, str] = {
            "name": symbol,
            "gene symbol": symbol,
            "protein name": cx2.remove_species_code_suffix(labels.get(term, term)),
            "evidence": _evidence(activity.enabled_by.evidence),
        }
        if mf := activity.molecular_function:
            attributes["GO function"] = labels.get(mf.term or "", mf.term or "")
            attributes["GO function id"] = mf.term or ""
        if bp := activity.part_of:
            attributes["GO process"] = labels.get(bp.term or "", bp.term or "")
        for key, value in attributes.items():
            network.add_node_attribute(node, key, value, datatype="string")
    for edge_id, edge in sorted(network.get_edges().items()):
        values = edge["v"]
        predicate = values.get("represents", "")
        source = by_node.get(edge["s"])
        found = []
        if source is not None:
            target = by_node.get(edge["t"])
            found = [
                c.evidence
                for c in source.causal_associations or ()
                if target is not None
                and c.predicate == predicate
                and c.downstream_activity == target.id
            ] + [
                m.evidence
                for m in source.molecular_associations or ()
                if m.predicate == predicate and target is None
            ]
        edge_attributes = {
            "relation": values.get("name", predicate),
            "relation id": predicate,
            "sign": SIGNS.get(predicate, "unsigned"),
            "evidence": _evidence(found[0] if found else None),
        }
        for key, value in edge_attributes.items():
            network.add_edge_attribute(edge_id, key, value, datatype="string")
    _outcomes(network, translation, {a.id: n for n, a in by_node.items()}, labels)
    result: list[Any] = network.to_cx2()
    return result


def _outcomes(
    network: Any, translation: Translation, nodes: dict[str, int], labels: Mapping[str, str]
) -> None:
    """The carried causal facts whose ends are drawn activities or processes, as edges."""
    style = importlib.import_module("gocam.translation.cx2.style")
    datamodel = importlib.import_module("gocam.datamodel")
    names = {r.value: s.label for r, s in style.RELATIONS.items()}
    processes: dict[str, int] = {}
    for record in carried_facts(translation.model):
        predicate = record.get("property", "")
        if predicate not in names:  # not a causal relation gocam-py draws
            continue
        known = {i.get("id"): i for i in record.get("individuals", ())}

        def node(end: str, known: dict[Any, Any] = known) -> int | None:
            if end in nodes:
                return nodes[end]
            terms = [t.get("id") for t in known.get(end, {}).get("type", ()) if t.get("id")]
            if not terms or not terms[0].startswith("GO:"):
                return None
            if end not in processes:
                label = labels.get(terms[0], terms[0])
                processes[end] = network.add_node(
                    attributes={
                        "name": label,
                        "represents": terms[0],
                        "type": "process",
                        "GO process": label,
                        "GO process id": terms[0],
                    }
                )
            return processes[end]

        source, target = node(record.get("subject", "")), node(record.get("object", ""))
        if source is None or target is None:
            continue
        evidence = []
        for annotation in record.get("annotations", ()):
            if annotation.get("key") != "evidence":
                continue
            item = known.get(annotation.get("value"), {})
            eco = next((t.get("id") for t in item.get("type", ()) if t.get("id")), None)
            notes = {a.get("key"): a.get("value") for a in item.get("annotations", ())}
            with_objects = [w for w in (notes.get("with") or "").split("|") if w]
            evidence.append(
                datamodel.EvidenceItem(
                    term=eco, reference=notes.get("source"), with_objects=with_objects or None
                )
            )
        network.add_edge(
            source=source,
            target=target,
            attributes={
                "name": names[predicate],
                "represents": predicate,
                "relation": names[predicate],
                "relation id": predicate,
                "sign": SIGNS.get(predicate, "unsigned"),
                "evidence": _evidence(evidence),
            },
        )


def cx2_networks(
    models: Mapping[str, rdflib.Graph], genes: Mapping[str, Gene]
) -> dict[str, tuple[list[Any], Translation]]:
    """One CX2 network (the CX2 JSON list) per GO-CAM model graph, keyed like ``models``."""
    out = {}
    for stem, graph in models.items():
        for index, translation in enumerate(models_from_rdf(graph)):
            out[stem if index == 0 else f"{stem}-{index + 1}"] = (
                _network(translation, genes),
                translation,
            )
    return out
