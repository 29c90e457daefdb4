"""GPAD 2.0 annotations from GO-CAM models, as GO's GPAD/GPI 2.0 specification defines them.

Each activity of a GO-CAM model (an individual ``enabled_by`` a gene product or complex) gives
standard GO annotations of the enabler, one line per evidence individual of the edge they come
from (GPAD needs a reference and an ECO code, so an edge without evidence gives no line):

- ``RO:0002327 enables`` the activity's molecular function (from the ``enabled_by`` edge), with
  the activity's ``occurs_in``, ``part_of`` and ``has_input`` targets as extensions (column 11);
  a complex known only by a GO class (``GO:0032991`` with ``has_part`` subunits, no database
  identifier for column 1) is annotated through its subunits, which ``RO:0002326 contribute_to``
  the function and take the complex's other annotations;
- ``RO:0002331 involved_in`` the process the activity is ``part_of`` (from that edge);
- ``RO:0002432 is_active_in`` the GO cellular component the activity ``occurs_in``;
- ``RO:0002264 acts_upstream_of_or_within`` (and its signed and ``acts_upstream_of`` forms) for a
  causal edge from the activity to a process, ``NOT`` when the process is negated;
- ``BFO:0000050 part_of`` the complex (a GO cellular component class) for each subunit of a
  complex, from the complex's ``has_part`` edge.

The GO root classes (molecular_function, biological_process, cellular_component) are
placeholders in GO-CAM, not annotations, and are left out. Column 1 uses GO's prefix map
(``UniProtKB:P16871``); the date is the evidence's ``dc:date`` (else the model's); assigned-by is
the group that provided the model, column 12 names the model, its state and contributors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass

import rdflib

from cytokine_rdf.io.gocam_model import curie
from cytokine_rdf.vocab import DC, LEGO, OBO, PAV_PROVIDED_BY

__all__ = ["GPAD_HEADER", "GpadLine", "gpad_lines", "write_gpad"]

GPAD_HEADER = "!gpad-version: 2.0"
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
HAS_PART = rdflib.URIRef(OBO + "BFO_0000051")
OCCURS_IN = rdflib.URIRef(OBO + "BFO_0000066")
HAS_INPUT = rdflib.URIRef(OBO + "RO_0002233")
ENABLES, INVOLVED_IN, IS_ACTIVE_IN = "RO:0002327", "RO:0002331", "RO:0002432"
CONTRIBUTES_TO = "RO:0002326"
ROOTS = {OBO + "GO_0003674", OBO + "GO_0008150", OBO + "GO_0005575"}
# activity -> process causal relation : gene product -> process relation (GO's GPAD relations)
UPSTREAM = {
    OBO
    + "RO_0002418": "RO:0002264",  # causally upstream of or within -> acts upstream of or within
    OBO + "RO_0004047": "RO:0004032",  # ... positive effect
    OBO + "RO_0004046": "RO:0004033",  # ... negative effect
    OBO + "RO_0002411": "RO:0002263",  # causally upstream of -> acts upstream of
    OBO + "RO_0002304": "RO:0004034",
    OBO + "RO_0002305": "RO:0004035",
}
_NOT_TYPES = {rdflib.OWL.NamedIndividual, rdflib.OWL.Thing}


@dataclass(frozen=True, order=True)
class GpadLine:
    """One GPAD 2.0 annotation (the twelve columns, in order)."""

    subject: str
    negation: str
    relation: str
    term: str
    reference: str
    evidence: str
    with_from: str
    interacting_taxon: str
    date: str
    assigned_by: str
    extensions: str
    properties: str

    def __str__(self) -> str:
        return "\t".join(astuple(self))


def _clean(value: str) -> str:
    return " ".join(value.split())  # no tabs or newlines inside a column


def _group(provided_by: str) -> str:
    """``https://w3id.org/cytokine-rdf`` -> ``cytokine-rdf``; ``http://www.pombase.org`` -> ``pombase.org``."""
    host_or_path = re.sub(r"^https?://(www\.)?", "", provided_by).rstrip("/")
    return host_or_path.rsplit("/", 1)[-1] or provided_by


