"""Pathway diagrams: activities, outcomes, gene products and cells as nodes, RO relations as edges.

The model comes from :mod:`cytokine_rdf.publish.pathway`. Output is Mermaid or DOT text (no
runtime needed) or SVG through Graphviz ``dot``.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import load
from cytokine_rdf.io.labels import add_offline_labels
from cytokine_rdf.publish.pathway import (
    CAUSAL,
    RELATION_LABELS,
    Pathway,
    find_pathway,
    gocam_model,
    is_gocam_model,
    pathway_model,
)
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import ENABLED_BY, HAS_INPUT, OCCURS_IN

__all__ = ["DIAGRAM_FORMATS", "diagram", "render", "to_dot", "to_mermaid", "to_svg"]

DIAGRAM_FORMATS = ("mermaid", "dot", "svg")
_STYLE = {
    "activity": ("#dbeafe", "#1d4ed8"),
    "outcome": ("#fce7f3", "#be185d"),
    "geneproduct": ("#fef3c7", "#b45309"),
    "cell": ("#dcfce7", "#15803d"),
}


# --- rendering --------------------------------------------------------------------------------
def _node_id(iri: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in compact(iri))


def _nodes_and_edges(
    model: Pathway,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(iri, kind, text) nodes and (source, relation, target) edges, in a fixed order."""
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for step in model.steps:
        prefix = f"{step.order}. " if step.order is not None else ""
        detail = "; ".join(model.label_of(f) for f in step.functions)
        nodes[step.iri] = (
            "outcome" if step.outcome else "activity",
            prefix + model.label_of(step.iri) + (f"\n({detail})" if detail else ""),
        )
    others: dict[str, tuple[str, str]] = {}
    for step in model.steps:
        for relation, targets, kind in (
            (ENABLED_BY, step.enabled_by, "geneproduct"),
            (HAS_INPUT, step.inputs, "geneproduct"),
            (OCCURS_IN, step.occurs_in, "cell"),
        ):
            for target in targets:
                if target not in nodes:
                    others.setdefault(target, (kind, model.label_of(target)))
                edges.append((step.iri, relation, target))
        edges.extend((step.iri, relation, target) for relation, target in step.causal)
    ordered = [(iri, kind, text) for iri, (kind, text) in nodes.items()]
    ordered += sorted((iri, kind, text) for iri, (kind, text) in others.items())
    position = {iri: i for i, (iri, _k, _t) in enumerate(ordered)}
    edges.sort(key=lambda e: (position[e[0]], e[1] not in CAUSAL, e[1], position[e[2]]))
    return ordered, edges


def to_mermaid(model: Pathway) -> str:
    """Mermaid flowchart text (renders on GitHub and in the docs; needs no runtime here)."""
    nodes, edges = _nodes_and_edges(model)
    lines = [
        f"%% {_mermaid_text(model.label_of(model.iri))} ({compact(model.iri)}), written by cytokine-rdf diagram",
        "flowchart LR",
    ]
    lines += [
        f"    classDef {kind} fill:{fill},stroke:{stroke},color:#111827"
        for kind, (fill, stroke) in _STYLE.items()
    ]
    shapes = {
        "activity": ('["', '"]'),
        "outcome": ('{{"', '"}}'),
        "geneproduct": ('(["', '"])'),
        "cell": ('[/"', '"/]'),
    }
    for iri, kind, text in nodes:
        left, right = shapes[kind]
        lines.append(f"    {_node_id(iri)}{left}{_mermaid_text(text)}{right}:::{kind}")
    for source, relation, target in edges:
        arrow = "-->" if relation in CAUSAL else "-.->"
        label = _mermaid_text(RELATION_LABELS.get(relation, compact(relation)))
        lines.append(f'    {_node_id(source)} {arrow}|"{label}"| {_node_id(target)}')
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    replaced = (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )
    return replaced.replace("\n", "<br/>")


