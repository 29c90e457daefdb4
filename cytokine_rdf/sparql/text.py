"""Lexical helpers for SPARQL text: blank out comments, strings and IRIs, find clauses and names.

Nothing here parses SPARQL fully (pyoxigraph and rdflib do that); these helpers answer the small
questions the engines, the template loader and the linter need - where the top-level ``SELECT``
projection is, which prefixes and variables a query uses - without being fooled by a ``#`` inside an
IRI or a ``?x`` inside a string.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Collection, Mapping

from cytokine_rdf.errors import QueryError
from cytokine_rdf.terms import Term

__all__ = [
    "add_prefixes",
    "check_query",
    "check_services",
    "declared_prefixes",
    "mask",
    "order_by",
    "prefix_declarations",
    "project_variables",
    "projected",
    "projection",
    "query_form",
    "service_iris",
    "substitute",
    "used_prefixes",
    "variables",
]

_IRIREF = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_]+)")
_BOUND = re.compile(r"(?i)\bBOUND\s*\(\s*[?$]([A-Za-z0-9_]+)\s*\)")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*", re.IGNORECASE)
# a prefixed name: PN_PREFIX? ':' local (not preceded by a name character, '?', '$' or ':')
_PNAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[A-Za-z0-9_%\\]|\s|[;,.)\]}]|$)")
_SELECT = re.compile(r"\bSELECT\b(\s+(?:DISTINCT|REDUCED)\b)?", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)


def mask(text: str) -> str:
    """Return ``text`` with comments, string literals and IRIs replaced by spaces (same length).

    Positions in the result are positions in ``text``; newlines are kept so line numbers match.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif ch in "\"'":
            end = _string_end(text, i)
            out.append(_blank(text[i:end]))
            i = end
        elif ch == "<" and (match := _IRIREF.match(text, i)):
            out.append(" " * (match.end() - i))
            i = match.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _blank(segment: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in segment)


