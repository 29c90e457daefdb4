"""GO-CAM instance data: templates, diagrams and lookup over real models loaded with -i."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli import main

MODELS = Path(__file__).parent / "data" / "gocam" / "models"
ZFIN = MODELS / "ZFIN_ZDB-GENE-030131-514.ttl"
REACTOME = MODELS / "fgfr4-R-HSA-5654719.ttl"


@pytest.fixture(scope="module")
def il7_model(il7_model_file: Path) -> Path:
    return il7_model_file


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_gene_in_models_joins_across_uniprot_spellings(il7_model: Path) -> None:
    out = run(
        "query", "run", "gene-in-models", "-p", "gene=IL2RG", "-i", str(il7_model), "-f", "tsv"
    )
    rows = out.strip().splitlines()[1:]
    assert rows and all("CYTO_0000202" in r for r in rows)
    assert any("enabled-by" in r for r in rows)  # IL2RG found as a part of the receptor complex


def test_activities_and_edges_of_a_reactome_converted_model() -> None:
    activities = run("query", "run", "gocam-activities", "-i", str(REACTOME), "-f", "tsv")
    assert len(activities.strip().splitlines()) > 3
    assert "REACTO_R-HSA" in activities  # Reactome-typed enablers, as converted
    edges = run("query", "run", "gocam-causal-edges", "-i", str(REACTOME), "-f", "tsv")
    assert len(edges.strip().splitlines()) > 2


def test_diagram_of_a_published_model_with_a_negated_process() -> None:
    out = run("diagram", "http://model.geneontology.org/ZFIN_ZDB-GENE-030131-514", "-i", str(ZFIN))
    assert "NOT regulation of androgen receptor signaling pathway" in out  # offline GO label
    assert "causally upstream of or within" in out
    assert ":::activity" in out and ":::outcome" in out
    assert "ZFIN:ZDB-GENE-030131-514" in out  # the enabler, inside its activity


def test_diagram_of_an_exported_model_draws_its_chain(il7_model: Path) -> None:
    out = run("diagram", "https://w3id.org/cytokine-rdf/gocam/CYTO_0000350", "-i", str(il7_model))
    assert out.count(":::activity") >= 9
    assert "directly negatively regulates" in out  # SOCS1 feedback


@pytest.mark.parametrize(
    "spelling",
    [
        "http://identifiers.org/uniprot/P16871",
        "<http://purl.uniprot.org/uniprot/P16871>",
        "UniProtKB:P16871",
    ],
)
def test_lookup_resolves_every_uniprot_spelling(spelling: str) -> None:
    assert "CYTO:0000201" in run("lookup", spelling)
