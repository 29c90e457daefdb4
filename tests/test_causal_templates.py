"""The causal templates follow causal edges only, show each edge's sign, and never show an edge
reached through one they do not show: proved on a small SOCS feedback loop
(``tests/data/causal/socs-loop.ttl``) and checked on the packaged ontology."""

from __future__ import annotations

from pathlib import Path

import pytest

from cytokine_rdf.io.graph import load
from cytokine_rdf.sparql.engine import OxigraphEngine
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.run import run_template

LOOP = Path(__file__).parent / "data" / "causal" / "socs-loop.ttl"
EX = "https://example.org/loop/"
RO = "http://purl.obolibrary.org/obo/RO_"
SIGNS = {
    RO + "0002629": "positive",
    RO + "0002304": "positive",
    RO + "0002413": "positive",
    RO + "0002630": "negative",
    RO + "0002305": "negative",
}


@pytest.fixture(scope="module")
def loop() -> OxigraphEngine:
    return OxigraphEngine(load(ontology=[LOOP]))


@pytest.fixture(scope="module")
def packaged() -> OxigraphEngine:
    return OxigraphEngine(load())


Edge = tuple[str, str, str, str]  # from, relation, sign, to


def _rows(result: object) -> list[dict[str, str | None]]:
    assert isinstance(result, SelectResult)
    return result.to_dicts()


def _edges(rows: list[dict[str, str | None]], *names: str) -> set[Edge]:
    out = set()
    for row in rows:
        source, relation, sign, target = (row[n] or "" for n in names)
        out.add((source, relation, sign, target))
    return out


def _down(engine: OxigraphEngine, **params: str) -> set[Edge]:
    rows = _rows(run_template("downstream-cascade", params, engine=engine))
    return _edges(rows, "from", "edge", "sign", "to")


def _up(engine: OxigraphEngine, **params: str) -> set[Edge]:
    rows = _rows(run_template("upstream-regulators", params, engine=engine))
    return _edges(rows, "upstream", "edge", "sign", "next")


def _ex(*names: str) -> list[str]:
    return [EX + n for n in names]


def test_downstream_shows_the_negative_feedback_and_the_outcome(loop: OxigraphEngine) -> None:
    jak_a, jak_b, stat, socs = _ex("jakAStep", "jakBStep", "statStep", "socsStep")
    assert _down(loop, entity=jak_a) == {
        (jak_a, RO + "0002304", "positive", stat),
        (stat, RO + "0002304", "positive", socs),
        (stat, RO + "0002304", "positive", EX + "survival"),
        (socs, RO + "0002630", "negative", jak_a),
        (socs, RO + "0002630", "negative", jak_b),
        # reached through SOCS -| JAK-B, which is shown: the loop, not a leak
        (jak_b, RO + "0002629", "positive", jak_a),
    }


def test_downstream_of_a_kinase_lists_only_edges_reached_through_shown_edges(
    loop: OxigraphEngine,
) -> None:
    """The old template walked SOCS's negative edges but showed only positive ones, so it listed
    "kinase B directly positively regulates kinase A" below kinase A without the edge that leads
    there. Every edge's source must be a start step or the target of an edge shown."""
    edges = _down(loop, entity=EX + "jakAStep")
    reached = {EX + "jakAStep"} | {to for _, _, _, to in edges}
    assert all(source in reached for source, _, _, _ in edges)
    assert any(sign == "negative" for _, _, sign, _ in edges)


def test_upstream_of_the_kinase_includes_its_inhibitor(loop: OxigraphEngine) -> None:
    jak_a = EX + "jakAStep"
    edges = _up(loop, entity=jak_a)
    assert (EX + "socsStep", RO + "0002630", "negative", jak_a) in edges
    assert (EX + "jakBStep", RO + "0002629", "positive", jak_a) in edges
    # every edge shown leads to the target through shown edges
    sources = {jak_a} | {up for up, _, _, _ in edges}
    assert all(nxt in sources for _, _, _, nxt in edges)
    assert all(SIGNS[rel] == sign for _, rel, sign, _ in edges)


def test_upstream_of_an_outcome(loop: OxigraphEngine) -> None:
    edges = _up(loop, entity=EX + "survival")
    assert (EX + "statStep", RO + "0002304", "positive", EX + "survival") in edges
    assert (EX + "ligand", RO + "0002629", "positive", EX + "receptorStep") in edges


