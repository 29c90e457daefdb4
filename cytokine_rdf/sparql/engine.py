"""SPARQL engines behind one interface: pyoxigraph (default), rdflib, and remote endpoints.

Every engine returns the same result objects built from :class:`~cytokine_rdf.terms.Term`, so the
writers, tests and users see identical rows whichever engine ran the query.
"""

from __future__ import annotations

import ctypes
import importlib
import re
import threading
import time
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import pyoxigraph as ox

from cytokine_rdf.errors import CytokineRdfError, QueryError
from cytokine_rdf.io.graph import load
from cytokine_rdf.io.labels import add_offline_labels
from cytokine_rdf.io.store import open_store
from cytokine_rdf.sparql import regex
from cytokine_rdf.sparql.remote import DEFAULT_TIMEOUT, RemoteEngine
from cytokine_rdf.sparql.results import AskResult, Result, Row, finish_graph, finish_select
from cytokine_rdf.sparql.text import (
    bind_locally,
    check_query,
    check_services,
    project_variables,
    service_hosts,
)
from cytokine_rdf.terms import Term

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from cytokine_rdf.io.graph import RdfData

ENGINES = ("oxigraph", "rdflib")

__all__ = [
    "ENGINES",
    "Engine",
    "OxigraphEngine",
    "RdflibEngine",
    "make_engine",
    "open_engine",
]


class Engine(Protocol):
    """Runs SPARQL with pre-bound parameters (never spliced into the text by local engines)."""

    name: str

    def query(
        self,
        text: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """Run ``text`` with ``bindings`` (variable name without ``?`` -> term); ``prefixes`` are defaults."""
        ...


T = TypeVar("T")


class OxigraphEngine:
    """SPARQL on the in-process pyoxigraph store (the default engine)."""

    name = "oxigraph"

    def __init__(
        self, data: RdfData, *, allow_service: Collection[str] = (), timeout: float | None = None
    ) -> None:
        self.store = data.store
        self.allow_service = tuple(allow_service)  # hosts SERVICE may reach (none by default)
        self.timeout = timeout  # seconds a query may run (None: no limit)

    def query(
        self,
        text: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """Run ``text`` on the store; ``bindings`` as constants, else SEP-0007 (:func:`bind_locally`)."""
        check_query(text)
        check_services(text, self.allow_service)
        text, bindings = bind_locally(text, bindings or {})
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v.to_oxigraph() for k, v in (bindings or {}).items()
        }
        # pyoxigraph substitutes only projected variables (SEP-0007): project the bound ones, drop them after
        run_text, added = (
            project_variables(text, sorted(bindings or {})) if substitutions else (text, [])
        )
        return bounded(
            lambda: self._evaluate(run_text, substitutions, prefixes, added, text), self.timeout
        )

    def _evaluate(
        self,
        run_text: str,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
        prefixes: Mapping[str, str] | None,
        added: list[str],
        text: str,
    ) -> Result:
        # The error is raised only after the except clause ends: pyoxigraph's lazy solutions may
        # only be dropped in the thread that made them, and a traceback kept alive by the error
        # would drop them in the caller's ("PyQuerySolutions is unsendable").
        error: QueryError
        try:
            return self._answer(run_text, substitutions, prefixes, added, text)
        except SyntaxError as exc:
            error = QueryError(syntax_message(str(exc)), hint="fix the query at that position")
        except (OSError, ValueError, RuntimeError) as exc:
            hosts = service_hosts(text)
            if hosts:
                error = QueryError(
                    f"query failed: a SERVICE call to {', '.join(hosts)} did not succeed "
                    f"({_clean(exc)})",
                    hint="check the network connection, or run the query where the service is "
                    "with --endpoint URL",
                )
            else:
                error = QueryError(f"query failed: {_clean(exc)}")
        raise error

    def _answer(
        self,
        run_text: str,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
        prefixes: Mapping[str, str] | None,
        added: list[str],
        text: str,
    ) -> Result:
        answer = self.store.query(
            run_text, substitutions=substitutions or None, prefixes=dict(prefixes or {}) or None
        )
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables if v.value not in added)
            rows: list[Row] = [
                tuple(None if s[v] is None else Term.from_oxigraph(s[v]) for v in variables)
                for s in answer
            ]
            return finish_select(variables, rows, text)
        triples = [
            (
                Term.from_oxigraph(t.subject),
                Term.from_oxigraph(t.predicate),
                Term.from_oxigraph(t.object),
            )
            for t in answer
        ]
        return finish_graph(triples)


