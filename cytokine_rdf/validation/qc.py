"""ROBOT-style quality-control checks: SPARQL queries in ``queries/qc/``, levelled, scoped, profiled.

Each check is a SELECT query returning ``?entity ?property ?value`` (ROBOT ``report`` convention),
with a ``#+`` YAML header giving its ``level`` (ERROR, WARN or INFO), a ``summary`` (the message) and
a ``fix``. Queries run over the whole ontology, imports included, so that references to imported
terms resolve; rows are then kept only when ``?entity`` (and any other variable the header's
``scope`` names) lies in the checked ontology's own namespace, so imported GO/RO/CL terms never
flood the report. ``scope: ontology`` keeps rows about the ontology header itself.

A profile file (ROBOT format, ``LEVEL<TAB>check-name`` or ``LEVEL<TAB>file:path.rq``, ``#``
comments) lists the checks to run and their levels; it replaces the default set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import yaml

from cytokine_rdf.errors import CytokineRdfError, QueryError
from cytokine_rdf.io.resources import read_text_file, resource_dir
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.templates import read_header
from cytokine_rdf.validation.results import Finding
from cytokine_rdf.vocab import CYTO, OWL, RDF_TYPE, RDFS_LABEL

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData
    from cytokine_rdf.terms import Term

__all__ = [
    "LEVELS",
    "Check",
    "infer_namespace",
    "load_checks",
    "packaged_checks",
    "read_profile",
    "run_checks",
]

LEVELS = {"ERROR": "error", "WARN": "warn", "INFO": "info"}
_OBO_LOCAL = re.compile(r"^([A-Za-z][A-Za-z0-9]*_)")


@dataclass(frozen=True)
class Check:
    """One QC query with its level and plain-language texts."""

    name: str
    level: str  # ERROR | WARN | INFO
    text: str
    summary: str = ""
    fix: str = ""
    scope: tuple[str, ...] = (
        "entity",
    )  # variables that must be in the namespace; () = ontology header
    path: Path | None = None

    @property
    def severity(self) -> str:
        """The finding severity (error, warn, info) for this check's level."""
        return LEVELS[self.level]


def _qc_dir() -> Path:
    return resource_dir("queries") / "qc"


