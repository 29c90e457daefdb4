"""Import modules carry every imported term's ancestry to its root, rebuilt by scripts/build_imports.py."""

from __future__ import annotations

import csv
import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "data" / "imports"
OBO = "http://purl.obolibrary.org/obo/"
ROOTS = {
    "go": {OBO + "GO_0008150", OBO + "GO_0003674", OBO + "GO_0005575"},
    "cl": {OBO + "CL_0000000"},
    "eco": {OBO + "ECO_0000000"},
}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_imports", ROOT / "scripts" / "build_imports.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def go_mini(tmp_path: Path) -> Path:
    """A GO.db-shaped SQLite file holding the real release rows of tests/data/imports/go-mini.tsv."""
    path = tmp_path / "GO.sqlite"
    with sqlite3.connect(path) as db, (FIXTURES / "go-mini.tsv").open(encoding="utf-8") as fh:
        db.execute("CREATE TABLE go_term (_id INTEGER PRIMARY KEY, go_id TEXT UNIQUE, term TEXT)")
        for aspect in ("bp", "mf", "cc"):
            db.execute(
                f"CREATE TABLE go_{aspect}_parents (_id INT, _parent_id INT, relationship_type TEXT)"
            )
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute("INSERT INTO metadata VALUES ('GOSOURCEDATE', '2022-07-01')")
        db.execute("INSERT INTO go_term (go_id, term) VALUES ('all', 'all')")
        rows = list(csv.DictReader(fh, delimiter="\t"))
        for row in rows:
            if row["table"] == "go_term":
                db.execute(
                    "INSERT INTO go_term (go_id, term) VALUES (?, ?)",
                    (row["go_id"], row["term_or_parent"]),
                )
        ids = dict(db.execute("SELECT go_id, _id FROM go_term"))
        for row in rows:
            if row["table"] != "go_term":
                db.execute(
                    f"INSERT INTO {row['table']} VALUES (?, ?, 'isa')",
                    (ids[row["go_id"]], ids[row["term_or_parent"]]),
                )
    return path


def reaches_root(graph: rdflib.Graph, term: rdflib.URIRef, roots: set[str]) -> bool:
    return any(str(a) in roots for a in graph.transitive_objects(term, RDFS.subClassOf))


def test_extraction_on_release_fixtures_reaches_the_roots(
    script: ModuleType, tmp_path: Path
) -> None:
    ontology = tmp_path / "ontology"
    (ontology / "imports").mkdir(parents=True)
    (ontology / "mine.ttl").write_text(
        "@prefix GO: <http://purl.obolibrary.org/obo/GO_> .\n@prefix CL: <http://purl.obolibrary.org/obo/CL_> .\n"
        "@prefix ECO: <http://purl.obolibrary.org/obo/ECO_> .\n"
        "<https://example.org/x> <https://example.org/p> GO:0038111, GO:0004713, CL:0000623,"
        " ECO:0000269, ECO:0000305 .\n",
        encoding="utf-8",
    )
    hierarchy, date = script.go_hierarchy(go_mini(tmp_path))
    assert date == "2022-07-01"
    eco, version = script.obo_hierarchy(FIXTURES / "eco-mini.obo")
    assert version == "eco/releases/2024-07-19/eco-basic.owl"
    modules = {
        "go": script.build("GO", hierarchy, f"GO release {date}", ontology),
        "cl": script.build(
            "CL", script.cl_hierarchy(FIXTURES / "cl-mini.ofn"), "cl-edit.owl", ontology
        ),
        "eco": script.build("ECO", eco, f"ECO release {version}", ontology),
    }
    for name, text in modules.items():
        graph = rdflib.Graph().parse(data=text, format="turtle")
        terms = set(graph.subjects(RDF.type, OWL.Class))
        assert len(terms) > 3
        for term in terms:
            assert str(term) in ROOTS[name] or reaches_root(graph, term, ROOTS[name]), term  # type: ignore[arg-type]
    cl = rdflib.Graph().parse(data=modules["cl"], format="turtle")
    nk = rdflib.URIRef(OBO + "CL_0000623")
    assert rdflib.URIRef(OBO + "CL_0000542") in set(cl.transitive_objects(nk, RDFS.subClassOf))
    go = rdflib.Graph().parse(data=modules["go"], format="turtle")
    il7 = rdflib.URIRef(OBO + "GO_0038111")
    assert rdflib.URIRef(OBO + "GO_0019221") in set(go.transitive_objects(il7, RDFS.subClassOf))


def test_a_term_without_a_root_path_is_refused(script: ModuleType) -> None:
    terms = {"GO:1": {"GO:2"}, "GO:2": set(), "GO:0008150": set()}
    assert script.missing_roots(terms, {"GO:0008150"}) == ["GO:1", "GO:2"]


@pytest.mark.parametrize("name", ["go", "cl", "eco"])
def test_packaged_modules_have_full_ancestry_and_their_source(name: str) -> None:
    path = ROOT / "ontology" / "imports" / f"{name}_import.ttl"
    graph = rdflib.Graph().parse(path, format="turtle")
    header = rdflib.URIRef(f"https://w3id.org/cytokine-rdf/imports/{name}_import.owl")
    assert graph.value(header, rdflib.URIRef("http://purl.org/dc/terms/source"))
    for term in graph.subjects(RDF.type, OWL.Class):
        assert graph.value(term, RDFS.label), term
        assert str(term) in ROOTS[name] or reaches_root(graph, term, ROOTS[name]), term  # type: ignore[arg-type]
