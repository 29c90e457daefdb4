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
    Step,
    find_pathway,
    gocam_model,
    is_gocam_model,
    pathway_model,
)
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import HAS_INPUT, OBO

__all__ = ["DIAGRAM_FORMATS", "diagram", "render", "to_dot", "to_mermaid", "to_svg"]

DIAGRAM_FORMATS = ("mermaid", "dot", "svg")
_STYLE = {
    "activity": ("#dbeafe", "#1d4ed8"),
    "outcome": ("#fce7f3", "#be185d"),
    "geneproduct": ("#fef3c7", "#b45309"),
    "cell": ("#dcfce7", "#15803d"),
}


# Causal relations by sign (GO-CAM viewers draw positive green, negative red with a bar head)
# and by reach (direct solid, indirect or "causally upstream" dashed).
_POSITIVE = frozenset(
    OBO + r for r in ("RO_0002629", "RO_0002213", "RO_0002304", "RO_0002407", "RO_0004047")
)
_NEGATIVE = frozenset(
    OBO + r for r in ("RO_0002630", "RO_0002212", "RO_0002305", "RO_0002409", "RO_0004046")
)
_INDIRECT = frozenset(
    OBO + r
    for r in ("RO_0002407", "RO_0002409", "RO_0002304", "RO_0002305", "RO_0002411", "RO_0002418")
)
_SIGN_COLOUR = {"positive": "#15803d", "negative": "#b91c1c", "neutral": "#374151"}
LEGEND = "green arrow: positive effect; red bar: negative effect; dashed: indirect or upstream"


def _sign(relation: str) -> str:
    if relation in _POSITIVE:
        return "positive"
    if relation in _NEGATIVE:
        return "negative"
    return "neutral"


# --- rendering --------------------------------------------------------------------------------
def _node_id(iri: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in compact(iri))


def _activity_text(model: Pathway, step: Step) -> str:
    """An activity as GO-CAM viewers show it: who enables it, what it does, where."""
    prefix = f"{step.order}. " if step.order is not None else ""
    who = " / ".join(dict.fromkeys(model.name_of(e) for e in step.enabled_by))
    functions = list(dict.fromkeys(model.label_of(f) for f in step.functions))
    lines = [prefix + (who or model.label_of(step.iri))]
    lines += [f for f in functions if (f != lines[0] and f != model.label_of(step.iri)) or who]
    if step.occurs_in:
        lines.append("in " + ", ".join(dict.fromkeys(model.label_of(c) for c in step.occurs_in)))
    return "\n".join(dict.fromkeys(lines))


def _outcome_text(model: Pathway, step: Step) -> str:
    """A process (outcome): its label, and its GO class only when that says something more."""
    label = model.label_of(step.iri)
    extra = [f for f in dict.fromkeys(model.label_of(f) for f in step.functions) if f != label]
    lines = [label, *extra]
    if step.occurs_in:
        lines.append("in " + ", ".join(dict.fromkeys(model.label_of(c) for c in step.occurs_in)))
    return "\n".join(lines)


