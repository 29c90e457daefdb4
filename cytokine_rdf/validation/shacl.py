"""SHACL with pySHACL: packaged shapes, running them, and turning SHACL results into findings."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
import rdflib
import rdflib.collection
from pyshacl.rdfutil.inoculate import inoculate
from rdflib.plugins.sparql import processor as sparql_processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import verbatim_literals
from cytokine_rdf.io.resources import iter_resources
from cytokine_rdf.sparql import regex
from cytokine_rdf.sparql.text import check_services
from cytokine_rdf.terms import Term, compact
from cytokine_rdf.validation.results import Finding, ShaclTerms, shacl_finding
from cytokine_rdf.vocab import SH, SHAPES_NS


def packaged_shapes(kind: str) -> list[Path]:
    """The packaged shapes files for ``kind`` (``ontology`` or ``data``)."""
    return [
        p
        for p in iter_resources("shapes", ".ttl", recursive=False)
        if p.name.startswith(kind + ".")
    ]


_FLAGS = ("uniqueLang", "closed", "deactivated", "qualifiedValueShapesDisjoint")
_TARGETS = ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf", "target")


def only_shapes(shapes: rdflib.Graph, keep: set[rdflib.term.Identifier]) -> rdflib.Graph:
    """A copy of ``shapes`` for pySHACL in which only the shapes in ``keep`` have targets, explicit
    or implicit (so it
    validates exactly those, and the shapes they reach), boolean flags on only when they are the
    literal ``true`` (pySHACL also takes ``"1"``), and the prefix declarations that
    ``sh:prefixes`` reaches through ``owl:imports`` (SHACL 5.2.1) are stated where pySHACL looks."""
    out = rdflib.Graph()
    out += shapes
    for name in _TARGETS:
        for shape, target in list(out.subject_objects(rdflib.URIRef(SH + name))):
            if shape not in keep:
                out.remove((shape, rdflib.URIRef(SH + name), target))
    kinds = {rdflib.URIRef(SH + "NodeShape"), rdflib.URIRef(SH + "PropertyShape")}
    for cls in (rdflib.RDFS.Class, rdflib.OWL.Class):  # implicit class targets of the others
        for shape in list(out.subjects(rdflib.RDF.type, cls)):
            if shape not in keep and any((shape, rdflib.RDF.type, k) in out for k in kinds):
                out.remove((shape, rdflib.RDF.type, cls))
    for flag in _FLAGS:  # only the literal true switches a flag on (W3C uniqueLang-002)
        for shape, value in list(out.subject_objects(rdflib.URIRef(SH + flag))):
            if str(value) != "true":
                out.remove((shape, rdflib.URIRef(SH + flag), value))
    declare = rdflib.URIRef(SH + "declare")
    for holder in set(out.objects(None, rdflib.URIRef(SH + "prefixes"))):
        for imported in out.transitive_objects(holder, rdflib.OWL.imports):
            for declaration in list(out.objects(imported, declare)):
                out.add((holder, declare, declaration))
    return out


def run_shacl(
    data_graph: rdflib.Graph,
    shapes_graph: rdflib.Graph,
    *,
    ont_graph: rdflib.Graph | None = None,
) -> tuple[list[Finding], rdflib.Graph]:
    """Validate ``data_graph`` against ``shapes_graph`` with pySHACL; return findings and the report.

    SPARQL-based constraints and targets run on rdflib, which would execute their ``SERVICE``
    clauses: a shapes file never reaches the network (see :func:`check_services`).
    """
    for kind in ("select", "ask", "construct", "update"):
        for text in shapes_graph.objects(None, rdflib.URIRef(SH + kind)):
            check_services(str(text))
    regex.install(
        regex.PYSHACL_PATTERN
    )  # sh:pattern and SPARQL REGEX in linear time (see cytokine_rdf.sparql.regex)
    try:
        # pySHACL copies the graphs (rdflib would rewrite their literals) and hands each SPARQL
        # constraint to rdflib as text once per focus node
        with verbatim_literals(), _queries_parsed_once():
            _conforms, results, _text = pyshacl.validate(
                _mixed(data_graph, ont_graph) if ont_graph is not None else data_graph,
                shacl_graph=shapes_graph,
                inference="none",
                advanced=True,
                allow_warnings=True,
                inplace=ont_graph is not None,  # the mixed graph is ours: no second copy
            )
    except Exception as exc:  # pySHACL raises its own ReportableRuntimeError and others
        raise CytokineRdfError(
            f"SHACL validation could not run ({type(exc).__name__}): {' '.join(str(exc).split())[:300]}"
        ) from exc
    if not isinstance(results, rdflib.Graph):
        raise CytokineRdfError("SHACL validation returned no report graph")
    return _findings(results, data_graph, shapes_graph), results


# id(ontology graph) -> (a weak reference to it, its size then, its axioms): keyed by identity, as
# rdflib graphs compare by their identifier, which two different graphs may share
_INOCULATED: dict[int, tuple[weakref.ref[rdflib.Graph], int, rdflib.Graph]] = {}


def _mixed(data_graph: rdflib.Graph, ont_graph: rdflib.Graph) -> rdflib.Graph:
    """``data_graph`` plus what pySHACL's ``ont_graph`` adds to it (its ``inoculate``: the RDFS/OWL
    axioms), the latter computed once per ontology graph: it was a second per run on the packaged
    ontology, for a few triples of data."""
    kept = _INOCULATED.get(id(ont_graph))
    if kept is not None and kept[0]() is ont_graph and kept[1] == len(ont_graph):
        axioms = kept[2]
    else:
        with verbatim_literals():
            axioms = inoculate(rdflib.Graph(), ont_graph)  # type: ignore[arg-type]
        key = id(ont_graph)
        _INOCULATED[key] = (
            weakref.ref(ont_graph, lambda _: _INOCULATED.pop(key, None)),
            len(ont_graph),
            axioms,
        )
    mixed = rdflib.Graph()
    for prefix, namespace in data_graph.namespaces():
        mixed.bind(prefix, namespace)
    known = {prefix for prefix, _ in mixed.namespaces()}
    for prefix, namespace in ont_graph.namespaces():
        if prefix not in known:  # as inoculate binds the ontology's missing prefixes
            mixed.bind(prefix, namespace)
    mixed += data_graph
    mixed += axioms
    return mixed


@lru_cache(maxsize=256)
def _translated(text: str, base: str | None, namespaces: tuple[tuple[str, Any], ...]) -> Query:
    return translateQuery(parseQuery(text), base, dict(namespaces))


@contextmanager
def _queries_parsed_once() -> Iterator[None]:
    """rdflib parses a query given as text on every call, and pySHACL runs a SPARQL constraint once
    per focus node: parsing was 90% of such a run (463 parses of two queries, 16 s). The translated
    query is kept and evaluated again, as rdflib's prepared queries are."""
    original = sparql_processor.SPARQLProcessor.query

    def query(
        self: sparql_processor.SPARQLProcessor,
        strOrQuery: str | Query,  # noqa: N803 (rdflib's name)
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((initNs or {}).items()))
            return original(
                self, _translated(strOrQuery, base, namespaces), initBindings, initNs, base, DEBUG
            )
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    sparql_processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        sparql_processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def shape_names(shapes: rdflib.Graph) -> list[str]:
    """The check name of every named shape (node and property shapes with an IRI)."""

    sh = rdflib.Namespace(SH)
    named: set[str] = set()
    for kind in (sh.NodeShape, sh.PropertyShape):
        named.update(
            _shape_name(s)
            for s in shapes.subjects(rdflib.RDF.type, kind)
            if isinstance(s, rdflib.URIRef)
        )
    named.update(
        _shape_name(s) for s in shapes.subjects(sh.path, None) if isinstance(s, rdflib.URIRef)
    )
    return sorted(named)


