"""Describe every publication of the source register as RDF: ``ontology/sources.ttl``.

    python scripts/build_sources.py            # rewrite ontology/sources.ttl from ontology/sources.tsv
    python scripts/build_sources.py --check    # exit 1 if the file is out of date

The register (``ontology/sources.tsv``) is the one place a paper's identifiers are written down.
This script turns each row into a ``CYTO:publication`` individual so that queries and the name
resolver can go from any identifier of a paper to the IRI its claims cite: the node is the
PubMed IRI when the row has a PMID, else the DOI IRI, else the row's local ``CYTO:00020NN``; it
carries ``dcterms:identifier`` "PMID:n", "DOI:10...", "PMCID:PMCn" (a PMCID is taken from a PMC
address in ``read_at``), ``skos:exactMatch`` the DOI IRI when the node is a PubMed IRI (claims
citing either find the same paper), and title, first author, year, journal and the addresses read.
Run it after adding or editing register rows; ``tests/test_cancer_evidence.py`` fails while the
file is out of date.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

import rdflib
import rdflib.compare
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "ontology" / "sources.tsv"
OUTPUT = ROOT / "ontology" / "sources.ttl"
CYTO = "https://w3id.org/cytokine-rdf/CYTO_"
PUBLICATION = URIRef(CYTO + "0000025")
PMCID = re.compile(r"\b(PMC\d+)\b")


def read_register(path: Path = REGISTER) -> list[dict[str, str]]:
    """The register's rows (column name -> value, empty string when blank)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(fh, delimiter="\t")
        ]


def publication_iri(row: dict[str, str]) -> URIRef:
    """The IRI claims cite for this paper: PubMed, else DOI, else the local publication."""
    if row["pmid"]:
        return URIRef(f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}")
    if row["doi"]:
        return URIRef(f"https://doi.org/{row['doi']}")
    return URIRef(CYTO + row["source"].removeprefix("CYTO:"))


def register_graph(rows: list[dict[str, str]]) -> rdflib.Graph:
    """One publication individual per register row."""
    g = rdflib.Graph()
    g.bind("CYTO", CYTO)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("pubmed", "https://pubmed.ncbi.nlm.nih.gov/")
    for row in rows:
        node = publication_iri(row)
        g.add((node, RDF.type, PUBLICATION))
        g.add((node, RDF.type, OWL.NamedIndividual))
        # without a first author the journal's full citation names the paper ("Blood 120(4):833")
        who = row["first_author"] or (
            row["journal"] if not row["year"] else re.split(r" \d", row["journal"])[0]
        )
        when = f"{who} {row['year']}".strip()
        g.add((node, RDFS.label, Literal(f"{when}: {row['title']}" if row["title"] else when)))
        for prop, column in (
            (DCTERMS.title, "title"),
            (DCTERMS.creator, "first_author"),
            (DCTERMS.date, "year"),
            (DCTERMS.bibliographicCitation, "journal"),
        ):
            if row[column]:
                g.add((node, prop, Literal(row[column])))
        if row["pmid"]:
            g.add((node, DCTERMS.identifier, Literal(f"PMID:{row['pmid']}")))
        if row["doi"]:
            g.add((node, DCTERMS.identifier, Literal(f"DOI:{row['doi']}")))
            if row["pmid"]:
                g.add((node, SKOS.exactMatch, URIRef(f"https://doi.org/{row['doi']}")))
        for pmcid in sorted(set(PMCID.findall(row["read_at"]))):
            g.add((node, DCTERMS.identifier, Literal(f"PMCID:{pmcid}")))
        for address in filter(None, (a.strip() for a in row["read_at"].split(" | "))):
            g.add((node, RDFS.seeAlso, URIRef(address)))
    return g


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if ontology/sources.ttl is out of date"
    )
    args = parser.parse_args(argv)
    graph = register_graph(read_register())
    if args.check:
        current = (
            rdflib.Graph().parse(OUTPUT, format="turtle") if OUTPUT.is_file() else rdflib.Graph()
        )
        same = rdflib.compare.isomorphic(current, graph)
        print("up to date" if same else f"{OUTPUT} is out of date: run scripts/build_sources.py")
        return 0 if same else 1
    OUTPUT.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    # the canonical form CI checks (`cytokine-rdf fmt --check`)
    subprocess.run([sys.executable, "-m", "cytokine_rdf", "fmt", str(OUTPUT)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
