"""Validation: SHACL shapes, ROBOT-style QC checks and reasoner coherence, reported as plain findings.

:func:`validate` is the one gate: without data it checks the ontology (SHACL ``shapes/ontology.*``,
QC ``queries/qc/*.rq``, a reasoner); with data it checks the data against ``shapes/data.*`` with the
ontology as background knowledge, and reasons over ontology plus data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import RdfData, load
from cytokine_rdf.io.progress import Stage
from cytokine_rdf.validation.gocam import Hierarchy, validate_gocam
from cytokine_rdf.validation.integrity import INTEGRITY_CHECKS, integrity_findings
from cytokine_rdf.validation.locate import locate
from cytokine_rdf.validation.qc import infer_namespace, load_checks, run_checks
from cytokine_rdf.validation.reasoning import reason
from cytokine_rdf.validation.results import Finding, Report
from cytokine_rdf.validation.shacl import packaged_shapes, shape_names
from cytokine_rdf.validation.shacl_engine import DataInput, check_shapes
from cytokine_rdf.vocab import BASE, FORMAT_BY_EXTENSION

if TYPE_CHECKING:
    from cytokine_rdf.validation.results import ReasonerResult

__all__ = ["SHAPE_SETS", "reasoner_findings", "validate"]

# Names --shapes takes besides files: the packaged SHACL sets, and GO's GO-CAM ShEx shapes.
SHAPE_SETS = ("data", "ontology", "gocam")


REASONER_CHECKS = ("consistency", "unsatisfiable_class", "subclass_cycle")


def reasoner_findings(
    result: ReasonerResult, *, ontology_iri: str = "", with_data: bool = False
) -> list[Finding]:
    """Turn a reasoner result into findings (inconsistency, unsatisfiable classes, cycles)."""
    out: list[Finding] = []
    how = f"{result.reasoner} reasoner"
    what = (
        "The ontology together with the data has no model"
        " (a common cause: a value whose datatype contradicts a property's range, such as a level"
        " given as a string)"
        if with_data
        else "The ontology has no model"
    )
    if not result.consistent:
        out.append(
            Finding(
                severity="error",
                check="consistency",
                focus=ontology_iri,
                message=f"{what} ({how}): some axioms contradict each other"
                + (f" ({result.explanation})" if result.explanation else "."),
                fix="Look for an individual typed with two disjoint classes, or a class assertion that breaks "
                "a restriction; remove or correct the contradicting axiom, then run `cytokine-rdf reason`.",
                source="reasoner",
            )
        )
    for iri, label in result.unsatisfiable:
        out.append(
            Finding(
                severity="error",
                check="unsatisfiable_class",
                focus=iri,
                focus_label=label,
                message=f"This class can have no members ({how}): it is equivalent to owl:Nothing.",
                fix="Check its superclasses and restrictions for a disjointness clash (e.g. a subclass of two "
                "disjoint classes) and remove the wrong rdfs:subClassOf or owl:disjointWith axiom.",
                source="reasoner",
            )
        )
    for cycle in result.cycles:
        out.append(
            Finding(
                severity="warn",
                check="subclass_cycle",
                focus=cycle[0],
                value=" -> ".join(cycle),
                message="These classes are subclasses of each other in a cycle, which makes them all equivalent.",
                fix="Remove the rdfs:subClassOf link that closes the cycle, or declare the classes "
                "owl:equivalentClass if they really are the same.",
                source="reasoner",
            )
        )
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop a QC finding when SHACL already reported the same node, property and value."""
    seen = {(f.focus, f.path, f.value) for f in findings if f.source == "shacl"}
    return [f for f in findings if f.source != "qc" or (f.focus, f.path, f.value) not in seen]


def _ontology_iri(data: RdfData) -> str:

    ontologies = {
        q.subject.value
        for q in data.store.quads_for_pattern(
            None,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"),
        )
        if isinstance(q.subject, ox.NamedNode)
    }
    imported = {
        q.object.value
        for q in data.store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2002/07/owl#imports"), None
        )
        if isinstance(q.object, ox.NamedNode)
    }
    roots = sorted(ontologies - imported) or sorted(ontologies)
    return roots[0] if roots else ""


