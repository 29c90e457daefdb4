"""The SHACL gate never says "conforms" for constraints it did not evaluate."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tools import generate_observations

from cytokine_rdf.cli import main
from cytokine_rdf.validation.results import Finding, Report

CUSTOM = Path(__file__).parent / "data" / "shapes" / "custom-component"


@pytest.mark.slow
def test_a_custom_constraint_component_is_evaluated_not_ignored() -> None:
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(CUSTOM / "data.ttl"),
            "--shapes",
            str(CUSTOM / "shapes.ttl"),
            "--no-qc",
            "--no-reason",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output  # ex:a has two labels
    assert "https://example.org/a" in result.stdout
    assert "https://example.org/b" not in result.stdout


def _run(tmp_path: Path, data: str, shapes: str, *options: str) -> Result:
    (tmp_path / "d.ttl").write_text(PREFIXES + data, encoding="utf-8")
    (tmp_path / "s.ttl").write_text(PREFIXES + shapes, encoding="utf-8")
    return CliRunner().invoke(
        main,
        [
            "validate",
            "-i",
            str(tmp_path / "d.ttl"),
            "--shapes",
            str(tmp_path / "s.ttl"),
            "--no-reason",
            *options,
        ],
    )


def _validate(tmp_path: Path, data: str, shapes: str) -> dict[str, object]:
    import json

    result = _run(tmp_path, data, shapes, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


PREFIXES = (
    "@prefix ex: <https://example.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


@pytest.mark.slow
def test_only_the_shape_outside_the_rust_engine_goes_to_pyshacl(tmp_path: Path) -> None:
    doc = _validate(
        tmp_path,
        "ex:a a ex:T ; ex:name 'x' .\n",
        "ex:Fast a sh:NodeShape ; sh:targetClass ex:T ;"
        " sh:or ( [ sh:path ex:code ; sh:minCount 1 ] [ sh:path ex:name ; sh:maxLength 0 ] ) ;"
        " sh:property [ sh:path ex:code ; sh:minCount 1 ] .\n"
        "ex:Slow a sh:NodeShape ; sh:targetClass ex:T ;"
        " sh:node [ sh:sparql [ sh:select 'SELECT $this WHERE { $this ?p \"x\" }' ] ] .\n",
    )
    run = doc["run"]
    assert isinstance(run, dict)
    assert run["shacl_engine"] == "rust+pyshacl"
    assert run["pyshacl_shapes"] == {
        "<https://example.org/Slow>": "SHACL-SPARQL constraint (sh:sparql)"  # reached via sh:node
    }
    found = {(f["shape"], f["component"].rsplit("#")[-1]) for f in doc["findings"]}  # type: ignore[attr-defined,index]
    assert found == {
        ("", "MinCountConstraintComponent"),  # its source shape is the blank property shape
        ("https://example.org/Fast", "OrConstraintComponent"),
        ("https://example.org/Slow", "NodeConstraintComponent"),
    }


def test_text_constraints_see_literals_as_written(tmp_path: Path) -> None:
    """The store keeps "01" as "1" and "2.50" as "2.5": pattern and length must not see that."""
    doc = _validate(
        tmp_path,
        'ex:a a ex:T ; ex:code "01"^^xsd:integer ; ex:score "2.50"^^xsd:decimal .\n',
        "ex:S a sh:NodeShape ; sh:targetClass ex:T ;"
        ' sh:property [ sh:path ex:code ; sh:pattern "^0" ] ;'
        " sh:property [ sh:path ex:score ; sh:maxLength 3 ] ;"
        " sh:property [ sh:path ex:score ; sh:maxExclusive 2 ] .\n",
    )
    values = sorted((f["component"].rsplit("#")[-1], f["value"]) for f in doc["findings"])  # type: ignore[attr-defined,index]
    # "01" matches ^0 (no result); "2.50" is 4 characters long and more than 2, as written
    assert values == [
        ("MaxExclusiveConstraintComponent", "2.50"),
        ("MaxLengthConstraintComponent", "2.50"),
    ]


def test_turtle_report_is_a_shacl_report_that_pyshacl_agrees_with(tmp_path: Path) -> None:
    import pyshacl
    import rdflib

    data = 'ex:a a ex:T ; ex:p ex:b .\nex:b ex:q "x" .\n'
    shapes = (
        "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ( ex:p ex:q ) ;"
        " sh:minLength 2 ; sh:severity ex:Custom ] ; sh:property [ sh:path [ sh:inversePath ex:p ] ;"
        " sh:minCount 1 ; sh:severity sh:Warning ] .\n"
    )
    result = _run(tmp_path, data, shapes, "-f", "turtle", "--fail-on", "none")
    assert result.exit_code == 0, result.output  # --fail-on none: exit 0, yet the report says
    ours = rdflib.Graph().parse(data=result.stdout, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (report,) = ours.subjects(rdflib.RDF.type, sh.ValidationReport)
    assert ours.value(report, sh.conforms) == rdflib.Literal(False)  # any result: not conforming
    _c, theirs, _t = pyshacl.validate(
        rdflib.Graph().parse(tmp_path / "d.ttl"),
        shacl_graph=rdflib.Graph().parse(tmp_path / "s.ttl"),
    )

    def keys(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
        from cytokine_rdf.validation.shacl import path_forms

        return {
            (
                str(graph.value(r, sh.focusNode)),
                path_forms(graph, graph.value(r, sh.resultPath))[1],
                str(graph.value(r, sh.resultSeverity)),
            )
            for r in graph.objects(None, sh.result)
        }

    assert (
        keys(ours)
        == keys(theirs)
        == {
            (
                "https://example.org/a",
                "<https://example.org/p>/<https://example.org/q>",
                "https://example.org/Custom",
            ),
            ("https://example.org/a", "^<https://example.org/p>", str(sh.Warning)),
        }
    )


# --- the data read without a store (issue 27) ------------------------------------------------------
BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def _both_paths(
    monkeypatch: pytest.MonkeyPatch, data: list[Path], shapes: list[Path]
) -> tuple[Report, Report]:
    """The gate as `validate --no-qc --no-reason` runs it (the engine reads the file, one pass for
    the rest) and the same with the data loaded into a store first (the path QC and the
    reasoner take)."""
    from cytokine_rdf.validation.gate import validate
    from cytokine_rdf.validation.shacl_engine import DataInput

    fast = validate(data, shapes=shapes, qc=False, reasoner=None)
    with monkeypatch.context() as patch:
        patch.setattr(DataInput, "file", classmethod(lambda cls, inputs: None))
        loaded = validate(data, shapes=shapes, qc=False, reasoner=None)
    return fast, loaded


def _same(report: Report) -> list[Finding]:
    """The findings with blank-node shapes as "_:" (each run names the shapes' blank nodes anew)."""
    out = []
    for f in report.findings:
        if f.exact is not None and f.exact.shape.startswith("_:"):
            f = dataclasses.replace(f, exact=dataclasses.replace(f.exact, shape="_:"))
        out.append(f)
    return out


@pytest.mark.slow
def test_reading_the_file_directly_gives_the_loaded_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "obs.ttl"
    generate_observations(data, 600, seed=2027, defect_rate=0.05)
    # a blank node named as the ontology's are named for the engine: they must stay apart
    with data.open("a", encoding="utf-8") as handle:
        handle.write("_:cytokinerdfbackground0 a <https://w3id.org/cytokine-rdf/CYTO_0000091> .\n")
    for shapes in ("simple", "complex"):
        fast, loaded = _both_paths(
            monkeypatch, [data], [BENCHMARKS / "heldout-2027" / f"{shapes}.shapes.ttl"]
        )
        assert fast.findings and _same(fast) == _same(loaded)  # file and line included
        assert fast.extra == loaded.extra
        assert fast.extra["focus_nodes"] > 50


@pytest.mark.slow
def test_the_ontologys_own_findings_are_left_out_unless_the_data_uses_the_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.ttl").write_text(
        PREFIXES + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ex:a rdfs:label "a label far too long" .\n'
        "<https://w3id.org/cytokine-rdf/CYTO_0000091> rdfs:seeAlso ex:a .\n",
        encoding="utf-8",
    )
    (tmp_path / "s.ttl").write_text(
        PREFIXES + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "ex:Short a sh:NodeShape ; sh:targetSubjectsOf rdfs:label ;"
        " sh:property [ sh:path rdfs:label ; sh:maxLength 3 ] .\n",
        encoding="utf-8",
    )
    fast, loaded = _both_paths(monkeypatch, [tmp_path / "d.ttl"], [tmp_path / "s.ttl"])
    focuses = {f.focus for f in fast.findings}
    # every labelled class of the ontology breaks the shape; only the one the data uses is shown
    assert focuses == {"https://example.org/a", "https://w3id.org/cytokine-rdf/CYTO_0000091"}
    assert fast.extra["focus_nodes"] == loaded.extra["focus_nodes"] == 2
    assert _same(fast) == _same(loaded)
    (mine,) = [f for f in fast.findings if f.focus == "https://example.org/a"]
    assert (mine.file, mine.line) == (str(tmp_path / "d.ttl"), 5)


