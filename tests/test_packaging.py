"""The wheel ships exactly the tracked ontology/, shapes/ and queries/ files, byte for byte."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_SUFFIXES = (".ttl", ".rq", ".xml", ".md", ".tsv")


def _tracked() -> dict[str, bytes]:
    listed = subprocess.run(
        ["git", "ls-files", "ontology", "shapes", "queries"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    files = [f for f in listed.stdout.split() if f.endswith(DATA_SUFFIXES) and (ROOT / f).is_file()]
    return {f"cytokine_rdf/data/{f}": (ROOT / f).read_bytes() for f in files}


@pytest.mark.slow
def test_wheel_data_files_equal_the_tracked_ones(tmp_path: Path) -> None:
    tracked = _tracked()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("cytokine_rdf/data/") and name.endswith(DATA_SUFFIXES)
        }
        assert "cytokine_rdf/py.typed" in archive.namelist()
    assert tracked, "no tracked data files"
    assert shipped.keys() == tracked.keys()
    assert shipped == tracked
