"""Find the packaged ontology/, shapes/ and queries/ folders in a wheel, an editable install or a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

__all__ = ["Kind", "iter_resources", "resource_dir"]

Kind = Literal["ontology", "shapes", "queries"]


@cache
def resource_dir(kind: Kind) -> Path:
    """Return the folder holding the packaged ``kind`` files.

    In a wheel the data lives at ``cytokine_rdf/data/<kind>``; in a checkout or editable install it
    is the top-level ``<kind>/`` folder next to the package.
    """
    packaged = Path(str(files("cytokine_rdf").joinpath("data", kind)))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"no packaged or checked-out {kind}/ directory")


def iter_resources(kind: Kind, suffix: str, *, recursive: bool = True) -> list[Path]:
    """List the packaged files of ``kind`` ending in ``suffix``, sorted (never editor junk)."""
    root = resource_dir(kind)
    found = root.rglob(f"*{suffix}") if recursive else root.glob(f"*{suffix}")
    return sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts)
