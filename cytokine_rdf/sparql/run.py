"""Run templates and ad-hoc SPARQL on the packaged ontology, users' files, or an engine."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path

from cytokine_rdf.errors import QueryError
from cytokine_rdf.io.resources import read_text_file
from cytokine_rdf.sparql.engine import Engine, open_engine
from cytokine_rdf.sparql.remote import RemoteEngine
from cytokine_rdf.sparql.resolve import Resolver
from cytokine_rdf.sparql.results import Result
from cytokine_rdf.sparql.templates import Template, bind_parameters, load_templates
from cytokine_rdf.vocab import PREFIXES

__all__ = ["get_template", "read_query", "run_sparql", "run_template"]


def get_template(name: str, extra_dirs: Sequence[str | Path] = ()) -> Template:
    """Return the template called ``name`` or raise QueryError naming the close matches."""
    templates = load_templates(extra_dirs)
    if name in templates:
        return templates[name]

    close = difflib.get_close_matches(name, list(templates), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "see `cytokine-rdf query list`"
    raise QueryError(f"no template called {name!r}", hint=hint)


def run_template(
    template: Template | str,
    params: Mapping[str, str] | None = None,
    *,
    inputs: Sequence[str | Path] = (),
    engine: Engine | None = None,
    extra_dirs: Sequence[str | Path] = (),
    endpoint: str | None = None,
    default_graph: str | Sequence[str] = (),
) -> Result:
    """Run a template with ``params`` (names as users type them) on the ontology plus ``inputs``,
    on ``engine``, or on the SPARQL ``endpoint`` URL (names are resolved there too), reading
    ``default_graph`` (an IRI or several, sent as ``default-graph-uri``) as its default graph.

    >>> result = run_template("gene-xrefs", {"gene": "IL7R"})
    >>> [row["uniprot"].value for row in result]
    ['http://purl.uniprot.org/uniprot/P16871']
    """
    chosen = template if isinstance(template, Template) else get_template(template, extra_dirs)
    runner = _runner(inputs, engine, endpoint, default_graph)
    bindings = bind_parameters(chosen, params or {}, Resolver(runner))
    return runner.query(chosen.text, bindings)


def read_query(query_or_file: str) -> str:
    """Return query text: the argument itself, or the contents of the file it names."""
    candidate = Path(query_or_file)
    looks_like_file = (
        "\n" not in query_or_file
        and len(query_or_file) < 4096
        and candidate.suffix in (".rq", ".sparql", ".txt")
    )
    if looks_like_file or (
        len(query_or_file) < 4096 and "{" not in query_or_file and candidate.is_file()
    ):
        if not candidate.is_file():
            raise QueryError(
                f"{query_or_file}: no such query file", hint="give a .rq file or the query text"
            )
        return read_text_file(candidate, "SPARQL query")
    return query_or_file


def run_sparql(
    text: str,
    *,
    inputs: Sequence[str | Path] = (),
    engine: Engine | None = None,
    endpoint: str | None = None,
    default_graph: str | Sequence[str] = (),
) -> Result:
    """Run ad-hoc SPARQL on the ontology plus ``inputs``, on ``engine`` or on ``endpoint`` (reading
    ``default_graph`` as its default graph); known prefixes are predeclared.

    >>> bool(run_sparql("ASK { CYTO:0000201 rdfs:label ?label }"))
    True
    """
    return _runner(inputs, engine, endpoint, default_graph).query(text, prefixes=PREFIXES)


def _runner(
    inputs: Sequence[str | Path],
    engine: Engine | None,
    endpoint: str | None,
    default_graph: str | Sequence[str] = (),
) -> Engine:
    if sum(x is not None for x in (engine, endpoint)) + bool(inputs) > 1:
        raise QueryError(
            "give one of inputs, engine or endpoint",
            hint="an endpoint runs on the server's data: push files there first",
        )
    if endpoint is not None:
        return RemoteEngine(endpoint, default_graph=default_graph)
    if default_graph:
        raise QueryError(
            "default_graph names a graph of a remote store: give endpoint too",
            hint="local data has one default graph: the ontology plus the inputs",
        )
    return engine or open_engine(inputs)
