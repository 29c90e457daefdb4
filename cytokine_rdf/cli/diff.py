"""``cytokine-rdf diff``: what changed between two versions of an ontology file."""

from __future__ import annotations

import click

from .options import OUTPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("old")
@click.argument("new")
@format_option(("markdown", "json"), "markdown")
@OUTPUT
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, fmt: str, output: str | None) -> None:
    """Compare OLD and NEW: classes, labels, definitions, cross-references and axioms.

    Markdown reads as a pull-request comment (cut with a note past 60,000 characters).
    Exit 0 when the two are the same graph, 1 when they differ.

    \b
    Example:
        cytokine-rdf diff old/cytokine.ttl ontology/cytokine.ttl -f markdown -o diff.md
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.publish.diff import diff_files, to_json, to_markdown

    result = diff_files(old, new)
    write_output(to_markdown(result) if fmt == "markdown" else to_json(result), output)
    ctx.exit(0 if result.equal else 1)


COMMANDS = [diff]
