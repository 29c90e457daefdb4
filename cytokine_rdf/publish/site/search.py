"""The client-side search index: a ``.js`` file that assigns a global, so that search works from
``file://`` and offline (no ``fetch()``)."""

from __future__ import annotations

import json

from cytokine_rdf.publish.site.links import xref
from cytokine_rdf.publish.site.model import SiteModel
from cytokine_rdf.terms import compact

__all__ = ["search_index"]


def search_index(model: SiteModel) -> str:
    """``window.CYTOKINE_RDF_SEARCH = [[label, CURIE, page, kind, [synonyms, xrefs], deprecated], ...];``"""
    entries = []
    for iri in sorted(model.paths, key=model.sort_key):
        extra = [s for s, _kind in model.synonyms(iri)]
        extra += [xref(x)[0] for x in model.xrefs(iri)]
        entries.append(
            [
                model.label(iri),
                compact(iri),
                model.paths[iri],
                model.kind[iri],
                sorted(set(extra)),
                1 if model.deprecated(iri) else 0,
            ]
        )
    # ASCII-only JSON escapes control characters and U+2028/9; "</" cannot end a script element
    text = json.dumps(entries, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")
    return (
        "// Search index of the ontology site, written by cytokine-rdf docs.\n"
        f"window.CYTOKINE_RDF_SEARCH = {text};\n"
    )
