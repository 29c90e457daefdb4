"""The CLI contract: names, flags, streams and exit codes that users' scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from cytokine_rdf.cli import main

MINIMAL = Path(__file__).parent / "data" / "minimal.ttl"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("export", "validate", "query", "sparql", "reason"):
        assert command in result.stdout


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help"
        assert runner.invoke(main, [name, "--help"]).exit_code == 0


def test_version(runner: CliRunner) -> None:
    from cytokine_rdf import __version__

    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cytokine_rdf", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "cytokine-rdf" in done.stdout


@pytest.mark.slow
def test_export_turtle_to_stdout_parses(runner: CliRunner, ontology_graph: rdflib.Graph) -> None:
    result = runner.invoke(main, ["export", "-f", "ttl"])
    assert result.exit_code == 0, result.stderr
    exported = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(exported) == len(ontology_graph)


@pytest.mark.slow
def test_export_adds_user_data(runner: CliRunner, ontology_graph: rdflib.Graph) -> None:
    result = runner.invoke(main, ["export", "-f", "nt", "-i", str(MINIMAL)])
    assert result.exit_code == 0, result.stderr
    exported = rdflib.Graph().parse(data=result.stdout, format="nt")
    assert len(exported) == len(ontology_graph | rdflib.Graph().parse(MINIMAL))


def test_export_failure_leaves_existing_output_untouched(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_bytes(b"precious")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["export", "-i", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_bytes() == b"precious"
    assert f"{bad}:1:" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_verbose_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["-v", "export", "-i", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr


def test_sparql_json_is_w3c_results_json(runner: CliRunner) -> None:
    result = runner.invoke(
        main,
        ["sparql", "SELECT ?c WHERE { ?c a owl:Class } LIMIT 3", "-f", "json", "-i", str(MINIMAL)],
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"] == ["c"]
    assert len(doc["results"]["bindings"]) == 3
    assert all(b["c"]["type"] == "uri" for b in doc["results"]["bindings"])


def test_sparql_reads_a_query_file_and_writes_csv(runner: CliRunner, tmp_path: Path) -> None:
    query = tmp_path / "labels.rq"
    query.write_text(
        "SELECT ?l WHERE { ?c rdfs:label ?l FILTER(STRSTARTS(?l, 'test c')) }", encoding="utf-8"
    )
    result = runner.invoke(main, ["sparql", str(query), "-f", "csv", "-i", str(MINIMAL)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == b"l\r\ntest cytokine\r\n"


def test_sparql_syntax_error_gives_the_position(runner: CliRunner) -> None:
    result = runner.invoke(main, ["sparql", "SELECT ?x WHERE { ?x ?y }"])
    assert result.exit_code == 2
    assert "line 1, column" in result.stderr


def test_query_list_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "list", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    templates = json.loads(result.stdout)
    assert templates, "no packaged templates"
    for entry in templates:
        assert {"name", "summary", "parameters", "example_args"} <= set(entry)
        assert entry["summary"]
        for param in entry["parameters"]:
            assert {"name", "type", "required", "default", "description"} <= set(param)


def test_first_template_example_returns_rows(runner: CliRunner) -> None:
    first = json.loads(runner.invoke(main, ["query", "list", "-f", "json"]).stdout)[0]
    result = runner.invoke(
        main, ["query", "run", first["name"], *first["example_args"], "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"]


def test_query_run_unknown_template_suggests(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "run", "no-such-template"])
    assert result.exit_code == 2
    assert "no template called 'no-such-template'" in result.stderr


def test_param_without_equals_is_refused(runner: CliRunner) -> None:
    name = json.loads(runner.invoke(main, ["query", "list", "-f", "json"]).stdout)[0]["name"]
    result = runner.invoke(main, ["query", "run", name, "-p", "gene"])
    assert result.exit_code == 2
    assert "expected KEY=VALUE" in result.stderr


@pytest.mark.requires_java
@pytest.mark.slow
def test_reason_reports_an_unsatisfiable_class(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "unsat.ttl"
    broken.write_text(
        MINIMAL.read_text(encoding="utf-8")
        + '\nCYTO:9000006 a owl:Class ; rdfs:label "impossible" ; rdfs:subClassOf CYTO:9000001, CYTO:9000005 .\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["reason", "-i", str(broken), "-o", str(tmp_path / "h.ttl")])
    assert result.exit_code == 1
    assert "impossible <https://w3id.org/cytokine-rdf/CYTO_9000006>" in result.stderr


@pytest.mark.requires_java
@pytest.mark.slow
def test_reason_writes_the_inferred_hierarchy(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hierarchy.ttl"
    result = runner.invoke(main, ["reason", "-i", str(MINIMAL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    hierarchy = rdflib.Graph().parse(out)
    cyto = rdflib.Namespace("https://w3id.org/cytokine-rdf/CYTO_")
    assert (cyto["9000003"], rdflib.RDFS.subClassOf, cyto["9000002"]) in hierarchy


@pytest.mark.parametrize("command", [["sparql", "ASK {}"], ["query", "run", "pathways"]])
def test_a_url_given_as_store_folder_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--store", "http://localhost:7878/store"])
    assert result.exit_code == 2
    assert "is a URL" in result.output
    assert not (Path.cwd() / "http:").exists()


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from cytokine_rdf.sparql import run

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "run_sparql", interrupted)
    result = CliRunner().invoke(main, ["sparql", "ASK {}"])
    assert result.exit_code == 130
    assert "interrupted" in result.output


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["validate", "--no-qc"], ["reason"], ["export", "--inferred", "-f", "nt"]],
)
def test_long_commands_show_their_steps_with_progress(args: list[str]) -> None:
    from cytokine_rdf.io.progress import set_forced

    try:
        result = CliRunner().invoke(main, [*args, "--progress"])
    finally:
        set_forced(None)
    assert result.exit_code == 0, result.output
    assert "reasoner: hermit: done in" in result.stderr
