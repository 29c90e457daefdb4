"""HTML site: pages are written, parse as HTML, escape ontology text, link where they should
(internal links resolve, cross-references use their resolvers) and are deterministic."""

from __future__ import annotations

import doctest
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tools import one_worker

from cytokine_rdf.publish.docs import render_pages, write_docs
from cytokine_rdf.publish.site import links
from cytokine_rdf.vocab import DEFINITION, OBO_XREF_PREFIXES, OIO

pytestmark = one_worker("site")  # the session's site, built once

PATHWAYS = Path(__file__).parent / "data" / "diagram" / "pathways.ttl"
VOID = {"meta", "link", "br", "img", "input", "hr"}
IL7 = "https://w3id.org/cytokine-rdf/CYTO_0000001"
SYNONYM = OIO + "hasExactSynonym"
XREF = OIO + "hasDbXref"
# every element the site writes (no label can add another)
ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "link", "body", "header", "div", "a", "form", "input"),
    *("ul", "ol", "li", "nav", "main", "footer", "p", "code", "script", "h1", "h2", "h3", "span"),
    *("dl", "dt", "dd", "details", "summary", "table", "tr", "th", "td", "br", "blockquote"),
}
# CURIE prefix of a cross-reference -> the address its link must start with
RESOLVERS = {
    "UniProtKB": "https://www.uniprot.org/uniprotkb/",
    "NCBIGene": "https://www.ncbi.nlm.nih.gov/gene/",
    "HGNC": "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:",
    "Reactome": "https://reactome.org/content/detail/",
    "ComplexPortal": "https://www.ebi.ac.uk/complexportal/complex/",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/",
    "DOI": "https://doi.org/",
    **{p: f"http://purl.obolibrary.org/obo/{p}_" for p in OBO_XREF_PREFIXES},
}


class _Checker(HTMLParser):
    """Fails on unbalanced HTML tags (SVG elements included)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (
            f"unexpected </{tag}> (open: {self.stack[-3:]})"
        )
        self.stack.pop()


def _check(text: str) -> None:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []


class _Links(HTMLParser):
    """Collects ids and the (tag, attributes) of every link of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if {"href", "src", "xlink:href"} & found.keys():
            self.links.append((tag, found))

    handle_startendtag = handle_starttag


def _parse_links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture
def site(packaged_site: Path) -> Path:
    """The packaged ontology's site (conftest: built once per session)."""
    return packaged_site


def test_writes_pages_that_parse(tmp_path: Path) -> None:
    """Every page is balanced HTML; a class page shows label, definition, synonyms, xrefs and
    restrictions (targets as links); the pathway page has a diagram."""
    written = write_docs(tmp_path, inputs=[PATHWAYS], include_ontology=False)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert names >= {
        "index.html",
        "classes.html",
        "properties.html",
        "xrefs.html",
        "pathways.html",
        "tumours.html",
        "claims.html",
        "search.html",
        "search.js",
        "search-index.js",
        "style.css",
        "class/CYTO_0000001.html",
        "property/RO_0002333.html",
    }
    for path in written:
        if path.suffix == ".html":
            _check(path.read_text(encoding="utf-8"))
    page = (tmp_path / "class" / "CYTO_0000201.html").read_text(encoding="utf-8")
    for text in (
        "interleukin-7",
        "Interleukin-7, a cytokine.",
        "IL7",
        "UniProtKB:P13232",
        'href="https://www.uniprot.org/uniprotkb/P13232"',
        'href="https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:6023"',
        (
            '<a href="../property/RO_0002327.html">enables</a> some '
            '<a href="../class/GO_0005125.html">cytokine activity</a>'
        ),
    ):
        assert text in page, text
    pathways = (tmp_path / "pathways.html").read_text(encoding="utf-8")
    (pathway,) = re.findall(r'href="(pathway/[^"]+)"', pathways)[:1]
    drawn = (tmp_path / pathway).read_text(encoding="utf-8")
    assert "<svg" in drawn or 'class="mermaid"' in drawn


@pytest.mark.slow
def test_home_page_shows_metadata_and_hierarchy(site: Path) -> None:
    """The home page has the owl:Ontology annotations and a collapsible class tree."""
    home = (site / "index.html").read_text(encoding="utf-8")
    for text in (
        "cytokine-rdf: an ontology of IL-7 and IL-21 signalling in cancer",
        "An OWL 2 DL ontology of interleukin-7",
        'href="https://creativecommons.org/licenses/by/4.0/"',
        "cytokine-rdf developers",
        "0.1.0",
        "https://w3id.org/cytokine-rdf/releases/0.1.0/cytokine.owl",
        "<details open><summary>",
        'href="class/CYTO_0000001.html"',
    ):
        assert text in home, text


