"""HTML documentation: pages are written, parse as HTML, and escape ontology text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import rdflib
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.publish.docs import render_pages, write_docs

PATHWAYS = Path(__file__).parent / "data" / "diagram" / "pathways.ttl"
VOID = {"meta", "link", "br", "img", "input", "hr"}


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


def test_writes_pages_that_parse(tmp_path: Path) -> None:
    """Every page is balanced HTML; classes show labels, definitions, synonyms, xrefs, restrictions."""
    written = write_docs(tmp_path, inputs=[PATHWAYS], include_ontology=False)
    assert {p.name for p in written} >= {
        "index.html",
        "classes.html",
        "properties.html",
        "xrefs.html",
        "pathways.html",
    }
    for path in written:
        if path.suffix == ".html":
            _check(path.read_text(encoding="utf-8"))
    classes = (tmp_path / "classes.html").read_text(encoding="utf-8")
    for text in (
        "interleukin-7",
        "Interleukin-7, a cytokine.",
        "IL7",
        "UniProtKB:P13232",
        "enables some cytokine activity",
    ):
        assert text in classes
    pathways = (tmp_path / "pathways.html").read_text(encoding="utf-8")
    assert "<svg" in pathways or 'class="mermaid"' in pathways


def test_text_is_escaped() -> None:
    """Labels with markup are escaped, never injected."""
    graph = rdflib.Graph().parse(PATHWAYS)
    node = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000001")
    graph.set((node, rdflib.RDFS.label, rdflib.Literal("<script>alert(1)</script>")))
    pages = render_pages(graph)
    assert "<script>" not in pages["classes.html"]
    assert "&lt;script&gt;" in pages["classes.html"]


def test_cli_on_packaged_ontology(tmp_path: Path) -> None:
    """`docs -o DIR` writes HTML for the packaged ontology."""
    result = CliRunner().invoke(main, ["docs", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    _check((tmp_path / "site" / "classes.html").read_text(encoding="utf-8"))
