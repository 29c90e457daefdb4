"""Rebuild the GO, CL and ECO import modules with every imported term's ancestry up to its root.

    python scripts/build_imports.py --go-sqlite GO.sqlite --cl-owl cl-edit.owl --eco-obo eco-basic.obo

``GO.sqlite`` is the SQLite database of the Bioconductor package GO.db (Debian: r-bioc-go.db,
``/usr/lib/R/site-library/GO.db/extdata/GO.sqlite``); ``cl-edit.owl`` is the Cell Ontology's edit
file (``src/ontology/cl-edit.owl`` of obophenotype/cell-ontology, OWL functional syntax). Nothing
is downloaded. ``eco-basic.obo`` is the Evidence and Conclusion Ontology's basic release
(``eco-basic.obo`` at the top of evidenceontology/evidenceontology; its ``is_a`` lines). The terms to import are the GO and CL terms that the ontology's own files
(``ontology/*.ttl``, not the import modules) use; each is written with its label and its
``is_a`` parents (for CL: asserted named superclasses and the genus of its logical definition),
and so is every ancestor, recursively, up to the root. A label recorded in the current module (the
project's verified current label) wins over the release's; the difference is noted in a comment.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
OBO = "http://purl.obolibrary.org/obo/"
ROOTS = {
    "GO": {"GO:0008150", "GO:0003674", "GO:0005575"},
    "CL": {"CL:0000000"},
    "ECO": {"ECO:0000000"},
}

_OBO_IRI = re.compile(r"http://purl\.obolibrary\.org/obo/(GO|CL|ECO)_(\d{7})")
# axiom annotations, e.g. Annotation(oboInOwl:is_inferred "true"), may precede the axiom's arguments
_ANN = r'(?:Annotation\((?:[^()"]|"(?:[^"\\]|\\.)*")*\) )*'
_FN_LABEL = re.compile(
    rf'^AnnotationAssertion\({_ANN}rdfs:label obo:(CL_\d{{7}}) "((?:[^"\\]|\\.)*)"', re.MULTILINE
)
_FN_SUB = re.compile(rf"^SubClassOf\({_ANN}obo:(CL_\d{{7}}) obo:(CL_\d{{7}})\)", re.MULTILINE)
_FN_GENUS = re.compile(
    rf"^EquivalentClasses\({_ANN}obo:(CL_\d{{7}}) ObjectIntersectionOf\(obo:(CL_\d{{7}}) ",
    re.MULTILINE,
)

Hierarchy = tuple[dict[str, str], dict[str, set[str]]]  # (labels, is_a parents), CURIE keys


def used_terms(prefix: str, files: Iterable[Path]) -> set[str]:
    """The ``prefix`` terms (CURIEs) that the given Turtle files mention."""
    found: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        found |= {f"{p}:{n}" for p, n in _OBO_IRI.findall(text) if p == prefix}
        found |= {f"{prefix}:{n}" for n in re.findall(rf"\b{prefix}:(\d{{7}})\b", text)}
    return found


def go_hierarchy(database: Path) -> tuple[Hierarchy, str]:
    """Labels and is_a parents of every GO term in a GO.db SQLite file, and its release date."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        labels = dict(db.execute("SELECT go_id, term FROM go_term"))
        ids = dict(db.execute("SELECT _id, go_id FROM go_term"))
        parents: dict[str, set[str]] = {}
        for aspect in ("bp", "mf", "cc"):
            rows = db.execute(
                f"SELECT _id, _parent_id FROM go_{aspect}_parents WHERE relationship_type = 'isa'"  # noqa: S608 - fixed names
            )
            for child, parent in rows:
                if ids[parent] != "all":  # GO.db's pseudo-root above the three aspects
                    parents.setdefault(ids[child], set()).add(ids[parent])
        date = dict(db.execute("SELECT name, value FROM metadata")).get("GOSOURCEDATE", "unknown")
    return (labels, parents), date


def cl_hierarchy(edit_file: Path) -> Hierarchy:
    """Labels and is_a parents (named superclasses and definition genus) from cl-edit.owl."""
    text = edit_file.read_text(encoding="utf-8")
    curie = lambda local: local.replace("_", ":")  # noqa: E731
    labels = {curie(c): label.replace('\\"', '"') for c, label in _FN_LABEL.findall(text)}
    parents: dict[str, set[str]] = {}
    for child, parent in _FN_SUB.findall(text) + _FN_GENUS.findall(text):
        parents.setdefault(curie(child), set()).add(curie(parent))
    return labels, parents


def obo_hierarchy(obo_file: Path) -> tuple[Hierarchy, str]:
    """Labels and ``is_a`` parents of every ``[Term]`` in an OBO file, and its data-version."""
    labels: dict[str, str] = {}
    parents: dict[str, set[str]] = {}
    version = "unknown"
    term: str | None = None
    for line in obo_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("data-version:"):
            version = line.split(":", 1)[1].strip()
        elif line.startswith("["):
            term = None
        elif line.startswith("id: "):
            term = line[4:].strip()
        elif term and line.startswith("name: "):
            labels[term] = line[6:].strip()
        elif term and line.startswith("is_a: "):
            parents.setdefault(term, set()).add(line[6:].split("!")[0].split("{")[0].strip())
    return (labels, parents), version


def closure(terms: Iterable[str], hierarchy: Hierarchy) -> dict[str, set[str]]:
    """Every term and its ancestors, each with its is_a parents."""
    _labels, parents = hierarchy
    out: dict[str, set[str]] = {}
    todo = sorted(terms)
    while todo:
        term = todo.pop()
        if term in out:
            continue
        out[term] = set(parents.get(term, set()))
        todo += sorted(out[term] - set(out))
    return out


