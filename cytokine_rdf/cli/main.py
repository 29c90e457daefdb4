"""Root command group: version, verbosity, and the one place errors become exit codes."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import sys
from typing import Any

import click

from cytokine_rdf.display import printable_lines
from cytokine_rdf.errors import CytokineRdfError

__all__ = ["main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns library errors into one line on stderr and exit 2 (traceback only with -v)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except CytokineRdfError as exc:
            _fail(ctx, f"error: {exc}", exc.exit_code)
        except KeyboardInterrupt:
            _fail(ctx, "interrupted", 130)  # 128 + SIGINT, as shells report it
        except MemoryError:
            _fail(ctx, "error: out of memory", 2)
        except BrokenPipeError:  # the reader stopped (`| head`): nothing to say to it
            _quiet_stdout()  # the interpreter would fail again flushing it at exit
            ctx.exit(128 + signal.SIGPIPE)  # as a shell reports a command its pipe stopped
        except Exception as exc:  # noqa: BLE001 - the last guard: no traceback without -v
            if isinstance(exc, OSError) and exc.errno in _FULL:
                _quiet_stdout()  # the interpreter would fail again flushing it at exit
                _fail(ctx, f"error: cannot write the output: {exc.strerror}", 2)
            _fail(
                ctx,
                f"error: unexpected {type(exc).__name__}: {' '.join(str(exc).split())[:300]} (run with -v for details)",
                2,
            )


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # a full disk or quota: the output is lost


def _quiet_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(ctx: click.Context, message: str, code: int) -> None:
    if _verbose(ctx):
        import traceback

        traceback.print_exc(file=sys.stderr)
    click.echo(printable_lines(message), err=True)  # file names and server text are untrusted
    ctx.exit(code)


def _terminated(signum: int, _frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C (temporary files removed) and exits 128 + 15, as shells do."""
    raise SystemExit(128 + signum)


def _verbose(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("verbose"))


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(None, "--version", package_name="cytokine-rdf", prog_name="cytokine-rdf")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks and debug messages.")
def main(verbose: bool) -> None:
    """Query, validate, reason over and export the cytokine-signalling ontology.

    With no input files every command works on the packaged ontology; -i adds your files.
    Exit codes: 0 ok, 1 findings (violations, unsatisfiable classes), 2 could not run.

    \b
    Example:
        cytokine-rdf query run pathway-members -p pathway=IL7
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("rdflib", "pyshacl", "owlready2"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.ERROR)
    signal.signal(signal.SIGTERM, _terminated)


def _register() -> None:
    from . import diagram, diff, docs, export, fmt, lookup, push, query, reason, sparql, validate

    for module in (export, push, query, reason, sparql, validate, fmt, diff, diagram, docs, lookup):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
