"""The Rust SHACL engine gives pySHACL's results, and the shapes it does not run go to pySHACL.

Differential tests: the same data and shapes through the engine (as the gate runs it) and through
pySHACL alone, compared on (focus, path, value, component, shape, severity); blank nodes are
compared as blank nodes (each engine names them itself).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from tools import generate_observations

from cytokine_rdf.io.graph import load, source_quads
from cytokine_rdf.validation.results import Finding
from cytokine_rdf.validation.shacl import packaged_shapes, run_shacl
from cytokine_rdf.validation.shacl_engine import path_forms, plan, validate_shapes

TESTS = Path(__file__).parent
FIXTURES = TESTS / "data" / "fastshacl"
BENCHMARKS = TESTS.parent / "benchmarks"
Key = tuple[str, str, str, str, str, str]


def _key(f: Finding) -> Key:
    e = f.exact
    assert e is not None

    def term(text: str) -> str:
        return "_:" if text.startswith("_:") else text

    path = "(complex)" if e.path.startswith(("(", "[")) else e.path
    return (term(e.focus), path, term(e.value), e.component, term(e.shape), e.severity)


@pytest.fixture(scope="module")
def ontology() -> object:
    return load()


def _compare(
    data_files: list[Path],
    shape_files: list[Path],
    onto: object | None,
    *,
    engine_only: bool = True,
) -> tuple[set[Key], set[Key]]:
    """(pySHACL's keys, the gate's keys: the Rust engine and pySHACL for what it leaves) for the
    same files, the ontology as background. ``engine_only``: no shape may go to pySHACL."""
    from cytokine_rdf.io.graph import RdfData, lexical_graph
    from cytokine_rdf.validation.shacl_engine import DataInput

    data = load(data_files, include_ontology=False)
    shapes = load(shape_files, include_ontology=False)
    background = onto if isinstance(onto, RdfData) else None
    # one file: the engine reads it as written, as `validate --no-qc --no-reason` does
    source = DataInput.file(data_files) if len(data_files) == 1 else None
    assert source is not None or len(data_files) > 1
    ours, ran = validate_shapes(source or data, shapes, background=background)
    if engine_only:
        assert ran["shacl_engine"] == "rust", ran
    theirs, _ = run_shacl(
        lexical_graph(data),
        lexical_graph(shapes),
        ont_graph=background.rdflib_graph() if background is not None else None,
    )
    return {_key(f) for f in theirs}, {_key(f) for f in ours}


def test_core_fixture_matches_pyshacl() -> None:
    # the fixture has " 5"^^xsd:integer and "abc"^^xsd:decimal: its datatype and range shapes
    # go to pySHACL (the engines differ there), the others run on the Rust engine
    expected, got = _compare(
        [FIXTURES / "core.data.ttl"], [FIXTURES / "core.shapes.ttl"], None, engine_only=False
    )
    assert len(expected) > 30  # the fixture really is faulty in many ways
    assert got == expected
    components = {k[3].rsplit("#", 1)[-1] for k in expected}
    assert {
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "InConstraintComponent",
        "PatternConstraintComponent",
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "NodeConstraintComponent",
        "HasValueConstraintComponent",
    } <= components


def test_nested_constructs_match_pyshacl() -> None:
    """Logical constraints, property pairs, closed shapes, qualified counts, languages and complex
    paths, at the top level and inside other shapes."""
    expected, got = _compare(  # sh:lessThan goes to pySHACL
        [FIXTURES / "nested.data.ttl"], [FIXTURES / "nested.shapes.ttl"], None, engine_only=False
    )
    components = {k[3].rsplit("#", 1)[-1].replace("ConstraintComponent", "") for k in expected}
    assert {
        "Closed", "UniqueLang", "LanguageIn", "Disjoint", "Equals", "LessThan", "LessThanOrEquals",
        "Node", "QualifiedMinCount", "QualifiedMaxCount", "Xone", "Not", "Or", "MinCount", "MaxCount",
    } <= components  # fmt: skip
    assert got == expected


@pytest.mark.slow  # pySHACL with the ontology, five times: the fast loop has the fixtures above
@pytest.mark.parametrize(
    ("seed", "shapes"),
    [
        (1, "packaged"),
        (2, "packaged"),
        (3, "heldout.shapes.ttl"),
        (2027, "heldout-2027/simple.shapes.ttl"),
        (2027, "heldout-2027/complex.shapes.ttl"),
    ],
)
def test_shapes_match_pyshacl_on_generated_data(
    tmp_path: Path, ontology: object, seed: int, shapes: str
) -> None:
    """The packaged data shapes and the benchmark's shapes, with the ontology as background."""
    data = tmp_path / "obs.ttl"
    generate_observations(data, 2000, seed=seed, defect_rate=0.05)
    files = packaged_shapes("data") if shapes == "packaged" else [BENCHMARKS / shapes]
    # the issue-14 held-out shapes use sh:lessThan, which goes to pySHACL
    expected, got = _compare([data], list(files), ontology, engine_only=seed != 3)
    assert expected, "the generated data has defects"
    assert got == expected


