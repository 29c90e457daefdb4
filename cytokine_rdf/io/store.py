"""A persistent on-disk pyoxigraph store (``--store DIR``) that keeps a loaded dataset between runs.

``DIR/cytokine-rdf-manifest.json`` records every file loaded (resolved path, size, mtime and a
SHA-256 of the content, so an edit that keeps size and mtime is still seen). When the
same files are asked for again, unchanged, loading is skipped; new files are added; a changed or
dropped file makes the store reload from scratch. Files are parsed by :mod:`cytokine_rdf.io.graph`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

import pyoxigraph as ox

from cytokine_rdf.errors import InputError
from cytokine_rdf.io.graph import RdfData, load_files, ontology_files

__all__ = ["MANIFEST", "FileStamp", "StoreStatus", "open_store"]

log = logging.getLogger("cytokine_rdf")

MANIFEST = "cytokine-rdf-manifest.json"
_VERSION = 2  # 2: stamps carry a SHA-256


@dataclass(frozen=True, order=True)
class FileStamp:
    """A loaded file: resolved path, size in bytes, modification time in nanoseconds, SHA-256."""

    path: str
    size: int
    mtime_ns: int
    sha256: str = ""

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        """Stamp an existing file (InputError when it is missing)."""
        try:
            stat = path.stat() if str(path) != "-" else None
            if stat is None or not S_ISREG(stat.st_mode):
                # opening a pipe blocks until a writer comes, and a stream cannot be read again
                raise InputError(
                    str(path),
                    "a pipe, device or standard input cannot be kept in a --store",
                    hint="save it to a file first, or drop --store",
                )
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except OSError as exc:
            raise InputError(str(path), "no such file", hint="check the path") from exc
        return cls(str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest.hexdigest())


@dataclass(frozen=True)
class StoreStatus:
    """What :func:`open_store` did: ``reused``, ``added`` or ``reloaded``, which files, how long."""

    action: str
    loaded: tuple[str, ...]
    seconds: float
    triples: int


def _read_manifest(directory: Path) -> list[FileStamp] | None:
    path = directory / MANIFEST
    if not path.is_file():
        return None
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != _VERSION:
            return None
        return [
            FileStamp(str(f["path"]), int(f["size"]), int(f["mtime_ns"]), str(f["sha256"]))
            for f in doc["files"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_manifest(directory: Path, stamps: Sequence[FileStamp]) -> None:
    doc = {
        "version": _VERSION,
        "files": [
            {"path": s.path, "size": s.size, "mtime_ns": s.mtime_ns, "sha256": s.sha256}
            for s in stamps
        ],
    }
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    tmp.replace(directory / MANIFEST)


def _open(directory: Path) -> Any:

    if directory.exists() and not directory.is_dir():
        raise InputError(
            str(directory),
            "is not a folder",
            hint="give --store a folder (it is created if missing)",
        )
    directory.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(directory))
    except OSError as exc:
        text = " ".join(str(exc).split())[:200]
        hint = "another cytokine-rdf may be using it" if "lock" in text.lower() else None
        raise InputError(str(directory), f"cannot open the store: {text}", hint=hint) from exc
    for old in directory.glob("LOG.old.*"):  # RocksDB keeps one info log per open: drop the old
        with contextlib.suppress(OSError):
            old.unlink()
    return store


def open_store(
    directory: str | Path,
    inputs: Iterable[str | Path] = (),
    *,
    include_ontology: bool = True,
) -> tuple[RdfData, StoreStatus]:
    """Open (creating if needed) the store in ``directory`` holding the ontology plus ``inputs``."""
    folder = Path(directory)
    start = time.perf_counter()
    files: list[Path] = list(ontology_files()) if include_ontology else []
    files += [Path(p) for p in inputs]
    wanted: list[FileStamp] = []
    for path in files:
        stamp = FileStamp.of(path)
        if stamp.path not in {w.path for w in wanted}:
            wanted.append(stamp)
    store = _open(folder)
    data = RdfData(store)
    previous = _read_manifest(folder)
    have = set(previous or [])
    if (
        previous is not None
        and have <= set(wanted)
        and {s.path for s in previous} <= {w.path for w in wanted}
    ):
        todo = [w for w in wanted if w not in have]
        action = "added" if todo else "reused"
        kept = list(previous)
    else:
        store.clear()
        todo, action, kept = wanted, "reloaded", []
    if todo:
        (folder / MANIFEST).unlink(missing_ok=True)  # an interrupted load must not look complete
        data.sources = [s.path for s in kept]
        load_files(data, [Path(s.path) for s in todo], already={Path(s.path) for s in kept})
        store.flush()
        _write_manifest(folder, [*kept, *todo])
    else:
        data.sources = [s.path for s in kept]
    seconds = time.perf_counter() - start
    status = StoreStatus(action, tuple(s.path for s in todo), seconds, len(store))
    log.info("store %s: %s (%d file(s) loaded, %.2f s)", folder, action, len(todo), seconds)
    return data, status
