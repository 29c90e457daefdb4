"""Labels of GO, ECO, CL and RO terms, shipped offline, for terms users' files leave unlabelled.

GO-CAM models name their classes by IRI only (``GO:0004917``, ``RO:0002213``); tables and diagrams
of them print labels from ``shapes/gocam/labels.tsv.gz`` (written by ``scripts/build_labels.py``
from the GO, ECO, CL and RO releases named in its header).
"""

from __future__ import annotations

import gzip
from functools import cache

import pyoxigraph as ox

from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.vocab import OBO, RDFS_LABEL

__all__ = ["LABELLED_PREFIXES", "add_offline_labels", "offline_label", "offline_labels"]

LABELLED_PREFIXES = ("GO", "ECO", "CL", "RO")
_NAMESPACES = tuple(f"{OBO}{p}_" for p in LABELLED_PREFIXES)


@cache
def offline_labels() -> dict[str, str]:
    """Every packaged label, by full IRI."""
    path = resource_dir("shapes") / "gocam" / "labels.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t", 1) for line in fh if not line.startswith("#"))
        return {OBO + curie.replace(":", "_", 1): label for curie, label in rows}


def offline_label(iri: str) -> str:
    """The packaged label of a GO, ECO, CL or RO term ("" for any other IRI)."""
    return offline_labels().get(iri, "") if iri.startswith(_NAMESPACES) else ""


def add_offline_labels(store: ox.Store) -> int:
    """Give every GO, ECO, CL and RO term in ``store`` that has no ``rdfs:label`` its packaged
    one; return how many were added. Labels the data states are kept as they are."""
    label = ox.NamedNode(RDFS_LABEL)
    mentioned: set[str] = set()
    for quad in store:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(_NAMESPACES):
                mentioned.add(term.value)
    added = []
    for iri in sorted(mentioned):
        text = offline_label(iri)
        node = ox.NamedNode(iri)
        if text and next(store.quads_for_pattern(node, label, None), None) is None:
            added.append(ox.Quad(node, label, ox.Literal(text)))
    store.extend(added)
    return len(added)
