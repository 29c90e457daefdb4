"""The TSLP and IL-15 signalling models (ontology/pathways-tslp-il15.ttl): what their sources show,
evidence GO accepts, and the questions the templates answer about shared components and the
IL-15/IL-21 synergy."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDFS, URIRef

from cytokine_rdf.io.graph import load
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.run import run_template
from cytokine_rdf.validation.gate import validate

FILE = Path(__file__).resolve().parent.parent / "ontology" / "pathways-tslp-il15.ttl"
CYTO = rdflib.Namespace("https://w3id.org/cytokine-rdf/CYTO_")
OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
TSLP_PATHWAY, IL15_PATHWAY = CYTO["0000700"], CYTO["0000710"]
SUBJECT, RELATION, OBJECT, EVIDENCE, WITH = (
    CYTO[n] for n in ("0000101", "0000102", "0000103", "0000104", "0000140")
)
CAUSAL = {OBO[f"RO_{n}"] for n in ("0002629", "0002630", "0002304", "0002305", "0002413")}
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


@pytest.fixture(scope="module")
def own() -> rdflib.Graph:
    return rdflib.Graph().parse(FILE, format="turtle")


@pytest.fixture(scope="module")
def engine() -> OxigraphEngine:
    return OxigraphEngine(load())


def _restrictions(g: rdflib.Graph, cls: URIRef) -> set[tuple[URIRef, URIRef]]:
    out = set()
    for node in g.objects(cls, RDFS.subClassOf):
        prop, filler = (
            g.value(node, rdflib.OWL.onProperty),
            g.value(node, rdflib.OWL.someValuesFrom),
        )
        if isinstance(prop, URIRef) and isinstance(filler, URIRef):
            out.add((prop, filler))
    return out


def _steps(g: rdflib.Graph, pathway: URIRef) -> set[URIRef]:
    return {
        s
        for s in g.subjects(RDFS.subClassOf, None)
        if isinstance(s, URIRef) and (OBO.BFO_0000050, pathway) in _restrictions(g, s)
    }


def _enablers(g: rdflib.Graph, pathway: URIRef) -> set[URIRef]:
    return {f for s in _steps(g, pathway) for p, f in _restrictions(g, s) if p == OBO.RO_0002333}


def test_tslp_uses_jak1_and_jak2_not_jak3(own: rdflib.Graph) -> None:
    """Rochman et al. 2010: TSLP signals through JAK1 and JAK2, unlike IL-7 (JAK1 and JAK3)."""
    enablers = _enablers(own, TSLP_PATHWAY)
    assert {CYTO["0000205"], CYTO["0000230"], CYTO["0000302"]} <= enablers
    assert CYTO["0000206"] not in enablers


def test_il15_is_trans_presented_by_il15ra_to_the_beta_gamma_receptor(own: rdflib.Graph) -> None:
    steps = _steps(own, IL15_PATHWAY)
    (presenting,) = [s for s in steps if (OBO.RO_0002333, CYTO["0000231"]) in _restrictions(own, s)]
    (receptor,) = [s for s in steps if (OBO.RO_0002333, CYTO["0000730"]) in _restrictions(own, s)]
    assert (OBO.RO_0002629, receptor) in _restrictions(own, presenting)
    assert (OBO.RO_0002233, CYTO["0000217"]) in _restrictions(own, presenting)
    parts = {f for p, f in _restrictions(own, CYTO["0000730"]) if p == OBO.BFO_0000051}
    assert parts == {CYTO["0000232"], CYTO["0000202"]}  # IL2RB:IL2RG, no IL15RA


def test_every_causal_edge_has_a_pubmed_claim_or_an_inference_with_its_support(
    own: rdflib.Graph,
) -> None:
    every = set(own.subjects(rdflib.RDF.type, CYTO["0000024"]))
    claims: dict[tuple[object, object, object], list[rdflib.term.Node]] = {}
    for c in every:
        key = (own.value(c, SUBJECT), own.value(c, RELATION), own.value(c, OBJECT))
        claims.setdefault(key, []).append(c)
    edges = [
        (s, p, f)
        for pathway in (TSLP_PATHWAY, IL15_PATHWAY)
        for s in _steps(own, pathway)
        for p, f in _restrictions(own, s)
        if p in CAUSAL
    ]
    assert len(edges) >= 20
    for edge in edges:
        assert edge in claims, edge
        for claim in claims[edge]:
            sources = {str(x) for x in own.objects(claim, DCTERMS.source)}
            # a PubMed paper, or a DOI where no PMID was seen (Eckelhart 2011; the shape warns)
            assert sources and all(x.startswith((PUBMED, "https://doi.org/")) for x in sources), (
                edge,
                sources,
            )
            if own.value(claim, EVIDENCE) == OBO.ECO_0000305:
                # "with" names supporting claims, gene products (UniProtKB) or the Reactome event of
                # the premise, as GO reads it
                support = set(own.objects(claim, WITH))
                assert support, edge
                assert all(
                    w in every or str(w).startswith(("UniProtKB:", "Reactome:")) for w in support
                ), edge


@pytest.mark.slow
def test_the_models_break_no_evidence_rule(own: rdflib.Graph) -> None:
    report = validate(qc=False, reasoner=None)
    mine = {str(c) for c in own.subjects(rdflib.RDF.type, CYTO["0000024"])}
    mine |= {str(s) for s in own.subjects(RDFS.label, None)}
    found = [f for f in report.findings if f.focus in mine]
    # the one accepted warning: an experimental claim citing a DOI because no PMID was seen
    assert [f for f in found if f.check != "ClaimExperimentalPubMedShape"] == []
    assert all(f.severity == "warn" for f in found)


def _rows(result: object) -> list[dict[str, str | None]]:
    assert isinstance(result, SelectResult)
    return result.to_dicts()


def test_shared_components_of_tslp_and_il7(engine: OxigraphEngine) -> None:
    rows = _rows(
        run_template("shared-components", {"pathway": "TSLP", "other": "IL7"}, engine=engine)
    )
    shared = {r["component"] for r in rows}
    assert {str(CYTO["0000201"]), str(CYTO["0000205"])} <= shared  # IL7R and JAK1
    assert str(CYTO["0000206"]) not in shared  # JAK3 is IL-7's, not TSLP's


def test_the_il15_il21_synergy_can_be_asked_about(engine: OxigraphEngine) -> None:
    rows = _rows(run_template("cytokine-target-cells", {"cytokine": "IL15"}, engine=engine))
    synergy = [r for r in rows if r["effect"] == str(CYTO["0000721"])]
    assert synergy and synergy[0]["sign"] == "positive"
    assert any(r["sign"] == "negative" and r["cell"] == str(OBO.CL_0000623) for r in rows)
    # both cytokines are inputs of the synergistic outcome
    found = _rows(
        engine.query(
            "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?cytokine WHERE { <" + str(CYTO["0000721"]) + "> rdfs:subClassOf"
            " [ owl:onProperty <http://purl.obolibrary.org/obo/RO_0002233> ;"
            " owl:someValuesFrom ?cytokine ] }"
        )
    )
    assert {r["cytokine"] for r in found} == {str(CYTO["0000217"]), str(CYTO["0000203"])}


def test_every_experimental_pathway_claim_records_its_species() -> None:
    """Species rule (docs/modelling.md): a claim with an experimental ECO code records the species
    of its experiment (CYTO:0000120: NCBITaxon, or CYTO:0002109 when the source does not say), so
    the GO-CAM export can say which evidence is not human; an ISO claim (ECO:0000266) names the
    orthologous mouse gene (an MGI "with"). Tumour claims have their own shape."""
    g = load().rdflib_graph()
    experimental = set(g.transitive_subjects(RDFS.subClassOf, OBO.ECO_0000006))
    claims = set(g.subjects(rdflib.RDF.type, CYTO["0000024"])) - set(
        g.subjects(rdflib.RDF.type, CYTO["0000027"])
    )
    assert len(claims) > 100
    missing = sorted(
        str(c)
        for c in claims
        if g.value(c, EVIDENCE) in experimental and g.value(c, CYTO["0000120"]) is None
    )
    assert missing == []
    for claim in g.subjects(EVIDENCE, OBO.ECO_0000266):
        assert any(str(w).startswith("MGI:") for w in g.objects(claim, WITH)), claim


def test_tslp_claims_carry_the_code_of_their_experiment(own: rdflib.Graph) -> None:
    """No TSLP claim keeps the generic ECO:0000269: Rochman 2010's abstract gives a requirement
    (IMP), a direct measurement (IDA) or an association with TSLPR (IPI, with CRLF2)."""
    codes = {
        str(c).rsplit("_", 1)[1]: own.value(c, EVIDENCE)
        for c in own.subjects(rdflib.RDF.type, CYTO["0000024"])
    }
    assert OBO.ECO_0000269 not in set(codes.values())
    assert codes["0003509"] == OBO.ECO_0000353
    assert set(own.objects(CYTO["0003509"], WITH)) == {rdflib.Literal("UniProtKB:Q9HC73")}
    assert {codes[n] for n in ("0003512", "0003513", "0003514", "0003515")} == {OBO.ECO_0000315}


def _unverified(g: rdflib.Graph, n: str) -> bool:
    return rdflib.Literal("unverified") in set(g.objects(CYTO[n], CYTO["0000106"]))


def test_third_review_claims_say_what_their_sources_show(own: rdflib.Graph) -> None:
    """Review of issue 25 (grade B): a claim whose experiment the abstract does not name is
    unverified, not given a guessed code; each records the species its result was shown in; an
    inference's "with" is its premise, not its own ends; an IPI supports a binding, not a survival
    edge; BLIMP-1 was never perturbed on its own (Diehl 2008 perturbed STAT3)."""
    both = {OBO.NCBITaxon_10090, OBO.NCBITaxon_9606}
    # Rochman 2010: requirements without a named perturbation are unverified ...
    for n in ("0003508", "0003510", "0003511", "0003512", "0003513", "0003514", "0003515"):
        assert _unverified(own, n), n
    for n in ("0003517", "0003518", "0003520", "0003521"):
        assert _unverified(own, n) and set(own.objects(CYTO[n], CYTO["0000120"])) == {
            CYTO["0002109"]
        }, n
    # ... the measured STAT5 phosphorylation stays, in both species the abstract names
    assert not _unverified(own, "0003516")
    assert set(own.objects(CYTO["0003516"], CYTO["0000120"])) == both
    # the CD4 outcomes stay reachable from the receptor (Al-Shami 2004, IDA, mouse)
    receptor = _restrictions(own, CYTO["0000702"])
    assert {(OBO.RO_0002304, CYTO["0000707"]), (OBO.RO_0002305, CYTO["0000708"])} <= receptor
    # IL-15: receptor -> STAT5 is what Johnston 1995 measured; JAK1 -> STAT5 is unverified; the
    # JAK3 inference names its premise (Reactome, IL-2 on the same receptor chains)
    for n in ("0003554", "0003555"):
        assert own.value(CYTO[n], EVIDENCE) == OBO.ECO_0000314
    assert _unverified(own, "0003544") and _unverified(own, "0003545")
    for n in ("0003546", "0003547"):
        assert set(own.objects(CYTO[n], WITH)) == {rdflib.Literal("Reactome:R-HSA-452097")}
    # IL-15's NK survival effector is an NK-cell MCL1 activity, not the IL-7 T-cell one
    assert (OBO.RO_0002304, CYTO["0000722"]) in _restrictions(own, CYTO["0000713"])
    assert (OBO.RO_0002305, CYTO["0000720"]) in _restrictions(own, CYTO["0000722"])
    g = load().rdflib_graph()
    assert _unverified(g, "0003049") and _unverified(g, "0003070")  # BLIMP-1; Li 2010 on survival
    assert (g.value(CYTO["0003075"], SUBJECT), g.value(CYTO["0003075"], EVIDENCE)) == (
        CYTO["0000424"],  # STAT3 -> plasma cell differentiation, gain of function
        OBO.ECO_0000315,
    )
    assert g.value(CYTO["0003076"], RELATION) == OBO.RO_0002233  # MCL1 binds BIM (IPI)
    # a mouse co-immunoprecipitation: the human BIM accession is no "with" for it (review 25b, F7)
    assert g.value(CYTO["0003076"], WITH) is None
    assert g.value(CYTO["0003072"], EVIDENCE) == OBO.ECO_0000314  # IL-21 then more BIM: IDA
