"""SHACL Core on a Rust engine (PyPI ``shacl``, SHACL_Engine), pySHACL for what it leaves, per shape.

:func:`plan` reads the shapes (literals as their files write them) and decides, per targeted shape,
which engine validates it: the Rust engine, unless the shape or a shape it reaches (``sh:property``,
``sh:node``, ``sh:not``, ``sh:and``/``sh:or``/``sh:xone``, ``sh:qualifiedValueShape``) uses a
SHACL-SPARQL constraint or target, a custom constraint component, a construct on which the two
engines were seen to disagree (:data:`ROUTED`), or something the engine refuses to compile. Those
shapes go to pySHACL (:func:`cytokine_rdf.validation.shacl.run_shacl`), each with the reason, and
never run on both. :func:`run_engine` validates the rest and turns the engine's results into
findings with the same terms a pySHACL report has.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import logging
import operator
import re
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
import rdflib
import shacl

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.gocam_model import document_kind as gocam_document_kind
from cytokine_rdf.io.graph import (
    RdfData,
    detect_format,
    rdflib_from_quads,
    source_quads,
    written_ntriples,
)
from cytokine_rdf.io.progress import Stage
from cytokine_rdf.terms import Term, compact
from cytokine_rdf.validation import partition
from cytokine_rdf.validation.partition import Parts, UnplacedError, parts, splittable
from cytokine_rdf.validation.results import Finding, ShaclTerms, shacl_finding
from cytokine_rdf.validation.scan import Scan, Targets, disputed_literal, scan
from cytokine_rdf.validation.shacl import only_shapes, run_shacl
from cytokine_rdf.vocab import RDF, RDFS, SH

__all__ = [
    "ROUTED",
    "Checked",
    "DataInput",
    "Plan",
    "check_shapes",
    "plan",
    "run_engine",
    "validate_shapes",
]

log = logging.getLogger("cytokine_rdf")

OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
TARGETS = ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf", "target")
_SHAPE_VALUED = ("property", "node", "not", "qualifiedValueShape")
_SHAPE_LISTS = ("and", "or", "xone")
# blank-node shapes are named by IRIs for the engine (it renames blank nodes), and named back
_SKOLEM = "urn:x-cytokine-rdf:shape:"
# regular-expression syntax that Rust's regex (the engine) and RE2/Python's re (pySHACL) may read
# differently, or that one of them refuses: such a sh:pattern goes to pySHACL
_UNSAFE_REGEX = re.compile(r"\(\?|\\[pPbBAZzXRkKgGhHN1-9]|\[\[:|&&|--|~~|\{,")

# Constructs routed to pySHACL because the engine (shacl 0.3.4) answers differently, each found by
# the differential tests (tests/test_shacl_engine.py) and written down in docs/design.md.
ROUTED: dict[str, str] = {
    # pySHACL: a pair it cannot compare (two IRIs) is no violation; the engine: a violation
    "lessThan": "sh:lessThan (the engines differ on values they cannot compare)",
    "lessThanOrEquals": "sh:lessThanOrEquals (the engines differ on values they cannot compare)",
}
# Constraints that read a typed literal's value: on an ill-typed or non-canonical literal
# (" 5"^^xsd:integer, "abc"^^xsd:decimal, "300"^^xsd:byte) the engines differ, so when the data
# or the shapes hold one, shapes that use these go to pySHACL
_VALUE_CONSTRAINTS = (
    "datatype",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
)
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Plan:
    """The shapes graph as written, and which targeted shape runs where."""

    quads: list[Any]  # pyoxigraph quads, literals as the shapes files write them
    pyshacl: dict[Any, str] = field(default_factory=dict)  # shape node -> why pySHACL runs it
    engine: list[Any] = field(default_factory=list)  # targeted shapes for the Rust engine
    compiled: Any = None  # shacl.Shapes of the engine's shapes, None when it has none
    _index: dict[Any, list[tuple[str, Any]]] | None = None

    @property
    def index(self) -> dict[Any, list[tuple[str, Any]]]:
        """subject -> [(predicate IRI, object)]"""
        if self._index is None:
            index: dict[Any, list[tuple[str, Any]]] = defaultdict(list)
            for q in self.quads:
                index[q.subject].append((q.predicate.value, q.object))
            self._index = index
        return self._index

    def values(self, node: Any, predicate: str) -> list[Any]:
        return [o for p, o in self.index.get(node, ()) if p == predicate]


def _rdf_list(p: Plan, head: Any) -> list[Any]:
    items: list[Any] = []
    seen: set[Any] = set()
    while not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil") and head not in seen:
        seen.add(head)
        items += p.values(head, RDF + "first")
        rest = p.values(head, RDF + "rest")
        if len(rest) != 1:
            break
        head = rest[0]
    return items


def _targeted(p: Plan) -> list[Any]:
    """Shapes with a target: explicit ``sh:target*`` or implicit (a shape that is also a class)."""
    found = {q.subject for q in p.quads if q.predicate.value in {SH + t for t in TARGETS}}
    shapes = {SH + "NodeShape", SH + "PropertyShape"}
    for q in p.quads:
        if (
            q.predicate.value == RDF + "type"
            and q.object.value in (RDFS + "Class", OWL_CLASS)
            and any(t.value in shapes for t in p.values(q.subject, RDF + "type"))
        ):
            found.add(q.subject)
    return sorted(found, key=str)


def _reached(p: Plan, shape: Any) -> list[Any]:
    """``shape`` and every shape it reaches."""
    out, todo = [], [shape]
    seen: set[Any] = set()
    while todo:
        node = todo.pop()
        if node in seen or isinstance(node, ox.Literal):
            continue
        seen.add(node)
        out.append(node)
        for predicate, obj in p.index.get(node, ()):
            name = predicate.removeprefix(SH)
            if name in _SHAPE_VALUED:
                todo.append(obj)
            elif name in _SHAPE_LISTS:
                todo += _rdf_list(p, obj)
    return out


def _custom_parameters(p: Plan) -> set[str]:
    """Parameters of the custom constraint components the shapes graph declares (anything with
    ``sh:parameter``: a component may be typed by a subclass of sh:ConstraintComponent)."""
    return {
        path.value
        for q in p.quads
        if q.predicate.value == SH + "parameter"
        for path in p.values(q.object, SH + "path")
        if isinstance(path, ox.NamedNode)
    }


def _why_pyshacl(p: Plan, shape: Any, custom: set[str], disputed: str | None) -> str | None:
    for node in _reached(p, shape):
        for predicate, obj in p.index.get(node, ()):
            if predicate in custom:
                return f"custom constraint component parameter <{predicate}>"
            name = predicate.removeprefix(SH) if predicate.startswith(SH) else ""
            if name == "sparql":
                return "SHACL-SPARQL constraint (sh:sparql)"
            if name == "target":
                return "SPARQL-based target (sh:target)"
            if name == "pattern" and _UNSAFE_REGEX.search(obj.value):
                return "sh:pattern with regular-expression syntax the engines read differently"
            if name in ROUTED:
                return ROUTED[name]
            if disputed is not None and name in _VALUE_CONSTRAINTS:
                return f"sh:{name}, and the input has {disputed[:80]}, a literal the engines read differently"
    return None


def _term(node: Any) -> str:
    if isinstance(node, ox.BlankNode):
        return f"<{_SKOLEM}{node.value}>"
    return str(node)


def _engine_text(p: Plan, engine: Iterable[Any], targeted: set[Any], skolem: set[Any]) -> str:
    """N-Triples of what the engine needs: the triples reachable from ``engine``'s shapes, targets
    only on those shapes, blank-node shapes named by IRIs (their descriptions are found again)."""
    keep = set(engine)
    targets = {SH + t for t in TARGETS}
    lines = []
    todo, seen = list(keep), set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        subject = _term(s) if s in skolem else str(s)
        for pred, o in p.index.get(s, ()):
            if (
                s in targeted
                and s not in keep
                and (
                    pred in targets
                    or (pred == RDF + "type" and o.value in (RDFS + "Class", OWL_CLASS))
                )
            ):
                continue
            if not isinstance(o, ox.Literal):
                todo.append(o)
            lines.append(f"{subject} <{pred}> {_term(o) if o in skolem else str(o)} .\n")
    return "".join(lines)


def _compile(text: str) -> Any:
    try:
        return shacl.Shapes.from_text(text, format="ntriples")
    except ValueError as exc:
        raise _RefusedError(" ".join(str(exc).split())[:200]) from exc


class _RefusedError(Exception):
    pass


def plan(quads: list[Any], data: bytes = b"", *, disputed: str | None = None) -> Plan:
    """Decide where each targeted shape of the shapes graph ``quads`` (as written) runs, for the
    data ``data`` (N-Triples, as written) or, found already, the data's first ``disputed`` literal."""
    p = Plan(quads)
    disputed = (
        disputed
        or disputed_literal(data)
        or disputed_literal(
            "".join(
                f"{q.object} .\n"
                for q in quads
                # a SPARQL prefix (an xsd:anyURI) is no value any constraint compares
                if isinstance(q.object, ox.Literal) and q.predicate.value != SH + "namespace"
            ).encode()
        )
    )
    custom = _custom_parameters(p)
    targeted = _targeted(p)
    shape_nodes = {n for t in targeted for n in _reached(p, t)}
    shape_nodes |= {q.subject for q in quads if q.predicate.value == SH + "path"}
    skolem = {n for n in shape_nodes if isinstance(n, ox.BlankNode)}
    is_targeted = set(targeted)
    for shape in targeted:
        why = _why_pyshacl(p, shape, custom, disputed)
        if why is None:
            p.engine.append(shape)
        else:
            p.pyshacl[shape] = why
    if not p.engine:
        return p
    try:
        p.compiled = _compile(_engine_text(p, p.engine, is_targeted, skolem))
        return p
    except _RefusedError:
        pass
    for shape in list(p.engine):  # which shapes does it refuse? each alone
        try:
            _compile(_engine_text(p, [shape], is_targeted, skolem))
        except _RefusedError as exc:
            p.engine.remove(shape)
            p.pyshacl[shape] = f"the Rust engine refuses it: {exc}"
    try:
        p.compiled = _compile(_engine_text(p, p.engine, is_targeted, skolem)) if p.engine else None
    except _RefusedError as exc:  # refused together, accepted one by one: all to pySHACL
        p.pyshacl.update(dict.fromkeys(p.engine, f"the Rust engine refuses it: {exc}"))
        p.engine = []
    return p


