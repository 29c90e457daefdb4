"""Tables that fit a terminal, escape what would break them, and stay whole when piped."""

from __future__ import annotations

from click.testing import CliRunner

from cytokine_rdf.cli import main
from cytokine_rdf.sparql.results import SelectResult
from cytokine_rdf.sparql.writers import render
from cytokine_rdf.terms import Term


def _result() -> SelectResult:
    long = Term.literal("interleukin-7 receptor subunit alpha, " * 5)
    return SelectResult(
        ("gene", "label", "note"),
        (
            (
                Term.iri("https://w3id.org/cytokine-rdf/CYTO_0000201"),
                long,
                Term.literal("a\nb\x1b[31m"),
            ),
            (None, Term.literal("short"), Term.literal("\u202eevil")),
        ),
    )


def test_a_table_fits_the_width_with_ellipses() -> None:
    text = render(_result(), "table", width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "…" in text


def test_control_characters_never_break_a_row() -> None:
    text = render(_result(), "table")
    assert len(text.splitlines()) == 4  # header, rule, two rows
    assert "\x1b" not in text and "\u202e" not in text
    assert "a\\nb\\x1b[31m" in text and "\\u202eevil" in text


def test_without_a_width_every_cell_is_whole() -> None:
    assert ("interleukin-7 receptor subunit alpha, " * 5).strip() in render(_result(), "table")


def test_piped_output_is_whole_and_a_construct_defaults_to_turtle() -> None:
    runner = CliRunner()
    piped = runner.invoke(main, ["query", "run", "gene-xrefs", "-p", "gene=IL7R"])
    assert piped.exit_code == 0 and "…" not in piped.stdout
    graph = runner.invoke(main, ["sparql", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 1"])
    assert graph.exit_code == 0, graph.output
    assert graph.stdout.startswith("@prefix")
