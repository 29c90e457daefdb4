"""The client-side search index: a ``.js`` file that assigns a global, so that search works from
``file://`` and offline (no ``fetch()``)."""

from __future__ import annotations

import json

import rdflib

from cytokine_rdf.publish.site.links import xref
from cytokine_rdf.publish.site.model import SiteModel
from cytokine_rdf.terms import compact
from cytokine_rdf.vocab import DCTERMS, RDFS

RDFS_SEE_ALSO = RDFS + "seeAlso"

__all__ = ["search_index"]


def search_index(model: SiteModel) -> str:
    """``window.CYTOKINE_RDF_SEARCH = [[label, CURIE, page, kind, [synonyms, xrefs], deprecated], ...];``"""
    entries = []
    for iri in sorted(model.paths, key=model.sort_key):
        extra = [s for s, _kind in model.synonyms(iri)]
        extra += [xref(x)[0] for x in model.xrefs(iri)]
        # the sources it cites, as people paste them: the address, the CURIE, a bare DOI
        for source in model.values(iri, DCTERMS + "source") + model.values(iri, RDFS_SEE_ALSO):
            if isinstance(source, rdflib.URIRef):
                shown = xref(str(source))[0]
                extra += [str(source), shown]
                if shown.startswith("DOI:"):
                    extra.append(shown.removeprefix("DOI:"))
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
