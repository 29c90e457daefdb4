"""GO-CAM export: one Noctua-shaped model per pathway, valid under GO's official ShEx shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.io.graph import load
from cytokine_rdf.publish.export import export_gocam
from cytokine_rdf.publish.gocam import claims, gocam_models, model_info, reference
from cytokine_rdf.validation.gocam import Hierarchy, validate_gocam

OBO = "http://purl.obolibrary.org/obo/"
DC = "http://purl.org/dc/elements/1.1/"
ENABLED_BY = rdflib.URIRef(OBO + "RO_0002333")
PART_OF = rdflib.URIRef(OBO + "BFO_0000050")
LEGO = "http://geneontology.org/lego/"
LEGO_EVIDENCE = rdflib.URIRef(LEGO + "evidence")
UNIPROT = "http://purl.uniprot.org/uniprot/"
MF, BP, CC = OBO + "GO_0003674", OBO + "GO_0008150", OBO + "GO_0005575"
RO = OBO + "RO_"
GOCAM = "https://w3id.org/cytokine-rdf/gocam/"
IL7 = GOCAM + "CYTO_0000350"


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


@pytest.mark.slow
def test_one_model_per_pathway_with_noctua_metadata(models: dict[str, rdflib.Graph]) -> None:
    assert sorted(models) == [
        "CYTO_0000350-interleukin-7-signalling-pathway",
        "CYTO_0000351-interleukin-21-signalling-pathway",
        "CYTO_0000700-thymic-stromal-lymphopoietin-signalling-pathway",
        "CYTO_0000710-interleukin-15-signalling-pathway",
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
        # the TSLP model, the smallest, has four: its JAK1/JAK2 activities rest on unverified
        # claims only (Rochman 2010) and are left out
        assert len(activities) >= 4
        for activity in activities:
            (kind,) = _types(graph, activity)
            assert MF in hierarchy.ancestors(kind), kind
            assert len(list(graph.objects(activity, PART_OF))) == 1
            (enabler,) = graph.objects(activity, ENABLED_BY)
            (enabler_type,) = _types(graph, enabler)
            # a gene product, or a complex typed by its own GO complex class (class IA PI3K)
            assert enabler_type.startswith("http://identifiers.org/uniprot/") or (
                OBO + "GO_0032991" in hierarchy.ancestors(enabler_type)
            ), enabler_type
        # every process (pathway and outcomes) is typed by a GO biological process, every
        # location (occurs in) by a GO cellular component
        typed = {MF, BP, OBO + "GO_0005575", OBO + "GO_0032991"}
        for node in set(graph.subjects(rdflib.RDF.type, None)) - set(activities):
            kinds = _types(graph, node)
            if kinds and all(k.startswith(OBO + "GO_") for k in kinds):
                assert any(typed & hierarchy.ancestors(k) for k in kinds)


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
        # GO accepts the paper, never the UniProt entry that cites it
        assert str(source).split(":", 1)[0] in {"PMID", "DOI", "Reactome", "CYTO"}


def test_models_carry_the_mechanisms_the_sources_show(models: dict[str, rdflib.Graph]) -> None:
    """Feedback inhibitors are part of the pathway's negative regulation, not of the pathway;
    PI3K output feeds AKT; outcomes are the processes themselves, reached by signed edges."""
    il7 = models["CYTO_0000350-interleukin-7-signalling-pathway"]
    process = rdflib.URIRef(IL7 + "/process")
    regulation = rdflib.URIRef(IL7 + "/regulation/CYTO_0000620")
    assert (regulation, rdflib.URIRef(RO + "0002212"), process) in il7
    for feedback in ("CYTO_0000436", "CYTO_0000605"):  # SOCS1, CISH
        assert list(il7.objects(rdflib.URIRef(f"{IL7}/{feedback}"), PART_OF)) == [regulation]
    pi3k, akt = rdflib.URIRef(IL7 + "/CYTO_0000601"), rdflib.URIRef(IL7 + "/CYTO_0000412")
    assert (pi3k, rdflib.URIRef(RO + "0002413"), akt) in il7
    apoptosis = rdflib.URIRef(IL7 + "/CYTO_0000610")
    assert (rdflib.URIRef(OBO + "GO_0070231")) in set(il7.objects(apoptosis, rdflib.RDF.type))
    assert (akt, rdflib.URIRef(RO + "0002305"), apoptosis) in il7
    il21 = models["CYTO_0000351-interleukin-21-signalling-pathway"]
    receptor = rdflib.URIRef("https://w3id.org/cytokine-rdf/gocam/CYTO_0000351/CYTO_0000421")
    assert rdflib.URIRef(OBO + "GO_0001532") in set(il21.objects(receptor, rdflib.RDF.type))


@pytest.mark.slow
def test_curator_inference_names_its_with_and_uniprot_is_never_a_source() -> None:
    """An IC claim's "evidence with" is written as lego:evidence-with; a UniProt source is dropped."""
    graph = rdflib.Graph()
    graph += load().rdflib_graph()
    cyto = "https://w3id.org/cytokine-rdf/CYTO_"
    edge = (cyto + "0000405", OBO + "RO_0002304", cyto + "0000612")  # STAT5A -> proliferation
    ((iri, *_),) = claims(graph)[edge]
    claim = rdflib.URIRef(iri)
    graph.set((claim, rdflib.URIRef(cyto + "0000104"), rdflib.URIRef(OBO + "ECO_0000305")))
    graph.add((claim, rdflib.URIRef(cyto + "0000140"), rdflib.URIRef(cyto + "0001188")))
    graph.add(
        (claim, rdflib.URIRef("http://purl.org/dc/terms/source"), rdflib.URIRef(UNIPROT + "P42229"))
    )
    model = gocam_models(graph)["CYTO_0000350-interleukin-7-signalling-pathway"]
    withs = {str(o) for o in model.objects(None, rdflib.URIRef(LEGO + "evidence-with"))}
    assert "CYTO:0001188" in withs  # beside the packaged IPI "with" (Li 2010: BIM)
    sources = {str(o) for o in model.objects(None, rdflib.URIRef(DC + "source"))}
    assert sources and not any(s.startswith("UniProtKB:") for s in sources)