class _Model:
    def __init__(self, graph: rdflib.Graph, header: rdflib.URIRef, assigned_by: str | None) -> None:
        self.graph, self.header = graph, header

        def text(p: str) -> list[str]:
            return sorted(str(o) for o in graph.objects(header, rdflib.URIRef(p)))

        self.date = (text(DC + "date") or [""])[0][:10]
        self.state = (text(LEGO + "modelstate") or [""])[0]
        self.contributors = text(DC + "contributor")
        self.assigned_by = assigned_by or _group((text(PAV_PROVIDED_BY) or ["unknown"])[0])

    def types(self, node: rdflib.term.Node) -> list[tuple[bool, str]]:
        """(negated, class IRI) of each type of ``node``: GO-CAM's NOT is a complement class."""
        out = []
        for kind in self.graph.objects(node, rdflib.RDF.type):
            if kind in _NOT_TYPES:
                continue
            if isinstance(kind, rdflib.BNode):
                out += [(True, str(c)) for c in self.graph.objects(kind, rdflib.OWL.complementOf)]
            else:
                out.append((False, str(kind)))
        return sorted(out)

    def evidence(
        self, source: rdflib.term.Node, prop: rdflib.term.Node, target: rdflib.term.Node
    ) -> list[tuple[str, str, str, str]]:
        """(ECO, reference, with/from, date) of each evidence individual on the edge."""
        g, out = self.graph, []
        for axiom in g.subjects(rdflib.OWL.annotatedSource, source):
            if (axiom, rdflib.OWL.annotatedProperty, prop) not in g:
                continue
            if (axiom, rdflib.OWL.annotatedTarget, target) not in g:
                continue
            for ev in g.objects(axiom, rdflib.URIRef(LEGO + "evidence")):
                codes = [c for negated, c in self.types(ev) if not negated]
                source_text = g.value(ev, rdflib.URIRef(DC + "source"))
                if not codes or source_text is None:
                    continue
                with_ = g.value(ev, rdflib.URIRef(LEGO + "evidence-with"))
                date = g.value(ev, rdflib.URIRef(DC + "date")) or g.value(
                    axiom, rdflib.URIRef(DC + "date")
                )
                out.append(
                    (
                        curie(codes[0]),
                        _clean(str(source_text)),
                        _clean(str(with_)) if with_ is not None else "",
                        str(date)[:10] if date is not None else self.date,
                    )
                )
        return sorted(set(out))

    def properties(self) -> str:
        found = [f"noctua-model-id={curie(str(self.header))}"]
        if self.state:
            found.append(f"model-state={_clean(self.state)}")
        found += [f"contributor={_clean(c)}" for c in self.contributors]
        return "|".join(found)

    def lines(
        self,
        subject: rdflib.term.Node,
        relation: str,
        target: rdflib.term.Node,
        edge: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node],
        extensions: str = "",
    ) -> Iterable[GpadLine]:
        subjects = [
            c for negated, c in self.types(subject) if not negated and not c.startswith(OBO)
        ]
        if not subjects:  # a complex known only by its GO class: its subunits contribute
            for member in self.graph.objects(subject, HAS_PART):
                relation_ = CONTRIBUTES_TO if relation == ENABLES else relation
                yield from self.lines(member, relation_, target, edge, extensions)
            return
        for negated, term in self.types(target):
            if term in ROOTS or not term.startswith(OBO + "GO_"):
                continue
            for code, reference, with_, date in self.evidence(*edge):
                yield GpadLine(
                    curie(subjects[0]),
                    "NOT" if negated else "",
                    relation,
                    curie(term),
                    reference,
                    code,
                    with_,
                    "",
                    date,
                    self.assigned_by,
                    extensions,
                    self.properties(),
                )

    def all_lines(self) -> Iterable[GpadLine]:
        g = self.graph
        for activity, enabler in g.subject_objects(ENABLED_BY):
            extensions = ",".join(
                sorted(
                    f"{curie(str(p))}({curie(c)})"
                    for p in (OCCURS_IN, PART_OF, HAS_INPUT)
                    for o in g.objects(activity, p)
                    for negated, c in self.types(o)
                    if not negated and c not in ROOTS
                )
            )
            yield from self.lines(
                enabler, ENABLES, activity, (activity, ENABLED_BY, enabler), extensions
            )
            for process in g.objects(activity, PART_OF):
                yield from self.lines(enabler, INVOLVED_IN, process, (activity, PART_OF, process))
            for place in g.objects(activity, OCCURS_IN):
                yield from self.lines(enabler, IS_ACTIVE_IN, place, (activity, OCCURS_IN, place))
            for causal, relation in UPSTREAM.items():
                for process in g.objects(activity, rdflib.URIRef(causal)):
                    if (process, ENABLED_BY, None) in g:  # an activity: not a process annotation
                        continue
                    edge = (activity, rdflib.URIRef(causal), process)
                    yield from self.lines(enabler, relation, process, edge)
            for member in g.objects(enabler, HAS_PART):
                yield from self.lines(member, "BFO:0000050", enabler, (enabler, HAS_PART, member))


def gpad_lines(graph: rdflib.Graph, *, assigned_by: str | None = None) -> list[GpadLine]:
    """The GPAD annotations of every GO-CAM model (``owl:Ontology`` header) in ``graph``, sorted.

    Each model's triples are read from ``graph`` as a whole: give one model per graph when
    several models could share individuals.
    """
    headers = sorted(
        s
        for s in graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)
        if isinstance(s, rdflib.URIRef)
    )
    found: set[GpadLine] = set()
    for header in headers:
        found.update(_Model(graph, header, assigned_by).all_lines())
    return sorted(found)


def write_gpad(
    models: Sequence[rdflib.Graph], *, assigned_by: str | None = None, generated_by: str = ""
) -> bytes:
    """A GPAD 2.0 file of ``models`` (header, then one annotation a line)."""
    lines: set[GpadLine] = set()
    for model in models:
        lines.update(gpad_lines(model, assigned_by=assigned_by))
    ordered = sorted(lines)
    dates = sorted(line.date for line in ordered if line.date)
    groups = sorted({line.assigned_by for line in ordered})
    header = [
        GPAD_HEADER,
        f"!generated-by: {generated_by or (groups[0] if len(groups) == 1 else 'cytokine-rdf')}",
        # the newest annotation date, not the clock: the same models give the same bytes
        f"!date-generated: {dates[-1] if dates else '1970-01-01'}",
    ]
    return ("\n".join(header + [str(line) for line in ordered]) + "\n").encode()
