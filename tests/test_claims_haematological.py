"""The haematological tumour claims (ontology/claims-haematological.ttl): structure, qualifiers, register.

The file is content, so these tests check its shape and its links, not its findings: every claim carries
the qualifiers a curator needs, cites a PubMed record that the source register (ontology/sources.tsv)
lists with full bibliographic fields, and names a tumour class that is defined with one MONDO equivalent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS
from test_cancer_evidence import KNOWN_GAPS  # the register's own list of fields no page showed

from cytokine_rdf.io.graph import ontology_files

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_FILE = ROOT / "ontology" / "claims-haematological.ttl"
REGISTER = ROOT / "ontology" / "sources.tsv"
CYTO = rdflib.Namespace("https://w3id.org/cytokine-rdf/CYTO_")
IAO_DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
TUMOUR_CLAIM = CYTO["0000027"]
SUBJECT, RELATION, OBJECT, EVIDENCE = (
    CYTO[n] for n in ("0000101", "0000102", "0000103", "0000104")
)
SPECIES, SYSTEM, ASSAY, DIRECTION, QUOTE = (
    CYTO[n] for n in ("0000120", "0000121", "0000122", "0000123", "0000126")
)
PUBMED = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)$")
DOI = re.compile(r"^https://doi\.org/(10\..+)$")
MONDO = re.compile(r"^http://purl\.obolibrary\.org/obo/MONDO_\d{7}$")
ECO = re.compile(r"^http://purl\.obolibrary\.org/obo/ECO_\d{7}$")
TAXON = re.compile(r"^http://purl\.obolibrary\.org/obo/NCBITaxon_\d+$")
# Pasted citation markers: "mutation3-5", "cells [12]", "disease.1,2"
REFERENCE_NUMERAL = re.compile(
    r"[a-z\)][0-9]+(?:[-\u2013,][0-9]+)+\b|\[[0-9,\-\u2013 ]+\]|[a-z]\.[0-9]+(?:,[0-9]+)*\s"
)

# Identifier ranges of this file (docs/evidence-search-haematological.md); relations, systems and
# direction values come from the shared vocabulary of ontology/cancer.ttl and ontology/cytokine.ttl.
CLAIM_IDS = range(1400, 1700)
TUMOUR_IDS = range(520, 550)
RELATIONS = {CYTO[f"{n:07d}"] for n in (110, 111, 112, 113, 114, 115, 116, 130, 131, 132, 133, 134)}
SYSTEMS = {CYTO[f"{n:07d}"] for n in range(2100, 2107)}
DIRECTIONS = {CYTO[f"{n:07d}"] for n in range(2110, 2120)}


def _source_key(source: rdflib.term.Node | None) -> str | None:
    """The register key of a claim's source: the PMID of a PubMed IRI, or doi:<DOI> of a DOI IRI."""
    if (m := PUBMED.match(str(source or ""))) is not None:
        return m.group(1)
    if (m := DOI.match(str(source or ""))) is not None:
        return f"doi:{m.group(1).lower()}"
    return None


def _number(iri: URIRef) -> int:
    return int(str(iri).rsplit("_", 1)[1])


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(CLAIMS_FILE, format="turtle")
    return g


@pytest.fixture(scope="module")
def claims(graph: rdflib.Graph) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, TUMOUR_CLAIM) if isinstance(s, URIRef))


@pytest.fixture(scope="module")
def register() -> dict[str, dict[str, str]]:
    with REGISTER.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    # A paper is found by its PMID or, where no page read printed the PMID, by its DOI.
    index = {f"doi:{row['doi'].lower()}": row for row in rows if row["doi"]}
    index.update({row["pmid"]: row for row in rows if row["pmid"]})
    return index