@pytest.mark.slow
def test_class_page_has_claims_and_back_links(site: Path) -> None:
    """IL7R's page: synonyms, parents, claims with ECO code, source links and quotes, used-in."""
    page = (site / "class" / "CYTO_0000201.html").read_text(encoding="utf-8")
    for text in (
        "CD127",
        'href="../class/CYTO_0000003.html"',  # parent: cytokine receptor subunit
        'href="https://www.ncbi.nlm.nih.gov/gene/3575"',
        'id="claims"',
        "ECO:0000269",
        "Shochat C 2011: Gain-of-function mutations",  # the source, linked to its register page
        "Here, we describe somatic gain-of-function mutations in IL7R",
        'href="../tumour/CYTO_0000513.html"',
        'id="used-in"',
    ):
        assert text in page, text
    # the source's own page links the paper itself
    source = re.search(r'<a href="\.\./(individual/[^"]+)">Shochat C 2011', page)
    assert source, "no link to the source's page"
    assert 'href="https://doi.org/10.1084/jem.20110580"' in (site / source.group(1)).read_text(
        encoding="utf-8"
    )
    tumour = (site / "tumour" / "CYTO_0000513.html").read_text(encoding="utf-8")
    assert 'href="../class/CYTO_0000201.html"' in tumour  # the claims about it, back to IL7R


@pytest.mark.slow
def test_every_internal_link_resolves(site: Path) -> None:
    """Every relative href/src (pages, scripts, SVG node links) names an existing file and anchor."""
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    parsed = {p: _parse_links(p) for p in pages}
    checked = 0
    for path, found in parsed.items():
        for _tag, attrs in found.links:
            for key in ("href", "src", "xlink:href"):
                target = attrs.get(key)
                if not target or re.match(r"https?://", target):
                    continue
                assert not re.match(r"[a-z]+:", target), f"{path}: {target}"
                parts = urlsplit(target)
                file = (path.parent / unquote(parts.path)).resolve() if parts.path else path
                assert file.is_file(), f"{path.relative_to(site)}: broken link {target}"
                if parts.fragment:
                    assert parts.fragment in parsed[file].ids, f"{path}: no anchor {target}"
                checked += 1
    assert checked > 5000


@pytest.mark.slow
def test_every_xref_uses_its_resolver(site: Path) -> None:
    """Every cross-reference link goes to the resolver of its prefix; every known prefix links."""
    seen: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for cls, href, shown in re.findall(
            r'<(a|span) class="xref"(?: href="([^"]*)")?>([^<]*)</', text
        ):
            prefix, _, local = shown.partition(":")
            assert cls == "a", f"{path}: {shown} is not a link"
            assert prefix in RESOLVERS, f"{path}: no resolver for {shown}"
            expected = RESOLVERS[prefix] + (
                local.removeprefix("HGNC:") if prefix == "HGNC" else local
            )
            assert href.replace("&amp;", "&") == expected, (shown, href)
            seen.add(prefix)
    assert seen >= {
        "UniProtKB",
        "NCBIGene",
        "HGNC",
        "MONDO",
        "Reactome",
        "ComplexPortal",
        "PMID",
        "DOI",
    }


def test_resolver_examples() -> None:
    """The examples in links.py's docstrings hold; unsafe addresses never become links."""
    failed, attempted = doctest.testmod(links)
    assert attempted > 0 and failed == 0
    assert links.external_href("javascript:alert(1)") is None
    assert links.xref("PMID:18362173") == (
        "PMID:18362173",
        "https://pubmed.ncbi.nlm.nih.gov/18362173",
    )
    assert links.xref("doi:10.1084/jem.20072182")[1] == "https://doi.org/10.1084/jem.20072182"
    assert (
        links.xref("ComplexPortal:CPX-9102")[1]
        == "https://www.ebi.ac.uk/complexportal/complex/CPX-9102"
    )
    assert (
        links.xref("Reactome:R-HSA-1266695")[1]
        == "https://reactome.org/content/detail/R-HSA-1266695"
    )
    assert links.xref("GO:0038111")[1] == "http://purl.obolibrary.org/obo/GO_0038111"
    assert links.xref("NoSuchDB:1") == ("NoSuchDB:1", None)


HOSTILE = "<script>alert(1)</script>\x01\x1b[31m\u2028\"'&"