def _string_end(text: str, start: int) -> int:
    """Index just after the string literal starting at ``start`` (long or short, with escapes)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = start + 3
        while end < len(text):
            if text[end] == "\\":
                end += 2
                continue
            if text.startswith(quote * 3, end):
                return end + 3
            end += 1
        return len(text)
    end = start + 1
    while end < len(text) and text[end] not in (quote, "\n"):
        end += 2 if text[end] == "\\" else 1
    return min(end + 1, len(text))


def variables(text: str) -> set[str]:
    """Names (without ``?``) of every variable the query mentions outside comments and strings."""
    return set(_VARIABLE.findall(mask(text)))


def declared_prefixes(text: str) -> set[str]:
    """Prefixes declared with ``PREFIX p: <...>`` (the empty prefix is ``""``)."""
    return {m.group(1) or "" for m in _PREFIX_DECL.finditer(mask(text))}


def used_prefixes(text: str) -> set[str]:
    """Prefixes used in prefixed names (``rdfs:label``, ``:x``), not counting declarations."""
    body = _PREFIX_DECL.sub(" ", mask(text))
    body = _VARIABLE.sub(" ", body)
    return {m.group(1) or "" for m in _PNAME.finditer(body)}


def project_variables(text: str, names: list[str]) -> tuple[str, list[str]]:
    """Add variables to the top-level ``SELECT`` projection (and ``GROUP BY``) of a query.

    Returns the new text and the names actually added (those not already projected). Only variable
    names are inserted, never values: pyoxigraph substitutes only projected variables (SEP-0007),
    so a parameter used in ``WHERE`` must be projected for the engine to pre-bind it. Queries
    without a top-level SELECT, or with ``SELECT *``, are returned unchanged.
    """
    masked = mask(text)
    select = _SELECT.search(masked)
    if select is None or _has_keyword_before(masked, select.start()):
        return text, []
    rest = masked[select.end() :]
    if rest.lstrip().startswith("*"):
        return text, []
    where = re.search(r"\bWHERE\b|\{", rest, re.IGNORECASE)
    projection = rest[: where.start()] if where else rest
    projected = set(_VARIABLE.findall(projection))
    added = [n for n in names if n not in projected]
    if not added:
        return text, []
    insert = "".join(f" ?{n}" for n in added)
    new = text[: select.end()] + insert + text[select.end() :]
    group = _top_level_group_by(mask(new))
    if group is not None:
        new = new[:group] + insert + new[group:]
    return new, added


def _has_keyword_before(masked: str, position: int) -> bool:
    """True when a CONSTRUCT/ASK/DESCRIBE comes first (the SELECT found is a subquery)."""
    return re.search(r"\b(CONSTRUCT|ASK|DESCRIBE)\b", masked[:position], re.IGNORECASE) is not None


def _top_level_group_by(masked: str) -> int | None:
    """Index just after a ``GROUP BY`` outside every brace (the outer query's), or None."""
    depth = 0
    for i, ch in enumerate(masked):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch in "Gg":
            match = _GROUP_BY.match(masked, i)
            if match and (i == 0 or not masked[i - 1].isalnum()):
                return match.end()
    return None


# a keyword, not a prefix ("ask:") nor a local name ("ex:ask") nor a variable ("?ask")
_FORM = re.compile(r"(?<![\w:?$-])(SELECT|CONSTRUCT|ASK|DESCRIBE)(?![\w:-])", re.IGNORECASE)


def query_form(text: str) -> str:
    """Return SELECT, CONSTRUCT, ASK or DESCRIBE: the first query-form keyword outside comments,
    strings and IRIs (``PREFIX ex: <...> # ASK nothing`` then ``CONSTRUCT`` is a CONSTRUCT)."""
    match = _FORM.search(mask(text))
    return match.group(1).upper() if match else "SELECT"


_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?<([^>]+)>", re.IGNORECASE)
_PREFIX_LINE = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_AS_VARIABLE = re.compile(r"\bAS\s+[?$]([A-Za-z0-9_]+)", re.IGNORECASE)


def service_iris(text: str) -> set[str]:
    """IRIs of the ``SERVICE <...>`` clauses (comments and strings do not count)."""
    masked = mask(text)
    return {
        m.group(1)
        for m in _SERVICE.finditer(text)
        if masked[m.start() : m.start() + 7].upper() == "SERVICE"
    }


# after mask() the IRIs of PREFIX and BASE are blanks
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*", re.IGNORECASE)
_UPDATE = re.compile(
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)(?![\w:-])", re.IGNORECASE
)


MAX_NESTING = 256  # brackets inside one another; both parsers recurse once per level


def check_query(text: str) -> None:
    """Refuse what must not reach a SPARQL parser: an update (INSERT, DELETE, LOAD, CLEAR, DROP,
    ...), since cytokine-rdf only reads, and brackets nested deeper than ``MAX_NESTING`` (the
    parsers recurse per level: 10,000 nested groups overflow the stack and kill the process)."""
    masked = mask(text)
    depth = deepest = 0
    for char in masked:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(
            f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are read",
            hint="flatten the query: no real query nests that deep",
        )
    start = _PROLOGUE.match(masked)
    update = _UPDATE.match(masked, start.end() if start else 0)
    if update:
        raise QueryError(
            f"SPARQL updates ({update.group(1).upper()}) are refused: cytokine-rdf only reads",
            hint="load data into a triple store with `cytokine-rdf push`",
        )


