"""Entity cards: everything a person needs to identify a term, from any name they type.

``lookup("IL7R")`` resolves the text with :class:`~cytokine_rdf.sparql.resolve.Resolver` (IRI, CURIE,
label, synonym, symbol, accession, cross-reference) and returns the entity's IRI, CURIE, label,
definition, synonyms, parents and every cross-reference and mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cytokine_rdf.display import printable
from cytokine_rdf.sparql.engine import Engine
from cytokine_rdf.sparql.resolve import Resolver
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.terms import Term, compact

__all__ = ["EntityCard", "lookup", "render_card"]

_CARD_QUERY = """
PREFIX IAO: <http://purl.obolibrary.org/obo/IAO_>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?field ?value ?value_label WHERE {
  {
    VALUES (?field ?property) {
      ("label" rdfs:label) ("definition" IAO:0000115) ("comment" rdfs:comment)
      ("exact synonym" oboInOwl:hasExactSynonym) ("related synonym" oboInOwl:hasRelatedSynonym)
      ("narrow synonym" oboInOwl:hasNarrowSynonym) ("broad synonym" oboInOwl:hasBroadSynonym)
      ("xref" oboInOwl:hasDbXref) ("exact match" skos:exactMatch) ("close match" skos:closeMatch)
      ("equivalent class" owl:equivalentClass) ("parent" rdfs:subClassOf) ("type" rdf:type)
      ("deprecated" owl:deprecated) ("replaced by" IAO:0100001)
    }
    ?_iri ?property ?value .
  }
  UNION
  { ?value owl:equivalentClass ?_iri . BIND("equivalent class" AS ?field) }
  FILTER(!isBlank(?value))
  OPTIONAL { ?value rdfs:label ?value_label . FILTER(isIRI(?value)) }
}
ORDER BY ?field ?value ?value_label
"""

# Claims linking the entity (as subject) to a tumour class, for the card's "tumour claim" lines.
_TUMOUR_CLAIMS_QUERY = """
PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?relation_label ?tumour_label (MIN(STR(?source)) AS ?first_source) ?claim WHERE {
  ?claim CYTO:0000101 ?_iri ; CYTO:0000102 ?relation ; CYTO:0000103 ?tumour ; dcterms:source ?source .
  FILTER NOT EXISTS { ?claim owl:deprecated true }
  ?tumour rdfs:subClassOf* CYTO:0000021 .
  OPTIONAL { ?relation rdfs:label ?relation_label }
  OPTIONAL { ?tumour rdfs:label ?tumour_label }
}
GROUP BY ?relation_label ?tumour_label ?claim
ORDER BY ?tumour_label ?relation_label ?first_source ?claim
"""

_LIST_FIELDS = {
    "exact synonym": "synonyms",
    "related synonym": "synonyms",
    "narrow synonym": "synonyms",
    "broad synonym": "synonyms",
    "xref": "xrefs",
    "exact match": "mappings",
    "close match": "mappings",
    "equivalent class": "mappings",
    "parent": "parents",
    "type": "types",
    "comment": "comments",
    "replaced by": "replaced_by",
}


@dataclass(frozen=True)
class EntityCard:
    """What is known about one entity; lists are sorted."""

    iri: str
    curie: str
    label: str = ""
    definition: str = ""
    synonyms: tuple[tuple[str, str], ...] = ()  # (scope, text)
    xrefs: tuple[str, ...] = ()
    mappings: tuple[tuple[str, str, str], ...] = ()  # (relation, IRI, label)
    parents: tuple[tuple[str, str], ...] = ()  # (IRI, label)
    types: tuple[tuple[str, str], ...] = ()
    comments: tuple[str, ...] = ()
    deprecated: bool = False
    replaced_by: tuple[tuple[str, str], ...] = ()
    tumour_claims: tuple[
        tuple[str, str, str], ...
    ] = ()  # (relation, tumour, source), one per claim

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (``lookup -f json``)."""
        return {
            "iri": self.iri,
            "curie": self.curie,
            "label": self.label,
            "definition": self.definition,
            "synonyms": [{"scope": s, "text": t} for s, t in self.synonyms],
            "xrefs": list(self.xrefs),
            "mappings": [{"relation": r, "iri": i, "label": lab} for r, i, lab in self.mappings],
            "parents": [{"iri": i, "label": lab} for i, lab in self.parents],
            "types": [{"iri": i, "label": lab} for i, lab in self.types],
            "comments": list(self.comments),
            "deprecated": self.deprecated,
            "replaced_by": [{"iri": i, "label": lab} for i, lab in self.replaced_by],
            "tumour_claims": [
                {"relation": r, "tumour": tum, "source": s} for r, tum, s in self.tumour_claims
            ],
        }


