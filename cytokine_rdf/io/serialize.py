"""Deterministic serialisation: the same triples give byte-identical Turtle, N-Triples, RDF/XML, JSON-LD.

Blank nodes get canonical labels (io.canonical), triples are inserted in sorted order, and one
fixed prefix map is bound, so output does not depend on parse order, hash seeds or the machine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.canonical import canonical_graph
from cytokine_rdf.terms import Term, compact
from cytokine_rdf.vocab import BASE, PREFIXES, RDF, RDF_TYPE

EXPORT_FORMATS = ("ttl", "nt", "xml", "jsonld")


# The documented JSON-LD @context: the project's fixed prefix map.
JSONLD_CONTEXT: dict[str, str] = dict(PREFIXES)


def _ntriples(triples: Iterable[tuple[Term, Term, Term]]) -> bytes:
    lines = sorted({f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples})
    return "".join(lines).encode("utf-8")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE = {  # Turtle's bare number and boolean tokens, by datatype
    _XSD + "integer": re.compile(r"[+-]?\d+"),
    _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    _XSD + "double": re.compile(r"[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


class _AsWritten(rdflib.Literal):
    """A literal that Turtle writes bare only when the bare token is its own text.

    rdflib's bare form rewrites a double ("1E3" -> "1e+03"), appends ".0" to a decimal and writes
    an ill-formed boolean as a bare word (invalid Turtle); otherwise the literal is quoted.
    """

    def _literal_n3(self, use_plain: bool = False, qname_callback: Any = None) -> str:
        if use_plain:
            pattern = _BARE.get(str(self.datatype))
            plain = super()._literal_n3(True, qname_callback)
            if pattern is not None and plain == str(self) and pattern.fullmatch(plain):
                return plain
        return super()._literal_n3(False, qname_callback)


def _as_written(node: Any) -> Any:
    if (
        isinstance(node, rdflib.Literal)
        and node.datatype is not None
        and str(node.datatype) in _BARE
    ):
        return _AsWritten(str(node), datatype=node.datatype, normalize=False)
    return node


MAX_TURTLE_NESTING = 64  # deeper chains of blank nodes are written flat


def _nesting_depth(graph: rdflib.Graph) -> int:
    """How deep blank nodes used once would nest as ``[ ... ]`` (iteratively: chains may be long)."""

    once: dict[rdflib.term.Node, int] = {}
    below: dict[rdflib.term.Node, list[tuple[int, rdflib.term.Node]]] = {}
    for s, p, o in graph:
        if isinstance(o, rdflib.BNode):
            once[o] = once.get(o, 0) + 1
            if isinstance(s, rdflib.BNode):  # a list's cells are written flat: no depth
                below.setdefault(s, []).append((p != rdflib.RDF.rest, o))
    deepest, seen = 0, set()
    inner = {child for children in below.values() for _, child in children if once[child] == 1}
    for top in [b for b in below if b not in inner]:
        stack = [(top, 0)]
        while stack:
            node, depth = stack.pop()
            deepest = max(deepest, depth)
            for step, child in below.get(node, ()):
                if once.get(child) == 1 and child not in seen:
                    seen.add(child)
                    stack.append((child, depth + step))
    return deepest


def serialize_graph(graph: rdflib.Graph, fmt: str) -> bytes:
    """Serialise an rdflib graph deterministically as ``fmt`` (ttl, nt, xml, jsonld)."""

    if fmt not in EXPORT_FORMATS:
        raise CytokineRdfError(
            f"unknown export format {fmt!r}", hint=f"use one of {', '.join(EXPORT_FORMATS)}"
        )
    canonical = canonical_graph(graph)
    triples = sorted(
        {(Term.from_rdflib(s), Term.from_rdflib(p), Term.from_rdflib(o)) for s, p, o in canonical}
    )
    if fmt == "nt" or (fmt == "ttl" and _nesting_depth(canonical) > MAX_TURTLE_NESTING):
        # N-Triples is Turtle too: rdflib's Turtle writer recurses once per nested blank node
        return _ntriples(triples)
    if fmt == "jsonld":
        return _jsonld(triples)
    if fmt == "xml":
        return _rdfxml(triples)
    ordered = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        ordered.bind(prefix, namespace, override=True, replace=True)
    for subject, predicate, obj in sorted(canonical, key=_triple_key):
        ordered.add((subject, predicate, _as_written(obj)))
    text = ordered.serialize(format="turtle")
    return text.encode("utf-8") if isinstance(text, str) else text


def jsonld_context() -> dict[str, object]:
    """The JSON-LD ``@context`` (also shipped as ``docs/context.jsonld``): the fixed prefix map.

    Every prefix is an expanded term definition with ``"@prefix": true`` (JSON-LD 1.1), so that
    ``CYTO:0000201`` expands even though the namespace ends in ``_`` rather than ``/`` or ``#``.
    """
    context: dict[str, object] = {"@version": 1.1}
    for prefix, namespace in JSONLD_CONTEXT.items():
        context[prefix] = {"@id": namespace, "@prefix": True}
    return context


def _jsonld_node_id(term: Term) -> str:
    return f"_:{term.value}" if term.kind == "bnode" else compact(term.value)


def _jsonld_value(term: Term) -> dict[str, str]:
    if term.kind != "literal":
        return {"@id": _jsonld_node_id(term)}
    if term.lang:
        return {"@value": term.value, "@language": term.lang}
    if term.datatype:
        return {"@value": term.value, "@type": compact(term.datatype)}
    return {"@value": term.value}


def _jsonld(triples: list[tuple[Term, Term, Term]]) -> bytes:
    """Flattened JSON-LD: one node object per subject, sorted, every value in the expanded form."""

    nodes: dict[str, dict[str, list[object]]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(_jsonld_node_id(s), {})
        if p.value == RDF_TYPE and o.kind != "literal":
            node.setdefault("@type", []).append(_jsonld_node_id(o))
        else:
            node.setdefault(compact(p.value), []).append(_jsonld_value(o))
    graph = []
    for node_id in sorted(nodes):
        entry: dict[str, object] = {"@id": node_id}
        for key in sorted(nodes[node_id]):
            values = nodes[node_id][key]
            entry[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
        graph.append(entry)
    document = {"@context": jsonld_context(), "@graph": graph}
    return (json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )


_NCNAME_START = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")


def _split_predicate(iri: str) -> tuple[str, str]:
    """(namespace, local name) with the local name an XML NCName, as RDF/XML needs."""
    match = _NCNAME_START.search(iri)
    while match and match.start() < len(iri) and not re.match(r"[A-Za-z_]", iri[match.start()]):
        match = _NCNAME_START.search(iri, match.start() + 1)
    if not match or match.start() == 0:
        raise CytokineRdfError(
            f"predicate <{iri}> cannot be written in RDF/XML", hint="use -f ttl or nt"
        )
    # prefer a split at a known namespace when its local part is an NCName
    for namespace in sorted(PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(namespace) and re.fullmatch(
            r"[A-Za-z_][A-Za-z0-9_.-]*", iri[len(namespace) :]
        ):
            return namespace, iri[len(namespace) :]
    return iri[: match.start()], iri[match.start() :]


# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Escape element text; ``\r`` becomes ``&#13;`` so XML line-end normalisation cannot eat it."""

    if _NOT_XML.search(value):
        raise CytokineRdfError(
            "a literal contains control characters that RDF/XML cannot carry",
            hint="use -f ttl or nt",
        )
    return escape(value).replace("\r", "&#13;")


