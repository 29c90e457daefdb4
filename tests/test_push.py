"""Graph Store Protocol push to a real Oxigraph server, and a store that rejects it."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import OxigraphServer, closed_port_url, faulty_server, oxigraph_server, reply

from cytokine_rdf.cli.main import main
from cytokine_rdf.io.graph import load
from cytokine_rdf.publish.push import graph_store_url, push
from cytokine_rdf.sparql.remote import RemoteEngine
from cytokine_rdf.sparql.results import SelectResult

__all__ = ["oxigraph_server"]

DATA = Path(__file__).parent / "data" / "fastshacl" / "core.data.ttl"


def _count(server: OxigraphServer, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = RemoteEngine(server.query).query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    assert isinstance(result, SelectResult)
    value = result.rows[0][0]
    assert value is not None
    return int(value.value)


def test_push_in_chunks(oxigraph_server: OxigraphServer) -> None:
    oxigraph_server.clear()
    data = load([DATA])
    result = push(data, oxigraph_server.store, chunk_triples=500)
    assert result.triples == len(data.store)
    assert result.chunks == -(-len(data.store) // 500)
    assert _count(oxigraph_server) == len(data.store)


def test_push_command_to_named_graph(oxigraph_server: OxigraphServer) -> None:
    oxigraph_server.clear()
    graph = "https://example.org/graphs/test"
    result = CliRunner().invoke(
        main,
        [
            "push",
            "--store",
            oxigraph_server.store,
            "--graph",
            graph,
            "-i",
            str(DATA),
            "--no-ontology",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "triples/s" in result.stderr
    assert _count(oxigraph_server, graph) == len(load([DATA], include_ontology=False).store)
    assert _count(oxigraph_server) == 0


def test_graph_store_url() -> None:
    assert graph_store_url("http://h/store") == "http://h/store?default"
    assert (
        graph_store_url("http://h/store", "https://e.org/g#1")
        == "http://h/store?graph=https%3A%2F%2Fe.org%2Fg%231"
    )
    assert graph_store_url("http://h/rdf?x=1", None) == "http://h/rdf?x=1&default"


def test_store_rejecting_push() -> None:
    with faulty_server(reply(403, b"Forbidden: read-only repository", "text/plain")) as url:
        result = CliRunner().invoke(main, ["push", "--store", url])
    assert result.exit_code == 2
    assert "HTTP 403" in result.stderr and "read-only repository" in result.stderr


def test_push_to_closed_port() -> None:
    result = CliRunner().invoke(main, ["push", "--store", closed_port_url("/store")])
    assert result.exit_code == 2
    assert "cannot reach graph store" in result.stderr


def test_push_with_basic_authentication(monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that wants HTTP basic credentials gets them, and stores every chunk."""
    expected = "Basic " + base64.b64encode(b"ann:s3cret").decode()
    methods: list[str] = []

    def store(handler: object) -> None:
        if handler.headers.get("Authorization") != expected:  # type: ignore[attr-defined]
            handler.send_response(401)  # type: ignore[attr-defined]
            handler.send_header("WWW-Authenticate", 'Basic realm="store"')  # type: ignore[attr-defined]
            handler.send_header("Content-Length", "0")  # type: ignore[attr-defined]
            handler.end_headers()  # type: ignore[attr-defined]
            return
        methods.append(handler.command)  # type: ignore[attr-defined]
        reply(204, b"", "text/plain")(handler)  # type: ignore[arg-type]

    monkeypatch.setenv("CYTOKINE_RDF_USER", "ann")
    monkeypatch.setenv("CYTOKINE_RDF_PASSWORD", "s3cret")
    data = load([DATA], include_ontology=False)
    with faulty_server(store) as url:  # type: ignore[arg-type]
        result = push(data, url, chunk_triples=20, replace=True)
    assert methods[0] == "PUT" and set(methods[1:]) <= {"POST"}
    assert len(methods) == result.chunks