def test_pathway_parameter_keeps_one_pathway(loop: OxigraphEngine) -> None:
    both = _down(loop, entity=EX + "jakA")  # kinase A enables a step in P and one in Q
    assert (EX + "jakAInQ", RO + "0002305", "negative", EX + "growth") in both
    only_p = _down(loop, entity=EX + "jakA", pathway=EX + "P")
    assert only_p and all(src != EX + "jakAInQ" for src, _, _, _ in only_p)
    # the inhibitor belongs to P's negative regulation, and its edges stay in P's cascade
    assert (EX + "socsStep", RO + "0002630", "negative", EX + "jakBStep") in only_p
    assert only_p == both - {(EX + "jakAInQ", RO + "0002305", "negative", EX + "growth")}
    assert _down(loop, entity=EX + "jakA", pathway=EX + "cytokine") == only_p  # by its cytokine
    only_q = _down(loop, entity=EX + "jakA", pathway=EX + "Q")
    assert only_q == {(EX + "jakAInQ", RO + "0002305", "negative", EX + "growth")}
    assert _up(loop, entity=EX + "growth", pathway=EX + "P") == set()


STEP_TO_STEP = """
PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?property WHERE {
  ?from rdfs:subClassOf ?r .
  ?r owl:onProperty ?property ; owl:someValuesFrom ?to .
  { ?to rdfs:subClassOf+ CYTO:0000012 } UNION { ?to rdfs:subClassOf+ CYTO:0000019 }
}"""

CAUSAL_IN_TEMPLATES = {
    RO + n
    for n in [
        "0002629",
        "0002304",
        "0002413",
        "0002213",
        "0002407",
        "0002630",
        "0002305",
        "0002212",
        "0002409",
        "0002411",
        "0002418",
        "0002211",
    ]
}


def test_packaged_steps_reach_steps_and_outcomes_only_through_causal_edges(
    packaged: OxigraphEngine,
) -> None:
    """The templates walk every restriction from a step; that walk is the causal closure only if
    the sole restrictions of any class that lead to a step or outcome are the causal relations
    they show (a pathway "has part" its steps, say, would let the walk leak)."""
    properties = {row["property"] for row in _rows(packaged.query(STEP_TO_STEP))}
    assert properties and properties <= CAUSAL_IN_TEMPLATES


def test_packaged_negative_edges_show_in_both_templates(packaged: OxigraphEngine) -> None:
    """Independent of the models' content: every negative edge into a step is an upstream row of
    that step with its sign, every downstream edge of such a step is reached through edges shown,
    and at least one negative edge closes a feedback loop (a SOCS protein induced downstream of
    the kinase it inhibits)."""
    negatives = packaged.query(
        """PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>
        PREFIX obo: <http://purl.obolibrary.org/obo/>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?from ?edge ?to WHERE {
          VALUES ?edge { obo:RO_0002630 obo:RO_0002305 obo:RO_0002212 obo:RO_0002409 }
          ?from rdfs:subClassOf [ owl:onProperty ?edge ; owl:someValuesFrom ?to ] .
          ?to rdfs:subClassOf+ CYTO:0000012 }"""
    )
    edges = [(r["from"] or "", r["edge"] or "", r["to"] or "") for r in _rows(negatives)]
    assert edges, "the packaged models have negative feedback (SOCS)"
    loops = 0
    for source, relation, target in edges:
        assert (source, relation, "negative", target) in _up(packaged, entity=target)
        down = _down(packaged, entity=target)
        reached = {target} | {to for _, _, _, to in down}
        assert all(src in reached for src, _, _, _ in down)
        loops += (source, relation, "negative", target) in down
    assert loops


MEMBERSHIP = """
PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?step ?pathway WHERE {
  ?step rdfs:subClassOf+ CYTO:0000012 ;
        rdfs:subClassOf [ owl:onProperty obo:BFO_0000050 ; owl:someValuesFrom ?process ] .
  # what the step is part of, or the pathway that process refers to (its negative regulation)
  { BIND(?process AS ?pathway) } UNION { ?process rdfs:subClassOf [ owl:someValuesFrom ?pathway ] }
  ?pathway rdfs:subClassOf+ CYTO:0000011 .
}"""

STEP_EDGES = """
PREFIX CYTO: <https://w3id.org/cytokine-rdf/CYTO_>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?from ?to WHERE {
  ?from rdfs:subClassOf+ CYTO:0000012 ; rdfs:subClassOf [ owl:someValuesFrom ?to ] .
  ?to rdfs:subClassOf+ CYTO:0000012 .
}"""


