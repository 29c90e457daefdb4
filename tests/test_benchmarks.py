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
