"""Real triple stores: the packaged templates on Virtuoso, pushes that lose nothing, the protocol as servers speak it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from servers import (
    OxigraphServer,
    VirtuosoServer,
    faulty_server,
    oxigraph_server,
    reply,
    virtuoso_server,
)

from cytokine_rdf.errors import EndpointError
from cytokine_rdf.io.graph import RdfData, load
from cytokine_rdf.publish.push import plan_chunks, push
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.remote import RemoteEngine
from cytokine_rdf.sparql.results import AskResult, GraphResult, SelectResult
from cytokine_rdf.sparql.run import run_template
from cytokine_rdf.sparql.templates import load_templates

__all__ = ["oxigraph_server", "virtuoso_server"]

GRAPH = "urn:cytokine-rdf:test"
TEMPLATES = {k: t for k, t in load_templates().items() if "SERVICE" not in t.text.upper()}
# Templates Virtuoso 7.2 answers wrongly or fails to compile (each was rewritten around the
# engine's faults, see the comments in the .rq files); a strict xfail says so when one passes.
VIRTUOSO_WRONG: dict[str, str] = {}


@pytest.fixture(scope="module")
def credentials(virtuoso_server: VirtuosoServer) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("CYTOKINE_RDF_USER", "CYTOKINE_RDF_PASSWORD")}
    os.environ["CYTOKINE_RDF_USER"] = virtuoso_server.user
    os.environ["CYTOKINE_RDF_PASSWORD"] = virtuoso_server.password
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def virtuoso_loaded(
    virtuoso_server: VirtuosoServer, credentials: None, ontology_with_model: RdfData
) -> str:
    push(ontology_with_model, virtuoso_server.store, graph=GRAPH, replace=True)
    return virtuoso_server.query(GRAPH)


def _params() -> list[object]:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason=VIRTUOSO_WRONG[name])
            if name in VIRTUOSO_WRONG
            else (),
        )
        for name in sorted(TEMPLATES)
    ]


def _graph(result: GraphResult) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in result.triples:
        graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))  # type: ignore[arg-type]
    return graph


@pytest.mark.parametrize("name", _params())
def test_template_on_virtuoso_equals_local(
    name: str, virtuoso_loaded: str, ontology_with_model: RdfData
) -> None:
    template = TEMPLATES[name]
    local = run_template(template, template.example, engine=OxigraphEngine(ontology_with_model))
    remote = run_template(template, template.example, engine=RemoteEngine(virtuoso_loaded))
    if isinstance(local, GraphResult) and isinstance(remote, GraphResult):
        assert isomorphic(_graph(local), _graph(remote))
    else:
        assert remote == local
    if isinstance(local, SelectResult) and template.example:
        assert local.rows, f"{name}: its example should find something"


def _bnode_heavy(count: int) -> rdflib.Graph:
    """``count`` classes, each with a three-triple restriction and a two-member RDF list."""
    g = rdflib.Graph()
    ex = rdflib.Namespace("https://example.org/")
    for i in range(count):
        cls, restriction = ex[f"C{i}"], rdflib.BNode()
        g.add((cls, rdflib.RDFS.subClassOf, restriction))
        g.add((restriction, rdflib.RDF.type, rdflib.OWL.Restriction))
        g.add((restriction, rdflib.OWL.onProperty, ex.p))
        g.add((restriction, rdflib.OWL.someValuesFrom, ex[f"D{i}"]))
        members = rdflib.collection.Collection(g, rdflib.BNode(), [ex[f"E{i}"], ex[f"F{i}"]])
        g.add((cls, ex.members, members.uri))
    return g


def test_chunks_never_split_a_blank_node_structure() -> None:
    g = _bnode_heavy(50)
    store = load([], include_ontology=False)
    store.store.extend(ox_quads(g))
    chunks = plan_chunks((q.triple for q in store.store), 7)
    assert sum(n for _b, n in chunks) == len(g)
    seen: dict[str, int] = {}
    for index, (body, _n) in enumerate(chunks):
        for label in set(body.decode().replace("\n", " ").split()):
            if label.startswith("_:"):
                assert seen.setdefault(label, index) == index, f"{label} split across requests"


def ox_quads(graph: rdflib.Graph) -> list[object]:
    import pyoxigraph as ox

    data = graph.serialize(format="nt").encode()
    return [
        ox.Quad(t.subject, t.predicate, t.object)
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


def _pushed_back(query_url: str) -> rdflib.Graph:
    result = RemoteEngine(query_url).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(result, GraphResult)
    return _graph(result)


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_push_loses_nothing_and_replace_is_idempotent(
    server: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    g = _bnode_heavy(60)  # 420 triples, 180 blank nodes, chunks of 10 triples
    path = tmp_path / "bnodes.ttl"
    g.serialize(path, format="turtle")
    data = load([path], include_ontology=False)
    if server == "oxigraph":
        ox_server: OxigraphServer = request.getfixturevalue("oxigraph_server")
        graph = "urn:cytokine-rdf:bnodes"  # a graph of its own: other tests share this server
        store, query = ox_server.store, f"{ox_server.query}?default-graph-uri={graph}"
    else:
        request.getfixturevalue("credentials")
        virtuoso: VirtuosoServer = request.getfixturevalue("virtuoso_server")
        store, graph = virtuoso.store, "urn:cytokine-rdf:bnodes"
        query = virtuoso.query(graph)
    for _ in range(2):  # the second run replaces: nothing is duplicated
        result = push(data, store, graph=graph, chunk_triples=10, replace=True)
        assert result.chunks > 10
        back = _pushed_back(query)
        assert len(back) == len(g)
        assert isomorphic(back, g)


def test_a_failed_chunk_says_which_landed(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    _bnode_heavy(30).serialize(path, format="turtle")
    data = load([path], include_ontology=False)
    calls = {"n": 0}

    def respond(handler: object) -> None:
        calls["n"] += 1
        status = 204 if calls["n"] == 1 else 500
        reply(status, b"" if status == 204 else b"disk full", "text/plain")(handler)  # type: ignore[arg-type]

    with faulty_server(respond) as url, pytest.raises(EndpointError) as caught:
        push(data, url, chunk_triples=20)
    assert "chunk 2 failed, 1 of" in str(caught.value)
    assert "--replace" in (caught.value.hint or "")


@pytest.mark.parametrize("method", ["get", "post", "direct", "auto"])
def test_every_request_method_on_oxigraph(
    method: str, oxigraph_server: OxigraphServer, ontology_with_model: RdfData
) -> None:
    graph = "urn:cytokine-rdf:methods"  # a graph of its own: other tests share this server
    push(ontology_with_model, oxigraph_server.store, graph=graph, replace=True)
    engine = RemoteEngine(f"{oxigraph_server.query}?default-graph-uri={graph}", method=method)
    template = TEMPLATES["gene-xrefs"]
    assert run_template(template, template.example, engine=engine) == run_template(
        template, template.example, engine=OxigraphEngine(ontology_with_model)
    )


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (
            "application/sparql-results+json",
            (
                b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"typed-literal",'
                b'"datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"7"}}]}}'
            ),
        ),
        (
            "application/sparql-results+xml",
            (
                b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                b'<head><variable name="n"/></head><results><result><binding name="n">'
                b'<literal datatype="http://www.w3.org/2001/XMLSchema#integer">7</literal>'
                b"</binding></result></results></sparql>"
            ),
        ),
        ("text/tab-separated-values", b'?n\n"7"^^<http://www.w3.org/2001/XMLSchema#integer>\n'),
    ],
)
def test_results_in_every_format_servers_send(content_type: str, body: bytes) -> None:
    with faulty_server(reply(200, body, content_type)) as url:
        result = RemoteEngine(url).query("SELECT ?n WHERE { ?s ?p ?n }")
    assert isinstance(result, SelectResult)
    (row,) = result.rows
    assert row[0] is not None and row[0].value == "7"
    assert row[0].datatype == "http://www.w3.org/2001/XMLSchema#integer"


def test_ask_as_xml() -> None:
    body = (
        b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        b"<head/><boolean>true</boolean></sparql>"
    )
    with faulty_server(reply(200, body, "application/sparql-results+xml")) as url:
        assert RemoteEngine(url).query("ASK { ?s ?p ?o }") == AskResult(True)


def test_rdfxml_graph_answer() -> None:
    body = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="http://e/a"><rdf:type rdf:resource="http://e/C"/>'
        b"</rdf:Description></rdf:RDF>"
    )
    with faulty_server(reply(200, body, "application/rdf+xml")) as url:
        result = RemoteEngine(url).query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, GraphResult) and len(result.triples) == 1
