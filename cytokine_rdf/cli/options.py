"""Options shared by several commands (same short flags everywhere: -i -o -f -p)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["INPUT", "OUTPUT", "format_option"]

INPUT = click.option(
    "-i",
    "--input",
    "inputs",
    multiple=True,
    metavar="DATA",
    help="An RDF file to add to the packaged ontology (repeatable; format from extension or content).",
)
OUTPUT = click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Write here instead of stdout (atomically: an existing file is never left half-written).",
)


def format_option(choices: tuple[str, ...], default: str) -> Callable[[F], F]:
    """A ``-f/--format`` option with ``choices``."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )
