"""The README documents every command, and its two set-up commands are the ones CI and users run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cytokine_rdf.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_appears_in_the_readme(command: str) -> None:
    assert f"cytokine-rdf {command}" in README


def test_first_screen_gives_the_two_setup_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    assert "scripts/setup && .venv/bin/cytokine-rdf query run" in first_screen
    assert "scripts/setup --test && .venv/bin/python -m pytest" in first_screen


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/setup --test" in ci
    assert ".venv/bin/python -m pytest" in ci
