"""``cytokine-rdf lookup TERM``: the entity card of any name, synonym, symbol, CURIE or accession."""

from __future__ import annotations

import json

import click

from .options import INPUT, format_option

__all__ = ["COMMANDS"]


@click.command()
@click.argument("term")
@INPUT
@format_option(("text", "json"), "text")
def lookup(term: str, inputs: tuple[str, ...], fmt: str) -> None:
    """Show the IRI, label, definition, synonyms and cross-references of TERM.

    TERM may be an IRI, a CURIE (CYTO:0000201, HGNC:6024, UniProtKB:P16871), a label, a
    synonym, a gene symbol or a UniProt accession. An ambiguous or unknown TERM is an error that
    lists the candidates.

    \b
    Example:
        cytokine-rdf lookup IL7R
        cytokine-rdf lookup P16871 -f json
    """
    from cytokine_rdf.io.graph import load
    from cytokine_rdf.sparql.engine import OxigraphEngine
    from cytokine_rdf.sparql.lookup import lookup as lookup_card
    from cytokine_rdf.sparql.lookup import render_card

    card = lookup_card(OxigraphEngine(load(inputs)), term)
    if fmt == "json":
        click.echo(json.dumps(card.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_card(card), nl=False)


COMMANDS = [lookup]