_SERVICE_KEYWORD = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def check_services(text: str, allowed_hosts: Collection[str] = ()) -> None:
    """Refuse a query whose ``SERVICE`` clauses would reach a host not in ``allowed_hosts``.

    Local engines execute ``SERVICE`` themselves and may send local data out with it, so a query
    from someone else's folder, profile or shapes never reaches the network unless its host was
    named (``--allow-service HOST``). A ``SERVICE`` on a variable or prefixed name is refused.
    """
    allowed = {host.lower() for host in allowed_hosts}
    masked = mask(text)
    for keyword in _SERVICE_KEYWORD.finditer(masked):
        call = _SERVICE.match(text, keyword.start())
        host = urllib.parse.urlsplit(call.group(1)).hostname if call else None
        if host is None or host.lower() not in allowed:
            if call is None:
                raise QueryError(
                    "the query calls SERVICE on a variable or prefixed name: local queries reach "
                    "only services written as a full IRI <https://...>",
                    hint="write the service as <https://HOST/...> and allow its host with "
                    "--allow-service HOST, or run the query where the service is with --endpoint URL",
                )
            raise QueryError(
                f"the query calls SERVICE <{call.group(1)}>: local queries do not reach the network",
                hint=f"allow that host with --allow-service {host or 'HOST'}, "
                "or run the query where the service is with --endpoint URL",
            )


def service_hosts(text: str) -> list[str]:
    """The hosts of the ``SERVICE <IRI>`` clauses of a query (not in comments), in order."""
    masked = mask(text)
    hosts = []
    for keyword in _SERVICE_KEYWORD.finditer(masked):
        call = _SERVICE.match(text, keyword.start())
        host = urllib.parse.urlsplit(call.group(1)).hostname if call else None
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def prefix_declarations(text: str) -> list[tuple[str, str]]:
    """``(prefix, namespace)`` of every ``PREFIX`` declaration, in order (not in comments)."""
    masked = mask(text)
    return [
        (m.group(1) or "", m.group(2))
        for m in _PREFIX_LINE.finditer(text)
        if masked[m.start() : m.start() + 6].upper() == "PREFIX"
    ]


def projection(text: str) -> set[str] | None:
    """Variables the outermost ``SELECT`` projects (aliases included); None for ``SELECT *``."""
    ordered = projected(text)
    return None if ordered is None else set(ordered)


