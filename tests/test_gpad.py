"""export --gpad: GPAD 2.0 from the pathways and users' GO-CAM models, checked with GO's GPAD shapes.

go-shapes' ``gpad-shapes.shex`` describes a GO-CAM limited to what GPAD can say. Each GPAD line
written here is read back (an independent column parser) and written as that GO-CAM: the gene
product, the GO term, the relation between them (``enables`` as the term ``enabled_by`` the gene
product), the extensions and the evidence, then every individual is checked against the shapes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyshex import ShExEvaluator

from cytokine_rdf.cli import main
from cytokine_rdf.io.gocam_model import expand
from cytokine_rdf.publish.export import export_gpad

pytest.importorskip("prefixmaps")

ROOT = Path(__file__).parent.parent
SHAPES = ROOT / "shapes" / "gocam" / "gpad-shapes.shex"
DATA = Path(__file__).parent / "data" / "gocam"
OBO = "http://purl.obolibrary.org/obo/"
DC = "http://purl.org/dc/elements/1.1/"
LEGO = "http://geneontology.org/lego/"
RELATIONS = {  # GO's GPAD 2.0 gene product -> term relations
    "RO:0002327",  # enables
    "RO:0002326",  # contributes_to
    "RO:0002331",  # involved_in
    "RO:0002432",  # is_active_in
    "BFO:0000050",  # part_of
    "RO:0002264",  # acts_upstream_of_or_within
    "RO:0002263",
    "RO:0004032",
    "RO:0004033",
    "RO:0004034",
    "RO:0004035",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CURIE = re.compile(r"^[A-Za-z][\w.]*:\S+$")


def parse_gpad(text: str) -> tuple[list[str], list[list[str]]]:
    header = [line for line in text.splitlines() if line.startswith("!")]
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("!")]
    return header, rows


def check_columns(rows: list[list[str]]) -> None:
    """The GPAD 2.0 column rules (required columns, CURIEs, RO relations, ISO dates)."""
    for row in rows:
        assert len(row) == 12, row
        subject, negation, relation, term, reference, evidence, *_ = row
        assert CURIE.match(subject) and not subject.startswith("GO:"), row
        assert negation in ("", "NOT")
        assert relation in RELATIONS, row
        assert term.startswith("GO:"), row
        assert all(CURIE.match(r) for r in reference.split("|")), row
        assert evidence.startswith("ECO:"), row
        assert DATE.match(row[8]), row
        assert row[9], "assigned-by"


def gpad_as_gocam(rows: list[list[str]]) -> rdflib.Graph:
    """Each GPAD line as the GO-CAM that gpad-shapes.shex describes."""
    g = rdflib.Graph()
    named = rdflib.OWL.NamedIndividual

    def prov(node: rdflib.term.Node, date: str) -> None:
        g.add((node, rdflib.URIRef(DC + "contributor"), rdflib.Literal("gpad test")))
        g.add((node, rdflib.URIRef(DC + "date"), rdflib.Literal(date)))

    for i, row in enumerate(rows):
        subject, negation, relation, term, reference, evidence, with_, _, date, *_ = row
        extensions = row[10]
        gp, node = rdflib.URIRef(f"urn:gpad:{i}/gp"), rdflib.URIRef(f"urn:gpad:{i}/term")
        g.add((gp, rdflib.RDF.type, named))
        g.add((gp, rdflib.RDF.type, rdflib.URIRef(expand(subject))))
        g.add((node, rdflib.RDF.type, named))
        if negation == "NOT":
            negated = rdflib.BNode()
            g.add((negated, rdflib.OWL.complementOf, rdflib.URIRef(expand(term))))
            g.add((node, rdflib.RDF.type, negated))
        else:
            g.add((node, rdflib.RDF.type, rdflib.URIRef(expand(term))))
        prov(gp, date)
        prov(node, date)
        edge = (
            (node, rdflib.URIRef(OBO + "RO_0002333"), gp)
            if relation == "RO:0002327"
            else (gp, rdflib.URIRef(expand(relation)), node)
        )
        g.add(edge)
        for k, extension in enumerate(e for e in extensions.split(",") if e):
            prop, target = re.match(r"^(\S+?)\((\S+)\)$", extension).groups()  # type: ignore[union-attr]
            ext = rdflib.URIRef(f"urn:gpad:{i}/ext-{k}")
            g.add((ext, rdflib.RDF.type, rdflib.URIRef(expand(target))))
            prov(ext, date)
            g.add((node, rdflib.URIRef(expand(prop)), ext))
        axiom, ev = rdflib.BNode(), rdflib.URIRef(f"urn:gpad:{i}/evidence")
        g.add((axiom, rdflib.RDF.type, rdflib.OWL.Axiom))
        g.add((axiom, rdflib.OWL.annotatedSource, edge[0]))
        g.add((axiom, rdflib.OWL.annotatedProperty, edge[1]))
        g.add((axiom, rdflib.OWL.annotatedTarget, edge[2]))
        g.add((axiom, rdflib.URIRef(LEGO + "evidence"), ev))
        prov(axiom, date)
        g.add((ev, rdflib.RDF.type, named))
        g.add((ev, rdflib.RDF.type, rdflib.URIRef(expand(evidence))))
        g.add((ev, rdflib.URIRef(DC + "source"), rdflib.Literal(reference)))
        if with_:
            g.add((ev, rdflib.URIRef(LEGO + "evidence-with"), rdflib.Literal(with_)))
        prov(ev, date)
    return g


def shape_failures(graph: rdflib.Graph) -> list[str]:
    focus = sorted(set(graph.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual)))
    evaluator = ShExEvaluator(
        rdf=graph,
        schema=SHAPES.read_text(encoding="utf-8"),
        focus=focus,
        start="http://purl.obolibrary.org/obo/go/shapes/Individual",
    )
    return [f"{r.focus}: {r.reason}"[:400] for r in evaluator.evaluate() if not r.result]


@pytest.fixture(scope="module")
def packaged() -> str:
    return export_gpad().decode()


@pytest.mark.slow
def test_gpad_of_the_pathways_follows_the_spec_and_gos_shapes(packaged: str) -> None:
    header, rows = parse_gpad(packaged)
    assert header[0] == "!gpad-version: 2.0"
    assert any(h.startswith("!generated-by: ") for h in header)
    assert any(DATE.match(h.removeprefix("!date-generated: ")) for h in header)
    check_columns(rows)
    relations = {row[2] for row in rows}
    assert {"RO:0002327", "RO:0002331", "RO:0002432", "RO:0002326"} <= relations
    # IL7R enables interleukin-7 receptor activity, with a reference and ECO code from the model
    assert any(
        r[0] == "UniProtKB:P16871" and r[2] in ("RO:0002327", "RO:0002326") and r[3] == "GO:0004917"
        for r in rows
    )
    assert shape_failures(gpad_as_gocam(sample(rows))) == []


def sample(rows: list[list[str]]) -> list[list[str]]:
    """One line of each kind (relation, negation, with extensions or not): PyShEx takes ~50 ms
    a line, so the fast tests check a line of each kind and the slow one every line."""
    kinds: dict[tuple[str, str, bool], list[str]] = {}
    for row in rows:
        kinds.setdefault((row[1], row[2], bool(row[10])), row)
    return list(kinds.values())


@pytest.mark.slow
def test_every_gpad_line_of_the_pathways_fits_gos_shapes(packaged: str) -> None:
    _, rows = parse_gpad(packaged)
    assert shape_failures(gpad_as_gocam(rows)) == []


@pytest.mark.slow
def test_the_shapes_catch_a_broken_line(packaged: str) -> None:
    """The check is not vacuous: a relation GPAD does not have breaks GO's closed DBObject shape."""
    _, rows = parse_gpad(packaged)
    line = next(r for r in rows if r[2] == "RO:0002331")
    assert shape_failures(gpad_as_gocam([line])) == []
    assert shape_failures(gpad_as_gocam([[*line[:2], "RO:0009999", *line[3:]]]))


