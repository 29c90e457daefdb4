"""Canonical Turtle for the source files: readable, diff-friendly, byte-stable and idempotent.

Layout: a fixed header comment, the prefixes actually used (the project's fixed map in its order,
then any other prefix the file declares, by name), the ``owl:Ontology`` header, then subjects in
groups (properties, classes, individuals, other), each group sorted by IRI. Predicates follow a
fixed order (``rdf:type``, ``rdfs:label``, definition, ...; the rest by IRI), objects are sorted by
their written form. Blank nodes used once are nested (restrictions as ``[ ... ]``, RDF lists as
``( ... )``); ``owl:Axiom`` annotations follow the block of the subject they annotate.

Comments are not kept (no serialiser can keep them): put information in ``rdfs:comment``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.canonical import canonical_graph, isomorphic
from cytokine_rdf.io.graph import read_file, to_rdflib
from cytokine_rdf.io.output import write_output
from cytokine_rdf.terms import quote_string
from cytokine_rdf.vocab import OBO, OIO, OWL, PREFIXES, RDF, RDFS, SH, SKOS, XSD

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["FmtResult", "check_files", "format_file", "format_files", "format_graph"]


HEADER = (
    "# Canonical form written by `cytokine-rdf fmt`: do not hand-align; comments are not kept,\n"
    "# so put anything worth saying in rdfs:comment.\n"
)

# Predicates first, in this order; every other predicate follows, sorted by IRI.
PREDICATE_ORDER: tuple[str, ...] = (
    RDF + "type",
    OWL + "annotatedSource",
    OWL + "annotatedProperty",
    OWL + "annotatedTarget",
    OWL + "onProperty",
    OWL + "someValuesFrom",
    OWL + "allValuesFrom",
    OWL + "hasValue",
    RDFS + "label",
    SKOS + "prefLabel",
    OBO + "IAO_0000115",
    SKOS + "definition",
    RDFS + "comment",
    OIO + "hasExactSynonym",
    OIO + "hasRelatedSynonym",
    OIO + "hasNarrowSynonym",
    OIO + "hasBroadSynonym",
    OIO + "hasDbXref",
    SKOS + "exactMatch",
    SKOS + "closeMatch",
    RDFS + "subClassOf",
    OWL + "equivalentClass",
    OWL + "disjointWith",
    RDFS + "subPropertyOf",
    OWL + "inverseOf",
    RDFS + "domain",
    RDFS + "range",
    SH + "targetClass",
    SH + "path",
)
_PREDICATE_RANK = {iri: i for i, iri in enumerate(PREDICATE_ORDER)}

_PROPERTY_TYPES = {
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    OWL + "TransitiveProperty",
    OWL + "SymmetricProperty",
    OWL + "FunctionalProperty",
    RDF + "Property",
}
_CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
_INDIVIDUAL_TYPES = {OWL + "NamedIndividual"}
GROUPS = ("ontology", "properties", "classes", "individuals", "other")
_GROUP_TITLE = {
    "properties": "# Properties",
    "classes": "# Classes",
    "individuals": "# Individuals",
    "other": "# Other resources",
}
_PN_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_PREFIX_DECL = re.compile(
    r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][A-Za-z0-9_.-]*)?:\s*<([^>]*)>",
    re.MULTILINE | re.IGNORECASE,
)
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}
_BAD_RELATIVE = re.compile(r'^[./]|^[^/]*:|[\x00-\x20<>"{}|^`\\]|/\.\.?/')
INDENT = "    "
MAX_NESTING = 32  # levels of [ ... ] inside one another before a blank node gets a label


@dataclass(frozen=True)
class FmtResult:
    """One file: whether it was already canonical (and, when rewritten, that it now is)."""

    path: Path
    canonical: bool
    changed: bool


def declared_prefixes(text: str) -> dict[str, str]:
    """The ``@prefix``/``PREFIX`` declarations of a Turtle text (a scan of the lines, not a parse)."""
    return {name or "": ns for name, ns in _PREFIX_DECL.findall(text)}


class _Writer:
    """Writes one rdflib graph as canonical Turtle."""

    def __init__(
        self, graph: rdflib.Graph, extra_prefixes: dict[str, str], base: str | None
    ) -> None:

        self.graph = graph
        self.base = base
        fixed_ns = set(PREFIXES.values())
        extras = {
            name: ns
            for name, ns in sorted(extra_prefixes.items())
            if name and name not in PREFIXES and ns not in fixed_ns and "://" in ns
        }
        self.prefixes: dict[str, str] = {**PREFIXES, **extras}
        self.used: set[str] = set()
        self.by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        references: dict[Node, int] = defaultdict(int)
        for s, p, o in graph:
            self.by_subject[s].append((p, o))
            if isinstance(o, rdflib.BNode):
                references[o] += 1
        self.nested = {b for b, n in references.items() if n == 1}
        self._drop_cycles()
        self.labels: dict[Node, str] = self._bnode_labels()
        self._lists = self._find_lists()

    # --- structure ----------------------------------------------------------------------------
    def _drop_cycles(self) -> None:
        """Blank nodes used once but unreachable from a written subject (cycles) get labels, and
        so does every ``MAX_NESTING``-th level of a deep chain, which starts a block of its own
        (brackets 10,000 deep would need a 200 MB indentation and deep recursion)."""

        reached: set[Node] = set()
        cut: set[Node] = set()
        stack = [(s, 0) for s in self.by_subject if s not in self.nested]
        while stack:
            node, depth = stack.pop()
            for p, o in self.by_subject.get(node, ()):
                if (
                    not isinstance(o, rdflib.BNode)
                    or o not in self.nested
                    or o in reached
                    or o in cut
                ):
                    continue
                # a list's cells are written flat, so its rest links add no depth
                below = depth if p == rdflib.RDF.rest else depth + 1
                if below >= MAX_NESTING:
                    cut.add(o)  # labelled and written as a block of its own
                    stack.append((o, 0))
                else:
                    reached.add(o)
                    stack.append((o, below))
        self.nested &= reached

    def _bnode_labels(self) -> dict[Node, str]:
        """Deterministic labels for blank nodes that cannot be nested (shared or in cycles)."""

        shared = {
            o for _s, _p, o in self.graph if isinstance(o, rdflib.BNode) and o not in self.nested
        }
        if not shared:
            return {}

        canonical = canonical_graph(self.graph)
        # map original blank nodes to canonical ones through their (unique) canonical form
        ordered = sorted(
            str(b) for s, _p, o in canonical for b in (s, o) if isinstance(b, rdflib.BNode)
        )
        names = {name: f"b{i}" for i, name in enumerate(dict.fromkeys(ordered))}
        self.graph = canonical
        self.by_subject = defaultdict(list)
        references: dict[Node, int] = defaultdict(int)
        for s, p, o in canonical:
            self.by_subject[s].append((p, o))
            if isinstance(o, rdflib.BNode):
                references[o] += 1
        self.nested = {b for b, n in references.items() if n == 1}
        self._drop_cycles()
        labelled = {o for _s, _p, o in canonical if isinstance(o, rdflib.BNode)} - self.nested
        return {rdflib.BNode(k): v for k, v in names.items() if rdflib.BNode(k) in labelled}

    def _find_lists(self) -> dict[Node, list[Node]]:
        """Well-formed RDF lists made of nested blank nodes, by head (in time linear in the list
        cells: walking from every cell was quadratic, 6 s for a 1,000-item list)."""

        first, rest, nil = rdflib.RDF.first, rdflib.RDF.rest, rdflib.RDF.nil
        cell_predicates = sorted([str(first), str(rest)])
        following: dict[Node, Node] = {}  # a nested cell (only rdf:first and rdf:rest) -> rest
        for cell in self.nested:
            pairs = self.by_subject.get(cell, [])
            if sorted(str(p) for p, _o in pairs) == cell_predicates:
                following[cell] = next(o for p, o in pairs if p == rest)
        # cells from which the rest links reach rdf:nil through cells only, with the length
        length: dict[Node, int] = {nil: 0}
        broken: set[Node] = set()
        for start in following:
            path: dict[Node, None] = {}  # in order, and a set to see a cycle
            node = start
            while node not in length and node not in broken and node in following:
                if node in path:
                    break
                path[node] = None
                node = following[node]
            end = length.get(node)
            for cell in reversed(path):
                if end is None or end >= 100_000:
                    broken.add(cell)
                    end = None
                else:
                    end += 1
                    length[cell] = end
        # a list's inner cells are written as part of the list, never on their own
        inner = {following[cell] for cell in following if cell in length}
        lists: dict[Node, list[Node]] = {}
        for head in self.nested:
            if head in following and head in length and head not in inner:
                items: list[Node] = []
                node = head
                while node != nil:
                    items.append(next(o for p, o in self.by_subject[node] if p == first))
                    node = following[node]
                lists[head] = items
        return lists

    # --- terms --------------------------------------------------------------------------------
    def iri(self, value: str) -> str:
        if value == RDF + "type":
            return "a"
        best = ""
        for name, ns in self.prefixes.items():
            if value.startswith(ns) and len(ns) > len(self.prefixes.get(best, "")):
                local = value[len(ns) :]
                if _PN_LOCAL.fullmatch(local):
                    best = name
        if best:
            self.used.add(best)
            return f"{best}:{value[len(self.prefixes[best]) :]}"
        if self.base and (value == self.base or value.startswith(self.base + "#")):
            return f"<{value[len(self.base) :]}>"
        folder = (
            self.base.rsplit("/", 1)[0] + "/"
            if self.base and self.base.startswith("file:")
            else None
        )
        if folder and value.startswith(folder) and not _BAD_RELATIVE.search(value[len(folder) :]):
            return f"<{value[len(folder) :]}>"
        if re.search(r'[\x00-\x20<>"{}|^`\\]', value):
            raise CytokineRdfError(f"cannot write IRI {value!r} in Turtle")
        return f"<{value}>"

    def literal(self, node: rdflib.Literal) -> str:
        value = str(node)
        datatype = str(node.datatype) if node.datatype is not None else None
        pattern = _BARE.get(datatype or "")
        if pattern is not None and pattern.fullmatch(value):
            return value
        text = quote_string(value)
        if node.language:
            return f"{text}@{node.language}"
        if datatype and datatype != XSD + "string":
            return f"{text}^^{self.iri(datatype)}"
        return text

    def term(self, node: Node, indent: str) -> str:

        if isinstance(node, rdflib.URIRef):
            return self.iri(str(node))
        if isinstance(node, rdflib.Literal):
            return self.literal(node)
        if node in self._lists:
            items = [self.term(item, indent + INDENT) for item in self._lists[node]]
            return "( " + " ".join(items) + " )" if items else "()"
        if node in self.nested:
            return self.nested_block(node, indent)
        return f"_:{self.labels.get(node, 'x')}"

    def nested_block(self, node: Node, indent: str) -> str:
        body = self.predicate_lines(node, indent + INDENT)
        if not body:
            return "[]"
        return "[ " + f" ;\n{indent}{INDENT}".join(body) + " ]"

    def predicate_lines(self, subject: Node, indent: str) -> list[str]:
        """``predicate objects`` for each predicate of ``subject``, in canonical order."""
        grouped: dict[str, list[Node]] = defaultdict(list)
        for p, o in self.by_subject.get(subject, []):
            grouped[str(p)].append(o)
        keys = sorted(
            grouped, key=lambda iri: (_PREDICATE_RANK.get(iri, len(_PREDICATE_RANK)), iri)
        )
        lines = []
        for predicate in keys:
            objects = sorted({self.term(o, indent + INDENT) for o in grouped[predicate]})
            joined = f",\n{indent}{INDENT}".join(objects)
            lines.append(f"{self.iri(predicate)} {joined}")
        return lines

    # --- document -----------------------------------------------------------------------------
    def subject_block(self, subject: Node) -> str:

        head = (
            "[]"
            if isinstance(subject, rdflib.BNode) and subject not in self.labels
            else self.term(subject, "")
        )
        lines = self.predicate_lines(subject, INDENT)
        return head + " " + f" ;\n{INDENT}".join(lines) + " .\n"

    def group_of(self, subject: Node) -> str:

        types = {str(o) for p, o in self.by_subject[subject] if p == rdflib.RDF.type}
        if OWL + "Ontology" in types:
            return "ontology"
        if types & _PROPERTY_TYPES:
            return "properties"
        if types & _CLASS_TYPES:
            return "classes"
        if types & _INDIVIDUAL_TYPES:
            return "individuals"
        return "other"

    def axiom_source(self, subject: Node) -> Node | None:
        """The annotated source of an unlabelled ``owl:Axiom`` blank node, else None."""

        if not isinstance(subject, rdflib.BNode) or subject in self.labels:
            return None
        for p, o in self.by_subject[subject]:
            if str(p) == OWL + "annotatedSource" and not isinstance(o, rdflib.BNode):
                return o
        return None

    def write(self) -> str:

        top = [s for s in self.by_subject if s not in self.nested]
        axioms: dict[Node, list[str]] = defaultdict(list)
        groups: dict[str, list[tuple[str, str, Node]]] = defaultdict(list)
        for subject in top:
            source = self.axiom_source(subject)
            if source is not None and source in self.by_subject and source not in self.nested:
                axioms[source].append(self.subject_block(subject))
                continue
            block = self.subject_block(subject)
            key = (
                block
                if isinstance(subject, rdflib.BNode) and subject not in self.labels
                else str(subject)
            )
            rank = "1" if isinstance(subject, rdflib.BNode) else "0"
            groups[self.group_of(subject)].append((rank + key, block, subject))
        sections = []
        for group in GROUPS:
            entries = sorted(groups.get(group, []), key=lambda e: e[0])
            if not entries:
                continue
            parts = [_GROUP_TITLE[group] + "\n"] if group in _GROUP_TITLE else []
            for _key, block, subject in entries:
                parts.append(block)
                parts.extend(sorted(axioms.get(subject, [])))
            sections.append("\n".join(parts))
        body = "\n".join(sections)
        declarations = "".join(
            f"@prefix {name}: <{ns}> .\n" for name, ns in self.prefixes.items() if name in self.used
        )
        return HEADER + "\n" + declarations + ("\n" + body if body else "")


def format_graph(
    graph: rdflib.Graph, *, extra_prefixes: dict[str, str] | None = None, base: str | None = None
) -> str:
    """Return ``graph`` as canonical Turtle (``base``: IRIs equal to it, or ``base#...``, stay relative)."""
    return _Writer(graph, extra_prefixes or {}, base).write()


def _read(path: Path) -> tuple[rdflib.Graph, str]:
    """Parse one file alone (its ``owl:imports`` are not followed) through graph.py."""

    store = ox.Store()
    read_file(store, path)
    return to_rdflib(store), path.read_text(encoding="utf-8", errors="replace")


def format_file(path: str | Path) -> tuple[str, str]:
    """Return (current text, canonical text) of one Turtle file; raise if they would not be isomorphic."""

    source = Path(path)
    graph, text = _read(source)
    canonical = format_graph(
        graph, extra_prefixes=declared_prefixes(text), base=source.resolve().as_uri()
    )
    _check_same(graph, canonical, source)
    return text, canonical


def _check_same(graph: rdflib.Graph, canonical: str, source: Path) -> None:

    again = rdflib.Graph()
    again.parse(data=canonical, format="turtle", publicID=source.resolve().as_uri())
    if not isomorphic(graph, again):
        raise CytokineRdfError(
            f"{source}: canonical form would change the triples; file left untouched",
            hint="please report this with the file",
        )


def format_files(paths: Sequence[str | Path]) -> list[FmtResult]:
    """Rewrite every file that is not canonical (atomically); report what was done."""

    results = []
    for path in paths:
        current, canonical = format_file(path)
        changed = current != canonical
        if changed:
            write_output(canonical, path)
        results.append(FmtResult(Path(path), not changed, changed))
    return results


def check_files(paths: Iterable[str | Path]) -> list[FmtResult]:
    """Report which files are not in canonical form (nothing is written)."""
    results = []
    for path in paths:
        current, canonical = format_file(path)
        results.append(FmtResult(Path(path), current == canonical, False))
    return results
