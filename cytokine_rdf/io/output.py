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
    try:
        if target.is_symlink():  # replace what the link points to, and keep the link
            target = target.resolve(strict=False)
        exists = target.exists()
        special = exists and not target.is_file() and not target.is_dir()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise OutputError(f"{destination}: cannot resolve ({exc})", hint="check the path") from exc
    if special:  # a device, FIFO or socket is written through, never replaced by a file
        try:
            with target.open("wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write ({exc.strerror})") from exc
        return
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
        if exists:
            # keep the permissions of the file being replaced
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:  # Ctrl-C or SIGTERM too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({exc.strerror})") from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
