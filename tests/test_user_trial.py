"""Issue 29: what a real user hit (GO-CAM models of any IRI scheme, messages, labels, names)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from cytokine_rdf.cli import main

MODELS = Path(__file__).parent / "data" / "gocam" / "models"
REACTOME = MODELS / "fgfr4-R-HSA-5654719.ttl"
REACTOME_MODEL = "http://model.geneontology.org/R-HSA-5654719"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- 1. GO-CAM models recognised by what they are, whatever their IRI scheme -------------------
def test_diagram_of_a_reactome_converted_model() -> None:
    out = run("diagram", REACTOME_MODEL, "-i", str(REACTOME))
    assert out.count(":::activity") >= 4


def test_gocam_activities_name_the_model_of_a_reactome_converted_model() -> None:
    rows = table(run("query", "run", "gocam-activities", "-i", str(REACTOME), "-f", "csv"))
    assert len(rows) > 3
    assert {r["model"] for r in rows} == {REACTOME_MODEL}
    assert {r["model_title"] for r in rows} == {"Reactome::SHC-mediated cascade:FGFR4"}