def _shape_name(shape: rdflib.term.Node) -> str:
    text = str(shape)
    return text.removeprefix(SHAPES_NS)


def _findings(results: rdflib.Graph, data: rdflib.Graph, shapes: rdflib.Graph) -> list[Finding]:

    sh = rdflib.Namespace(SH)
    out = []
    top = {
        r
        for report in results.subjects(rdflib.RDF.type, sh.ValidationReport)
        for r in results.objects(report, sh.result)
    }
    for node in sorted(top, key=str):  # nested sh:detail results are explained by their parent
        focus = results.value(node, sh.focusNode)
        path = results.value(node, sh.resultPath)
        value = results.value(node, sh.value)
        component = results.value(node, sh.sourceConstraintComponent)
        shape = results.value(node, sh.sourceShape)
        messages = sorted(str(m) for m in results.objects(node, sh.resultMessage))
        if focus is None or component is None or shape is None:
            raise CytokineRdfError("a SHACL result without focus node, component or shape")
        label = data.value(focus, rdflib.RDFS.label)
        path_turtle, path_text = path_forms(results, path)
        severity = results.value(node, sh.resultSeverity)
        exact = ShaclTerms(  # written by the project's term writer: rdflib's n3() writes an
            focus=Term.from_rdflib(focus).n3(),  # ill-formed boolean as the bare word
            path=path_turtle,
            value=Term.from_rdflib(value).n3() if value is not None else "",
            component=str(component),
            shape=Term.from_rdflib(shape).n3(),
            severity=str(severity),
        )
        out.append(
            shacl_finding(
                severity=str(results.value(node, sh.resultSeverity)),
                shape=Term.from_rdflib(shape) if shape is not None else None,
                component=str(component),
                focus=Term.from_rdflib(focus),
                focus_label=str(label or ""),
                path=str(path) if isinstance(path, rdflib.URIRef) else path_text,
                value=Term.from_rdflib(value) if value is not None else None,
                message=messages[0] if messages else "",
                fix=_fix_text(shapes, shape),
                exact=exact,
            )
        )
    return sorted(out)