def missing_roots(terms: Mapping[str, set[str]], roots: set[str]) -> list[str]:
    """Terms from which no is_a path reaches one of ``roots``."""
    reaches: dict[str, bool] = {}

    def reach(term: str, seen: frozenset[str] = frozenset()) -> bool:
        if term in roots:
            return True
        if term not in reaches:
            reaches[term] = any(
                reach(p, seen | {term}) for p in terms.get(term, ()) if p not in seen
            )
        return reaches[term]

    return sorted(t for t in terms if not reach(t))


def current_labels(module: Path) -> dict[str, str]:
    """Labels in the existing module (the verified current labels), by CURIE."""
    if not module.is_file():
        return {}
    text = module.read_text(encoding="utf-8")
    pairs = re.findall(
        r'^([A-Z]+):(\d{7}) a owl:Class ;\n    rdfs:label "((?:[^"\\]|\\.)*)"', text, re.MULTILINE
    )
    return {f"{p}:{n}": label for p, n, label in pairs}


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def module_text(
    prefix: str,
    terms: Mapping[str, set[str]],
    labels: Mapping[str, str],
    keep: Mapping[str, str],
    source: str,
) -> str:
    """The import module as Turtle (canonical layout is restored by ``cytokine-rdf fmt``)."""
    name = prefix.lower()
    lines = [
        f"@prefix {prefix}: <{OBO}{prefix}_> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "",
        f"<https://w3id.org/cytokine-rdf/imports/{name}_import.owl> a owl:Ontology ;",
        f"    rdfs:comment {_literal(f'MIREOT-style module with ancestry: the {prefix} terms that cytokine-rdf uses, each with its is_a parents, and every ancestor up to the root, extracted by scripts/build_imports.py from {source}. Labels are the release labels except where the project verified a newer current label (noted on the term).')}@en ;",
        f"    dcterms:source {_literal(source)} ;",
        f"    dcterms:title {_literal(f'cytokine-rdf {prefix} import module')}@en .",
        "",
    ]
    for term in sorted(terms):
        release = labels.get(term, "")
        label = keep.get(term) or release
        if not label:
            raise SystemExit(f"{term}: not in the {prefix} source; is it obsolete or mistyped?")
        parts = [f"{term} a owl:Class", f"    rdfs:label {_literal(label)}"]
        if release and label != release:
            parts.append(f"    rdfs:comment {_literal(f'Release label ({source}): {release}.')}")
        parts += [f"    rdfs:subClassOf {parent}" for parent in sorted(terms[term])]
        lines.append(" ;\n".join(parts) + " .\n")
    return "\n".join(lines)


def build(prefix: str, hierarchy: Hierarchy, source: str, ontology: Path = ONTOLOGY) -> str:
    """The new text of ``ontology/imports/<prefix>_import.ttl``."""
    own_files = sorted(ontology.glob("*.ttl"))
    module = ontology / "imports" / f"{prefix.lower()}_import.ttl"
    keep = current_labels(module)
    wanted = used_terms(prefix, own_files) | set(keep)
    terms = closure(wanted, hierarchy)
    orphans = missing_roots(terms, ROOTS[prefix])
    if orphans:
        raise SystemExit(f"no is_a path to the {prefix} root from: {', '.join(orphans)}")
    return module_text(prefix, terms, hierarchy[0], keep, source)


def write_isa_table(hierarchy: Hierarchy, prefix: str, source: str, target: Path) -> None:
    """``child<TAB>parent`` numeric ids of every is_a link (gzip, no timestamp: reproducible)."""
    import gzip

    _labels, parents = hierarchy
    lines = [f"# {prefix} is_a links from {source}; child<TAB>parent, {prefix}: ids without prefix"]
    lines += sorted(
        f"{child.split(':')[1]}\t{parent.split(':')[1]}"
        for child, ps in parents.items()
        if child.startswith(prefix + ":")
        for parent in ps
        if parent.startswith(prefix + ":")
    )
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--go-sqlite", type=Path, help="GO.db's GO.sqlite")
    parser.add_argument("--cl-owl", type=Path, help="the Cell Ontology's cl-edit.owl")
    parser.add_argument("--eco-obo", type=Path, help="the ECO release's eco-basic.obo")
    args = parser.parse_args(argv)
    gocam = ROOT / "shapes" / "gocam"  # full hierarchies for validating GO-CAM models
    if args.go_sqlite:
        hierarchy, date = go_hierarchy(args.go_sqlite)
        text = build("GO", hierarchy, f"GO release {date} (Bioconductor GO.db)")
        (ONTOLOGY / "imports" / "go_import.ttl").write_text(text, encoding="utf-8")
        write_isa_table(hierarchy, "GO", f"GO release {date}", gocam / "go-isa.tsv.gz")
    if args.cl_owl:
        text = build(
            "CL",
            cl_hierarchy(args.cl_owl),
            "Cell Ontology cl-edit.owl (obophenotype/cell-ontology)",
        )
        (ONTOLOGY / "imports" / "cl_import.ttl").write_text(text, encoding="utf-8")
    if args.eco_obo:
        hierarchy, version = obo_hierarchy(args.eco_obo)
        text = build("ECO", hierarchy, f"ECO release {version}")
        (ONTOLOGY / "imports" / "eco_import.ttl").write_text(text, encoding="utf-8")
        write_isa_table(hierarchy, "ECO", f"ECO release {version}", gocam / "eco-isa.tsv.gz")
    if not (args.go_sqlite or args.cl_owl or args.eco_obo):
        parser.error("give --go-sqlite, --cl-owl and/or --eco-obo")
    print(
        "rewrote the import modules; run `cytokine-rdf fmt ontology/imports/*.ttl`", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
