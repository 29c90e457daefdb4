"""Shared fixtures: the packaged ontology is parsed once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import Result
from tools import MISSING, no_query_thread_left

from cytokine_rdf.io.graph import RdfData, load, load_ontology_graph

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture(scope="session")
def ontology_graph() -> rdflib.Graph:
    """The packaged ontology (edit file + import modules) as one rdflib graph."""
    return load_ontology_graph()


@pytest.fixture(scope="session")
def docs_command(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """`cytokine-rdf docs -o DIR` on the packaged ontology, run once per session (and worker: its
    tests share one_worker("site")): about 6 s CPU a build."""
    from click.testing import CliRunner

    from cytokine_rdf.cli.main import main

    folder = tmp_path_factory.mktemp("site")
    return folder, CliRunner().invoke(main, ["docs", "-o", str(folder)])


@pytest.fixture(scope="session")
def packaged_site(docs_command: tuple[Path, Result]) -> Path:
    """The packaged ontology's HTML site."""
    folder, result = docs_command
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def il7_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ontology's own IL-7 pathway exported as a GO-CAM model (Turtle)."""
    from cytokine_rdf.io.serialize import serialize_graph
    from cytokine_rdf.publish.export import export_gocam

    path = tmp_path_factory.mktemp("gocam") / "il7.ttl"
    (model,) = export_gocam(pathways=["IL7"]).values()
    path.write_bytes(serialize_graph(model, "ttl"))
    return path


@pytest.fixture(scope="session")
def ontology_with_model(il7_model_file: Path) -> RdfData:
    """The ontology plus its IL-7 GO-CAM model, so that the GO-CAM templates find rows."""
    return load([il7_model_file])


@pytest.fixture
def data_path() -> Path:
    """The folder of small hand-written test fixtures."""
    return DATA


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under CI=true a test skipped for a missing tool fails, naming the tool: CI must install it."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if MISSING in reason:
            report.outcome = "failed"
            report.longrepr = (
                f"{reason.split(MISSING, 1)[1]} is missing and CI=true: install it in scripts/setup"
            )


@pytest.fixture(autouse=True)
def _no_query_left_running() -> Iterator[None]:
    """A test must not leave a local query running: it would take a core (or the GIL) from every
    test after it in this worker."""
    yield
    assert no_query_thread_left(), "a query thread outlived its test"
