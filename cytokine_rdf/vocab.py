"""Namespaces, prefixes and file-format tables shared by every module (plain strings, no imports)."""

from __future__ import annotations

__all__ = [
    "BASE",
    "CYTO",
    "FORMAT_BY_EXTENSION",
    "OBO_XREF_PREFIXES",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "UNIPROT_NAMESPACES",
    "XREF_NAMESPACES",
    "XREF_RESOLVERS",
    "uniprot_spellings",
]

BASE = "https://w3id.org/cytokine-rdf/"
CYTO = BASE + "CYTO_"
ONTOLOGY_IRI = BASE + "cytokine.owl"
OBO = "http://purl.obolibrary.org/obo/"

# The ways UniProt entries are written as IRIs: the ontology uses the first (UniProt's RDF),
# GO-CAM models the second (as Noctua writes them).
UNIPROT_NAMESPACES = (
    "http://purl.uniprot.org/uniprot/",
    "http://identifiers.org/uniprot/",
    "https://identifiers.org/uniprot/",
    "https://www.uniprot.org/uniprot/",
    "https://rest.uniprot.org/uniprotkb/",
)


def uniprot_spellings(iri: str) -> list[str]:
    """Every IRI spelling of the UniProt entry ``iri`` names (``[iri]`` if it names none)."""
    for namespace in UNIPROT_NAMESPACES:
        if iri.startswith(namespace):
            accession = iri[len(namespace) :]
            return [ns + accession for ns in UNIPROT_NAMESPACES]
    return [iri]


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
    "dc": "http://purl.org/dc/elements/1.1/",
    "pav": "http://purl.org/pav/",
    "lego": "http://geneontology.org/lego/",
    "biolink": "https://w3id.org/biolink/vocab/",
    "UniProtKB": "http://identifiers.org/uniprot/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "schema": "https://schema.org/",
    "spex": "https://purl.expasy.org/sparql-examples/ontology#",
}

# Where people look a cross-reference up: CURIE prefix (as written in oboInOwl:hasDbXref) -> the
# address its local ID is appended to. OBO prefixes (below) resolve through the OBO PURLs instead.
XREF_RESOLVERS: dict[str, str] = {
    "UniProtKB": "https://www.uniprot.org/uniprotkb/",
    "NCBIGene": "https://www.ncbi.nlm.nih.gov/gene/",
    "HGNC": "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:",
    "Reactome": "https://reactome.org/content/detail/",
    "ComplexPortal": "https://www.ebi.ac.uk/complexportal/complex/",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/",
    "DOI": "https://doi.org/",
}
OBO_XREF_PREFIXES = (
    "BFO", "CHEBI", "CL", "DOID", "ECO", "GO", "HP", "IAO", "MONDO", "NCBITaxon", "NCIT", "PR",
    "RO", "SO", "UBERON",
)  # fmt: skip
# IRI spellings of the same records -> their CURIE prefix (so an IRI xref gets the same resolver).
XREF_NAMESPACES: dict[str, str] = {
    **dict.fromkeys(UNIPROT_NAMESPACES, "UniProtKB"),
    "https://www.ncbi.nlm.nih.gov/gene/": "NCBIGene",
    "http://identifiers.org/ncbigene/": "NCBIGene",
    "https://identifiers.org/ncbigene/": "NCBIGene",
    "http://identifiers.org/hgnc/HGNC:": "HGNC",
    "https://identifiers.org/hgnc/HGNC:": "HGNC",
    "https://reactome.org/content/detail/": "Reactome",
    "https://www.ebi.ac.uk/complexportal/complex/": "ComplexPortal",
    "https://pubmed.ncbi.nlm.nih.gov/": "PMID",
    "http://www.ncbi.nlm.nih.gov/pubmed/": "PMID",
    "https://www.ncbi.nlm.nih.gov/pubmed/": "PMID",
    "https://doi.org/": "DOI",
    "http://doi.org/": "DOI",
    "http://dx.doi.org/": "DOI",
    "https://dx.doi.org/": "DOI",
    **{OBO + p + "_": p for p in OBO_XREF_PREFIXES},
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

# W3C and OBO namespaces, and the IRIs that more than one module names (plain strings).
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OIO = "http://www.geneontology.org/formats/oboInOwl#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
SPEX = "https://purl.expasy.org/sparql-examples/ontology#"

RDF_TYPE = RDF + "type"
RDF_LANG_STRING = RDF + "langString"
RDFS_LABEL = RDFS + "label"
RDFS_COMMENT = RDFS + "comment"
OWL_THING = OWL + "Thing"
OWL_NOTHING = OWL + "Nothing"
OWL_IMPORTS = OWL + "imports"
XSD_STRING = XSD + "string"
XSD_ANY_URI = XSD + "anyURI"
DEFINITION = OBO + "IAO_0000115"

# Relations of the pathway models (BFO/RO).
PART_OF = OBO + "BFO_0000050"
HAS_PART = OBO + "BFO_0000051"
OCCURS_IN = OBO + "BFO_0000066"
ENABLED_BY = OBO + "RO_0002333"
HAS_INPUT = OBO + "RO_0002233"
DIRECTLY_POSITIVELY_REGULATES = OBO + "RO_0002629"
CAUSALLY_UPSTREAM_POSITIVE = OBO + "RO_0002304"

# GO-CAM models as GO publishes them: header, provenance, evidence.
LEGO = "http://geneontology.org/lego/"
DC = "http://purl.org/dc/elements/1.1/"
PAV_PROVIDED_BY = "http://purl.org/pav/providedBy"
IN_TAXON = "https://w3id.org/biolink/vocab/in_taxon"
LEGACY_IN_TAXON = OBO + "RO_0002162"  # in-taxon in older models
PROTEIN_COMPLEX = OBO + "GO_0032991"

SHAPES_NS = BASE + "shapes/"