def _nodes_and_edges(
    model: Pathway,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(iri, kind, text) nodes and (source, relation, target) edges, in a fixed order.

    Enablers and locations are written inside their activity (as GO-CAM viewers do), so the only
    edges are causal ones and inputs.
    """
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for step in model.steps:
        if step.outcome:
            nodes[step.iri] = ("outcome", _outcome_text(model, step))
        else:
            nodes[step.iri] = ("activity", _activity_text(model, step))
    others: dict[str, tuple[str, str]] = {}
    for step in model.steps:
        for target in step.inputs:
            if target not in nodes:
                others.setdefault(target, ("geneproduct", model.name_of(target)))
            edges.append((step.iri, HAS_INPUT, target))
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
        f"%% {LEGEND}",
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
    styles = []
    for index, (source, relation, target) in enumerate(edges):
        label = _mermaid_text(RELATION_LABELS.get(relation, compact(relation)))
        if relation in CAUSAL:
            sign = _sign(relation)
            arrow = "--x" if sign == "negative" else "-->"
            if relation in _INDIRECT:
                arrow = "-.-x" if sign == "negative" else "-.->"
            dash = ",stroke-dasharray:4" if relation in _INDIRECT else ""
            styles.append(
                f"    linkStyle {index} stroke:{_SIGN_COLOUR[sign]},stroke-width:2px{dash}"
            )
        else:
            arrow = "-.->"
        lines.append(f'    {_node_id(source)} {arrow}|"{label}"| {_node_id(target)}')
    return "\n".join(lines + styles) + "\n"


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
    title = f"{model.label_of(model.iri)} ({compact(model.iri)})\n{LEGEND}"
    spacing = ", nodesep=0.2, ranksep=0.3" if wrap else ""
    lines = [
        f"digraph {_dot_string(compact(model.iri))} {{",
        f'    graph [rankdir={rankdir}, labelloc=t, fontname="Helvetica", label={_dot_string(title)}{spacing}];',
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    shapes = {"activity": "box", "outcome": "box", "geneproduct": "ellipse", "cell": "note"}
    for iri, kind, text in nodes:
        fill, stroke = _STYLE[kind]
        style = {"activity": '"rounded,filled"', "outcome": '"filled,diagonals"'}.get(
            kind, "filled"
        )
        url = (links or {}).get(iri)
        target = f", URL={_dot_string(url)}, target=_top" if url else ""
        target += f", tooltip={_dot_string(f'{model.label_of(iri)} ({compact(iri)})')}"
        lines.append(
            f"    {_dot_string(compact(iri))} [label={_dot_string(_wrap(text, wrap))}, shape={shapes[kind]}, "
            f'style={style}, fillcolor="{fill}", color="{stroke}"{target}];'
        )
    for source, relation, target in edges:
        label = RELATION_LABELS.get(relation, compact(relation))
        if relation in CAUSAL:  # sign as colour and head, reach as dashes; the name on hover
            sign = _sign(relation)
            head = "tee" if sign == "negative" else "normal"
            style = "dashed" if relation in _INDIRECT else "solid"
            attributes = (
                f'color="{_SIGN_COLOUR[sign]}", penwidth=1.6, arrowhead={head}, style={style}, '
                f"tooltip={_dot_string(label)}"
            )
        else:
            attributes = f'label={_dot_string("input")}, style=dashed, color="#9ca3af", tooltip={_dot_string(label)}'
        lines.append(
            f"    {_dot_string(compact(source))} -> {_dot_string(compact(target))} [{attributes}];"
        )
    # steps of the same order side by side, outcomes last: the drawing reads top to bottom
    by_order: dict[int, list[str]] = {}
    for step in model.steps:
        if step.order is not None and not step.outcome:
            by_order.setdefault(step.order, []).append(step.iri)
    for order in sorted(by_order):
        if len(by_order[order]) > 1:
            same = "; ".join(_dot_string(compact(i)) for i in by_order[order])
            lines.append(f"    {{ rank=same; {same}; }}")
    outcomes = [step.iri for step in model.steps if step.outcome]
    if outcomes and by_order:
        lines.append(
            f"    {{ rank=sink; {'; '.join(_dot_string(compact(i)) for i in outcomes)}; }}"
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
            # never wider than a page (12.5 in = 900 pt): a wider layout is scaled down to fit
            [dot, "-Tsvg", "-Gsize=12.5,1000"],
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


# Drawn top to bottom with labels wrapped, a pathway fits a page's width.


def render(model: Pathway, fmt: str) -> str:
    """Render ``model`` as ``mermaid``, ``dot`` or ``svg`` (DOT and SVG laid out to fit a page)."""
    if fmt == "mermaid":
        return to_mermaid(model)
    if fmt == "dot":
        return to_dot(model, rankdir="TB", wrap=22)
    if fmt == "svg":
        return to_svg(model, rankdir="TB", wrap=22)
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
