"""GO-CAM export: one Noctua-shaped model per pathway, valid under GO's official ShEx shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.io.graph import load
from cytokine_rdf.publish.export import export_gocam
from cytokine_rdf.publish.gocam import reference
from cytokine_rdf.validation.gocam import Hierarchy, validate_gocam

OBO = "http://purl.obolibrary.org/obo/"
DC = "http://purl.org/dc/elements/1.1/"
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
LEGO_EVIDENCE = rdflib.URIRef("http://geneontology.org/lego/evidence")
MF, BP = OBO + "GO_0003674", OBO + "GO_0008150"
IL7 = "https://w3id.org/cytokine-rdf/gocam/CYTO_0000350"


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy([load().rdflib_graph()])


def shex_errors(model: rdflib.Graph, hierarchy: Hierarchy) -> tuple[int, list[str]]:
    result = validate_gocam(model, hierarchy)
    errors = [
        f"{f.check} {f.focus_label}: {f.message}" for f in result.findings if f.severity == "error"
    ]
    return result.focus_nodes, errors


@pytest.fixture(scope="module")
def models() -> dict[str, rdflib.Graph]:
    return export_gocam()


def _types(graph: rdflib.Graph, node: rdflib.term.Node) -> set[str]:
    return {str(t) for t in graph.objects(node, rdflib.RDF.type)} - {
        str(rdflib.OWL.NamedIndividual)
    }


def test_one_model_per_pathway_with_noctua_metadata(models: dict[str, rdflib.Graph]) -> None:
    assert sorted(models) == [
        "CYTO_0000350-interleukin-7-signalling-pathway",
        "CYTO_0000351-interleukin-21-signalling-pathway",
    ]
    for graph in models.values():
        (header,) = graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)
        for prop in ("title", "date", "contributor"):
            value = graph.value(header, rdflib.URIRef(DC + prop))
            assert isinstance(value, rdflib.Literal) and value.datatype == rdflib.XSD.string
        assert graph.value(header, rdflib.URIRef("http://geneontology.org/lego/modelstate"))
        taxon = graph.value(header, rdflib.URIRef("https://w3id.org/biolink/vocab/in_taxon"))
        assert taxon == rdflib.URIRef(OBO + "NCBITaxon_9606")


def test_activities_follow_gocam(models: dict[str, rdflib.Graph], hierarchy: Hierarchy) -> None:
    """Each activity: one GO MF type, exactly one enabler typed by UniProt or GO:0032991."""
    for graph in models.values():
        activities = list(set(graph.subjects(ENABLED_BY, None)))
        assert len(activities) >= 7
        for activity in activities:
            (kind,) = _types(graph, activity)
            assert MF in hierarchy.ancestors(kind), kind
            assert len(list(graph.objects(activity, PART_OF))) == 1
            (enabler,) = graph.objects(activity, ENABLED_BY)
            (enabler_type,) = _types(graph, enabler)
            assert enabler_type.startswith("http://identifiers.org/uniprot/") or enabler_type == (
                OBO + "GO_0032991"
            )
        # every process (pathway and outcomes) is typed by a GO biological process
        for node in set(graph.subjects(rdflib.RDF.type, None)) - set(activities):
            kinds = _types(graph, node)
            if kinds and all(k.startswith(OBO + "GO_") for k in kinds):
                assert any({MF, BP, OBO + "GO_0032991"} & hierarchy.ancestors(k) for k in kinds)


def test_evidence_is_eco_with_source_strings(
    models: dict[str, rdflib.Graph], hierarchy: Hierarchy
) -> None:
    graph = models["CYTO_0000350-interleukin-7-signalling-pathway"]
    evidence = set(graph.objects(None, LEGO_EVIDENCE))
    assert len(evidence) > 10
    for node in evidence:
        (kind,) = _types(graph, node)
        assert OBO + "ECO_0000000" in hierarchy.ancestors(kind)
        (source,) = graph.objects(node, rdflib.URIRef(DC + "source"))
        assert isinstance(source, rdflib.Literal)
        assert str(source).split(":", 1)[0] in {"PMID", "DOI", "Reactome", "UniProtKB", "CYTO"}


def test_reference_strings() -> None:
    assert reference("https://pubmed.ncbi.nlm.nih.gov/12792903") == "PMID:12792903"
    assert reference("https://doi.org/10.1084/jem.20041057") == "DOI:10.1084/jem.20041057"
    assert (
        reference("https://reactome.org/content/detail/R-HSA-1266695") == "Reactome:R-HSA-1266695"
    )


@pytest.mark.slow
def test_models_conform_to_official_go_shapes(
    models: dict[str, rdflib.Graph], hierarchy: Hierarchy
) -> None:
    for name, graph in models.items():
        checked, errors = shex_errors(graph, hierarchy)
        assert checked > 100, name
        assert errors == [], errors[:3]


@pytest.mark.slow
@pytest.mark.parametrize(
    "breakage", ["no-date", "source-iri", "enabled-by-process", "eco-as-go", "axiom-no-contributor"]
)
def test_official_shapes_catch_broken_models(
    breakage: str, models: dict[str, rdflib.Graph], hierarchy: Hierarchy
) -> None:
    """The check can fail: each of these edits makes GO's shapes reject the model."""
    graph = rdflib.Graph()
    graph += models["CYTO_0000350-interleukin-7-signalling-pathway"]
    activity = rdflib.URIRef(IL7 + "/CYTO_0000402")
    evidence = next(iter(sorted(graph.objects(None, LEGO_EVIDENCE))))
    if breakage == "no-date":
        graph.remove((activity, rdflib.URIRef(DC + "date"), None))
    elif breakage == "source-iri":
        graph.set(
            (
                evidence,
                rdflib.URIRef(DC + "source"),
                rdflib.URIRef("https://pubmed.ncbi.nlm.nih.gov/1"),
            )
        )
    elif breakage == "axiom-no-contributor":
        axiom = next(iter(graph.subjects(LEGO_EVIDENCE, evidence)))
        graph.remove((axiom, rdflib.URIRef(DC + "contributor"), None))
    elif breakage == "enabled-by-process":
        graph.set((activity, ENABLED_BY, rdflib.URIRef(IL7 + "/process")))
    else:
        graph.remove((evidence, rdflib.RDF.type, None))
        graph.add((evidence, rdflib.RDF.type, rdflib.URIRef(OBO + "GO_0004715")))
    _checked, errors = shex_errors(graph, hierarchy)
    assert errors


def test_cli_writes_a_folder_or_one_pathway(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "models"
    result = runner.invoke(main, ["export", "--gocam", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "CYTO_0000350-interleukin-7-signalling-pathway.ttl",
        "CYTO_0000351-interleukin-21-signalling-pathway.ttl",
    ]
    one = runner.invoke(main, ["export", "--gocam", "--pathway", "IL-21", "-f", "nt"])
    assert one.exit_code == 0
    assert "gocam/CYTO_0000351" in one.stdout and "gocam/CYTO_0000350" not in one.stdout
    again = runner.invoke(main, ["export", "--gocam", "--pathway", "IL-21", "-f", "nt"])
    assert again.stdout == one.stdout  # deterministic bytes


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--gocam"],  # two models, no folder
        ["export", "--gocam", "-o", "no-such-dir/models.ttl"],  # two models, a file name
        ["export", "--gocam", "--part", "data", "-i", "x.ttl"],
        ["export", "--gocam", "--inferred"],
        ["export", "--pathway", "IL7"],
    ],
)
def test_cli_refuses_what_it_cannot_honour(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