# --- results --------------------------------------------------------------------------------------
def _parse_terms(texts: set[str]) -> dict[str, Term]:
    """N-Triples terms (the engine's output) as :class:`Term`, in one parse."""
    out: dict[str, Term] = {}
    rest = []
    for text in texts:
        if text.startswith("_:"):
            out[text] = Term("bnode", text[2:])
        elif text.startswith("<" + _SKOLEM):
            out[text] = Term("bnode", text[len(_SKOLEM) + 1 : -1])
        elif text.startswith("<") and "\\" not in text:  # an IRI as the engine writes it
            out[text] = Term("uri", text[1:-1])
        else:
            rest.append(text)
    doc = "".join(f"<urn:x:s{i}> <urn:x:p> {t} .\n" for i, t in enumerate(rest))
    for quad in ox.parse(input=doc.encode(), format=ox.RdfFormat.N_TRIPLES):
        out[rest[int(quad.subject.value[len("urn:x:s") :])]] = Term.from_oxigraph(quad.object)
    return out


_PATH_TOKEN = re.compile(r"\s*(<[^>]*>|[()/|^*+?])")
_MODS = {"*": "zeroOrMorePath", "+": "oneOrMorePath", "?": "zeroOrOnePath"}


def path_forms(text: str) -> tuple[str, str]:
    """The engine's SPARQL property path as (Turtle SHACL path, readable text), the forms
    :func:`cytokine_rdf.validation.shacl.path_forms` gives for a report graph."""
    tokens: list[str] = _PATH_TOKEN.findall(text)
    if "".join(tokens).replace(" ", "") != text.replace(" ", ""):
        raise CytokineRdfError(f"the SHACL engine reported a path it cannot be read back: {text}")
    pos = 0

    def peek() -> str:
        return tokens[pos] if pos < len(tokens) else ""

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def alternative() -> tuple[str, str]:
        parts = [sequence()]
        while peek() == "|":
            take()
            parts.append(sequence())
        if len(parts) == 1:
            return parts[0]
        turtle = "( " + " ".join(t for t, _ in parts) + " )"
        return f"[ <{SH}alternativePath> {turtle} ]", "(" + "|".join(x for _, x in parts) + ")"

    def sequence() -> tuple[str, str]:
        parts = [unary()]
        while peek() == "/":
            take()
            parts.append(unary())
        if len(parts) == 1:
            return parts[0]
        return "( " + " ".join(t for t, _ in parts) + " )", "/".join(x for _, x in parts)

    def unary() -> tuple[str, str]:
        if peek() == "^":
            take()
            turtle, shown = element()
            return f"[ <{SH}inversePath> {turtle} ]", "^" + shown
        return element()

    def element() -> tuple[str, str]:
        token = take()
        if token == "(":  # noqa: S105 - a path token, not a password
            turtle, shown = alternative()
            if take() != ")":
                raise CytokineRdfError(f"unbalanced SHACL path from the engine: {text}")
        elif token.startswith("<"):
            iri = token[1:-1]
            short = compact(iri)
            turtle, shown = f"<{iri}>", short if short != iri else f"<{iri}>"
        else:
            raise CytokineRdfError(f"unexpected {token!r} in a SHACL path from the engine: {text}")
        while peek() in _MODS:
            mod = take()
            turtle, shown = f"[ <{SH}{_MODS[mod]}> {turtle} ]", f"({shown}){mod}"
        return turtle, shown

    result = alternative()
    if pos != len(tokens):
        raise CytokineRdfError(f"a SHACL path from the engine not read to its end: {text}")
    return result


