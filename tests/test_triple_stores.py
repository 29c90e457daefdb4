"""Real triple stores as people run them: every template on Virtuoso (plain /sparql and --default-graph) and Comunica's server, pushes that lose nothing, the protocol as servers speak it."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from servers import (
    ComunicaServer,
    OxigraphServer,
    VirtuosoServer,
    comunica_serving,
    faulty_server,
    oxigraph_server,
    reply,
    virtuoso_server,
)
from tools import one_worker

from cytokine_rdf.cli.main import main
from cytokine_rdf.errors import EndpointError, QueryError
from cytokine_rdf.io.graph import RdfData, load
from cytokine_rdf.publish.push import plan_chunks, push
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.remote import RemoteEngine
from cytokine_rdf.sparql.results import AskResult, GraphResult, Result, SelectResult
from cytokine_rdf.sparql.run import run_sparql, run_template
from cytokine_rdf.sparql.templates import Template, load_templates

__all__ = ["oxigraph_server", "virtuoso_server"]

GRAPH = "urn:cytokine-rdf:test"
OTHER = "urn:cytokine-rdf:other"  # another graph on the same store, as real stores have
TEMPLATES = {k: t for k, t in load_templates().items() if "SERVICE" not in t.text.upper()}

# Each set-up as people run it: Virtuoso after `push --graph G`, queried at its plain /sparql URL
# (its default graph is then every graph) and with --default-graph G; Comunica's HTTP server.
SETUPS = ("virtuoso", "virtuoso-graph", "comunica")
COMUNICA_LIMIT = (
    120.0  # Comunica's own per-query limit (-t): past it its worker restarts, refusing connections
)
# Templates a set-up cannot answer: each is a measured fault of the store, not of the template.
KNOWN: dict[tuple[str, str], str] = {
    # 14-40 s alone (docs/triple-stores.md); in the full suite, with both workers busy, past the
    # 120 s limit, after which the server restarts and refuses the next tests' connections
    ("comunica", "downstream-cascade"): "Comunica 4.5 runs it past its 120 s limit under load",
    # 1 s in 8 of 13 runs, past 120 s in 5, on the same file, loaded or not: its plan varies
    ("comunica", "upstream-regulators"): "past Comunica 4.5's 120 s limit in 5 of 13 runs",
}
# Comunica 4.5 sorts ORDER BY with several keys one key at a time with an unstable sort, so rows
# whose first keys tie come back in another order (its CLI too): its rows are compared as a bag.
UNORDERED = {"comunica"}
# Each server's tests on one pytest-xdist worker (`--dist loadgroup`): a server started on both
# workers cost its start and the push twice.
ON_VIRTUOSO = one_worker("virtuoso")
ON_COMUNICA = one_worker("comunica")


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
    virtuoso_server: VirtuosoServer,
    credentials: None,
    ontology_with_model: RdfData,
    tmp_path_factory: pytest.TempPathFactory,
) -> VirtuosoServer:
    """The tool's own push into GRAPH, and unrelated data (classes, restrictions, lists) in OTHER."""
    push(ontology_with_model, virtuoso_server.store, graph=GRAPH, replace=True)
    other = tmp_path_factory.mktemp("other") / "other.ttl"
    _bnode_heavy(40).serialize(other, format="turtle")
    push(load([other], include_ontology=False), virtuoso_server.store, graph=OTHER, replace=True)
    return virtuoso_server


@pytest.fixture(scope="session")
def comunica_server(
    ontology_with_model: RdfData, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ComunicaServer]:
    """Comunica's SPARQL server (from npm, scripts/setup --test) on the ontology and the model."""
    import pyoxigraph as ox

    data = tmp_path_factory.mktemp("comunica") / "data.nt"
    data.write_bytes(ox.serialize(ontology_with_model.store, format=ox.RdfFormat.N_QUADS) or b"")
    with comunica_serving([data], timeout=COMUNICA_LIMIT) as server:
        yield server


@pytest.fixture(scope="session")
def local_results(ontology_with_model: RdfData) -> dict[str, Result]:
    """Every template's example on the local engine, computed once for all set-ups."""
    engine = OxigraphEngine(ontology_with_model)
    return {name: run_template(t, t.example, engine=engine) for name, t in TEMPLATES.items()}


