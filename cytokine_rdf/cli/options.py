"""Options shared by several commands (same short flags everywhere: -i -o -f -p)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "INPUT",
    "OUTPUT",
    "REASONER",
    "EngineOptions",
    "build_engine",
    "engine_options",
    "format_option",
]

INPUT = click.option(
    "-i",
    "--input",
    "inputs",
    multiple=True,
    metavar="DATA",
    help="An RDF file to add to the packaged ontology (repeatable; format from extension or content).",
)
OUTPUT = click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Write here instead of stdout (atomically: an existing file is never left half-written).",
)


def format_option(choices: tuple[str, ...], default: str) -> Callable[[F], F]:
    """A ``-f/--format`` option with ``choices``."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _force_progress(_ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from cytokine_rdf.io.progress import set_forced

        set_forced(True)


PROGRESS = click.option(
    "--progress",
    is_flag=True,
    expose_value=False,
    callback=_force_progress,
    help="Show progress (bars, and each long step with its time) on stderr even when it is not a "
    "terminal; on a terminal it shows anyway.",
)

RESULT_FORMAT = click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "csv-safe", "tsv", "json", "ttl", "nt")),
    default=None,
    help="Output format. [default: table for SELECT and ASK, ttl for CONSTRUCT and DESCRIBE] "
    "csv-safe: CSV for spreadsheets, a value starting with = + - @ is prefixed with ' so that it "
    "is never run as a formula.",
)

FULL = click.option(
    "--full",
    is_flag=True,
    help="Show every table cell whole (a table on a terminal is fitted to its width).",
)


def table_width(output: str | None, full: bool) -> int | None:
    """The width to fit a table to: the terminal's, when the table goes to one; else None."""
    import shutil
    import sys

    if full or (output not in (None, "-")) or not sys.stdout.isatty():
        return None  # piped or written to a file: every cell whole, plain
    return shutil.get_terminal_size().columns


def result_format(fmt: str | None, form: str) -> str:
    """``-f`` as given, else by query form: a table for SELECT and ASK, Turtle for a graph."""
    return fmt or ("table" if form in ("SELECT", "ASK") else "ttl")


# --- engine options (query run, sparql): where the query runs ------------------------------------
_ENGINE_OPTIONS = (
    click.option(
        "--endpoint",
        metavar="URL",
        default=None,
        help="Run on a remote SPARQL 1.1 endpoint (e.g. http://localhost:7878/query) instead of local data; "
        "credentials from CYTOKINE_RDF_USER/CYTOKINE_RDF_PASSWORD or ~/.netrc.",
    ),
    click.option(
        "--default-graph",
        "default_graph",
        multiple=True,
        metavar="IRI",
        help="With --endpoint: read this graph as the default graph (sent as default-graph-uri;"
        " repeatable, the graphs are merged), e.g. the --graph a push wrote to. Without it the"
        " server decides (Oxigraph, Fuseki: the unnamed graph; Virtuoso: every graph).",
    ),
    click.option(
        "--timeout",
        metavar="S",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        help="Seconds the query may take, answer included [default: 60 on an endpoint, no limit"
        " locally]. Ctrl-C stops a local query too.",
    ),
    click.option(
        "--method",
        type=click.Choice(("auto", "get", "post", "direct")),
        default="auto",
        show_default=True,
        help="How queries reach the endpoint: auto (GET, form POST when long), get, post (form) or"
        " direct (application/sparql-query POST).",
    ),
    click.option(
        "--store",
        "store_dir",
        metavar="DIR",
        default=None,
        callback=lambda _ctx, _param, value: _folder_not_url(value),
        help="Keep the loaded data in an on-disk store in DIR; unchanged files are not loaded again.",
    ),
    click.option(
        "--engine",
        type=click.Choice(("oxigraph", "rdflib")),
        default="oxigraph",
        show_default=True,
        help="Local SPARQL engine (rdflib is the slow reference implementation).",
    ),
    PROGRESS,
    click.option(
        "--allow-service",
        "allow_service",
        multiple=True,
        metavar="HOST",
        help="Let a local query's SERVICE clauses reach this host (repeatable); none by default.",
    ),
)


@dataclass(frozen=True)
class EngineOptions:
    """Where a query runs, as chosen by ``--endpoint --default-graph --timeout --method --store --engine``."""

    endpoint: str | None
    timeout: float | None
    method: str
    store_dir: str | None
    engine: str
    allow_service: tuple[str, ...] = ()
    default_graph: tuple[str, ...] = ()


def engine_options(func: F) -> F:
    """Add the engine options; the command receives them as one ``engine_choice`` argument."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        chosen = EngineOptions(
            *(
                kwargs.pop(k)
                for k in (
                    "endpoint",
                    "timeout",
                    "method",
                    "store_dir",
                    "engine",
                    "allow_service",
                    "default_graph",
                )
            )
        )
        return func(*args, engine_choice=chosen, **kwargs)

    for option in reversed(_ENGINE_OPTIONS):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def _folder_not_url(value: str | None) -> str | None:
    """``--store`` of a query is a folder; a URL there is a usage error, not a folder named ``http:``."""
    if value is not None and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value):
        raise click.BadParameter(
            f"{value!r} is a URL, but --store here is a folder for the on-disk store: "
            "query a SPARQL endpoint with --endpoint URL, upload with `cytokine-rdf push --store URL`"
        )
    return value


def build_engine(inputs: tuple[str, ...], options: EngineOptions) -> Any:
    """The engine the options ask for (an ``Engine``; typed Any to keep the CLI import light)."""
    from cytokine_rdf.sparql.engine import open_engine

    return open_engine(
        inputs,
        engine=options.engine,
        endpoint=options.endpoint,
        timeout=options.timeout,
        store=options.store_dir,
        method=options.method,
        allow_service=options.allow_service,
        default_graph=options.default_graph,
    )


REASONER = click.option(
    "--reasoner",
    type=click.Choice(["hermit", "structural"]),
    default="hermit",
    show_default=True,
    help="hermit (OWL 2 DL, needs Java) or structural (Java-free; disjointness clashes and cycles only).",
)
