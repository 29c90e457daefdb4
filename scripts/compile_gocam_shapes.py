"""Compile the packaged GO-CAM ShEx schema to ShExJ, so that `validate --shapes gocam` loads it
instead of parsing the ShExC (ANTLR) on every run. Run it after refreshing go-cam-shapes.shex:

    python scripts/compile_gocam_shapes.py

The file records the SHA-256 of the .shex it came from; a stale file is ignored (the ShExC is parsed).
"""

from __future__ import annotations

import json
from pathlib import Path

from cytokine_rdf.validation.gocam import SHEXJ, compile_schema

TARGET = Path(__file__).resolve().parent.parent / "shapes" / "gocam" / SHEXJ

if __name__ == "__main__":
    TARGET.write_text(
        json.dumps(compile_schema(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {TARGET}")
