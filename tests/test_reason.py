"""Reasoners: HermiT for real (Java 17) and the Java-free structural fallback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from tools import requires_tool

from cytokine_rdf.cli import main
from cytokine_rdf.errors import ReasonerError
from cytokine_rdf.io.graph import load
from cytokine_rdf.validation import reasoning
from cytokine_rdf.validation.reasoning import hierarchy_graph, reason

REASON = Path(__file__).parent / "data" / "reason"
UNSAT = "https://w3id.org/cytokine-rdf/CYTO_0000904"
_java = requires_tool("java", "HermiT needs Java")


def needs_java(test: Callable[..., None]) -> Callable[..., None]:
    """HermiT runs for real: needs Java, and takes seconds (not in the fast loop)."""
    return pytest.mark.slow(_java(test))


def _graph(name: str) -> rdflib.Graph:
    return load([REASON / f"{name}.ttl"], include_ontology=False).rdflib_graph()


@pytest.fixture(scope="module")
def hermit() -> dict[str, object]:
    """HermiT results, computed once per module (about a second each)."""
    return {name: reason(_graph(name)) for name in ("consistent", "unsatisfiable", "inconsistent")}


@needs_java
@pytest.mark.requires_java
@pytest.mark.slow
class TestHermit:
    def test_consistent(self, hermit: dict[str, object]) -> None:
        result = hermit["consistent"]
        assert result.consistent and result.coherent  # type: ignore[attr-defined]
        assert (
            "https://w3id.org/cytokine-rdf/CYTO_0000903",
            "https://w3id.org/cytokine-rdf/CYTO_0000901",
        ) in result.subclass_pairs  # type: ignore[attr-defined]

    def test_unsatisfiable_class_named(self, hermit: dict[str, object]) -> None:
        result = hermit["unsatisfiable"]
        assert result.consistent  # type: ignore[attr-defined]
        assert result.unsatisfiable == ((UNSAT, "impossible thing"),)  # type: ignore[attr-defined]

    def test_inconsistent(self, hermit: dict[str, object]) -> None:
        assert not hermit["inconsistent"].consistent  # type: ignore[attr-defined]

    def test_packaged_ontology_is_coherent(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Coherent, and classified alike with the JVM options that save HermiT's start-up
        (the default) and with none."""
        graph = load().rdflib_graph()
        result = reason(graph)
        assert result.coherent, result.unsatisfiable
        monkeypatch.setattr(reasoning, "JAVA_OPTIONS", "")
        assert reason(graph) == result

    @pytest.mark.parametrize(
        ("ours", "users", "refused"),
        [
            ("-XX:+NoSuchOptionHere", "-Xss4m", "NoSuchOptionHere"),
            (reasoning.JAVA_OPTIONS, "-XX:+UsersOwnBadOption", "UsersOwnBadOption"),
        ],
    )
    def test_java_options_join_the_users_and_a_bad_one_is_a_clean_error(
        self, monkeypatch: pytest.MonkeyPatch, ours: str, users: str, refused: str
    ) -> None:
        """Ours reach Java, and so do the user's own JDK_JAVA_OPTIONS, given back afterwards;
        Java refusing one is a one-line error without the launcher's "Picked up" note."""
        monkeypatch.setenv("JDK_JAVA_OPTIONS", users)
        monkeypatch.setattr(reasoning, "JAVA_OPTIONS", ours)
        with pytest.raises(ReasonerError, match=refused) as info:
            reason(_graph("consistent"))
        assert "Picked up" not in str(info.value)
        assert os.environ["JDK_JAVA_OPTIONS"] == users


@pytest.mark.parametrize(
    ("name", "consistent", "unsat", "cycles"),
    [
        ("consistent", True, (), 0),
        ("unsatisfiable", True, ((UNSAT, "impossible thing"),), 0),
        ("inconsistent", False, (), 0),
        ("cycle", True, (), 1),
    ],
)
def test_structural(
    name: str, consistent: bool, unsat: tuple[tuple[str, str], ...], cycles: int
) -> None:
    result = reason(_graph(name), reasoner="structural")
    assert result.reasoner == "structural"
    assert result.consistent is consistent
    assert result.unsatisfiable == unsat
    assert len(result.cycles) == cycles
    if not consistent:
        assert "CYTO_0001901" in result.explanation


