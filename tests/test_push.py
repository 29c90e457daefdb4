"""Graph Store Protocol push to a real Oxigraph server, and a store that rejects it."""

from __future__ import annotations

from pathlib import Path

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
