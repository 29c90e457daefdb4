"""GO-CAM as GO's gocam-py datamodel: export --gocam -f json|yaml, and -i of JSON/YAML/minerva JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
import yaml
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.gocam_model import (
    FACT_COMMENT,
    model_to_rdf,
    models_from_rdf,
    parse_document,
    rdf_to_minerva,
)
from cytokine_rdf.io.graph import load
from cytokine_rdf.publish.export import export_gocam

gocam_datamodel = pytest.importorskip("gocam.datamodel")
minerva_wrapper = pytest.importorskip("gocam.translation.minerva_wrapper")

DATA = Path(__file__).parent / "data" / "gocam"
REAL_MODELS = sorted((DATA / "models").glob("*.ttl"))
GOCAM_PY = DATA / "gocam-py"
OBO = "http://purl.obolibrary.org/obo/"
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
HAS_PART = rdflib.URIRef(OBO + "BFO_0000051")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
OCCURS_IN = rdflib.URIRef(OBO + "BFO_0000066")
LEGO = "http://geneontology.org/lego/"
DC = "http://purl.org/dc/elements/1.1/"
# what an activity can say in gocam-py's Model (besides causal edges to other activities)
ACTIVITY_SLOTS = {
    OBO + p
    for p in (
        "RO_0002333",  # enabled_by
        "BFO_0000050",  # part_of
        "BFO_0000066",  # occurs_in
        "RO_0002092",  # happens_during
        "RO_0002233",  # has_input
        "RO_0002234",  # has_output
        "RO_0004009",  # has_primary_input
        "RO_0004008",  # has_primary_output
        "RO_0012000",  # small molecule regulator / activator / inhibitor
        "RO_0012001",
        "RO_0012002",
    )
}


@pytest.fixture(scope="module")
def pathway_models() -> dict[str, rdflib.Graph]:
    return export_gocam()


def _types(graph: rdflib.Graph, node: rdflib.term.Node) -> tuple[str, ...]:
    """A node's classes; a negated one ("NOT", an owl:complementOf class) as ``not <class>``."""

    def name(t: rdflib.term.Node) -> str:
        negated = graph.value(t, rdflib.OWL.complementOf)
        return f"not {negated}" if isinstance(t, rdflib.BNode) and negated else str(t)

    return tuple(
        sorted(
            name(t)
            for t in graph.objects(node, rdflib.RDF.type)
            if t not in (rdflib.OWL.NamedIndividual, rdflib.OWL.Thing)
        )
    )


def _describe(graph: rdflib.Graph, node: rdflib.term.Node) -> tuple[object, ...]:
    """A non-activity node by what it is: types, complex parts, the process it is part of."""
    parts = frozenset(_types(graph, p) for p in graph.objects(node, HAS_PART))
    wholes = frozenset(_describe(graph, w) for w in graph.objects(node, PART_OF))
    return (_types(graph, node), parts, wholes)


def _evidence(graph: rdflib.Graph, s: rdflib.term.Node, p: rdflib.term.Node, o: rdflib.term.Node):
    found = set()
    for axiom in graph.subjects(rdflib.OWL.annotatedSource, s):
        if (axiom, rdflib.OWL.annotatedProperty, p) in graph and (
            axiom,
            rdflib.OWL.annotatedTarget,
            o,
        ) in graph:
            for ev in graph.objects(axiom, rdflib.URIRef(LEGO + "evidence")):
                found.add(
                    (
                        _types(graph, ev),
                        str(graph.value(ev, rdflib.URIRef(DC + "source"))),
                        str(graph.value(ev, rdflib.URIRef(LEGO + "evidence-with"))),
                    )
                )
    return frozenset(found)


def activity_facts(graph: rdflib.Graph) -> tuple[set[object], set[object]]:
    """(what gocam-py's Model can hold, what it cannot) about the activities of a GO-CAM graph.

    An activity is an enabled_by subject (as in gocam-py); it is named by its IRI, which the round
    trip keeps; every other node by its types, complex parts and process chain.
    """
    activities = set(graph.subjects(ENABLED_BY, None))
    kept: set[object] = set()
    lost: set[object] = set()
    for activity in activities:
        kept.add(("activity", str(activity), _types(graph, activity)))
        for p, o in graph.predicate_objects(activity):
            if p == rdflib.RDF.type or not isinstance(o, rdflib.URIRef):
                continue
            if (o, rdflib.RDF.type, rdflib.OWL.NamedIndividual) not in graph:
                continue
            target = str(o) if o in activities else _describe(graph, o)
            fact = (str(activity), str(p), target, _evidence(graph, activity, p, o))
            (kept if o in activities or str(p) in ACTIVITY_SLOTS else lost).add(fact)
    return kept, lost