def test_file_has_the_minimum_coverage(graph: rdflib.Graph, claims: list[URIRef]) -> None:
    sources = {graph.value(c, DCTERMS.source) for c in claims}
    tumours = {graph.value(c, OBJECT) for c in claims}
    genes = {graph.value(c, SUBJECT) for c in claims}
    assert len(claims) >= 25
    assert len(sources) >= 10
    assert len(tumours) >= 8
    assert len(genes) >= 8


def test_claims_use_this_files_identifier_range(claims: list[URIRef]) -> None:
    outside = [str(c) for c in claims if _number(c) not in CLAIM_IDS]
    assert not outside


def test_every_claim_carries_its_qualifiers(graph: rdflib.Graph, claims: list[URIRef]) -> None:
    problems = []
    for claim in claims:

        def one(prop: URIRef, claim: URIRef = claim) -> rdflib.term.Node | None:
            values = list(graph.objects(claim, prop))
            return values[0] if len(values) == 1 else None

        checks = {
            "label": one(RDFS.label) is not None,
            "source": _source_key(one(DCTERMS.source)) is not None,
            "subject": one(SUBJECT) is not None,
            "relation": one(RELATION) in RELATIONS,
            "object": one(OBJECT) is not None,
            "evidence": ECO.match(str(one(EVIDENCE) or "")) is not None,
            # an NCBITaxon, or "species not stated" when the source does not say (docs/evidence.md)
            "species": TAXON.match(str(one(SPECIES) or "")) is not None
            or one(SPECIES) == CYTO["0002109"],
            "system": one(SYSTEM) in SYSTEMS,
            "assay": bool(str(one(ASSAY) or "").strip()),
            "direction": one(DIRECTION) in DIRECTIONS,
            "quote": 20 <= len(str(one(QUOTE) or "")) <= 300,
        }
        problems += [f"{claim} {name}" for name, ok in checks.items() if not ok]
    assert not problems


def test_quotes_keep_no_reference_numerals(graph: rdflib.Graph, claims: list[URIRef]) -> None:
    pasted = [
        str(graph.value(c, QUOTE))
        for c in claims
        if REFERENCE_NUMERAL.search(str(graph.value(c, QUOTE)))
    ]
    assert not pasted


def test_labels_are_unique(graph: rdflib.Graph, claims: list[URIRef]) -> None:
    labels = [str(graph.value(c, RDFS.label)) for c in claims]
    assert len(labels) == len(set(labels))


def _quotes_by_pmid(graph: rdflib.Graph, claims: list[URIRef]) -> dict[str, set[str]]:
    by_pmid: dict[str, set[str]] = {}
    for claim in claims:
        key = _source_key(graph.value(claim, DCTERMS.source))
        assert key is not None, claim
        by_pmid.setdefault(key, set()).add(str(graph.value(claim, QUOTE)))
    return by_pmid


def test_every_source_is_in_the_register_with_full_fields(
    graph: rdflib.Graph, claims: list[URIRef], register: dict[str, dict[str, str]]
) -> None:
    by_pmid = _quotes_by_pmid(graph, claims)
    missing = sorted(by_pmid.keys() - register.keys())
    assert not missing, f"add rows PMID:n (or DOI:d) to {REGISTER.name}: {missing}"
    # Full bibliographic fields of every row are the register's own test (tests/test_cancer_evidence.py);
    # here: the fields a reader needs to find what was read.
    # A field the register lists as a known gap (tests/test_cancer_evidence.py KNOWN_GAPS, e.g. a
    # paper read only on an aggregator copy) is excused here too; its claims carry "unverified".
    fields = ("title", "journal", "read_at")
    incomplete = [
        (pmid, f)
        for pmid in by_pmid
        for f in fields
        if not register[pmid][f].strip()
        and f not in KNOWN_GAPS.get(register[pmid]["source"], set())
    ]
    assert not incomplete


