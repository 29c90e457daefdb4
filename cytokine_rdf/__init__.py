"""cytokine-rdf: an OWL ontology of cytokine signalling in cancer, with SHACL shapes and SPARQL templates.

The public API is re-exported here and imported lazily, so ``import cytokine_rdf`` (and the CLI's
``--help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real types for type checkers; at run time the names load on first use
    from cytokine_rdf.errors import CytokineRdfError
    from cytokine_rdf.io.graph import RdfData, load, load_ontology_graph
    from cytokine_rdf.io.serialize import serialize_graph
    from cytokine_rdf.publish.export import export
    from cytokine_rdf.sparql.engine import make_engine
    from cytokine_rdf.sparql.resolve import Resolver
    from cytokine_rdf.sparql.run import run_sparql, run_template
    from cytokine_rdf.sparql.templates import Template, load_templates
    from cytokine_rdf.terms import Term
    from cytokine_rdf.validation.gate import validate
    from cytokine_rdf.validation.reasoning import reason
    from cytokine_rdf.validation.results import Finding, ReasonerResult, Report

    __version__: str

# public name -> the module that defines it (a test checks this agrees with the imports above)
_API = {
    "load": "io.graph",
    "load_ontology_graph": "io.graph",
    "RdfData": "io.graph",
    "export": "publish.export",
    "serialize_graph": "io.serialize",
    "validate": "validation.gate",
    "Report": "validation.results",
    "Finding": "validation.results",
    "reason": "validation.reasoning",
    "ReasonerResult": "validation.results",
    "run_template": "sparql.run",
    "run_sparql": "sparql.run",
    "make_engine": "sparql.engine",
    "load_templates": "sparql.templates",
    "Template": "sparql.templates",
    "Resolver": "sparql.resolve",
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


if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt name is an error there

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))

    def __getattr__(name: str) -> Any:
        if name == "__version__":  # on demand: importlib.metadata costs ~10 ms at start-up
            from importlib.metadata import version

            return version("cytokine-rdf")
        module = _API.get(name)
        if module is None:
            raise AttributeError(f"module 'cytokine_rdf' has no attribute {name!r}")
        return getattr(import_module(f".{module}", __name__), name)