def _release_memory() -> None:
    """Give memory freed by the engine back to the system (glibc keeps it otherwise, and
    Python's own allocations would then come on top of it in the peak)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def _engine_results(
    p: Plan, data: DataInput | str, background: str, limit: int | None = None
) -> list[Any]:
    """The engine's results for ``data`` with ``background`` (N-Triples) added, stopping at
    ``limit`` results that fail conformance; the report, which is most of the engine's memory, is
    let go before the results are read further."""
    if isinstance(data, str):
        text, fmt, base = data + background, "ntriples", None
    else:
        text, fmt, base = data.document(background)
    try:
        options: dict[str, Any] = {"format": fmt, "max_results": limit}
        if base is not None:
            options["base"] = base
        report = p.compiled.validate_text(text, **options)
    except ValueError as exc:
        del text
        if isinstance(data, DataInput) and fmt != "ntriples":  # its parser refuses the file as
            return _engine_results(p, data.plain(), background, limit)  # written: as N-Triples
        raise CytokineRdfError(
            f"SHACL validation could not run (Rust engine): {' '.join(str(exc).split())[:300]}"
        ) from exc
    del text
    results: list[Any] = report.results
    del report
    _release_memory()
    return results


def run_engine(
    p: Plan,
    data: DataInput | str,
    background: str = "",
    *,
    label: Callable[[Term], str] = lambda _t: "",
    split: Callable[[], Parts | None] | None = None,
) -> list[Finding]:
    """Validate ``data`` (a :class:`DataInput`, or N-Triples with literals as written) with
    ``background`` (N-Triples) against the engine's shapes of ``p``; one finding per result.
    ``label`` gives a focus node's rdfs:label. ``split`` cuts the data into parts (see
    :mod:`cytokine_rdf.validation.partition`), validated in turn when one run on the whole data
    reaches ``partition.PROBE_RESULTS`` results."""
    if p.compiled is None:
        return []
    if split is not None:
        probe = partition.PROBE_RESULTS
        results = _engine_results(p, data, background, probe)
        if len(results) < probe:  # the run stops at that many results that fail conformance
            return sorted(_findings(p, results, label), key=finding_key)
        del results
        cut = split()
        if cut is not None:
            try:
                return _in_parts(p, cut, background, label)
            except UnplacedError as exc:
                log.warning("SHACL: %s is in no part of the data: validated whole", exc)
    return sorted(_findings(p, _engine_results(p, data, background), label), key=finding_key)


def _in_parts(p: Plan, cut: Parts, background: str, label: Callable[[Term], str]) -> list[Finding]:
    out: list[Finding] = []
    for k in range(len(cut.documents)):
        document, cut.documents[k] = cut.documents[k], ""  # let go once validated
        results = cut.kept(k, _engine_results(p, document, background))
        del document
        out += _findings(p, results, label)
    return sorted(out, key=finding_key)


def _findings(p: Plan, results: list[Any], label: Callable[[Term], str]) -> list[Finding]:
    """The engine's ``results`` as findings."""
    texts: set[str] = set()
    for r in results:
        texts.add(r.focus_node)
        texts.add(r.source_shape)
        if r.value is not None:
            texts.add(r.value)
    terms = _parse_terms(texts)
    n3 = {text: term.n3() for text, term in terms.items()}  # the project's own spelling
    paths: dict[str, tuple[str, str]] = {}
    fixes: dict[str, str] = {}  # by the shape's text
    labels: dict[str, str] = {}  # by the focus node's text
    defaults: dict[tuple[str, str | None], str] = {}
    out = []
    for r in results:  # 180k results at 1M triples on the held-out shapes: per-text caches
        focus_text, shape_text, value_text = r.focus_node, r.source_shape, r.value
        focus, shape = terms[focus_text], terms[shape_text]
        value = terms[value_text] if value_text is not None else None
        turtle, shown = "", ""
        path = r.path
        if path is not None:
            if path not in paths:
                paths[path] = path_forms(path)
            turtle, shown = paths[path]
        focus_label = labels.get(focus_text)
        if focus_label is None:
            focus_label = labels[focus_text] = "" if focus.kind == "literal" else label(focus)
        fix = fixes.get(shape_text)
        if fix is None:
            described = [o.value for o in p.values(shape.to_oxigraph(), SH + "description")]
            fix = fixes[shape_text] = " ".join((described[0] if described else "").split())
        component, severity = r.component_iri, r.severity_iri
        messages = r.messages
        if len(messages) > 1:
            message = min(messages)
        elif messages:
            message = messages[0]
        else:
            message = defaults.get((component, value_text), "")
            if not message:
                message = defaults[(component, value_text)] = _default_message(component, value)
        out.append(
            shacl_finding(
                severity=severity,
                shape=shape,
                component=component,
                focus=focus,
                focus_label=focus_label,
                path=turtle[1:-1] if turtle.startswith("<") else shown,
                value=value,
                message=message,
                fix=fix,
                exact=ShaclTerms(
                    focus=n3[focus_text],
                    path=turtle,
                    value=n3[value_text] if value_text is not None else "",
                    component=component,
                    shape=n3[shape_text],
                    severity=severity,
                ),
            )
        )
    return out


