"""Namespaces, prefixes and file-format tables shared by every module (plain strings, no imports)."""

from __future__ import annotations

__all__ = [
    "BASE",
    "CYTO",
    "FORMAT_BY_EXTENSION",
    "ONTOLOGY_IRI",
    "PREFIXES",
]

BASE = "https://w3id.org/cytokine-rdf/"
CYTO = BASE + "CYTO_"
ONTOLOGY_IRI = BASE + "cytokine.owl"
OBO = "http://purl.obolibrary.org/obo/"

# One fixed prefix map, in this order, for every output (Turtle, tables, JSON-LD @context).
PREFIXES: dict[str, str] = {
    "CYTO": CYTO,
    "GO": OBO + "GO_",
    "RO": OBO + "RO_",
    "BFO": OBO + "BFO_",
    "CL": OBO + "CL_",
    "MONDO": OBO + "MONDO_",
    "ECO": OBO + "ECO_",
    "IAO": OBO + "IAO_",
    "obo": OBO,
    "uniprot": "http://purl.uniprot.org/uniprot/",
    "up": "http://purl.uniprot.org/core/",
    "ncbigene": "https://www.ncbi.nlm.nih.gov/gene/",
    "pubmed": "https://pubmed.ncbi.nlm.nih.gov/",
    "reactome": "https://reactome.org/content/detail/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "schema": "https://schema.org/",
    "spex": "https://purl.expasy.org/sparql-examples/ontology#",
}

# File extension -> format name understood by graph.py (pyoxigraph RdfFormat names).
FORMAT_BY_EXTENSION: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "n-triples",
    ".ntriples": "n-triples",
    ".nq": "n-quads",
    ".nquads": "n-quads",
    ".trig": "trig",
    ".rdf": "rdf/xml",
    ".owl": "rdf/xml",
    ".xml": "rdf/xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
}
