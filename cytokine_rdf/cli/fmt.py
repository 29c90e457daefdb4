"""``cytokine-rdf fmt``: rewrite Turtle source files in canonical form (or check that they are)."""

from __future__ import annotations

import click

__all__ = ["COMMANDS"]


@click.command()
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 listing the files not in canonical form."
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.pass_context
def fmt(ctx: click.Context, check: bool, files: tuple[str, ...]) -> None:
    """Put Turtle FILES in canonical form: fixed prefixes, sorted subjects, fixed predicate order.

    Files are rewritten atomically and only when they change. Comments are not kept: say things
    with rdfs:comment.

    \b
    Examples:
        cytokine-rdf fmt ontology/*.ttl ontology/imports/*.ttl shapes/*.ttl
        cytokine-rdf fmt --check ontology/cytokine.ttl
    """
    from cytokine_rdf.publish.fmt import check_files, format_files

    if check:
        bad = [r.path for r in check_files(files) if not r.canonical]
        if bad:
            for path in bad:
                click.echo(f"not in canonical form: {path}", err=True)
            listed = " ".join(str(p) for p in bad)
            click.echo(f"fix with: cytokine-rdf fmt {listed}", err=True)
            ctx.exit(1)
        return
    for result in format_files(files):
        if result.changed:
            click.echo(f"reformatted {result.path}", err=True)


COMMANDS = [fmt]