def bounded(work: Callable[[], T], timeout: float | None) -> T:
    """Run ``work`` (a local query) in a worker thread and wait for it at most ``timeout`` seconds.

    pyoxigraph evaluates without the GIL, so the waiting main thread still takes Ctrl-C (exit 130)
    and enforces ``--timeout`` on local engines too. A query that runs out of time is told to stop
    rather than left to use a core for as long as the process lives (:func:`_stop`).
    """
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            try:
                box["value"] = work()
            except _Stopped:  # dropped here: pyoxigraph's solutions may not leave this thread
                box["stopped"] = True
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc
        except _Stopped:
            pass  # a second notice that arrived while the first was being handled

    worker = threading.Thread(target=run, name="cytokine-rdf-query", daemon=True)
    worker.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    while worker.is_alive():
        worker.join(0.05)
        if deadline is not None and time.monotonic() > deadline and worker.is_alive():
            _stop(worker, box)
            raise QueryError(
                f"the query did not finish within {timeout:g} s",
                hint="raise --timeout, or narrow the query (a LIMIT, fewer unbound patterns)",
            )
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


class _Stopped(BaseException):
    """Raised inside a query thread whose caller has given up on it (a BaseException, so no
    ``except Exception`` on the way turns it into an answer)."""


def _stop(worker: threading.Thread, box: dict[str, Any]) -> None:
    """Raise :class:`_Stopped` in ``worker`` at its next Python bytecode: rdflib stops at once,
    pyoxigraph when its current solution is out (one aggregate over a huge join still runs to its
    end: pyoxigraph offers no way to cancel a query). Said again for up to a second, as rdflib's
    bare ``except:`` clauses can swallow it."""
    until = time.monotonic() + 1
    while "stopped" not in box and worker.ident and worker.is_alive() and time.monotonic() < until:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(worker.ident), ctypes.py_object(_Stopped)
        )
        worker.join(0.2)