def test_gpad_of_users_models_keeps_negation_and_evidence(tmp_path: Path) -> None:
    out = tmp_path / "models.gpad"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--gpad",
            "--part",
            "data",
            "-i",
            str(DATA / "models" / "ZFIN_ZDB-GENE-030131-514.ttl"),
            "-i",
            str(DATA / "gocam-py" / "minerva-663d668500002178.json"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    _, rows = parse_gpad(out.read_text())
    check_columns(rows)
    zfin = [r for r in rows if r[0] == "ZFIN:ZDB-GENE-030131-514"]
    # the model says fkbp4 is NOT causally upstream of or within GO:0060765 (PMID:31661769)
    assert zfin == [
        [
            "ZFIN:ZDB-GENE-030131-514",
            "NOT",
            "RO:0002264",
            "GO:0060765",
            "PMID:31661769",
            "ECO:0000314",
            "",
            "",
            zfin[0][8],
            zfin[0][9],
            "",
            zfin[0][11],
        ]
    ]
    assert "noctua-model-id=gomodel:ZFIN_ZDB-GENE-030131-514" in zfin[0][11]
    pombase = [r for r in rows if r[0].startswith("PomBase:")]
    assert len(pombase) >= 10
    assert shape_failures(gpad_as_gocam(sample(rows))) == []


def test_gpad_is_deterministic_and_assigned_by_can_be_set(packaged: str) -> None:
    again = export_gpad(assigned_by="CYTO").decode()
    _, rows = parse_gpad(again)
    assert {r[9] for r in rows} == {"CYTO"}
    assert export_gpad().decode() == packaged


def test_gpad_refuses_gocam_and_format_options() -> None:
    result = CliRunner().invoke(main, ["export", "--gpad", "--gocam"])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["export", "--assigned-by", "X"])
    assert result.exit_code == 2


def test_gpad_of_a_gocam_py_model_keeps_the_pathways_outcomes(tmp_path: Path) -> None:
    """The IL-7 model through gocam-py YAML gives the same GPAD as its Turtle, outcome lines too
    (acts upstream of a T cell process: edges gocam-py's Model carries only as fact comments)."""
    pytest.importorskip("gocam.datamodel")
    runner = CliRunner()
    model = tmp_path / "il7.yaml"
    result = runner.invoke(
        main, ["export", "--gocam", "-f", "yaml", "--pathway", "IL7", "-o", str(model)]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "il7.gpad"
    result = runner.invoke(
        main, ["export", "--gpad", "--part", "data", "-i", str(model), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    _, rows = parse_gpad(out.read_text())
    _, turtle = parse_gpad(export_gpad(pathways=["IL7"]).decode())
    assert sorted(rows) == sorted(turtle)
    assert {r[2] for r in rows} >= {"RO:0004034", "RO:0004035"}


def test_without_the_gocam_extra_gpad_says_which_extra() -> None:
    """GO's CURIEs come from gocam-py's prefix maps: without them GPAD names the extra to install."""
    from cytokine_rdf.errors import CytokineRdfError
    from cytokine_rdf.io import gocam_model

    with pytest.raises(CytokineRdfError, match="GPAD") as info:
        gocam_model._optional("prefixmaps_not_installed_here")
    assert "cytokine-rdf[gocam]" in str(info.value.hint)