def to_dot(
    model: Pathway,
    *,
    rankdir: str = "LR",
    links: Mapping[str, str] | None = None,
    wrap: int | None = None,
) -> str:
    """Graphviz DOT text, laid out left to right (``rankdir="TB"``: top to bottom).

    ``links`` maps node IRIs to addresses; those nodes become links in the SVG. ``wrap`` breaks
    node and edge labels into lines of about that many characters (a narrower drawing).
    """
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise CytokineRdfError(f"unknown rankdir {rankdir!r}", hint="use LR, TB, RL or BT")
    nodes, edges = _nodes_and_edges(model)
    title = f"{model.label_of(model.iri)} ({compact(model.iri)})"
    spacing = ", nodesep=0.2, ranksep=0.3" if wrap else ""
    lines = [
        f"digraph {_dot_string(compact(model.iri))} {{",
        f'    graph [rankdir={rankdir}, labelloc=t, fontname="Helvetica", label={_dot_string(title)}{spacing}];',
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    shapes = {"activity": "box", "outcome": "hexagon", "geneproduct": "ellipse", "cell": "note"}
    for iri, kind, text in nodes:
        fill, stroke = _STYLE[kind]
        style = '"rounded,filled"' if kind == "activity" else "filled"
        url = (links or {}).get(iri)
        target = f", URL={_dot_string(url)}, target=_top" if url else ""
        lines.append(
            f"    {_dot_string(compact(iri))} [label={_dot_string(_wrap(text, wrap))}, shape={shapes[kind]}, "
            f'style={style}, fillcolor="{fill}", color="{stroke}"{target}];'
        )
    for source, relation, target in edges:
        label = RELATION_LABELS.get(relation, compact(relation))
        style = "solid" if relation in CAUSAL else "dashed"
        lines.append(
            f"    {_dot_string(compact(source))} -> {_dot_string(compact(target))} "
            f"[label={_dot_string(_wrap(label, wrap))}, style={style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int | None) -> str:
    if not width:
        return text
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False) or [""])
        for line in text.split("\n")
    )


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_svg(
    model: Pathway,
    *,
    rankdir: str = "LR",
    links: Mapping[str, str] | None = None,
    wrap: int | None = None,
) -> str:
    """SVG drawn by Graphviz ``dot`` (options as :func:`to_dot`); CytokineRdfError (exit 2) when
    ``dot`` is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        raise CytokineRdfError(
            "SVG needs Graphviz `dot`, which was not found",
            hint="install Graphviz (apt-get install graphviz) or use -f mermaid or -f dot",
        )
    try:
        done = subprocess.run(
            [dot, "-Tsvg"],
            input=to_dot(model, rankdir=rankdir, links=links, wrap=wrap).encode("utf-8"),
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CytokineRdfError(f"Graphviz dot failed: {exc}") from exc
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise CytokineRdfError(f"Graphviz dot failed: {message}")
    return done.stdout.decode("utf-8")


def render(model: Pathway, fmt: str) -> str:
    """Render ``model`` as ``mermaid``, ``dot`` or ``svg``."""
    if fmt == "mermaid":
        return to_mermaid(model)
    if fmt == "dot":
        return to_dot(model)
    if fmt == "svg":
        return to_svg(model)
    raise CytokineRdfError(
        f"unknown diagram format {fmt!r}", hint=f"use one of {', '.join(DIAGRAM_FORMATS)}"
    )


def diagram(
    name: str,
    fmt: str = "mermaid",
    *,
    inputs: Sequence[str | Path] = (),
    include_ontology: bool = True,
) -> str:
    """Draw the pathway ``name`` means (a pathway, a cytokine for the pathway it is the input of,
    or the IRI of a GO-CAM model loaded with ``inputs``)."""

    data = load(inputs, include_ontology=include_ontology)
    add_offline_labels(data.store)  # GO-CAM models name their GO/RO terms by IRI only
    graph = data.rdflib_graph()
    iri = find_pathway(data, name)
    model = gocam_model(graph, iri) if is_gocam_model(graph, iri) else pathway_model(graph, iri)
    return render(model, fmt)
