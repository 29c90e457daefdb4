"""The HTML of every page of the site (all text from the graph goes through ``esc``)."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Callable
from importlib.resources import files
from string import Template

import rdflib

from cytokine_rdf.io.serialize import serialize_graph
from cytokine_rdf.publish.diagram import to_mermaid, to_svg
from cytokine_rdf.publish.owltext import render_expression
from cytokine_rdf.publish.site.links import esc, external_href, resolvable, xref
from cytokine_rdf.publish.site.model import (
    CLAIM_OBJECT,
    CLAIM_RELATION,
    CLAIM_SUBJECT,
    DEPRECATED,
    EVIDENCE,
    KINDS,
    QUALIFIERS,
    QUOTE,
    REPLACED_BY,
    SOURCE,
    SYNONYMS,
    TUMOUR,
    XREFS,
    Claim,
    SiteModel,
)
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import BASE, DCTERMS, DEFINITION, OWL, RDFS

__all__ = ["PageWriter", "template"]

# predicates every entity page shows in its own place (the rest go under "Other annotations")
_SHOWN = {
    str(rdflib.RDF.type),
    RDFS + "label",
    RDFS + "comment",
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
    RDFS + "domain",
    RDFS + "range",
    OWL + "equivalentClass",
    DEFINITION,
    DEPRECATED,
    REPLACED_BY,
    *(p for p, _kind in SYNONYMS),
    *XREFS,
    CLAIM_SUBJECT,
    CLAIM_RELATION,
    CLAIM_OBJECT,
    EVIDENCE,
    QUOTE,
    SOURCE,
    *(p for p, _name in QUALIFIERS),
}
_ONTOLOGY_FIELDS = (
    (DCTERMS + "title", "Title"),
    (DCTERMS + "description", "Description"),
    (OWL + "versionInfo", "Version"),
    (OWL + "versionIRI", "Version IRI"),
    (DCTERMS + "license", "Licence"),
    (DCTERMS + "creator", "Creators"),
    (DCTERMS + "contributor", "Contributors"),
    (DCTERMS + "modified", "Modified"),
    (DCTERMS + "created", "Created"),
    (DCTERMS + "source", "Sources"),
    (RDFS + "comment", "Comment"),
    (OWL + "imports", "Imports"),
)
_SVG_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
_MANY = 12  # lists longer than this are folded into <details>


def template(name: str) -> str:
    """A file of ``docs_templates/`` as text."""
    return (
        files("cytokine_rdf")
        .joinpath("publish", "docs_templates", name)
        .read_text(encoding="utf-8")
    )


def _rows(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f"<dl>{body}</dl>" if body else ""


def _ul(items: list[str], cls: str = "links") -> str:
    if not items:
        return ""
    inner = "".join(f"<li>{i}</li>" for i in items)
    html = f'<ul class="{cls}">{inner}</ul>'
    if len(items) > _MANY:
        return f"<details><summary>{len(items)} entries</summary>{html}</details>"
    return html


class PageWriter:
    """Renders pages; ``root`` is the way back to the site's top folder from the current page."""

    def __init__(self, model: SiteModel) -> None:
        self.m = model
        self.root = ""
        self.page = Template(template("page.html"))
        self.have_dot = shutil.which("dot") is not None
        self._relevant: set[str] | None = None
        self.extra: dict[str, str] = {}  # files besides the pages (full-size diagrams)
        meta = model.ontology
        title = model.texts(meta, DCTERMS + "title") if meta else []
        self.title = (
            (title[0] if title else "")
            or (model.labels.get(meta, "") if meta else "")
            or "cytokine-rdf ontology"
        )

    # --- pieces ---------------------------------------------------------------------------------
    def wrap(self, title: str, body: str, root: str) -> str:
        """A whole page around ``body``."""
        return self.page.substitute(
            title=esc(title), ontology=esc(self.title), body=body, root=root
        )

    def href(self, iri: str) -> str | None:
        """The address of ``iri``'s page here, else of its resolver, else None."""
        if iri in self.m.paths:
            return self.root + self.m.paths[iri]
        return xref(iri)[1] or external_href(iri)

    def link(self, iri: str, *, curie: bool = True) -> str:
        """``iri`` as a link to its page (or its resolver), with its CURIE."""
        label = esc(self.m.label(iri))
        shown = compact(iri)
        tail = (
            f' <span class="curie">{esc(shown)}</span>'
            if curie and shown != self.m.label(iri)
            else ""
        )
        if iri in self.m.paths:
            return f'<a href="{esc(self.root + self.m.paths[iri])}">{label}</a>{tail}'
        url = self.href(iri)
        if url:
            return f'<a class="ext" href="{esc(url)}">{label}</a>{tail}'
        return f"{label}{tail}"

    def iri_link(self, iri: str) -> str:
        """The IRI itself, a link unless it is one of this ontology's (w3id) IRIs."""
        url = None if iri.startswith(BASE) else external_href(iri)
        return f'<a class="ext" href="{esc(url)}">{esc(iri)}</a>' if url else esc(iri)

    def node(self, node: rdflib.term.Node) -> str:
        """Any RDF term: IRIs as links, blank nodes in words, literals escaped."""
        if isinstance(node, rdflib.URIRef):
            return self.link(str(node))
        if isinstance(node, rdflib.BNode):
            return self.expression(node)
        return esc(str(node))

    def value(self, node: rdflib.term.Node) -> str:
        """Like :meth:`node`, without the CURIE after a link."""
        if isinstance(node, rdflib.URIRef):
            return self.link(str(node), curie=False)
        return self.node(node)

    def expression(self, node: rdflib.term.Node) -> str:
        """A class expression in words, its named classes and properties as links."""
        return render_expression(
            self.m.graph, node, self.m.labels, link=lambda iri: self.link(iri, curie=False)
        )

    def xref_link(self, value: str) -> str:
        """A cross-reference as a link to its resolver (plain text when none is known)."""
        shown, url = xref(value)
        if url is None:
            return f'<span class="xref">{esc(shown)}</span>'
        return f'<a class="xref" href="{esc(url)}">{esc(shown)}</a>'

    def source(self, node: rdflib.term.Node) -> str:
        """A claim's source: a local publication's page, a PubMed/DOI link, or its text."""
        if isinstance(node, rdflib.URIRef):
            if str(node) in self.m.paths:
                return self.link(str(node), curie=False)
            return self.xref_link(str(node))
        return esc(str(node))

    def claim(self, claim: Claim) -> str:
        """One claim on its own page: statement, quote, evidence code, sources, qualifiers."""
        head = " ".join(
            self.link(x, curie=False) if x else "?"
            for x in (claim.subject, claim.relation, claim.object)
        )
        evidence = ", ".join(
            self.link(e, curie=False) + f' <span class="curie">{esc(compact(e))}</span>'
            for e in claim.evidence
        )
        sources = ", ".join(self.source(s) for s in claim.sources)
        quotes = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in claim.quote)
        rows = [("Evidence", evidence), ("Source", sources)]
        rows += [(esc(name.capitalize()), self.value(v)) for name, v in claim.qualifiers]
        return f'<div class="claim"><p class="statement">{head}</p>{quotes}{_rows(rows)}</div>'

    def claims_table(self, claims: list[str]) -> str:
        """Claims as a table: statement (with quote and qualifiers), evidence code, sources."""
        rows = []
        for iri in claims:
            c = self.m.claims[iri]
            statement = " ".join(
                (self.link(x, curie=False) if x else "?")
                if i != 1
                else f'<span class="rel">{self.link(x, curie=False) if x else "?"}</span>'
                for i, x in enumerate((c.subject, c.relation, c.object))
            )
            quotes = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in c.quote)
            quals = "; ".join(f"{esc(name)}: {self.value(v)}" for name, v in c.qualifiers)
            if quals:
                quals = f'<div class="quals">{quals}</div>'
            evidence = "<br>".join(
                self.link(e, curie=False) + f' <span class="curie">{esc(compact(e))}</span>'
                for e in c.evidence
            )
            sources = "<br>".join(self.source(s) for s in c.sources)
            rows.append(
                f'<tr><td><a href="{esc(self.root + self.m.paths[iri])}">{esc(compact(iri))}</a></td>'
                f"<td>{statement}{quotes}{quals}</td><td>{evidence}</td><td>{sources}</td></tr>"
            )
        return (
            '<table class="claims"><tr><th>claim</th><th>statement</th><th>evidence</th>'
            f"<th>source</th></tr>{''.join(rows)}</table>"
        )

    def claim_order(self, claims: list[str]) -> list[str]:
        """Claims by relation, subject and object label."""
        m = self.m

        def key(iri: str) -> tuple[str, ...]:
            c = m.claims[iri]
            names = (m.label(x).lower() if x else "" for x in (c.relation, c.subject, c.object))
            return (*names, iri)

        return sorted(claims, key=key)

    # --- entity pages ---------------------------------------------------------------------------
    def entity(self, iri: str) -> str:
        """The page of one class, property, pathway, tumour, claim or individual."""
        m = self.m
        self.root = "../"
        kind = m.kind[iri]
        ref = rdflib.URIRef(iri)
        badges = f'<span class="kind">{esc(kind)}</span>'
        if m.deprecated(iri):
            badges += ' <span class="deprecated">deprecated</span>'
        head = (
            f'<h1>{esc(m.label(iri))} <span class="curie">{esc(compact(iri))}</span></h1>'
            f'<p class="meta">{badges} <code class="iri">{self.iri_link(iri)}</code></p>'
        )
        rows: list[tuple[str, str]] = []
        rows += [("Definition", esc(d)) for d in m.texts(iri, DEFINITION)]
        rows += [("Comment", esc(c)) for c in m.texts(iri, RDFS + "comment")]
        synonyms = m.synonyms(iri)
        if synonyms:
            rows.append(
                (
                    "Synonyms",
                    ", ".join(
                        f'{esc(s)}<span class="syn-kind"> ({esc(k)})</span>'
                        if k != "exact"
                        else esc(s)
                        for s, k in synonyms
                    ),
                )
            )
        xrefs = m.xrefs(iri)
        if resolvable(iri):  # an imported term: its own page at its resolver
            xrefs = [iri, *xrefs]
        if xrefs:
            unique = sorted({self.xref_link(x) for x in xrefs})
            rows.append(("Cross-references", ", ".join(unique)))
        rows += [("Replaced by", self.node(v)) for v in m.values(iri, REPLACED_BY)]
        if kind in ("claim", "individual"):
            types = [
                self.link(t)
                for t in sorted(
                    (
                        str(t)
                        for t in m.graph.objects(ref, rdflib.RDF.type)
                        if str(t) != OWL + "NamedIndividual"
                    ),
                    key=m.sort_key,
                )
            ]
            rows.append(("Types", ", ".join(types)))
        parents = m.parents.get(iri, [])
        children = m.children.get(iri, [])
        rows.append(("Parents", _ul([self.link(p) for p in sorted(parents, key=m.sort_key)])))
        rows.append(("Children", _ul([self.link(c) for c in children])))
        equivalents = sorted(self.node(o) for o in m.graph.objects(ref, rdflib.OWL.equivalentClass))
        rows.append(("Equivalent to", "<br>".join(equivalents)))
        restrictions = sorted(
            self.expression(o)
            for o in m.graph.objects(ref, rdflib.RDFS.subClassOf)
            if isinstance(o, rdflib.BNode)
        )
        rows.append(("Restrictions", _ul(restrictions, "axioms")))
        for name, predicate in (("Domain", RDFS + "domain"), ("Range", RDFS + "range")):
            rows.append((name, "<br>".join(self.node(v) for v in m.values(iri, predicate))))
        other: dict[str, list[str]] = defaultdict(list)
        for pred, obj in m.graph.predicate_objects(ref):
            if str(pred) not in _SHOWN:
                other[str(pred)].append(self.node(obj))
        for predicate in sorted(other, key=m.sort_key):
            rows.append((self.link(predicate, curie=False), "<br>".join(sorted(other[predicate]))))
        body = [head, self.downloads(iri), _rows(rows)]
        if iri in m.claims:
            body.append("<h2>Claim</h2>" + self.claim(m.claims[iri]))
        if kind == "pathway":
            body.append(self.pathway(iri))
        if kind == "tumour":
            below = sorted(m.descendants(iri), key=m.sort_key)
            n = sum(len(m.claims_about.get(t, [])) for t in below)
            if below:
                body.append(
                    f"<h2>Narrower tumours</h2><p>{n} more claims are about these.</p>"
                    + _ul([self.link(t) for t in below])
                )
        about = m.claims_about.get(iri, [])
        if about:
            claims = self.claims_table(self.claim_order(about))
            body.append(f'<h2 id="claims">Claims ({len(about)})</h2>{claims}')
        used = [u for u in m.used_in.get(iri, []) if u not in about]
        if used:
            groups: dict[str, list[str]] = defaultdict(list)
            for user in used:
                groups[m.kind[user]].append(self.link(user))
            parts = "".join(
                f"<h3>{esc(KINDS[k][1])}</h3>{_ul(groups[k])}" for k in KINDS if groups.get(k)
            )
            body.append(f'<h2 id="used-in">Used in</h2>{parts}')
        instances = sorted(
            (str(s) for s in m.graph.subjects(rdflib.RDF.type, ref) if str(s) in m.paths),
            key=m.sort_key,
        )
        if instances and kind != "individual":
            body.append(
                f"<h2>Instances ({len(instances)})</h2>" + _ul([self.link(i) for i in instances])
            )
        return self.wrap(m.label(iri), "\n".join(body), "../")

    def downloads(self, iri: str) -> str:
        """Links to the term and its neighbourhood as Turtle and JSON-LD (written beside the page):
        its own statements (blank-node axioms whole), the statements that point to it, and the
        labels of everything they name."""
        neighbourhood = self.m.neighbourhood(iri)
        stem = self.m.paths[iri].removesuffix(".html")
        names = {}
        for fmt, suffix in (("ttl", ".ttl"), ("jsonld", ".jsonld")):
            self.extra[stem + suffix] = serialize_graph(neighbourhood, fmt).decode("utf-8")
            names[fmt] = stem.rsplit("/", 1)[-1] + suffix
        return (
            f'<p class="downloads">Download this term and its neighbourhood '
            f"({len(neighbourhood)} triples): "
            f'<a href="{esc(names["ttl"])}" download>Turtle</a> · '
            f'<a href="{esc(names["jsonld"])}" download>JSON-LD</a></p>'
        )

    def pathway(self, iri: str) -> str:
        """A pathway's diagram (fits the page) and its steps in order."""
        model = self.m.models[iri]
        if self.have_dot:
            links = {n: self.root + p for n, p in self.m.paths.items()}
            svg = to_svg(model, rankdir="TB", links=links, wrap=22)
            name = self.m.paths[iri].removesuffix(".html") + ".svg"
            self.extra[name] = svg
            figure = (
                (_fit_svg(svg[svg.find("<svg") :]) if "<svg" in svg else esc(svg))
                + f'<figcaption><a href="{esc(self.root + name)}">Open the diagram at full size</a>'
                " (nodes are links)</figcaption>"
            )
        else:
            figure = f'<pre class="mermaid">{esc(to_mermaid(model))}</pre>'
        steps = []
        for s in model.steps:
            extra = []
            for name, targets in (
                ("enabled by", s.enabled_by),
                ("has input", s.inputs),
                ("occurs in", s.occurs_in),
            ):
                if targets:
                    extra.append(f"{name} " + ", ".join(self.link(t, curie=False) for t in targets))
            note = f' <span class="step-detail">({"; ".join(extra)})</span>' if extra else ""
            outcome = ' <span class="kind">outcome</span>' if s.outcome else ""
            steps.append(f"<li>{self.link(s.iri)}{outcome}{note}</li>")
        inputs = ", ".join(self.link(i) for i in model.inputs)
        return (
            "<h2>Diagram</h2>"
            f'<figure class="diagram">{figure}</figure>'
            + (f"<p>Input: {inputs}</p>" if inputs else "")
            + f'<h2>Steps</h2><ol class="steps">{"".join(steps)}</ol>'
        )

    # --- index pages ----------------------------------------------------------------------------
    def tree(
        self, roots: list[str], open_depth: int = 1, keep: Callable[[str], bool] | None = None
    ) -> str:
        """A collapsible hierarchy below ``roots`` (a class under two parents appears twice);
        ``keep`` chooses the entities shown."""

        def branch(iri: str, depth: int, seen: frozenset[str]) -> str:
            kids = [
                k
                for k in self.m.children.get(iri, [])
                if k in self.m.paths and k not in seen and (keep is None or keep(k))
            ]
            # an imported equivalent (a MONDO tumour) is shown with ours, not as a root
            same = "".join(
                f' <span class="equiv">≡ {self.link(e)}</span>'
                for e in self.m.equivalents(iri)
                if not e.startswith(BASE) and not self.m.children.get(e)
            )
            if not kids:
                return f"<li>{self.link(iri)}{same}</li>"
            inner = "".join(branch(k, depth + 1, seen | {k}) for k in kids)
            opened = " open" if depth < open_depth else ""
            return (
                f"<li><details{opened}><summary>{self.link(iri)}{same} "
                f'<span class="count">{len(self.m.descendants(iri))}</span></summary>'
                f"<ul>{inner}</ul></details></li>"
            )

        shown = [r for r in roots if keep is None or keep(r)]
        return '<ul class="tree">' + "".join(branch(r, 0, frozenset({r})) for r in shown) + "</ul>"

    def own(self, iri: str) -> bool:
        """Whether ``iri`` or a class below it is this ontology's term or used by one (an
        imported class that is only the equivalent of one of ours does not count)."""
        if self._relevant is None:
            m = self.m
            equivalents = {
                str(o)
                for s, o in m.graph.subject_objects(rdflib.OWL.equivalentClass)
                if str(s).startswith(BASE)
            }
            self._relevant = {
                i
                for i in m.paths
                if i.startswith(BASE)
                or (i not in equivalents and any(u.startswith(BASE) for u in m.used_in.get(i, [])))
            }
        return any(x in self._relevant for x in {iri} | self.m.descendants(iri))

    def class_roots(self) -> list[str]:
        """Classes with no parent that has a page, by label."""
        m = self.m
        return sorted(
            (
                c
                for c in m.classes()
                if not any(p in m.paths for p in m.parents.get(c, []))
                and not m.deprecated(c)
                # a leaf that is the equivalent of one of ours is shown with it (≡ in the tree)
                and not (
                    not m.children.get(c) and any(e.startswith(BASE) for e in m.equivalents(c))
                )
            ),
            key=m.sort_key,
        )

    def home(self) -> str:
        """The overview: the ontology's metadata, counts and the class hierarchy."""
        m = self.m
        self.root = ""
        meta = m.ontology
        rows: list[tuple[str, str]] = []
        description = ""
        if meta is not None:
            rows.append(("IRI", f"<code>{esc(meta)}</code>"))
            shown = {p for p, _n in _ONTOLOGY_FIELDS}
            for predicate, name in _ONTOLOGY_FIELDS:
                values = m.values(meta, predicate)
                if predicate == DCTERMS + "title":
                    continue
                if predicate == DCTERMS + "description":
                    description = "".join(f'<p class="lead">{esc(str(v))}</p>' for v in values)
                    continue
                rendered = [
                    self.source(v) if predicate == DCTERMS + "source" else self.node(v)
                    for v in values
                ]
                if predicate == OWL + "imports" and rendered:
                    rows.append((name, _ul(rendered)))
                else:
                    rows.append((name, "<br>".join(rendered)))
            for pred, obj in sorted(m.graph.predicate_objects(rdflib.URIRef(meta))):
                if str(pred) not in shown and pred != rdflib.RDF.type:
                    rows.append((self.link(str(pred), curie=False), self.node(obj)))
        counts = []
        for kind, (_folder, heading) in KINDS.items():
            # pathways and tumours are classes too: the Classes page lists them, so count them
            n = (
                len(m.classes())
                if kind == "class"
                else sum(1 for k in m.kind.values() if k == kind)
            )
            page = {"class": "classes.html", "individual": None}.get(
                kind, f"{heading.lower()}.html"
            )
            if n and page:
                counts.append(
                    f'<li><a href="{page}">{esc(heading)}</a> <span class="count">{n}</span></li>'
                )
        body = (
            f"<h1>{esc(self.title)}</h1>{description}{_rows(rows)}"
            f'<h2>Contents</h2><ul class="counts">{"".join(counts)}</ul>'
            "<h2>Class hierarchy</h2><p>The ontology's own classes and the imported classes above"
            f' them; <a href="classes.html">all classes</a> has the rest.</p>'
            f"{self.tree(self.class_roots(), keep=self.own)}"
        )
        return self.wrap("Overview", body, "")

    def table(self, iris: list[str], columns: str = "definition") -> str:
        """A table of entities: label, CURIE and definition."""
        rows = "".join(
            f'<tr><td>{self.link(i, curie=False)}</td><td class="curie">{esc(compact(i))}</td>'
            f"<td>{esc(self.m.definition(i))}</td></tr>"
            for i in iris
        )
        return f'<table class="wide"><tr><th>label</th><th>CURIE</th><th>{columns}</th></tr>{rows}</table>'

    def properties_tables(self, properties: list[str]) -> str:
        """Object, datatype and annotation properties: label, CURIE, domain, range, definition."""
        m = self.m
        out = []
        for kind, heading in (
            ("ObjectProperty", "Object properties"),
            ("DatatypeProperty", "Datatype properties"),
            ("AnnotationProperty", "Annotation properties"),
        ):
            typed = rdflib.URIRef(OWL + kind)
            rows = "".join(
                f'<tr><td>{self.link(p, curie=False)}</td><td class="curie">{esc(compact(p))}</td>'
                + "".join(
                    "<td>" + "<br>".join(self.value(v) for v in m.values(p, RDFS + part)) + "</td>"
                    for part in ("domain", "range")
                )
                + f"<td>{esc(m.definition(p))}</td></tr>"
                for p in properties
                if (rdflib.URIRef(p), rdflib.RDF.type, typed) in m.graph
            )
            if rows:
                out.append(
                    f'<h2>{heading}</h2><table class="wide"><tr><th>label</th><th>CURIE</th>'
                    f"<th>domain</th><th>range</th><th>definition</th></tr>{rows}</table>"
                )
        return "".join(out)

    def index_pages(self) -> dict[str, str]:
        """classes, properties, pathways, tumours, claims, cross-references and search."""
        m = self.m
        self.root = ""

        def of(*kinds: str) -> list[str]:
            return sorted((i for i, k in m.kind.items() if k in kinds), key=m.sort_key)

        classes = m.classes()
        properties = of("property")
        pathways = "".join(
            f'<li>{self.link(p)} <span class="count">{len(m.models[p].steps)} steps</span></li>'
            for p in sorted(m.pathways, key=m.sort_key)
        )
        tumour_roots = [TUMOUR] if TUMOUR in m.paths else of("tumour")
        tumours = "".join(
            f"<tr><td>{self.link(t)}</td><td>{len(m.claims_about.get(t, []))}</td></tr>"
            for t in of("tumour")
        )
        claims = self.claims_table(self.claim_order(list(m.claims)))
        return {
            "classes.html": self.wrap(
                "Classes",
                f"<h1>Classes</h1><p>{len(classes)} classes.</p><h2>Hierarchy</h2>"
                f"{self.tree(self.class_roots())}<h2>A to Z</h2>{self.table(classes)}",
                "",
            ),
            "properties.html": self.wrap(
                "Properties",
                f"<h1>Properties</h1><p>{len(properties)} properties.</p>"
                + self.properties_tables(properties),
                "",
            ),
            "pathways.html": self.wrap(
                "Pathways",
                f'<h1>Pathways</h1><ul class="links">{pathways}</ul>'
                if pathways
                else "<h1>Pathways</h1><p>No pathways.</p>",
                "",
            ),
            "tumours.html": self.wrap(
                "Tumours",
                "<h1>Tumours</h1>"
                + (self.tree(tumour_roots, open_depth=3) if tumour_roots else "<p>No tumours.</p>")
                + (
                    f"<h2>Claims per tumour</h2><table><tr><th>tumour</th><th>claims</th></tr>{tumours}</table>"
                    if tumours
                    else ""
                ),
                "",
            ),
            "claims.html": self.wrap(
                "Claims",
                f"<h1>Claims</h1><p>{len(m.claims)} claims, each with its evidence code, sources and quote.</p>{claims}",
                "",
            ),
            "xrefs.html": self.wrap("Cross-references", self.xrefs_page(), ""),
            "search.html": self.wrap(
                "Search",
                '<h1>Search</h1><p id="search-status">Type in the search box above, or add ?q=… to the address.</p>'
                '<ol id="search-page-results"></ol>',
                "",
            ),
        }

    def xrefs_page(self) -> str:
        """Every cross-reference, by prefix, with the entity that has it."""
        m = self.m
        self.root = ""
        by_prefix: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for iri in sorted(m.paths):
            for value in m.xrefs(iri):
                shown = xref(value)[0]
                by_prefix[shown.split(":", 1)[0]].append((self.xref_link(value), self.link(iri)))
        if not by_prefix:
            return "<h1>Cross-references</h1><p>No cross-references.</p>"
        out = ["<h1>Cross-references</h1>"]
        for prefix in sorted(by_prefix):
            rows = "".join(
                f"<tr><td>{x}</td><td>{e}</td></tr>" for x, e in sorted(by_prefix[prefix])
            )
            out.append(
                f"<h2>{esc(prefix)}</h2><table><tr><th>reference</th><th>entity</th></tr>{rows}</table>"
            )
        return "\n".join(out)


def _fit_svg(svg: str) -> str:
    """Graphviz SVG scaled to the page: no wider than the column, never larger than drawn."""
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.DOTALL)  # Graphviz's comments name nodes
    match = _SVG_SIZE.search(svg)
    if match is None:
        return svg
    width = float(match.group(1)) * 4 / 3  # pt -> CSS px
    return _SVG_SIZE.sub(
        f'<svg class="pathway" width="100%" style="max-width:{width:.0f}px;height:auto"',
        svg,
        count=1,
    )