def every_fact(graph: rdflib.Graph) -> set[object]:
    """Every fact between two individuals of a GO-CAM graph, with its evidence: activities named by
    IRI, every other node by its types, complex parts and process chain."""
    activities = set(graph.subjects(ENABLED_BY, None))
    individuals = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual))

    def name(node: rdflib.term.Node) -> object:
        return str(node) if node in activities else _describe(graph, node)

    return {
        (name(s), str(p), name(o), _evidence(graph, s, p, o))
        for s, p, o in graph
        if s in individuals and o in individuals and p != rdflib.RDF.type
    }


def _round_trip(graph: rdflib.Graph) -> tuple[rdflib.Graph, tuple[str, ...]]:
    [translation] = models_from_rdf(graph)
    # through JSON as a user would hold it
    model = gocam_datamodel.Model.model_validate_json(translation.model.model_dump_json())
    return model_to_rdf(model), translation.unhandled


def test_round_trip_keeps_every_activity_of_the_packaged_pathways(
    pathway_models: dict[str, rdflib.Graph],
) -> None:
    assert len(pathway_models) >= 4
    for stem, graph in pathway_models.items():
        back, unhandled = _round_trip(graph)
        kept, lost = activity_facts(graph)
        again, _ = activity_facts(back)
        assert kept == again, stem
        # TSLP, the smallest, has four: its JAK1/JAK2 activities rest on unverified claims only
        assert sum(1 for f in kept if f[0] == "activity") >= 4
        assert any(f[3] for f in kept if f[0] != "activity"), "evidence kept"
        # the outcomes and the regulation of the pathway, which gocam-py's Model has no slot for,
        # come back from the Model's comments, evidence and all
        assert lost, f"{stem}: no outcome to carry"
        assert any(f[3] for f in lost), "evidence of outcomes kept"
        assert every_fact(back) == every_fact(graph), stem
        assert unhandled == (), stem


@pytest.mark.parametrize("path", REAL_MODELS, ids=lambda p: p.stem)
def test_round_trip_keeps_every_activity_of_real_models(path: Path) -> None:
    graph = rdflib.Graph().parse(path)
    back, unhandled = _round_trip(graph)
    kept, _ = activity_facts(graph)
    again, _ = activity_facts(back)
    assert kept and kept == again
    assert every_fact(back) == every_fact(graph)
    assert unhandled == ()


MINERVA_PASS = sorted((DATA / "minerva" / "should_pass").glob("*.ttl"))


@pytest.mark.parametrize("path", MINERVA_PASS, ids=lambda p: p.stem[:40])
def test_round_trip_keeps_every_fact_of_minervas_valid_models(path: Path) -> None:
    """GO's own valid models, outcomes between processes and 'NOT' processes among them."""
    graph = rdflib.Graph().parse(path)
    for translation in models_from_rdf(graph):
        assert translation.unhandled == ()
    if len(models_from_rdf(graph)) == 1:  # several models share one graph's individuals
        back, _ = _round_trip(graph)
        assert every_fact(back) == every_fact(graph)


def test_minerva_json_input_keeps_the_facts_gocam_py_has_no_slot_for(
    tmp_path: Path, pathway_models: dict[str, rdflib.Graph]
) -> None:
    """-i of minerva JSON (as the GO-CAM API serves it) goes through the same carrying."""
    graph = pathway_models[next(s for s in pathway_models if "interleukin-7" in s)]
    path = tmp_path / "il7-minerva.json"
    path.write_text(json.dumps(rdf_to_minerva(graph)))
    back = load([path], include_ontology=False).rdflib_graph()
    _, lost = activity_facts(graph)
    assert lost and every_fact(back) == every_fact(graph)