def _engine(setup: str, request: pytest.FixtureRequest) -> RemoteEngine:
    if setup == "comunica":
        server: ComunicaServer = request.getfixturevalue("comunica_server")
        return RemoteEngine(server.query, timeout=COMUNICA_LIMIT + 10)
    virtuoso: VirtuosoServer = request.getfixturevalue("virtuoso_loaded")
    if setup == "virtuoso-graph":
        return RemoteEngine(virtuoso.sparql, default_graph=GRAPH)
    return RemoteEngine(virtuoso.sparql)


def _marks(setup: str, name: str) -> list[pytest.MarkDecorator]:
    # seconds per query on Comunica, not ms
    marks = [pytest.mark.slow, ON_COMUNICA] if setup == "comunica" else [ON_VIRTUOSO]
    if (setup, name) in KNOWN:
        marks.append(pytest.mark.xfail(run=False, reason=KNOWN[setup, name]))
    return marks


def _cases() -> list[object]:
    return [
        pytest.param(setup, name, id=f"{setup}-{name}", marks=_marks(setup, name))
        for setup in SETUPS
        for name in sorted(TEMPLATES)
    ]


def _graph(result: GraphResult) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in result.triples:
        graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))  # type: ignore[arg-type]
    return graph


@ON_VIRTUOSO
def test_each_server_has_one_worker(request: pytest.FixtureRequest) -> None:
    """Under `--dist loadgroup` (the README's test command), the group reaches pytest-xdist's
    scheduler. Without it both workers start Virtuoso and Comunica, and two Comunica servers on
    two cores run each other past their time limit."""
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@virtuoso"), "pytest-xdist ignores xdist_group"


@pytest.mark.slow
@pytest.mark.parametrize(("setup", "name"), _cases())
def test_template_rows_equal_local(
    setup: str, name: str, request: pytest.FixtureRequest, local_results: dict[str, Result]
) -> None:
    template, local = TEMPLATES[name], local_results[name]
    remote = run_template(template, template.example, engine=_engine(setup, request))
    if isinstance(local, GraphResult) and isinstance(remote, GraphResult):
        assert isomorphic(_graph(local), _graph(remote))
    elif (
        setup in UNORDERED and isinstance(local, SelectResult) and isinstance(remote, SelectResult)
    ):
        assert remote.variables == local.variables
        assert Counter(remote.rows) == Counter(local.rows)
    else:
        assert remote == local
    if isinstance(local, SelectResult) and template.example:
        assert local.rows, f"{name}: its example should find something"


# Templates with a class path and an IRI parameter, with every value of the classes their
# parameter takes: Virtuoso's path fault depends on the path's depth, so one example is not enough.
EVERY_VALUE = {
    "pathway-members": ("pathway", ("CYTO:0000011", "CYTO:0000002")),
    "receptor-subunits": ("complex", ("CYTO:0000004", "CYTO:0000002")),
    "gene-in-models": ("gene", ("CYTO:0000001",)),
    "gene-xrefs": ("gene", ("CYTO:0000001",)),
    "go-annotations": ("gene", ("CYTO:0000001",)),
    "cytokine-target-cells": ("cytokine", ("CYTO:0000002",)),
    "class-hierarchy": ("class", ("CYTO:0000001", "CYTO:0000011")),
    "therapies": ("target", ("CYTO:0000001", "CYTO:0000004", "CYTO:0000011")),
}


@pytest.mark.slow
@ON_VIRTUOSO
@pytest.mark.parametrize("name", sorted(EVERY_VALUE))
def test_every_parameter_value_on_plain_virtuoso(
    name: str, virtuoso_loaded: VirtuosoServer, ontology_with_model: RdfData
) -> None:
    param, roots = EVERY_VALUE[name]
    local = OxigraphEngine(ontology_with_model)
    values = sorted(
        {
            str(row[0].value)  # type: ignore[union-attr]
            for root in roots
            for row in run_sparql(
                f"SELECT ?x WHERE {{ ?x rdfs:subClassOf+ {root} FILTER(isIRI(?x)) }}", engine=local
            ).rows  # type: ignore[union-attr]
        }
    )
    assert len(values) > 1, f"{name}: no values of {roots} to try"
    template, remote = TEMPLATES[name], RemoteEngine(virtuoso_loaded.sparql)
    for value in values:
        params = {**template.example, param: value}
        expected = run_template(template, params, engine=local)
        assert run_template(template, params, engine=remote) == expected, value


