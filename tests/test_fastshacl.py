"""The fast SHACL path gives pySHACL's results exactly, and falls back when it cannot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import rdflib

from cytokine_rdf.io.graph import load
from cytokine_rdf.terms import Term
from cytokine_rdf.validation.fastshacl import covered, shape_results, validate_fast
from cytokine_rdf.validation.shacl import packaged_shapes, run_shacl

FIXTURES = Path(__file__).parent / "data" / "fastshacl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
Key = tuple[str, str, str, str, str, str]


def _n(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    assert isinstance(term, rdflib.term.Identifier)
    return Term.from_rdflib(term).n3()  # one spelling of each term on both sides


def _keys(
    data_files: list[Path], shape_files: list[Path], *, ontology: bool
) -> tuple[set[Key], set[Key] | None]:
    """pySHACL's keys and the fast path's keys on the very same stores (same blank node ids).

    pySHACL gets the data graph with the ontology as ``ont_graph`` (as :func:`validate` calls it);
    the fast path gets one store holding both. Only top-level results count (``sh:detail`` results
    nested under an ``sh:node`` result are explanations, not results of the report).
    """
    import pyoxigraph as ox

    from cytokine_rdf.io.graph import RdfData

    shapes = load(shape_files, include_ontology=False)
    data = load(data_files, include_ontology=False)
    union = RdfData(ox.Store())
    union.store.extend(data.store)
    background = None
    if ontology:
        onto = load()
        union.store.extend(onto.store)
        background = onto.rdflib_graph()
    _, report = run_shacl(data.rdflib_graph(), shapes.rdflib_graph(), ont_graph=background)
    expected = set()
    for r in report.objects(None, SH.result):
        path = report.value(r, SH.resultPath)
        expected.add(
            (
                _n(report.value(r, SH.focusNode)),
                "(complex)" if isinstance(path, rdflib.BNode) else _n(path),
                _n(report.value(r, SH.value)),
                str(report.value(r, SH.sourceConstraintComponent)),
                _n(report.value(r, SH.sourceShape)),
                str(report.value(r, SH.resultSeverity)),
            )
        )
    results, left = shape_results(union, shapes)
    if left:
        return expected, None

    def term(t: object) -> str:
        if t is None:
            return ""
        assert isinstance(t, Term)
        return "_:" + t.value if t.kind == "bnode" else t.n3()

    got = {
        (
            term(r.focus),
            "(complex)" if r.path is not None and r.path.kind == "bnode" else term(r.path),
            term(r.value),
            r.component,
            term(r.shape),
            r.severity,
        )
        for r in results
    }
    return expected, got


def test_core_fixture_matches_pyshacl() -> None:
    files = [FIXTURES / "core.data.ttl"]
    shapes = [FIXTURES / "core.shapes.ttl"]
    expected, got = _keys(files, shapes, ontology=False)
    assert got is not None
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


def _generator() -> object:
    path = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not packaged_shapes("data"), reason="no packaged data shapes yet")
@pytest.mark.parametrize("seed", [1, 2])
def test_data_shapes_match_pyshacl_on_generated_data(tmp_path: Path, seed: int) -> None:
    generate = _generator().generate  # type: ignore[attr-defined]
    data = tmp_path / "obs.ttl"
    generate(3000, data, seed=seed, defect_rate=0.05)
    shapes = packaged_shapes("data")
    expected, got = _keys([data], shapes, ontology=True)
    assert got is not None, "the packaged data shapes must take the fast path"
    assert expected, "the generated data has defects"
    assert got == expected


@pytest.mark.skipif(not packaged_shapes("data"), reason="no packaged data shapes yet")
@pytest.mark.parametrize("name", ["valid", "invalid"])
@pytest.mark.slow
def test_data_shapes_fixtures_match_pyshacl(name: str) -> None:
    fixtures = sorted((Path(__file__).parent / "data").rglob(f"{name}*.ttl"))
    fixtures = [f for f in fixtures if "fastshacl" not in f.parts and "shapes" in str(f).lower()]
    if not fixtures:
        pytest.skip("no per-shape fixtures yet")
    shapes = packaged_shapes("data")
    for fixture in fixtures:
        expected, got = _keys([fixture], shapes, ontology=True)
        assert got == expected, fixture.name


def test_unsupported_shapes_fall_back() -> None:
    shapes = load([FIXTURES / "unsupported.shapes.ttl"], include_ontology=False)
    data = load([FIXTURES / "core.data.ttl"], include_ontology=False)
    assert not covered(shapes)
    findings, left = validate_fast(data, shapes)
    assert left and findings == []  # every targeted shape there is left to pySHACL


def test_findings_carry_messages_and_fixes() -> None:
    shapes = load([FIXTURES / "core.shapes.ttl"], include_ontology=False)
    data = load([FIXTURES / "core.data.ttl"], include_ontology=False)
    findings, left = validate_fast(data, shapes)
    # ex:kind values the store rewrites ("3.0"-style literals): the shape with sh:in on them is
    # left to pySHACL, which reads the file's own text
    assert {shape.value: why.split()[0] for shape, why in left.items()} == {
        "https://example.org/t/ThingShape": "sh:in"
    }
    from cytokine_rdf.validation.gate import validate

    both = validate(
        [FIXTURES / "core.data.ttl"], shapes=[FIXTURES / "core.shapes.ttl"], qc=False, reasoner=None
    )  # the fast path and pySHACL (for ThingShape) together
    assert both.extra["shacl_engine"] == "oxigraph+pyshacl"
    named = [f for f in both.findings if f.check == "https://example.org/t/NameShape"]
    assert named and all(f.message == "name must be one short string" for f in named)
    assert {f.severity for f in both.findings} == {"error", "warn", "info"}
    assert all(f.exact is not None for f in [*findings, *both.findings])


def test_nested_constructs_match_pyshacl() -> None:
    """Logical constraints, property pairs, closed shapes, qualified counts, languages and complex
    paths, at the top level and inside other shapes, with pySHACL's results exactly."""
    expected, got = _keys(
        [FIXTURES / "nested.data.ttl"], [FIXTURES / "nested.shapes.ttl"], ontology=False
    )
    assert got is not None, "every shape there is for the fast path"
    components = {k[3].rsplit("#", 1)[-1].replace("ConstraintComponent", "") for k in expected}
    assert {
        "Closed", "UniqueLang", "LanguageIn", "Disjoint", "Equals", "LessThan", "LessThanOrEquals",
        "Node", "QualifiedMinCount", "QualifiedMaxCount", "Xone", "Not", "Or", "MinCount", "MaxCount",
    } <= components  # fmt: skip
    assert got == expected
