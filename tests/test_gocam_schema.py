"""GO-CAM validation parses its schema once: the packaged ShExJ, and a folder of models in one call."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.io.resources import resource_dir
from cytokine_rdf.validation import gocam

MINERVA = Path(__file__).parent / "data" / "gocam" / "minerva"


@pytest.mark.slow
def test_the_packaged_shexj_is_the_compiled_shexc() -> None:
    """The shipped ShExJ is what parsing today's ShExC gives (scripts/compile_gocam_shapes.py),
    and the relaxed AnnotatedEdge copy built from it is the one parsed from the relaxed text."""
    from jsonasobj import as_json
    from pyshexc.parser_impl.generate_shexj import parse

    shipped = json.loads((resource_dir("shapes") / "gocam" / gocam.SHEXJ).read_text("utf-8"))
    assert shipped == json.loads(json.dumps(gocam.compile_schema()))
    text = (resource_dir("shapes") / "gocam" / "go-cam-shapes.shex").read_text("utf-8")
    relaxed = parse(
        text.replace(gocam._EDGE_DECLARATION, "<AnnotatedEdge> @<ProvenanceAnnotated> AND {")
    )
    assert json.loads(as_json(relaxed)) == gocam._relax(shipped["schema"])


@pytest.mark.slow
def test_a_stale_shexj_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "shapes" / "gocam"
    shutil.copytree(resource_dir("shapes") / "gocam", folder)
    shexj = json.loads((folder / gocam.SHEXJ).read_text("utf-8"))
    shexj["schema"]["shapes"] = shexj["schema"]["shapes"][:1]  # compiled from another version
    shexj["compiledFrom"] = "sha256:0"
    (folder / gocam.SHEXJ).write_text(json.dumps(shexj), "utf-8")
    monkeypatch.setattr(gocam, "resource_dir", lambda _name: tmp_path / "shapes")
    gocam._schema.cache_clear()
    try:
        assert len(gocam._schema()[0].shapes) > 1  # parsed from the ShExC itself
    finally:
        gocam._schema.cache_clear()


@pytest.mark.slow  # two GO-CAM runs through the CLI
def test_a_folder_of_models_in_one_call_parses_the_schema_once(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    picked = {
        "pass.ttl": MINERVA / "should_pass" / "test1.ttl",
        "fail.ttl": MINERVA / "should_fail" / "Test001-bad-meta-no-contributor.ttl",
    }
    for name, source in picked.items():
        shutil.copy(source, models / name)
    (models / "notes.txt").write_text("not a model", "utf-8")
    gocam._schema.cache_clear()
    runner = CliRunner()
    both = runner.invoke(main, ["validate", str(models), "--shapes", "gocam", "-f", "json"])
    assert both.exit_code == 1, both.output
    assert gocam._schema.cache_info().misses == 1
    doc = json.loads(both.stdout)
    assert doc["run"]["models"] == 2
    # each model decided on its own: the errors are the should_fail model's
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    failing = picked["fail.ttl"].read_text("utf-8")
    assert errors and all(f["focus"] in failing for f in errors)
    several = runner.invoke(
        main, ["validate", *map(str, picked.values()), "--shapes", "gocam", "-f", "json"]
    )

    def unplaced(findings: list[dict[str, object]]) -> list[dict[str, object]]:
        # the same findings, each naming the file it came from (a copy here, the original there)
        return [{k: v for k, v in f.items() if k not in ("file", "line")} for f in findings]

    assert unplaced(json.loads(several.stdout)["findings"]) == unplaced(doc["findings"])
    assert all(str(f["file"]).endswith("fail.ttl") for f in errors)
    assert gocam._schema.cache_info().misses == 1  # still: one parse for both calls


def test_a_folder_without_models_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "--shapes", "gocam"])
    assert result.exit_code == 2
    assert "no RDF files in this folder" in result.stderr and "Traceback" not in result.stderr