def _rdfxml(triples: list[tuple[Term, Term, Term]]) -> bytes:
    """Flat, sorted RDF/XML: one ``rdf:Description`` per subject, ``rdf:nodeID`` for blank nodes."""

    names = {
        ns: prefix
        for prefix, ns in PREFIXES.items()
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", prefix)
    }
    names[RDF] = "rdf"
    names.setdefault(BASE, "cyto")
    used: dict[str, str] = {RDF: "rdf"}
    split = {p.value: _split_predicate(p.value) for _s, p, _o in triples}
    for namespace in sorted({ns for ns, _local in split.values()}):
        if namespace not in used:
            used[namespace] = (
                names.get(namespace) or f"ns{len([n for n in used.values() if n.startswith('ns')])}"
            )
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [
        f"  xmlns:{prefix}={quoteattr(ns)}"
        for ns, prefix in sorted(used.items(), key=lambda kv: kv[1])
    ]
    lines[-1] += ">"
    current: Term | None = None
    for s, p, o in triples:
        if s != current:
            if current is not None:
                lines.append("  </rdf:Description>")
            about = (
                f"rdf:nodeID={quoteattr(_node_id(s))}"
                if s.kind == "bnode"
                else f"rdf:about={quoteattr(s.value)}"
            )
            lines.append(f"  <rdf:Description {about}>")
            current = s
        namespace, local = split[p.value]
        tag = f"{used[namespace]}:{local}"
        if o.kind == "uri":
            lines.append(f"    <{tag} rdf:resource={quoteattr(o.value)}/>")
        elif o.kind == "bnode":
            lines.append(f"    <{tag} rdf:nodeID={quoteattr(_node_id(o))}/>")
        elif o.lang:
            lines.append(f"    <{tag} xml:lang={quoteattr(o.lang)}>{_xml_text(o.value)}</{tag}>")
        elif o.datatype:
            lines.append(
                f"    <{tag} rdf:datatype={quoteattr(o.datatype)}>{_xml_text(o.value)}</{tag}>"
            )
        else:
            lines.append(f"    <{tag}>{_xml_text(o.value)}</{tag}>")
    if current is not None:
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _node_id(term: Term) -> str:
    return (
        re.sub(r"[^A-Za-z0-9_]", "_", term.value)
        if term.value[:1].isalpha()
        else "b" + re.sub(r"[^A-Za-z0-9_]", "_", term.value)
    )


def serialize_triples(triples: Iterable[tuple[Term, Term, Term]], fmt: str) -> str:
    """Serialise engine triples (e.g. a CONSTRUCT result) as ``fmt``."""

    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))
    if fmt == "json":
        fmt = "jsonld"
    return serialize_graph(graph, fmt).decode("utf-8")


def _triple_key(
    triple: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node],
) -> tuple[str, ...]:
    return tuple(
        f"{type(t).__name__}|{t}|{getattr(t, 'datatype', '')}|{getattr(t, 'language', '')}"
        for t in triple
    )
