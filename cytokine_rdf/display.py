"""Text that is safe to show: one home for escaping what would drive a terminal or break a line.

Labels, messages and values come from users' files and from remote servers; written raw, an
escape sequence retitles or clears the terminal, hides text or plants a link, and a control
character makes XML (SVG, JUnit) ill-formed.
"""

from __future__ import annotations

import unicodedata

__all__ = ["printable", "printable_lines"]

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with control and format characters (newlines, terminal escapes, bidi overrides,
    zero-width marks) written as escapes, so a value cannot break a row or drive the terminal.

    >>> printable("IL7\\x1b[31m red\\nsecond line")
    'IL7\\\\x1b[31m red\\\\nsecond line'
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() and unicodedata.category(ch) != "Cf":
            out.append(ch)
        else:
            out.append(
                _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
            )
    return "".join(out)


def printable_lines(text: str) -> str:
    """Like :func:`printable`, keeping the line breaks (and indentation) of multi-line text.

    >>> printable_lines("ok\\n  \\x1b]0;title\\x07")
    'ok\\n  \\\\x1b]0;title\\\\x07'
    """
    return "\n".join(printable(line) for line in text.split("\n"))