def test_packaged_causal_edges_stay_inside_one_pathway(packaged: OxigraphEngine) -> None:
    """With a pathway given, the templates keep the edges whose source is a step of it; an edge
    shown is then reached only through shown edges as long as no causal chain leaves a pathway
    and comes back, which holds while no causal edge links steps of two pathways."""
    member: dict[str | None, set[str | None]] = {}
    for row in _rows(packaged.query(MEMBERSHIP)):
        member.setdefault(row["step"], set()).add(row["pathway"])
    edges = _rows(packaged.query(STEP_EDGES))
    assert edges
    crossing = [e for e in edges if not member.get(e["from"], set()) & member.get(e["to"], set())]
    assert crossing == []


CYTO = "https://w3id.org/cytokine-rdf/CYTO_"


def test_packaged_jak1_cascade_shows_the_feedback_and_the_outcomes(
    packaged: OxigraphEngine,
) -> None:
    """The merged models (IL-7, IL-21, TSLP, IL-15): downstream of JAK1 the SOCS1 and CISH feedback
    of the IL-7 model shows with its negative sign, and the walk reaches each model's outcomes;
    upstream of the IL-7 JAK1 step both inhibitors show; the IL-15/IL-21 synergy outcome is reached
    from both receptor activities."""
    down = _down(packaged, entity="JAK1")
    socs1_jak1 = (CYTO + "0000436", RO + "0002630", "negative", CYTO + "0000402")
    cish_il7r = (CYTO + "0000605", RO + "0002630", "negative", CYTO + "0000401")
    assert {socs1_jak1, cish_il7r} <= down
    reached = {to for _, _, _, to in down}
    # IL-7 T cell apoptosis, IL-21 plasma cells, TSLP CD4 T cells, IL-15 NK cell apoptosis
    assert {CYTO + n for n in ("0000610", "0000642", "0000707", "0000720")} <= reached
    up = _up(packaged, entity=CYTO + "0000402")
    assert {socs1_jak1, cish_il7r} <= up
    assert _up(packaged, entity=CYTO + "0000402", pathway="IL7") == up
    synergy = _up(packaged, entity=CYTO + "0000721")
    receptors = {
        src for src, _, sign, to in synergy if to == CYTO + "0000721" and sign == "positive"
    }
    assert {CYTO + "0000713", CYTO + "0000421"} <= receptors  # IL-15 and IL-21 receptor activities


def _path_signs(rows: list[dict[str, str | None]], *names: str) -> dict[tuple[str, str], str]:
    return {(row[names[0]] or "", row[names[1]] or ""): row["path_sign"] or "" for row in rows}


def test_path_sign_is_the_edges_sign_only_while_no_inhibition_lies_before_it(
    loop: OxigraphEngine,
) -> None:
    """Below the receptor, STAT -> SOCS is reached through kinase A only positively until the loop
    closes; kinase B -> kinase A is reached only through SOCS -| kinase B, so its net effect is not
    the edge's positive sign (the row says so instead of calling it positive)."""
    rows = _rows(run_template("downstream-cascade", {"entity": EX + "jakBStep"}, engine=loop))
    signs = _path_signs(rows, "from", "to")
    assert signs[(EX + "jakBStep", EX + "jakAStep")] == "positive"  # the start's own edge
    assert signs[(EX + "socsStep", EX + "jakBStep")] == "via a negative edge"
    rows = _rows(run_template("downstream-cascade", {"entity": EX + "receptorStep"}, engine=loop))
    signs = _path_signs(rows, "from", "to")
    assert signs[(EX + "receptorStep", EX + "jakAStep")] == "positive"
    assert signs[(EX + "jakBStep", EX + "jakAStep")] == "via a negative edge"  # through SOCS -|
    assert all(row["sign"] in {"positive", "negative"} for row in rows)  # each edge's own sign


def test_upstream_path_sign_says_when_the_way_to_the_target_passes_an_inhibition(
    loop: OxigraphEngine,
) -> None:
    """Upstream of STAT: kinase A -> STAT ends at the target and keeps its own sign; the edges into
    kinase A reach STAT through kinase A -> STAT but also round the loop through SOCS -| kinase A,
    so their net effect on STAT is not their own sign (SOCS's edge no more than the receptor's)."""
    rows = _rows(run_template("upstream-regulators", {"entity": EX + "statStep"}, engine=loop))
    signs = _path_signs(rows, "upstream", "next")
    assert signs[(EX + "jakAStep", EX + "statStep")] == "positive"
    assert signs[(EX + "socsStep", EX + "jakAStep")] == "via a negative edge"
    assert signs[(EX + "receptorStep", EX + "jakAStep")] == "via a negative edge"
    assert all(row["sign"] in {"positive", "negative"} for row in rows)  # each edge's own sign
