"""Differences between two versions of an ontology, readable as a pull-request comment.

Each named entity is summarised as labelled facts (label, definition, synonym, cross-reference,
superclass, axiom, annotation, other); class expressions are written in words
("enables some cytokine activity") with the labels of either version. Entities are then
added, removed or changed, fact by fact.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from cytokine_rdf.display import printable
from cytokine_rdf.io.canonical import canonical_pair
from cytokine_rdf.io.graph import load
from cytokine_rdf.publish.owltext import _name, labels_of
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import OBO, OIO, OWL, RDF, RDFS, SKOS

__all__ = [
    "MAX_MARKDOWN",
    "DiffResult",
    "EntityChange",
    "describe",
    "diff_files",
    "diff_graphs",
    "to_json",
    "to_markdown",
]

MAX_MARKDOWN = 60_000

# predicate -> kind of fact
KINDS: dict[str, str] = {
    RDFS + "label": "label",
    OBO + "IAO_0000115": "definition",
    SKOS + "definition": "definition",
    OIO + "hasExactSynonym": "synonym",
    OIO + "hasRelatedSynonym": "synonym",
    OIO + "hasNarrowSynonym": "synonym",
    OIO + "hasBroadSynonym": "synonym",
    OIO + "hasDbXref": "xref",
    SKOS + "exactMatch": "xref",
    SKOS + "closeMatch": "xref",
    SKOS + "broadMatch": "xref",
    SKOS + "narrowMatch": "xref",
    SKOS + "relatedMatch": "xref",
    RDFS + "subClassOf": "axiom",
    OWL + "equivalentClass": "axiom",
    OWL + "disjointWith": "axiom",
    RDFS + "subPropertyOf": "axiom",
    OWL + "inverseOf": "axiom",
    RDFS + "domain": "axiom",
    RDFS + "range": "axiom",
    RDF + "type": "type",
}
KIND_ORDER = ("type", "label", "definition", "synonym", "xref", "axiom", "annotation", "other")
_SECTION = {
    OWL + "Class": "classes",
    OWL + "ObjectProperty": "properties",
    OWL + "DatatypeProperty": "properties",
    OWL + "AnnotationProperty": "properties",
    OWL + "NamedIndividual": "individuals",
    OWL + "Ontology": "ontology",
}
_WORDS = {
    RDFS + "subClassOf": "is a",
    OWL + "equivalentClass": "equivalent to",
    OWL + "disjointWith": "disjoint with",
    RDFS + "subPropertyOf": "sub-property of",
    OWL + "inverseOf": "inverse of",
    RDFS + "domain": "domain",
    RDFS + "range": "range",
    RDF + "type": "type",
}


@dataclass(frozen=True)
class EntityChange:
    """What changed about one entity: facts (kind, text) added and removed."""

    iri: str
    label: str
    section: str
    added: tuple[tuple[str, str], ...] = ()
    removed: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Stable JSON form."""
        return {
            "iri": self.iri,
            "curie": compact(self.iri),
            "label": self.label,
            "section": self.section,
            "added": [{"kind": k, "text": t} for k, t in self.added],
            "removed": [{"kind": k, "text": t} for k, t in self.removed],
        }


@dataclass(frozen=True)
class DiffResult:
    """Entities added, removed and changed between OLD and NEW."""

    old: str
    new: str
    added: tuple[EntityChange, ...] = ()
    removed: tuple[EntityChange, ...] = ()
    changed: tuple[EntityChange, ...] = ()
    triples_added: int = 0
    triples_removed: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        """True when OLD and NEW are the same graph (up to blank node names)."""
        return not (
            self.added or self.removed or self.changed or self.triples_added or self.triples_removed
        )


def describe(graph: rdflib.Graph, labels: dict[str, str]) -> dict[str, set[tuple[str, str]]]:
    """Every named subject -> its facts (kind, readable text), axiom annotations included."""

    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, p, o in graph:
        if not isinstance(s, rdflib.URIRef):
            continue
        kind = KINDS.get(str(p))
        if kind is None:
            kind = "annotation" if isinstance(o, rdflib.Literal) else "other"
        if kind in ("label", "definition", "synonym") or (
            kind == "xref" and isinstance(o, rdflib.Literal)
        ):
            text = str(o) + (
                f"@{o.language}" if isinstance(o, rdflib.Literal) and o.language else ""
            )
        elif kind == "xref":
            text = str(o)
        elif kind == "type":
            text = _name(graph, labels, o)
        else:
            word = _WORDS.get(str(p)) or _name(graph, labels, p)
            text = f"{word}: {_name(graph, labels, o)}"
        facts[str(s)].add((kind, text))
    for axiom in graph.subjects(rdflib.RDF.type, rdflib.OWL.Axiom):
        source = graph.value(axiom, rdflib.OWL.annotatedSource)
        prop = graph.value(axiom, rdflib.OWL.annotatedProperty)
        target = graph.value(axiom, rdflib.OWL.annotatedTarget)
        if not isinstance(source, rdflib.URIRef) or prop is None or target is None:
            continue
        about = f"{_name(graph, labels, prop)} {_name(graph, labels, target)}"
        for p, o in sorted(graph.predicate_objects(axiom)):
            if p in (
                rdflib.RDF.type,
                rdflib.OWL.annotatedSource,
                rdflib.OWL.annotatedProperty,
                rdflib.OWL.annotatedTarget,
            ):
                continue
            facts[str(source)].add(
                ("annotation", f"on ({about}): {_name(graph, labels, p)} {_name(graph, labels, o)}")
            )
    return facts