finding_key = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding)))
"""The dataclass order of findings as a key, built once per finding (comparisons build two
tuples each)."""


def _default_message(component: str, value: Term | None) -> str:
    name = component.rsplit("#", 1)[-1].replace("ConstraintComponent", "")
    return f"{name} constraint not met" + (f" by value {value.display()}" if value else "")


# --- the data ----------------------------------------------------------------------------------
_TEXT_FORMATS = {"turtle": "turtle", "n-triples": "ntriples"}
_OX_TEXT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
# the background's blank nodes, renamed so that they cannot meet the data's in one document
_BACKGROUND_BNODE = "cytokinerdfbackground"


@dataclass
class DataInput:
    """The data to validate: one Turtle or N-Triples file that the engine reads as it is (its text
    is never held twice, its triples never put in a store), or data already loaded."""

    sources: list[str]
    path: Path | None = None
    fmt: str = ""  # "turtle" | "ntriples" with ``path``
    loaded: RdfData | None = None
    _ntriples: bytes | None = field(default=None, repr=False)

    @classmethod
    def file(cls, inputs: Sequence[str | Path]) -> DataInput | None:
        """The one regular Turtle/N-Triples file of ``inputs`` (not a GO-CAM document), None for
        anything else (several files, a pipe, another format): those are loaded as usual."""
        if len(inputs) != 1 or str(inputs[0]) == "-":
            return None
        path = Path(inputs[0])
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return None
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return None
        if not head.strip() or b"\x00" in head or gocam_document_kind(path.suffix, head):
            return None  # the loader says what is wrong, or converts it
        fmt = _TEXT_FORMATS.get(detect_format(path, head))
        return None if fmt is None else cls([str(path)], path, fmt)

    @classmethod
    def of(cls, data: RdfData) -> DataInput:
        return cls(list(data.sources), loaded=data)

    def ntriples(self) -> bytes:
        """The data as N-Triples, literals as the files write them."""
        if self._ntriples is None:
            if self.loaded is not None:
                self._ntriples = written_ntriples(self.loaded)
            else:
                assert self.path is not None
                self._ntriples = _serialize(self.quads())
        return self._ntriples

    def quads(self) -> Iterator[Any]:
        """The triples as written, parsed anew (a SyntaxError for a file that is not valid)."""
        if self.path is not None:
            base = self.path.absolute().as_uri()
            return iter(ox.parse(path=self.path, format=_OX_TEXT[self.fmt], base_iri=base))
        return iter(ox.parse(input=self.ntriples(), format=ox.RdfFormat.N_TRIPLES))

    def literals_agreed(self) -> bool:
        """True when every typed literal is known to be read alike by the engines without looking
        at each: a text file without ``^^`` (bare numbers and booleans are canonical)."""
        if self.path is None:
            return False
        with self.path.open("rb") as handle:
            return b"^^" not in handle.read()

    def document(self, background: str) -> tuple[str, str, str | None]:
        """(text, format, base) for the engine: the data with ``background`` (N-Triples) after it."""
        if self.path is not None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, ValueError):
                text = ""
            if text and "_:" + _BACKGROUND_BNODE not in text:
                # a last line may be a comment without its newline
                return text + "\n" + background, self.fmt, self.path.absolute().as_uri()
        return self.ntriples().decode("utf-8") + background, "ntriples", None

    def plain(self) -> DataInput:
        """The same data as N-Triples (when the engine refuses the file as written)."""
        return DataInput(self.sources, loaded=self.loaded, _ntriples=self.ntriples())


