"""Property-based tests: no parameter value changes a query's structure; exports round-trip."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import RdfData
from cytokine_rdf.io.serialize import EXPORT_FORMATS, serialize_graph
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.text import substitute
from cytokine_rdf.terms import Term

LABELS = ["interleukin-7", "IL7R", 'quote " and \\ backslash', "x } UNION { ?s ?p ?o", "é ü 🧬"]
QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE {
  ?entity rdfs:label ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?_text)))
} ORDER BY ?entity"""


def _engine() -> OxigraphEngine:
    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for i, text in enumerate(LABELS):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/e{i}"), label, ox.Literal(text)))
    return OxigraphEngine(RdfData(store))


ENGINE = _engine()
hostile = st.one_of(
    st.text(),
    st.sampled_from(LABELS),
    st.text(alphabet="{}<>\"'\\#?$.;,()\n\r\t \u0000\\u003E", max_size=30),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_bound_text_never_changes_the_query(value: str) -> None:
    """Native binding and the remote substitution path agree on every text; only exact labels match."""
    bindings = {"_text": Term.literal(value)}
    native = ENGINE.query(QUERY, bindings)
    remote_text = substitute(QUERY, bindings)
    via_values = ENGINE.query(remote_text)
    assert isinstance(native, SelectResult) and isinstance(via_values, SelectResult)
    assert native.variables == via_values.variables == ("entity", "label")
    assert native.rows == via_values.rows
    expected = sorted(
        f"http://example.org/e{i}" for i, t in enumerate(LABELS) if t.lower() == value.lower()
    )
    assert [row[0].value for row in native.rows if row[0]] == expected


iris = st.from_regex(r"http://example\.org/[a-z]{1,8}(/[A-Za-z0-9_-]{1,6})?", fullmatch=True)
literals = st.one_of(
    st.builds(lambda t: rdflib.Literal(t), st.text(max_size=40)),
    st.builds(
        lambda t, lang: rdflib.Literal(t, lang=lang),
        st.text(max_size=20),
        st.sampled_from(["en", "de", "fr-ca"]),
    ),
    st.builds(
        lambda n: rdflib.Literal(str(n), datatype=rdflib.XSD.integer),
        st.integers(-(10**12), 10**12),
    ),
    st.builds(lambda b: rdflib.Literal(b), st.booleans()),
)
triples = st.lists(
    st.tuples(
        iris.map(rdflib.URIRef),
        iris.map(rdflib.URIRef),
        st.one_of(iris.map(rdflib.URIRef), literals),
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(triples, st.booleans())
def test_every_export_format_round_trips(
    items: list[tuple[rdflib.term.Node, ...]], with_bnode: bool
) -> None:
    graph = rdflib.Graph()
    for s, p, o in items:
        graph.add((s, p, o))
    if with_bnode:
        node = rdflib.BNode()
        graph.add((items[0][0], rdflib.URIRef("http://example.org/has"), node))
        graph.add((node, rdflib.RDFS.label, rdflib.Literal("nested")))
    for fmt in EXPORT_FORMATS:
        try:
            payload = serialize_graph(graph, fmt)
        except (
            CytokineRdfError
        ) as exc:  # RDF/XML's own limits: QName predicates, XML 1.0 characters
            assert fmt == "xml", exc
            assert "cannot be written in RDF/XML" in str(exc) or "RDF/XML cannot carry" in str(exc)
            continue
        assert payload == serialize_graph(graph, fmt), f"{fmt} output is not deterministic"
        rdflib_format = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}[fmt]
        back = rdflib.Graph().parse(data=payload, format=rdflib_format)
        assert isomorphic(back, graph), fmt