def test_a_fact_comment_gocam_py_users_see_and_a_broken_one_is_an_error(
    pathway_models: dict[str, rdflib.Graph], tmp_path: Path
) -> None:
    graph = pathway_models[next(s for s in pathway_models if "interleukin-7" in s)]
    [translation] = models_from_rdf(graph)
    carried = [c for c in translation.model.comments or [] if c.startswith(FACT_COMMENT)]
    # minerva's fact form: the T cell outcome of the IL-7 receptor, with its PMID
    records = [json.loads(c[len(FACT_COMMENT) :]) for c in carried]
    outcome = next(r for r in records if r["property"] == "RO:0002304")
    assert {"subject", "object", "annotations", "individuals"} <= set(outcome)
    assert any(a["key"] == "evidence" for a in outcome["annotations"])
    broken = translation.model.model_copy(update={"comments": [FACT_COMMENT + "{not json"]})
    with pytest.raises(CytokineRdfError, match="cytokine-rdf:fact"):
        model_to_rdf(broken)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken.model_dump(exclude_none=True)))
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(path)])
    assert result.exit_code == 2 and "broken.yaml" in result.output
    assert result.output.count("\n") <= 2 and "Traceback" not in result.output


def test_minerva_json_of_rdf_is_what_gocam_py_reads() -> None:
    graph = rdflib.Graph().parse(REAL_MODELS[0])
    document = rdf_to_minerva(graph)
    parsed = minerva_wrapper.MinervaObject.model_validate(document)
    assert parsed.id.startswith("gomodel:")  # GO's own prefix map names the model
    assert {f.property for f in parsed.facts} >= {"RO:0002333"}


def test_model_yaml_and_minerva_json_of_one_go_cam_read_alike() -> None:
    """gocam-py's two forms of GO-CAM 6606056e00002011 give the same RDF activities here."""
    from_yaml = load([GOCAM_PY / "Model-6606056e00002011.yaml"], include_ontology=False)
    from_json = load([GOCAM_PY / "minerva-6606056e00002011.json"], include_ontology=False)
    kept_yaml, _ = activity_facts(from_yaml.rdflib_graph())
    kept_json, _ = activity_facts(from_json.rdflib_graph())
    assert sum(1 for f in kept_yaml if f[0] == "activity") == 4
    assert kept_yaml == kept_json


