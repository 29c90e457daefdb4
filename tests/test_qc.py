"""QC checks (queries/qc/*.rq): each fires on its bad fixture, stays quiet on its good one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import load
from cytokine_rdf.validation.qc import (
    LEVELS,
    infer_namespace,
    load_checks,
    packaged_checks,
    read_profile,
    run_checks,
)
from cytokine_rdf.vocab import CYTO

QC = Path(__file__).parent / "data" / "qc"
CHECKS = packaged_checks()
# ROBOT report's default levels
ROBOT_LEVELS = {
    "missing_label": "ERROR",
    "multiple_labels": "ERROR",
    "duplicate_label": "ERROR",
    "missing_definition": "WARN",
    "multiple_definitions": "ERROR",
    "duplicate_definition": "ERROR",
    "label_whitespace": "ERROR",
    "label_formatting": "ERROR",
    "annotation_whitespace": "WARN",
    "deprecated_class_reference": "ERROR",
    "deprecated_property_reference": "ERROR",
    "invalid_xref": "WARN",
    "missing_ontology_title": "ERROR",
    "missing_ontology_license": "ERROR",
    "missing_ontology_description": "ERROR",
    # project-specific (not in ROBOT): a tumour claim that escapes the tumour-claim shape
    "untyped_tumour_claim": "ERROR",
    "invalid_id": "ERROR",  # ROBOT's --base-iri scope: a term there must have a proper ID
    "missing_superclass": "INFO",
    "misused_obsolete_label": "ERROR",
    "missing_obsolete_label": "WARN",
    "lowercase_definition": "INFO",
    "duplicate_exact_synonym": "WARN",
    "multiple_equivalent_classes": "WARN",
    "equivalent_pair": "WARN",
}


def _run(name: str, kind: str) -> list[str]:
    data = load([QC / f"{name}.{kind}.ttl"], include_ontology=False)
    return [f.focus for f in run_checks(data, [CHECKS[name]], [CYTO]) if f.check == name]


def test_every_check_has_robot_level_and_texts() -> None:
    """Names and levels follow ROBOT report; each check explains itself and says how to fix."""
    assert {n: c.level for n, c in CHECKS.items()} == ROBOT_LEVELS
    for check in CHECKS.values():
        assert check.summary and check.fix, check.name
        assert "?entity" in check.text and "?property" in check.text and "?value" in check.text


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_fires_on_bad_fixture(name: str) -> None:
    focus = _run(name, "bad")
    assert focus, f"{name} did not fire on {name}.bad.ttl"
    assert all(f.startswith("https://w3id.org/cytokine-rdf/") for f in focus)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_quiet_on_good_fixture(name: str) -> None:
    assert _run(name, "good") == []


def test_imported_terms_are_out_of_scope() -> None:
    """A GO class without a label is not reported: QC looks at the ontology's own namespace only."""
    data = load([QC / "missing_label.good.ttl"], include_ontology=False)
    assert run_checks(data, [CHECKS["missing_label"]], [CYTO]) == []
    everything = run_checks(data, [CHECKS["missing_label"]], ["http://purl.obolibrary.org/obo/GO_"])
    assert [f.focus for f in everything] == ["http://purl.obolibrary.org/obo/GO_0008150"]


def test_default_profile_file_matches_headers() -> None:
    profile = Path(__file__).parent.parent / "queries" / "qc" / "profile.txt"
    assert {ref: level for level, ref in read_profile(profile)} == ROBOT_LEVELS


def test_profile_relevels_drops_and_adds(tmp_path: Path) -> None:
    custom = tmp_path / "my_check.rq"
    custom.write_text(
        "#+ summary: 'Classes must have a comment.'\n#+ fix: 'Add rdfs:comment.'\n"
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?entity ?property ?value WHERE { ?entity a owl:Class . BIND(rdfs:comment AS ?property)"
        " FILTER NOT EXISTS { ?entity rdfs:comment ?c } }\n",
        encoding="utf-8",
    )
    profile = tmp_path / "profile.txt"
    profile.write_text("# mine\nINFO\tmissing_label\nWARN\tfile:my_check.rq\n", encoding="utf-8")
    checks = {c.name: c for c in load_checks(profile)}
    assert {n: c.level for n, c in checks.items()} == {"missing_label": "INFO", "my_check": "WARN"}
    data = load([QC / "missing_label.bad.ttl"], include_ontology=False)
    found = run_checks(data, checks.values(), [CYTO])
    assert {(f.check, f.severity) for f in found} == {
        ("missing_label", "info"),
        ("my_check", "warn"),
    }


@pytest.mark.parametrize(
    "line",
    ["FATAL\tmissing_label", "ERROR\tno_such_check", "ERROR\tfile:missing.rq", "just-one-field"],
)
def test_bad_profile_lines_are_refused(tmp_path: Path, line: str) -> None:
    profile = tmp_path / "profile.txt"
    profile.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CytokineRdfError):
        load_checks(profile)


def test_levels_map_to_severities() -> None:
    assert LEVELS == {"ERROR": "error", "WARN": "warn", "INFO": "info"}


def test_namespace_inferred_from_own_classes(tmp_path: Path) -> None:
    """The ontology's own prefix wins even when imported classes outnumber its own."""
    text = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<http://purl.obolibrary.org/obo/foo.owl> a owl:Ontology .\n"
    text += "".join(
        f"<http://purl.obolibrary.org/obo/FOO_000000{i}> a owl:Class .\n" for i in range(2)
    )
    text += "".join(
        f"<http://purl.obolibrary.org/obo/GO_000000{i}> a owl:Class .\n" for i in range(5)
    )
    path = tmp_path / "foo.ttl"
    path.write_text(text, encoding="utf-8")
    assert (
        infer_namespace(load([path], include_ontology=False))
        == "http://purl.obolibrary.org/obo/FOO_"
    )
    text2 = text.replace("foo.owl", "x/foo.owl").replace("obo/FOO_", "obo/x/FOO_")
    path.write_text(text2, encoding="utf-8")
    assert (
        infer_namespace(load([path], include_ontology=False))
        == "http://purl.obolibrary.org/obo/x/FOO_"
    )
    assert infer_namespace(load([QC / "missing_label.bad.ttl"], include_ontology=False)) == CYTO


@pytest.mark.slow
def test_qc_covers_the_whole_base_iri(tmp_path: Path) -> None:
    """A mistyped IRI under the ontology's base IRI (CYT0_ for CYTO_), unlabelled, is an error."""
    from click.testing import CliRunner

    from cytokine_rdf.cli.main import main

    ontology = Path(__file__).parent.parent / "ontology" / "cytokine.ttl"
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        ontology.read_text(encoding="utf-8")
        + "\n<https://w3id.org/cytokine-rdf/CYT0_0000201> a owl:Class ;\n"
        "    rdfs:subClassOf <https://w3id.org/cytokine-rdf/CYTO_0000001> .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["validate", "--ontology", str(broken), "--no-reason", "-f", "json"]
    )
    assert result.exit_code == 1, result.output
    import json

    doc = json.loads(result.stdout)
    assert doc["run"]["namespaces"] == ["https://w3id.org/cytokine-rdf/"]
    bad = {f["check"] for f in doc["findings"] if "CYT0_0000201" in f["focus"]}
    assert {"invalid_id", "missing_label"} <= bad
