"""A SPARQL 1.1 Protocol client and :class:`RemoteEngine`, with the standard library only.

Queries go out as GET, or as a form-encoded POST when long (see :class:`RemoteEngine`); answers
are read as SPARQL 1.1 or 1.0 JSON, SPARQL XML, TSV or CSV, and graphs as Turtle, N-Triples or
RDF/XML. Parameters are substituted as constants (:func:`~cytokine_rdf.sparql.text.substitute`),
written only by :meth:`Term.n3` (strict escaping), never spliced from user text.

Credentials come from ``CYTOKINE_RDF_USER``/``CYTOKINE_RDF_PASSWORD`` or ``~/.netrc``. Every failure
(HTTP 4xx/5xx, HTML or other non-SPARQL answers, unreachable hosts, timeouts) raises
:class:`~cytokine_rdf.errors.EndpointError` with a one-line message (exit code 2 in the CLI).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import json
import netrc
import os
import re
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox

from cytokine_rdf.errors import EndpointError, InputError
from cytokine_rdf.io.graph import check_entity_expansion
from cytokine_rdf.sparql.results import AskResult, Result, Row, finish_graph, finish_select
from cytokine_rdf.sparql.text import (
    add_prefixes,
    check_query,
    projected,
    query_form,
    substitute,
)
from cytokine_rdf.sparql.text import variables as query_variables
from cytokine_rdf.terms import Term

__all__ = [
    "DEFAULT_TIMEOUT",
    "HttpAnswer",
    "RemoteEngine",
    "credentials",
    "http_request",
]

DEFAULT_TIMEOUT = 60.0
USER_ENV = "CYTOKINE_RDF_USER"
PASSWORD_ENV = "CYTOKINE_RDF_PASSWORD"  # noqa: S105 - the name of a variable, not a password
ORIGIN_ENV = "CYTOKINE_RDF_AUTH_ORIGIN"


@dataclass(frozen=True)
class HttpAnswer:
    """A successful HTTP answer: status, media type (without parameters) and body."""

    status: int
    content_type: str
    body: bytes


# --- HTTP ---------------------------------------------------------------------------------------
def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port made explicit."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return (
        scheme,
        (parts.hostname or "").lower(),
        parts.port or {"http": 80, "https": 443}.get(scheme),
    )


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for ``url``: from the environment, else ``~/.netrc`` for the URL's host.

    Environment credentials belong to one origin: ``CYTOKINE_RDF_AUTH_ORIGIN`` when it is set
    (e.g. ``https://sparql.example.org:8890``), else the URL the user gave (the only origin the
    tool contacts; a redirect to another origin gets no credentials, see :class:`_SafeRedirects`).
    """
    user = os.environ.get(USER_ENV)
    bound = os.environ.get(ORIGIN_ENV)
    if user and (not bound or origin(bound) == origin(url)):
        return user, os.environ.get(PASSWORD_ENV, "")
    host = urllib.parse.urlsplit(url).hostname
    if not host:
        return None
    try:
        found = netrc.netrc().authenticators(host)
    except (FileNotFoundError, OSError, netrc.NetrcParseError):
        return None
    if not found:
        return None
    login, _account, password = found
    return login or "", password or ""


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(
            f"{url!r} is not an http(s) URL", hint="e.g. http://localhost:7878/query"
        )


def _shown(url: str) -> str:
    """The URL as messages show it: without a GET request's (long) ``query`` parameter."""
    parts = urllib.parse.urlsplit(url)
    kept = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if k != "query"
    ]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(kept)))


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    if "<html" in text[:500].lower():
        # the server's own message when the page quotes it (Virtuoso: <xmp>), not the page title
        quoted = re.search(r"<(xmp|pre)\b[^>]*>(.*?)</\1>", text, re.DOTALL | re.IGNORECASE)
        text = quoted.group(2) if quoted and quoted.group(2).strip() else text
        text = re.sub(r"<[^>]+>", " ", text)  # show the text of an HTML error page, not its tags
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def http_request(
    url: str,
    *,
    method: str = "POST",
    body: bytes | None = None,
    content_type: str | None = None,
    accept: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    what: str = "endpoint",
) -> HttpAnswer:
    """Send one request; return the answer or raise EndpointError (status + first body line)."""
    _check_url(url)
    shown = _shown(url)
    headers = {"User-Agent": "cytokine-rdf"}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    auth = credentials(url)
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 - checked http(s)
    deadline = time.monotonic() + timeout  # for the whole answer, not each read
    with _watchdog(timeout):
        return _exchange(request, url, method, body, headers, auth, deadline, timeout, what, shown)


