"""A small dependency-free progress bar on stderr (only on a terminal, or when forced).

Usage::

    with Progress("push", total=n_triples, unit="triples") as bar:
        for chunk in chunks:
            ...
            bar.advance(len(chunk))
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Self, TextIO

__all__ = ["Progress", "Stage", "enabled", "set_forced"]

_FORCED: bool | None = None
_MIN_INTERVAL = 0.1  # seconds between redraws
_QUIET_START = 1.0  # on a terminal, a bar appears only for work that lasts longer than this


def set_forced(value: bool | None) -> None:
    """``True`` shows bars even when stderr is not a terminal (``--progress``); None = automatic."""
    global _FORCED
    _FORCED = value


def enabled(stream: TextIO | None = None) -> bool:
    """Whether bars are drawn: forced with ``--progress``, else only when stderr is a terminal."""
    if _FORCED is not None:
        return _FORCED
    if os.environ.get("CYTOKINE_RDF_PROGRESS") == "1":
        return True
    out = stream or sys.stderr
    return bool(getattr(out, "isatty", lambda: False)())


def _human(n: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            return f"{n / size:.1f}{unit}"
    return f"{n:.0f}"


class Progress:
    """A one-line bar: ``label [#####.....] 52% 520k/1.0M triples 310k/s``; a no-op when disabled."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "",
        stream: TextIO | None = None,
        force: bool | None = None,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream or sys.stderr
        self.active = enabled(self.stream) if force is None else force
        # asked for (--progress, force): drawn at once; automatic: not for sub-second work
        self.delay = 0.0 if (force or _FORCED) else _QUIET_START
        self.done = 0
        self.start = time.perf_counter()
        self._last = 0.0
        self._drawn = False

    def __enter__(self) -> Self:
        self.start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more units done; redraw at most every 0.1 s."""
        self.done += n
        now = time.perf_counter()
        if self.active and now - self._last >= _MIN_INTERVAL and now - self.start >= self.delay:
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The current bar text (without carriage return)."""
        elapsed = max((now or time.perf_counter()) - self.start, 1e-9)
        rate = f"{_human(self.done / elapsed)}/s"
        unit = f" {self.unit}" if self.unit else ""
        if self.total:
            frac = min(self.done / self.total, 1.0)
            filled = int(frac * 20)
            bar = "#" * filled + "." * (20 - filled)
            return f"{self.label} [{bar}] {frac:4.0%} {_human(self.done)}/{_human(self.total)}{unit} {rate}"
        return f"{self.label} {_human(self.done)}{unit} {rate}"

    def _draw(self, now: float) -> None:
        self._drawn = True
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line (nothing, if the bar never showed)."""
        if self.active and (self._drawn or self.delay == 0.0):
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()
            self.active = False


class Stage:
    """A step that cannot count its work (HermiT, pySHACL): ``label ...`` while it runs, then
    ``label: done in 2.3 s``; a no-op when bars are off."""

    def __init__(self, label: str, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.active = enabled(self.stream)
        self.start = time.perf_counter()

    def __enter__(self) -> Self:
        self.start = time.perf_counter()
        if self.active:
            self.stream.write(f"{self.label} ...")
            self.stream.flush()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.active:
            verdict = "done" if exc_type is None else "stopped"
            elapsed = time.perf_counter() - self.start
            self.stream.write(f"\r{self.label}: {verdict} in {elapsed:.1f} s\x1b[K\n")
            self.stream.flush()
