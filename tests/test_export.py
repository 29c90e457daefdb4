"""Deterministic export: byte-identical across runs and hash seeds, isomorphic in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from tools import requires_tool

from cytokine_rdf.cli import main
from cytokine_rdf.io.serialize import EXPORT_FORMATS, jsonld_context, serialize_graph
from cytokine_rdf.publish.export import export_graph

DATA = Path(__file__).parent / "data"
PATHWAYS = DATA / "diagram" / "pathways.ttl"
SAMPLE = DATA / "export" / "data.ttl"
ROOT = Path(__file__).parent.parent
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}
OX_FORMAT = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _graph(*paths: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_round_trip_is_isomorphic(fmt: str) -> None:
    """Every format reads back (rdflib and pyoxigraph) as the same graph."""
    source = _graph(PATHWAYS, SAMPLE)
    data = serialize_graph(source, fmt)
    back = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert isomorphic(source, back)
    assert len(list(ox.parse(input=data, format=OX_FORMAT[fmt]))) == len(source)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_byte_identical_across_hash_seeds(fmt: str) -> None:
    """Two processes with different PYTHONHASHSEED write the same bytes."""
    code = (
        "import sys; from cytokine_rdf.publish.export import export_graph, serialize_graph; "
        f"sys.stdout.buffer.write(serialize_graph(export_graph([{str(SAMPLE)!r}, {str(PATHWAYS)!r}], part='data'), {fmt!r}))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, env=env, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.slow
def test_cli_turtle_exports_are_identical(tmp_path: Path) -> None:
    """`export -f ttl` twice gives byte-identical files."""
    runner = CliRunner()
    for name in ("a.ttl", "b.ttl"):
        result = runner.invoke(main, ["export", "-f", "ttl", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


@pytest.mark.slow
@requires_tool("rapper", "raptor2-utils parses independently")
@pytest.mark.parametrize(("fmt", "parser"), [("nt", "ntriples"), ("xml", "rdfxml")])
def test_independent_parser_counts_the_same_triples(tmp_path: Path, fmt: str, parser: str) -> None:
    """rapper (Raptor) reads N-Triples and RDF/XML with the triple count of the Turtle export."""
    graph = export_graph()
    turtle = rdflib.Graph().parse(data=serialize_graph(graph, "ttl"), format="turtle")
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(serialize_graph(graph, fmt))
    done = subprocess.run(
        ["rapper", "-i", parser, "-c", str(path)], capture_output=True, text=True, check=True
    )
    assert f"returned {len(turtle)} triples" in done.stderr


@pytest.mark.slow
def test_jsonld_is_isomorphic_to_turtle_on_the_ontology() -> None:
    """The packaged ontology as JSON-LD is isomorphic to its Turtle export."""
    graph = export_graph()
    turtle = rdflib.Graph().parse(data=serialize_graph(graph, "ttl"), format="turtle")
    jsonld = rdflib.Graph().parse(data=serialize_graph(graph, "jsonld"), format="json-ld")
    assert isomorphic(turtle, jsonld)


def test_shipped_context_matches_the_code() -> None:
    """docs/context.jsonld is exactly the context the exporter writes."""
    shipped = json.loads((ROOT / "docs" / "context.jsonld").read_text(encoding="utf-8"))
    assert shipped == {"@context": jsonld_context()}
    document = json.loads(serialize_graph(_graph(SAMPLE), "jsonld"))
    assert document["@context"] == jsonld_context()


def test_parts() -> None:
    """--part data holds only the -i files, ontology only the packaged ontology, all both."""
    data = export_graph([SAMPLE], part="data")
    onto = export_graph([SAMPLE], part="ontology")
    both = export_graph([SAMPLE], part="all")
    assert len(data) == len(_graph(SAMPLE))
    assert (rdflib.URIRef("https://example.org/sample/1"), None, None) not in onto
    assert len(both) == len(data) + len(onto)


def test_part_data_needs_inputs() -> None:
    """--part data without -i is a one-line error, exit 2."""
    result = CliRunner().invoke(main, ["export", "--part", "data"])
    assert result.exit_code == 2
    assert "-i" in result.stderr


@pytest.mark.slow
@pytest.mark.requires_java
@requires_tool("java", "HermiT needs Java")
def test_inferred_adds_subclass_triples() -> None:
    """--inferred adds rdfs:subClassOf triples from the reasoner."""
    asserted = export_graph([PATHWAYS], part="data")
    inferred = export_graph([PATHWAYS], part="data", inferred=True)
    assert len(inferred) >= len(asserted)
    named = {t for t in asserted if not any(isinstance(x, rdflib.BNode) for x in t)}
    assert named <= set(inferred)
    sub = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000201")
    assert (
        sub,
        rdflib.RDFS.subClassOf,
        rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000002"),
    ) in inferred