def validate(
    inputs: Sequence[str | Path] = (),
    *,
    shapes: Sequence[str | Path] | None = None,
    ontology: Sequence[str | Path] | None = None,
    qc: bool = True,
    reasoner: str | None = "hermit",
    reason_limit: int | None = 200_000,
    profile: str | Path | None = None,
    namespaces: Sequence[str] | None = None,
    tbox: Sequence[str | Path] | None = None,
) -> Report:
    """Validate the packaged ontology (no ``inputs``) or users' data; return one report.

    Without ``inputs`` the ontology (or the ``ontology`` files instead) is checked against
    ``shapes/ontology.*.ttl``, the QC checks (scoped to ``namespaces``, else the namespace inferred
    from the ontology) and the reasoner. With ``inputs`` the data is checked against
    ``shapes/data.*.ttl`` with the ontology as background knowledge, and the reasoner runs over the
    ontology plus the data; QC (an ontology check) is skipped. ``shapes`` replaces the packaged
    shapes; ``reasoner=None`` skips reasoning, and so does data of more than ``reason_limit`` triples
    (an info finding says so). ``tbox`` (GO-CAM only) is the class hierarchy that type checks use
    instead of the packaged one, as go-lego is for GO's own validator.
    """

    onto = load(ontology=ontology)
    findings: list[Finding] = []
    checks: list[tuple[str, str]] = []
    extra: dict[str, Any] = {
        "mode": "data" if inputs else "ontology",
        "sources": list(onto.sources),
    }
    if profile is not None and inputs:
        raise CytokineRdfError(
            "--profile selects QC checks of the ontology; they do not run on data",
            hint="drop --profile, or validate the ontology (no DATA)",
        )
    if shapes and "gocam" in shapes:
        if len(shapes) > 1 or not inputs:
            raise CytokineRdfError(
                "--shapes gocam checks GO-CAM models on their own",
                hint="give the models as DATA and no other --shapes: validate MODEL.ttl --shapes gocam",
            )
        return _validate_gocam(inputs, onto, extra, tbox)
    if tbox:
        raise CytokineRdfError(
            "--tbox is the class hierarchy of GO-CAM checks",
            hint="add --shapes gocam or drop --tbox",
        )

    shape_files = _shape_files(shapes, "data" if inputs else "ontology")
    if not shape_files:
        raise CytokineRdfError("no SHACL shapes to validate with", hint="give --shapes FILE")
    shapes_data = load(shape_files, include_ontology=False)
    data: RdfData | None = None
    if inputs:
        # SHACL reads a data file itself (no store: 2.4 s and 0.55 GB at 1M triples); QC and the
        # reasoner need the data loaded
        source = None if qc or reasoner else DataInput.file(inputs)
        checked = None
        if source is not None:
            try:
                checked = check_shapes(source, shapes_data, background=onto)
            except SyntaxError:  # the loader says where, or reads it as what it really is
                checked = None
            if checked is not None and checked.scan.imports:  # the loader follows them
                checked = None
        if checked is None:
            data = load(inputs, include_ontology=False)
            source = DataInput.of(data)
            checked = check_shapes(source, shapes_data, background=onto)
        assert source is not None
        extra["data"] = list(source.sources)
        extra["focus_nodes"] = checked.scan.focus_nodes
        # the ontology's own findings are not the user's business here
        shacl_findings = [f for f in checked.findings if not checked.scan.ontology_only(f.focus)]
    else:
        checked = check_shapes(DataInput.of(onto), shapes_data)
        shacl_findings = checked.findings
    extra.update(checked.extra)
    target, data_triples = onto, 0
    if data is not None:
        data_triples = len(data)
        # the ontology as background, added to the data's own (in-memory) store: a copy of both
        # would cost 3 s and 0.5 GB at 1M triples; user triples are those not in ``onto``
        data.store.bulk_extend(onto.store)
        target = RdfData(data.store, [*data.sources, *onto.sources])
    findings += shacl_findings
    checks += [("shacl", name) for name in shape_names(shapes_data.rdflib_graph())]

    if qc:  # names that do not exist: on the user's own triples, or the whole ontology
        store = target.store
        if data is None:
            findings += integrity_findings(store, lambda quad: True)
        else:
            findings += integrity_findings(store, lambda quad: quad not in onto.store)
        checks += [("names", name) for name in INTEGRITY_CHECKS]

    if qc and data is None:
        scope = (
            list(namespaces)
            if namespaces
            else [infer_namespace(onto) if ontology else _own_namespace()]
        )
        extra["namespaces"] = scope
        qc_checks = load_checks(profile)
        with Stage(f"QC: {len(qc_checks)} checks"):
            findings += run_checks(onto, qc_checks, scope)
        checks += [("qc", c.name) for c in qc_checks]

    if reasoner and data is not None and reason_limit is not None and data_triples > reason_limit:
        # OWL reasoning over a large ABox takes minutes and gigabytes; say so instead of hanging
        findings.append(
            Finding(
                severity="info",
                check="reasoning_skipped",
                focus=_ontology_iri(onto),
                message=f"Reasoning skipped: the data has {data_triples:,} triples, more than {reason_limit:,}.",
                fix="Reason over the data on purpose with `cytokine-rdf reason -i DATA`, or pass --no-reason.",
                source="reasoner",
            )
        )
        reasoner = None
    if reasoner:
        graph = target.rdflib_graph()  # the ontology, with the data when there is any
        with Stage(f"reasoner: {reasoner}"):
            result = reason(graph, reasoner=reasoner)
        findings += reasoner_findings(
            result, ontology_iri=_ontology_iri(onto), with_data=data is not None
        )
        checks += [
            ("reasoner", name)
            for name in REASONER_CHECKS
            if name != "subclass_cycle" or result.reasoner == "structural"
        ]
        extra["reasoner"] = result.reasoner

    located = locate(_dedupe(findings), extra.get("data") or onto.sources)
    ordered = sorted(
        located,
        key=lambda f: (f.rank, f.source != "shacl", f.focus, f.check, f.path, f.value),
    )
    return Report(tuple(ordered), tuple(checks), extra)