def test_text_is_escaped() -> None:
    """Labels, synonyms and IRIs with markup or control characters are escaped, never injected."""
    graph = rdflib.Graph().parse(PATHWAYS)
    node = rdflib.URIRef(IL7)
    graph.set((node, rdflib.RDFS.label, rdflib.Literal(HOSTILE)))
    graph.add((node, rdflib.URIRef(DEFINITION), rdflib.Literal(HOSTILE)))
    graph.add(
        (
            node,
            rdflib.URIRef("http://www.geneontology.org/formats/oboInOwl#hasExactSynonym"),
            rdflib.Literal(HOSTILE),
        )
    )
    graph.add((node, rdflib.RDFS.seeAlso, rdflib.URIRef("javascript:alert(1)")))
    pages = render_pages(graph)
    for name, text in pages.items():
        if name.endswith(".html"):
            assert "<script>alert" not in text, name
            assert "\x01" not in text and "\x1b" not in text, name
            assert 'href="javascript:' not in text, name
            _check(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["class/CYTO_0000001.html"]
    assert "&lt;script&gt;" in pages["classes.html"]
    index = pages["search-index.js"]
    assert "</script>" not in index and "\x01" not in index and "\u2028" not in index
    assert "<\\/script>" in index


def test_output_is_deterministic(tmp_path: Path) -> None:
    """The same input gives byte-identical files."""
    first = write_docs(tmp_path / "a", inputs=[PATHWAYS], include_ontology=False)
    second = write_docs(tmp_path / "b", inputs=[PATHWAYS], include_ontology=False)
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert not list((tmp_path / "a").rglob("*.tmp"))


@pytest.mark.slow
def test_cli_on_packaged_ontology(docs_command: tuple[Path, Result]) -> None:
    """`docs -o DIR` writes the site for the packaged ontology and says where (the session's
    site is built by this command)."""
    folder, result = docs_command
    assert result.exit_code == 0, result.output
    assert "index.html" in result.stderr
    _check((folder / "classes.html").read_text(encoding="utf-8"))
    assert (folder / "class" / "CYTO_0000201.html").is_file()


class _Tags(HTMLParser):
    """Counts start tags by name and collects the text of <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet="<>&\"'/=\\x00\x01\x1b\u2028 scriptonerr", max_size=40),
        st.sampled_from(
            [HOSTILE, "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
        ),
    )
)
def test_any_label_is_text_never_markup(label: str) -> None:
    """Whatever a label, synonym or definition holds, each page has only its own two scripts and
    shows the label as text."""
    graph = rdflib.Graph()
    a = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000001")
    b = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000002")
    for node in (a, b):
        graph.add((node, rdflib.RDF.type, rdflib.OWL.Class))
    graph.add((b, rdflib.RDFS.subClassOf, a))
    graph.add((a, rdflib.RDFS.label, rdflib.Literal(label)))
    graph.add((a, rdflib.URIRef(DEFINITION), rdflib.Literal(label)))
    graph.add((a, rdflib.URIRef(SYNONYM), rdflib.Literal(label)))
    graph.add((a, rdflib.URIRef(XREF), rdflib.Literal(label)))
    pages = render_pages(graph)
    for name, text in pages.items():
        if name.endswith(".html"):
            tags = _Tags()
            tags.feed(text)
            tags.close()
            assert tags.tags.get("script") == 2, name
            assert set(tags.tags) <= ALLOWED_TAGS, (name, set(tags.tags) - ALLOWED_TAGS)
    page = _Tags()
    page.feed(pages["class/CYTO_0000001.html"])
    page.close()
    shown = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", label)
    if label.strip():  # line breaks as a browser reads them
        assert _lines(shown) in _lines(page.h1), (label, page.h1)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_without_graphviz_diagrams_are_mermaid(monkeypatch: pytest.MonkeyPatch) -> None:
    """No `dot`: the pathway page carries Mermaid text and no SVG file is written."""
    monkeypatch.setattr("cytokine_rdf.publish.site.pages.shutil.which", lambda _name: None)
    pages = render_pages(rdflib.Graph().parse(PATHWAYS))
    drawn = [t for n, t in pages.items() if n.startswith("pathway/") and n.endswith(".html")]
    assert drawn and all('class="mermaid"' in t and "<svg" not in t for t in drawn)
    assert not [n for n in pages if n.endswith(".svg")]


def test_terms_outside_known_namespaces_get_hashed_page_names() -> None:
    """An IRI with no CURIE gets a stable, safe file name; links to it use that name."""
    graph = rdflib.Graph().parse(PATHWAYS)
    odd = rdflib.URIRef("http://example.org/onto#Thing/with:odd?chars")
    graph.add((odd, rdflib.RDF.type, rdflib.OWL.Class))
    graph.add((odd, rdflib.RDFS.label, rdflib.Literal("odd thing")))
    graph.add((rdflib.URIRef(IL7), rdflib.RDFS.subClassOf, odd))
    pages = render_pages(graph)
    (name,) = [
        n
        for n, t in pages.items()
        if n.startswith("class/iri-") and n.endswith(".html") and "odd thing" in t
    ]
    assert re.fullmatch(r"class/iri-[0-9a-f]{16}\.html", name)
    assert f'href="../{name}"' in pages["class/CYTO_0000001.html"]
    assert render_pages(graph)[name] == pages[name]
