"""``validate``: SHACL + QC + reasoner in one report, four formats, CI exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from tools import one_worker, requires_tool

from cytokine_rdf.cli import main
from cytokine_rdf.io.graph import ontology_files
from cytokine_rdf.validation.gate import validate
from cytokine_rdf.validation.report import JSON_SCHEMA, render_report
from cytokine_rdf.validation.results import Finding, Report

pytestmark = one_worker("validate")  # `packaged`, HermiT on the ontology, once

DATA = Path(__file__).parent / "data"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
EDIT = next(p for p in ontology_files() if p.name == "cytokine.ttl")
PREFIXES = (
    "@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .\n@prefix obo: <http://purl.obolibrary.org/obo/> .\n"
    "@prefix oboInOwl: <http://www.geneontology.org/formats/oboInOwl#> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
)
_java = requires_tool("java", "HermiT needs Java")


def needs_java(test: Callable[..., None]) -> Callable[..., None]:
    """HermiT runs for real: needs Java, and takes seconds (not in the fast loop)."""
    return pytest.mark.slow(_java(test))


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, ["validate", *args])


@pytest.fixture(scope="module")
def packaged() -> Report:
    """The packaged ontology, validated once with HermiT."""
    return validate()


def _variant(tmp_path: Path, extra: str) -> Path:
    """A copy of the ontology edit file with ``extra`` Turtle appended (outside the repository)."""
    path = tmp_path / "edited.ttl"
    path.write_text(EDIT.read_text(encoding="utf-8") + "\n" + PREFIXES + extra, encoding="utf-8")
    return path


@needs_java
@pytest.mark.requires_java
@pytest.mark.slow
def test_packaged_ontology_passes(packaged: Report) -> None:
    assert not packaged.fails("error"), [f for f in packaged.findings if f.severity == "error"]
    sources = {source for source, _ in packaged.checks_run}
    assert sources == {"shacl", "qc", "names", "reasoner"}
    assert packaged.extra["reasoner"] == "hermit"
    assert packaged.extra["namespaces"] == ["https://w3id.org/cytokine-rdf/"]


@pytest.mark.slow
def test_packaged_ontology_cli_json_and_junit(tmp_path: Path) -> None:
    result = _invoke("--reasoner", "structural", "-f", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == JSON_SCHEMA and doc["failed"] is False
    assert doc["conforms"] is (not doc["findings"])  # SHACL: any finding, even info, means false
    assert set(doc["counts"]) == {"error", "warn", "info"}
    assert result.stderr.startswith("OK: ")
    out = tmp_path / "report.xml"
    result = _invoke("--reasoner", "structural", "-f", "junit", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites" and root.get("failures") == "0"
    assert {s.get("name") for s in root} == {
        "cytokine-rdf.shacl",
        "cytokine-rdf.qc",
        "cytokine-rdf.names",
        "cytokine-rdf.reasoner",
    }


@needs_java
@pytest.mark.requires_java
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json", "turtle", "junit"])
def test_every_format_parses(packaged: Report, fmt: str) -> None:
    failing = Report(
        (
            Finding(
                "error",
                "missing_label",
                "https://w3id.org/cytokine-rdf/CYTO_0000999",
                source="qc",
                message="m",
                fix="f",
                path="http://www.w3.org/2000/01/rdf-schema#label",
            ),
            *packaged.findings,
        ),
        packaged.checks_run,
        packaged.extra,
    )
    text = render_report(failing, fmt)
    if fmt == "json":
        assert json.loads(text)["findings"][0]["check"] == "missing_label"
    elif fmt == "junit":
        root = ET.fromstring(text.encode("utf-8"))
        failures = root.findall(".//testcase/failure")
        assert len(failures) == 1 and "CYTO:0000999" in (failures[0].text or "")
        assert int(root.get("tests", "0")) == len(packaged.checks_run)
    elif fmt == "turtle":
        graph = rdflib.Graph().parse(data=text, format="turtle")
        report = next(graph.subjects(rdflib.RDF.type, SH.ValidationReport))
        assert graph.value(report, SH.conforms) == rdflib.Literal(False)
        assert (
            None,
            SH.focusNode,
            rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000999"),
        ) in graph
    else:
        assert text.startswith("ERRORS (1)") and "fix:      f" in text


def test_fail_on_levels(tmp_path: Path) -> None:
    """--fail-on moves the bar: info fails on any finding, none never fails."""
    bad = str(DATA / "qc" / "missing_superclass.bad.ttl")
    profile = tmp_path / "profile.txt"
    profile.write_text(
        "INFO\tmissing_superclass\n", encoding="utf-8"
    )  # one INFO finding, nothing worse
    no_shapes = str(DATA / "qc" / "missing_superclass.good.ttl")
    base = ("--ontology", bad, "--no-reason", "--shapes", no_shapes, "--profile", str(profile))
    assert _invoke(*base).exit_code == 0
    assert _invoke(*base, "--fail-on", "warn").exit_code == 0
    result = _invoke(*base, "--fail-on", "info")
    assert result.exit_code == 1 and result.stderr.startswith(
        "FAIL: 0 error(s), 0 warning(s), 1 info"
    )
    assert (
        _invoke(
            "--ontology",
            str(DATA / "qc" / "missing_label.bad.ttl"),
            "--no-reason",
            "--fail-on",
            "none",
        ).exit_code
        == 0
    )


@pytest.mark.slow
def test_class_without_label_fails(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'CYTO:0000999 a owl:Class ; obo:IAO_0000115 "A step without a label." ; rdfs:subClassOf CYTO:0000012 .\n',
    )
    result = _invoke("--ontology", str(path), "--reasoner", "structural", "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    # (shapes only: the edit file alone leaves cancer.ttl's claim relation undeclared)
    bad = [f for f in doc["findings"] if f["severity"] == "error" and f["source"] == "shacl"]
    assert [(f["check"], f["focus"]) for f in bad] == [
        ("ClassLabelShape", "https://w3id.org/cytokine-rdf/CYTO_0000999")
    ]
    assert doc["run"]["namespaces"] == ["https://w3id.org/cytokine-rdf/"]


@needs_java
@pytest.mark.requires_java
@pytest.mark.slow
def test_unsatisfiable_class_fails(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'CYTO:0000998 a owl:Class ; rdfs:label "impossible step" ; obo:IAO_0000115 "A step that is a gene product." ;\n'
        "    rdfs:subClassOf CYTO:0000012, CYTO:0000001 .\nCYTO:0000012 owl:disjointWith CYTO:0000001 .\n",
    )
    result = _invoke("--ontology", str(path), "--no-qc")
    assert result.exit_code == 1, result.stderr
    assert "impossible step (CYTO:0000998)  [reasoner: unsatisfiable_class]" in result.stdout


@pytest.mark.slow
def test_malformed_uniprot_fails(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        'CYTO:0000299 a owl:Class ; rdfs:label "test protein" ; obo:IAO_0000115 "A cytokine for tests." ;\n'
        "    rdfs:subClassOf CYTO:0000002 ; skos:exactMatch <http://purl.uniprot.org/uniprot/IL7_HUMAN> ;\n"
        '    oboInOwl:hasDbXref "NCBIGene:3574", "HGNC:6023" .\n',
    )
    result = _invoke("--ontology", str(path), "--no-reason")
    assert result.exit_code == 1
    assert "test protein (CYTO:0000299)  [shacl: GeneProductUniProtPatternShape]" in result.stdout
    assert "value:    uniprot:IL7_HUMAN" in result.stdout


def test_incomplete_data_fails() -> None:
    result = _invoke(
        str(DATA / "shapes" / "observation" / "invalid-no-assay.ttl"), "--reasoner", "structural"
    )
    assert result.exit_code == 1
    assert "https://example.org/lab/obs-1  [shacl: ExpressionAssayShape]" in result.stdout
    assert "FAIL: 1 error(s)" in result.stderr


@pytest.mark.slow
def test_valid_data_passes_and_skips_qc() -> None:
    result = _invoke(
        str(DATA / "shapes" / "observation" / "valid-observations.ttl"),
        "--reasoner",
        "structural",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stdout
    doc = json.loads(result.stdout)
    assert doc["run"]["mode"] == "data" and {c["source"] for c in doc["checks"]} == {
        "shacl",
        "names",
        "reasoner",
    }


def test_custom_shapes_replace_packaged(tmp_path: Path) -> None:
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x:CommentShape> a sh:NodeShape ; sh:targetClass owl:Ontology ;\n"
        '  sh:property [ sh:path rdfs:comment ; sh:minCount 2 ; sh:message "two comments" ] .\n',
        encoding="utf-8",
    )
    result = _invoke("--shapes", str(shapes), "--no-qc", "--no-reason", "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [c["check"] for c in doc["checks"]] == ["urn:x:CommentShape"]
    assert doc["findings"][0]["message"] == "two comments"


@pytest.mark.slow
def test_qc_scoped_and_profile(tmp_path: Path) -> None:
    bad = str(DATA / "qc" / "missing_label.bad.ttl")
    assert _invoke("--ontology", bad, "--no-reason").exit_code == 1
    profile = tmp_path / "profile.txt"
    profile.write_text("WARN\tmissing_label\n", encoding="utf-8")
    result = _invoke(
        "--ontology",
        bad,
        "--no-reason",
        "--profile",
        str(profile),
        "--shapes",
        str(DATA / "qc" / "missing_label.good.ttl"),
    )
    assert result.exit_code == 0, result.stdout
    assert "WARNINGS (1)" in result.stdout
    other = _invoke("--ontology", bad, "--no-reason", "--namespace", "https://example.org/")
    assert "qc: missing_label" not in other.stdout


@pytest.mark.slow
def test_could_not_run_exits_2(tmp_path: Path) -> None:
    assert _invoke(str(tmp_path / "missing.ttl")).exit_code == 2
    profile = tmp_path / "p.txt"
    profile.write_text("ERROR\tnot_a_check\n", encoding="utf-8")
    result = _invoke("--profile", str(profile), "--no-reason")
    assert result.exit_code == 2 and "unknown QC check" in result.stderr


@pytest.mark.slow
def test_java_missing_validate_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    result = _invoke("--no-qc")
    assert result.exit_code == 2
    assert "Java was not found" in result.stderr and "--no-reason" in result.stderr


@needs_java
def test_data_that_contradicts_a_range_is_named_as_a_data_problem() -> None:
    """A string level contradicts CYTO:0000193's xsd:decimal range: HermiT finds no model."""
    report = validate([DATA / "reason" / "inconsistent-data.ttl"])
    consistency = [f for f in report.findings if f.check == "consistency"]
    assert len(consistency) == 1
    assert consistency[0].severity == "error"
    assert "together with the data" in consistency[0].message


def test_reasoning_over_large_data_is_skipped_with_an_info_finding() -> None:
    valid = DATA / "shapes" / "observation" / "valid-observations.ttl"
    report = validate([valid], reason_limit=5)
    skipped = [f for f in report.findings if f.check == "reasoning_skipped"]
    assert len(skipped) == 1
    assert skipped[0].severity == "info"
    assert not report.fails("error")
    assert "reasoner" not in report.extra


def test_data_with_dash_i_is_the_same_as_the_argument(data_path: Path) -> None:
    sample = min((data_path / "shapes" / "observation").glob("invalid*.ttl"))
    by_option = CliRunner().invoke(
        main, ["validate", "-i", str(sample), "--no-reason", "-f", "json"]
    )
    by_argument = CliRunner().invoke(main, ["validate", str(sample), "--no-reason", "-f", "json"])
    assert by_option.exit_code == by_argument.exit_code == 1
    assert json.loads(by_option.stdout) == json.loads(by_argument.stdout)
