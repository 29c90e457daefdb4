"""Outputs are written atomically and errors leave existing files untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cytokine_rdf.errors import OutputError
from cytokine_rdf.io.output import write_output


def test_write_replaces_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old", encoding="utf-8")
    write_output("new", target)
    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["out.ttl"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_output("x", tmp_path / "missing" / "out.ttl")


def test_directory_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_output("x", tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            write_output("x", folder / "out.ttl")
    finally:
        folder.chmod(0o700)