def test_every_packaged_curator_inference_is_exported_with_its_with(
    models: dict[str, rdflib.Graph],
) -> None:
    """The packaged IC claims (IL-15 model: JAK3 -> STAT5) keep their "with" in the export: every
    ECO:0000305 evidence node carries lego:evidence-with naming what GO can resolve (a UniProtKB
    gene product or the Reactome event of the premise), never an internal claim IRI."""
    ic = rdflib.URIRef(OBO + "ECO_0000305")
    with_ = rdflib.URIRef(LEGO + "evidence-with")
    seen = 0
    for name, graph in models.items():
        for evidence in graph.subjects(rdflib.RDF.type, ic):
            seen += 1
            withs = [str(o) for o in graph.objects(evidence, with_)]
            assert withs, f"{name}: {evidence} is IC without lego:evidence-with"
            assert all(
                w.startswith(("UniProtKB:", "Reactome:")) for part in withs for w in part.split("|")
            ), withs
    assert seen >= 2


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
        # every model has dozens of nodes (TSLP is the smallest: its Rochman 2010 requirements
        # are unverified until the methods are read)
        assert checked > 40, name
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


@pytest.mark.slow
def test_cli_writes_a_folder_or_one_pathway(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "models"
    result = runner.invoke(main, ["export", "--gocam", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "CYTO_0000350-interleukin-7-signalling-pathway.ttl",
        "CYTO_0000351-interleukin-21-signalling-pathway.ttl",
        "CYTO_0000700-thymic-stromal-lymphopoietin-signalling-pathway.ttl",
        "CYTO_0000710-interleukin-15-signalling-pathway.ttl",
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


def test_unverified_claims_are_not_exported_as_edges(models: dict[str, rdflib.Graph]) -> None:
    """STAT1 -> BIM (CYTO:0003051) is marked unverified: the export leaves the edge out, and BIM
    is reached from the IL-21 receptor activity (Gowda 2008, BIM knock-down, IMP) instead."""
    il21 = "https://w3id.org/cytokine-rdf/gocam/CYTO_0000351/"
    model = models["CYTO_0000351-interleukin-21-signalling-pathway"]
    stat1, bim = rdflib.URIRef(il21 + "CYTO_0000425"), rdflib.URIRef(il21 + "CYTO_0000633")
    receptor = rdflib.URIRef(il21 + "CYTO_0000421")
    assert (stat1, rdflib.URIRef(RO + "0002304"), bim) not in model
    assert (receptor, rdflib.URIRef(RO + "0002304"), bim) in model
    # the same edge comes back once its claim is no longer marked unverified
    graph = rdflib.Graph()
    graph += load().rdflib_graph()
    status = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000106")
    graph.remove((None, status, rdflib.Literal("unverified")))
    again = gocam_models(graph)["CYTO_0000351-interleukin-21-signalling-pathway"]
    assert (stat1, rdflib.URIRef(RO + "0002304"), bim) in again


def test_mouse_evidence_says_so_and_complexes_keep_their_go_class(
    models: dict[str, rdflib.Graph],
) -> None:
    """The models are human (in_taxon 9606): evidence from a mouse experiment carries a comment
    naming the species; the receptor-recruited PI3K is typed GO:0005943, not GO:0032991."""
    il7 = models["CYTO_0000350-interleukin-7-signalling-pathway"]
    opferman = rdflib.URIRef(IL7 + "/evidence/CYTO_0003015")
    assert list(il7.objects(opferman, rdflib.RDFS.comment)) == [
        rdflib.Literal("experiment in NCBITaxon:10090")
    ]
    li = rdflib.URIRef(IL7 + "/evidence/CYTO_0003076")  # Li 2010: IL-7-dependent mouse T cells
    assert list(il7.objects(li, rdflib.RDFS.comment)) == [
        rdflib.Literal("experiment in NCBITaxon:10090")
    ]
    human = rdflib.URIRef(IL7 + "/evidence/CYTO_0003016")  # human CD8 T cells: nothing to say
    assert list(il7.objects(human, rdflib.RDFS.comment)) == []
    # Giri 1994 does not say which species' cells: the evidence says so, not "experiment in CYTO:"
    # Rochman 2010 used mouse and human CD4 T cells: both are named, not mouse alone
    tslp = models["CYTO_0000700-thymic-stromal-lymphopoietin-signalling-pathway"]
    rochman = rdflib.URIRef(IL7.replace("0000350", "0000700") + "/evidence/CYTO_0003516")
    assert list(tslp.objects(rochman, rdflib.RDFS.comment)) == [
        rdflib.Literal("experiment in NCBITaxon:10090, NCBITaxon:9606")
    ]
    il15 = models["CYTO_0000710-interleukin-15-signalling-pathway"]
    giri = rdflib.URIRef(IL7.replace("0000350", "0000710") + "/evidence/CYTO_0003532")
    assert list(il15.objects(giri, rdflib.RDFS.comment)) == [
        rdflib.Literal("species of the experiment not stated by the source")
    ]
    # Gowda 2008 used primary CLL cells: the evidence says so, so B cell apoptosis is not read as
    # a normal B-cell result (the tumour system and the assay, with the species)
    il21 = models["CYTO_0000351-interleukin-21-signalling-pathway"]
    gowda = rdflib.URIRef(IL7.replace("0000350", "0000351") + "/evidence/CYTO_0003053")
    (note,) = il21.objects(gowda, rdflib.RDFS.comment)
    assert str(note).startswith("experimental system: tumour cell lines or primary tumour cells;")
    assert "chronic lymphocytic leukaemia" in str(note) and str(note).endswith("NCBITaxon:9606")
    (label,) = il21.objects(
        rdflib.URIRef(IL7.replace("0000350", "0000351") + "/CYTO_0000643"), rdflib.RDFS.label
    )
    assert "chronic lymphocytic leukaemia" in str(label)
    # Eckelhart 2011: the NK cells were IL-2-expanded, which the outcome's IL-15 label does not say
    eckelhart = rdflib.URIRef(IL7.replace("0000350", "0000710") + "/evidence/CYTO_0003548")
    notes = {str(n) for n in il15.objects(eckelhart, rdflib.RDFS.comment)}
    assert any(
        n.startswith("assay: in vitro deletion of Stat5 in interleukin 2-expanded") for n in notes
    )
    pi3k = rdflib.URIRef(IL7 + "/CYTO_0000601/enabled-by")
    assert rdflib.URIRef(OBO + "GO_0005943") in set(il7.objects(pi3k, rdflib.RDF.type))


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1694-233X", "https://orcid.org/0000-0002-1694-233X"),
        ("cytokine-rdf developers", "cytokine-rdf developers"),
    ],
)
def test_contributor_is_an_orcid_url_when_given_one(given: str, written: str) -> None:
    info = model_info(load().rdflib_graph(), contributors=[given])
    assert info.contributors == (written,)


def test_no_asserted_edge_without_evidence(models: dict[str, rdflib.Graph]) -> None:
    """Second review of issue 25, F2: every RO/BFO edge between model individuals carries an
    owl:Axiom with evidence, except part_of to a process and has_part of a complex (structure).
    An activity whose only "enabled by" claims are unverified (TSLP's JAK1 and JAK2 kinase
    activities, Rochman 2010) is left out rather than written with a bare enabled_by."""
    has_part = rdflib.URIRef(OBO + "BFO_0000051")
    for name, graph in models.items():
        evidenced = {
            (a, p, t)
            for axiom in graph.subjects(rdflib.RDF.type, rdflib.OWL.Axiom)
            if (axiom, LEGO_EVIDENCE, None) in graph
            for a in graph.objects(axiom, rdflib.OWL.annotatedSource)
            for p in graph.objects(axiom, rdflib.OWL.annotatedProperty)
            for t in graph.objects(axiom, rdflib.OWL.annotatedTarget)
        }
        bare = [
            (s, p, o)
            for s, p, o in graph
            if str(p).startswith((OBO + "RO_", OBO + "BFO_"))
            and isinstance(o, rdflib.URIRef)
            and str(o).startswith(GOCAM)
            and p not in (PART_OF, has_part)
            and (s, p, o) not in evidenced
        ]
        assert not bare, (name, bare)
    tslp = models["CYTO_0000700-thymic-stromal-lymphopoietin-signalling-pathway"]
    for jak in ("CYTO_0000703", "CYTO_0000704"):
        node = rdflib.URIRef(f"{GOCAM}CYTO_0000700/{jak}")
        assert (node, None, None) not in tslp
        assert (None, None, node) not in tslp
    # the TSLPR-JAK2 association is a binding (has input JAK2, IPI), not a causal edge
    receptor = rdflib.URIRef(f"{GOCAM}CYTO_0000700/CYTO_0000702")
    inputs = list(tslp.objects(receptor, rdflib.URIRef(OBO + "RO_0002233")))
    assert len(inputs) == 2  # TSLP and JAK2
    # STAT5 phosphorylation after TSLP was measured (IDA): the STAT5 activities are reached from
    # the receptor, while the kinase that acts on them stays unverified
    for stat5 in ("CYTO_0000705", "CYTO_0000706"):
        target = rdflib.URIRef(f"{GOCAM}CYTO_0000700/{stat5}")
        assert (receptor, rdflib.URIRef(RO + "0002304"), target) in tslp