def parse_check(path: Path, *, level: str | None = None) -> Check:
    """Read one ``.rq`` check; ``level`` (from a profile) overrides the header's ``level``."""

    text = read_text_file(path, "QC query")
    try:
        header = read_header(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise QueryError(f"{path}: bad #+ header: {' '.join(str(exc).split())}") from exc
    chosen = (level or str(header.get("level", "ERROR"))).upper()
    if chosen not in LEVELS:
        raise QueryError(f"{path}: level {chosen!r} is not ERROR, WARN or INFO")
    raw_scope = header.get("scope", ["entity"])
    if raw_scope == "ontology":
        scope: tuple[str, ...] = ()
    elif isinstance(raw_scope, str):
        scope = (raw_scope,)
    else:
        scope = tuple(str(v) for v in raw_scope or ())
    return Check(
        name=path.stem,
        level=chosen,
        text=text,
        summary=str(header.get("summary", "")).strip(),
        fix=str(header.get("fix", "")).strip(),
        scope=scope,
        path=path,
    )


def packaged_checks() -> dict[str, Check]:
    """Every packaged check by name, at its default level."""
    return {p.stem: parse_check(p) for p in sorted(_qc_dir().glob("*.rq"))}


def read_profile(path: str | Path) -> list[tuple[str, str]]:
    """Parse a ROBOT profile file into ``(LEVEL, reference)`` pairs (reference: name or ``file:...``)."""
    profile = Path(path)
    lines = read_text_file(profile, "QC profile").splitlines()
    entries: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split("\t") if "\t" in stripped else stripped.split(None, 1)
        if len(parts) != 2 or parts[0].strip().upper() not in LEVELS:
            raise CytokineRdfError(
                f"{profile}:{number}: expected LEVEL<TAB>check-name, got {stripped!r}",
                hint="LEVEL is ERROR, WARN or INFO",
            )
        entries.append((parts[0].strip().upper(), parts[1].strip()))
    return entries


def load_checks(profile: str | Path | None = None) -> list[Check]:
    """The checks to run: the packaged ones at default levels, or exactly those a profile lists."""
    packaged = packaged_checks()
    if profile is None:
        return list(packaged.values())
    base = Path(profile).parent
    checks: dict[str, Check] = {}
    for level, ref in read_profile(profile):
        if ref.startswith("file:"):
            given = Path(ref[5:])
            candidate = given if given.is_absolute() or given.exists() else base / given
            if not candidate.is_file():
                raise CytokineRdfError(
                    f"{profile}: QC query {ref[5:]} not found",
                    hint="paths are relative to the profile file",
                )
            check = parse_check(candidate, level=level)
        elif ref in packaged:
            check = parse_check(packaged[ref].path or Path(ref), level=level)
        else:
            raise CytokineRdfError(
                f"{profile}: unknown QC check {ref!r}",
                hint=f"known checks: {', '.join(packaged)}; or give file:path.rq",
            )
        checks[check.name] = check
    return list(checks.values())


def _prefix_of(iri: str) -> str:
    """``https://w3id.org/x/CYTO_0000201`` -> ``https://w3id.org/x/CYTO_``; else up to the last / or #."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    local = iri[cut:]
    match = _OBO_LOCAL.match(local)
    return iri[:cut] + (match.group(1) if match and local[match.end() :].isdigit() else "")


_OBO = ("http://purl.obolibrary.org/obo/", "https://purl.obolibrary.org/obo/")  # a shared hub


def infer_namespace(data: RdfData) -> str:
    """The ontology's own namespace (its base IRI): the folder of the ontology IRI when its terms
    live there, else the most common IRI prefix of its declared classes.

    Prefixes sharing the folder of the (non-imported) ontology IRI win over others, so an
    ontology whose imports declare more classes than it does is still scoped to its own terms.
    """

    classes = [
        q.subject.value
        for q in data.store.quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(OWL + "Class")
        )
        if isinstance(q.subject, ox.NamedNode)
    ]
    counts = Counter(_prefix_of(iri) for iri in classes)
    if not counts:
        return CYTO
    imported = {
        q.object.value
        for q in data.store.quads_for_pattern(None, ox.NamedNode(OWL + "imports"), None)
        if isinstance(q.object, ox.NamedNode)
    }
    roots = [
        q.subject.value
        for q in data.store.quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(OWL + "Ontology")
        )
        if isinstance(q.subject, ox.NamedNode) and q.subject.value not in imported
    ]
    homes = [iri[: max(iri.rfind("/"), iri.rfind("#")) + 1] for iri in roots]
    # OBO style: http://purl.obolibrary.org/obo/foo.owl owns http://purl.obolibrary.org/obo/FOO_
    obo_ids = {
        home + iri[len(home) :].split(".", 1)[0].upper() + "_"
        for home, iri in zip(homes, roots, strict=True)
    }

    def rank(item: tuple[str, int]) -> tuple[bool, bool, int, str]:
        prefix, count = item
        at_home = any(h and prefix.startswith(h) and len(h) > len("https://") for h in homes)
        return (prefix in obo_ids, at_home, count, prefix)

    prefix = max(counts.items(), key=rank)[0]
    # the base IRI, as ROBOT's --base-iri: the folder of the ontology IRI owns every term under it
    # (a mistyped CYTO_ IRI too), unless that folder is a hub shared with other ontologies (OBO)
    for home in homes:
        if prefix.startswith(home) and len(home) > len("https://") and not home.startswith(_OBO):
            return home
    return prefix


def _labels(data: RdfData) -> dict[str, str]:

    labels: dict[str, str] = {}
    for quad in data.store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None):
        if isinstance(quad.subject, ox.NamedNode):
            labels.setdefault(quad.subject.value, str(getattr(quad.object, "value", "")))
    return labels


def _in_scope(term: Term | None, namespaces: Sequence[str]) -> bool:
    return term is not None and term.kind == "uri" and term.value.startswith(tuple(namespaces))


def run_checks(data: RdfData, checks: Iterable[Check], namespaces: Sequence[str]) -> list[Finding]:
    """Run ``checks`` on ``data``; keep rows whose scoped variables lie in ``namespaces``."""

    engine = OxigraphEngine(data)
    labels = _labels(data)
    findings: list[Finding] = []
    for check in checks:
        result = engine.query(check.text)
        if not isinstance(result, SelectResult) or "entity" not in result.variables:
            raise QueryError(
                f"QC check {check.name} must be a SELECT returning ?entity ?property ?value"
            )
        index = {name: i for i, name in enumerate(result.variables)}
        for row in result.rows:
            if check.scope and not all(
                _in_scope(row[index[v]], namespaces) for v in check.scope if v in index
            ):
                continue
            findings.append(_finding(check, row, index, labels))
    return sorted(set(findings))


def _finding(
    check: Check, row: tuple[Term | None, ...], index: dict[str, int], labels: dict[str, str]
) -> Finding:
    def get(name: str) -> Term | None:
        return row[index[name]] if name in index else None

    entity, prop, value = get("entity"), get("property"), get("value")
    focus = entity.value if entity is not None else ""
    return Finding(
        severity=check.severity,
        check=check.name,
        focus=focus,
        focus_label=labels.get(focus, ""),
        path="" if prop is None else prop.value,
        value="" if value is None else value.value,
        message=check.summary or check.name.replace("_", " "),
        fix=check.fix,
        source="qc",
        value_type="" if value is None else ("iri" if value.kind == "uri" else value.kind),
    )
