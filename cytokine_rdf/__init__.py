"""cytokine-rdf: an OWL ontology of cytokine signalling in cancer, with SHACL shapes and SPARQL templates.

The public API is re-exported here and imported lazily, so ``import cytokine_rdf`` (and the CLI's
``--help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "load": "graph",
    "load_ontology_graph": "graph",
    "RdfData": "graph",
    "export": "export",
    "serialize_graph": "export",
    "validate": "validate",
    "Report": "validate",
    "Finding": "validate",
    "reason": "reason",
    "ReasonerResult": "reason",
    "run_template": "sparql",
    "run_sparql": "sparql",
    "make_engine": "sparql",
    "load_templates": "templates",
    "Template": "templates",
    "Resolver": "resolve",
    "Term": "terms",
    "CytokineRdfError": "errors",
}

__all__ = [
    "CytokineRdfError",
    "Finding",
    "RdfData",
    "ReasonerResult",
    "Report",
    "Resolver",
    "Template",
    "Term",
    "__version__",
    "export",
    "load",
    "load_ontology_graph",
    "load_templates",
    "make_engine",
    "reason",
    "run_sparql",
    "run_template",
    "serialize_graph",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # looked up on demand: importlib.metadata costs ~10 ms at start-up
        from importlib.metadata import version

        return version("cytokine-rdf")
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'cytokine_rdf' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