def test_bad_data_is_reported_with_its_line_without_a_store(tmp_path: Path) -> None:
    (tmp_path / "d.ttl").write_text(PREFIXES + "ex:a a ex:T .\nex:b ex:p ex:c ex:d .\n")
    (tmp_path / "s.ttl").write_text(PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:T .\n")
    result = CliRunner().invoke(
        main,
        ["validate", "-i", str(tmp_path / "d.ttl"), "--shapes", str(tmp_path / "s.ttl"),
         "--no-reason", "--no-qc"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{tmp_path / 'd.ttl'}:5" in result.stderr and "Traceback" not in result.stderr


_CLASS = "<https://w3id.org/cytokine-rdf/CYTO_0000091>"


def _one_focus_node_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: str, target: str
) -> tuple[Report, Report]:
    """Labels longer than 3 on ``target``: only CYTO_0000091 is reported and counted, on the fast
    path as on the loaded one."""
    (tmp_path / "d.ttl").write_text(
        PREFIXES + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + data,
        encoding="utf-8",
    )
    (tmp_path / "s.ttl").write_text(
        PREFIXES + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"ex:Short a sh:NodeShape ; sh:targetClass {target} ;"
        " sh:property [ sh:path rdfs:label ; sh:maxLength 3 ] .\n",
        encoding="utf-8",
    )
    fast, loaded = _both_paths(monkeypatch, [tmp_path / "d.ttl"], [tmp_path / "s.ttl"])
    assert {f.focus for f in fast.findings} == {_CLASS[1:-1]}
    assert fast.extra["focus_nodes"] == loaded.extra["focus_nodes"] == 1
    return fast, loaded


def test_a_node_the_data_repeats_from_the_ontology_counts_only_with_triples_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every class of the ontology is a focus node here; the data repeats one class's type triple
    (which says nothing new) and, before it, says something of its own about that class."""
    fast, loaded = _one_focus_node_reported(
        tmp_path,
        monkeypatch,
        f"{_CLASS} rdfs:seeAlso ex:a .\n"
        f"{_CLASS} a <http://www.w3.org/2002/07/owl#Class> .\n"
        "<https://w3id.org/cytokine-rdf/CYTO_0000092> a <http://www.w3.org/2002/07/owl#Class> .\n",
        "<http://www.w3.org/2002/07/owl#Class>",
    )
    assert _same(fast) == _same(loaded)


def test_a_hierarchy_widened_by_the_data_reaches_the_ontologys_nodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The target class is the data's own; the data makes owl:Class a subclass of it, so the
    ontology's classes become focus nodes: counted and reported only where the data uses them."""
    _one_focus_node_reported(
        tmp_path,
        monkeypatch,
        f"{_CLASS} rdfs:seeAlso ex:a .\n"
        "<http://www.w3.org/2002/07/owl#Class> rdfs:subClassOf ex:Target .\n",
        "ex:Target",
    )


def test_pyshacl_ontology_axioms_follow_the_graph_given() -> None:
    """The axioms pySHACL takes from the ontology are kept per graph object: another graph with the
    same identifier, or the same graph changed, is read again (never an earlier graph's answer)."""
    import rdflib

    from cytokine_rdf.validation.shacl import run_shacl

    ex = rdflib.Namespace("http://example.org/")
    shapes = rdflib.Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:class ex:A .""",
        format="turtle",
    )
    data = rdflib.Graph()
    data.add((ex.x, rdflib.RDF.type, ex.B))

    def ontology(*triples: tuple[rdflib.URIRef, rdflib.URIRef, rdflib.URIRef]) -> rdflib.Graph:
        graph = rdflib.Graph(identifier=ex.ontology)
        graph.add((ex.B, rdflib.RDF.type, rdflib.OWL.Class))
        for triple in triples:
            graph.add(triple)
        return graph

    subclass = (ex.B, rdflib.RDFS.subClassOf, ex.A)
    with_axiom = ontology(subclass)
    assert run_shacl(data, shapes, ont_graph=with_axiom)[0] == []
    without = ontology()  # same identifier, no subclass axiom
    assert len(run_shacl(data, shapes, ont_graph=without)[0]) == 1
    without.add(subclass)  # the same graph, changed
    assert run_shacl(data, shapes, ont_graph=without)[0] == []
