"""SERVICE on local engines: refused unless its host was allowed, wherever the query comes from."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import faulty_server, reply

from cytokine_rdf.cli import main

EMPTY = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'


class _Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        self.calls += 1
        reply(200, EMPTY, "application/sparql-results+json")(handler)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_service_is_refused_unless_its_host_is_allowed(engine: str) -> None:
    counter = _Counter()
    with faulty_server(counter) as url:
        query = f"SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        refused = CliRunner().invoke(main, ["sparql", query, "--engine", engine])
        assert refused.exit_code == 2
        assert "SERVICE" in refused.stderr and "--allow-service" in refused.stderr
        assert counter.calls == 0  # nothing was sent
        other = CliRunner().invoke(
            main, ["sparql", query, "--engine", engine, "--allow-service", "example.org"]
        )
        assert other.exit_code == 2 and counter.calls == 0
        allowed = CliRunner().invoke(
            main, ["sparql", query, "--engine", engine, "--allow-service", "127.0.0.1"]
        )
        assert allowed.exit_code == 0, allowed.output
        assert counter.calls >= 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
        "PREFIX u: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE u:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { OPTIONAL { SERVICE SILENT ?where { ?s ?p ?o } } }",
    ],
)
def test_a_service_on_a_variable_or_prefixed_name_is_refused(query: str) -> None:
    result = CliRunner().invoke(main, ["sparql", query, "--allow-service", "127.0.0.1"])
    assert result.exit_code == 2 and "SERVICE" in result.stderr


def test_the_federated_template_needs_the_host_allowed() -> None:
    result = CliRunner().invoke(main, ["query", "run", "uniprot-federated", "-p", "gene=IL7R"])
    assert result.exit_code == 2
    assert "sparql.uniprot.org" in result.stderr and "--allow-service" in result.stderr


@pytest.mark.slow
def test_a_qc_profile_query_with_service_is_refused(tmp_path: Path) -> None:
    counter = _Counter()
    with faulty_server(counter) as url:
        check = tmp_path / "leak.rq"
        check.write_text(
            "#+ level: ERROR\n#+ summary: 'x'\n#+ fix: 'y'\n"
            f"SELECT ?entity ?property ?value WHERE {{ SERVICE <{url}> {{ ?entity ?property ?value }} }}\n",
            encoding="utf-8",
        )
        profile = tmp_path / "profile.txt"
        profile.write_text("ERROR\tfile:leak.rq\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", "--profile", str(profile), "--no-reason"])
    assert result.exit_code == 2, result.output
    assert counter.calls == 0 and "SERVICE" in result.stderr


@pytest.mark.slow
def test_a_sparql_constraint_with_service_is_refused(tmp_path: Path) -> None:
    counter = _Counter()
    with faulty_server(counter) as url:
        shapes = tmp_path / "s.ttl"
        shapes.write_text(
            "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/> .\n"
            'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select """'
            f'SELECT $this WHERE {{ SERVICE <{url}> {{ $this ?p ?o }} }}""" ] .\n',
            encoding="utf-8",
        )
        data = tmp_path / "d.ttl"
        data.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
        result = CliRunner().invoke(
            main, ["validate", "-i", str(data), "--shapes", str(shapes), "--no-reason"]
        )
    assert result.exit_code == 2, result.output
    assert counter.calls == 0 and "SERVICE" in result.stderr and "Traceback" not in result.output
