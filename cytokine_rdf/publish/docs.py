"""Static HTML documentation of the ontology: overview, classes, properties, cross-references, pathways.

Pages are filled from small ``string.Template`` files in ``docs_templates/``; every piece of text
from the ontology is HTML-escaped. Pathway diagrams are inline SVG when Graphviz ``dot`` is
installed, Mermaid text otherwise.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Sequence
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

import rdflib

from cytokine_rdf.errors import OutputError
from cytokine_rdf.io.graph import load
from cytokine_rdf.io.output import write_output
from cytokine_rdf.publish.diagram import to_mermaid, to_svg
from cytokine_rdf.publish.owltext import labels_of, render_expression
from cytokine_rdf.publish.pathway import find_pathways, pathway_model
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import DEFINITION, OIO, OWL, RDFS, SKOS

__all__ = ["render_pages", "write_docs"]

SYNONYMS = (
    OIO + "hasExactSynonym",
    OIO + "hasRelatedSynonym",
    OIO + "hasNarrowSynonym",
    OIO + "hasBroadSynonym",
)
XREFS = (OIO + "hasDbXref", SKOS + "exactMatch", SKOS + "closeMatch")
PROPERTY_TYPES = (OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty")


def _template(name: str) -> str:
    return (
        files("cytokine_rdf")
        .joinpath("publish", "docs_templates", name)
        .read_text(encoding="utf-8")
    )


def _anchor(iri: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in compact(iri))


class _Site:
    """Collects what the pages show from one graph."""

    def __init__(self, graph: rdflib.Graph) -> None:

        self.graph = graph
        self.labels = labels_of(graph)
        self.classes = sorted(
            str(c)
            for c in graph.subjects(rdflib.RDF.type, rdflib.OWL.Class)
            if isinstance(c, rdflib.URIRef)
        )
        self.properties = sorted(
            {
                str(p)
                for t in PROPERTY_TYPES
                for p in graph.subjects(rdflib.RDF.type, rdflib.URIRef(t))
                if isinstance(p, rdflib.URIRef)
            }
        )
        self.documented = set(self.classes) | set(self.properties)
        ontology = min(
            (str(o) for o in graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)), default=None
        )
        self.title = self.labels.get(ontology, "") if ontology is not None else ""
        self.title = self.title or "cytokine-rdf ontology"

    def values(self, iri: str, predicate: str) -> list[str]:

        return sorted(
            str(v) for v in self.graph.objects(rdflib.URIRef(iri), rdflib.URIRef(predicate))
        )

    def link(self, iri: str) -> str:
        label = escape(self.labels.get(iri) or compact(iri))
        curie = escape(compact(iri))
        if iri in self.documented:
            page = "classes.html" if iri in self.classes else "properties.html"
            return f'<a href="{page}#{_anchor(iri)}">{label}</a> <span class="curie">{curie}</span>'
        return f'<a href="{escape(iri, quote=True)}">{label}</a> <span class="curie">{curie}</span>'

    def expression(self, node: rdflib.term.Node) -> str:

        if isinstance(node, rdflib.URIRef):
            return self.link(str(node))
        return escape(render_expression(self.graph, node, self.labels))

    def entity(self, iri: str) -> str:

        ref = rdflib.URIRef(iri)
        rows: list[tuple[str, str]] = []
        for name, predicate in (("Definition", DEFINITION), ("Comment", RDFS + "comment")):
            rows += [(name, escape(v)) for v in self.values(iri, predicate)]
        synonyms = sorted({v for p in SYNONYMS for v in self.values(iri, p)})
        if synonyms:
            rows.append(("Synonyms", ", ".join(escape(s) for s in synonyms)))
        xrefs = [self._xref(v) for p in XREFS for v in self.values(iri, p)]
        if xrefs:
            rows.append(("Cross-references", ", ".join(sorted(xrefs))))
        supers = sorted(
            self.expression(o)
            for o in self.graph.objects(ref, rdflib.RDFS.subClassOf)
            if isinstance(o, rdflib.URIRef)
        )
        if supers:
            rows.append(("Superclasses", "<br>".join(supers)))
        axioms = sorted(
            self.expression(o)
            for p in (rdflib.RDFS.subClassOf, rdflib.OWL.equivalentClass)
            for o in self.graph.objects(ref, p)
            if not isinstance(o, rdflib.URIRef)
        )
        if axioms:
            rows.append(("Restrictions", "<br>".join(axioms)))
        equivalents = sorted(
            self.expression(o)
            for o in self.graph.objects(ref, rdflib.OWL.equivalentClass)
            if isinstance(o, rdflib.URIRef)
        )
        if equivalents:
            rows.append(("Equivalent to", "<br>".join(equivalents)))
        for name, predicate in (
            ("Domain", rdflib.RDFS.domain),
            ("Range", rdflib.RDFS.range),
            ("Sub-property of", rdflib.RDFS.subPropertyOf),
        ):
            found = sorted(self.expression(o) for o in self.graph.objects(ref, predicate))
            if found:
                rows.append((name, "<br>".join(found)))
        body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        label = escape(self.labels.get(iri) or compact(iri))
        return (
            f'<section class="entity" id="{_anchor(iri)}"><h2>{label} <span class="curie">{escape(compact(iri))}</span></h2>'
            f'<p class="iri"><code>{escape(iri)}</code></p><dl>{body}</dl></section>\n'
        )

    def _xref(self, value: str) -> str:
        if "://" in value:
            return f'<a href="{escape(value, quote=True)}">{escape(compact(value))}</a>'
        return escape(value)


def _page(site: _Site, title: str, body: str) -> str:
    return Template(_template("page.html")).substitute(
        title=escape(title), ontology=escape(site.title), body=body
    )


def _pathways(site: _Site) -> str:

    parts = []
    have_dot = shutil.which("dot") is not None
    for iri in find_pathways(site.graph):
        model = pathway_model(site.graph, iri)
        if have_dot:
            svg = to_svg(model)
            figure = svg[svg.find("<svg") :] if "<svg" in svg else escape(svg)
        else:
            figure = f'<pre class="mermaid">{escape(to_mermaid(model))}</pre>'
        steps = "".join(
            f"<li>{site.link(s.iri)}"
            + (
                f" (enabled by {', '.join(site.link(e) for e in s.enabled_by)})"
                if s.enabled_by
                else ""
            )
            + "</li>"
            for s in model.steps
        )
        parts.append(
            f'<section class="entity" id="{_anchor(iri)}"><h2>{site.link(iri)}</h2>'
            f'<figure class="diagram">{figure}</figure><ol>{steps}</ol></section>\n'
        )
    return "".join(parts) or "<p>No pathways.</p>"


def _xrefs_page(site: _Site) -> str:
    by_prefix: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri in site.documented:
        for predicate in XREFS:
            for value in site.values(iri, predicate):
                prefix = (
                    value.split(":", 1)[0]
                    if "://" not in value
                    else compact(value).split(":", 1)[0]
                )
                by_prefix[prefix].append((site._xref(value), site.link(iri)))
    if not by_prefix:
        return "<p>No cross-references.</p>"
    out = []
    for prefix in sorted(by_prefix):
        rows = "".join(f"<tr><td>{x}</td><td>{e}</td></tr>" for x, e in sorted(by_prefix[prefix]))
        out.append(
            f"<h2>{escape(prefix)}</h2><table><tr><th>reference</th><th>entity</th></tr>{rows}</table>"
        )
    return "\n".join(out)


def render_pages(graph: rdflib.Graph) -> dict[str, str]:
    """File name -> content of every page (and the stylesheet)."""
    site = _Site(graph)
    counts = (
        f"<p>{len(site.classes)} classes, {len(site.properties)} properties.</p>"
        '<ul><li><a href="classes.html">Classes</a></li><li><a href="properties.html">Properties</a></li>'
        '<li><a href="xrefs.html">Cross-references</a></li><li><a href="pathways.html">Pathways</a></li></ul>'
    )
    return {
        "index.html": _page(site, "Overview", counts),
        "classes.html": _page(site, "Classes", "".join(site.entity(c) for c in site.classes)),
        "properties.html": _page(
            site, "Properties", "".join(site.entity(p) for p in site.properties)
        ),
        "xrefs.html": _page(site, "Cross-references", _xrefs_page(site)),
        "pathways.html": _page(site, "Pathways", _pathways(site)),
        "style.css": _template("style.css"),
    }


def write_docs(
    out_dir: str | Path, *, inputs: Sequence[str | Path] = (), include_ontology: bool = True
) -> list[Path]:
    """Write the HTML pages into ``out_dir`` (created if missing); return the files written."""

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a folder", hint="give a folder with -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create ({exc.strerror})") from exc
    pages = render_pages(load(inputs, include_ontology=include_ontology).rdflib_graph())
    written = []
    for name, content in pages.items():
        write_output(content, folder / name)
        written.append(folder / name)
    return written
