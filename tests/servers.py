"""Real local servers for tests: an Oxigraph server (session scope) and small faulty HTTP servers.

Nothing is mocked: the client talks HTTP to processes and threads listening on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from tools import MISSING, find_tool

__all__ = [
    "ComunicaServer",
    "OxigraphServer",
    "VirtuosoServer",
    "closed_port_url",
    "comunica_binary",
    "comunica_serving",
    "faulty_server",
    "free_port",
    "oxigraph_server",
    "virtuoso_server",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def closed_port_url(path: str = "/query") -> str:
    """A URL on a port where nothing listens (connection refused)."""
    return f"http://127.0.0.1:{free_port()}{path}"


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve`` (in memory): base URL, query URL and Graph Store URL."""

    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def store(self) -> str:
        return self.base + "/store"

    def clear(self) -> None:
        """Drop every triple (SPARQL Update ``CLEAR ALL``)."""
        request = urllib.request.Request(
            self.base + "/update",
            data=b"CLEAR ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
        urllib.request.urlopen(request, timeout=10).close()


@contextmanager
def _running(
    process: subprocess.Popen[bytes], probe: str, seconds: float, what: str
) -> Iterator[None]:
    """Wait until ``probe`` answers (or fail naming ``what``); stop the process at the end."""
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(probe, timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{what} did not start") from None
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[OxigraphServer]:
    """Start ``oxigraph serve`` on a free port, wait until it answers, kill it at the end."""
    binary = find_tool("oxigraph")
    if binary is None:
        pytest.skip(f"{MISSING}oxigraph (the Oxigraph server, PyPI `oxigraph`)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}")
    with _running(process, server.query + "?query=ASK%7B%7D", 20, "oxigraph serve"):
        yield server


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def faulty_server(respond: Handler) -> Iterator[str]:
    """A tiny HTTP server in a thread; ``respond(handler)`` answers every GET/POST. Yields its URL."""

    class _Handler(http.server.BaseHTTPRequestHandler):
        body = b""  # the request's body, for handlers that look at it

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length)
            respond(self)

        do_GET = do_POST  # noqa: N815
        do_PUT = do_POST  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    # a short poll: shutdown() waits for the loop to look (0.5 s by default, in every test)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    finally:
        httpd.shutdown()
        httpd.server_close()


def reply(status: int, body: bytes, content_type: str) -> Handler:
    """A handler answering ``status`` with ``body``."""

    def respond(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def hang(seconds: float) -> Handler:
    """A handler that answers nothing for ``seconds``."""

    def respond(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)

    return respond


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso 7 (``virtuoso-t``) with a private database: its HTTP base URL."""

    base: str
    user: str = "dba"
    password: str = "dba"

    @property
    def store(self) -> str:
        """The Graph Store endpoint (HTTP digest authentication)."""
        return self.base + "/sparql-graph-crud-auth"

    @property
    def sparql(self) -> str:
        """The plain SPARQL endpoint, as people use it: its default graph is every graph."""
        return self.base + "/sparql"

    def query(self, graph: str) -> str:
        """The SPARQL endpoint reading ``graph`` as its default graph."""
        return f"{self.sparql}?default-graph-uri={urllib.parse.quote(graph, safe='')}"


def _virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The packaged virtuoso.ini with the database in ``folder`` and loopback ports."""
    text = Path("/etc/virtuoso-opensource-7/virtuoso.ini").read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {folder}", text)
    ini = folder / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """Start Debian's ``virtuoso-t +foreground`` on free loopback ports; stop it at the end."""
    binary = find_tool("virtuoso-t")
    if binary is None or not Path("/etc/virtuoso-opensource-7/virtuoso.ini").is_file():
        pytest.skip(f"{MISSING}virtuoso-t (Debian virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = _virtuoso_ini(folder, free_port(), http_port)
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [binary, "-c", str(ini), "+foreground"], cwd=folder, stdout=log, stderr=log
    )
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}")
    try:
        with _running(
            process, server.base + "/sparql?query=ASK%7B%7D", 90, f"virtuoso-t ({folder})"
        ):
            yield server
    finally:
        log.close()


# --- Comunica ------------------------------------------------------------------------------------
REPO = Path(__file__).resolve().parent.parent
COMUNICA = "comunica-sparql-file-http"
COMUNICA_LOCAL = REPO / ".venv-node" / "node_modules" / ".bin" / COMUNICA  # scripts/setup --test


@dataclass(frozen=True)
class ComunicaServer:
    """A running ``comunica-sparql-file-http`` over fixed files: its SPARQL endpoint URL."""

    base: str
    timeout: float

    @property
    def query(self) -> str:
        return self.base + "/sparql"


def comunica_binary() -> str | None:
    """Comunica's SPARQL server as ``scripts/setup --test`` installs it (npm, project-local)."""
    if COMUNICA_LOCAL.is_file():
        return str(COMUNICA_LOCAL)
    return find_tool(COMUNICA)


@contextmanager
def comunica_serving(files: list[Path], timeout: float = 60) -> Iterator[ComunicaServer]:
    """Start Comunica's server on ``files`` on a free loopback port; ``timeout`` is its own per-query
    limit (``-t``, 60 s by default: past it the worker is restarted and the answer cut)."""
    binary = comunica_binary()
    if binary is None:
        pytest.skip(
            f"{MISSING}{COMUNICA} (npm @comunica/query-sparql-file@4; scripts/setup --test)"
        )
    port = free_port()
    preload = f'--require "{REPO / "tests" / "loopback.cjs"}"'
    env = {**os.environ, "NODE_OPTIONS": f"{os.environ.get('NODE_OPTIONS', '')} {preload}".strip()}
    process = subprocess.Popen(
        [binary, *map(str, files), "-p", str(port), "-t", f"{timeout:g}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its worker processes are stopped with it
    )
    server = ComunicaServer(f"http://127.0.0.1:{port}", timeout)
    try:
        with _running(process, server.query + "?query=ASK%7B%7D", 120, COMUNICA):
            yield server
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
