"""Page names, escaping and cross-reference resolvers of the site."""

from __future__ import annotations

import hashlib
import re
from html import escape
from urllib.parse import quote

from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import OBO, OBO_XREF_PREFIXES, XREF_NAMESPACES, XREF_RESOLVERS

__all__ = ["esc", "external_href", "page_stem", "resolvable", "xref"]

# C0/C1 control characters (tab, newline and carriage return aside) have no place in a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_BY_PREFIX = {p.lower(): p for p in (*XREF_RESOLVERS, *OBO_XREF_PREFIXES)}
_NAMESPACES = sorted(XREF_NAMESPACES.items(), key=lambda item: -len(item[0]))


def esc(text: str) -> str:
    """``text`` HTML-escaped (quotes too), control characters replaced by U+FFFD."""
    return escape(_CONTROL.sub("\ufffd", text), quote=True)


def page_stem(iri: str) -> str:
    """A stable file name stem for ``iri``: its CURIE with ``_`` for ``:`` (``CYTO_0000201``),
    else a hash of the IRI."""
    curie = compact(iri)
    stem = curie.replace(":", "_", 1)
    if curie != iri and _STEM.fullmatch(stem) and len(stem) <= 120:
        return stem
    return "iri-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def external_href(url: str) -> str | None:
    """``url`` if it is safe to link to (http or https), else None (no ``javascript:`` links)."""
    if re.match(r"(?i)https?://[^\s<>\"]+$", url) and not _CONTROL.search(url):
        return url
    return None


def _resolve(prefix: str, local: str) -> tuple[str, str | None]:
    canonical = _BY_PREFIX.get(prefix.lower())
    if canonical is None or not local:
        return f"{prefix}:{local}", None
    if canonical in XREF_RESOLVERS:
        if canonical == "HGNC":
            local = local.removeprefix("HGNC:")
        safe = "/:;()._-" if canonical == "DOI" else "._-"
        return f"{canonical}:{local}", XREF_RESOLVERS[canonical] + quote(local, safe=safe)
    return f"{canonical}:{local}", f"{OBO}{canonical}_{quote(local, safe='._-')}"


def resolvable(iri: str) -> bool:
    """Whether ``iri`` is in a namespace of a known resolver (UniProt, NCBI Gene, OBO, ...)."""
    return any(iri.startswith(namespace) for namespace, _prefix in _NAMESPACES)


def xref(value: str) -> tuple[str, str | None]:
    """A cross-reference (``UniProtKB:P16871``, ``HGNC:6024``, an IRI) as (CURIE shown, resolver
    address or None).

    >>> xref("HGNC:6024")
    ('HGNC:6024', 'https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:6024')
    >>> xref("http://purl.uniprot.org/uniprot/P16871")
    ('UniProtKB:P16871', 'https://www.uniprot.org/uniprotkb/P16871')
    >>> xref("MONDO:0004967")
    ('MONDO:0004967', 'http://purl.obolibrary.org/obo/MONDO_0004967')
    """
    value = value.strip()
    if "://" in value:
        for namespace, prefix in _NAMESPACES:
            if value.startswith(namespace):
                return _resolve(prefix, value[len(namespace) :])
        return compact(value), external_href(value)
    prefix, colon, local = value.partition(":")
    if not colon:
        return value, None
    return _resolve(prefix, local)
