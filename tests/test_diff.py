"""Version diff: a changed label and an added class are named; exit codes 0/1; truncation."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.publish.diff import DiffResult, EntityChange, diff_files, to_markdown

DIFF = Path(__file__).parent / "data" / "diff"
V1, V2 = DIFF / "v1.ttl", DIFF / "v2.ttl"


def test_changed_label_and_added_class_are_named() -> None:
    """The markdown names the relabelled class (old -> new) and the added class with its axioms."""
    text = to_markdown(diff_files(V1, V2))
    assert (
        "label changed: interleukin-7 receptor subunit alpha → interleukin 7 receptor alpha chain"
        in text
    )
    assert "`CYTO:0000207` interleukin-2 receptor subunit gamma" in text
    assert "enables some cytokine activity" in text


def test_json_and_exit_codes() -> None:
    """JSON lists added/changed entities; exit 1 when different, 0 when equal."""
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(V1), str(V2), "-f", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [c["curie"] for c in document["added"]] == ["CYTO:0000207"]
    assert [c["curie"] for c in document["changed"]] == ["CYTO:0000202"]
    same = runner.invoke(main, ["diff", str(V1), str(V1)])
    assert same.exit_code == 0
    assert "No differences" in same.stdout


def test_axiom_removal_is_readable(tmp_path: Path) -> None:
    """Removing a restriction shows it in words."""
    text = V1.read_text(encoding="utf-8")
    edited = text.replace(
        "    rdfs:subClassOf [ a owl:Restriction ; owl:onProperty RO:0002327 ; owl:someValuesFrom GO:0005125 ] .\n"
        "CYTO:0000202",
        '    rdfs:label "IL-7"@en .\nCYTO:0000202',
        1,
    )
    assert edited != text
    new = tmp_path / "v3.ttl"
    new.write_text(edited, encoding="utf-8")
    markdown = to_markdown(diff_files(V1, new))
    assert "removed axiom: is a: enables some cytokine activity" in markdown


def test_long_reports_are_cut_with_a_note() -> None:
    """Past the limit the report ends with a note saying how to get all of it."""
    changes = tuple(
        EntityChange(f"https://w3id.org/cytokine-rdf/CYTO_{i:07d}", "x" * 50, "classes")
        for i in range(3000)
    )
    text = to_markdown(DiffResult("a.ttl", "b.ttl", added=changes, triples_added=1), limit=60_000)
    assert len(text) <= 60_000
    assert "cut at 60,000 characters" in text