def test_register_rows_of_this_file_are_citable(
    graph: rdflib.Graph, claims: list[URIRef], register: dict[str, dict[str, str]]
) -> None:
    # The rows this file cites give where they were read as web addresses only (no notes, no
    # "to confirm"), a known kind, a four-digit year and a first author; notes go to the search log.
    problems = []
    for key in _quotes_by_pmid(graph, claims):
        row = register[key]
        addresses = row["read_at"].split(" | ")
        if not row["read_at"] and "read_at" in KNOWN_GAPS.get(row["source"], set()):
            addresses = []
        if not all(re.fullmatch(r"https?://\S+", a) for a in addresses):
            problems.append((key, "read_at"))
        if row["kind"] not in {"research", "clinical trial", "review"}:
            problems.append((key, "kind"))
        # a year or first author no page read showed is a register gap (KNOWN_GAPS), excused here too
        gaps = KNOWN_GAPS.get(row["source"], set())
        year_ok = re.fullmatch(r"(19|20)\d\d", row["year"]) or (not row["year"] and "year" in gaps)
        author_ok = row["first_author"].strip() or "first_author" in gaps
        if not year_ok or not author_ok:
            problems.append((key, "year/first_author"))
        if any(
            re.search(r"to confirm|not shown|not printed", v, re.IGNORECASE) for v in row.values()
        ):
            problems.append((key, "unconfirmed note"))
    assert not problems


def test_register_rows_quote_their_claims(
    graph: rdflib.Graph, claims: list[URIRef], register: dict[str, dict[str, str]]
) -> None:
    # Rows this file added (keyed PMID:n and listing at least one of its quotes) list every quote it uses.
    by_pmid = _quotes_by_pmid(graph, claims)
    missing = []
    for pmid, quotes in by_pmid.items():
        listed = set(register[pmid]["quotes"].split(" || "))
        if listed & quotes:
            missing += [(pmid, q) for q in quotes - listed]
    assert not missing


def test_tumour_classes_have_one_mondo_equivalent(graph: rdflib.Graph) -> None:
    defined = [
        s
        for s in graph.subjects(RDF.type, OWL.Class)
        if isinstance(s, URIRef) and str(s).startswith(str(CYTO)) and _number(s) in TUMOUR_IDS
    ]
    assert len(defined) >= 10
    # CLL and MCL (defined here for issue #26's review) are used by claims of cancer.ttl; the MONDO
    # classes are declared in imports/mondo_import.ttl, where test_ontology requires them.
    everything = rdflib.Graph()
    for path in ontology_files():
        everything.parse(path, format="turtle")
    used = {everything.value(c, OBJECT) for c in everything.subjects(RDF.type, TUMOUR_CLAIM)}
    assert not set(defined) - used, "every tumour class defined here has a claim"
    problems = []
    for cls in defined:
        equivalents = [str(o) for o in graph.objects(cls, OWL.equivalentClass)]
        parents = [o for o in graph.objects(cls, RDFS.subClassOf) if str(o).startswith(str(CYTO))]
        if len(equivalents) != 1 or not MONDO.match(equivalents[0]):
            problems.append(f"{cls} MONDO equivalent")
        if (URIRef(equivalents[0]) if equivalents else None, RDF.type, OWL.Class) not in everything:
            problems.append(f"{cls} MONDO class not declared")
        if (
            len(list(graph.objects(cls, RDFS.label))) != 1
            or graph.value(cls, IAO_DEFINITION) is None
        ):
            problems.append(f"{cls} label/definition")
        if not parents:
            problems.append(f"{cls} parent")
    assert not problems


def test_claims_point_at_defined_or_existing_tumours(
    graph: rdflib.Graph, claims: list[URIRef]
) -> None:
    # A claim's tumour is either one of this file's classes or one of the existing tumour classes.
    own = {s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)}
    existing = {CYTO["0000023"]} | {CYTO[f"{n:07d}"] for n in range(500, 516)}
    strays = [str(c) for c in claims if graph.value(c, OBJECT) not in own | existing]
    assert not strays
