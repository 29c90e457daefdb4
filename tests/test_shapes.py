"""SHACL shapes: meta-SHACL valid, documented, and each with a valid and an invalid fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from cytokine_rdf.io.graph import load, load_ontology_graph
from cytokine_rdf.validation.shacl import SHAPES_NS, packaged_shapes, run_shacl, shape_names

FIXTURES = Path(__file__).parent / "data" / "shapes"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DATA_TOPICS = {"observation"}


def _meta(path: Path) -> dict[str, set[str]]:
    """``# expect: A B`` and ``# covers: C`` header lines of a fixture."""
    out: dict[str, set[str]] = {"expect": set(), "covers": set()}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^# (expect|covers): (.*)$", line)
        if match:
            out[match.group(1)] |= set(match.group(2).split())
    return out


FILES = sorted(FIXTURES.glob("*/*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> dict[str, object]:
    return {
        kind: load(packaged_shapes(kind), include_ontology=False) for kind in ("ontology", "data")
    }


@pytest.fixture(scope="module")
def background() -> rdflib.Graph:
    return load_ontology_graph()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["ontology", "data"])
def test_shapes_pass_meta_shacl(kind: str) -> None:
    import pyshacl

    graph = load(packaged_shapes(kind), include_ontology=False).rdflib_graph()
    conforms, _, text = pyshacl.validate(
        rdflib.Graph(), shacl_graph=graph, meta_shacl=True, advanced=True
    )
    assert conforms, text


@pytest.mark.parametrize("kind", ["ontology", "data"])
def test_every_shape_has_message_description_severity(kind: str) -> None:
    graph = load(packaged_shapes(kind), include_ontology=False).rdflib_graph()
    names = shape_names(graph)
    assert names
    for name in names:
        shape = rdflib.URIRef(SHAPES_NS + name)
        for prop in (SH.message, SH.description, SH.severity):
            assert graph.value(shape, prop) is not None, f"{name} lacks {prop}"


def test_every_shape_has_valid_and_invalid_fixture() -> None:
    covered_valid: set[str] = set()
    covered_invalid: set[str] = set()
    for path in FILES:
        meta = _meta(path)
        target = covered_valid if path.name.startswith("valid") else covered_invalid
        target |= meta["expect"] | meta["covers"]
    for kind in ("ontology", "data"):
        for name in shape_names(load(packaged_shapes(kind), include_ontology=False).rdflib_graph()):
            assert name in covered_valid, f"no valid fixture covers {name}"
            assert name in covered_invalid, f"no invalid fixture covers {name}"


@pytest.mark.slow  # pySHACL on every fixture
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path: Path, shapes: dict[str, object], background: rdflib.Graph) -> None:
    """Valid fixtures conform; invalid ones produce exactly the expected shapes, naming a node."""
    is_data = path.parent.name in DATA_TOPICS
    graph = load([path], include_ontology=False).rdflib_graph()
    findings, _ = run_shacl(
        graph,
        shapes["data" if is_data else "ontology"].rdflib_graph(),  # type: ignore[attr-defined]
        ont_graph=background if is_data else None,
    )  # type: ignore[arg-type]
    expected = _meta(path)["expect"]
    assert {f.check for f in findings} == expected
    for finding in findings:
        assert finding.focus.startswith(("https://", "http://"))
        assert finding.message and finding.fix
