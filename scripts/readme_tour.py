"""Regenerate the command tour in docs/tour.md with real outputs: ``python scripts/readme_tour.py``.

Each command below is run from the repository root; its output (trimmed) replaces the block between
``<!-- TOUR -->`` and ``<!-- /TOUR -->`` in docs/tour.md.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "cytokine-rdf")
MAX_LINES = 16

TOUR: list[tuple[str, str]] = [
    ("Every command works on the packaged ontology; `-i FILE` (repeatable) adds your own RDF.", ""),
    ("## Ask questions with templates", ""),
    ("", "query list"),
    ("", "query show gene-xrefs"),
    ("", "query run pathway-members -p pathway=IL7"),
    (
        (
            "IRI parameters take what people type: a symbol, a label, a synonym, a CURIE or a UniProt "
            "accession. Ambiguous or unknown names are errors that list the candidates."
        ),
        "",
    ),
    ("", "query run gene-xrefs -p gene=P16871 -f csv"),
    ("", "query run tumour-associations -p gene=IL7R"),
    ("", "query run receptor-subunits -p complex=IL7"),
    ("", "query run gene-xrefs -p gene=IL2"),
    ("", "lookup IL7R"),
    ("Lint your own templates, add them with `--queries DIR`, or publish the catalogue:", ""),
    ("", "query check"),
    ("", "query catalog -f ttl"),
    ("## Any SPARQL (the usual prefixes are predeclared)", ""),
    (
        "",
        "sparql 'SELECT ?pathway ?label WHERE { ?pathway rdfs:subClassOf GO:0038111 ; rdfs:label ?label }'",
    ),
    ("", "sparql 'SELECT ?x WHERE { ?x ?y }'"),
    ("## Validate: SHACL + ROBOT-style QC + HermiT in one gate", ""),
    ("", "validate"),
    ("", "validate tests/data/shapes/observation/invalid-negative-level.ttl"),
    ("## Reason", ""),
    ("", "reason -o /tmp/hierarchy.ttl"),
    ("## Publish", ""),
    ("", "export -f ttl"),
    ("", "export --gocam --pathway IL21 -f ttl"),
    (
        (
            "The same model in GO's own GO-CAM datamodel (gocam-py, the `gocam` extra), built by "
            "gocam-py's translator; `-i` reads such JSON/YAML, and minerva's JSON as the GO-CAM API "
            "serves it, on every command."
        ),
        "",
    ),
    ("", "export --gocam --pathway IL21 -f yaml"),
    ("", "validate -i tests/data/gocam/gocam-py/minerva-6606056e00002011.json --shapes gocam"),
    (
        (
            "GPAD 2.0 annotations of the pathways' models (and of your GO-CAM models with `-i`), as "
            "GO's GPAD/GPI 2.0 specification defines them; `tests/test_gpad.py` checks them against "
            "go-shapes' GPAD shapes."
        ),
        "",
    ),
    ("", "export --gpad --pathway IL7"),
    ("", "export --gpad --part data -i tests/data/gocam/models/ZFIN_ZDB-GENE-030131-514.ttl"),
    (
        (
            "CX2 for Cytoscape and NDEx, drawn by gocam-py's translator (GO's NDEx style): nodes "
            "carry `gene symbol` (also the name), `GO function`, `GO process` and `evidence`; edges "
            "`relation`, `sign` (positive, negative, unsigned) and `evidence`. One file per model "
            "(`-o FOLDER`), or one pathway:"
        ),
        "",
    ),
    ("", "export --cx2 --pathway TSLP"),
    (
        (
            "GMT gene sets for enrichment tools: one per pathway, per GO process in the models and "
            "per tumour (gene products with tumour claims); `--evidence experimental` keeps only "
            "edges and claims with experimental ECO codes, `--ids entrez` writes NCBI Gene IDs."
        ),
        "",
    ),
    ("", "export --gmt --evidence experimental"),
    (
        "",
        "validate tests/data/gocam/minerva/should_fail/Test005-enabled_by_biological_process.ttl --shapes gocam",
    ),
    ("", "fmt --check ontology/cytokine.ttl"),
    ("", "diagram IL7 -f mermaid"),
    (
        "",
        "diagram http://model.geneontology.org/ZFIN_ZDB-GENE-030131-514 -i tests/data/gocam/models/ZFIN_ZDB-GENE-030131-514.ttl",
    ),
    ("", "diff tests/data/diff/v1.ttl tests/data/diff/v2.ttl"),
    ("", "docs -o /tmp/cytokine-docs"),
    ("## Errors are one line, with file, line and column", ""),
    ("", "export -i tests/data/bad/malformed.ttl"),
]


def run(command: str) -> str:
    done = subprocess.run(
        [CLI, *shlex.split(command)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    lines = (done.stdout + done.stderr).rstrip("\n").splitlines()
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], f"... ({len(lines) - MAX_LINES} more lines)"]
    status = f"  # exit {done.returncode}" if done.returncode else ""
    return "\n".join([f"$ cytokine-rdf {command}{status}", *lines])


def main() -> None:
    parts = ["<!-- TOUR -->", ""]
    for prose, command in TOUR:
        if prose:
            parts += [prose, ""]
        if command:
            parts += ["```", run(command), "```", ""]
    parts.append("<!-- /TOUR -->")
    readme = (ROOT / "docs" / "tour.md").read_text(encoding="utf-8")
    start = readme.index("<!-- TOUR -->")
    end = (
        readme.index("<!-- /TOUR -->", start) + len("<!-- /TOUR -->")
        if "<!-- /TOUR -->" in readme
        else start + len("<!-- TOUR -->")
    )
    (ROOT / "docs" / "tour.md").write_text(
        readme[:start] + "\n".join(parts) + readme[end:], encoding="utf-8"
    )


if __name__ == "__main__":
    main()