def _same_rows_as_bags(
    template: Template, params: dict[str, str], local: OxigraphEngine, remote: RemoteEngine
) -> int:
    """Assert the remote rows equal the local ones as a bag; return how many rows there are."""
    expected = run_template(template, params, engine=local)
    answered = run_template(template, params, engine=remote)
    assert isinstance(expected, SelectResult) and isinstance(answered, SelectResult)
    assert answered.variables == expected.variables
    assert Counter(answered.rows) == Counter(expected.rows), params
    return len(expected.rows)


# Templates whose optional parameters switch a filter off when omitted (`!BOUND`): omitted, and
# with two pathways, on plain Virtuoso as on the local engine. Compared as bags: Virtuoso 7 puts
# "gene expression profiling of ..." before "gene expression profiling" in the 219 rows' 19-key
# ORDER BY (its 10th key, ?assay; measured), which the row filter under test has nothing to do with.
OMITTED_OR_PATHWAY = ("gene-xrefs", "tumour-associations", "tumour-evidence-matrix")


@pytest.mark.slow
@ON_VIRTUOSO
@pytest.mark.parametrize("name", OMITTED_OR_PATHWAY)
def test_optional_parameters_omitted_or_a_pathway_on_plain_virtuoso(
    name: str, virtuoso_loaded: VirtuosoServer, ontology_with_model: RdfData
) -> None:
    template, remote = TEMPLATES[name], RemoteEngine(virtuoso_loaded.sparql)
    local = OxigraphEngine(ontology_with_model)
    pathways = [
        str(row[0].value)  # type: ignore[union-attr]
        for row in run_sparql(
            "SELECT ?x WHERE { ?x rdfs:subClassOf+ CYTO:0000011 FILTER(isIRI(?x)) }", engine=local
        ).rows  # type: ignore[union-attr]
    ]
    assert len(pathways) >= 4
    takes_pathway = any(p.name == "pathway" for p in template.parameters)
    # omitted, and the first and last pathway (each Virtuoso answer takes seconds)
    chosen = sorted(pathways)[:: len(pathways) - 1] if takes_pathway else []
    for params in [{}, *({"pathway": p} for p in chosen)]:
        assert _same_rows_as_bags(template, params, local, remote), params


# Entities whose pathway-filtered causal rows plain Virtuoso 7 got wrong (CYTO:0000205, CYTO:0000209
# and STAT5B with pathway IL7: an IL-15 step kept for an IL-7 one when the pathway was tested on the
# edge rows), and a few others: steps of the IL-7 and IL-15 pathways and an outcome.
CAUSAL_ENTITIES = (
    "CYTO:0000205",
    "CYTO:0000209",
    "STAT5B",
    "CYTO:0000402",
    "CYTO:0000713",
    "CYTO:0000605",
)


@pytest.mark.slow
@ON_VIRTUOSO
@pytest.mark.parametrize("name", ["upstream-regulators", "downstream-cascade"])
def test_causal_templates_with_and_without_a_pathway_on_plain_virtuoso(
    name: str, virtuoso_loaded: VirtuosoServer, ontology_with_model: RdfData
) -> None:
    template, remote = TEMPLATES[name], RemoteEngine(virtuoso_loaded.sparql)
    local = OxigraphEngine(ontology_with_model)
    found = 0  # entities with rows
    for entity in CAUSAL_ENTITIES:
        for params in ({"entity": entity}, {"entity": entity, "pathway": "IL7"}):
            found += bool(_same_rows_as_bags(template, params, local, remote))
    assert found >= len(CAUSAL_ENTITIES), f"{name}: too few entities with rows to compare"


@pytest.mark.slow
@ON_VIRTUOSO
def test_push_without_graph_to_virtuoso_says_to_name_one(
    virtuoso_server: VirtuosoServer, credentials: None, tmp_path: Path
) -> None:
    path = tmp_path / "one.nt"
    path.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    result = CliRunner().invoke(
        main, ["push", "--store", virtuoso_server.store, "--no-ontology", "-i", str(path)]
    )
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "has no default graph" in line and "--graph IRI" in line
    assert "not configured to have default graph" in line  # Virtuoso's own words, not its title


