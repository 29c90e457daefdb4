"""Deterministic serialisation: the same triples give byte-identical Turtle, N-Triples, RDF/XML, JSON-LD.

Blank nodes get canonical labels (rdflib.compare), triples are inserted in sorted order, and one
fixed prefix map is bound, so output does not depend on parse order, hash seeds or the machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .constants import PREFIXES
from .errors import CytokineRdfError
from .terms import Term

if TYPE_CHECKING:
    import rdflib

    from .graph import RdfData

__all__ = ["EXPORT_FORMATS", "JSONLD_CONTEXT", "export", "serialize_graph", "serialize_triples"]

EXPORT_FORMATS = ("ttl", "nt", "xml", "jsonld")
# The documented JSON-LD @context: the project's fixed prefix map.
JSONLD_CONTEXT: dict[str, str] = dict(PREFIXES)
_RDFLIB_FORMAT = {"ttl": "turtle", "xml": "pretty-xml", "jsonld": "json-ld"}


def export(data: RdfData, fmt: str = "ttl") -> bytes:
    """Serialise everything loaded in ``data`` as ``fmt``."""
    return serialize_graph(data.rdflib_graph(), fmt)


def _ntriples(triples: Iterable[tuple[Term, Term, Term]]) -> bytes:
    lines = sorted({f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples})
    return "".join(lines).encode("utf-8")


def _canonical(graph: rdflib.Graph) -> rdflib.Graph:
    """Relabel blank nodes canonically (only when there are any: it is the costly step)."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    if any(isinstance(t, rdflib.BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def serialize_graph(graph: rdflib.Graph, fmt: str) -> bytes:
    """Serialise an rdflib graph deterministically as ``fmt`` (ttl, nt, xml, jsonld)."""
    import rdflib

    if fmt not in EXPORT_FORMATS:
        raise CytokineRdfError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(EXPORT_FORMATS)}")
    canonical = _canonical(graph)
    if fmt == "nt":
        return _ntriples((Term.from_rdflib(s), Term.from_rdflib(p), Term.from_rdflib(o)) for s, p, o in canonical)
    ordered = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        ordered.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(canonical, key=_triple_key):
        ordered.add(triple)
    if fmt == "jsonld":
        text = ordered.serialize(format="json-ld", context=JSONLD_CONTEXT, sort_keys=True, indent=2)
    else:
        text = ordered.serialize(format=_RDFLIB_FORMAT[fmt])
    return text.encode("utf-8") if isinstance(text, str) else text


def serialize_triples(triples: Iterable[tuple[Term, Term, Term]], fmt: str) -> str:
    """Serialise engine triples (e.g. a CONSTRUCT result) as ``fmt``."""
    import rdflib

    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))
    if fmt == "json":
        fmt = "jsonld"
    return serialize_graph(graph, fmt).decode("utf-8")


def _triple_key(triple: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]) -> tuple[str, ...]:
    return tuple(f"{type(t).__name__}|{t}|{getattr(t, 'datatype', '')}|{getattr(t, 'language', '')}" for t in triple)
