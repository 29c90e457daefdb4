"""GO-CAM view: activities with enabled_by edges, deterministic IRIs, evidence, conforms to the shapes."""

from __future__ import annotations

from pathlib import Path

import rdflib
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.publish.export import export_graph
from cytokine_rdf.publish.gocam import LEGO_EVIDENCE, gocam_graph, validate_gocam

PATHWAYS = Path(__file__).parent / "data" / "diagram" / "pathways.ttl"
OBO = "http://purl.obolibrary.org/obo/"
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
GOCAM = "https://w3id.org/cytokine-rdf/gocam/"


def _view() -> rdflib.Graph:
    return gocam_graph(rdflib.Graph().parse(PATHWAYS))


def test_activities_enabled_by_and_typed() -> None:
    """Each step is an activity typed by its GO function, enabled by a gene product individual."""
    view = _view()
    activity = rdflib.URIRef(GOCAM + "CYTO_0000350/CYTO_0000402")
    assert (activity, rdflib.RDF.type, rdflib.URIRef(OBO + "GO_0004713")) in view
    assert (activity, PART_OF, rdflib.URIRef(GOCAM + "CYTO_0000350/process")) in view
    enabler = view.value(activity, ENABLED_BY)
    assert enabler == rdflib.URIRef(GOCAM + "CYTO_0000350/CYTO_0000402/enabled-by")
    assert (
        enabler,
        rdflib.RDF.type,
        rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000203"),
    ) in view
    assert len(list(view.triples((None, ENABLED_BY, None)))) == 5


def test_evidence_axioms() -> None:
    """Edges are reified with ECO-typed evidence and a source."""
    view = _view()
    axioms = list(view.subjects(rdflib.RDF.type, rdflib.OWL.Axiom))
    assert axioms
    evidence = view.value(axioms[0], rdflib.URIRef(LEGO_EVIDENCE))
    assert (evidence, rdflib.RDF.type, rdflib.URIRef(OBO + "ECO_0000314")) in view
    assert view.value(evidence, rdflib.URIRef("http://purl.org/dc/terms/source")) is not None


def test_conforms_to_gocam_shapes() -> None:
    """The fixture's view passes the go-shapes port."""
    assert validate_gocam(_view()) == []


def test_shapes_catch_a_missing_enabled_by() -> None:
    """An activity without enabled_by, and a causal edge to it, are reported."""
    view = _view()
    activity = rdflib.URIRef(GOCAM + "CYTO_0000350/CYTO_0000403")
    view.remove((activity, ENABLED_BY, None))
    checks = {f.focus for f in validate_gocam(view)}
    assert str(activity) in checks


def test_packaged_ontology_view() -> None:
    """`export --gocam` on the packaged ontology has enabled_by edges and conforms."""
    view = export_graph(gocam=True)
    assert any(view.triples((None, ENABLED_BY, None)))
    assert validate_gocam(view) == []
    result = CliRunner().invoke(main, ["export", "--gocam", "-f", "nt"])
    assert result.exit_code == 0
    assert "<http://purl.obolibrary.org/obo/RO_0002333>" in result.stdout
