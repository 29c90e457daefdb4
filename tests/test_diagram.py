"""Pathway diagrams: golden Mermaid and DOT text, SVG through Graphviz, name resolution, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from tools import requires_tool

from cytokine_rdf.cli import main
from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.publish.diagram import diagram, to_dot
from cytokine_rdf.publish.pathway import pathway_model

DATA = Path(__file__).parent / "data" / "diagram"
PATHWAYS = [DATA / "pathways.ttl"]


def _draw(name: str, fmt: str) -> str:
    return diagram(name, fmt, inputs=PATHWAYS, include_ontology=False)


def test_golden_mermaid() -> None:
    """IL7 (a cytokine) draws the pathway it is the input of, exactly as the golden file."""
    assert _draw("IL7", "mermaid") == (DATA / "IL7.mmd").read_text(encoding="utf-8")


def test_golden_dot() -> None:
    """The IL-21 pathway as DOT, exactly as the golden file."""
    assert _draw("IL21", "dot") == (DATA / "IL21.dot").read_text(encoding="utf-8")


def test_pathway_by_label_or_curie() -> None:
    """A pathway label or CURIE gives the same diagram as its cytokine."""
    assert (
        _draw("interleukin-7 signalling pathway", "mermaid")
        == _draw("CYTO:0000350", "mermaid")
        == _draw("IL7", "mermaid")
    )


def test_edges_are_labelled() -> None:
    """Causal and input edges carry their RO labels; enabler and place are in the activity."""
    text = _draw("IL7", "mermaid")
    for label in ("directly positively regulates", "has input"):
        assert f'|"{label}"|' in text
    assert '|"enabled by"|' not in text and '|"occurs in"|' not in text


@requires_tool("dot", "Graphviz renders SVG")
def test_svg() -> None:
    """SVG comes from dot and names the steps."""
    svg = _draw("IL21", "svg")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "IL&#45;21 receptor activation" in svg or "IL-21 receptor activation" in svg


def test_svg_without_dot_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz, -f svg fails with one clear line and exit 2."""
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    result = CliRunner().invoke(main, ["diagram", "IL7", "-f", "svg", "-i", str(PATHWAYS[0])])
    assert result.exit_code == 2
    assert "Graphviz" in result.stderr


def test_unknown_name_is_exit_2() -> None:
    """A name that is neither a pathway nor an input is a one-line error."""
    result = CliRunner().invoke(main, ["diagram", "no such thing"])
    assert result.exit_code == 2
    assert "no such thing" in result.stderr


@pytest.mark.slow
def test_packaged_ontology_renders() -> None:
    """`diagram IL7 -f mermaid` and `diagram IL21 -f mermaid` work on the packaged ontology."""
    runner = CliRunner()
    for name in ("IL7", "IL21"):
        result = runner.invoke(main, ["diagram", name, "-f", "mermaid"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("%% ") and ":::activity" in result.stdout


def test_dot_options_for_the_site() -> None:
    """rankdir, wrap and links change only what they name; the defaults are the golden DOT."""
    graph = rdflib.Graph().parse(PATHWAYS[0])
    model = pathway_model(graph, "https://w3id.org/cytokine-rdf/CYTO_0000351")
    golden = (DATA / "IL21.dot").read_text(encoding="utf-8")
    assert to_dot(model, rankdir="TB", wrap=22) == golden  # what `diagram -f dot` writes
    assert "rankdir=LR" in to_dot(model)
    site = to_dot(
        model,
        rankdir="TB",
        wrap=12,
        links={model.steps[0].iri: "../class/CYTO_0000420.html"},
    )
    assert "rankdir=TB" in site and "rankdir=LR" not in site
    assert 'URL="../class/CYTO_0000420.html", target=_top' in site
    assert site.count("URL=") == 1
    assert site.count("\\n") > golden.count("\\n")  # labels broken into short lines
    with pytest.raises(CytokineRdfError):
        to_dot(model, rankdir="sideways")
