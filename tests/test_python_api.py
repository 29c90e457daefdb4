"""The Python API feels like Python: rows iterate with named access, and the README runs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from servers import OxigraphServer, oxigraph_server

import cytokine_rdf as cr
from cytokine_rdf.publish.push import push

__all__ = ["oxigraph_server"]

README = Path(__file__).parent.parent / "README.md"
OBSERVATIONS = Path(__file__).parent / "data" / "fastshacl" / "core.data.ttl"


def test_rows_iterate_with_named_access() -> None:
    result = cr.run_template("gene-xrefs", {"gene": "IL7R"})
    (row,) = list(result)
    assert row["uniprot"] == row.uniprot == row[result.variables.index("uniprot")]
    assert row.uniprot is not None and row.uniprot.value.endswith("P16871")
    assert dict(row).keys() == set(result.variables)
    with pytest.raises(KeyError, match="no variable"):
        row["nothing"]
    assert result.to_dicts()[0]["uniprot"] == "http://purl.uniprot.org/uniprot/P16871"
    frame = result.to_pandas()
    assert list(frame.columns) == list(result.variables) and len(frame) == 1


def test_public_names_are_listed() -> None:
    assert {"run_template", "run_sparql", "validate", "load"} <= set(dir(cr))


@pytest.mark.slow
def test_the_readme_python_example_runs_as_written(
    oxigraph_server: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (block,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    push(cr.load(), oxigraph_server.store)
    code = block.replace("http://localhost:7878/query", oxigraph_server.query)
    (tmp_path / "observations.ttl").write_bytes(OBSERVATIONS.read_bytes())
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert len(namespace["remote"]) > 0  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == ["observations.ttl"]
