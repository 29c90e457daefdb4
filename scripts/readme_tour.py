"""Regenerate the command tour in docs/tour.md with real outputs: ``python scripts/readme_tour.py``.

Each command below is run in an empty folder, as a user who installed the package with pip would
(no checkout files): the files a command needs are written by the tour itself (``FILE:`` steps,
shown as ``cat > NAME``) or by an earlier command. Its output (trimmed) replaces the block between
``<!-- TOUR -->`` and ``<!-- /TOUR -->`` in docs/tour.md.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import tempfile
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
    (
        "Your own observations are checked against the data shapes, with the ontology as background:",
        "",
    ),
    ("", "FILE:my-observations.ttl"),
    ("", "validate my-observations.ttl"),
    ("## Reason", ""),
    ("", "reason -o /tmp/hierarchy.ttl"),
    ("## Publish", ""),
    ("", "export -f ttl"),
    ("", "export --gocam --pathway IL21 -o il21-model.ttl"),
    ("", "validate il21-model.ttl --shapes gocam"),
    ("", "fmt --check my-observations.ttl"),
    (
        (
            "The same model in GO's own GO-CAM datamodel (gocam-py, the `gocam` extra), built by "
            "gocam-py's translator; `-i` reads such JSON/YAML, and minerva's JSON as the GO-CAM API "
            "serves it, on every command. What gocam-py's `Model` has no slot for (a pathway's "
            "outcomes, its negative regulation) rides along as `cytokine-rdf:fact` comments that "
            "`-i` turns back into the same RDF, so nothing is lost on the way."
        ),
        "",
    ),
    ("", "export --gocam --pathway IL21 -f yaml -o il21-model.yaml"),
    ("", "validate -i il21-model.yaml --shapes gocam"),
    (
        (
            "GPAD 2.0 annotations of the pathways' models (and of your GO-CAM models with `-i`), as "
            "GO's GPAD/GPI 2.0 specification defines them, with GO's CURIEs (the `gocam` extra); "
            "`tests/test_gpad.py` checks them against go-shapes' GPAD shapes."
        ),
        "",
    ),
    ("", "export --gpad --pathway IL7"),
    ("", "export --gpad --part data -i il21-model.ttl"),
    (
        (
            "CX2 for Cytoscape and NDEx, drawn by gocam-py's translator (GO's NDEx style): nodes "
            "carry `gene symbol` (also the name), `GO function`, `GO process` and `evidence`; edges "
            "`relation`, `sign` (positive, negative, unsigned) and `evidence`; the outcomes are "
            "`process` nodes. One file per model (`-o FOLDER`), or one pathway:"
        ),
        "",
    ),
    ("", "export --cx2 --pathway TSLP"),
    (
        (
            "GMT gene sets for enrichment tools: one per pathway, per GO process in the models and "
            "per tumour (gene products with tumour claims); `--evidence experimental` keeps only "
            "edges and claims with experimental ECO codes, `--ids entrez` writes NCBI Gene IDs "
            "(GO's CURIEs: the `gocam` extra)."
        ),
        "",
    ),
    ("", "export --gmt --evidence experimental"),
    ("", "diagram IL7 -f mermaid"),
    ("", "diagram https://w3id.org/cytokine-rdf/gocam/CYTO_0000351 -i il21-model.ttl"),
    ("", "FILE:v1.ttl"),
    ("", "FILE:v2.ttl"),
    ("", "diff v1.ttl v2.ttl"),
    ("", "docs -o site"),
    ("## Errors are one line, with file, line and column", ""),
    ("", "FILE:broken.ttl"),
    ("", "export -i broken.ttl"),
]


_PREFIXES = """\
@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/lab/> .
"""
FILES = {
    "my-observations.ttl": _PREFIXES
    + """
ex:obs-1 a CYTO:0000091 ;
    CYTO:0000190 CYTO:0000200 ;
    CYTO:0000191 CYTO:0000501 ;
    CYTO:0000192 ex:sample-1 ;
    CYTO:0000193 -1.5 ;
    CYTO:0000194 "immunohistochemistry" ;
    CYTO:0000195 obo:ECO_0000314 .

ex:sample-1 a CYTO:0000093 ;
    rdfs:label "TMA-12 core 4" ;
    CYTO:0000191 CYTO:0000501 .
""",
    "v1.ttl": _PREFIXES
    + """
ex:IL9 a owl:Class ;
    rdfs:label "IL-9" ;
    rdfs:subClassOf CYTO:0000001 .
""",
    "v2.ttl": _PREFIXES
    + """
ex:IL9 a owl:Class ;
    rdfs:label "interleukin-9" ;
    rdfs:subClassOf CYTO:0000002 .
""",
    "broken.ttl": '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n',
}


def write_file(name: str, where: Path) -> str:
    (where / name).write_text(FILES[name], encoding="utf-8")
    return "\n".join([f"$ cat > {name} <<'EOF'", *FILES[name].rstrip("\n").splitlines(), "EOF"])


def run(command: str, where: Path) -> str:
    if command.startswith("FILE:"):
        return write_file(command.removeprefix("FILE:"), where)
    done = subprocess.run(
        [CLI, *shlex.split(command)], cwd=where, capture_output=True, text=True, check=False
    )
    lines = (done.stdout + done.stderr).rstrip("\n").splitlines()
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], f"... ({len(lines) - MAX_LINES} more lines)"]
    status = f"  # exit {done.returncode}" if done.returncode else ""
    return "\n".join([f"$ cytokine-rdf {command}{status}", *lines])


def main() -> None:
    parts = ["<!-- TOUR -->", ""]
    with tempfile.TemporaryDirectory(prefix="cytokine-tour-") as folder:
        for prose, command in TOUR:
            if prose:
                parts += [prose, ""]
            if command:
                parts += ["```", run(command, Path(folder)), "```", ""]
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
