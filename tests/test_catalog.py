"""``query catalog``: the templates as sparql-examples RDF, deterministic and complete."""

from __future__ import annotations

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql import prepareQuery

from cytokine_rdf.cli.main import main
from cytokine_rdf.sparql.catalog import EXAMPLES_BASE, catalog_triples, serialize_catalog
from cytokine_rdf.sparql.templates import load_templates

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = rdflib.Namespace("https://schema.org/")
SPEX = rdflib.Namespace("https://purl.expasy.org/sparql-examples/ontology#")


def _graph() -> rdflib.Graph:
    return rdflib.Graph().parse(data=serialize_catalog(load_templates().values()), format="turtle")


@pytest.mark.slow
def test_every_template_is_an_executable() -> None:
    graph = _graph()
    templates = load_templates()
    for name, template in templates.items():
        node = rdflib.URIRef(EXAMPLES_BASE + name)
        assert (node, RDF.type, SH.SPARQLExecutable) in graph
        text_property = SH.select if template.form == "SELECT" else SH.construct
        texts = list(graph.objects(node, text_property))
        assert len(texts) == 1 and not str(texts[0]).startswith("#+")
        prepareQuery(str(texts[0]))
        assert list(graph.objects(node, RDFS.comment))
        assert {str(k) for k in graph.objects(node, SCHEMA.keywords)} == set(template.tags)
        assert list(graph.objects(node, SCHEMA.target))
        assert (node, SH.prefixes, None) in graph


def test_construct_and_federated_metadata() -> None:
    graph = _graph()
    assert (
        rdflib.URIRef(EXAMPLES_BASE + "pathway-subgraph"),
        RDF.type,
        SH.SPARQLConstructExecutable,
    ) in graph
    federated = rdflib.URIRef(EXAMPLES_BASE + "uniprot-federated")
    assert (
        federated,
        SPEX.federatesWith,
        rdflib.URIRef("https://sparql.uniprot.org/sparql"),
    ) in graph


def test_prefix_declarations() -> None:
    graph = _graph()
    prefixes = {str(p) for p in graph.objects(None, SH.prefix)}
    assert {"CYTO", "obo", "owl", "rdfs"} <= prefixes


def test_deterministic() -> None:
    templates = list(load_templates().values())
    assert serialize_catalog(templates) == serialize_catalog(list(reversed(templates)))
    assert catalog_triples(templates) == sorted(catalog_triples(templates))


def test_cli_catalog(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "examples.ttl"
    result = CliRunner().invoke(
        main,
        ["query", "catalog", "-f", "ttl", "-o", str(out), "--target", "https://example.org/sparql"],
    )
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out, format="turtle")
    assert (None, SCHEMA.target, rdflib.URIRef("https://example.org/sparql")) in graph
    bad = CliRunner().invoke(main, ["query", "catalog", "--target", "not an iri"])
    assert bad.exit_code == 2
