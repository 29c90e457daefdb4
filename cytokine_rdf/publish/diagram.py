"""Pathway diagrams: steps (activities) and gene products as nodes, RO relations as labelled edges.

The pathway model is read from the ontology's class axioms (see ``ontology/README.md``): a step is a
class with ``BFO:0000050 part of some <pathway>``; its ``RO:0002333 enabled by``,
``RO:0002233 has input``, ``BFO:0000066 occurs in`` and causal ``RO:0002629`` / ``RO:0002304``
restrictions become edges. Output is Mermaid or DOT text (no runtime needed) or SVG through
Graphviz ``dot``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from cytokine_rdf.errors import CytokineRdfError, ParameterError
from cytokine_rdf.io.graph import load
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.resolve import Resolver
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import (
    CAUSALLY_UPSTREAM_POSITIVE,
    CYTO,
    DIRECTLY_POSITIVELY_REGULATES,
    ENABLED_BY,
    HAS_INPUT,
    OBO,
    OCCURS_IN,
    PART_OF,
)

__all__ = [
    "DIAGRAM_FORMATS",
    "RELATION_LABELS",
    "Pathway",
    "Step",
    "diagram",
    "find_pathways",
    "pathway_model",
    "render",
    "resolve_pathway",
    "restrictions",
    "to_dot",
    "to_mermaid",
    "to_svg",
]

CAUSAL = (
    DIRECTLY_POSITIVELY_REGULATES,
    CAUSALLY_UPSTREAM_POSITIVE,
    OBO + "RO_0002630",
    OBO + "RO_0002413",
    OBO + "RO_0002411",
    OBO + "RO_0002305",
    OBO + "RO_0002213",
    OBO + "RO_0002212",
    OBO + "RO_0002407",
    OBO + "RO_0002409",
)
STEP_ORDER = CYTO + "0000105"
GO = OBO + "GO_"
DIAGRAM_FORMATS = ("mermaid", "dot", "svg")
# Fixed edge labels (the RO labels), so diagrams do not depend on which import module is loaded.
RELATION_LABELS: dict[str, str] = {
    ENABLED_BY: "enabled by",
    HAS_INPUT: "has input",
    OCCURS_IN: "occurs in",
    DIRECTLY_POSITIVELY_REGULATES: "directly positively regulates",
    CAUSALLY_UPSTREAM_POSITIVE: "causally upstream of, positive effect",
    OBO + "RO_0002630": "directly negatively regulates",
    OBO + "RO_0002413": "directly provides input for",
    OBO + "RO_0002411": "causally upstream of",
    OBO + "RO_0002305": "causally upstream of, negative effect",
    OBO + "RO_0002213": "positively regulates",
    OBO + "RO_0002212": "negatively regulates",
    OBO + "RO_0002407": "indirectly positively regulates",
    OBO + "RO_0002409": "indirectly negatively regulates",
}
_STYLE = {
    "activity": ("#dbeafe", "#1d4ed8"),
    "outcome": ("#fce7f3", "#be185d"),
    "geneproduct": ("#fef3c7", "#b45309"),
    "cell": ("#dcfce7", "#15803d"),
}


@dataclass(frozen=True)
class Step:
    """One pathway step (activity) and its links."""

    iri: str
    label: str
    order: int | None
    functions: tuple[str, ...]  # GO superclasses (the step's GO function or process)
    enabled_by: tuple[str, ...]
    inputs: tuple[str, ...]
    occurs_in: tuple[str, ...]
    causal: tuple[tuple[str, str], ...]  # (relation IRI, target step or outcome IRI)
    outcome: bool = False  # a cellular outcome downstream of the pathway, not one of its steps


@dataclass(frozen=True)
class Pathway:
    """A pathway class, its inputs and its steps in order."""

    iri: str
    label: str
    inputs: tuple[str, ...]
    steps: tuple[Step, ...]
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    def label_of(self, iri: str) -> str:
        """The label of any node in the diagram (the CURIE when unlabelled)."""
        return self.labels.get(iri) or compact(iri)


def restrictions(graph: rdflib.Graph, cls: rdflib.term.Node) -> list[tuple[str, str]]:
    """``(property, filler)`` of every ``subClassOf``/``equivalentClass`` ``some`` restriction on a class."""

    out = []
    for predicate in (rdflib.RDFS.subClassOf, rdflib.OWL.equivalentClass):
        for node in graph.objects(cls, predicate):
            parts = [node]
            parts += [
                m
                for lst in graph.objects(node, rdflib.OWL.intersectionOf)
                for m in graph.items(lst)
            ]
            for part in parts:
                prop = graph.value(part, rdflib.OWL.onProperty)
                filler = graph.value(part, rdflib.OWL.someValuesFrom)
                if isinstance(prop, rdflib.URIRef) and isinstance(filler, rdflib.URIRef):
                    out.append((str(prop), str(filler)))
    return sorted(set(out))


def _label(graph: rdflib.Graph, iri: str) -> str:

    labels = sorted(str(v) for v in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.label))
    return labels[0] if labels else ""


def find_pathways(graph: rdflib.Graph) -> list[str]:
    """Every class that has steps (some class is ``part of some`` it), sorted by IRI."""

    found = set()
    for node in graph.subjects(rdflib.OWL.onProperty, rdflib.URIRef(PART_OF)):
        filler = graph.value(node, rdflib.OWL.someValuesFrom)
        if isinstance(filler, rdflib.URIRef) and any(graph.subjects(rdflib.RDFS.subClassOf, node)):
            found.add(str(filler))
    return sorted(found)


def _steps_of(graph: rdflib.Graph, pathway: str) -> list[str]:

    steps: set[str] = set()
    for node in graph.subjects(rdflib.OWL.someValuesFrom, rdflib.URIRef(pathway)):
        if graph.value(node, rdflib.OWL.onProperty) == rdflib.URIRef(PART_OF):
            steps.update(
                str(s)
                for s in graph.subjects(rdflib.RDFS.subClassOf, node)
                if isinstance(s, rdflib.URIRef)
            )
    return sorted(steps)


def _order(graph: rdflib.Graph, step: str) -> int | None:

    for value in graph.objects(rdflib.URIRef(step), rdflib.URIRef(STEP_ORDER)):
        try:
            return int(str(value))
        except ValueError:
            continue
    return None


def pathway_model(graph: rdflib.Graph, pathway: str) -> Pathway:
    """Read one pathway (its IRI) and its steps from the class axioms of ``graph``."""

    step_iris = _steps_of(graph, pathway)
    if not step_iris:
        raise ParameterError(f"{compact(pathway)} has no steps (no class is `part of some` it)")
    step_set = set(step_iris)
    # cellular outcomes: what the steps are causally upstream of without being steps themselves
    outcome_set = {
        f
        for iri in step_iris
        for p, f in restrictions(graph, rdflib.URIRef(iri))
        if p in CAUSAL and f not in step_set
    }
    steps = []
    for iri in [*step_iris, *sorted(outcome_set)]:
        links = restrictions(graph, rdflib.URIRef(iri))
        functions = sorted(
            str(o)
            for o in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.subClassOf)
            if isinstance(o, rdflib.URIRef) and str(o).startswith(GO)
        )
        steps.append(
            Step(
                iri=iri,
                label=_label(graph, iri),
                order=_order(graph, iri),
                functions=tuple(functions),
                enabled_by=tuple(f for p, f in links if p == ENABLED_BY),
                inputs=tuple(f for p, f in links if p == HAS_INPUT),
                occurs_in=tuple(f for p, f in links if p == OCCURS_IN),
                causal=tuple(
                    (p, f) for p, f in links if p in CAUSAL and f in step_set | outcome_set
                ),
                outcome=iri in outcome_set,
            )
        )
    steps.sort(key=lambda s: (s.order is None, s.order or 0, s.iri))
    inputs = tuple(f for p, f in restrictions(graph, rdflib.URIRef(pathway)) if p == HAS_INPUT)
    mentioned = {pathway, *inputs}
    for step in steps:
        mentioned.update(
            [step.iri, *step.functions, *step.enabled_by, *step.inputs, *step.occurs_in]
        )
    labels = {iri: _label(graph, iri) for iri in sorted(mentioned)}
    return Pathway(pathway, _label(graph, pathway), inputs, tuple(steps), labels)


def resolve_pathway(graph: rdflib.Graph, name: str, candidates: Sequence[tuple[int, str]]) -> str:
    """Choose the pathway ``name`` means, from resolver ``candidates`` ((rank, IRI), best first).

    A candidate that is a pathway is taken as is; a cytokine (or any entity) stands for the
    pathway(s) that have it as input (``RO:0002233 has input some <it>``).
    """

    pathways = set(find_pathways(graph))
    for rank in sorted({r for r, _iri in candidates}):
        found: set[str] = set()
        for _r, iri in (c for c in candidates if c[0] == rank):
            if iri in pathways:
                found.add(iri)
                continue
            for pathway in pathways:
                if (HAS_INPUT, iri) in restrictions(graph, rdflib.URIRef(pathway)):
                    found.add(pathway)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            listed = "; ".join(f"{_label(graph, p)} <{p}>" for p in sorted(found))
            raise ParameterError(
                f"{name!r} names several pathways: {listed}", hint="give the pathway's IRI or label"
            )
    known = ", ".join(_label(graph, p) or compact(p) for p in sorted(pathways)) or "none"
    raise ParameterError(
        f"{name!r} is neither a pathway nor the input of one", hint=f"pathways: {known}"
    )


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


def to_dot(model: Pathway) -> str:
    """Graphviz DOT text."""
    nodes, edges = _nodes_and_edges(model)
    title = f"{model.label_of(model.iri)} ({compact(model.iri)})"
    lines = [
        f"digraph {_dot_string(compact(model.iri))} {{",
        f'    graph [rankdir=LR, labelloc=t, fontname="Helvetica", label={_dot_string(title)}];',
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    shapes = {"activity": "box", "outcome": "hexagon", "geneproduct": "ellipse", "cell": "note"}
    for iri, kind, text in nodes:
        fill, stroke = _STYLE[kind]
        style = '"rounded,filled"' if kind == "activity" else "filled"
        lines.append(
            f"    {_dot_string(compact(iri))} [label={_dot_string(text)}, shape={shapes[kind]}, "
            f'style={style}, fillcolor="{fill}", color="{stroke}"];'
        )
    for source, relation, target in edges:
        label = RELATION_LABELS.get(relation, compact(relation))
        style = "solid" if relation in CAUSAL else "dashed"
        lines.append(
            f"    {_dot_string(compact(source))} -> {_dot_string(compact(target))} "
            f"[label={_dot_string(label)}, style={style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_svg(model: Pathway) -> str:
    """SVG drawn by Graphviz ``dot``; CytokineRdfError (exit 2) when ``dot`` is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        raise CytokineRdfError(
            "SVG needs Graphviz `dot`, which was not found",
            hint="install Graphviz (apt-get install graphviz) or use -f mermaid or -f dot",
        )
    try:
        done = subprocess.run(
            [dot, "-Tsvg"],
            input=to_dot(model).encode("utf-8"),
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
    """Draw the pathway ``name`` means (a pathway, or a cytokine for the pathway it is the input of)."""

    data = load(inputs, include_ontology=include_ontology)
    graph = data.rdflib_graph()
    found = Resolver(OxigraphEngine(data)).candidates(name)
    if not found:
        raise ParameterError(
            f"nothing is called {name!r}",
            hint="give a pathway or cytokine label, symbol, CURIE or IRI",
        )
    iri = resolve_pathway(graph, name, [(c.rank, c.iri) for c in found])
    return render(pathway_model(graph, iri), fmt)