def _shape_files(shapes: Sequence[str | Path] | None, default: str) -> list[str | Path]:
    """Files for ``--shapes``: packaged set names (``data``, ``ontology``) or paths."""
    if not shapes:
        return list(packaged_shapes(default))
    out: list[str | Path] = []
    for entry in shapes:
        out += packaged_shapes(str(entry)) if str(entry) in SHAPE_SETS else [entry]
    return out


def _model_files(inputs: Sequence[str | Path]) -> list[Path]:
    """The GO-CAM model files: each input file, and the RDF files directly inside each folder."""
    out: list[Path] = []
    for entry in inputs:
        path = Path(entry)
        if str(entry) != "-" and path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FORMAT_BY_EXTENSION
            )
            if not found:
                raise CytokineRdfError(
                    f"{path}: no RDF files in this folder",
                    hint="give GO-CAM models (.ttl, .owl, .nt, ...) or a folder that holds them",
                )
            out += found
        else:
            out.append(path)
    return out


def _validate_gocam(
    inputs: Sequence[str | Path],
    onto: RdfData,
    extra: dict[str, Any],
    tbox: Sequence[str | Path] | None,
) -> Report:
    """GO-CAM models against GO's official ShEx shapes (see :mod:`cytokine_rdf.validation.gocam`),
    each model (file) on its own, the schema parsed once for all."""
    background = load(tbox, include_ontology=False) if tbox else onto
    if tbox:
        extra["tbox"] = [str(t) for t in tbox]
    findings: list[Finding] = []
    sources: list[str] = []
    focus_nodes = 0
    used: dict[str, None] = {}
    models = _model_files(inputs)
    with Stage(f"GO-CAM: {len(models)} model(s)"):
        for path in models:
            data = load([path], include_ontology=False)
            model = data.rdflib_graph()
            hierarchy = Hierarchy([background.rdflib_graph(), model], packaged=not tbox)
            result = validate_gocam(model, hierarchy)
            findings += locate(result.findings, data.sources)
            sources += data.sources
            focus_nodes += result.focus_nodes
            used.update(dict.fromkeys(result.shapes))
    extra.update(data=sources, focus_nodes=focus_nodes, shapes="gocam", models=len(models))
    ordered = sorted(set(findings), key=lambda f: (f.rank, f.focus, f.check, f.message))
    return Report(tuple(ordered), tuple(("shex", name) for name in used), extra)


def _own_namespace() -> str:
    """The packaged ontology's base IRI: QC covers every term under it, not only CYTO_ IDs."""
    return BASE
