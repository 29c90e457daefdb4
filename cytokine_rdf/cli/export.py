"""``cytokine-rdf export``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import INPUT, OUTPUT, PROGRESS, format_option

__all__ = ["COMMANDS"]


@click.command()
@INPUT
@format_option(("ttl", "nt", "xml", "jsonld", "json", "yaml"), "ttl")
@click.option(
    "--part",
    type=click.Choice(("all", "ontology", "data")),
    default="all",
    show_default=True,
    help="ontology = the packaged ontology only, data = only the -i files, all = both.",
)
@click.option(
    "--inferred", is_flag=True, help="Add the class hierarchy inferred by HermiT (needs Java)."
)
@click.option(
    "--gocam",
    is_flag=True,
    help="Write GO-CAM models instead, one per pathway, shaped as Noctua writes them.",
)
@click.option(
    "--gpad",
    is_flag=True,
    help="Write GPAD 2.0 annotations of the pathways' GO-CAM models and of -i GO-CAM models"
    " (--part ontology|data for one side only; GO's CURIEs: needs the gocam extra).",
)
@click.option(
    "--cx2",
    is_flag=True,
    help="Write CX2 networks (Cytoscape, NDEx) of the pathways' and -i GO-CAM models, through"
    " gocam-py's translator (needs the cx2 extra).",
)
@click.option(
    "--gmt",
    is_flag=True,
    help="Write GMT gene sets: one per pathway, per GO process in the models and per tumour"
    " (GO's CURIEs: needs the gocam extra).",
)
@click.option(
    "--evidence",
    default="any",
    show_default=True,
    metavar="any|experimental|ECO:N",
    help="With --gmt: only edges and claims with this evidence (an ECO code or a narrower one).",
)
@click.option(
    "--ids",
    type=click.Choice(("symbol", "entrez")),
    default="symbol",
    show_default=True,
    help="With --gmt: HGNC symbols or NCBI Gene (Entrez) IDs.",
)
@click.option(
    "--assigned-by",
    metavar="GROUP",
    help="With --gpad: column 10 (default: the group that provided each model).",
)
@click.option(
    "--pathway",
    "pathways",
    multiple=True,
    metavar="NAME",
    help="With --gocam: only this pathway (label, CURIE, IRI or its cytokine; repeatable).",
)
@click.option(
    "--contributor",
    "contributors",
    multiple=True,
    metavar="ID",
    help="With --gocam: dc:contributor of the models (an ORCID; default: the ontology's creators).",
)
@OUTPUT
@PROGRESS
def export(
    inputs: tuple[str, ...],
    fmt: str,
    part: str,
    inferred: bool,
    gocam: bool,
    gpad: bool,
    cx2: bool,
    gmt: bool,
    evidence: str,
    ids: str,
    assigned_by: str | None,
    pathways: tuple[str, ...],
    contributors: tuple[str, ...],
    output: str | None,
) -> None:
    """Write the ontology (plus -i data) as deterministic Turtle, N-Triples, RDF/XML or JSON-LD.

    The same triples always give the same bytes. JSON-LD uses the documented @context of
    docs/jsonld-context.md. With --gocam, -f json|yaml writes each model as a gocam-py Model
    (GO's GO-CAM datamodel; needs the gocam extra).

    \b
    Examples:
        cytokine-rdf export -f ttl -o cytokine.ttl
        cytokine-rdf export -f jsonld --inferred -o cytokine.jsonld
        cytokine-rdf export --gocam -o gocam-models/
        cytokine-rdf export --gocam --pathway IL7 -o il7-gocam.ttl
        cytokine-rdf export --gocam -f yaml --pathway IL7 -o il7-gocam.yaml
        cytokine-rdf export --gpad -o cytokine.gpad
        cytokine-rdf export --gpad --part data -i my-gocam-model.ttl
        cytokine-rdf export --cx2 --pathway IL7 -o il7.cx2
        cytokine-rdf export --gmt --evidence experimental --ids entrez -o cytokine.gmt
    """
    from cytokine_rdf.io.output import write_output
    from cytokine_rdf.io.serialize import serialize_graph
    from cytokine_rdf.publish.export import export_gocam, export_graph

    if sum((gocam, gpad, cx2, gmt)) > 1:
        raise click.UsageError("give one of --gocam, --gpad, --cx2, --gmt")
    if (gpad or cx2 or gmt) and (inferred or fmt != "ttl"):
        raise click.UsageError("--gpad, --cx2 and --gmt have their own format: no -f or --inferred")
    if not gmt and (evidence != "any" or ids != "symbol"):
        raise click.UsageError("--evidence and --ids go with --gmt")
    if gmt:
        from cytokine_rdf.publish.export import export_gmt

        text, missing = export_gmt(inputs, part=part, pathways=pathways, evidence=evidence, ids=ids)
        if missing:
            click.echo(f"{missing} gene products have no {ids} and are left out", err=True)
        write_output(text, output)
        return
    if cx2:
        import json

        from cytokine_rdf.publish.export import export_cx2

        networks = export_cx2(inputs, part=part, pathways=pathways, contributors=contributors)
        contents = {
            stem: (json.dumps(network, indent=1, ensure_ascii=False) + "\n").encode()
            for stem, (network, _) in networks.items()
        }
        _write_many(contents, output, "cx2")
        return
    if gpad:
        from cytokine_rdf.publish.export import export_gpad

        text = export_gpad(
            inputs,
            part=part,
            pathways=pathways,
            contributors=contributors,
            assigned_by=assigned_by,
        )
        write_output(text, output)
        return
    if assigned_by:
        raise click.UsageError("--assigned-by goes with --gpad")
    if not gocam:
        if fmt in ("json", "yaml"):
            raise click.UsageError(f"-f {fmt} writes GO-CAM models: add --gocam")
        if pathways or contributors:
            raise click.UsageError("--pathway and --contributor go with --gocam")
        write_output(
            serialize_graph(export_graph(inputs, part=part, inferred=inferred), fmt), output
        )
        return
    if part != "all" or inferred:
        raise click.UsageError("--gocam writes models of the pathways: no --part or --inferred")
    if fmt in ("json", "yaml"):
        from cytokine_rdf.publish.export import export_gocam_documents

        documents = export_gocam_documents(
            inputs, fmt=fmt, pathways=pathways, contributors=contributors
        )
        for stem, (_, translation) in documents.items():
            if translation.unhandled:  # neither a Model slot nor a carried fact comment holds them
                click.echo(
                    f"{stem}: {len(translation.unhandled)} facts could not be carried in the "
                    "gocam-py Model; the Turtle model keeps them",
                    err=True,
                )
        contents = {stem: text for stem, (text, _) in documents.items()}
    else:
        models = export_gocam(inputs, pathways=pathways, contributors=contributors)
        contents = {stem: serialize_graph(graph, fmt) for stem, graph in models.items()}
    _write_many(contents, output, fmt)


def _write_many(contents: dict[str, bytes], output: str | None, ext: str) -> None:
    """One model to ``output`` (or stdout); several as ``<stem>.<ext>`` in the folder ``output``."""
    from cytokine_rdf.io.output import write_output

    if len(contents) == 1:
        write_output(next(iter(contents.values())), output)
        return
    if not contents:
        raise click.UsageError("no GO-CAM models to write: give -i models or drop --part data")
    if output is None or output == "-":
        raise click.UsageError(
            f"{len(contents)} models: give -o FOLDER for one file each, or --pathway NAME"
        )
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise click.UsageError(f"{output}: several models need a folder, and this is a file")
    suffixes = ("ttl", "nt", "xml", "jsonld", "rdf", "json", "yaml", "cx2", "cx")
    if not folder.exists() and folder.suffix.lstrip(".") in suffixes:
        # a file name would silently become a folder of that name
        raise click.UsageError(
            f"{len(contents)} models do not fit in one file ({output}): give -o FOLDER, "
            "or one --pathway NAME"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in contents.items():
        write_output(text, folder / f"{stem}.{ext}")


COMMANDS = [export]