def _serialize(quads: Iterator[Any]) -> bytes:
    out = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
    assert out is not None
    return out


_BACKGROUNDS: dict[tuple[Any, ...], tuple[str, str | None]] = {}
_BACKGROUND_GRAPHS: dict[tuple[Any, ...], rdflib.Graph] = {}
T = TypeVar("T")


def _kept(cache: dict[tuple[Any, ...], T], background: RdfData, make: Callable[[], T]) -> T:
    """``make()``, kept per process while the background's files are unchanged (keyed on their
    paths, times and sizes; not kept when one cannot be read)."""
    try:
        key = tuple(
            (s, Path(s).stat().st_mtime_ns, Path(s).stat().st_size) for s in background.sources
        )
    except OSError:
        return make()
    if key not in cache:
        cache[key] = make()
    return cache[key]


def background_graph(background: RdfData) -> rdflib.Graph:
    """The background as an rdflib graph, the same object for files that have not changed (so
    that pySHACL's share of the ontology is computed once per process, see ``run_shacl``)."""
    return _kept(_BACKGROUND_GRAPHS, background, background.rdflib_graph)


def background_document(background: RdfData) -> tuple[str, str | None]:
    """The background (the ontology) as N-Triples with its literals as written and its blank
    nodes renamed, and the first literal in it the engines may read differently; kept per process
    for files that have not changed."""
    return _kept(_BACKGROUNDS, background, lambda: _document(background))


