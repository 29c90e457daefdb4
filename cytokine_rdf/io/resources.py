"""Find the packaged ontology/, shapes/ and queries/ folders in a wheel, an editable install or a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from cytokine_rdf.errors import InputError

__all__ = ["MAX_TEXT_BYTES", "Kind", "iter_resources", "read_text_file", "resource_dir"]

MAX_TEXT_BYTES = 1024 * 1024  # a query, template or profile: far more than any real one

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


def read_text_file(path: Path, what: str, *, limit: int = MAX_TEXT_BYTES) -> str:
    """A small text file (query, template, profile) as UTF-8, refusing what is not one.

    A device or FIFO (a ``.rq`` that links to ``/dev/zero``) would never end, a huge file is not a
    query: both are refused, as are bytes that are not UTF-8 (with their position). A leading
    byte-order mark is dropped.
    """
    try:
        if not path.is_file():
            problem = "no such file" if not path.exists() else "not a regular file"
            raise InputError(str(path), f"{problem}: cannot read it as a {what}")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:  # a symlink loop, permissions
        raise InputError(str(path), f"cannot read the {what} ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputError(str(path), f"larger than {limit:,} bytes: not a {what}")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            str(path), f"byte {exc.start} is not UTF-8", line=line, hint=f"save the {what} as UTF-8"
        ) from exc
