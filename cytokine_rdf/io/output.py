"""Write outputs atomically: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from cytokine_rdf.errors import OutputError

__all__ = ["write_output"]


def write_output(data: bytes | str, destination: str | Path | None) -> None:
    """Write ``data`` to ``destination`` (``None`` or ``-`` = stdout) without ever leaving it half-written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if destination is None or str(destination) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    target = Path(destination)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory", hint="give a file name with -o")
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist", hint="create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write ({exc.strerror})") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