def _exchange(
    request: urllib.request.Request,
    url: str,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    auth: tuple[str, str] | None,
    deadline: float,
    timeout: float,
    what: str,
    shown: str,
) -> HttpAnswer:
    try:
        try:
            return _answer(_OPENER.open(request, timeout=timeout), deadline, timeout, what, shown)
        except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError) as exc:
            # A server that wants HTTP digest (Virtuoso's /sparql-graph-crud-auth) refuses basic
            # credentials with a bare 401, often before reading a large body (a broken pipe).
            if auth is None or (isinstance(exc, urllib.error.HTTPError) and exc.code != 401):
                raise
            digest = _digest_authorization(url, method, auth, timeout)
            if digest is None:
                raise
            headers["Authorization"] = digest
            retry = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310
            return _answer(_OPENER.open(retry, timeout=timeout), deadline, timeout, what, shown)
    except urllib.error.HTTPError as exc:
        if time.monotonic() >= deadline:
            raise _timeout(what, shown, timeout) from exc
        try:  # an error page is read for its first line only: a bounded read, under the watchdog
            detail = _first_line(exc.read(_ERROR_BODY) or b"")
        except (OSError, http.client.HTTPException):
            detail = ""
        hint = (
            "check the user and password (CYTOKINE_RDF_USER/CYTOKINE_RDF_PASSWORD or ~/.netrc)"
            if exc.code in (401, 403)
            else None
        )
        raise EndpointError(
            f"{what} {shown} answered HTTP {exc.code} {exc.reason}"
            + (f": {detail}" if detail else ""),
            hint=hint,
        ) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or time.monotonic() >= deadline:
            raise _timeout(what, shown, timeout) from exc
        text = getattr(reason, "strerror", None) or str(reason)
        raise EndpointError(
            f"cannot reach {what} {shown}: {text}", hint="is the server running?"
        ) from exc
    except TimeoutError as exc:
        raise _timeout(what, shown, timeout) from exc
    except http.client.HTTPException as exc:  # a bad status line or header, a cut chunk
        if time.monotonic() >= deadline:  # the watchdog closed a connection that trickled
            raise _timeout(what, shown, timeout) from exc
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise EndpointError(
            f"{what} {shown} sent a malformed HTTP answer ({type(exc).__name__}: {detail})",
            hint="is this an HTTP SPARQL server? a proxy in between may be cutting answers",
        ) from exc
    except (ConnectionError, OSError) as exc:
        if time.monotonic() >= deadline:
            raise _timeout(what, shown, timeout) from exc
        raise EndpointError(f"{what} {shown} broke the connection: {exc}") from exc


_ERROR_BODY = 64 * 1024  # bytes of an HTTP error page read for its message
_WATCHED = threading.local()


@contextlib.contextmanager
def _watchdog(timeout: float) -> Iterator[None]:
    """Shut down every connection this request opens once ``timeout`` has passed.

    The socket timeout bounds each read, not the sum: a server that sends its status line and
    headers a byte a second would hold the tool for minutes. Shutting the socket down makes the
    read in progress fail at once, and the caller reports the timeout.
    """
    sockets: list[socket.socket] = []
    _WATCHED.sockets = sockets

    def expire() -> None:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        _WATCHED.sockets = None


