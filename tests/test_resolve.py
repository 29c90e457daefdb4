"""Name resolution (symbol, synonym, CURIE, accession, xref, mappings, ambiguity) and entity cards."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import DATA

from cytokine_rdf.cli.main import main
from cytokine_rdf.errors import ParameterError
from cytokine_rdf.io.graph import load
from cytokine_rdf.sparql.engine import OxigraphEngine, RdflibEngine
from cytokine_rdf.sparql.lookup import lookup, render_card
from cytokine_rdf.sparql.resolve import Resolver, expand_curie
from cytokine_rdf.sparql.results import SelectResult

CYTO = "https://w3id.org/cytokine-rdf/CYTO_"
IL7R = CYTO + "0000201"


# the rdflib reference engine (seconds per lookup on the whole ontology) in the full run only
ENGINES = ["oxigraph", pytest.param("rdflib", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=ENGINES)
def resolver(request: pytest.FixtureRequest) -> Resolver:
    data = load()
    return Resolver(OxigraphEngine(data) if request.param == "oxigraph" else RdflibEngine(data))


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def minimal(request: pytest.FixtureRequest) -> Resolver:
    data = load([DATA / "minimal.ttl"], include_ontology=False)
    return Resolver(OxigraphEngine(data) if request.param == "oxigraph" else RdflibEngine(data))


@pytest.mark.parametrize(
    "text",
    [
        "IL7R",  # HGNC symbol (exact synonym)
        "il7r",  # case-insensitive
        "CD127",  # synonym
        "IL-7R-alpha",
        "IL 7R alpha",  # punctuation and spaces ignored as a last resort
        "interleukin-7 receptor subunit alpha",  # label
        "P16871",  # UniProt accession
        "UniProtKB:P16871",  # xref CURIE
        "HGNC:6024",
        "NCBIGene:3575",
        "uniprot:P16871",  # CURIE of the mapped IRI
        "http://purl.uniprot.org/uniprot/P16871",
        "<http://purl.uniprot.org/uniprot/P16871>",
        "CYTO:0000201",
        "cyto:0000201",
        IL7R,
        "  IL7R  ",
    ],
)
def test_resolves_to_il7r(resolver: Resolver, text: str) -> None:
    assert resolver.resolve(text).value == IL7R


def test_mappings_lead_to_local_entities(resolver: Resolver) -> None:
    assert resolver.resolve("reactome:R-HSA-1266695").value == CYTO + "0000350"
    assert resolver.resolve("MONDO:0005070").value == CYTO + "0000021"


def test_external_term_stands_for_itself(resolver: Resolver) -> None:
    assert resolver.resolve("GO:0038111").value == "http://purl.obolibrary.org/obo/GO_0038111"


def test_the_name_table_matches_as_the_endpoint_queries_do() -> None:
    """Local engines match names in a table read once; endpoints by one query per way. Both give
    the same candidates and ranks, for a sample of every kind of name the ontology holds, spelt
    as written, in other case, without punctuation, and for texts at the edges of the rule."""
    resolver = Resolver(OxigraphEngine(load([DATA / "minimal.ttl"])))
    names = resolver.engine.query(
        "PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT (STR(?v) AS ?name) WHERE { ?e rdfs:label|oboInOwl:hasExactSynonym"
        "|oboInOwl:hasDbXref|oboInOwl:hasRelatedSynonym ?v } ORDER BY ?name"
    )
    assert isinstance(names, SelectResult)
    sample = [row[0].value for row in names.rows[::15] if row[0]]
    texts = [
        *sample,
        *(t.upper() for t in sample[::3]),
        *(re.sub(r"[^A-Za-z0-9]", "", t) for t in sample[1::3]),
        *("IL 7", "il-7", "IL7R", "Il7r", "cd 127", "HGNC:6024", "6024", "P16871", "3575"),
        *("", "-", "!!!", "ß", "İL7R", "interleukin\u00a07", "shared name", "deprecated"),
    ]
    assert len(sample) > 100
    for text in texts:
        assert resolver._match(text) == resolver._match_by_queries(text), text


@pytest.mark.slow
def test_unknown_name(resolver: Resolver) -> None:
    with pytest.raises(ParameterError, match="nothing is called"):
        resolver.resolve("no such cytokine")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty(resolver: Resolver, text: str) -> None:
    with pytest.raises(ParameterError, match="empty"):
        resolver.resolve(text)


@pytest.mark.parametrize("text", ["http://x> } UNION { ?s ?p ?o", "<http://x y>", "<not closed"])
def test_invalid_iri(resolver: Resolver, text: str) -> None:
    with pytest.raises(ParameterError, match="not a valid IRI"):
        resolver.resolve(text)


def test_within_class(resolver: Resolver) -> None:
    assert resolver.resolve("IL7", within="CYTO:0000002").value == CYTO + "0000200"
    with pytest.raises(ParameterError, match="is not a cytokine"):
        resolver.resolve("IL7R", within="CYTO:0000002")


def test_ambiguous_lists_candidates(minimal: Resolver) -> None:
    with pytest.raises(ParameterError, match="ambiguous") as info:
        minimal.resolve("shared name")
    assert "CYTO_9000003" in str(info.value) and "CYTO_9000004" in str(info.value)


@pytest.mark.slow
def test_label_beats_synonym(minimal: Resolver) -> None:
    assert minimal.resolve("test interleukin-7").value == CYTO + "9000003"
    assert minimal.resolve("TIL7").value == CYTO + "9000003"


def test_expand_curie() -> None:
    assert expand_curie("GO:0038111") == "http://purl.obolibrary.org/obo/GO_0038111"
    assert expand_curie("HGNC:6024") is None
    assert expand_curie("not a curie") is None


# --- entity cards ----------------------------------------------------------------------------


def test_lookup_card() -> None:
    card = lookup(OxigraphEngine(load()), "IL7R")
    assert card.iri == IL7R
    assert card.label == "interleukin-7 receptor subunit alpha"
    assert (
        "UniProtKB:P16871" in card.xrefs
        and "HGNC:6024" in card.xrefs
        and "NCBIGene:3575" in card.xrefs
    )
    assert ("exact match", "http://purl.uniprot.org/uniprot/P16871", "") in card.mappings
    assert ("exact", "CD127") in card.synonyms
    assert card.definition
    text = render_card(card)
    assert "P16871" in text and "definition:" in text


def test_lookup_cli_text_and_json() -> None:
    result = CliRunner().invoke(main, ["lookup", "IL7R"])
    assert result.exit_code == 0, result.output
    assert "P16871" in result.stdout
    doc = json.loads(CliRunner().invoke(main, ["lookup", "P16871", "-f", "json"]).stdout)
    assert doc["iri"] == IL7R and doc["curie"] == "CYTO:0000201"


def test_lookup_cli_unknown_is_exit_2() -> None:
    result = CliRunner().invoke(main, ["lookup", "no such thing"])
    assert result.exit_code == 2
    assert "nothing is called" in result.stderr
