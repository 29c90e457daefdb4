"""Linear-time regular expressions for the pure-Python engines (rdflib's SPARQL, pySHACL's sh:pattern).

Python's ``re`` backtracks: ``REGEX(?x, "(a+)+$")`` on a 30-character string runs for minutes
while holding the GIL, so neither ``--timeout`` nor Ctrl-C can stop it. RE2 (google-re2, Google's
library) matches in time linear in the text, as Oxigraph's Rust engine does. A pattern RE2 cannot
compile (a back-reference, which no linear-time engine supports) keeps Python's ``re``.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

import re2

__all__ = ["PYSHACL_PATTERN", "RDFLIB_SPARQL", "compile_pattern", "install"]

_INLINE = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))
_KNOWN = re.IGNORECASE | re.DOTALL | re.MULTILINE
_OPTIONS = re2.Options()
# a pattern RE2 refuses falls back quietly instead of printing to stderr
_OPTIONS.log_errors = False


@lru_cache(maxsize=512)
def _compile(pattern: str, flags: int) -> Any:
    if flags & ~_KNOWN:
        return re.compile(pattern, flags)
    inline = "".join(letter for flag, letter in _INLINE if flags & flag)
    try:
        return re2.compile(f"(?{inline}){pattern}" if inline else pattern, _OPTIONS)
    except re2.error:
        return re.compile(pattern, flags)  # back-references and the like: only ``re`` has them


def compile_pattern(pattern: str, flags: int = 0) -> Any:
    """The compiled pattern pySHACL and rdflib use once :func:`install` ran (RE2, else ``re``)."""
    return _compile(str(pattern), int(flags))


class _LinearRe:
    """Stands in for the ``re`` module inside the libraries patched by :func:`install`.

    Arguments are made plain ``str``: RE2 builds its results from the argument's type, and rdflib
    passes ``Literal`` objects."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def compile(pattern: str, flags: int = 0) -> Any:
        return _compile(str(pattern), int(flags))

    @staticmethod
    def search(pattern: str, string: str, flags: int = 0) -> Any:
        return _compile(str(pattern), int(flags)).search(str(string))

    @staticmethod
    def match(pattern: str, string: str, flags: int = 0) -> Any:
        return _compile(str(pattern), int(flags)).match(str(string))

    @staticmethod
    def sub(pattern: str, repl: Any, string: str, count: int = 0, flags: int = 0) -> Any:
        return _compile(str(pattern), int(flags)).sub(repl, str(string), count)


_LINEAR = _LinearRe()


# the modules whose ``re`` is replaced, each by the code that uses it (importing pySHACL is slow)
RDFLIB_SPARQL = "rdflib.plugins.sparql.operators"
PYSHACL_PATTERN = "pyshacl.constraints.core.string_based_constraints"


def install(target: str) -> None:
    """Make ``target`` (:data:`RDFLIB_SPARQL` for REGEX/REPLACE, :data:`PYSHACL_PATTERN` for
    ``sh:pattern``) use RE2 (idempotent)."""
    # the module only calls re.<function>, all of which _LINEAR has
    setattr(importlib.import_module(target), "re", _LINEAR)  # noqa: B010
