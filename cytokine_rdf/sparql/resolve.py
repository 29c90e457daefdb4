"""Resolve what people type (IRI, CURIE, label, synonym, symbol, accession) to one entity IRI."""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cytokine_rdf.errors import ParameterError
from cytokine_rdf.sparql.engine import Engine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.terms import Term, compact
from cytokine_rdf.vocab import PREFIXES, uniprot_spellings

__all__ = ["Candidate", "Resolver", "expand_curie"]

# Each way of matching, with its rank (lower wins): label, exact synonym, cross-reference or
# accession, other synonyms; +10 when only equal ignoring case, spaces and punctuation ("IL-7" =
# "il7"), +100 for a deprecated entity. An endpoint gets one query per way, as Virtuoso's SPARQL
# compiler fails on their UNION (SP031 "equiv replaces filter"). A local engine reads every name
# once (_NAME_TABLE_QUERY) and compares in Python by the same rule (_Names): the query's REPLACE on
# each of some 7,000 names took rdflib a second per name looked up.
_MATCH_BRANCHES = (
    (1, "?entity rdfs:label ?value ."),
    (2, "?entity oboInOwl:hasExactSynonym ?value ."),
    (3, "?entity oboInOwl:hasDbXref ?value ."),
    (
        3,
        (
            "?entity skos:exactMatch ?match . FILTER(isIRI(?match))"
            ' BIND(REPLACE(STR(?match), "^.*[/#]", "") AS ?value)'
        ),
    ),
    (
        4,
        (
            '?entity oboInOwl:hasDbXref ?xref . FILTER(CONTAINS(STR(?xref), ":"))'
            ' BIND(STRAFTER(STR(?xref), ":") AS ?value)'
        ),
    ),
    (
        4,
        "?entity oboInOwl:hasRelatedSynonym|oboInOwl:hasNarrowSynonym|oboInOwl:hasBroadSynonym ?value .",
    ),
)
_MATCH_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT DISTINCT ?entity ?rank ?label WHERE {
  BRANCH
  FILTER(isIRI(?entity))
  BIND(LCASE(STR(?value)) AS ?lower)
  FILTER(?lower = LCASE(STR(?_text))
         || REPLACE(?lower, "[^a-z0-9]", "") = REPLACE(LCASE(STR(?_text)), "[^a-z0-9]", ""))
  OPTIONAL { ?entity owl:deprecated ?deprecated }
  BIND(?base + IF(?lower = LCASE(STR(?_text)), 0, 10)
       + IF(COALESCE(STR(?deprecated) = "true", false), 100, 0) AS ?rank)
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_NAME_TABLE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT DISTINCT ?entity ?base ?value ?deprecated ?label WHERE {
  BRANCH
  FILTER(isIRI(?entity))
  OPTIONAL { ?entity owl:deprecated ?deprecated }
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_MAPPED_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?rank ?label WHERE {
  { ?entity skos:exactMatch ?_iri BIND(1 AS ?rank) }
  UNION { ?entity owl:equivalentClass ?_iri BIND(1 AS ?rank) }
  UNION { ?_iri owl:equivalentClass ?entity BIND(1 AS ?rank) }
  UNION { ?entity skos:closeMatch ?_iri BIND(2 AS ?rank) }
  FILTER(isIRI(?entity) && ?entity != ?_iri && STRSTARTS(STR(?entity), "https://w3id.org/cytokine-rdf/"))
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
# A paper is found by any identifier the source register gives it (ontology/sources.ttl:
# dcterms:identifier "PMID:n" / "DOI:10..." / "PMCID:PMCn"), so a PMID, a DOI or a PMCID of the
# same paper all resolve to the one IRI its claims cite.
_PUBLICATION_QUERY = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?rank ?label WHERE {
  ?entity dcterms:identifier ?id .
  FILTER(isIRI(?entity) && LCASE(STR(?id)) = LCASE(STR(?_id)))
  BIND(0 AS ?rank)
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_PUBLICATION_FORMS = (
    (
        re.compile(
            r"(?:pmid:\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed|pubmed\.gov)/)?(\d{1,9})/?",
            re.IGNORECASE,
        ),
        "PMID:",
    ),
    (
        re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.IGNORECASE),
        "DOI:",
    ),
    (
        re.compile(
            r"(?:pmcid:\s*|https?://(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov/articles|ncbi\.nlm\.nih\.gov/pmc/articles)/)?(pmc\d+)/?",
            re.IGNORECASE,
        ),
        "PMCID:",
    ),
)
# Names to suggest from when nothing matches: labels and synonyms of classes and properties (not
# claims or other individuals, whose labels repeat the names of what they are about).
_NAMES_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT DISTINCT ?entity ?name ?label WHERE {
  { ?entity rdfs:label ?name } UNION { ?entity oboInOwl:hasExactSynonym ?name }
  UNION { ?entity oboInOwl:hasRelatedSynonym|oboInOwl:hasNarrowSynonym|oboInOwl:hasBroadSynonym ?name }
  ?entity a ?kind .
  FILTER(isIRI(?entity) && ?kind IN (owl:Class, owl:ObjectProperty))
  FILTER NOT EXISTS { ?entity owl:deprecated true }
  FILTER_TEXT
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_WITHIN_QUERIES = tuple(  # two ASKs, not a UNION: Virtuoso fails on the UNION of two paths
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
    f"ASK {{ ?_iri {path}(rdfs:subClassOf|owl:equivalentClass)* ?_class }}"
    for path in ("", "rdf:type/")
)


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
        self._found: dict[str, list[Candidate]] = {}  # one template run asks for a name twice

    def candidates(self, text: str) -> list[Candidate]:
        """Every entity the text may mean, best rank first (one candidate per entity).

        A name, symbol, synonym, accession or cross-reference CURIE (``HGNC:6024``) is looked up
        in labels, synonyms and ``oboInOwl:hasDbXref``. A full IRI, or a CURIE of a known prefix
        that no entity lists as a cross-reference, stands for itself - unless one of our own
        entities is mapped to it (``skos:exactMatch`` a UniProt IRI, ``owl:equivalentClass`` a
        MONDO class, ``skos:closeMatch`` a Reactome pathway): then the local entity is meant.
        """
        if text not in self._found:
            self._found[text] = self._candidates(text)
        return list(self._found[text])

    def _candidates(self, text: str) -> list[Candidate]:
        value = text.strip()
        if found := self._publication(value.removeprefix("<").removesuffix(">")):
            return found
        if value.startswith("<") or re.match(r"^(https?|urn|file):", value):
            iri = _as_iri(value)
            if iri is None:
                raise ParameterError(
                    f"{value!r} is not a valid IRI", hint="write <https://...> or a CURIE"
                )
        else:
            named = self._match(value)
            iri = expand_curie(value)
            if named or iri is None:
                return named
        for spelling in uniprot_spellings(iri):  # GO-CAM's identifiers.org form means ours too
            if mapped := self._select(_MAPPED_QUERY, {"_iri": Term.iri(spelling)}):
                return mapped
        return [Candidate(0, iri, self._label(iri))]

    def resolve(
        self,
        text: str,
        *,
        within: str | Sequence[str] | None = None,
        what: str = "value",
        hint: Callable[[], str | None] | None = None,
    ) -> Term:
        """Return the single best entity for ``text`` or raise ParameterError listing candidates.

        ``within`` (an IRI or CURIE, or several) keeps only entities that are one of those classes,
        a subclass of one or an instance of one; ``hint()`` is added to the error when nothing fits
        (asked for only then: it may cost queries of its own).
        """
        if not text.strip():
            raise ParameterError(f"{what}: empty value", hint="give a name, symbol, CURIE or IRI")
        found = self.candidates(text)
        if not found:
            close = self.suggestions(text, limit=20)
            if within is not None:  # only what the parameter takes (a STAT for stat=)
                takes = [within] if isinstance(within, str) else list(within)
                close = [c for c in close if self.within(c.iri, takes)]
            listed = "; ".join(f"{c.label} ({compact(c.iri)})" for c in close[:5])
            raise ParameterError(
                f"{what}: nothing is called {text!r}"
                + (f"; did you mean: {listed}" if close else ""),
                hint="give one of these, a CURIE or an IRI"
                if close
                else "try `cytokine-rdf query run search-entities -p text=...` or give a CURIE or IRI",
            )
        if within is not None:
            scopes = [within] if isinstance(within, str) else list(within)
            kept = [c for c in found if self.within(c.iri, scopes)]
            if not kept:
                kinds = " or ".join(
                    self._label(expand_curie(s) or s) or compact(expand_curie(s) or s)
                    for s in scopes
                )
                listed = "; ".join(str(c) for c in found[:10])
                raise ParameterError(
                    f"{what}: {text!r} is not a {kinds}: it matched {listed}",
                    hint=hint() if hint else None,
                )
            found = kept
        best = found[0].rank
        top = [c for c in found if c.rank == best]
        if len(top) > 1:
            listed = "; ".join(str(c) for c in top[:10])
            raise ParameterError(
                f"{what}: {text!r} is ambiguous: {listed}", hint="give one of these IRIs or CURIEs"
            )
        return Term.iri(top[0].iri)

    def within(self, iri: str, classes: Sequence[str]) -> bool:
        """Whether the entity is one of ``classes`` (IRIs or CURIEs), a subclass or an instance of one."""
        term = Term.iri(iri)
        return any(
            self._ask(q, {"_iri": term, "_class": Term.iri(expand_curie(c) or c)})
            for c in classes
            for q in _WITHIN_QUERIES
        )

    def _publication(self, value: str) -> list[Candidate]:
        """The register's publication for a PMID, DOI or PMCID in any usual spelling, if any."""
        for pattern, prefix in _PUBLICATION_FORMS:
            if match := pattern.fullmatch(value):
                return self._select(
                    _PUBLICATION_QUERY, {"_id": Term.literal(prefix + match.group(1))}
                )
        return []

    def suggestions(self, text: str, limit: int = 5) -> list[Candidate]:
        """Entities whose name contains ``text``, is contained in it, or is spelled like it (for a
        "did you mean"), best first; ``rank`` orders them (lower is closer)."""
        wanted = _plain(text)
        if not wanted:
            return []
        # an endpoint is asked only for names that contain the text; locally every name is scored
        condition = (
            f"FILTER(CONTAINS(LCASE(STR(?name)), {Term.literal(text.strip().lower()).n3()}))"
            if self.engine.name == "remote"
            else ""
        )
        result = self.engine.query(_NAMES_QUERY.replace("FILTER_TEXT", condition))
        assert isinstance(result, SelectResult)
        scored: dict[str, Candidate] = {}
        for entity, name, label in result.rows:
            if entity is None or name is None:
                continue
            have = _plain(name.value)
            if wanted in have:
                rank = len(have) - len(wanted)
            elif have in wanted and len(have) >= 4:
                rank = 100 + len(wanted) - len(have)
            else:
                ratio = difflib.SequenceMatcher(None, wanted, have).ratio()
                if ratio < 0.8:
                    continue
                rank = 200 + int((1 - ratio) * 100)
            candidate = Candidate(rank, entity.value, label.value if label else name.value)
            if entity.value not in scored or candidate < scored[entity.value]:
                scored[entity.value] = candidate
        return sorted(scored.values())[:limit]

    def _label(self, iri: str) -> str:
        result = self.engine.query(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?_iri rdfs:label ?l } ORDER BY ?l LIMIT 1",
            {"_iri": Term.iri(iri)},
        )
        assert isinstance(result, SelectResult)
        return result.rows[0][0].value if result.rows and result.rows[0][0] else ""

    def _match(self, text: str) -> list[Candidate]:
        if self.engine.name == "remote":
            return self._match_by_queries(text)
        if self.engine not in _NAME_TABLES:
            result = self.engine.query(_NAME_TABLE_QUERY.replace("BRANCH", _UNION))
            assert isinstance(result, SelectResult)
            _NAME_TABLES[self.engine] = _Names(result.rows)
        return _best_each(_NAME_TABLES[self.engine].match(text))

    def _match_by_queries(self, text: str) -> list[Candidate]:
        """The same match as the name table's, by one query per way of matching."""
        rows: list[tuple[Term | None, ...]] = []
        for branch in _BRANCHES:
            query = _MATCH_QUERY.replace("BRANCH", branch)
            result = self.engine.query(query, {"_text": Term.literal(text)})
            assert isinstance(result, SelectResult)
            rows += result.rows
        return self._best(rows)

    def _select(self, query: str, bindings: dict[str, Term]) -> list[Candidate]:
        result = self.engine.query(query, bindings)
        assert isinstance(result, SelectResult)
        return self._best(result.rows)

    @staticmethod
    def _best(rows: Sequence[tuple[Term | None, ...]]) -> list[Candidate]:
        return _best_each(
            Candidate(int(rank.value), entity.value, label.value if label else "")
            for entity, rank, label in rows
            if entity is not None and rank is not None
        )

    def _ask(self, query: str, bindings: dict[str, Term]) -> bool:
        result = self.engine.query(query, bindings)
        return bool(getattr(result, "value", False))


def _best_each(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per entity, its best; best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        if candidate.iri not in best or candidate < best[candidate.iri]:
            best[candidate.iri] = candidate
    return sorted(best.values())


_BRANCHES = [f"{{ {branch} BIND({base} AS ?base) }}" for base, branch in _MATCH_BRANCHES]
_UNION = " UNION ".join(_BRANCHES)


class _Names:
    """Every name a local engine holds, indexed by its letters and digits: the rule of
    _MATCH_QUERY (equal ignoring case: the way's rank; equal in letters and digits only: +10; a
    deprecated entity: +100) without a pass over every name per lookup."""

    def __init__(self, rows: Sequence[tuple[Term | None, ...]]) -> None:
        self.by_letters: dict[str, list[tuple[str, int, str, bool, str]]] = {}
        for entity, base, value, deprecated, label in rows:
            if entity is None or base is None or value is None:
                continue
            lower = value.value.lower()
            old = deprecated is not None and deprecated.value == "true"
            entry = (lower, int(base.value), entity.value, old, label.value if label else "")
            self.by_letters.setdefault(_letters(lower), []).append(entry)

    def match(self, text: str) -> list[Candidate]:
        """What _MATCH_QUERY finds for ``text``, one candidate per row."""
        lower = text.lower()
        return [
            Candidate(base + (lower != name) * 10 + old * 100, iri, label)
            for name, base, iri, old, label in self.by_letters.get(_letters(lower), [])
        ]


def _letters(lower: str) -> str:
    return re.sub("[^a-z0-9]", "", lower)


# One name table per local engine: an engine reads its data as loaded, as RdfData.rdflib_graph does
_NAME_TABLES: weakref.WeakKeyDictionary[Engine, _Names] = weakref.WeakKeyDictionary()


def _plain(text: str) -> str:
    """Lower case, punctuation as single spaces: "Interleukin-7  receptor" -> "interleukin 7 receptor"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _as_iri(value: str) -> str | None:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^(https?|urn|file):", value):
        try:
            return Term.iri(value).value
        except ValueError:
            raise ParameterError(
                f"{value!r} is not a valid IRI", hint="check for spaces or quotes"
            ) from None
    return expand_curie(value)
