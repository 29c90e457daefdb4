"""Canonical Turtle: isomorphic, idempotent, byte-stable; every tracked source file is canonical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from cytokine_rdf.cli import main
from cytokine_rdf.publish.fmt import check_files, format_file

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = [
    TESTS / "data" / "diagram" / "pathways.ttl",
    TESTS / "data" / "export" / "data.ttl",
    TESTS / "data" / "minimal.ttl",
]
TRICKY = """
@prefix ex: <https://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a a owl:Class ; ex:list ( ex:x [ ex:p 1 ] "z"@en ) ; ex:shared _:s ; ex:also _:s ;
    owl:equivalentClass [ a owl:Class ; owl:unionOf ( ex:b ex:c ) ] .
_:s ex:q "tab\\there", "quote \\" and \\\\ backslash", 1.5, true, "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
_:c1 ex:next _:c2 . _:c2 ex:next _:c1 .
[] ex:free "standalone" .
<relative> rdfs:label "relative" .
"""


def _canonical(path: Path) -> str:
    return format_file(path)[1]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_isomorphic_and_idempotent(tmp_path: Path, path: Path) -> None:
    """fmt keeps the triples and fmt of fmt gives the same bytes."""
    first = _canonical(path)
    original = rdflib.Graph().parse(path, format="turtle")
    assert isomorphic(original, rdflib.Graph().parse(data=first, format="turtle"))
    again = tmp_path / path.name
    again.write_text(first, encoding="utf-8")
    assert _canonical(again) == first


def test_tricky_graph(tmp_path: Path) -> None:
    """Lists, shared blank nodes, cycles, escapes, bare literals and relative IRIs survive."""
    source = tmp_path / "tricky.ttl"
    source.write_text(TRICKY, encoding="utf-8")
    first = _canonical(source)
    assert "( " in first and "<relative>" in first
    assert isomorphic(
        rdflib.Graph().parse(source, format="turtle"),
        rdflib.Graph().parse(data=first, format="turtle", publicID=source.resolve().as_uri()),
    )
    source.write_text(first, encoding="utf-8")
    assert _canonical(source) == first


_RDF = "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix e: <http://e/> .\n"
ODD_LISTS = {  # cells that do not make a list (written as blank nodes) and lists inside lists
    "cycle": "e:s e:p _:a . _:a rdf:first 1 ; rdf:rest _:b . _:b rdf:first 2 ; rdf:rest _:a .",
    "extra-predicate": "e:s e:p _:a . _:a rdf:first 1 ; rdf:rest _:b . "
    "_:b rdf:first 2 ; e:x 3 ; rdf:rest _:c . _:c rdf:first 3 ; rdf:rest rdf:nil .",
    "shared-tail": "e:s e:p _:a . e:t e:p _:b . _:a rdf:first 1 ; rdf:rest _:b . "
    "_:b rdf:first 2 ; rdf:rest _:c . _:c rdf:first 3 ; rdf:rest rdf:nil .",
    "two-firsts": "e:s e:p _:a . _:a rdf:first 1, 2 ; rdf:rest rdf:nil .",
    "iri-end": "e:s e:p _:a . _:a rdf:first 1 ; rdf:rest _:b . _:b rdf:first 2 ; rdf:rest e:x .",
    "nested": "e:s e:p ( 1 ( 2 3 ) ( ) [ e:q ( 4 ) ] ) .",
}


@pytest.mark.parametrize("name", sorted(ODD_LISTS))
def test_odd_lists_keep_their_triples(tmp_path: Path, name: str) -> None:
    source = tmp_path / f"{name}.ttl"
    source.write_text(_RDF + ODD_LISTS[name], encoding="utf-8")
    first = _canonical(source)  # format_file itself refuses output that is not isomorphic
    assert ("( " in first) == (name in ("extra-predicate", "nested", "shared-tail")), first
    source.write_text(first, encoding="utf-8")
    assert _canonical(source) == first


def test_a_long_list_is_written_in_linear_time(tmp_path: Path) -> None:
    """A 5,000-item list (finding lists from every cell took 6 s at 1,000 items, 150 s here)."""
    import time

    source = tmp_path / "long.ttl"
    source.write_text(_RDF + "e:s e:p ( " + "1 " * 5000 + ") .", encoding="utf-8")
    started = time.process_time()
    assert _canonical(source).count(" 1") >= 5000
    assert time.process_time() - started < 10


@pytest.mark.slow
def test_byte_stable_across_hash_seeds() -> None:
    """Different PYTHONHASHSEED values give the same canonical bytes."""
    code = f"import sys; from cytokine_rdf.publish.fmt import format_file; sys.stdout.write(format_file({str(FIXTURES[0])!r})[1])"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("0", "7", "99")
    }
    assert len(outputs) == 1


def test_layout() -> None:
    """Header first, then properties before classes before individuals; label before definition."""
    text = _canonical(FIXTURES[0])
    assert (
        text.index("a owl:Ontology")
        < text.index("# Properties")
        < text.index("# Classes")
        < text.index("# Individuals")
    )
    block = text[text.index("CYTO:0000201 a owl:Class") :]
    assert block.index("rdfs:label") < block.index("IAO:0000115") < block.index("rdfs:subClassOf")


def test_cli_check_and_rewrite(tmp_path: Path) -> None:
    """--check exits 1 naming the file and the fix; fmt rewrites; --check then passes."""
    target = tmp_path / "x.ttl"
    target.write_text(FIXTURES[1].read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["fmt", "--check", str(target)])
    assert result.exit_code == 1
    assert str(target) in result.stderr and f"cytokine-rdf fmt {target}" in result.stderr
    assert runner.invoke(main, ["fmt", str(target)]).exit_code == 0
    assert runner.invoke(main, ["fmt", "--check", str(target)]).exit_code == 0


def test_cli_bad_file_is_exit_2(tmp_path: Path) -> None:
    """A file that is not Turtle is a one-line error (exit 2), and is left untouched."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(bad)])
    assert result.exit_code == 2
    assert bad.read_text(encoding="utf-8") == "this is not turtle"


@pytest.mark.slow
def test_tracked_sources_are_canonical() -> None:
    """Every ontology/**/*.ttl and shapes/*.ttl file is in canonical form."""
    files = sorted((ROOT / "ontology").rglob("*.ttl")) + sorted((ROOT / "shapes").glob("*.ttl"))
    if not files:
        pytest.skip("no source files")
    bad = [str(r.path.relative_to(ROOT)) for r in check_files(files) if not r.canonical]
    assert not bad, f"not in canonical form; run: cytokine-rdf fmt {' '.join(bad)}"
