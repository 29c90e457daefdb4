"""Packaged folders are found, and every data file in them parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from cytokine_rdf.io.graph import load
from cytokine_rdf.io.resources import iter_resources, resource_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["ontology", "shapes", "queries"])
def test_checkout_folders_are_found(kind: str) -> None:
    assert resource_dir(kind) == ROOT / kind  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path",
    iter_resources("ontology", ".ttl") + iter_resources("shapes", ".ttl"),
    ids=lambda p: p.name,
)
def test_every_packaged_turtle_file_parses(path: Path) -> None:
    assert len(load([path], include_ontology=False)) > 0
