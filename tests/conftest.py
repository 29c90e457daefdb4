"""Shared fixtures: the packaged ontology is parsed once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from tools import MISSING

from cytokine_rdf.io.graph import load_ontology_graph

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture(scope="session")
def ontology_graph() -> rdflib.Graph:
    """The packaged ontology (edit file + import modules) as one rdflib graph."""
    return load_ontology_graph()


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
