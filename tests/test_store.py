"""The persistent ``--store DIR``: loading is skipped when the files are unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli.main import main
from cytokine_rdf.io.store import MANIFEST, open_store

DATA = Path(__file__).parent / "data" / "fastshacl" / "core.data.ttl"


@pytest.mark.slow
def test_reuse_add_reload(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    shutil.copy(DATA, data)
    store = tmp_path / "store"
    first, status = open_store(store, [data])
    size = len(first.store)
    assert status.action == "reloaded"
    del first
    again, status = open_store(store, [data])
    assert status.action == "reused" and status.loaded == ()
    assert len(again.store) == size
    del again
    extra = tmp_path / "e.nt"
    extra.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n", encoding="utf-8")
    added, status = open_store(store, [data, extra])
    assert status.action == "added" and len(status.loaded) == 1
    assert len(added.store) == size + 1
    del added
    os.utime(data, ns=(1, 1))  # a changed file forces a full reload
    reloaded, status = open_store(store, [data])
    assert status.action == "reloaded"
    assert len(reloaded.store) == size
    assert (store / MANIFEST).is_file()


@pytest.mark.slow
def test_cli_store_option(tmp_path: Path) -> None:
    args = ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-i", str(DATA), "-f", "tsv"]
    memory = CliRunner().invoke(main, args)
    on_disk = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "s")])
    again = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "s")])
    assert memory.exit_code == on_disk.exit_code == again.exit_code == 0
    assert memory.stdout == on_disk.stdout == again.stdout


@pytest.mark.slow
def test_rdflib_engine_option() -> None:
    # named classes: blank-node labels differ between engines
    query = "SELECT ?c WHERE { ?c a owl:Class FILTER(isIRI(?c)) } ORDER BY ?c LIMIT 5"
    args = ["sparql", query, "-f", "tsv"]
    assert (
        CliRunner().invoke(main, [*args, "--engine", "rdflib"]).stdout
        == CliRunner().invoke(main, args).stdout
    )


def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path: Path) -> None:
    data = tmp_path / "d.nt"
    data.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n", encoding="utf-8")
    store = tmp_path / "store"
    first, _ = open_store(store, [data], include_ontology=False)
    del first
    stat = data.stat()
    data.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/d> .\n", encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    again, status = open_store(store, [data], include_ontology=False)
    assert status.action == "reloaded"
    assert [q.object.value for q in again.store] == ["https://e.org/d"]


def test_opening_a_store_again_and_again_does_not_pile_up_logs(tmp_path: Path) -> None:
    data = tmp_path / "d.nt"
    data.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n", encoding="utf-8")
    store = tmp_path / "store"
    for _ in range(4):
        opened, _ = open_store(store, [data], include_ontology=False)
        del opened
    assert len(list(store.glob("LOG.old.*"))) <= 1
