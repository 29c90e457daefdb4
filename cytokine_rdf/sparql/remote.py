"""A SPARQL 1.1 Protocol client and :class:`RemoteEngine`, with the standard library only.

Queries are sent as ``POST`` with ``Content-Type: application/sparql-query``; SELECT/ASK ask for
SPARQL 1.1 Results JSON, CONSTRUCT/DESCRIBE for Turtle (N-Triples accepted). Parameters are bound
without changing the query's structure: a ``VALUES (?_x ...) { (<term> ...) }`` block becomes the
first element of the outermost WHERE group, found by a small tokenizer that skips comments, strings
and IRIs; terms are written only with :meth:`Term.n3` (strict escaping).

Credentials come from ``CYTOKINE_RDF_USER``/``CYTOKINE_RDF_PASSWORD`` or ``~/.netrc``. Every failure
(HTTP 4xx/5xx, HTML or other non-SPARQL answers, unreachable hosts, timeouts) raises
:class:`~cytokine_rdf.errors.EndpointError` with a one-line message (exit code 2 in the CLI).
"""

from __future__ import annotations

import base64
import json
import netrc
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from cytokine_rdf.errors import EndpointError, QueryError
from cytokine_rdf.sparql.results import AskResult, Result, Row, finish_graph, finish_select
from cytokine_rdf.sparql.text import mask, query_form
from cytokine_rdf.terms import Term

__all__ = [
    "DEFAULT_TIMEOUT",
    "HttpAnswer",
    "RemoteEngine",
    "credentials",
    "http_request",
    "insert_values",
]

DEFAULT_TIMEOUT = 60.0
USER_ENV = "CYTOKINE_RDF_USER"
PASSWORD_ENV = "CYTOKINE_RDF_PASSWORD"  # noqa: S105 - the name of a variable, not a password
JSON_RESULTS = "application/sparql-results+json"
GRAPH_ACCEPT = "text/turtle, application/n-triples;q=0.9"


@dataclass(frozen=True)
class HttpAnswer:
    """A successful HTTP answer: status, media type (without parameters) and body."""

    status: int
    content_type: str
    body: bytes


# --- HTTP ---------------------------------------------------------------------------------------
def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) from the environment, else from ``~/.netrc`` for the URL's host."""
    user = os.environ.get(USER_ENV)
    if user:
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


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    if "<html" in text[:500].lower():
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
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read()
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return HttpAnswer(response.status, media, data)
    except urllib.error.HTTPError as exc:
        detail = _first_line(exc.read() or b"")
        hint = (
            "check the user and password (CYTOKINE_RDF_USER/CYTOKINE_RDF_PASSWORD or ~/.netrc)"
            if exc.code in (401, 403)
            else None
        )
        raise EndpointError(
            f"{what} {url} answered HTTP {exc.code} {exc.reason}"
            + (f": {detail}" if detail else ""),
            hint=hint,
        ) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise _timeout(what, url, timeout) from exc
        text = getattr(reason, "strerror", None) or str(reason)
        raise EndpointError(
            f"cannot reach {what} {url}: {text}", hint="is the server running?"
        ) from exc
    except TimeoutError as exc:
        raise _timeout(what, url, timeout) from exc
    except (ConnectionError, OSError) as exc:
        raise EndpointError(f"{what} {url} broke the connection: {exc}") from exc


def _timeout(what: str, url: str, timeout: float) -> EndpointError:
    return EndpointError(
        f"{what} {url} did not answer within {timeout:g} s", hint="raise --timeout"
    )


# --- binding parameters without changing the query's structure ----------------------------------
_TOKEN = re.compile(r"[{}()]|[?$][A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_-]*")


def _tokens(text: str) -> list[tuple[int, str]]:
    """Significant tokens with their offsets: words, braces, parentheses (strings/IRIs/comments skipped)."""
    masked = mask(text)
    out: list[tuple[int, str]] = []
    for match in _TOKEN.finditer(masked):
        offset, lexeme = match.start(), match.group()
        if lexeme[0] in "?$":
            out.append((offset, "?" + lexeme[1:]))
        elif lexeme in ("{", "}", "(", ")"):
            out.append((offset, lexeme))
        elif offset == 0 or not (masked[offset - 1].isalnum() or masked[offset - 1] in ":_"):
            out.append((offset, lexeme.upper()))
    return out


