"""Content tests for the packaged ontology (ontology/*.ttl, ontology/imports/*.ttl).

They check the contract written in ontology/README.md: IRI policy, modelling patterns, the
"every restriction has a claim" rule, and that every external identifier comes from the verified
identifier table (a copy of the rows used is kept in tests/data/identifiers.tsv).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from cytokine_rdf.io.graph import ontology_files

BASE = "https://w3id.org/cytokine-rdf/"
CYTO = rdflib.Namespace(BASE + "CYTO_")
OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")
OIO = rdflib.Namespace("http://www.geneontology.org/formats/oboInOwl#")
ONTOLOGY_IRI = URIRef(BASE + "cytokine.owl")
IMPORT_MODULES = ("go", "ro", "bfo", "cl", "mondo", "eco", "iao", "ncbitaxon")

DEFINITION = OBO.IAO_0000115
CLAIM = CYTO["0000024"]
CLAIM_SUBJECT, CLAIM_RELATION, CLAIM_OBJECT = CYTO["0000101"], CYTO["0000102"], CYTO["0000103"]
HAS_EVIDENCE, STEP_ORDER, CURATION_STATUS = CYTO["0000104"], CYTO["0000105"], CYTO["0000106"]
GENE_PRODUCT, RECEPTOR_COMPLEX, PATHWAY, STEP = (
    CYTO["0000001"],
    CYTO["0000004"],
    CYTO["0000011"],
    CYTO["0000012"],
)
OUTCOME = CYTO["0000019"]  # cellular outcome: downstream of a pathway, not part of it
TUMOUR, SOLID_TUMOUR, HAEM_CANCER, PUBLICATION = (
    CYTO["0000021"],
    CYTO["0000022"],
    CYTO["0000023"],
    CYTO["0000025"],
)
PART_OF, ENABLED_BY, OCCURS_IN, HAS_PART = (
    OBO.BFO_0000050,
    OBO.RO_0002333,
    OBO.BFO_0000066,
    OBO.BFO_0000051,
)
CAUSAL = {
    OBO.RO_0002629,
    OBO.RO_0002304,
    OBO.RO_0002305,
    OBO.RO_0002411,
    OBO.RO_0002413,
    OBO.RO_0002630,
}
NEGATIVE = OBO.RO_0002212  # negatively regulates (a pathway's negative regulation)

# own classes with no local parent: tops of the upper structure and of the data vocabulary
# (data-model.ttl, CYTO_0000090-0000099)
ROOTS = {
    CYTO[n]
    for n in (
        "0000001",
        "0000019",
        "0000026",
        "0000030",
        "0000004",
        "0000011",
        "0000012",
        "0000020",
        "0000021",
        "0000024",
        "0000025",
        "0000090",
        "0000093",
        "0000800",
        "0000600",  # an enzyme complex (class IA PI3K): a GO complex, not a receptor complex
        "0000620",  # a pathway's negative regulation: a GO process that regulates a pathway
    )
}
# properties of the data vocabulary (data-model.ttl) may leave domain or range open
DATA_VOCABULARY_PROPERTIES = range(190, 200)

GENE_SYMBOLS = {
    "IL7",
    "SOCS1",
    "IL7R",
    "IL2RG",
    "IL21",
    "IL21R",
    "JAK1",
    "JAK3",
    "STAT1",
    "STAT3",
    "STAT5A",
    "STAT5B",
    "PIK3CA",
    "PIK3R1",
    "AKT1",
    "BCL2",
    "MCL1",
    "IL2",
    "IL15",
    "TSLP",
    "CRLF2",
    "STAT4",
    "CISH",
    "PDPK1",
    "BCL2L11",
    "PRDM1",
    "JAK2",
    "IL15RA",
    "IL2RB",
}
# GO terms that are obsolete or whose current status the identifier table doubts
FORBIDDEN_GO = {"GO_0014065", "GO_0001531", "GO_1905540"}

OBO_ID = re.compile(
    r"^http://purl\.obolibrary\.org/obo/(?:(GO|RO|BFO|CL|MONDO|ECO|IAO)_(\d{7})|(NCBITaxon)_(\d+))$"
)
# publications are verified by the source register (the address where each was read)
REGISTER = Path(__file__).resolve().parent.parent / "ontology" / "sources.tsv"
UNIPROT_ACC = r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})"
UNIPROT_IRI = re.compile(rf"^http://purl\.uniprot\.org/uniprot/({UNIPROT_ACC})$")
PUBMED_IRI = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)$")
REACTOME_IRI = re.compile(r"^https://reactome\.org/content/detail/(R-HSA-\d+)$")
DOI_IRI = re.compile(r"^https://doi\.org/(10\.\d{4,9}/\S+)$")
OWN_IRI = re.compile(r"^https://w3id\.org/cytokine-rdf/CYTO_(\d{7})$")
XREF = {
    "UniProtKB": re.compile(rf"^UniProtKB:{UNIPROT_ACC}$"),
    "NCBIGene": re.compile(r"^NCBIGene:\d+$"),
    "HGNC": re.compile(r"^HGNC:\d+$"),
    "MONDO": re.compile(r"^MONDO:\d{7}$"),
    "DOID": re.compile(r"^DOID:\d+$"),
    "NCIT": re.compile(r"^NCIT:C\d+$"),
    "Reactome": re.compile(r"^Reactome:R-HSA-\d+$"),
    "ComplexPortal": re.compile(r"^ComplexPortal:CPX-\d+$"),
}
ID_RANGES = {
    "upper": (1, 99),
    "property": (100, 199),
    "gene": (200, 299),
    "complex": (300, 349),
    "pathway": (350, 399),
    "step": (400, 499),
    "new step": (600, 799),  # pathway classes added in 0.3 (CONTENT-PLAN ranges of 25a, 25b)
    "tumour": (500, 599),
    "claim": (1000, 1999),
    "pathway claim": (3000, 3999),
    "publication": (2000, 2099),
    "qualifier value": (2100, 2199),
}

DATA = Path(__file__).parent / "data"


# ------------------------------------------------------------------------------------------------
# helpers


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, str]]:
    """The verified identifier rows used by the ontology, keyed by id (first row wins)."""
    rows: dict[str, dict[str, str]] = {}
    with (DATA / "identifiers.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows.setdefault(row["id"], row)
    return rows


@pytest.fixture(scope="module")
def own_graph() -> rdflib.Graph:
    """The ontology's own files without the import modules: the terms the ontology itself uses.

    Import modules also carry the ancestors of those terms, verified against the release files
    they were extracted from (tests/test_imports.py), not against the identifier table.
    """
    graph = rdflib.Graph()
    for path in ontology_files():
        if path.parent.name != "imports":
            graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def import_graphs() -> dict[str, rdflib.Graph]:
    """Each import module parsed on its own, keyed by prefix."""
    graphs = {}
    for path in ontology_files():
        if path.parent.name == "imports":
            graphs[path.stem.removesuffix("_import")] = rdflib.Graph().parse(path, format="turtle")
    return graphs


def curie(iri: URIRef) -> str:
    match = OBO_ID.match(str(iri))
    assert match, iri
    prefix, number = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    return f"{prefix}:{number}"


def is_own(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(CYTO))


def own_classes(g: rdflib.Graph) -> set[URIRef]:
    return {c for c in g.subjects(RDF.type, OWL.Class) if is_own(c)}


def descendants(g: rdflib.Graph, root: URIRef) -> set[URIRef]:
    """Named subclasses of ``root`` (asserted, transitive), excluding root."""
    found: set[URIRef] = set()
    todo = [root]
    while todo:
        for sub in g.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def restrictions(g: rdflib.Graph, cls: URIRef) -> list[tuple[URIRef, URIRef]]:
    """(property, filler) of every existential restriction that ``cls`` is a subclass of."""
    out = []
    for sup in g.objects(cls, RDFS.subClassOf):
        if isinstance(sup, BNode) and (sup, RDF.type, OWL.Restriction) in g:
            prop = g.value(sup, OWL.onProperty)
            filler = g.value(sup, OWL.someValuesFrom)
            assert prop is not None and filler is not None, f"incomplete restriction on {cls}"
            out.append((prop, filler))
    return out


def claims(g: rdflib.Graph) -> set[URIRef]:
    return set(g.subjects(RDF.type, CLAIM))


def claim_triples(g: rdflib.Graph) -> set[tuple[object, object, object]]:
    return {
        (g.value(c, CLAIM_SUBJECT), g.value(c, CLAIM_RELATION), g.value(c, CLAIM_OBJECT))
        for c in claims(g)
    }


def unverified_xrefs(g: rdflib.Graph) -> set[tuple[object, str]]:
    """(class, xref) pairs carrying an axiom annotation curation status "unverified"."""
    out = set()
    for axiom in g.subjects(RDF.type, OWL.Axiom):
        if (
            g.value(axiom, OWL.annotatedProperty) == OIO.hasDbXref
            and str(g.value(axiom, CURATION_STATUS)) == "unverified"
        ):
            out.add((g.value(axiom, OWL.annotatedSource), str(g.value(axiom, OWL.annotatedTarget))))
    return out


def symbol_of(g: rdflib.Graph, cls: URIRef) -> str | None:
    synonyms = {str(s) for s in g.objects(cls, OIO.hasExactSynonym)}
    found = synonyms & GENE_SYMBOLS
    return found.pop() if len(found) == 1 else None


def verified(row: dict[str, str]) -> bool:
    return row["status"].startswith("VERIFIED")


# ------------------------------------------------------------------------------------------------
# header, files, IRIs


def test_ontology_parses_and_has_content(ontology_graph: rdflib.Graph) -> None:
    assert len(ontology_graph) > 1000
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology_graph


def test_header(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(BASE + "releases/0.1.0/cytokine.owl")
    assert str(g.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert str(g.value(ONTOLOGY_IRI, DCTERMS.creator)) == "cytokine-rdf developers"
    assert g.value(ONTOLOGY_IRI, DCTERMS.title) and g.value(ONTOLOGY_IRI, DCTERMS.description)
    sources = set(g.objects(ONTOLOGY_IRI, DCTERMS.source))
    assert URIRef("https://doi.org/10.14670/HH-18.911") in sources
    assert URIRef("https://pubmed.ncbi.nlm.nih.gov/12792903") in sources
    local = [s for s in sources if is_own(s)]
    assert len(local) == 1, "the IL-21 seed text is a local publication individual"
    assert (local[0], RDF.type, PUBLICATION) in g and g.value(local[0], RDFS.label)


def test_imports_are_declared_and_catalogued(ontology_graph: rdflib.Graph) -> None:
    expected = {URIRef(f"{BASE}imports/{m}_import.owl") for m in IMPORT_MODULES}
    assert set(ontology_graph.objects(ONTOLOGY_IRI, OWL.imports)) == expected
    for module in expected:
        assert (module, RDF.type, OWL.Ontology) in ontology_graph
    edit_file = next(p for p in ontology_files() if p.name == "cytokine.ttl")
    catalog = edit_file.parent / "catalog-v001.xml"
    mapping = {
        el.get("name"): el.get("uri")
        for el in ET.parse(catalog).getroot().iter()
        if el.tag.endswith("uri")
    }
    for module in IMPORT_MODULES:
        target = mapping[f"{BASE}imports/{module}_import.owl"]
        assert target == f"imports/{module}_import.ttl"
        assert (edit_file.parent / target).is_file()


def test_own_iris_are_numbered_in_their_ranges(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    nodes = {n for t in g for n in t if isinstance(n, URIRef) and str(n).startswith(BASE)}
    nodes -= {ONTOLOGY_IRI} | {URIRef(f"{BASE}imports/{m}_import.owl") for m in IMPORT_MODULES}
    nodes.discard(URIRef(BASE + "releases/0.1.0/cytokine.owl"))

    def number(iri: URIRef) -> int:
        match = OWN_IRI.match(str(iri))
        assert match, f"own IRI not of the form CYTO_NNNNNNN: {iri}"
        return int(match.group(1))

    def in_range(iri: URIRef, *kinds: str) -> bool:
        return any(ID_RANGES[k][0] <= number(iri) <= ID_RANGES[k][1] for k in kinds)

    for iri in nodes:
        number(iri)
    for c in claims(g):
        assert in_range(c, "claim", "pathway claim"), c
    for kind in (OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in filter(is_own, g.subjects(RDF.type, kind)):
            assert in_range(p, "property"), p
    for pub in g.subjects(RDF.type, PUBLICATION):
        if is_own(pub):
            assert in_range(pub, "publication"), pub
    for cls in descendants(g, GENE_PRODUCT) & own_classes(g):
        assert in_range(cls, "upper", "gene"), cls
    for cls in descendants(g, STEP):
        assert in_range(cls, "upper", "step", "new step"), cls


def test_no_punning_between_classes_individuals_and_properties(
    ontology_graph: rdflib.Graph,
) -> None:
    g = ontology_graph
    classes = set(g.subjects(RDF.type, OWL.Class))
    individuals = set(g.subjects(RDF.type, OWL.NamedIndividual))
    object_props = set(g.subjects(RDF.type, OWL.ObjectProperty))
    annotation_props = set(g.subjects(RDF.type, OWL.AnnotationProperty))
    assert not classes & individuals
    assert not object_props & annotation_props
    assert not (object_props | annotation_props) & (classes | individuals)
    for prop in (
        CLAIM_SUBJECT,
        CLAIM_RELATION,
        CLAIM_OBJECT,
        HAS_EVIDENCE,
        STEP_ORDER,
        CURATION_STATUS,
    ):
        assert prop in annotation_props, prop


def test_every_own_class_has_one_label_one_definition_and_a_local_parent(
    ontology_graph: rdflib.Graph,
) -> None:
    g = ontology_graph
    for cls in own_classes(g):
        labels = list(g.objects(cls, RDFS.label))
        definitions = list(g.objects(cls, DEFINITION))
        assert len(labels) == 1, f"{cls}: {labels}"
        assert len(definitions) == 1, f"{cls}: {definitions}"
        assert str(labels[0]).strip() and str(definitions[0]).strip()
        if cls not in ROOTS and (cls, OWL.deprecated, Literal(True)) not in g:
            parents = [p for p in g.objects(cls, RDFS.subClassOf) if is_own(p)]
            assert parents, f"{cls} has no local parent"


def test_local_properties_have_label_definition_domain_range(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    kinds = (OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty)
    props = [p for kind in kinds for p in g.subjects(RDF.type, kind) if is_own(p)]
    assert len(props) >= 6
    for prop in props:
        assert len(list(g.objects(prop, RDFS.label))) == 1, prop
        assert len(list(g.objects(prop, DEFINITION))) == 1, prop
        if int(str(prop)[-7:]) in DATA_VOCABULARY_PROPERTIES:
            continue
        assert g.value(prop, RDFS.domain) is not None, prop
        assert g.value(prop, RDFS.range) is not None, prop
    assert g.value(STEP_ORDER, RDFS.range) == XSD.integer


def test_external_iris_match_their_patterns(ontology_graph: rdflib.Graph) -> None:
    for node in {n for t in ontology_graph for n in t if isinstance(n, URIRef)}:
        text = str(node)
        if text.startswith("http://purl.obolibrary.org/obo/"):
            assert OBO_ID.match(text), f"unexpected OBO IRI {text}"
        elif text.startswith("http://purl.uniprot.org/"):
            assert UNIPROT_IRI.match(text), f"bad UniProt IRI {text}"
        elif text.startswith("https://pubmed.ncbi.nlm.nih.gov/"):
            assert PUBMED_IRI.match(text), text
        elif "reactome.org" in text:
            assert REACTOME_IRI.match(text), text
        elif "doi.org" in text:
            assert DOI_IRI.match(text), text
    for xref in ontology_graph.objects(None, OIO.hasDbXref):
        prefix = str(xref).split(":", 1)[0]
        assert prefix in XREF and XREF[prefix].match(str(xref)), f"bad xref {xref}"


def test_external_terms_are_declared_in_their_import_module_with_a_label(
    ontology_graph: rdflib.Graph, import_graphs: dict[str, rdflib.Graph]
) -> None:
    assert set(import_graphs) == set(IMPORT_MODULES)
    for module, graph in import_graphs.items():
        assert (URIRef(f"{BASE}imports/{module}_import.owl"), RDF.type, OWL.Ontology) in graph
    used = {n for t in ontology_graph for n in t if isinstance(n, URIRef) and OBO_ID.match(str(n))}
    for iri in used:
        prefix = curie(iri).split(":")[0].lower()
        graph = import_graphs["ro" if prefix == "ro" else prefix]
        assert (iri, RDF.type, None) in graph, f"{iri} not declared in {prefix}_import.ttl"
        assert len(list(graph.objects(iri, RDFS.label))) == 1, f"{iri} has no single label"
        kind = graph.value(iri, RDF.type)
        if prefix in {"ro", "bfo"}:
            assert kind == OWL.ObjectProperty
        elif prefix == "iao":
            assert kind == OWL.AnnotationProperty
        else:
            assert kind == OWL.Class


# ------------------------------------------------------------------------------------------------
# identifiers come from the verified table


def test_every_identifier_is_in_the_verified_table(
    ontology_graph: rdflib.Graph, own_graph: rdflib.Graph, table: dict[str, dict[str, str]]
) -> None:
    g = ontology_graph
    unverified_ok = unverified_xrefs(g)
    used: set[str] = set()
    for node in {n for t in own_graph for n in t if isinstance(n, URIRef)}:
        text = str(node)
        if OBO_ID.match(text):
            # ECO and IAO ids are not in the table: see the notes in eco_import / iao_import
            if curie(node).split(":")[0] not in {"ECO", "IAO"}:
                used.add(curie(node))
        elif match := UNIPROT_IRI.match(text):
            used.add(f"UniProtKB:{match.group(1)}")
        elif match := PUBMED_IRI.match(text):
            used.add(f"PMID:{match.group(1)}")
        elif match := REACTOME_IRI.match(text):
            used.add(match.group(1))
        elif match := DOI_IRI.match(text):
            used.add(f"DOI:{match.group(1)}")
    for subject, xref in g.subject_objects(OIO.hasDbXref):
        key = str(xref).removeprefix("Reactome:")
        assert key in table, f"xref {xref} is not in tests/data/identifiers.tsv"
        if not verified(table[key]):
            assert (subject, str(xref)) in unverified_ok, f"{xref} is unverified but not marked"
    with REGISTER.open(encoding="utf-8", newline="") as fh:
        register = list(csv.DictReader(fh, delimiter="\t"))
    read = {f"PMID:{r['pmid']}" for r in register if r["pmid"]}
    read |= {f"DOI:{r['doi']}" for r in register if r["doi"]}
    for key in used - read:
        assert key in table, f"{key} is not in tests/data/identifiers.tsv nor ontology/sources.tsv"
        assert verified(table[key]), f"{key} is not VERIFIED: {table[key]['status']}"


def test_unverified_il21r_hgnc_is_kept_and_marked(ontology_graph: rdflib.Graph) -> None:
    il21r = next(
        c
        for c in descendants(ontology_graph, GENE_PRODUCT)
        if symbol_of(ontology_graph, c) == "IL21R"
    )
    assert Literal("HGNC:6006") in set(ontology_graph.objects(il21r, OIO.hasDbXref))
    assert (il21r, "HGNC:6006") in unverified_xrefs(ontology_graph)


def test_external_labels_match_the_table(
    ontology_graph: rdflib.Graph, own_graph: rdflib.Graph, table: dict[str, dict[str, str]]
) -> None:
    for iri in {n for t in own_graph for n in t if isinstance(n, URIRef) and OBO_ID.match(str(n))}:
        key = curie(iri)
        if key.split(":")[0] in {"GO", "RO", "BFO", "CL", "MONDO"}:
            assert str(ontology_graph.value(iri, RDFS.label)) == table[key]["label"], key


def test_no_obsolete_or_doubted_go_terms(
    own_graph: rdflib.Graph, table: dict[str, dict[str, str]]
) -> None:
    go_terms = {
        n for t in own_graph for n in t if isinstance(n, URIRef) and str(n).startswith(str(OBO.GO_))
    }
    assert go_terms
    for iri in go_terms:
        assert str(iri).rsplit("/", 1)[1] not in FORBIDDEN_GO, iri
        status = table[curie(iri)]["status"]
        assert "obsolete: YES" not in status and verified(table[curie(iri)]), (iri, status)


# ------------------------------------------------------------------------------------------------
# modelling patterns


def test_gene_products_with_uniprot_ncbigene_hgnc(ontology_graph: rdflib.Graph) -> None:
    """One UniProt, NCBI Gene and HGNC xref each; an xref no page read showed is left out and the
    class is marked curation status "unverified"."""
    g = ontology_graph
    genes = {}
    for cls in descendants(g, GENE_PRODUCT) & own_classes(g):
        if (symbol := symbol_of(g, cls)) is not None:
            assert symbol not in genes, f"two classes for {symbol}"
            genes[symbol] = cls
    assert set(genes) == GENE_SYMBOLS
    for symbol, cls in genes.items():
        matches = [str(m) for m in g.objects(cls, SKOS.exactMatch)]
        assert len(matches) == 1 and UNIPROT_IRI.match(matches[0]), (symbol, matches)
        xrefs = defaultdict(list)
        for xref in g.objects(cls, OIO.hasDbXref):
            xrefs[str(xref).split(":", 1)[0]].append(str(xref))
        unverified = str(g.value(cls, CURATION_STATUS)) == "unverified"
        assert len(xrefs["UniProtKB"]) == 1, (symbol, xrefs)
        for prefix in ("NCBIGene", "HGNC"):
            assert len(xrefs[prefix]) == 1 or (unverified and not xrefs[prefix]), (symbol, xrefs)
        assert xrefs["UniProtKB"][0] == "UniProtKB:" + matches[0].rsplit("/", 1)[1]
        assert not [s for s in g.objects(cls, OIO.hasExactSynonym) if str(s).endswith("_HUMAN")], (
            symbol
        )
        parents = [p for p in g.objects(cls, RDFS.subClassOf) if is_own(p)]
        assert len(parents) == 1 and parents[0] in descendants(g, GENE_PRODUCT) | {GENE_PRODUCT}, (
            symbol
        )


def test_receptor_complexes(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    complexes = descendants(g, RECEPTOR_COMPLEX)
    assert len(complexes) == 4
    assert (RECEPTOR_COMPLEX, RDFS.subClassOf, OBO.GO_0043235) in g
    genes = descendants(g, GENE_PRODUCT)
    xrefs = set()
    for cpx in complexes:
        parts = [f for p, f in restrictions(g, cpx) if p == HAS_PART]
        assert len(parts) == 2 and all(f in genes for f in parts), cpx
        xrefs |= {str(x) for x in g.objects(cpx, OIO.hasDbXref)}
    assert xrefs == {"ComplexPortal:CPX-9102", "ComplexPortal:CPX-833"}


def test_pathways(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    pathways = descendants(g, PATHWAY)
    assert len(pathways) == 4
    processes = {OBO.GO_0038111, OBO.GO_0038114, OBO.GO_0019221, OBO.GO_0035723}
    go = {p: set(g.objects(p, RDFS.subClassOf)) & processes for p in pathways}
    assert sorted(len(v) for v in go.values()) == [1, 1, 1, 1]
    assert set().union(*go.values()) == processes
    reactome = set()
    for pathway in pathways:
        reactome |= {str(m) for m in g.objects(pathway, SKOS.closeMatch)}
        inputs = [f for p, f in restrictions(g, pathway) if p == OBO.RO_0002233]
        assert inputs and all(f in descendants(g, GENE_PRODUCT) for f in inputs)
    assert reactome == {
        "https://reactome.org/content/detail/R-HSA-1266695",
        "https://reactome.org/content/detail/R-HSA-9020958",
        "https://reactome.org/content/detail/R-HSA-8983432",
    }


def test_pathway_steps_follow_the_pattern(ontology_graph: rdflib.Graph) -> None:
    """GO-CAM: one MF activity per step, enabled by one gene product or complex, part of the pathway;
    causal edges between activities, and from the terminal activities to cellular outcomes."""
    g = ontology_graph
    roles = set(g.subjects(RDFS.subClassOf, STEP))
    assert len(roles) >= 5
    steps = descendants(g, STEP) - roles
    assert len(steps) >= 15
    outcomes = descendants(g, OUTCOME) - {OUTCOME}
    assert len(outcomes) >= 8 and not outcomes & steps
    molecular_functions = descendants(g, OBO.GO_0003674)
    pathways = descendants(g, PATHWAY)
    # a feedback inhibitor is part of the pathway's negative regulation, not of the pathway
    regulations = {r for r in own_classes(g) for p, f in restrictions(g, r) if p == NEGATIVE}
    enablers = (
        descendants(g, GENE_PRODUCT)
        | descendants(g, RECEPTOR_COMPLEX)
        | (descendants(g, OBO.GO_0032991) & own_classes(g))
    )
    by_pathway = defaultdict(set)
    for step in steps:
        parents = set(g.objects(step, RDFS.subClassOf))
        assert len(parents & roles) == 1, step
        go = [p for p in parents if isinstance(p, URIRef) and str(p).startswith(str(OBO.GO_))]
        assert len(go) == 1 and go[0] in molecular_functions, (step, go)
        links = restrictions(g, step)
        part_of = [f for p, f in links if p == PART_OF]
        assert len(part_of) == 1 and part_of[0] in pathways | regulations, step
        whole = part_of[0]
        if whole in regulations:
            (whole,) = [f for p, f in restrictions(g, whole) if p == NEGATIVE]
            assert whole in pathways, step
        by_pathway[whole].add(step)
        enabled_by = [f for p, f in links if p == ENABLED_BY]
        assert len(enabled_by) == 1 and enabled_by[0] in enablers, step
        orders = list(g.objects(step, STEP_ORDER))
        assert len(orders) == 1 and orders[0].datatype == XSD.integer and int(orders[0]) >= 1, step
        downstream = [f for p, f in links if p in CAUSAL]
        assert downstream, f"{step} has no downstream causal edge"
        for filler in downstream:
            assert filler in steps | outcomes and filler != step, (step, filler)
            if filler in steps:  # an activity never regulates another activity of the same enabler
                other = [f for p, f in restrictions(g, filler) if p == ENABLED_BY]
                assert other != enabled_by, (step, filler)
    for outcome in outcomes:
        links = restrictions(g, outcome)
        assert not [f for p, f in links if p in (PART_OF, ENABLED_BY)], outcome
        go = [p for p in g.objects(outcome, RDFS.subClassOf) if str(p).startswith(str(OBO.GO_))]
        assert len(go) == 1 and go[0] not in molecular_functions, outcome
    # each pathway is one causal graph: every step is reachable from a first step
    for pathway, members in by_pathway.items():
        first = {s for s in members if int(g.value(s, STEP_ORDER)) == 1}
        assert first, pathway
        seen, todo = set(first), list(first)
        while todo:
            for prop, filler in restrictions(g, todo.pop()):
                if prop in CAUSAL and filler not in seen:
                    seen.add(filler)
                    todo.append(filler)
        assert members <= seen, f"unreachable steps in {pathway}: {members - seen}"
        assert seen & outcomes, f"{pathway} reaches no cellular outcome"


def test_cell_types_used_for_outcomes(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    cells = {f for s in descendants(g, OUTCOME) for p, f in restrictions(g, s) if p == OCCURS_IN}
    required = {OBO.CL_0000084, OBO.CL_0000625, OBO.CL_0000236, OBO.CL_0000623, OBO.CL_0000893}
    assert required <= cells
    assert (CYTO["0000020"], OWL.equivalentClass, OBO.CL_0000000) in g
    for cell in (OBO.CL_0000625, OBO.CL_0000893):
        assert OBO.CL_0000084 in set(g.transitive_objects(cell, RDFS.subClassOf)), cell
    for cell in (
        OBO.CL_0000084,
        OBO.CL_0000236,
        OBO.CL_0000623,
    ):  # T, B and NK cells are lymphocytes
        assert OBO.CL_0000542 in set(g.transitive_objects(cell, RDFS.subClassOf)), cell


def test_tumours(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    assert (TUMOUR, OWL.equivalentClass, OBO.MONDO_0005070) in g
    assert (HAEM_CANCER, RDFS.subClassOf, OBO.MONDO_0044881) in g
    tumours = descendants(g, TUMOUR) & own_classes(g) - {SOLID_TUMOUR, HAEM_CANCER}
    assert len(tumours) >= 12
    assert len(descendants(g, SOLID_TUMOUR)) >= 10 and len(descendants(g, HAEM_CANCER)) >= 3
    for tumour in tumours:
        equivalents = list(g.objects(tumour, OWL.equivalentClass))
        assert len(equivalents) == 1 and str(equivalents[0]).startswith(str(OBO.MONDO_)), tumour
        xrefs = {str(x) for x in g.objects(tumour, OIO.hasDbXref)}
        assert curie(equivalents[0]) in xrefs, tumour
        assert any(x.startswith("NCIT:") for x in xrefs), tumour


# ------------------------------------------------------------------------------------------------
# claims


def test_every_restriction_has_a_claim(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    stated = claim_triples(g)
    pathways = descendants(g, PATHWAY)
    missing = []
    for cls in own_classes(g):
        for prop, filler in restrictions(g, cls):
            if prop == PART_OF and filler in pathways:
                continue
            # a capability is backed by the source's `enables` annotation of the same function
            backing = OBO.RO_0002327 if prop == OBO.RO_0002215 else prop
            if (cls, backing, filler) not in stated:
                missing.append((cls, prop, filler))
    assert not missing, missing


def test_no_claim_cites_a_database_record_or_wiki_page(ontology_graph: rdflib.Graph) -> None:
    """GO accepts the paper, not the UniProt entry that cites it; a wiki page is never evidence."""
    g = ontology_graph
    wiki = {p for p in g.subjects(RDF.type, PUBLICATION) if "wiki" in str(g.value(p, RDFS.label))}
    for claim in claims(g):
        for source in g.objects(claim, DCTERMS.source):
            assert not UNIPROT_IRI.match(str(source)), (claim, source)
            assert source not in wiki, (claim, source)


def test_every_claim_is_complete(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    all_claims = claims(g)
    assert len(all_claims) >= 100
    object_props = set(g.subjects(RDF.type, OWL.ObjectProperty))
    for claim in all_claims:
        assert (claim, RDF.type, OWL.NamedIndividual) in g, claim
        for prop in (CLAIM_SUBJECT, CLAIM_RELATION, CLAIM_OBJECT, HAS_EVIDENCE):
            assert len(list(g.objects(claim, prop))) == 1, (claim, prop)
        assert g.value(claim, CLAIM_RELATION) in object_props, claim
        assert (g.value(claim, CLAIM_SUBJECT), RDF.type, OWL.Class) in g, claim
        assert (g.value(claim, CLAIM_OBJECT), RDF.type, OWL.Class) in g, claim
        eco = g.value(claim, HAS_EVIDENCE)
        assert str(eco).startswith(str(OBO.ECO_)) and g.value(eco, RDFS.label), claim
        sources = list(g.objects(claim, DCTERMS.source))
        assert sources, claim
        for source in sources:
            text = str(source)
            local_publication = (source, RDF.type, PUBLICATION) in g
            assert local_publication or any(
                p.match(text) for p in (PUBMED_IRI, DOI_IRI, REACTOME_IRI, UNIPROT_IRI)
            ), (claim, source)
        assert str(g.value(claim, RDFS.comment) or "").strip(), claim


def test_gene_products_state_only_what_holds_for_every_instance(
    ontology_graph: rdflib.Graph,
) -> None:
    """Class axioms of gene products: only `capable of` a GO function, each backed by an
    `enables` annotation claim; processes, locations and interactions are claims only."""
    g = ontology_graph
    stated = claim_triples(g)
    genes = descendants(g, GENE_PRODUCT) & own_classes(g)
    capable = 0
    for gene in genes:
        for prop, filler in restrictions(g, gene):
            assert prop == OBO.RO_0002215, (gene, prop)  # capable of
            assert str(filler).startswith(str(OBO.GO_)), (gene, filler)
            assert (gene, OBO.RO_0002327, filler) in stated, (gene, filler)
            capable += 1
    annotations = [
        (s, p, o)
        for s, p, o in stated
        if s in genes and p in {OBO.RO_0002327, OBO.RO_0002331, OBO.RO_0001025}
    ]
    assert capable >= 10
    assert len(annotations) >= 30
    # every function a gene product is annotated to enable is also stated as a capability
    for s, p, o in annotations:
        if p == OBO.RO_0002327:
            assert (OBO.RO_0002215, o) in restrictions(g, s), (s, o)


def test_tumour_claims(ontology_graph: rdflib.Graph) -> None:
    g = ontology_graph
    genes = {symbol_of(g, c): c for c in descendants(g, GENE_PRODUCT) & own_classes(g)}
    tumours = descendants(g, TUMOUR) | {TUMOUR}
    tumour_claims = [c for c in claims(g) if g.value(c, CLAIM_OBJECT) in tumours]
    subjects = {g.value(c, CLAIM_SUBJECT) for c in tumour_claims}
    assert {
        genes[s] for s in ("IL7", "IL7R", "IL21", "IL21R", "JAK1", "JAK3", "STAT5B", "CRLF2")
    } <= subjects
    # Al-Rawi 2003 names only "solid epithelial tumours": its claims use the generic classes
    al_rawi = URIRef("https://pubmed.ncbi.nlm.nih.gov/12792903")
    for c in tumour_claims:
        if al_rawi in set(g.objects(c, DCTERMS.source)):
            assert g.value(c, CLAIM_OBJECT) not in descendants(g, SOLID_TUMOUR), c
    # Leonard 2008 says only that IL-21 has anti-tumour activity: the root tumour class
    leonard = URIRef("https://pubmed.ncbi.nlm.nih.gov/18467657")
    assert [
        g.value(c, CLAIM_OBJECT)
        for c in tumour_claims
        if leonard in set(g.objects(c, DCTERMS.source))
    ] == [TUMOUR]