def lookup(engine: Engine, text: str) -> EntityCard:
    """Resolve ``text`` to one entity and return its card (ParameterError if none or ambiguous)."""
    term = Resolver(engine).resolve(text, what="lookup")
    result = engine.query(_CARD_QUERY, {"_iri": term})
    claims = engine.query(_TUMOUR_CLAIMS_QUERY, {"_iri": term})
    assert isinstance(result, SelectResult) and isinstance(claims, SelectResult)
    card = _card(term.value, result)
    tumour_claims = tuple(
        (
            row[0].value if row[0] else "",
            row[1].value if row[1] else "",
            row[2].value if row[2] else "",
        )
        for row in claims.rows
    )
    return replace(card, tumour_claims=tumour_claims)


def _card(iri: str, result: SelectResult) -> EntityCard:
    label = definition = ""
    deprecated = False
    lists: dict[str, list[Any]] = {name: [] for name in set(_LIST_FIELDS.values())}
    for field_term, value, value_label in result.rows:
        if field_term is None or value is None:
            continue
        name = field_term.value
        shown = value_label.value if value_label else ""
        if name == "label":
            label = label or value.value
        elif name == "definition":
            definition = definition or value.value
        elif name == "deprecated":
            deprecated = value.value.lower() in ("true", "1")
        elif name.endswith("synonym"):
            lists["synonyms"].append((name.split()[0], value.value))
        elif name == "xref":
            lists["xrefs"].append(value.value)
        elif name == "comment":
            lists["comments"].append(value.value)
        elif name in ("exact match", "close match", "equivalent class"):
            lists["mappings"].append((name, value.value, shown))
        elif name in _LIST_FIELDS and value.kind == "uri":
            lists[_LIST_FIELDS[name]].append((value.value, shown))
    return EntityCard(
        iri=iri,
        curie=compact(iri),
        label=label,
        definition=definition,
        synonyms=tuple(sorted(set(lists["synonyms"]))),
        xrefs=tuple(sorted(set(lists["xrefs"]))),
        mappings=tuple(sorted(set(lists["mappings"]))),
        parents=tuple(sorted(set(lists["parents"]))),
        types=tuple(sorted(set(lists["types"]))),
        comments=tuple(sorted(set(lists["comments"]))),
        deprecated=deprecated,
        replaced_by=tuple(sorted(set(lists["replaced_by"]))),
    )


def render_card(card: EntityCard) -> str:
    """A plain-text card, one ``field: value`` per line."""

    def named(iri: str, label: str) -> str:
        return f"{compact(iri)} ({label})" if label else compact(iri)

    lines = [f"iri: {card.iri}", f"curie: {card.curie}"]
    if card.label:
        lines.append(f"label: {card.label}")
    if card.definition:
        lines.append(f"definition: {card.definition}")
    if card.deprecated:
        lines.append("deprecated: true")
    lines += [f"replaced by: {named(i, lab)}" for i, lab in card.replaced_by]
    lines += [f"{scope} synonym: {text}" for scope, text in card.synonyms]
    lines += [f"xref: {x}" for x in card.xrefs]
    for relation, iri, label in card.mappings:
        shown = Term("uri", iri).value if compact(iri) == iri else f"{compact(iri)} <{iri}>"
        lines.append(f"{relation}: {shown}" + (f" ({label})" if label else ""))
    lines += [f"parent: {named(i, lab)}" for i, lab in card.parents]
    lines += [f"type: {named(i, lab)}" for i, lab in card.types]
    lines += [f"comment: {c}" for c in card.comments]
    lines += [f"tumour claim: {r} {tum} ({compact(s)})" for r, tum, s in card.tumour_claims]
    return "\n".join(printable(line) for line in lines) + "\n"  # no label drives the terminal