def projected(text: str) -> tuple[str, ...] | None:
    """The outermost ``SELECT``'s variables in their order (``(expr AS ?v)`` gives ``v``); None
    for ``SELECT *``."""
    masked = mask(text)
    select = re.search(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", masked, re.IGNORECASE | re.DOTALL)
    if select is None:
        return ()
    listed = select.group(1)
    if re.sub(r"^\s*(DISTINCT|REDUCED)?\s*", "", listed, flags=re.IGNORECASE).startswith("*"):
        return None
    names: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(listed):
        if ch == "(":
            if depth == 0:
                names.extend(_VARIABLE.findall(listed[start:i]))
                start = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                names.extend(_AS_VARIABLE.findall(listed[start : i + 1])[-1:])
                start = i + 1
    names.extend(_VARIABLE.findall(listed[start:]) if depth == 0 else ())
    return tuple(dict.fromkeys(names))


def in_query_order(text: str, names: Collection[str]) -> list[str]:
    """``names`` in the order the query first writes them (``SELECT *`` columns as a reader
    expects); names the text does not write keep their order, after the others."""
    seen: dict[str, int] = {}
    for position, match in enumerate(_VARIABLE.finditer(mask(text))):
        seen.setdefault(match.group(1), position)
    listed = list(names)
    return sorted(listed, key=lambda n: seen.get(n, len(seen) + listed.index(n)))


def order_by(text: str) -> set[str] | None:
    """Variables of the outermost ``ORDER BY``; None when the query has none."""
    masked = mask(text)
    depth, last = 0, 0
    for i, ch in enumerate(masked):  # the solution modifiers follow the last top-level "}"
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                last = i + 1
    found = re.search(
        r"\bORDER\s+BY\b(.*?)(\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)",
        masked[last:],
        re.IGNORECASE | re.DOTALL,
    )
    return None if found is None else set(_VARIABLE.findall(found.group(1)))


def add_prefixes(text: str, prefixes: Mapping[str, str] | None) -> str:
    """``text`` with a ``PREFIX`` line for each of ``prefixes`` it uses but does not declare."""
    if not prefixes:
        return text
    declared = {p.lower() for p in declared_prefixes(text)}
    used = used_prefixes(text)
    extra = [
        f"PREFIX {p}: <{ns}>"
        for p, ns in prefixes.items()
        if p.lower() not in declared and p in used
    ]
    return "\n".join([*extra, text]) if extra else text


def substitute(text: str, bindings: Mapping[str, Term]) -> str:
    """Replace each parameter variable (``?name`` / ``$name``) by its term, as pre-binding does.

    This is how parameters reach an endpoint: every SPARQL engine compiles a constant where a
    variable stood (Virtuoso's compiler fails on some VALUES placements). Terms are written only by
    :meth:`Term.n3` (strict escaping), never spliced from user text. A parameter where a constant
    cannot stand (projected, bound with ``AS``, listed in ``VALUES``) is refused; ``BOUND(?name)``
    becomes ``true``.
    """
    if not bindings:
        return text
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
        if term.kind == "bnode":
            raise QueryError(f"cannot send a blank node as parameter ?{name} to an endpoint")
    masked = mask(text)
    where = _where_start(masked)
    # BOUND(?name) of a bound parameter is true: a constant cannot stand inside BOUND()
    spans = [
        (m.start(), m.end(), "true")
        for m in _BOUND.finditer(masked)
        if m.group(1) in bindings and m.start() >= where
    ]
    inside_bound = {m for start, end, _ in spans for m in range(start, end)}
    for match in _VARIABLE.finditer(masked):
        name = match.group(1)
        if name not in bindings or match.start() in inside_bound:
            continue
        before = masked[: match.start()].rstrip()
        if (
            match.start() < where
            or re.search(r"(?i)\b(AS|BOUND\s*\()$", before)
            or re.search(r"(?i)\bVALUES\s*\(?[\s?$\w]*$", before)
        ):
            raise QueryError(
                f"parameter ?{name} stands where a constant cannot (projected, AS, VALUES or BOUND)",
                hint="use the parameter only in the WHERE patterns and filters",
            )
        spans.append((match.start(), match.end(), bindings[name].n3()))
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(spans):
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def bind_locally(text: str, bindings: Mapping[str, Term]) -> tuple[str, Mapping[str, Term]]:
    """Parameters for an in-process engine: as constants (:func:`substitute`) wherever they can
    stand, so that a template means the same on every engine; otherwise (a projected parameter, a
    blank node) left to the engine's pre-binding, which does not reach into subqueries, so a query
    with one is refused rather than answered wrongly.
    """
    if not bindings:
        return text, {}
    if all(term.kind != "bnode" for term in bindings.values()):
        try:
            return substitute(text, bindings), {}
        except QueryError:
            pass
    masked = mask(text)
    if any(m.group(1) in bindings for m in _BOUND.finditer(masked)) or any(
        re.search(rf"(?i)\bBIND\s*\(\s*[?$]{re.escape(name)}\s+AS\b", masked) for name in bindings
    ):
        raise QueryError(
            "BOUND() or BIND() of a parameter that cannot stand as a constant (projected, or a "
            "blank node) would see it unbound under pre-binding",
            hint="pass an IRI or literal, or do not project the parameter",
        )
    if re.search(r"(?i)\{\s*SELECT\b", masked):
        raise QueryError(
            "parameters that cannot stand as constants (projected, or blank nodes) do not reach "
            "into the subquery of this query",
            hint="use the parameter only in WHERE patterns and filters",
        )
    return text, bindings


def _where_start(masked: str) -> int:
    """Offset of the first ``{`` after the query form (the WHERE group, or a CONSTRUCT template)."""
    form = _FORM.search(masked)
    start = form.end() if form else 0
    brace = masked.find("{", start)
    return brace if brace >= 0 else len(masked)
