"""The SHACL gate never says "conforms" for constraints it did not evaluate."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from cytokine_rdf.cli import main

CUSTOM = Path(__file__).parent / "data" / "shapes" / "custom-component"


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