def _watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            sockets = getattr(_WATCHED, "sockets", None)
            if sockets is not None and self.sock is not None:
                sockets.append(self.sock)

    return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _watched(http.client.HTTPSConnection),
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects of reads only, and never carry credentials to another origin.

    A POST or PUT turned into a GET by a 301/302 would "succeed" and store nothing, so a redirected
    write is an error that names the new address.
    """

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise EndpointError(
                f"{_shown(req.full_url)} redirects to {_shown(newurl)}, which is not HTTP(S)",
                hint="give the endpoint's final http(s) address",
            )
        if req.get_method() not in ("GET", "HEAD"):
            raise EndpointError(
                f"{_shown(req.full_url)} redirects a {req.get_method()} to {_shown(newurl)} (HTTP {code})",
                hint="send to the final address directly: a redirected write would store nothing",
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(newurl) != origin(req.full_url):
            new.remove_header("Authorization")  # credentials belong to the origin they were set for
        return new


_OPENER = urllib.request.build_opener(_SafeRedirects(), _WatchedHTTP(), _WatchedHTTPS())


def _digest_authorization(
    url: str, method: str, auth: tuple[str, str], timeout: float
) -> str | None:
    """An RFC 7616 (MD5, qop=auth) Authorization header for ``url``, from the server's challenge.

    The challenge is asked for with an empty request of the same method (an empty POST or PUT of
    N-Triples would add nothing); None when the server does not ask for digest.
    """
    headers = {"User-Agent": "cytokine-rdf"}
    probe = urllib.request.Request(url, data=b"", method=method, headers=headers)  # noqa: S310
    try:
        _OPENER.open(probe, timeout=timeout).close()
        return None
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.headers else ""
    if not challenge.lower().startswith("digest"):
        return None
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge[len("digest") :]))
    realm, nonce = fields.get("realm", ""), fields.get("nonce", "")
    if fields.get("algorithm", "MD5").upper() != "MD5" or not nonce:
        return None
    parts = urllib.parse.urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")
    ha1, ha2 = _md5(f"{auth[0]}:{realm}:{auth[1]}"), _md5(f"{method}:{uri}")
    cnonce, count = secrets.token_hex(8), "00000001"
    if "auth" in fields.get("qop", "").split(","):
        response = _md5(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}")
        extra = f', qop=auth, nc={count}, cnonce="{cnonce}"'
    else:
        response, extra = _md5(f"{ha1}:{nonce}:{ha2}"), ""
    opaque = f', opaque="{fields["opaque"]}"' if "opaque" in fields else ""
    return (
        f'Digest username="{auth[0]}", realm="{realm}", nonce="{nonce}", uri="{uri}",'
        f' algorithm=MD5, response="{response}"{extra}{opaque}'
    )


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()  # digest auth's MD5


T = TypeVar("T")
MAX_ANSWER_ENV = "CYTOKINE_RDF_MAX_ANSWER_BYTES"
_MAX_ANSWER = 1024 * 1024 * 1024  # bytes of one answer (after decompression)


def _answer(response: Any, deadline: float, timeout: float, what: str, shown: str) -> HttpAnswer:
    """Read the whole answer within ``deadline`` (monotonic time: a server sending a byte at a
    time cannot stretch ``--timeout``) and at most MAX_ANSWER bytes, decompressing gzip."""
    limit = int(os.environ.get(MAX_ANSWER_ENV) or _MAX_ANSWER)
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise EndpointError(
            f"{what} {shown} sent its answer in {encoding} encoding, which is not read"
        )
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding != "identity" else None
    parts: list[bytes] = []
    size = received = 0
    with response:
        while True:
            chunk = response.read1(65536)
            if not chunk:
                break
            received += len(chunk)
            if inflate is not None:
                try:
                    chunk = inflate.decompress(chunk, limit + 1 - size)
                except zlib.error as exc:
                    raise EndpointError(
                        f"{what} {shown} said its answer was {encoding}-compressed, but it does not decompress"
                    ) from exc
            size += len(chunk)
            parts.append(chunk)
            if size > limit:
                raise EndpointError(
                    f"{what} {shown} sent more than {limit:,} bytes",
                    hint=f"add a LIMIT to the query, or raise {MAX_ANSWER_ENV}=BYTES",
                )
            if time.monotonic() > deadline:
                raise _timeout(what, shown, timeout)
        if time.monotonic() >= deadline:  # the watchdog cut a trickle: what came is not whole
            raise _timeout(what, shown, timeout)
        promised = response.headers.get("Content-Length")
        if promised is not None and promised.strip().isdigit() and received < int(promised):
            raise EndpointError(
                f"{what} {shown} cut its answer short: {received:,} of {int(promised):,} bytes",
                hint="try again; if it persists, the server or a proxy is failing",
            )
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return HttpAnswer(response.status, media, b"".join(parts))


def _some(names: Sequence[str], most: int = 10) -> str:
    """At most ``most`` names of a list a server sent (it may send 200,000): an error stays a line."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most:,} more" if len(names) > most else "")


def _timeout(what: str, url: str, timeout: float) -> EndpointError:
    return EndpointError(
        f"{what} {url} did not answer within {timeout:g} s", hint="raise --timeout"
    )