class RdflibEngine:
    """SPARQL on rdflib's pure-Python engine (reference implementation; slow on large data)."""

    name = "rdflib"

    def __init__(
        self, data: RdfData, *, allow_service: Collection[str] = (), timeout: float | None = None
    ) -> None:
        regex.install(
            regex.RDFLIB_SPARQL
        )  # REGEX in linear time: Python's re can backtrack for minutes, holding the GIL
        # `||` and `&&` that stop once decided; imported here as it builds rdflib's SPARQL parser
        importlib.import_module("cytokine_rdf.sparql.rdflib_logic").install()
        self.graph = data.rdflib_graph()
        self.allow_service = tuple(allow_service)  # hosts SERVICE may reach (none by default)
        self.timeout = timeout  # seconds a query may run (None: no limit)

    def query(
        self,
        text: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """Run ``text`` with ``bindings`` as constants, else rdflib ``initBindings``."""
        check_query(text)
        check_services(text, self.allow_service)
        text, bindings = bind_locally(text, bindings or {})
        init = {k: v.to_rdflib() for k, v in (bindings or {}).items()}
        return bounded(lambda: self._evaluate(text, init, prefixes), self.timeout)

    def _evaluate(
        self, text: str, init: dict[str, Any], prefixes: Mapping[str, str] | None
    ) -> Result:
        try:
            answer = self.graph.query(text, initBindings=init, initNs=dict(prefixes or {}))
            if answer.type == "ASK":
                return AskResult(bool(answer.askAnswer))
            if answer.type == "SELECT":
                variables = tuple(str(v) for v in answer.vars or ())
                rows: list[Row] = [
                    tuple(None if value is None else Term.from_rdflib(value) for value in row)  # type: ignore[union-attr]
                    for row in answer
                ]
                return finish_select(variables, rows, text)
            graph: Any = answer  # a CONSTRUCT answer yields triples
            triples = [
                (Term.from_rdflib(s), Term.from_rdflib(p), Term.from_rdflib(o)) for s, p, o in graph
            ]
        except Exception as exc:  # pyparsing and rdflib raise many exception types
            raise QueryError(f"SPARQL error: {_clean(exc)}") from exc
        return finish_graph(triples)


def syntax_message(raw: str) -> str:
    """``error at 1:35: expected one of ...`` -> ``SPARQL syntax error at line 1, column 35: ...``."""
    match = re.search(r"at (\d+):(\d+): ?(.*)", raw, re.DOTALL)
    if not match:
        return f"SPARQL syntax error: {' '.join(raw.split())[:200]}"
    line, column, rest = match.groups()
    rest = " ".join(rest.split())
    return f"SPARQL syntax error at line {line}, column {column}: {rest[:120]}{'...' if len(rest) > 120 else ''}"


def _clean(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def make_engine(
    data: RdfData,
    name: str = "oxigraph",
    *,
    allow_service: Collection[str] = (),
    timeout: float | None = None,
) -> Engine:
    """Return the named local engine (``oxigraph`` or ``rdflib``) over ``data``; ``SERVICE``
    clauses may reach only the hosts in ``allow_service``; a query may run ``timeout`` seconds."""
    if name == "oxigraph":
        return OxigraphEngine(data, allow_service=allow_service, timeout=timeout)
    if name == "rdflib":
        return RdflibEngine(data, allow_service=allow_service, timeout=timeout)
    raise CytokineRdfError(f"unknown engine {name!r}", hint=f"use one of {', '.join(ENGINES)}")


def open_engine(
    inputs: Sequence[str | Path] = (),
    *,
    engine: str = "oxigraph",
    endpoint: str | None = None,
    timeout: float | None = None,
    store: str | Path | None = None,
    method: str = "auto",
    allow_service: Collection[str] = (),
    default_graph: Sequence[str] = (),
) -> Engine:
    """Build the engine the CLI options ask for (``method``: how queries reach an endpoint,
    ``default_graph``: the graphs it reads as its default graph).

    ``endpoint`` -> a :class:`~cytokine_rdf.sparql.remote.RemoteEngine` (no local data); ``store`` -> the
    persistent on-disk store in that folder (loading skipped when the files are unchanged); else an
    in-memory store with the packaged ontology plus ``inputs``. ``engine`` picks oxigraph or rdflib;
    ``allow_service`` names the hosts a local query's ``SERVICE`` may reach.
    """

    if engine not in ENGINES:
        raise CytokineRdfError(
            f"unknown engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}"
        )
    if endpoint is not None:
        if inputs or store is not None:
            raise CytokineRdfError(
                "--endpoint runs on the remote store: -i/--store cannot be combined with it",
                hint="upload the files first with `cytokine-rdf push`",
            )

        return RemoteEngine(
            endpoint,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            method=method,
            default_graph=default_graph,
        )
    if default_graph:
        raise CytokineRdfError(
            "--default-graph names a graph of a remote store: it needs --endpoint URL",
            hint="local data has one default graph: the ontology plus -i files",
        )
    if store is not None:
        data, _status = open_store(store, inputs)
    else:
        data = load(inputs)
        if inputs:  # users' GO-CAM models name GO/RO/ECO/CL terms by IRI only: label them
            add_offline_labels(data.store)
    return make_engine(data, engine, allow_service=allow_service, timeout=timeout)
