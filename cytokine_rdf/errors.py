"""Exceptions the CLI turns into a one-line message and an exit code (0 ok, 1 findings, 2 could not run)."""

from __future__ import annotations

__all__ = [
    "CytokineRdfError",
    "EndpointError",
    "InputError",
    "OutputError",
    "ParameterError",
    "QueryError",
    "ReasonerError",
]


class CytokineRdfError(Exception):
    """Base class: something stopped the command from running (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(CytokineRdfError):
    """An input file is missing, unreadable or not valid RDF."""

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {problem}", hint=hint)
        self.path = path
        self.line = line
        self.column = column


class OutputError(CytokineRdfError):
    """An output file cannot be written."""


class QueryError(CytokineRdfError):
    """A template or SPARQL query is unknown, malformed or failed."""


class ParameterError(CytokineRdfError):
    """A template parameter is unknown, missing, ill-typed or ambiguous."""


class ReasonerError(CytokineRdfError):
    """The reasoner could not run (no Java, a crash)."""


class EndpointError(CytokineRdfError):
    """A remote SPARQL endpoint or Graph Store failed or answered something that is not SPARQL."""
