"""Every packaged SPARQL template: header, lint, example rows, golden results, engines agree, hostile input.

Golden results live in ``tests/data/templates/<name>.tsv`` (``.ttl`` for CONSTRUCT). Regenerate
them from the packaged ontology with ``CYTOKINE_RDF_UPDATE_GOLDEN=1 pytest tests/test_templates.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from cytokine_rdf.cli.main import main
from cytokine_rdf.errors import ParameterError
from cytokine_rdf.io.graph import load
from cytokine_rdf.sparql.engine import Engine, OxigraphEngine, RdflibEngine
from cytokine_rdf.sparql.lint import check_template
from cytokine_rdf.sparql.resolve import Resolver
from cytokine_rdf.sparql.results import GraphResult, Result, SelectResult
from cytokine_rdf.sparql.run import run_template
from cytokine_rdf.sparql.templates import Template, bind_parameters, load_templates, parse_template
from cytokine_rdf.sparql.writers import render

GOLDEN = Path(__file__).parent / "data" / "templates"
UPDATE = os.environ.get("CYTOKINE_RDF_UPDATE_GOLDEN") == "1"
TEMPLATES = load_templates()
LOCAL = sorted(n for n, t in TEMPLATES.items() if not t.header.get("network"))
HOSTILE = [
    'IL7R" } UNION { ?s ?p ?o } #',
    "IL7R' } ; DROP ALL ; #",
    "<http://example.org/x> } UNION { ?s ?p ?o",
    "http://example.org/x> . ?s ?p ?o . <http://example.org/y",
    "\\u003E } UNION { ?s ?p ?o } #",
    "IL7R\n} SELECT * WHERE { ?s ?p ?o",
    "{ }",
    "?_gene_iri",
    "${gene}",
    "CYTO:0000201> ; <x",
    "\u0000",
    "ünïcødé ⟨⟩ \U0001f600",
    "1; 2",
    "1e999999",
    "NaN",
    " ",
]


# rdflib binds parameters the same way for every value (initBindings) and name resolution does not
# depend on the engine, so the slow rdflib engine gets a representative subset of the values.
HOSTILE_RDFLIB = [HOSTILE[0], HOSTILE[2], HOSTILE[7], HOSTILE[10]]


def _hostile_runs(
    engines: tuple[OxigraphEngine, RdflibEngine], which: str
) -> list[tuple[str, Engine, Resolver]]:
    """Each hostile value with the engine, and one resolver for them all: what run_template
    does, with the example's other names resolved once (a second a time on rdflib)."""
    engine, values = (engines[0], HOSTILE) if which == "oxigraph" else (engines[1], HOSTILE_RDFLIB)
    resolver = Resolver(engine)
    return [(v, engine, resolver) for v in values]


def _run(template: Template, params: dict[str, str], engine: Engine, resolver: Resolver) -> Result:
    return engine.query(template.text, bind_parameters(template, params, resolver))


# the slow rdflib reference engine gets the hostile values in the full run only
ENGINE_KINDS = ["oxigraph", pytest.param("rdflib", marks=pytest.mark.slow)]


@pytest.fixture(scope="module")
def engines() -> tuple[OxigraphEngine, RdflibEngine]:
    data = load()
    return OxigraphEngine(data), RdflibEngine(data)


@pytest.fixture(scope="module")
def gocam_engine(il7_model_file: Path) -> OxigraphEngine:
    """The ontology plus GO-CAM models: its own IL-7 export and a published ZFIN model."""
    zfin = Path(__file__).parent / "data" / "gocam" / "models" / "ZFIN_ZDB-GENE-030131-514.ttl"
    return OxigraphEngine(load([il7_model_file, zfin]))


def test_at_least_fifteen_templates() -> None:
    assert len(TEMPLATES) >= 15
    assert len(LOCAL) >= 15


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_header_complete_and_lint_clean(name: str) -> None:
    template = TEMPLATES[name]
    assert template.summary
    assert template.tags
    for param in template.parameters:
        assert param.description, f"{name}: parameter {param.name} needs a description"
        if param.required:
            assert param.name in template.example
    assert check_template(template) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", LOCAL)
def test_example_returns_rows(
    name: str, engines: tuple[OxigraphEngine, RdflibEngine], gocam_engine: OxigraphEngine
) -> None:
    # GO-CAM templates read models loaded with -i: run them where there are some
    engine = gocam_engine if "gocam" in TEMPLATES[name].tags else engines[0]
    result = run_template(TEMPLATES[name], TEMPLATES[name].example, engine=engine)
    assert isinstance(result, SelectResult | GraphResult)
    assert result.rows if isinstance(result, SelectResult) else result.triples, (
        f"{name}: example found nothing"
    )


