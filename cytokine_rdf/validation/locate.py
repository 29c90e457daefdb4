"""Where a finding's node is written: the file and line of its first statement as subject.

Findings are about nodes, files about lines; CI annotations (JUnit ``file``/``line``) and people
need the line. Turtle, TriG, N-Triples and N-Quads are read as text: a line whose first token spells
the node (``<IRI>`` or ``prefix:local`` under the file's own ``@prefix``/``PREFIX`` declarations)
is where its statements start. Other formats and blank nodes are not located.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.validation.results import Finding

__all__ = ["locate"]

_TEXT_SUFFIXES = (".ttl", ".turtle", ".trig", ".nt", ".ntriples", ".nq", ".nquads", ".n3")
_MAX_BYTES = 64 * 1024 * 1024  # a bigger file is not scanned: its findings stay unlocated
_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_FIRST = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")


@dataclasses.dataclass
class _File:
    name: str
    lines: list[str]
    prefixes: dict[str, str]
    subjects: dict[str, int]  # full IRI -> first line (1-based) that starts with it
    starts: list[int]  # every line that starts a statement, in order

    def spellings(self, iri: str) -> list[str]:
        out = [f"<{iri}>"]
        out += [
            f"{p}:{iri[len(ns) :]}" for p, ns in self.prefixes.items() if ns and iri.startswith(ns)
        ]
        return out

    def where(self, finding: Finding) -> int:
        """The line of the finding's triple when it can be told, else of its subject; 0 if neither."""
        first = self.subjects.get(finding.focus, 0)
        if not first or not finding.value or finding.value_type != "iri":
            return first
        following = bisect.bisect_right(self.starts, first)
        end = self.starts[following] if following < len(self.starts) else len(self.lines) + 1
        words = self.spellings(finding.value)
        for number in range(first, end):
            if any(re.search(re.escape(w) + r"(?![\w:])", self.lines[number - 1]) for w in words):
                return number
        return first


def _read(path: Path) -> _File | None:
    """The statements' first lines of one file (None when it is too big or unreadable)."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    prefixes: dict[str, str] = {}
    found: dict[str, int] = {}
    starts: list[int] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        declared = _PREFIX.match(line)
        if declared:
            prefixes[declared.group(1) or ""] = declared.group(2)
            continue
        first = _FIRST.match(line)
        if not first:
            continue
        token = first.group(1)
        if token.startswith("<"):
            iri = token[1:-1]
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local.replace("\\", "")
        starts.append(number)
        found.setdefault(iri, number)
    return _File(_shown(path), lines, prefixes, found, starts)


def _shown(path: Path) -> str:
    """The file as a person finds it: relative to the working folder when inside it, a packaged
    file as ``ontology/NAME`` (where it lives in a checkout), else as given."""
    absolute = path.absolute()
    for base in (Path.cwd(), resource_dir("ontology").parent):
        if absolute.is_relative_to(base):
            return str(absolute.relative_to(base))
    return str(path)


def locate(findings: Iterable[Finding], files: Sequence[str | Path]) -> list[Finding]:
    """``findings`` with ``file`` and ``line`` set where their focus node is written in ``files``."""
    index = [
        read
        for f in files
        if str(f) != "-" and Path(f).suffix.lower() in _TEXT_SUFFIXES and Path(f).is_file()
        if (read := _read(Path(f))) is not None
    ]
    out = []
    for finding in findings:
        place = next((f for f in index if finding.focus in f.subjects), None)
        if place is None:
            out.append(finding)
        else:
            out.append(dataclasses.replace(finding, file=place.name, line=place.where(finding)))
    return out
