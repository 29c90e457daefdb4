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


def test_a_symlink_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real.ttl"]


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output("through the pipe", fifo)
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not a regular file


def test_dev_null_stays_a_device() -> None:
    import stat

    write_output("discarded", "/dev/null")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_symlink_loop_is_an_output_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OutputError):
        write_output("x", a)


def test_no_temporary_file_is_left_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output("x", tmp_path / "out.ttl")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_sigterm_exits_143_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    cli = Path(sys.executable).parent / "cytokine-rdf"
    process = subprocess.Popen(
        [str(cli), "validate", "-f", "json", "-o", str(tmp_path / "report.json")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)  # loading and checking take several seconds
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert list(tmp_path.iterdir()) == []
