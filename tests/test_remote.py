"""Remote SPARQL: the same rows as local engines for every template; clear errors from faulty servers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from servers import OxigraphServer, closed_port_url, faulty_server, hang, oxigraph_server, reply

from cytokine_rdf.cli.main import main
from cytokine_rdf.errors import EndpointError, QueryError
from cytokine_rdf.io.graph import RdfData, load
from cytokine_rdf.publish.push import push
from cytokine_rdf.sparql.engine import OxigraphEngine, RdflibEngine
from cytokine_rdf.sparql.remote import RemoteEngine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.run import run_template
from cytokine_rdf.sparql.templates import load_templates
from cytokine_rdf.sparql.text import substitute
from cytokine_rdf.terms import Term

__all__ = ["oxigraph_server"]

# templates that call other endpoints (SERVICE) would leave this machine: never run in tests
TEMPLATES = {k: t for k, t in load_templates().items() if "SERVICE" not in t.text.upper()}


def _same(a: object, b: object) -> bool:
    """Equal results; CONSTRUCT results with blank nodes are compared up to blank node renaming."""
    from cytokine_rdf.sparql.results import GraphResult

    if isinstance(a, GraphResult) and isinstance(b, GraphResult):
        import rdflib
        from rdflib.compare import isomorphic

        graphs = []
        for result in (a, b):
            graph = rdflib.Graph()
            for s, p, o in result.triples:
                graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))  # type: ignore[arg-type]
            graphs.append(graph)
        return bool(isomorphic(graphs[0], graphs[1]))
    return a == b


@pytest.fixture(scope="module")
def loaded(oxigraph_server: OxigraphServer, ontology_with_model: RdfData) -> OxigraphServer:
    oxigraph_server.clear()
    push(ontology_with_model, oxigraph_server.store)
    return oxigraph_server


@pytest.fixture(scope="module")
def engines(ontology_with_model: RdfData) -> tuple[OxigraphEngine, RdflibEngine]:
    return OxigraphEngine(ontology_with_model), RdflibEngine(ontology_with_model)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_rows_equal_on_every_engine(
    name: str, loaded: OxigraphServer, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    template = TEMPLATES[name]
    local = run_template(template, template.example, engine=engines[0])
    remote = run_template(template, template.example, engine=RemoteEngine(loaded.query))
    assert _same(remote, local)
    if isinstance(local, SelectResult) and template.example:
        assert local.rows, f"{name}: its example should find something"


def test_sparql_command_on_endpoint(loaded: OxigraphServer) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a owl:Class }"
    remote = CliRunner().invoke(main, ["sparql", query, "--endpoint", loaded.query, "-f", "tsv"])
    local = CliRunner().invoke(main, ["sparql", query, "-f", "tsv"])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_construct_on_endpoint(loaded: OxigraphServer) -> None:
    query = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a owl:Class ; rdfs:label ?l } "
    engine = RemoteEngine(loaded.query)
    from cytokine_rdf.sparql.run import run_sparql

    assert run_sparql(query, engine=engine) == run_sparql(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?_x }", "SELECT * WHERE { ?s ?p <http://e/a> }"),
        (
            "# a ?_x { comment\nSELECT ?s ('?_x' AS ?b) WHERE { ?s <http://e/?_x> $_x }",
            "# a ?_x { comment\nSELECT ?s ('?_x' AS ?b) WHERE { ?s <http://e/?_x> <http://e/a> }",
        ),
        (
            "CONSTRUCT { ?s ?p ?_x } WHERE { ?s ?p ?_x }",
            "CONSTRUCT { ?s ?p <http://e/a> } WHERE { ?s ?p <http://e/a> }",
        ),
        ("CONSTRUCT WHERE { ?s ?p ?_x }", "CONSTRUCT WHERE { ?s ?p <http://e/a> }"),
        ("SELECT * { ?s ?p ?o } ORDER BY ?_x", "SELECT * { ?s ?p ?o } ORDER BY <http://e/a>"),
        # a bound parameter is BOUND: how an optional parameter's filter switches on
        (
            "SELECT ?s WHERE { ?s ?p ?o FILTER(!BOUND( ?_x ) || ?o = ?_x) }",
            "SELECT ?s WHERE { ?s ?p ?o FILTER(!true || ?o = <http://e/a>) }",
        ),
    ],
)
def test_parameters_become_constants(query: str, expected: str) -> None:
    assert substitute(query, {"_x": Term.iri("http://e/a")}) == expected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?_x WHERE { ?_x ?p ?o }",
        "SELECT ?s WHERE { BIND(1 AS ?_x) }",
        "SELECT ?s WHERE { VALUES ?_x { 1 } }",
    ],
)
def test_parameters_where_no_constant_can_stand_are_refused(query: str) -> None:
    with pytest.raises(QueryError):
        substitute(query, {"_x": Term.iri("http://e/a")})


def test_substituted_terms_are_strictly_escaped() -> None:
    text = substitute("SELECT * WHERE { ?s ?p ?_t }", {"_t": Term.literal('x" } ; DROP ALL #\n')})
    assert '"x\\" } ; DROP ALL #\\n"' in text


def test_resolver_runs_against_endpoint(loaded: OxigraphServer) -> None:
    from cytokine_rdf.sparql.resolve import Resolver

    local = Resolver(OxigraphEngine(load())).resolve("IL7R")
    assert Resolver(RemoteEngine(loaded.query)).resolve("IL7R") == local


def _run(url: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["sparql", "ASK { ?s ?p ?o }", "--endpoint", url, *extra])
    return result.exit_code, result.stderr


def test_http_500_shows_status_and_first_line() -> None:
    with faulty_server(reply(500, b"boom: the store broke\nstack trace...", "text/plain")) as url:
        code, err = _run(url)
    assert code == 2
    assert "HTTP 500" in err and "boom: the store broke" in err and "stack trace" not in err
    assert len(err.strip().splitlines()) == 1


def test_html_answer_is_not_sparql() -> None:
    with faulty_server(reply(200, b"<html><body><h1>Login</h1></body></html>", "text/html")) as url:
        code, err = _run(url)
    assert code == 2
    assert "text/html" in err and "not SPARQL" in err


def test_timeout() -> None:
    with faulty_server(hang(3)) as url:
        code, err = _run(url, "--timeout", "0.5")
    assert code == 2
    assert "did not answer within 0.5 s" in err


def test_connection_refused() -> None:
    code, err = _run(closed_port_url())
    assert code == 2
    assert "cannot reach endpoint" in err


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def respond(handler: object) -> None:
        import http.server

        assert isinstance(handler, http.server.BaseHTTPRequestHandler)
        seen.append(handler.headers.get("Authorization", ""))
        reply(200, b'{"head": {}, "boolean": true}', "application/sparql-results+json")(handler)

    monkeypatch.setenv("CYTOKINE_RDF_USER", "ann")
    monkeypatch.setenv("CYTOKINE_RDF_PASSWORD", "s3cret")
    with faulty_server(respond) as url:
        code, _ = _run(url)
    assert code == 0
    assert seen == ["Basic YW5uOnMzY3JldA=="]


def test_endpoint_with_inputs_is_refused(loaded: OxigraphServer) -> None:
    result = CliRunner().invoke(
        main, ["sparql", "ASK {}", "--endpoint", loaded.query, "-i", "x.ttl"]
    )
    assert result.exit_code == 2
    assert "push" in result.stderr


def test_endpoint_error_is_cytokine_error() -> None:
    with pytest.raises(EndpointError):
        RemoteEngine(closed_port_url()).query("ASK {}")


def _redirect_to(target: str, code: int = 302) -> object:
    def respond(handler: object) -> None:
        handler.send_response(code)  # type: ignore[attr-defined]
        handler.send_header("Location", target)  # type: ignore[attr-defined]
        handler.send_header("Content-Length", "0")  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]

    return respond


def test_credentials_never_follow_a_redirect_to_another_origin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CYTOKINE_RDF_USER", "alice")
    monkeypatch.setenv("CYTOKINE_RDF_PASSWORD", "secret")
    seen: list[str | None] = []
    body = b'{"head":{"vars":["n"]},"results":{"bindings":[]}}'

    def other_origin(handler: object) -> None:
        seen.append(handler.headers.get("Authorization"))  # type: ignore[attr-defined]
        reply(200, body, "application/sparql-results+json")(handler)  # type: ignore[arg-type]

    with faulty_server(other_origin) as target, faulty_server(_redirect_to(target)) as first:  # type: ignore[arg-type]
        RemoteEngine(first, method="get").query("SELECT ?n WHERE { ?s ?p ?n }")
    assert seen == [None]


@pytest.mark.slow
@pytest.mark.parametrize("code", [301, 302, 307])
def test_a_redirected_push_is_an_error_not_a_silent_success(code: int, tmp_path: Path) -> None:
    stored: list[bytes] = []

    def store(handler: object) -> None:
        stored.append(b"x")
        reply(204, b"", "text/plain")(handler)  # type: ignore[arg-type]

    path = tmp_path / "x.ttl"
    path.write_text("<http://e/a> <http://e/b> <http://e/c> .\n", encoding="utf-8")
    data = load([path], include_ontology=False)
    with (
        faulty_server(store) as target,  # type: ignore[arg-type]
        faulty_server(_redirect_to(target, code)) as first,  # type: ignore[arg-type]
        pytest.raises(EndpointError) as caught,
    ):
        push(data, first)
    assert "redirects a POST" in str(caught.value)
    assert stored == []


@pytest.mark.parametrize(("bound", "sent"), [(None, True), ("same", True), ("other", False)])
def test_environment_credentials_belong_to_one_origin(
    bound: str | None, sent: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str | None] = []

    def respond(handler: object) -> None:
        seen.append(handler.headers.get("Authorization"))  # type: ignore[attr-defined]
        reply(200, b'{"head": {}, "boolean": true}', "application/sparql-results+json")(handler)  # type: ignore[arg-type]

    monkeypatch.setenv("CYTOKINE_RDF_USER", "ann")
    monkeypatch.setenv("CYTOKINE_RDF_PASSWORD", "s3cret")
    with faulty_server(respond) as url:  # type: ignore[arg-type]
        if bound == "same":
            monkeypatch.setenv("CYTOKINE_RDF_AUTH_ORIGIN", url.rsplit("/", 1)[0].upper())
        elif bound == "other":
            monkeypatch.setenv("CYTOKINE_RDF_AUTH_ORIGIN", "https://sparql.example.org")
        RemoteEngine(url).query("ASK {}")
    assert (seen[0] is not None) == sent


def _dribble(handler: object) -> None:
    import time

    handler.send_response(200)  # type: ignore[attr-defined]
    handler.send_header("Content-Type", "application/sparql-results+json")  # type: ignore[attr-defined]
    handler.end_headers()  # type: ignore[attr-defined]
    try:
        for _ in range(60):  # one byte every half second: each read succeeds, the whole never ends
            handler.wfile.write(b" ")  # type: ignore[attr-defined]
            handler.wfile.flush()  # type: ignore[attr-defined]
            time.sleep(0.5)
    except OSError:
        pass


@pytest.mark.slow
def test_timeout_bounds_the_whole_answer_not_each_read() -> None:
    import time

    with faulty_server(_dribble) as url:  # type: ignore[arg-type]
        start = time.monotonic()
        with pytest.raises(EndpointError, match="within 2 s"):
            RemoteEngine(url, timeout=2).query("ASK {}")
        assert time.monotonic() - start < 6


def test_answer_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [' + b" " * 5000 + b"]}}"
    monkeypatch.setenv("CYTOKINE_RDF_MAX_ANSWER_BYTES", "1000")
    with (
        faulty_server(reply(200, body, "application/sparql-results+json")) as url,  # type: ignore[arg-type]
        pytest.raises(EndpointError, match="more than 1,000 bytes"),
    ):
        RemoteEngine(url).query("SELECT ?s WHERE { ?s ?p ?o }")


def test_a_gzip_answer_is_read_not_printed_as_bytes() -> None:
    import gzip

    body = gzip.compress(b'{"head": {}, "boolean": true}')

    def respond(handler: object) -> None:
        handler.send_response(200)  # type: ignore[attr-defined]
        handler.send_header("Content-Type", "application/sparql-results+json")  # type: ignore[attr-defined]
        handler.send_header("Content-Encoding", "gzip")  # type: ignore[attr-defined]
        handler.send_header("Content-Length", str(len(body)))  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]
        handler.wfile.write(body)  # type: ignore[attr-defined]

    with faulty_server(respond) as url:  # type: ignore[arg-type]
        assert bool(RemoteEngine(url).query("ASK {}")) is True


def _raw(answer: bytes) -> Any:
    """A handler writing ``answer`` as the whole HTTP response, status line and headers included."""

    def respond(handler: Any) -> None:
        handler.wfile.write(answer)
        handler.close_connection = True

    return respond


_JSON = b"Content-Type: application/sparql-results+json\r\n"


def _results(head: list[str], binding: dict[str, str]) -> Any:
    doc = {
        "head": {"vars": head},
        "results": {"bindings": [{k: {"type": "uri", "value": v} for k, v in binding.items()}]},
    }
    return reply(200, json.dumps(doc).encode(), "application/sparql-results+json")


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (_raw(b"HTTZ/1.1 200 OK\r\n\r\n{}"), "malformed HTTP answer (BadStatusLine"),
        (
            _raw(b"HTTP/1.1 200 OK\r\n" + _JSON + b'Content-Length: 900\r\n\r\n{"head":'),
            "cut its answer short: 8 of 900 bytes",
        ),
        (
            _raw(b"HTTP/1.1 200 OK\r\n" + _JSON + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
            "malformed HTTP answer (IncompleteRead",
        ),
        (
            _raw(b"HTTP/1.1 200 OK\r\n" + _JSON + b"Content-Encoding: gzip\r\n\r\nnot gzip"),
            "gzip-compressed, but it does not decompress",
        ),
        (_results(["x"], {"x": "http://a"}), "variables the query does not have: ?x"),
        (_results(["s"], {"z": "http://a"}), "bound z, which its answer's head does not list"),
    ],
    ids=[
        "bad-status-line",
        "short-body",
        "bad-chunk",
        "bad-gzip",
        "unknown-variable",
        "stray-binding",
    ],
)
def test_faulty_answers_are_named(respond: Any, message: str) -> None:
    """A broken server is an endpoint error that says what broke, never an "unexpected" crash."""
    with faulty_server(respond) as url:
        result = CliRunner().invoke(
            main, ["sparql", "--endpoint", url, "--timeout", "5", "SELECT ?s WHERE { ?s ?p ?o }"]
        )
    assert result.exit_code == 2
    assert message in result.stderr and "unexpected" not in result.stderr, result.stderr
