"""The cancer evidence layer: tumour claims, their qualifiers and the source register (ontology/sources.tsv)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS

from cytokine_rdf.cli import main
from cytokine_rdf.io.graph import ontology_files

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "ontology" / "sources.tsv"
CYTO = rdflib.Namespace("https://w3id.org/cytokine-rdf/CYTO_")
TUMOUR, TUMOUR_CLAIM, PUBLICATION = CYTO["0000021"], CYTO["0000027"], CYTO["0000025"]
SUBJECT, RELATION, OBJECT, EVIDENCE = (
    CYTO[n] for n in ("0000101", "0000102", "0000103", "0000104")
)
SPECIES, SYSTEM, QUOTE, PHASE, OUTCOME, DIRECTION = (
    CYTO[n] for n in ("0000120", "0000121", "0000126", "0000124", "0000125", "0000123")
)
TRIAL, PROGNOSIS = CYTO["0000117"], CYTO["0000116"]
PUBMED = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)$")
DOI = re.compile(r"^https://doi\.org/(10\..+)$")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def register() -> list[dict[str, str]]:
    with REGISTER.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def tumour_classes(g: rdflib.Graph) -> set[URIRef]:
    return {c for c in g.transitive_subjects(RDFS.subClassOf, TUMOUR) if isinstance(c, URIRef)}


def tumour_claims(g: rdflib.Graph) -> list[URIRef]:
    tumours = tumour_classes(g)
    return sorted(c for c, o in g.subject_objects(OBJECT) if o in tumours)


def source_key(g: rdflib.Graph, source: URIRef) -> str:
    text = str(source)
    if m := PUBMED.match(text):
        return f"PMID:{m.group(1)}"
    if m := DOI.match(text):
        return f"DOI:{m.group(1)}"
    assert (source, RDF.type, PUBLICATION) in g, text
    return "CYTO:" + text.rsplit("_", 1)[1]


def test_register_rows_are_complete_and_unique(register: list[dict[str, str]]) -> None:
    assert register
    keys = [row["source"] for row in register]
    assert len(keys) == len(set(keys))
    for field in ("pmid", "doi"):
        values = [row[field].lower() for row in register if row[field]]
        assert len(values) == len(set(values)), f"two sources share a {field}"
    for row in register:
        assert row["read_at"] and row["quotes"] and row["title"], row["source"]
        assert row["pmid"] or row["doi"] or row["source"].startswith("CYTO:"), row["source"]
        if row["pmid"]:
            assert row["pmid"].isdigit()
        if row["doi"]:
            assert row["doi"].startswith("10.")
        for quote in row["quotes"].split(" || "):
            assert 0 < len(quote) <= 300, (row["source"], quote)


def test_every_claim_source_and_quote_is_in_the_register(
    graph: rdflib.Graph, register: list[dict[str, str]]
) -> None:
    by_key: dict[str, dict[str, str]] = {}
    for row in register:
        by_key[row["source"]] = row
        if row["pmid"]:
            by_key[f"PMID:{row['pmid']}"] = row
        if row["doi"]:
            by_key[f"DOI:{row['doi']}"] = row
    for claim in tumour_claims(graph):
        rows = []
        for source in graph.objects(claim, DCTERMS.source):
            if str(source).endswith("CYTO_0002000"):  # the IL-21 seed page has no address
                continue
            key = source_key(graph, source)  # type: ignore[arg-type]
            assert key in by_key, f"{claim}: source {key} is not in ontology/sources.tsv"
            rows.append(by_key[key])
        quote = str(graph.value(claim, QUOTE))
        assert any(quote in row["quotes"].split(" || ") for row in rows), (claim, quote)


def test_counts_coverage_and_every_tumour_class_has_a_claim(graph: rdflib.Graph) -> None:
    claims = tumour_claims(graph)
    assert len(claims) >= 60
    sources = {source_key(graph, s) for c in claims for s in graph.objects(c, DCTERMS.source)}  # type: ignore[arg-type]
    pmid_doi = {graph.value(c, DCTERMS.source) for c in claims}
    assert len(pmid_doi) >= 30 and len(sources) >= 30
    per_tumour = Counter(graph.value(c, OBJECT) for c in claims)
    assert sum(1 for n in per_tumour.values() if n >= 2) >= 12
    assert tumour_classes(graph) | {TUMOUR} <= set(per_tumour), "a tumour class has no claim"


def test_every_tumour_claim_is_typed_and_qualified(graph: rdflib.Graph) -> None:
    for claim in tumour_claims(graph):
        assert (claim, RDF.type, TUMOUR_CLAIM) in graph, claim
        for prop in (SPECIES, SYSTEM, QUOTE, EVIDENCE):
            assert graph.value(claim, prop) is not None, (claim, prop)
        if graph.value(claim, RELATION) == TRIAL:
            assert graph.value(claim, PHASE) and graph.value(claim, OUTCOME), claim
        if graph.value(claim, RELATION) == PROGNOSIS:
            assert graph.value(claim, DIRECTION), claim


def test_relations_are_distinct_and_defined(graph: rdflib.Graph) -> None:
    used = {graph.value(c, RELATION) for c in tumour_claims(graph)}
    assert len(used) >= 7
    for relation in used:
        assert graph.value(relation, RDFS.label), relation


@pytest.mark.parametrize(
    "gene", ["IL7", "IL7R", "IL21", "IL21R", "JAK1", "JAK3", "STAT5B", "CRLF2"]
)
def test_tumour_associations_has_rows_for_the_core_genes(gene: str) -> None:
    result = CliRunner().invoke(
        main, ["query", "run", "tumour-associations", "-p", f"gene={gene}", "-f", "tsv"]
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) >= 2, gene


def test_tumour_associations_filters() -> None:
    def rows(*params: str) -> list[str]:
        args = ["query", "run", "tumour-associations", "-p", "gene=IL21", "-f", "tsv"]
        for p in params:
            args += ["-p", p]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return result.output.strip().splitlines()[1:]

    everything = rows()
    trials = rows("relation=clinical-trial")
    mouse = rows("species=mouse")
    animal = rows("system=animal-model")
    assert trials and mouse and animal
    assert len(trials) < len(everything) and len(mouse) < len(everything)
    assert all("tested in clinical trial for" in r for r in trials)
    assert all("Mus musculus" in r for r in mouse)
    assert all("animal model" in r for r in animal)


def test_matrix_and_claims_by_source() -> None:
    matrix = CliRunner().invoke(main, ["query", "run", "tumour-evidence-matrix", "-f", "tsv"])
    assert matrix.exit_code == 0, matrix.output
    assert any("cytokine receptor-like factor 2" in line for line in matrix.output.splitlines())
    for given in (
        "PMID:18362173",
        "18362173",
        "doi:10.1084/JEM.20072182",
        "https://doi.org/10.1084/jem.20072182",
    ):
        result = CliRunner().invoke(
            main, ["query", "run", "claims-by-source", "-p", f"source={given}", "-f", "tsv"]
        )
        assert result.exit_code == 0, result.output
        assert len(result.output.strip().splitlines()) == 4, given  # header + 3 claims (Flex 2008)


def test_lookup_shows_tumour_claims() -> None:
    result = CliRunner().invoke(main, ["lookup", "IL7R"])
    assert result.exit_code == 0, result.output
    assert (
        "tumour claim: has somatic gain-of-function mutation in T-cell acute lymphoblastic"
        in result.output
    )


@pytest.mark.parametrize("drop", ["0000126", "0000120", "0000121", "0000104"])
def test_a_tumour_claim_missing_a_qualifier_fails_validate(tmp_path: Path, drop: str) -> None:
    broken = tmp_path / "ontology"
    broken.mkdir()
    for path in ontology_files():
        text = path.read_text(encoding="utf-8")
        if path.name == "cancer.ttl":
            g = rdflib.Graph().parse(data=text, format="turtle")
            claim = CYTO["0001200"]
            g.remove((claim, CYTO[drop], None))
            text = g.serialize(format="turtle")
        (broken / path.name).write_text(text, encoding="utf-8")
    args = ["validate", "--no-reason", "-f", "json"]
    for path in sorted(broken.iterdir()):
        args += ["--ontology", str(path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "CYTO_0001200" in result.output