@pytest.mark.slow
@ON_VIRTUOSO
def test_default_graph_option_reads_that_graph_only(virtuoso_loaded: VirtuosoServer) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    sizes = {}
    for graph in (GRAPH, OTHER):
        result = CliRunner().invoke(
            main,
            [
                "sparql",
                count,
                "--endpoint",
                virtuoso_loaded.sparql,
                "--default-graph",
                graph,
                "-f",
                "tsv",
            ],
        )
        assert result.exit_code == 0, result.output
        sizes[graph] = int(result.output.splitlines()[1].split('"')[1])
    assert sizes[OTHER] == len(_bnode_heavy(40))
    both = RemoteEngine(virtuoso_loaded.sparql, default_graph=[GRAPH, OTHER]).query(count)
    assert isinstance(both, SelectResult)
    assert int(both.rows[0][0].value) == sizes[GRAPH] + sizes[OTHER]  # type: ignore[union-attr]


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


@pytest.mark.slow
@pytest.mark.parametrize("server", ["oxigraph", pytest.param("virtuoso", marks=ON_VIRTUOSO)])
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


@pytest.mark.slow
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


@pytest.mark.parametrize("method", ["get", "post", "direct"])
def test_default_graphs_travel_as_the_protocol_says(method: str) -> None:
    seen: list[tuple[str, str, bytes]] = []
    answer = reply(
        200, b'{"head":{"vars":["s"]},"results":{"bindings":[]}}', "application/sparql-results+json"
    )

    def respond(handler: Any) -> None:
        seen.append((handler.command, handler.path, handler.body))
        answer(handler)

    graphs = ["urn:a", "https://example.org/g?x=1&y"]
    with faulty_server(respond) as url:
        RemoteEngine(url, method=method, default_graph=graphs).query("SELECT ?s WHERE { ?s ?p ?o }")
    ((command, path, body),) = seen
    in_url = parse_qs(urlsplit(path).query)
    in_body = parse_qs(body.decode()) if method == "post" else {}
    where = in_body if method == "post" else in_url
    assert command == ("GET" if method == "get" else "POST")
    assert where["default-graph-uri"] == graphs
    assert ("query" in where) == (method != "direct")


def test_default_graph_must_be_an_absolute_iri_and_needs_an_endpoint() -> None:
    with pytest.raises(EndpointError, match="not an absolute IRI"):
        RemoteEngine("http://127.0.0.1:1/sparql", default_graph="my graph")
    with pytest.raises(QueryError, match="endpoint"):
        run_template("pathways", default_graph="urn:g")
    result = CliRunner().invoke(main, ["query", "run", "pathways", "--default-graph", "urn:g"])
    assert result.exit_code == 2 and "needs --endpoint" in result.output


@pytest.mark.parametrize(
    ("query", "body", "expected"),
    [  # Comunica's server leaves "vars" out when nothing matched
        (
            "SELECT ?b ?a (COUNT(?x) AS ?n) WHERE { ?a ?b ?x } GROUP BY ?a ?b",
            b'{"head": {},\n"results": { "bindings": [\n\n]}}',
            SelectResult(("b", "a", "n"), ()),
        ),
        ("ASK { ?s ?p ?o }", b'{"head": {},\n"boolean":false\n}', AskResult(False)),
    ],
)
def test_json_without_vars_and_without_rows_is_empty(
    query: str, body: bytes, expected: object
) -> None:
    with faulty_server(reply(200, body, "application/sparql-results+json")) as url:
        assert RemoteEngine(url).query(query) == expected


def test_json_rows_without_vars_are_still_refused() -> None:
    body = b'{"head": {}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://e/a"}}]}}'
    with (
        faulty_server(reply(200, body, "application/sparql-results+json")) as url,
        pytest.raises(EndpointError, match="not SPARQL JSON results"),
    ):
        RemoteEngine(url).query("SELECT ?s WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [  # what Comunica 4.5's server sends (HTTP 200) past its -t limit, and when a writer fails
        (
            b'{"head": {"vars":["s"]},\n"results": { "bindings": [\n!TIMEDOUT!',
            "application/sparql-results+json",
            "stopped the query at its own time limit",
        ),
        (b"!ERROR!", "application/sparql-results+xml", "failed while writing its answer"),
    ],
)
def test_an_answer_the_server_cut_is_named(body: bytes, content_type: str, message: str) -> None:
    with (
        faulty_server(reply(200, body, content_type)) as url,
        pytest.raises(EndpointError, match=message),
    ):
        RemoteEngine(url).query("SELECT ?s WHERE { ?s ?p ?o }")
