"""The benchmark script works at its smallest size (the CI smoke run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tools import requires_tool

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"


@pytest.mark.slow
@requires_tool("oxigraph", "the Oxigraph server gives the push figure")
def test_benchmark_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sizes",
            "10k",
            "--repeat",
            "1",
            "--no-cli-timings",  # measured by the full benchmark run, not needed here
            "--workdir",
            str(tmp_path),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pySHACL / cytokine-rdf" in done.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))["sizes"]["10k"]
    for suffix in ("", "@heldout"):  # the same results, not only as many
        base = figures["validate-pyshacl" + suffix]["runs"][0]
        mine = figures["validate-project" + suffix]["runs"][0]
        assert (base["findings"], base["digest"]) == (mine["findings"], mine["digest"])
    assert figures["validate-project@heldout"]["runs"][0]["engine"] == "rust+pyshacl"  # sh:lessThan
    assert figures["query-rdflib"]["runs"][0]["rows"] == figures["query-project"]["runs"][0]["rows"]


@pytest.mark.slow
def test_heldout_2027_cpu_comparison_runs(tmp_path: Path) -> None:
    """Issue 27's measure at its smallest: the raw Rust engine and `validate` on the held-out
    shapes (pySHACL left out here: --baseline-sizes names no size)."""
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--heldout-2027", "--sizes", "10k", "--baseline-sizes",
         "none", "--workdir", str(tmp_path), "--json", str(out)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    for shapes in ("simple2027", "complex2027"):
        row = figures[f"10k@{shapes}"]
        assert row["validate-project"]["engine"] == "rust"  # every held-out shape on the engine
        assert row["validate-project"]["cpu_s"] > 0 and row["validate-rust"]["findings"] > 0