@pytest.mark.slow
def test_export_gocam_json_and_yaml_are_gocam_py_models(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "json"
    result = runner.invoke(main, ["export", "--gocam", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.json"))
    assert len(files) >= 4
    assert "could not be carried" not in result.output  # nothing lost: no warning
    for path in files:
        model = gocam_datamodel.Model.model_validate(json.loads(path.read_text()))
        assert model.taxon == "NCBITaxon:9606"
        assert all(a.enabled_by and a.molecular_function for a in model.activities)
    again = tmp_path / "again"
    runner.invoke(main, ["export", "--gocam", "-f", "json", "-o", str(again)])
    assert all(p.read_bytes() == (again / p.name).read_bytes() for p in files)
    il7 = tmp_path / "il7.yaml"
    result = runner.invoke(
        main, ["export", "--gocam", "-f", "yaml", "--pathway", "IL7", "-o", str(il7)]
    )
    assert result.exit_code == 0, result.output
    model = gocam_datamodel.Model.model_validate(yaml.safe_load(il7.read_text()))
    assert "UniProtKB:P16871" in {
        p.term for a in model.activities for p in (getattr(a.enabled_by, "has_part", None) or [])
    }
    # read back with -i: the same activities as the Turtle model
    back = load([il7], include_ontology=False).rdflib_graph()
    turtle = export_gocam(pathways=["IL7"])
    kept, _ = activity_facts(next(iter(turtle.values())))
    again, _ = activity_facts(back)
    assert kept == again


def test_json_format_needs_gocam() -> None:
    result = CliRunner().invoke(main, ["export", "-f", "json"])
    assert result.exit_code == 2
    assert "--gocam" in result.output


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.json", '{"individuals": [], "facts": [\n', "bad.json:2"),
        ("bad.yaml", "id: x\n  title: [\n", "bad.yaml:2"),
        ("odd.yaml", "- 1\n- 2\n", "odd.yaml"),
        ("empty.json", '{"id": "gomodel:1", "activities": []}', "empty.json"),
    ],
)
def test_bad_gocam_documents_are_one_line_errors(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") <= 2 and where in result.output
    assert "Traceback" not in result.output


def test_parse_document_reads_every_model_of_a_yaml_stream() -> None:
    text = (GOCAM_PY / "Model-6606056e00002011.yaml").read_bytes()
    models = parse_document(text + b"\n---\n" + text, "gocam-yaml", "two.yaml")
    assert len(models) == 2


def test_reading_turtle_does_not_import_gocam_py() -> None:
    code = (
        "import sys\n"
        "from cytokine_rdf.io.graph import load\n"
        f"load([{str(REAL_MODELS[0])!r}], include_ontology=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'gocam', 'pydantic', 'linkml_runtime'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_gocam_py_a_json_model_is_a_one_line_error(tmp_path: Path) -> None:
    """gocam-py is an extra: without it, reading a GO-CAM YAML says what to install."""
    code = (
        "import sys\n"
        "sys.modules['gocam'] = sys.modules['prefixmaps'] = None  # as if not installed\n"
        "from cytokine_rdf.cli import main\n"
        f"main(['export', '--part', 'data', '-i', {str(GOCAM_PY / 'Model-6606056e00002011.yaml')!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert out.returncode == 2
    assert "cytokine-rdf[gocam]" in out.stderr
    assert "Traceback" not in out.stderr


def _summary(model) -> set[object]:  # type: ignore[no-untyped-def]
    """What a gocam-py Model says about its activities, evidence included, order-free."""

    def ev(association) -> frozenset[object]:  # type: ignore[no-untyped-def]
        return frozenset(
            (e.term, e.reference, tuple(e.with_objects or ()))
            for e in (association.evidence or [])
            if association is not None
        )

    def chain(bp) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        return () if bp is None else (bp.term, *chain(bp.part_of))

    out: set[object] = set()
    for a in model.activities or []:
        parts = frozenset(p.term for p in getattr(a.enabled_by, "has_part", None) or [])
        out.add(("activity", a.id, a.molecular_function.term, a.enabled_by.term, parts))
        out.add(("enabled_by", a.id, ev(a.enabled_by)))
        if a.part_of:
            out.add(("part_of", a.id, chain(a.part_of), ev(a.part_of)))
        if a.occurs_in:
            out.add(("occurs_in", a.id, a.occurs_in.term, ev(a.occurs_in)))
        # GO's documents may state one causal edge twice (one fact with evidence, one without);
        # RDF holds the edge once, with the evidence of both
        causal: dict[tuple[str, str], frozenset[object]] = {}
        for c in a.causal_associations or []:
            key = (c.predicate, c.downstream_activity)
            causal[key] = causal.get(key, frozenset()) | ev(c)
        out.update(("causal", a.id, *key, found) for key, found in causal.items())
        terms = {m.id: m.term for m in model.molecules or []}
        for m in a.molecular_associations or []:
            out.add(("molecule", a.id, m.predicate, terms.get(m.molecule), ev(m)))
    return out


@pytest.mark.parametrize("name", ["minerva-6606056e00002011.json", "minerva-663d668500002178.json"])
def test_go_api_models_survive_rdf_and_back_as_gocam_py_reads_them(name: str) -> None:
    """gocam-py's own Model of a GO-CAM API document equals the one read back from our RDF."""
    document = json.loads((GOCAM_PY / name).read_text())
    direct = minerva_wrapper.MinervaWrapper.minerva_object_to_model(document)
    graph = load([GOCAM_PY / name], include_ontology=False).rdflib_graph()
    [again] = models_from_rdf(graph)
    assert _summary(direct)
    assert _summary(again.model) == _summary(direct)


def test_a_second_location_gocam_py_skips_is_carried(
    pathway_models: dict[str, rdflib.Graph],
) -> None:
    """gocam-py keeps one occurs_in per activity and skips the next: that one is carried too."""
    graph = rdflib.Graph()
    graph += pathway_models[next(s for s in pathway_models if "interleukin-7" in s)]
    activity = next(a for a in graph.subjects(OCCURS_IN, None) if (a, ENABLED_BY, None) in graph)
    place = rdflib.URIRef(f"{activity}/also-occurs-in")
    graph.add((place, rdflib.RDF.type, rdflib.OWL.NamedIndividual))
    graph.add((place, rdflib.RDF.type, rdflib.URIRef(OBO + "GO_0005829")))  # cytosol
    graph.add((activity, OCCURS_IN, place))
    back, unhandled = _round_trip(graph)
    assert unhandled == ()
    assert len(set(back.objects(rdflib.URIRef(str(activity)), OCCURS_IN))) == 2
    assert every_fact(back) == every_fact(graph)


@pytest.mark.parametrize("name", ["minerva-6606056e00002011.json", "minerva-663d668500002178.json"])
def test_go_api_models_keep_every_fact_through_gocam_py_again(name: str) -> None:
    """A GO-CAM API document read here, then once more through gocam-py: no fact changes."""
    graph = load([GOCAM_PY / name], include_ontology=False).rdflib_graph()
    back, unhandled = _round_trip(graph)
    assert unhandled == ()
    assert every_fact(graph) and every_fact(back) == every_fact(graph)
