"""export --cx2 (read back by ndex2's CX2 reader) and export --gmt (read back by gseapy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli import main

cx2 = pytest.importorskip("ndex2.cx2")
pytest.importorskip("gocam.translation.cx2.main")

DATA = Path(__file__).parent / "data" / "gocam"


def _export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["export", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _read_cx2(path: Path):  # type: ignore[no-untyped-def]
    network = cx2.CX2Network()
    network.create_from_raw_cx2(json.loads(path.read_text()))
    return network


@pytest.fixture(scope="module")
def il7(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory.mktemp("cx2"), "il7.cx2", "--cx2", "--pathway", "IL7")


def test_cx2_reads_back_with_the_attributes_cytoscape_users_filter_on(il7: Path) -> None:
    network = _read_cx2(il7)
    nodes = {n["v"]["name"]: n["v"] for n in network.get_nodes().values()}
    # gene symbols name the nodes; a complex by its subunits' symbols
    assert {"IL7", "JAK1", "JAK3", "STAT5B", "IL7R/IL2RG"} <= set(nodes)
    assert nodes["IL7R/IL2RG"]["GO function id"] == "GO:0004917"
    assert nodes["IL7R/IL2RG"]["GO function"] == "interleukin-7 receptor activity"
    assert nodes["JAK1"]["gene symbol"] == "JAK1"
    assert nodes["JAK1"]["GO process"]
    assert "ECO:" in nodes["IL7"]["evidence"]
    edges = list(network.get_edges().values())
    signs = {e["v"]["sign"] for e in edges}
    assert {"positive", "negative"} <= signs
    by_id = network.get_nodes()
    # SOCS1 directly negatively regulates the JAK kinases (a model edge with its evidence)
    negative = [
        (by_id[e["s"]]["v"]["name"], e["v"]["relation"], by_id[e["t"]]["v"]["name"])
        for e in edges
        if e["v"]["sign"] == "negative"
    ]
    assert ("SOCS1", "directly negatively regulates", "JAK1") in negative
    assert all(e["v"]["evidence"] for e in edges if e["v"]["sign"] == "negative")
    declared = network.get_attribute_declarations()
    assert {"gene symbol", "GO function", "evidence"} <= set(declared["nodes"])
    assert {"relation", "sign", "evidence"} <= set(declared["edges"])


def test_cx2_is_deterministic(il7: Path, tmp_path: Path) -> None:
    again = _export(tmp_path, "again.cx2", "--cx2", "--pathway", "IL7")
    assert again.read_bytes() == il7.read_bytes()


def test_cx2_of_a_real_go_cam_model(tmp_path: Path) -> None:
    out = _export(
        tmp_path,
        "pombase.cx2",
        "--cx2",
        "--part",
        "data",
        "-i",
        str(DATA / "gocam-py" / "minerva-663d668500002178.json"),
    )
    network = _read_cx2(out)
    genes = [n["v"] for n in network.get_nodes().values() if n["v"].get("type") == "gene"]
    assert len(genes) >= 8
    # gocam-py's label "itr2 Spom" without its species code, as GO's own CX2 has it
    assert all(" Spom" not in g["gene symbol"] for g in genes)
    assert all(g["GO function id"].startswith("GO:") for g in genes)


gseapy = pytest.importorskip("gseapy")


@pytest.fixture(scope="module")
def gmt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory.mktemp("gmt"), "cytokine.gmt", "--gmt")


@pytest.mark.slow
def test_gmt_reads_back_with_gseapy_and_enriches_the_right_set(gmt: Path) -> None:
    from gseapy.parser import read_gmt

    sets = read_gmt(str(gmt))
    assert {"interleukin-7 signalling pathway", "GO:0038111"} <= set(sets)
    assert {"IL7", "IL7R", "IL2RG", "JAK1", "JAK3"} <= set(sets["interleukin-7 signalling pathway"])
    assert "T-cell acute lymphoblastic leukaemia" in sets  # a tumour set
    assert "IL7R" in sets["T-cell acute lymphoblastic leukaemia"]
    # an enrichment library takes the file as it is
    background = sorted({g for genes in sets.values() for g in genes})
    result = gseapy.enrich(
        gene_list=["IL7", "IL7R", "JAK3", "STAT5A", "STAT5B", "PIK3R1"],
        gene_sets=str(gmt),
        background=background,
        outdir=None,
        cutoff=1.0,
    )
    best = result.results.sort_values("P-value").iloc[0]["Term"]
    assert best in {"interleukin-7 signalling pathway", "GO:0038111"}


@pytest.mark.slow
def test_gmt_evidence_filter_and_entrez_ids(gmt: Path, tmp_path: Path) -> None:
    from gseapy.parser import read_gmt

    everything = read_gmt(str(gmt))
    experimental = read_gmt(
        str(_export(tmp_path, "experimental.gmt", "--gmt", "--evidence", "experimental"))
    )
    assert experimental and set(experimental) <= set(everything)
    assert all(set(v) <= set(everything[k]) for k, v in experimental.items())
    # the IL-7 pathway's steps are mostly backed by Reactome (ECO:0000304, not experimental)
    assert len(experimental.get("interleukin-7 signalling pathway", [])) < len(
        everything["interleukin-7 signalling pathway"]
    )
    entrez = read_gmt(str(_export(tmp_path, "entrez.gmt", "--gmt", "--ids", "entrez")))
    assert "3575" in entrez["interleukin-7 signalling pathway"]  # IL7R (NCBI Gene 3575)
    assert all(g.isdigit() for genes in entrez.values() for g in genes)


def test_gmt_refuses_an_unknown_evidence_filter() -> None:
    result = CliRunner().invoke(main, ["export", "--gmt", "--evidence", "strong"])
    assert result.exit_code == 2
    assert "unknown evidence filter" in result.output


def test_gmt_of_data_without_models_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plain.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    result = CliRunner().invoke(main, ["export", "--gmt", "--part", "data", "-i", str(path)])
    assert result.exit_code == 2
    assert "no gene set" in result.output


def test_cx2_draws_the_outcomes_and_the_regulation_of_the_pathway(il7: Path) -> None:
    """Edges to processes, which gocam-py's Model carries only as fact comments, are drawn."""
    network = _read_cx2(il7)
    nodes = network.get_nodes()
    outcomes = {
        (nodes[e["s"]]["v"]["name"], e["v"]["relation id"], nodes[e["t"]]["v"]["GO process id"])
        for e in network.get_edges().values()
        if nodes[e["t"]]["v"].get("type") == "process"
    }
    # IL7R/IL2RG is causally upstream of, positive effect, T cell differentiation in thymus
    assert ("IL7R/IL2RG", "RO:0002304", "GO:0033077") in outcomes
    # the negative regulation of JAK-STAT signalling negatively regulates the pathway
    assert any(p == "RO:0002212" and t == "GO:0038111" for _, p, t in outcomes)
    edges = [
        e["v"] for e in network.get_edges().values() if nodes[e["t"]]["v"].get("type") == "process"
    ]
    assert all(e["evidence"].startswith("ECO:") and e["sign"] != "unsigned" for e in edges)
