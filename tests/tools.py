"""Finding the external tools tests need; a missing tool skips locally and fails under CI=true."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

__all__ = ["MISSING", "find_tool", "generate_observations", "one_worker", "requires_tool"]

MISSING = "missing tool: "  # the skip-reason prefix that conftest turns into a failure under CI


def one_worker(name: str) -> pytest.MarkDecorator:
    """Tests sharing an expensive session or module fixture, kept on one pytest-xdist worker
    (`--dist loadgroup`) so that the fixture is built once, not once per worker."""
    return pytest.mark.xdist_group(name)


def find_tool(name: str) -> str | None:
    """The tool next to this Python first (a venv's console scripts are not on PATH), then on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def requires_tool(name: str, why: str) -> pytest.MarkDecorator:
    """Skip the test when ``name`` is missing (under CI=true the skip becomes a failure)."""
    return pytest.mark.skipif(find_tool(name) is None, reason=f"{MISSING}{name} ({why})")


def no_query_thread_left(seconds: float = 10) -> bool:
    """Whether every local query thread (``cytokine-rdf-query``) has ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while any(t.name == "cytokine-rdf-query" for t in threading.enumerate()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def generate_observations(out: Path, triples: int, *, seed: int, defect_rate: float) -> None:
    """About ``triples`` triples of observations in ``out``, from the benchmark's own generator
    (``benchmarks/generate.py``, loaded as a module: the benchmarks are not a package)."""
    path = Path(__file__).parent.parent / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate(triples, out, seed=seed, defect_rate=defect_rate)
