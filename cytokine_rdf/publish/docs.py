"""Static HTML site of the ontology: a home page with the ontology's metadata and class hierarchy,
one page per class, property, pathway, tumour, claim and individual, index pages, and client-side
search that works offline.

Pages are filled from small ``string.Template`` files in ``docs_templates/``; every piece of text
from the ontology is HTML-escaped, and only http(s) addresses become external links. Pathway
diagrams are inline SVG scaled to the page when Graphviz ``dot`` is installed, Mermaid text
otherwise. The pieces live in :mod:`cytokine_rdf.publish.site`. Output is deterministic and every
file is written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import rdflib

from cytokine_rdf.errors import OutputError
from cytokine_rdf.io.graph import load
from cytokine_rdf.io.output import write_output
from cytokine_rdf.publish.site.model import KINDS, SiteModel
from cytokine_rdf.publish.site.pages import PageWriter, template
from cytokine_rdf.publish.site.search import search_index

__all__ = ["render_pages", "write_docs"]


def render_pages(graph: rdflib.Graph) -> dict[str, str]:
    """Relative file name (``index.html``, ``class/CYTO_0000201.html``, ...) -> content."""
    model = SiteModel(graph)
    writer = PageWriter(model)
    pages = {"index.html": writer.home()}
    pages.update(writer.index_pages())
    for iri in sorted(model.paths):
        pages[model.paths[iri]] = writer.entity(iri)
    pages.update(writer.extra)
    pages["search-index.js"] = search_index(model)
    pages["search.js"] = template("search.js")
    pages["style.css"] = template("style.css")
    return dict(sorted(pages.items()))


def write_docs(
    out_dir: str | Path, *, inputs: Sequence[str | Path] = (), include_ontology: bool = True
) -> list[Path]:
    """Write the site into ``out_dir`` (created if missing); return the files written."""

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a folder", hint="give a folder with -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create ({exc.strerror})") from exc
    # refuse a planted link before the (long) rendering, then check every target as it is written
    for sub in sorted({kind_folder for kind_folder, _heading in KINDS.values()}):
        _refuse_link(folder / sub, folder)
    pages = render_pages(load(inputs, include_ontology=include_ontology).rdflib_graph())
    written = []
    for name, content in pages.items():
        target = folder / name
        for path in (target.parent, target):
            _refuse_link(path, folder)
        if target.parent != folder:
            try:
                target.parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise OutputError(f"{target.parent}: cannot create ({exc.strerror})") from exc
        write_output(content, target)
        written.append(target)
    return written


def _refuse_link(path: Path, folder: Path) -> None:
    """A link planted in the folder (class/ -> /etc) would carry the pages outside it."""
    if path != folder and path.is_symlink():
        raise OutputError(
            f"{path}: is a symbolic link; the site is written only inside {folder}",
            hint="remove the link, or write the site into a new folder",
        )