def _section(iri: str, *graphs: rdflib.Graph) -> str:

    for graph in graphs:
        for kind in sorted(str(o) for o in graph.objects(rdflib.URIRef(iri), rdflib.RDF.type)):
            if kind in _SECTION:
                return _SECTION[kind]
    return "other"


def diff_graphs(
    old: rdflib.Graph, new: rdflib.Graph, *, old_name: str = "OLD", new_name: str = "NEW"
) -> DiffResult:
    """Compare two graphs entity by entity (blank nodes compared through their readable form)."""

    labels = labels_of(new, old)
    before, after = describe(old, labels), describe(new, labels)
    added, removed, changed = [], [], []
    for iri in sorted(set(before) | set(after)):
        b, a = before.get(iri, set()), after.get(iri, set())
        if b == a:
            continue
        label = labels.get(iri, "")
        section = _section(iri, new, old)
        change = EntityChange(
            iri,
            label,
            section,
            tuple(sorted(a - b, key=_fact_key)),
            tuple(sorted(b - a, key=_fact_key)),
        )
        if not b:
            added.append(change)
        elif not a:
            removed.append(change)
        else:
            changed.append(change)
    canonical_old, canonical_new = map(set, canonical_pair(old, new))
    triples_added = len(canonical_new - canonical_old)
    triples_removed = len(canonical_old - canonical_new)
    return DiffResult(
        old_name,
        new_name,
        tuple(added),
        tuple(removed),
        tuple(changed),
        triples_added,
        triples_removed,
    )


def _fact_key(fact: tuple[str, str]) -> tuple[int, str]:
    return (KIND_ORDER.index(fact[0]) if fact[0] in KIND_ORDER else len(KIND_ORDER), fact[1])


def diff_files(old: str | Path, new: str | Path) -> DiffResult:
    """Load each file alone (no packaged ontology) and compare them."""

    return diff_graphs(
        load([old], include_ontology=False).rdflib_graph(),
        load([new], include_ontology=False).rdflib_graph(),
        old_name=str(old),
        new_name=str(new),
    )


# --- output -----------------------------------------------------------------------------------
def to_json(result: DiffResult) -> str:
    """The diff as stable JSON."""
    document = {
        "old": result.old,
        "new": result.new,
        "equal": result.equal,
        "triples_added": result.triples_added,
        "triples_removed": result.triples_removed,
        "added": [c.as_dict() for c in result.added],
        "removed": [c.as_dict() for c in result.removed],
        "changed": [c.as_dict() for c in result.changed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    """Escape text for a Markdown list item: no HTML, no formatting, no line breaks (a ``\\r``
    makes headings and rules), and no ``@mention`` that would ping someone in a PR comment."""
    out = printable(text).replace("\\", "\\\\")
    for char in "`*_[]<>|#~":
        out = out.replace(char, "\\" + char)
    return re.sub(r"@(?=\w)", "@&#8203;", out)


def _code(text: str) -> str:
    """``text`` as a Markdown code span that its own backticks cannot close (CommonMark 6.1)."""
    text = printable(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _entity_line(change: EntityChange) -> str:
    label = f" {_md(change.label)}" if change.label else ""
    return f"- {_code(compact(change.iri))}{label}"


def _fact_lines(change: EntityChange) -> list[str]:
    removed: dict[str, list[str]] = {}
    for kind, text in change.removed:
        removed.setdefault(kind, []).append(text)
    added: dict[str, list[str]] = {}
    for kind, text in change.added:
        added.setdefault(kind, []).append(text)
    lines = []
    for kind in sorted(set(added) | set(removed), key=lambda k: _fact_key((k, ""))):
        olds, news = removed.get(kind, []), added.get(kind, [])
        if kind in ("label", "definition") and len(olds) == 1 and len(news) == 1:
            lines.append(f"  - {kind} changed: {_md(olds[0])} → {_md(news[0])}")
            continue
        lines += [f"  - removed {kind}: {_md(t)}" for t in olds]
        lines += [f"  - added {kind}: {_md(t)}" for t in news]
    return lines


def to_markdown(result: DiffResult, *, limit: int = MAX_MARKDOWN) -> str:
    """A Markdown report for a pull-request comment, cut with a note past ``limit`` characters."""
    lines = [
        f"## Ontology diff: {_code(Path(result.old).name)} → {_code(Path(result.new).name)}",
        "",
    ]
    if result.equal:
        return "\n".join([*lines, "No differences: the two files hold the same triples.", ""])
    lines.append(
        f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed entities "
        f"({result.triples_added} triples added, {result.triples_removed} removed)."
    )
    for title, changes, detailed in (
        ("Added", result.added, True),
        ("Removed", result.removed, False),
        ("Changed", result.changed, True),
    ):
        if not changes:
            continue
        by_section: dict[str, list[EntityChange]] = defaultdict(list)
        for change in changes:
            by_section[change.section].append(change)
        for section in sorted(by_section):
            lines += ["", f"### {title} {section} ({len(by_section[section])})", ""]
            for change in by_section[section]:
                lines.append(_entity_line(change))
                if detailed:
                    lines += _fact_lines(change)
    text = "\n".join(lines) + "\n"
    if len(text) > limit:
        note = (
            f"\n\n_… cut at {limit:,} characters ({len(text):,} in full): "
            "run `cytokine-rdf diff OLD NEW -f markdown -o diff.md` for the whole report._\n"
        )
        cut = text.rfind("\n", 0, limit - len(note))
        text = text[: max(cut, 0)] + note
    return text
