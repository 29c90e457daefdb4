"""Bad inputs against every command that reads input: exit 2, one short line naming the file, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli import main

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = sorted(p for p in BAD.iterdir() if p.name != "README.md")


def _first_template_args() -> list[str]:
    listed = CliRunner().invoke(main, ["query", "list", "-f", "json"])
    templates = json.loads(listed.stdout) if listed.exit_code == 0 else []
    if not templates:
        return []
    return ["query", "run", templates[0]["name"], *templates[0]["example_args"]]


def _commands() -> dict[str, list[str]]:
    commands = {
        "export": ["export", "-i"],
        "sparql": ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-i"],
        "validate": ["validate"],
        "reason": ["reason", "-i"],
    }
    template = _first_template_args()
    if template:
        commands["query run"] = [*template, "-i"]
    return commands


COMMANDS = _commands()


def _check_refused(args: list[str], shown: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 3, result.stderr
    assert shown in lines[-1]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", CORPUS, ids=lambda p: p.name)
def test_bad_file_is_refused_cleanly(command: str, bad: Path) -> None:
    _check_refused([*COMMANDS[command], str(bad)], str(bad))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_missing_file_and_directory(command: str, tmp_path: Path) -> None:
    _check_refused([*COMMANDS[command], str(tmp_path / "missing.ttl")], "no such file")
    _check_refused([*COMMANDS[command], str(tmp_path)], "is a directory")


def test_syntax_errors_name_line_and_column() -> None:
    result = CliRunner().invoke(main, ["export", "-i", str(BAD / "malformed.ttl")])
    assert f"{BAD / 'malformed.ttl'}:3:11:" in result.stderr


def test_very_large_literal_is_handled(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text(
        f'<http://example.org/a> <http://example.org/b> "{"x" * 5_000_000}" .\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "sparql",
            "SELECT (STRLEN(?o) AS ?n) WHERE { <http://example.org/a> ?p ?o }",
            "-i",
            str(big),
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "5000000"
