"""Synthetic observation data in the ontology's own data model (ontology/data-model.ttl).

Expression observations (CYTO:0000091) of gene products of the packaged ontology in its tumour
classes, each with a sample (CYTO:0000093), a decimal level, an assay and an ECO evidence code;
one in ten observations is a tumour association (CYTO:0000092) citing a PubMed IRI. About 0.2% of
the observations are defective on purpose (missing evidence, level as a string, negative level,
untyped sample, empty assay, a tumour given as gene product, a non-ECO evidence, two tumours).

    python benchmarks/generate.py --triples 100k -o data_100k.ttl
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CYTO = "https://w3id.org/cytokine-rdf/CYTO_"
HEADER = """@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/bench/> .
@prefix pubmed: <https://pubmed.ncbi.nlm.nih.gov/> .

"""
ASSAYS = ("immunohistochemistry", "RNA-seq", "qPCR", "western blot", "ELISA")
ECO = ("obo:ECO_0000314", "obo:ECO_0000269", "obo:ECO_0007005", "obo:ECO_0000295")
DEFECTS = (
    "no_evidence",
    "string_level",
    "negative_level",
    "untyped_sample",
    "empty_assay",
    "tumour_as_gene",
    "bad_evidence",
    "two_tumours",
)


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1m`` -> 1000000."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def ontology_classes() -> tuple[list[str], list[str]]:
    """(gene product classes, tumour classes) of the packaged ontology, as CURIE locals."""
    from cytokine_rdf.io.graph import load

    store = load().store
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"

    def below(root: str, op: str) -> list[str]:
        query = f"SELECT DISTINCT ?c WHERE {{ ?c <{rdfs}subClassOf>{op} <{CYTO}{root}> FILTER(isIRI(?c)) }} ORDER BY ?c"
        return [s["c"].value for s in store.query(query)]  # type: ignore[union-attr,index]

    genes = [c[len(CYTO) :] for c in below("0000001", "+") if c.startswith(CYTO)]
    tumours = [c[len(CYTO) :] for c in below("0000021", "*") if c.startswith(CYTO)]
    return genes, tumours


def generate(
    triples: int, out: Path, *, seed: int = 42, defect_rate: float = 0.002
) -> dict[str, int]:
    """Write about ``triples`` triples of observations to ``out``; return counts."""
    rng = random.Random(seed)
    genes, tumours = ontology_classes()
    weights = [1.0 / (i + 1) for i in range(len(genes))]  # Zipf-like gene popularity
    n_obs = max(1, triples // 10)
    written = defects = 0
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(n_obs):
            gene = rng.choices(genes, weights)[0]
            tumour = rng.choice(tumours)
            defect = rng.choice(DEFECTS) if rng.random() < defect_rate else None
            defects += defect is not None
            obs, sample = f"ex:obs{i}", f"ex:sample{i}"
            evidence = (
                ""
                if defect == "no_evidence"
                else (
                    " ;\n  CYTO:0000195 <https://example.org/evidence/1>"
                    if defect == "bad_evidence"
                    else f" ;\n  CYTO:0000195 {rng.choice(ECO)}"
                )
            )
            gene_value = f"CYTO:{tumour}" if defect == "tumour_as_gene" else f"CYTO:{gene}"
            tumour_value = f"CYTO:{tumour}" + (
                f", CYTO:{rng.choice(tumours)}" if defect == "two_tumours" else ""
            )
            if i % 10 == 9:  # a tumour association citing a paper: 5 triples
                f.write(
                    f"{obs} a CYTO:0000092 ;\n  CYTO:0000190 {gene_value} ;\n  CYTO:0000191 {tumour_value}{evidence} ;\n"
                    f"  dcterms:source pubmed:{10_000_000 + rng.randrange(9_000_000)} .\n"
                )
                written += 5
                continue
            level = f"{rng.uniform(0, 12):.3f}"
            if defect == "string_level":
                level = f'"{level}"'
            elif defect == "negative_level":
                level = f"-{level}"
            assay = "" if defect == "empty_assay" else rng.choice(ASSAYS)
            sample_type = (
                ""
                if defect == "untyped_sample"
                else f'{sample} a CYTO:0000093 ; rdfs:label "S-{i:07d}" ; CYTO:0000191 CYTO:{tumour} .\n'
            )
            f.write(
                f"{obs} a CYTO:0000091 ;\n  CYTO:0000190 {gene_value} ;\n  CYTO:0000191 {tumour_value}{evidence} ;\n"
                f'  CYTO:0000192 {sample} ;\n  CYTO:0000193 {level} ;\n  CYTO:0000194 "{assay}" .\n{sample_type}'
            )
            written += 10
    return {"observations": n_obs, "defective": defects, "triples_approx": written}


def main() -> None:
    """Command line: ``--triples 100k -o FILE [--seed 42]``."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", default="10k", help="approximate size: 10k, 100k, 1m")
    parser.add_argument("-o", "--output", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(generate(parse_size(args.triples), args.output, seed=args.seed))


if __name__ == "__main__":
    main()