def _as_graph(result: GraphResult) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in result.triples:
        graph.add((s.to_rdflib(), p.to_rdflib(), o.to_rdflib()))
    return graph


@pytest.mark.slow
@pytest.mark.parametrize("name", LOCAL)
def test_same_rows_on_rdflib_and_oxigraph(
    name: str, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    template = TEMPLATES[name]
    ox = run_template(template, template.example, engine=engines[0])
    rl = run_template(template, template.example, engine=engines[1])
    if isinstance(ox, GraphResult):
        assert isinstance(rl, GraphResult)
        assert isomorphic(_as_graph(ox), _as_graph(rl))
    else:
        assert rl == ox


# operands of || and &&: true, false and three errors (an unbound variable, 1/0, a type error)
_LOGIC = ["true", "false", "?unbound", "(1/0 = 1)", "(STRLEN(1) = 1)"]


@pytest.mark.slow
def test_rdflib_logic_follows_the_truth_tables_and_stops_early(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    """rdflib's || and && give what Oxigraph gives for every pair of true, false and errors, and
    skip an operand once the answer is known (it used to run an EXISTS per row regardless)."""
    pairs = [(a, b) for a in _LOGIC for b in _LOGIC]
    select = (
        "SELECT * WHERE { "
        + " ".join(
            f"OPTIONAL {{ BIND({a} {op} {b} AS ?{name}{i}) }}"
            for i, (a, b) in enumerate(pairs)
            for op, name in (("||", "or"), ("&&", "and"))
        )
        + " }"
    )
    prefixes = {"xsd": "http://www.w3.org/2001/XMLSchema#"}
    answers = [engine.query(select, prefixes=prefixes) for engine in engines]
    assert answers[0] == answers[1]
    assert isinstance(answers[0], SelectResult) and len(answers[0].rows) == 1
    huge = "EXISTS { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 10^13 rows: never finishes if evaluated
    bounded = RdflibEngine(load(), timeout=10)  # a QueryError, not a hang, if it does not stop
    for decided in (f"true || {huge}", f"false && {huge}", f"?unbound || true || {huge}"):
        result = bounded.query(f"ASK {{ FILTER(!({decided}) || true) }}")
        assert getattr(result, "value", None) is True, decided


def _golden_text(result: Result) -> tuple[str, str]:
    if isinstance(result, GraphResult):
        return ".ttl", render(result, "ttl")
    return ".tsv", render(result, "tsv")


@pytest.mark.slow
@pytest.mark.parametrize("name", LOCAL)
def test_golden_results(name: str, engines: tuple[OxigraphEngine, RdflibEngine]) -> None:
    template = TEMPLATES[name]
    result = run_template(template, template.example, engine=engines[0])
    suffix, text = _golden_text(result)
    path = GOLDEN / f"{name}{suffix}"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path} was missing and has been written: check it and commit it")
    expected = path.read_text(encoding="utf-8")
    if suffix == ".ttl":
        assert isomorphic(
            rdflib.Graph().parse(data=text, format="turtle"),
            rdflib.Graph().parse(data=expected, format="turtle"),
        )
    else:
        # compare as tables: header and rows, in order
        assert [line.split("\t") for line in text.splitlines()] == [
            line.split("\t") for line in expected.splitlines()
        ]


def _cases() -> list[tuple[str, str]]:
    """One packaged template per parameter type: binding depends on the type, not the template."""
    first: dict[str, tuple[str, str]] = {}
    for n in LOCAL:
        for p in TEMPLATES[n].parameters:
            first.setdefault(p.type, (n, p.name))
    return sorted(first.values())


@pytest.mark.slow
@pytest.mark.parametrize("which", ENGINE_KINDS)
@pytest.mark.parametrize(("name", "param"), _cases())
def test_hostile_values_refused_or_match_nothing(
    name: str, param: str, which: str, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    template = TEMPLATES[name]
    text_before = template.text
    for value, engine, resolver in _hostile_runs(engines, which):
        params = {**template.example, param: value}
        try:
            result = _run(template, params, engine, resolver)
        except ParameterError:
            continue
        if isinstance(result, SelectResult) and template.parameter(param).type == "string":
            # a text search may legitimately find the text - but only as text, in every row
            for row in result.rows:
                assert any(
                    value.lower() in t.value.lower() for t in row if t and t.kind == "literal"
                ), row
            continue
        rows = result.rows if isinstance(result, SelectResult) else result.triples  # type: ignore[union-attr]
        assert not rows, f"{name}: {param}={value!r} matched something on {engine.name}"
    assert template.text == text_before


def test_string_values_are_bound_verbatim(engines: tuple[OxigraphEngine, RdflibEngine]) -> None:
    template = TEMPLATES["search-entities"]
    for value in HOSTILE:
        bound = bind_parameters(template, {"text": value}, Resolver(engines[0]))
        assert bound["_text"].value == value
        assert bound["_text"].kind == "literal"


TYPED = """#+ summary: A test template with one parameter of every type
#+ tags: [test]
#+ defaults:
#+   - kind: a
#+ example:
#+   name: interleukin-7
#+   count: 1
#+   weight: 0.5
#+   entity: IL7
#+ params:
#+   name: {description: a label}
#+   count: {description: an integer}
#+   weight: {description: a decimal}
#+   entity: {description: an entity, class: "CYTO:0000002"}
#+   kind: {description: an enum, enum: [a, b]}
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE {
  ?entity rdfs:label ?label .
  FILTER(?entity = ?_entity_iri && STR(?label) = STR(?_name) && ?_count_integer >= 1
         && ?_weight_decimal > 0.1 && STR(?__kind) IN ("a", "b"))
}
ORDER BY ?entity ?label
"""


@pytest.fixture
def typed(tmp_path: Path) -> Template:
    path = tmp_path / "typed.rq"
    path.write_text(TYPED, encoding="utf-8")
    return parse_template(path)


def test_every_parameter_type_parsed(typed: Template) -> None:
    kinds = {p.name: (p.type, p.required) for p in typed.parameters}
    assert kinds == {
        "entity": ("iri", True),
        "name": ("string", True),
        "count": ("integer", True),
        "weight": ("decimal", True),
        "kind": ("enum", False),
    }
    assert check_template(typed) == []


@pytest.mark.slow
def test_every_parameter_type_runs(
    typed: Template, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    for engine in engines:
        result = run_template(typed, typed.example, engine=engine)
        assert isinstance(result, SelectResult)
        assert [r[1].value for r in result.rows if r[1]] == ["interleukin-7"]


@pytest.mark.slow
@pytest.mark.parametrize("which", ENGINE_KINDS)
@pytest.mark.parametrize("param", ["name", "count", "weight", "entity", "kind"])
def test_every_parameter_type_refuses_hostile_input(
    typed: Template, param: str, which: str, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    for value, engine, resolver in _hostile_runs(engines, which):
        try:
            result = _run(typed, {**typed.example, param: value}, engine, resolver)
        except ParameterError:
            continue
        assert isinstance(result, SelectResult)
        assert not result.rows, f"{param}={value!r}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("count", "1.5"),
        ("count", "one"),
        ("weight", "1e999999"),
        ("weight", "NaN"),
        ("kind", "c"),
        ("entity", "IL7R"),
    ],
)
def test_bad_typed_values_are_parameter_errors(
    typed: Template, param: str, value: str, engines: tuple[OxigraphEngine, RdflibEngine]
) -> None:
    with pytest.raises(ParameterError):
        run_template(typed, {**typed.example, param: value}, engine=engines[0])


def test_unknown_and_missing_parameters(engines: tuple[OxigraphEngine, RdflibEngine]) -> None:
    with pytest.raises(ParameterError, match="no parameter"):
        run_template("gene-xrefs", {"nope": "x"}, engine=engines[0])
    with pytest.raises(ParameterError, match="needs parameter"):
        run_template("pathway-members", {}, engine=engines[0])


@pytest.mark.slow
def test_pathway_accepts_its_cytokine(engines: tuple[OxigraphEngine, RdflibEngine]) -> None:
    by_cytokine = run_template("pathway-members", {"pathway": "IL7"}, engine=engines[0])
    by_pathway = run_template(
        "pathway-members", {"pathway": "interleukin-7 signalling pathway"}, engine=engines[0]
    )
    by_reactome = run_template(
        "pathway-members", {"pathway": "reactome:R-HSA-1266695"}, engine=engines[0]
    )
    assert by_cytokine == by_pathway == by_reactome


def test_optional_parameter_omitted_lists_everything(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    every = run_template("gene-xrefs", {}, engine=engines[0])
    one = run_template("gene-xrefs", {"gene": "IL7R"}, engine=engines[0])
    assert isinstance(every, SelectResult) and isinstance(one, SelectResult)
    assert len(one.rows) == 1 < len(every.rows)
    assert one.rows[0] in every.rows


# --- CLI -------------------------------------------------------------------------------------


def test_query_list_json() -> None:
    result = CliRunner().invoke(main, ["query", "list", "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc) >= 15
    for entry in doc:
        assert entry["summary"] and "parameters" in entry and "example_args" in entry


def test_query_show() -> None:
    result = CliRunner().invoke(main, ["query", "show", "go-annotations"])
    assert result.exit_code == 0
    assert (
        "parameter aspect (enum" in result.stdout
        and "example: cytokine-rdf query run go-annotations" in result.stdout
    )
    assert "SELECT" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_run_formats(fmt: str) -> None:
    result = CliRunner().invoke(main, ["query", "run", "gene-xrefs", "-p", "gene=IL7R", "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "P16871" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["head"]["vars"][0] == "gene"


def test_query_run_construct_defaults_to_turtle() -> None:
    result = CliRunner().invoke(main, ["query", "run", "pathway-subgraph", "-p", "pathway=IL7"])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 50


@pytest.mark.slow
def test_query_run_ambiguous_is_exit_2() -> None:
    result = CliRunner().invoke(
        main, ["query", "run", "gene-xrefs", "-p", "gene=nothing-is-called-this"]
    )
    assert result.exit_code == 2
    assert "nothing is called" in result.stderr


def test_query_run_with_user_data(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix oboInOwl: <http://www.geneontology.org/formats/oboInOwl#> .\n"
        'CYTO:9999999 rdfs:label "zzz test entity" ; oboInOwl:hasExactSynonym "ZZZ1" .\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["query", "run", "search-entities", "-p", "text=zzz test", "-i", str(extra), "-f", "tsv"],
    )
    assert result.exit_code == 0, result.output
    assert "CYTO_9999999" in result.stdout


def test_user_queries_folder(tmp_path: Path) -> None:
    (tmp_path / "typed.rq").write_text(TYPED, encoding="utf-8")
    listed = CliRunner().invoke(main, ["query", "list", "--queries", str(tmp_path)])
    assert "typed" in listed.stdout
    ran = CliRunner().invoke(
        main,
        [
            "query",
            "run",
            "typed",
            "--queries",
            str(tmp_path),
            "-p",
            "name=interleukin-7",
            "-p",
            "count=2",
            "-p",
            "weight=0.2",
            "-p",
            "entity=IL7",
            "-f",
            "csv",
        ],
    )
    assert ran.exit_code == 0, ran.output
    assert "interleukin-7" in ran.stdout


def test_a_parameter_reaches_into_a_subquery_on_every_engine(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    """Parameters are constants in the text, so a subquery sees them (pre-binding would not)."""
    from cytokine_rdf.terms import Term

    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?c WHERE { { SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf ?root } LIMIT 100000 } }"
    )
    root = Term("uri", "https://w3id.org/cytokine-rdf/CYTO_0000005")  # Janus kinase
    for engine in engines:
        result = engine.query(query, {"root": root})
        assert isinstance(result, SelectResult)
        assert sorted(str(r[0].value) for r in result.rows if r[0]) == [
            "https://w3id.org/cytokine-rdf/CYTO_0000205",
            "https://w3id.org/cytokine-rdf/CYTO_0000206",
            "https://w3id.org/cytokine-rdf/CYTO_0000230",
        ], engine.name


def test_a_projected_parameter_with_a_subquery_is_refused(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    from cytokine_rdf.errors import QueryError
    from cytokine_rdf.terms import Term

    query = "SELECT ?root ?c WHERE { { SELECT ?c WHERE { ?c ?p ?root } } }"
    for engine in engines:
        with pytest.raises(QueryError, match="subquery"):
            engine.query(query, {"root": Term("uri", "https://example.org/x")})


def test_an_omitted_optional_parameter_switches_its_filter_off_on_every_engine(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    """``!BOUND(?__x) || ...``: every row when ``x`` is omitted, its rows when given."""
    from cytokine_rdf.terms import Term

    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>\n"
        "SELECT ?c WHERE { ?c rdfs:subClassOf CYTO:0000005 FILTER(!BOUND(?__x) || ?c = ?__x) }"
    )
    jak3 = Term("uri", "https://w3id.org/cytokine-rdf/CYTO_0000206")
    for engine in engines:
        every = engine.query(query)
        given = engine.query(query, {"__x": jak3})
        assert isinstance(every, SelectResult) and isinstance(given, SelectResult)
        assert len(every.rows) == 3, engine.name
        assert given.rows == ((jak3,),), engine.name


def test_bound_or_bind_of_a_blank_node_parameter_is_refused(
    engines: tuple[OxigraphEngine, RdflibEngine],
) -> None:
    from cytokine_rdf.errors import QueryError
    from cytokine_rdf.terms import Term

    for query in (
        "SELECT ?c WHERE { ?c ?p ?o FILTER(!BOUND(?__x) || ?o = ?__x) }",
        "SELECT ?c WHERE { ?c ?p ?o { BIND(?__x AS ?c) } }",
    ):
        for engine in engines:
            with pytest.raises(QueryError, match="BOUND"):
                engine.query(query, {"__x": Term("bnode", "b0")})
