"""The loader: every format, format detection, offline imports, and one-line errors."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from cytokine_rdf.errors import InputError
from cytokine_rdf.io.graph import detect_format, load

MINIMAL = Path(__file__).parent / "data" / "minimal.ttl"

FORMATS = [
    ("ttl", "turtle"),
    ("nt", "nt"),
    ("rdf", "xml"),
    ("owl", "xml"),
    ("jsonld", "json-ld"),
    ("trig", "trig"),
    ("nq", "nquads"),
]


@pytest.fixture(scope="module")
def minimal() -> rdflib.Graph:
    return rdflib.Graph().parse(MINIMAL)


@pytest.mark.parametrize(("suffix", "rdflib_format"), FORMATS)
def test_every_format_loads_to_the_same_graph(
    tmp_path: Path, minimal: rdflib.Graph, suffix: str, rdflib_format: str
) -> None:
    path = tmp_path / f"minimal.{suffix}"
    if rdflib_format in ("trig", "nquads"):
        dataset = rdflib.Dataset()
        named = dataset.graph(rdflib.URIRef("https://example.org/g"))
        for triple in minimal:
            named.add(triple)
        path.write_text(dataset.serialize(format=rdflib_format), encoding="utf-8")
    else:
        path.write_text(minimal.serialize(format=rdflib_format), encoding="utf-8")
    loaded = load([path], include_ontology=False).rdflib_graph()
    assert isomorphic(loaded, minimal)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?><rdf:RDF/>', "rdf/xml"),
        (b'{"@id": "http://e/a"}', "json-ld"),
        (b"@prefix ex: <http://e/> .\nex:a ex:b ex:c .", "turtle"),
        (
            b"<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> <http://e/d> .\n",
            "n-triples",
        ),
        (
            b"<http://e/a> <http://e/b> <http://e/c> <http://e/g> .\n<http://e/a> <http://e/b> <http://e/c> <http://e/g> .\n",
            "n-quads",
        ),
    ],
)
def test_content_sniffing_without_extension(head: bytes, expected: str) -> None:
    assert detect_format(Path("data"), head) == expected


def test_wrong_extension_is_read_by_content_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "really-turtle.jsonld"
    path.write_bytes(MINIMAL.read_bytes())
    with caplog.at_level(logging.WARNING, logger="cytokine_rdf"):
        data = load([path], include_ontology=False)
    assert len(data) > 10
    assert "content is turtle" in caplog.text


def test_turtle_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load([path], include_ontology=False)
    assert caught.value.line == 3
    assert caught.value.column is not None
    assert str(caught.value).startswith(f"{path}:3:")


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02binary", "binary")],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "x.ttl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        load([path], include_ontology=False)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load([tmp_path / "nope.ttl"], include_ontology=False)
    with pytest.raises(InputError, match="is a directory"):
        load([tmp_path], include_ontology=False)


def test_xml_external_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.rdf"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="http://e/a"><rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>',
        encoding="utf-8",
    )
    try:
        data = load([path], include_ontology=False)
    except InputError:
        return  # refused outright: fine
    assert all("TOP-SECRET" not in str(q.object) for q in data.store)


def test_owl_imports_are_never_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "imports.ttl"
    path.write_text(
        "<https://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        "  <http://www.w3.org/2002/07/owl#imports> <http://purl.obolibrary.org/obo/go.owl> .\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="cytokine_rdf"):
        data = load([path], include_ontology=False)
    assert len(data) == 2
    assert "never fetches imports" in caplog.text


def test_packaged_ontology_loads_and_converts(ontology_graph: rdflib.Graph) -> None:
    data = load()
    assert len(data) == len(ontology_graph) > 0