def _document(background: RdfData) -> tuple[str, str | None]:
    names: dict[Any, ox.BlankNode] = {}

    def rename(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            if term not in names:
                names[term] = ox.BlankNode(f"{_BACKGROUND_BNODE}{len(names)}")
            return names[term]
        return term

    quads = (
        ox.Quad(rename(q.subject), q.predicate, rename(q.object)) for q in source_quads(background)
    )
    written = _serialize(quads)
    return written.decode("utf-8"), disputed_literal(written)


@dataclass
class Checked:
    """What :func:`check_shapes` found: findings, what ran where, and the data's :class:`Scan`."""

    findings: list[Finding]
    extra: dict[str, Any]
    scan: Scan


def validate_shapes(
    data: RdfData | DataInput,
    shapes: RdfData,
    *,
    background: RdfData | None = None,
    label: Callable[[Term], str] | None = None,
) -> tuple[list[Finding], dict[str, Any]]:
    """Validate ``data`` (with ``background``, the ontology, added as pySHACL's ``ont_graph``
    adds it) against ``shapes``: the Rust engine for the shapes it runs, pySHACL for the others.

    Returns the findings and what ran where (``shacl_engine``, ``pyshacl_shapes``: shape -> why).
    """
    checked = check_shapes(data, shapes, background=background, label=label)
    return checked.findings, checked.extra


def check_shapes(
    data: RdfData | DataInput,
    shapes: RdfData,
    *,
    background: RdfData | None = None,
    label: Callable[[Term], str] | None = None,
) -> Checked:
    """:func:`validate_shapes`, with the data's :class:`Scan` (focus nodes, labels, the nodes it
    shares with ``background``). Labels are the data's and the background's unless ``label``
    gives them. A file that is not valid RDF raises SyntaxError (the loader reports it)."""
    source = data if isinstance(data, DataInput) else DataInput.of(data)
    shape_quads = source_quads(shapes)
    onto_text, onto_disputed = background_document(background) if background else ("", None)
    agreed = source.literals_agreed()
    found = scan(
        source.quads,
        Targets.of(shape_quads),
        background.store if background is not None else None,
        literals=not agreed and source.path is not None,
    )
    data_disputed = found.disputed
    if source.path is None:  # N-Triples already: the byte scan, faster than one term at a time
        data_disputed = disputed_literal(source.ntriples())
    routing = plan(shape_quads, disputed=data_disputed or onto_disputed)
    engines = (["rust"] if routing.compiled is not None else []) + (
        ["pyshacl"] if routing.pyshacl else []
    )
    extra: dict[str, Any] = {"shacl_engine": "+".join(engines) or "rust"}
    labels = found.labels

    def known_label(term: Term) -> str:
        if term.kind != "uri":  # the engine names blank nodes itself: theirs are not the data's
            return ""
        try:
            return labels.get(ox.NamedNode(term.value), "")
        except ValueError:
            return ""

    named = label if label is not None else known_label
    findings: list[Finding] = []
    if routing.compiled is not None:
        onto_store = background.store if background is not None else None
        splits = splittable(found.triples, routing.quads)

        def cut() -> Parts | None:
            made = parts(source.quads, found.triples, routing.quads, onto_store)
            if made is not None:
                extra["engine_parts"] = len(made.documents)
                log.info("SHACL: the data in %d parts of whole components", len(made.documents))
            return made

        with Stage(f"SHACL: {len(routing.engine)} shape(s) on the Rust engine"):
            findings = run_engine(
                routing, source, onto_text, label=named, split=cut if splits else None
            )
    if routing.pyshacl:  # the shapes the Rust engine does not evaluate: pySHACL on exactly those
        left = {Term.from_oxigraph(s): why for s, why in routing.pyshacl.items()}
        extra["pyshacl_shapes"] = {shape.n3(): why for shape, why in sorted(left.items())}
        for shape, why in sorted(left.items()):
            log.info("SHACL shape %s runs on pySHACL: %s", shape.n3(), why)
        shapes_graph = rdflib_from_quads(iter(routing.quads))  # the same blank node ids
        with Stage(f"SHACL: {len(left)} shape(s) on pySHACL"):
            more, _ = run_shacl(
                rdflib_from_quads(source.quads()),  # the files' own text
                only_shapes(shapes_graph, {shape.to_rdflib() for shape in left}),
                ont_graph=background_graph(background) if background is not None else None,
            )
        findings += more
    return Checked(findings, extra, found)
