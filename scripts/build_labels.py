"""Write ``shapes/gocam/labels.tsv.gz``: the labels of every GO, ECO, CL and RO term, offline.

    python scripts/build_labels.py --go-sqlite GO.sqlite --eco-obo eco-basic.obo \\
        --cl-owl cl-edit.owl --ro-obo ro-base.obo

The sources are the ones ``scripts/build_imports.py`` reads for the hierarchies (GO.db's SQLite
file, GO release 2022-07-01, CC BY 4.0; ECO's ``eco-basic.obo``, CC0; the Cell Ontology's
``src/ontology/cl-edit.owl``, CC BY 4.0) plus RO's ``ro-base.obo`` (oborel/obo-relations, CC0).
Nothing is downloaded. Rows are ``CURIE<TAB>label``, sorted; the file is gzip without a timestamp,
so the same sources give the same bytes. GO-CAM tables and diagrams of users' models take labels
from it (:mod:`cytokine_rdf.io.labels`) for terms their files leave unlabelled.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_imports import ROOT, cl_hierarchy, go_hierarchy, obo_hierarchy

TARGET = ROOT / "shapes" / "gocam" / "labels.tsv.gz"


def ro_labels(obo_file: Path) -> dict[str, str]:
    """Names of the RO relations (``[Typedef]`` stanzas with an ``RO:`` id) in an OBO file."""
    labels: dict[str, str] = {}
    term: str | None = None
    for line in obo_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            term = None
        elif line.startswith("id: RO:"):
            term = line[4:].strip()
        elif term and line.startswith("name: "):
            labels[term] = line[6:].strip()
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--go-sqlite", type=Path, required=True)
    parser.add_argument("--eco-obo", type=Path, required=True)
    parser.add_argument("--cl-owl", type=Path, required=True)
    parser.add_argument("--ro-obo", type=Path, required=True)
    args = parser.parse_args(argv)
    (go, _), go_date = go_hierarchy(args.go_sqlite)
    (eco, _), eco_version = obo_hierarchy(args.eco_obo)
    cl, _ = cl_hierarchy(args.cl_owl)
    ro = ro_labels(args.ro_obo)
    labels = {**go, **{k: v for k, v in eco.items() if k.startswith("ECO:")}}
    labels |= {k: v for k, v in cl.items() if k.startswith("CL:")} | ro
    header = (
        f"# labels: GO release {go_date} (GO.db, CC BY 4.0), {eco_version} (CC0), "
        f"Cell Ontology cl-edit.owl (CC BY 4.0), RO ro-base.obo (CC0); CURIE<TAB>label"
    )
    rows = [header] + [f"{k}\t{v}" for k, v in sorted(labels.items()) if ":" in k and "\t" not in v]
    with TARGET.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"wrote {len(rows) - 1} labels to {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
