"""The SHACL gate never says "conforms" for constraints it did not evaluate."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cytokine_rdf.cli import main

CUSTOM = Path(__file__).parent / "data" / "shapes" / "custom-component"


def test_a_custom_constraint_component_is_evaluated_not_ignored() -> None:
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(CUSTOM / "data.ttl"),
            "--shapes",
            str(CUSTOM / "shapes.ttl"),
            "--no-qc",
            "--no-reason",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output  # ex:a has two labels
    assert "https://example.org/a" in result.stdout
    assert "https://example.org/b" not in result.stdout
