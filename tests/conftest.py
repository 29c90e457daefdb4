"""Shared fixtures: the packaged ontology is parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

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