def test_structural_on_packaged_ontology() -> None:
    result = reason(load().rdflib_graph(), reasoner="structural")
    assert result.coherent and not result.cycles


def test_hierarchy_graph() -> None:
    result = reason(_graph("consistent"), reasoner="structural")
    graph = hierarchy_graph(result)
    assert (
        rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000903"),
        rdflib.RDFS.subClassOf,
        rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000901"),
    ) in graph


def test_unknown_reasoner() -> None:
    with pytest.raises(ReasonerError, match="unknown reasoner"):
        reason(_graph("consistent"), reasoner="elk")


def test_java_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert shutil.which("java") is None
    with pytest.raises(ReasonerError, match="Java was not found") as info:
        reason(_graph("consistent"))
    assert "--reasoner structural" in str(info.value)


def test_java_missing_cli_exit_2_and_fallback(tmp_path: Path) -> None:
    """In a subprocess whose PATH has no java: HermiT exits 2 with a message; structural works."""
    env = {**os.environ, "PATH": str(tmp_path)}
    base = [
        sys.executable,
        "-m",
        "cytokine_rdf",
        "reason",
        "--ontology",
        str(REASON / "consistent.ttl"),
    ]
    done = subprocess.run(base, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "Java was not found" in done.stderr and "--reasoner structural" in done.stderr
    done = subprocess.run(
        [*base, "--reasoner", "structural"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "coherent" in done.stderr


@pytest.mark.parametrize(
    ("name", "code", "text"),
    [
        ("consistent", 0, "coherent"),
        ("unsatisfiable", 1, "impossible thing <" + UNSAT),
        ("inconsistent", 1, "inconsistent"),
    ],
)
def test_reason_cli_structural(name: str, code: int, text: str, tmp_path: Path) -> None:
    out = tmp_path / "hierarchy.ttl"
    result = CliRunner().invoke(
        main,
        [
            "reason",
            "--reasoner",
            "structural",
            "--ontology",
            str(REASON / f"{name}.ttl"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == code, result.stderr
    assert text in result.stderr
    if code == 0:
        assert len(rdflib.Graph().parse(out)) == 1


@needs_java
@pytest.mark.requires_java
@pytest.mark.slow
def test_reason_cli_hermit_unsatisfiable() -> None:
    result = CliRunner().invoke(main, ["reason", "--ontology", str(REASON / "unsatisfiable.ttl")])
    assert result.exit_code == 1
    assert f"unsatisfiable: impossible thing <{UNSAT}>" in result.stderr


@pytest.mark.slow
def test_equivalent_classes_have_one_representative_whatever_the_order(tmp_path: Path) -> None:
    """Told A <= B and B <= A in either order: the same output, B equivalent to A (the smaller IRI)."""
    from click.testing import CliRunner

    from cytokine_rdf.cli import main

    head = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix ex: <http://example.org/> .\n"
        "<http://example.org/o> a owl:Ontology .\n"
        "ex:A a owl:Class . ex:B a owl:Class . ex:C a owl:Class . ex:D a owl:Class .\n"
        "ex:C rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:D .\n"
    )
    outputs = []
    for order in (
        "ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .",
        "ex:B rdfs:subClassOf ex:A . ex:A rdfs:subClassOf ex:B .",
    ):
        path = tmp_path / "eq.ttl"
        path.write_text(head + order + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["reason", "--ontology", str(path)])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert "<http://example.org/B> owl:equivalentClass <http://example.org/A>" in outputs[0]
    assert "<http://example.org/C> rdfs:subClassOf <http://example.org/A>" in outputs[0]
    assert "<http://example.org/A> rdfs:subClassOf <http://example.org/D>" in outputs[0]
