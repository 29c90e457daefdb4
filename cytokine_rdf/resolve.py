"""Resolve what people type (IRI, CURIE, label, synonym, symbol, accession) to one entity IRI."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .constants import PREFIXES
from .engine import Engine, SelectResult
from .errors import ParameterError
from .terms import Term

__all__ = ["Candidate", "Resolver", "expand_curie"]

# Rank of each way of matching: a label beats a synonym beats a cross-reference.
_MATCH_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT DISTINCT ?entity ?rank ?label WHERE {
  {
    { ?entity rdfs:label ?value . BIND(1 AS ?rank) }
    UNION { ?entity oboInOwl:hasExactSynonym ?value . BIND(2 AS ?rank) }
    UNION { ?entity oboInOwl:hasDbXref ?value . BIND(3 AS ?rank) }
    UNION { ?entity skos:exactMatch ?iri . FILTER(isIRI(?iri))
            BIND(REPLACE(STR(?iri), "^.*[/#]", "") AS ?value) BIND(3 AS ?rank) }
    UNION { ?entity oboInOwl:hasRelatedSynonym|oboInOwl:hasNarrowSynonym|oboInOwl:hasBroadSynonym ?value .
            BIND(4 AS ?rank) }
    FILTER(LCASE(STR(?value)) = LCASE(STR(?_text)))
  }
  FILTER(isIRI(?entity))
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_MAPPED_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?rank ?label WHERE {
  { ?entity skos:exactMatch|skos:closeMatch ?_iri } UNION { ?entity owl:equivalentClass ?_iri }
  FILTER(isIRI(?entity) && ?entity != ?_iri)
  BIND(3 AS ?rank)
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_KNOWN_QUERY = "ASK { { ?_iri ?p ?o } UNION { ?s ?p ?_iri } }"
_WITHIN_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
ASK { { ?_iri rdfs:subClassOf* ?_class } UNION { ?_iri rdf:type/rdfs:subClassOf* ?_class } }
"""


@dataclass(frozen=True, order=True)
class Candidate:
    """An entity that matched, how well (lower rank is better) and its label."""

    rank: int
    iri: str
    label: str

    def __str__(self) -> str:
        return f"{self.label} <{self.iri}>" if self.label else f"<{self.iri}>"


def expand_curie(text: str) -> str | None:
    """``GO:0038111`` -> the GO IRI; None when the prefix is unknown (prefixes are case-insensitive)."""
    match = re.fullmatch(r"([A-Za-z][A-Za-z0-9_.-]*):([A-Za-z0-9_.-]+)", text.strip())
    if not match:
        return None
    prefix, local = match.groups()
    for known, namespace in PREFIXES.items():
        if known.lower() == prefix.lower():
            return namespace + local
    return None


class Resolver:
    """Resolves names against whatever an engine holds (packaged ontology, user data, endpoint)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def candidates(self, text: str) -> list[Candidate]:
        """Every entity the text may mean, best rank first."""
        value = text.strip()
        iri = _as_iri(value)
        if iri is not None:
            term = Term.iri(iri)
            found = self._select(_MAPPED_QUERY, {"_iri": term})
            if self._ask(_KNOWN_QUERY, {"_iri": term}) or not found:
                return [Candidate(0, iri, self._label(iri))]
            return found
        return self._select(_MATCH_QUERY, {"_text": Term.literal(value)})

    def resolve(self, text: str, *, within: str | None = None, what: str = "value") -> Term:
        """Return the single best entity for ``text`` or raise ParameterError listing candidates."""
        if not text.strip():
            raise ParameterError(f"{what}: empty value", hint="give a name, symbol, CURIE or IRI")
        found = self.candidates(text)
        if within is not None and found:
            scope = Term.iri(expand_curie(within) or within)
            found = [c for c in found if self._ask(_WITHIN_QUERY, {"_iri": Term.iri(c.iri), "_class": scope})]
        if not found:
            raise ParameterError(
                f"{what}: nothing is called {text!r}",
                hint="try `cytokine-rdf query run search-entities -p text=...` or give a CURIE or IRI",
            )
        best = min(c.rank for c in found)
        top = sorted({c.iri: c for c in found if c.rank == best}.values())
        if len(top) > 1:
            listed = "; ".join(str(c) for c in top[:10])
            raise ParameterError(f"{what}: {text!r} is ambiguous: {listed}", hint="give one of these IRIs")
        return Term.iri(top[0].iri)

    def _label(self, iri: str) -> str:
        result = self.engine.query(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?_iri rdfs:label ?l } ORDER BY ?l LIMIT 1",
            {"_iri": Term.iri(iri)},
        )
        assert isinstance(result, SelectResult)
        return result.rows[0][0].value if result.rows and result.rows[0][0] else ""

    def _select(self, query: str, bindings: dict[str, Term]) -> list[Candidate]:
        result = self.engine.query(query, bindings)
        assert isinstance(result, SelectResult)
        out = []
        for entity, rank, label in result.rows:
            if entity is not None and rank is not None:
                out.append(Candidate(int(rank.value), entity.value, label.value if label else ""))
        return sorted(out)

    def _ask(self, query: str, bindings: dict[str, Term]) -> bool:
        result = self.engine.query(query, bindings)
        return bool(getattr(result, "value", False))


def _as_iri(value: str) -> str | None:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^(https?|urn|file):", value):
        try:
            return Term.iri(value).value
        except ValueError:
            raise ParameterError(f"{value!r} is not a valid IRI", hint="check for spaces or quotes") from None
    return expand_curie(value)
