"""The examples in the public API's docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "cytokine_rdf.display",
    "cytokine_rdf.io.canonical",
    "cytokine_rdf.sparql.results",
    "cytokine_rdf.sparql.run",
    "cytokine_rdf.terms",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0