def _where_brace(text: str) -> int | None:
    """Offset of the ``{`` opening the outermost WHERE group; None for ``CONSTRUCT WHERE {...}``."""
    tokens = _tokens(text)
    form_at = next(
        (
            k
            for k, (_, tok) in enumerate(tokens)
            if tok in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
        ),
        None,
    )
    if form_at is None:
        raise QueryError("cannot find SELECT, CONSTRUCT, ASK or DESCRIBE in the query")
    k = form_at + 1
    if tokens[form_at][1] == "CONSTRUCT":
        if k < len(tokens) and tokens[k][1] == "WHERE":
            return None  # short form: the template is the pattern; VALUES cannot go inside it
        depth = 0
        while k < len(tokens):  # skip the template
            tok = tokens[k][1]
            depth += tok == "{"
            depth -= tok == "}"
            k += 1
            if tok == "}" and depth == 0:
                break
    parens = 0
    for offset, tok in tokens[k:]:
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{" and parens == 0:
            return offset
    raise QueryError("cannot find the WHERE group of the query")


def values_block(bindings: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for the bindings (strictly escaped via Term.n3)."""
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
        if bindings[name].kind == "bnode":
            raise QueryError(f"cannot send a blank node as parameter ?{name} to an endpoint")
    variables = " ".join("?" + n for n in names)
    terms = " ".join(bindings[n].n3() for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def _groups(text: str, start: int) -> list[tuple[int, int]]:
    """(open, close) offsets of every group pattern from the WHERE brace at ``start`` on (not VALUES data)."""
    tokens = [(o, t) for o, t in _tokens(text) if o >= start]
    stack: list[tuple[int, bool]] = []
    out: list[tuple[int, int]] = []
    data_block = False
    for offset, tok in tokens:
        if tok == "VALUES":
            data_block = True
        elif tok == "{":
            stack.append((offset, data_block))
            data_block = False
        elif tok == "}" and stack:
            opened, is_data = stack.pop()
            if not is_data:
                out.append((opened, offset))
            if not stack:
                break
    return out


def insert_values(text: str, bindings: Mapping[str, Term]) -> str:
    """Bind parameters with ``VALUES`` blocks, never changing the query's structure.

    The block goes first in the outermost WHERE group, and also first in every nested group that
    mentions a parameter (a FILTER in an inner group or a UNION branch is evaluated on its own, so
    only a block there gives the same answers as binding the variable before evaluation).
    """
    if not bindings:
        return text
    values_block(bindings)  # validates names and terms
    brace = _where_brace(text)
    if brace is None:  # CONSTRUCT WHERE { }: a trailing VALUES clause is the only legal place
        return f"{text.rstrip()}\n{values_block(bindings)}\n"
    inserts: list[tuple[int, str]] = []
    for opened, closed in _groups(text, brace):
        body = text[opened:closed]
        used = {
            n: t
            for n, t in bindings.items()
            if re.search(rf"[?$]{re.escape(n)}(?![A-Za-z0-9_])", body)
        }
        if opened == brace:
            used = dict(bindings)
        if used:
            inserts.append((opened + 1, f" {values_block(used)}"))
    # after the WHERE group (GROUP BY, HAVING, ORDER BY) a VALUES binding is out of scope, so a
    # parameter there is replaced by its term, as SPARQL's pre-binding (SEP-0007) does
    end = max(
        (closed for opened, closed in _groups(text, brace) if opened == brace), default=len(text)
    )
    for offset, tok in _tokens(text):
        if offset > end and tok.startswith("?") and tok[1:] in bindings:
            inserts.append((offset, "\0" + tok))
    for offset, block in sorted(inserts, reverse=True):
        if block.startswith("\0"):
            name = block[2:]
            text = text[:offset] + bindings[name].n3() + text[offset + len(name) + 1 :]
        else:
            text = text[:offset] + block + text[offset:]
    return text


def _with_prefixes(text: str, prefixes: Mapping[str, str] | None) -> str:
    if not prefixes:
        return text
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", text, re.IGNORECASE)}
    extra = [
        f"PREFIX {p}: <{ns}>"
        for p, ns in prefixes.items()
        if p.lower() not in declared and f"{p}:" in text
    ]
    return "\n".join([*extra, text]) if extra else text


# --- the engine ---------------------------------------------------------------------------------
class RemoteEngine:
    """Runs queries on a SPARQL 1.1 Protocol endpoint (e.g. ``http://localhost:7878/query``)."""

    name = "remote"

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        _check_url(url)
        self.url = url
        self.timeout = timeout

    def query(
        self,
        text: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """Send ``text`` with ``bindings`` inserted as VALUES; parse SPARQL JSON or Turtle."""
        sent = insert_values(_with_prefixes(text, prefixes), bindings or {})
        form = query_form(text)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        answer = http_request(
            self.url,
            body=sent.encode("utf-8"),
            content_type="application/sparql-query",
            accept=GRAPH_ACCEPT if graph else JSON_RESULTS,
            timeout=self.timeout,
        )
        if graph:
            return self._graph(answer)
        return self._results(answer, text)

    def _not_sparql(self, answer: HttpAnswer, expected: str) -> EndpointError:
        shown = answer.content_type or "no content type"
        return EndpointError(
            f"endpoint {self.url} answered {shown}, not {expected}: {_first_line(answer.body)!r}",
            hint="is this the SPARQL query URL (e.g. .../query, .../sparql)?",
        )

    def _results(self, answer: HttpAnswer, text: str) -> Result:
        if "json" not in answer.content_type:
            raise self._not_sparql(answer, "SPARQL JSON results")
        try:
            doc = json.loads(answer.body)
        except ValueError as exc:
            raise self._not_sparql(answer, "SPARQL JSON results") from exc
        if not isinstance(doc, dict):
            raise self._not_sparql(answer, "SPARQL JSON results")
        if "boolean" in doc:
            return AskResult(bool(doc["boolean"]))
        try:
            variables = tuple(str(v) for v in doc["head"]["vars"])
            rows: list[Row] = [
                tuple(Term.from_json(b[v]) if v in b else None for v in variables)
                for b in doc["results"]["bindings"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise self._not_sparql(answer, "SPARQL JSON results") from exc
        return finish_select(variables, rows, text)

    def _graph(self, answer: HttpAnswer) -> Result:

        formats = {
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/n-triples": ox.RdfFormat.N_TRIPLES,
        }
        fmt = formats.get(answer.content_type)
        if fmt is None:
            raise self._not_sparql(answer, "Turtle or N-Triples")
        try:
            triples = [
                (
                    Term.from_oxigraph(t.subject),
                    Term.from_oxigraph(t.predicate),
                    Term.from_oxigraph(t.object),
                )
                for t in ox.parse(answer.body, format=fmt)
            ]
        except SyntaxError as exc:
            raise self._not_sparql(answer, "valid Turtle") from exc
        return finish_graph(triples)
