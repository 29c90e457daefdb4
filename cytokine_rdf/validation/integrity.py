"""Checks that what a file names exists: parents, claim relations, ECO and GO terms.

A typo in an IRI is still a well-formed IRI, so shapes let it through: a class under an undeclared
``CYTO:0000033`` simply leaves the hierarchy (and the gene-product shapes that would have checked
it), a claim's relation can be a property nobody declared, an evidence code ``ECO:9999999`` matches
the ECO pattern. These checks look the names up: in the data and the ontology, and for GO, ECO, CL
and RO terms in the packaged releases (:mod:`cytokine_rdf.io.labels`). They run on the user's own
triples (all triples when the ontology itself is checked).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from cytokine_rdf.io.labels import offline_label
from cytokine_rdf.terms import compact
from cytokine_rdf.validation.results import Finding
from cytokine_rdf.vocab import CYTO, OBO, OWL, RDF, RDFS, SKOS, UNIPROT_NAMESPACES

__all__ = ["INTEGRITY_CHECKS", "integrity_findings"]

INTEGRITY_CHECKS = (
    "undeclared_parent",
    "undeclared_claim_relation",
    "unknown_term",
    "gene_product_outside_hierarchy",
)
GENE_PRODUCT = CYTO + "0000001"
CLAIM_RELATION = CYTO + "0000102"
_CLASS_KINDS = f"<{OWL}Class>, <{RDFS}Class>"
_PROPERTY_KINDS = ", ".join(
    f"<{k}>"
    for k in (
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
        RDF + "Property",
    )
)
# Releases whose every ID is known here: an ID outside them is a typo (ECO) or newer than the
# packaged release (GO, said as a warning).
_RELEASES = (("ECO", "error", "ECO release 2024-07-19"), ("GO", "warn", "GO release 2022-07-01"))


def _rows(store: ox.Store, query: str) -> list[Any]:
    return list(store.query(query))  # type: ignore[arg-type]


def integrity_findings(store: ox.Store, mine: Callable[[ox.Quad], bool]) -> list[Finding]:
    """Findings about names that do not exist, in the triples ``mine`` accepts."""
    out: list[Finding] = []
    sub = ox.NamedNode(RDFS + "subClassOf")
    for cls, parent in _rows(
        store,
        f"SELECT DISTINCT ?c ?p WHERE {{ ?c <{RDFS}subClassOf> ?p . FILTER(isIRI(?p)) "
        f"FILTER NOT EXISTS {{ ?p a ?k FILTER(?k IN ({_CLASS_KINDS})) }} }}",
    ):
        if parent.value == OWL + "Thing" or offline_label(parent.value):
            continue
        if not mine(ox.Quad(cls, sub, parent)):
            continue
        out.append(
            Finding(
                severity="error",
                check="undeclared_parent",
                focus=cls.value,
                path=RDFS + "subClassOf",
                value=parent.value,
                value_type="iri",
                message=f"The parent {compact(parent.value)} is declared nowhere (not in the data, "
                "the ontology or the GO/ECO/CL releases): the class is outside the hierarchy, and "
                "the checks of its kind (gene product, tumour) skip it.",
                fix="Correct the parent's IRI (`cytokine-rdf lookup NAME` finds it) or declare "
                "the parent as an owl:Class.",
                source="names",
            )
        )
    relation = ox.NamedNode(CLAIM_RELATION)
    for claim, prop in _rows(
        store,
        f"SELECT DISTINCT ?c ?r WHERE {{ ?c <{CLAIM_RELATION}> ?r . FILTER(isIRI(?r)) "
        f"FILTER NOT EXISTS {{ ?r a ?k FILTER(?k IN ({_PROPERTY_KINDS})) }} }}",
    ):
        if offline_label(prop.value) and prop.value.startswith(OBO + "RO_"):
            continue  # a real RO relation the import module does not declare
        if not mine(ox.Quad(claim, relation, prop)):
            continue
        out.append(
            Finding(
                severity="error",
                check="undeclared_claim_relation",
                focus=claim.value,
                path=CLAIM_RELATION,
                value=prop.value,
                value_type="iri",
                message=f"The claim relation {compact(prop.value)} is not a declared property "
                "(of the data, the ontology or RO).",
                fix="Use the IRI of an RO, BFO or CYTO property, e.g. obo:RO_0002327 (enables); "
                "`cytokine-rdf lookup NAME` finds it.",
                source="names",
            )
        )
    out += _unknown_terms(store, mine)
    out += _gene_products_outside(store, mine)
    return out


def _unknown_terms(store: ox.Store, mine: Callable[[ox.Quad], bool]) -> list[Finding]:
    out = []
    for prefix, severity, release in _RELEASES:
        namespace = f"{OBO}{prefix}_"
        rows = _rows(
            store,
            f'SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{namespace}")) '
            f"FILTER NOT EXISTS {{ ?o a ?k FILTER(?k IN ({_CLASS_KINDS})) }} }}",
        )
        seen: set[str] = set()
        for subject, predicate, term in rows:
            if term.value in seen or offline_label(term.value):
                continue
            if not mine(ox.Quad(subject, predicate, term)):
                continue
            seen.add(term.value)
            out.append(
                Finding(
                    severity=severity,
                    check="unknown_term",
                    focus=subject.value if isinstance(subject, ox.NamedNode) else str(subject),
                    path=predicate.value,
                    value=term.value,
                    value_type="iri",
                    message=f"{compact(term.value)} is not a term of the {release}"
                    + (
                        " (a typo, or a term newer than that release)."
                        if severity == "warn"
                        else "."
                    ),
                    fix=f"Check the ID on the {prefix} browser (e.g. https://www.ebi.ac.uk/ols4/) "
                    "and correct it.",
                    source="names",
                )
            )
    return out


def _gene_products_outside(store: ox.Store, mine: Callable[[ox.Quad], bool]) -> list[Finding]:
    out = []
    match = ox.NamedNode(SKOS + "exactMatch")
    uniprot = " || ".join(f'STRSTARTS(STR(?u), "{ns}")' for ns in UNIPROT_NAMESPACES)
    for cls, entry in _rows(
        store,
        f"SELECT DISTINCT ?c ?u WHERE {{ ?c a <{OWL}Class> ; <{SKOS}exactMatch> ?u . "
        f"FILTER(isIRI(?c) && ({uniprot})) "
        f"FILTER NOT EXISTS {{ ?c <{RDFS}subClassOf>+ <{GENE_PRODUCT}> }} }}",
    ):
        if not mine(ox.Quad(cls, match, entry)):
            continue
        out.append(
            Finding(
                severity="warn",
                check="gene_product_outside_hierarchy",
                focus=cls.value,
                path=SKOS + "exactMatch",
                value=entry.value,
                value_type="iri",
                message="The class matches a UniProt entry but is not under CYTO:0000001 gene "
                "product, so the gene-product checks (UniProt, NCBI Gene, HGNC links) skip it.",
                fix="Make it a subclass of a gene product class (e.g. CYTO:0000002 cytokine), or "
                "drop the UniProt match if it is not a gene product.",
                source="names",
            )
        )
    return out
