"""One engine-neutral RDF term, with conversions to pyoxigraph, rdflib, SPARQL JSON and N-Triples."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox
import rdflib

from cytokine_rdf.vocab import PREFIXES, RDF_LANG_STRING, XSD_STRING

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["XSD_STRING", "Term", "compact", "quote_string"]

# What an IRI may not contain (RFC 3987 / N-Triples IRIREF): nothing here can break out of <...>.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_INTEGERS = frozenset(
    [
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _absolute_iri(value: str) -> str:
    if not _IRI_SCHEME.match(value) or _BAD_IRI.search(value):
        raise ValueError(f"not an absolute IRI: {value!r}")
    return value


@dataclass(frozen=True)
class Term:
    """An RDF term: ``kind`` is ``uri``, ``bnode`` or ``literal`` (the SPARQL JSON names).

    >>> Term.iri("https://w3id.org/cytokine-rdf/CYTO_0000201").display()
    'CYTO:0000201'
    >>> Term.literal("4.0", "http://www.w3.org/2001/XMLSchema#decimal").n3()
    '"4.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """

    kind: Literal["uri", "bnode", "literal"]
    value: str
    datatype: str | None = None
    lang: str | None = None

    # ordered by kind, text, datatype, language; a missing datatype or language sorts first
    # (dataclass ordering would compare None with a string and fail)
    def _key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.value, self.datatype or "", self.lang or "")

    def __lt__(self, other: Term) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Term) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Term) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Term) -> bool:
        return self._key() >= other._key()

    # --- constructors -------------------------------------------------------------------------
    @classmethod
    def iri(cls, value: str) -> Term:
        """Return an IRI term, refusing text that is not an absolute IRI."""
        return cls("uri", _absolute_iri(value))

    @classmethod
    def literal(cls, value: str, datatype: str | None = None, lang: str | None = None) -> Term:
        """Return a literal (plain strings get no datatype, as in SPARQL JSON)."""
        if lang is not None and not _LANG.match(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        if datatype in (XSD_STRING, RDF_LANG_STRING):
            datatype = None
        if datatype is not None:
            _absolute_iri(datatype)
        return cls("literal", value, datatype, lang)

    @classmethod
    def from_oxigraph(cls, term: Any) -> Term:
        """Convert a pyoxigraph NamedNode, BlankNode or Literal."""

        if isinstance(term, ox.NamedNode):
            return cls("uri", term.value)
        if isinstance(term, ox.BlankNode):
            return cls("bnode", term.value)
        datatype = term.datatype.value
        if term.language or datatype == XSD_STRING:
            return cls("literal", term.value, None, term.language)
        return cls("literal", term.value, datatype)

    @classmethod
    def from_rdflib(cls, term: Any) -> Term:
        """Convert an rdflib URIRef, BNode or Literal."""

        if isinstance(term, rdflib.URIRef):
            return cls("uri", str(term))
        if isinstance(term, rdflib.BNode):
            return cls("bnode", str(term))
        dt = str(term.datatype) if term.datatype is not None else None
        return cls.literal(str(term), dt, term.language)

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Term:
        """Convert a SPARQL 1.1 Results JSON term object."""
        kind = data["type"]
        if kind == "uri":
            return cls("uri", data["value"])
        if kind == "bnode":
            return cls("bnode", data["value"])
        if kind in ("literal", "typed-literal"):
            return cls.literal(data["value"], data.get("datatype"), data.get("xml:lang"))
        raise ValueError(f"unknown SPARQL JSON term type {kind!r}")

    # --- conversions --------------------------------------------------------------------------
    def to_oxigraph(self) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
        """Return the pyoxigraph term."""

        if self.kind == "uri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype or XSD_STRING))

    def to_rdflib(self) -> rdflib.term.Identifier:
        """Return the rdflib term."""

        if self.kind == "uri":
            return rdflib.URIRef(self.value)
        if self.kind == "bnode":
            return rdflib.BNode(self.value)
        dt = rdflib.URIRef(self.datatype) if self.datatype else None
        return rdflib.Literal(self.value, lang=self.lang, datatype=dt)

    def to_json(self) -> dict[str, str]:
        """Return the SPARQL 1.1 Results JSON term object."""
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype:
            out["datatype"] = self.datatype
        return out

    def n3(self) -> str:
        """Serialise as N-Triples/SPARQL syntax; every value is escaped, so nothing can break out."""
        if self.kind == "uri":
            return f"<{_absolute_iri(self.value)}>"
        if self.kind == "bnode":
            return f"_:{re.sub(r'[^A-Za-z0-9_]', '_', self.value)}"
        text = quote_string(self.value)
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype:
            return f"{text}^^<{_absolute_iri(self.datatype)}>"
        return text

    def to_python(self) -> object:
        """The value as Python sees it: int, float, bool, date or datetime for the XSD numeric,
        boolean and date types, else the text (an ill-formed typed literal stays text)."""
        if self.kind != "literal" or not self.datatype or not self.datatype.startswith(_XSD):
            return self.value
        kind = self.datatype[len(_XSD) :]
        text = self.value.strip()
        try:
            if kind in _XSD_INTEGERS:
                return int(text)
            if kind in ("decimal", "double", "float"):
                return float(text)
            if kind == "boolean" and text in ("true", "false", "1", "0"):
                return text in ("true", "1")
            if kind == "date":
                return datetime.date.fromisoformat(text[:10])
            if kind == "dateTime":
                return datetime.datetime.fromisoformat(text)
        except ValueError:
            pass
        return self.value

    def display(self) -> str:
        """Short human form: a CURIE for known namespaces, the bare text for literals."""
        if self.kind == "uri":
            return compact(self.value)
        if self.kind == "bnode":
            return f"_:{self.value}"
        return self.value


def compact(iri: str) -> str:
    """Return ``PREFIX:local`` for an IRI in a known namespace (longest namespace wins), else the IRI."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            local = iri[len(ns) :]
            if local and re.fullmatch(r"[A-Za-z0-9_.-]+", local):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def quote_string(value: str) -> str:
    """``value`` as a double-quoted N-Triples/Turtle/SPARQL string with every special character escaped."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'
