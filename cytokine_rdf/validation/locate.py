"""Where a finding's node is written: the file and line of its first statement as subject.

Findings are about nodes, files about lines; CI annotations (JUnit ``file``/``line``) and people
need the line. Turtle, TriG, N-Triples and N-Quads are read as text: a line whose first token spells
the node (``<IRI>`` or ``prefix:local`` under the file's own ``@prefix``/``PREFIX`` declarations)
is where its statements start. Other formats and blank nodes are not located.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.validation.results import Finding

__all__ = ["locate"]

_TEXT_SUFFIXES = (".ttl", ".turtle", ".trig", ".nt", ".ntriples", ".nq", ".nquads", ".n3")
_MAX_BYTES = 64 * 1024 * 1024  # a bigger file is not scanned: its findings stay unlocated


# a prefix declaration, or the first token of a line that starts a statement (one line at a time)
_LINE = re.compile(
    r"^(?:[^\S\n]*(?i:@prefix|PREFIX)[^\S\n]+([A-Za-z][\w.-]*)?:[^\S\n]*<([^>\n]*)>"
    r"|(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*))",
    re.MULTILINE,
)


@dataclasses.dataclass
class _File:
    name: str
    text: str
    prefixes: dict[str, str]
    # full IRI -> (first line that starts with it, 1-based; where that line starts; where the next
    # statement starts): only for the nodes asked about
    subjects: dict[str, tuple[int, int, int]]
    patterns: dict[str, re.Pattern[str]] = dataclasses.field(default_factory=dict)

    def spellings(self, iri: str) -> list[str]:
        out = [f"<{iri}>"]
        out += [
            f"{p}:{iri[len(ns) :]}" for p, ns in self.prefixes.items() if ns and iri.startswith(ns)
        ]
        return out

    def where(self, finding: Finding) -> int:
        """The line of the finding's triple when it can be told, else of its subject; 0 if neither."""
        first, start, end = self.subjects.get(finding.focus, (0, 0, 0))
        if not first or not finding.value or finding.value_type != "iri":
            return first
        pattern = self.patterns.get(finding.value)
        if pattern is None:
            words = "|".join(re.escape(w) for w in self.spellings(finding.value))
            pattern = self.patterns[finding.value] = re.compile(f"(?:{words})(?![\\w:])")
        found = pattern.search(self.text, start, end)
        return first if found is None else first + self.text.count("\n", start, found.start())


def _read(path: Path, wanted: set[str]) -> _File | None:
    """Where the statements about the ``wanted`` IRIs start in one file (None when it is too big
    or unreadable). One regular-expression pass over the text; lines are counted, not split."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    prefixes: dict[str, str] = {}
    found: dict[str, tuple[int, int, int]] = {}
    line, at = 1, 0
    last: tuple[str, int, int] | None = None  # found, waiting for the next statement's start
    for match in _LINE.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        token = match.group(3)
        if token is None:  # a prefix declaration
            prefixes[match.group(1) or ""] = match.group(2)
            continue
        if token.startswith("<"):
            iri = token[1:-1]
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local.replace("\\", "")
        if last is not None:  # a statement starts here: the one found ends
            found[last[0]] = (last[1], last[2], at)
            last = None
        if iri in wanted and iri not in found:
            last = (iri, line, at)
    if last is not None:
        found[last[0]] = (last[1], last[2], len(text))
    return _File(_shown(path), text, prefixes, found)


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
    findings = list(findings)
    wanted = {f.focus for f in findings if f.focus}
    index = [
        read
        for f in files
        if wanted
        and str(f) != "-"
        and Path(f).suffix.lower() in _TEXT_SUFFIXES
        and Path(f).is_file()
        if (read := _read(Path(f), wanted)) is not None
    ]
    out = []
    for finding in findings:
        for place in index:
            if finding.focus in place.subjects:
                out.append(_placed(finding, place.name, place.where(finding)))
                break
        else:
            out.append(finding)
    return out


_KEPT = [f.name for f in dataclasses.fields(Finding)][:-2]
assert [f.name for f in dataclasses.fields(Finding)][-2:] == ["file", "line"]
_kept = operator.attrgetter(*_KEPT)


def _placed(finding: Finding, file: str, line: int) -> Finding:
    """``finding`` at ``file``:``line`` (``dataclasses.replace`` costs 13 us a finding)."""
    return Finding(*_kept(finding), file, line)  # type: ignore[call-arg]