_PATH_SUFFIX = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


def path_forms(
    graph: rdflib.Graph, node: rdflib.term.Node | None, depth: int = 0
) -> tuple[str, str]:
    """A SHACL path as (Turtle, readable text): ``<p>`` / ``ex:p``, ``( <a> <b> )`` / ``a/b``,
    ``[ sh:inversePath <p> ]`` / ``^p``, alternatives ``(a|b)``, and ``*``, ``+``, ``?``."""
    if node is None:
        return "", ""
    if isinstance(node, rdflib.URIRef):
        short = compact(str(node))
        return f"<{node}>", short if short != str(node) else f"<{node}>"
    if depth > 20 or not isinstance(node, rdflib.BNode):
        raise CytokineRdfError(f"not a SHACL path: {node.n3()}")
    if (node, rdflib.RDF.first, None) in graph:
        parts = [
            path_forms(graph, item, depth + 1) for item in rdflib.collection.Collection(graph, node)
        ]
        return "( " + " ".join(t for t, _ in parts) + " )", "/".join(x for _, x in parts)
    for predicate, obj in graph.predicate_objects(node):
        name = str(predicate).removeprefix(SH)
        if name == "inversePath":
            turtle, text = path_forms(graph, obj, depth + 1)
            return f"[ <{predicate}> {turtle} ]", "^" + text
        if name == "alternativePath":
            parts = [
                path_forms(graph, i, depth + 1) for i in rdflib.collection.Collection(graph, obj)
            ]
            turtle = "( " + " ".join(t for t, _ in parts) + " )"
            return f"[ <{predicate}> {turtle} ]", "(" + "|".join(x for _, x in parts) + ")"
        if name in _PATH_SUFFIX:
            turtle, text = path_forms(graph, obj, depth + 1)
            return f"[ <{predicate}> {turtle} ]", f"({text}){_PATH_SUFFIX[name]}"
    raise CytokineRdfError(f"not a SHACL path: {node.n3()}")


def _fix_text(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str:
    """The shape's ``sh:description`` says how to fix."""

    if shape is None:
        return ""
    described = shapes.value(shape, rdflib.URIRef(SH + "description"))
    return " ".join(str(described or "").split())