# --- the engine ---------------------------------------------------------------------------------
METHODS = ("auto", "get", "post", "direct")
GET_LIMIT = 2000  # longest URL sent as GET by "auto" (what proxies and servers reliably accept)
RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9,"
    " text/tab-separated-values;q=0.8, text/csv;q=0.5"
)
GRAPH_ACCEPT = "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8"
_RESULT_FORMATS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
}
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


_CUT_MARKER = re.compile(rb"!(TIMEDOUT|ERROR)!\s*$")


def _with_query(url: str, params: str) -> str:
    """``url`` with ``params`` (already encoded) appended to its query string."""
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{params}"


class RemoteEngine:
    """Runs queries on a SPARQL 1.1 Protocol endpoint (e.g. ``http://localhost:7878/query``).

    ``method`` is how a query travels: ``auto`` (GET while the URL stays under 2,000 characters,
    else a form-encoded POST: what Virtuoso, Fuseki, GraphDB, QLever, Blazegraph and Oxigraph all
    accept), ``get``, ``post`` (form-encoded) or ``direct`` (``application/sparql-query`` POST,
    which Virtuoso answers without ever ending the response).

    ``default_graph`` (one IRI or several) is sent as ``default-graph-uri``: the query's default
    graph is then that graph (or their merge) instead of whatever the server makes of it (Oxigraph
    and Fuseki: the unnamed graph; Virtuoso: every graph).
    """

    name = "remote"

    def __init__(
        self,
        url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        method: str = "auto",
        default_graph: str | Sequence[str] = (),
    ) -> None:
        _check_url(url)
        if method not in METHODS:
            raise EndpointError(
                f"unknown method {method!r}", hint=f"use one of {', '.join(METHODS)}"
            )
        graphs = (default_graph,) if isinstance(default_graph, str) else tuple(default_graph)
        for graph in graphs:
            try:
                Term.iri(graph)
            except ValueError:
                raise EndpointError(
                    f"default graph {graph!r} is not an absolute IRI",
                    hint="name the graph the data was pushed into, e.g. --default-graph urn:g",
                ) from None
        self.url = url
        self.timeout = timeout
        self.method = method
        self._deadline = float("inf")
        self.default_graphs = graphs

    def query(
        self,
        text: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """Send ``text`` with ``bindings`` substituted as constants; parse the answer."""
        check_query(text)
        self._deadline = time.monotonic() + self.timeout  # download and parsing, together
        sent = substitute(add_prefixes(text, prefixes), bindings or {})
        graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        answer = self._send(sent, GRAPH_ACCEPT if graph else RESULTS_ACCEPT)
        if graph:
            return self._graph(answer)
        return self._results(answer, text)

    def _send(self, query: str, accept: str) -> HttpAnswer:
        # The dataset travels as the protocol says: default-graph-uri beside the query (in the URL
        # of a GET, the body of a form POST) or in the URL of a direct POST.
        graphs = [("default-graph-uri", g) for g in self.default_graphs]
        form = urllib.parse.urlencode([("query", query), *graphs])
        get_url = _with_query(self.url, form)
        method = self.method
        if method == "auto":
            method = "get" if len(get_url) <= GET_LIMIT else "post"
        if method == "get":
            return http_request(get_url, method="GET", accept=accept, timeout=self.timeout)
        url = self.url
        if method == "post":
            body, media = form.encode("ascii"), "application/x-www-form-urlencoded"
        else:
            body, media = query.encode("utf-8"), "application/sparql-query"
            url = _with_query(url, urllib.parse.urlencode(graphs)) if graphs else url
        return http_request(url, body=body, content_type=media, accept=accept, timeout=self.timeout)

    def _timed(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, stopping with the timeout error once ``--timeout`` has passed (a 70 MB answer
        took 34 s to turn into rows; the download alone was bounded)."""
        for count, item in enumerate(items):
            if count % 4096 == 4095 and time.monotonic() > self._deadline:
                raise _timeout("endpoint", _shown(self.url), self.timeout)
            yield item

    def _not_sparql(self, answer: HttpAnswer, expected: str) -> EndpointError:
        marker = _CUT_MARKER.search(answer.body[-200:])
        if marker is not None:  # Comunica's server ends a started answer with one of these
            if marker.group(1) == b"TIMEDOUT":
                return EndpointError(
                    f"endpoint {self.url} stopped the query at its own time limit and cut its"
                    " answer (it ends with !TIMEDOUT!)",
                    hint="give the server a longer limit (Comunica: -t SECONDS, 60 by default)",
                )
            return EndpointError(
                f"endpoint {self.url} failed while writing its answer (it ends with !ERROR!)",
                hint="see the server's log; another result format may work (Comunica fails on ASK as XML)",
            )
        shown = answer.content_type or "no content type"
        return EndpointError(
            f"endpoint {self.url} answered {shown}, not {expected}: {_first_line(answer.body)!r}",
            hint="is this the SPARQL query URL (e.g. .../query, .../sparql)?",
        )

    def _results(self, answer: HttpAnswer, text: str) -> Result:
        if answer.content_type in _RESULT_FORMATS:
            return self._other_results(answer, text)
        if "json" not in answer.content_type:
            raise self._not_sparql(answer, "SPARQL results")
        try:
            doc = json.loads(answer.body)
        except ValueError as exc:
            raise self._not_sparql(answer, "SPARQL JSON results") from exc
        if not isinstance(doc, dict):
            raise self._not_sparql(answer, "SPARQL JSON results")
        if "boolean" in doc:
            return AskResult(bool(doc["boolean"]))
        try:  # SPARQL 1.1 JSON, and 1.0's "typed-literal" (Virtuoso) through Term.from_json
            bindings = doc["results"]["bindings"]
            if "vars" not in doc["head"] and not bindings:
                # Comunica answers no solutions with {"head": {}}: an empty result, not an error
                return self._select(projected(text) or (), [], text)
            variables = tuple(str(v) for v in doc["head"]["vars"])
            stray = {str(v) for b in bindings for v in b} - set(variables)
            rows: list[Row] = [
                tuple(Term.from_json(b[v]) if v in b else None for v in variables)
                for b in self._timed(bindings)
            ]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise self._not_sparql(answer, "SPARQL JSON results") from exc
        if stray:
            raise EndpointError(
                f"endpoint {self.url} bound {_some(sorted(stray))}, which its answer's head "
                f"does not list ({_some(variables) or 'none'})",
                hint="the server's SPARQL JSON results are malformed",
            )
        return self._select(variables, rows, text)

    def _select(self, variables: tuple[str, ...], rows: list[Row], text: str) -> Result:
        """Rows, after checking that the answer's variables all come from the query."""
        unknown = sorted(set(variables) - query_variables(text))
        if unknown:
            raise EndpointError(
                f"endpoint {self.url} answered with variables the query does not have: "
                + _some([f"?{v}" for v in unknown]),
                hint="is this the SPARQL query URL of a SPARQL 1.1 server?",
            )
        return finish_select(variables, rows, text)

    def _other_results(self, answer: HttpAnswer, text: str) -> Result:
        """SPARQL XML, TSV or CSV results (CSV has no term types: values come back as literals)."""
        try:
            parsed = ox.parse_query_results(
                answer.body, format=_RESULT_FORMATS[answer.content_type]
            )
        except (SyntaxError, ValueError) as exc:
            raise self._not_sparql(answer, "valid SPARQL results") from exc
        if isinstance(parsed, ox.QueryBoolean):
            return AskResult(bool(parsed))
        variables = tuple(v.value for v in parsed.variables)
        try:
            rows: list[Row] = [
                tuple(None if t is None else Term.from_oxigraph(t) for t in solution)
                for solution in self._timed(parsed)
            ]
        except (SyntaxError, ValueError) as exc:
            raise self._not_sparql(answer, "valid SPARQL results") from exc
        return self._select(variables, rows, text)

    def _graph(self, answer: HttpAnswer) -> Result:
        fmt = _GRAPH_FORMATS.get(answer.content_type)
        if fmt is None:
            raise self._not_sparql(answer, "Turtle, N-Triples or RDF/XML")
        if fmt == ox.RdfFormat.RDF_XML:  # the same entity guard as for files
            try:
                check_entity_expansion(answer.body, f"answer from {_shown(self.url)}")
            except InputError as exc:
                raise EndpointError(exc.message, hint=exc.hint) from None
        try:
            triples = [
                (
                    Term.from_oxigraph(t.subject),
                    Term.from_oxigraph(t.predicate),
                    Term.from_oxigraph(t.object),
                )
                for t in self._timed(ox.parse(answer.body, format=fmt))
            ]
        except SyntaxError as exc:
            raise self._not_sparql(answer, "valid RDF") from exc
        return finish_graph(triples)