def _shape_fixtures() -> list[Path]:
    return sorted(
        f
        for f in (TESTS / "data" / "shapes").rglob("*.ttl")
        if f.name.startswith(("valid", "invalid"))
    )


@pytest.mark.slow
def test_packaged_shapes_fixtures_match_pyshacl(ontology: object) -> None:
    """Every per-shape fixture in one data graph (their nodes are all distinct), one comparison."""
    fixtures = _shape_fixtures()
    assert len(fixtures) > 20
    expected, got = _compare(fixtures, list(packaged_shapes("data")), ontology)
    assert expected
    assert got == expected


def test_shapes_the_engine_does_not_run_go_to_pyshacl() -> None:
    shapes = load([TESTS / "data" / "shapes" / "custom-component" / "shapes.ttl"])
    routing = plan(source_quads(shapes))
    assert routing.pyshacl and all("custom constraint" in why for why in routing.pyshacl.values())


def test_a_shape_the_engine_refuses_goes_to_pyshacl_alone(tmp_path: Path) -> None:
    (tmp_path / "s.ttl").write_text(
        "@prefix ex: <https://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:Bad a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ( ex:p ) ; sh:minCount 1 ] .\n"
        "ex:Good a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    routing = plan(source_quads(load([tmp_path / "s.ttl"], include_ontology=False)))
    assert [str(s) for s in routing.engine] == ["<https://example.org/Good>"]
    ((bad, why),) = routing.pyshacl.items()
    assert str(bad) == "<https://example.org/Bad>" and "refuses" in why


@pytest.mark.parametrize(
    ("sparql", "turtle", "text"),
    [
        ("<https://e.org/p>", "<https://e.org/p>", "<https://e.org/p>"),
        (
            "^<https://e.org/p>",
            f"[ <{rdflib.SH}inversePath> <https://e.org/p> ]",
            "^<https://e.org/p>",
        ),
        (
            "(<https://e.org/p>/(<https://e.org/q>)*)",
            f"( <https://e.org/p> [ <{rdflib.SH}zeroOrMorePath> <https://e.org/q> ] )",
            "<https://e.org/p>/(<https://e.org/q>)*",
        ),
        (
            "(<https://e.org/p>|^<https://e.org/q>)",
            f"[ <{rdflib.SH}alternativePath> ( <https://e.org/p> [ <{rdflib.SH}inversePath> <https://e.org/q> ] ) ]",
            "(<https://e.org/p>|^<https://e.org/q>)",
        ),
        (
            "((<https://e.org/a>/<https://e.org/b>))?",
            f"[ <{rdflib.SH}zeroOrOnePath> ( <https://e.org/a> <https://e.org/b> ) ]",
            "(<https://e.org/a>/<https://e.org/b>)?",
        ),
        (
            "(^<https://e.org/q>)+",
            f"[ <{rdflib.SH}oneOrMorePath> [ <{rdflib.SH}inversePath> <https://e.org/q> ] ]",
            "(^<https://e.org/q>)+",
        ),
    ],
)
def test_engine_paths_read_back_as_shacl_paths(sparql: str, turtle: str, text: str) -> None:
    assert path_forms(sparql) == (turtle, text)


def test_shapes_with_a_disagreement_fall_back_to_pyshacl() -> None:
    """sh:lessThan (inside sh:or here) is one of the engines' disagreements: that shape alone goes
    to pySHACL, and the gate's result is still pySHACL's."""
    shapes = load([FIXTURES / "unsupported.shapes.ttl"], include_ontology=False)
    routing = plan(source_quads(shapes))
    assert routing.compiled is None and routing.engine == []
    assert [why.split()[0] for why in routing.pyshacl.values()] == ["sh:lessThan"]


@pytest.mark.slow  # the gate with pySHACL for the disputed shapes
def test_findings_carry_messages_and_fixes() -> None:
    from cytokine_rdf.validation.gate import validate

    report = validate(
        [FIXTURES / "core.data.ttl"], shapes=[FIXTURES / "core.shapes.ttl"], qc=False, reasoner=None
    )
    assert report.extra["shacl_engine"] == "rust+pyshacl"  # " 5"^^xsd:integer: see the docs
    named = [f for f in report.findings if f.check == "https://example.org/t/NameShape"]
    assert named and all(f.message == "name must be one short string" for f in named)
    assert {f.severity for f in report.findings} == {"error", "warn", "info"}
    assert all(f.exact is not None for f in report.findings)


@pytest.mark.slow
def test_a_blank_node_shape_keeps_its_description_and_message(tmp_path: Path) -> None:
    from cytokine_rdf.validation.gate import validate

    (tmp_path / "s.ttl").write_text(
        "@prefix ex: <https://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:minCount 1 ;"
        ' sh:message "q is missing"@en ; sh:description "Add ex:q." ] .\n',
        encoding="utf-8",
    )
    (tmp_path / "d.ttl").write_text("<https://example.org/a> a <https://example.org/T> .\n")
    report = validate([tmp_path / "d.ttl"], shapes=[tmp_path / "s.ttl"], qc=False, reasoner=None)
    ((finding),) = report.findings
    assert report.extra["shacl_engine"] == "rust"
    assert (finding.message, finding.fix, finding.shape) == ("q is missing", "Add ex:q.", "")
    assert finding.exact is not None and finding.exact.shape.startswith("_:")


def test_the_background_is_read_again_when_its_file_changes(tmp_path: Path) -> None:
    """The ontology's N-Triples are kept per process for the files as they were: an edited file
    is read again (a class hierarchy that changes what sh:class accepts)."""
    import os

    from cytokine_rdf.validation.gate import validate

    prefixes = (
        "@prefix ex: <https://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    (tmp_path / "s.ttl").write_text(
        prefixes + "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:Animal .\n"
    )
    (tmp_path / "d.ttl").write_text(prefixes + "ex:a a ex:Dog .\n")
    onto = tmp_path / "o.ttl"

    def run() -> int:
        report = validate(
            [tmp_path / "d.ttl"],
            shapes=[tmp_path / "s.ttl"],
            ontology=[onto],
            qc=False,
            reasoner=None,
        )
        return len(report.findings)

    onto.write_text(prefixes + "ex:Dog rdfs:subClassOf ex:Plant .\n")
    assert run() == 1
    onto.write_text(prefixes + "ex:Dog rdfs:subClassOf ex:Animal .\n")  # the same size
    os.utime(onto, ns=(onto.stat().st_atime_ns, onto.stat().st_mtime_ns + 1_000_000))
    assert run() == 0


@pytest.mark.slow
def test_the_ontology_shapes_leave_only_sparql_to_pyshacl() -> None:
    """The packaged ontology against its own shapes: every shape without SPARQL on the engine (a
    SPARQL prefix's xsd:anyURI once sent two more to pySHACL), with pySHACL's results."""
    from cytokine_rdf.io.resources import iter_resources

    shapes = list(packaged_shapes("ontology"))
    routing = plan(source_quads(load(shapes, include_ontology=False)))
    assert routing.engine
    assert all("SPARQL" in why for why in routing.pyshacl.values()), routing.pyshacl
    files = iter_resources("ontology", ".ttl", recursive=False)
    expected, got = _compare(files, shapes, None, engine_only=False)
    assert expected and got == expected
