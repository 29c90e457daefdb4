"""Upload triples to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

The data is written once as N-Triples (by pyoxigraph, into a temporary file) and sent in chunks of
about 50,000 triples, each a ``POST`` to ``URL?default`` or ``URL?graph=IRI`` (POST adds to the
graph, so chunks accumulate). Errors raise :class:`~cytokine_rdf.errors.EndpointError`.
"""

from __future__ import annotations

import itertools
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from cytokine_rdf.io.progress import Progress
from cytokine_rdf.sparql.remote import DEFAULT_TIMEOUT, http_request
from cytokine_rdf.terms import Term

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData

__all__ = ["CHUNK_TRIPLES", "PushResult", "graph_store_url", "push"]

CHUNK_TRIPLES = 50_000
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushResult:
    """What was sent: triples, chunks (requests), seconds and the target URL."""

    triples: int
    chunks: int
    seconds: float
    url: str

    @property
    def rate(self) -> float:
        """Triples per second."""
        return self.triples / self.seconds if self.seconds > 0 else float("inf")


def graph_store_url(store_url: str, graph: str | None = None) -> str:
    """``URL?default`` or ``URL?graph=<IRI, percent-encoded>`` (keeps a query string already there)."""
    if graph is not None:
        Term.iri(graph)  # refuse anything that is not an absolute IRI
        param = "graph=" + urllib.parse.quote(graph, safe="")
    else:
        param = "default"
    return f"{store_url}{'&' if '?' in store_url else '?'}{param}"


def _chunks(handle: IO[bytes], size: int) -> Iterator[tuple[bytes, int]]:
    while True:
        lines = list(itertools.islice(handle, size))
        if not lines:
            return
        yield b"".join(lines), len(lines)


def push(
    data: RdfData,
    store_url: str,
    *,
    graph: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    chunk_triples: int = CHUNK_TRIPLES,
    progress: Progress | None = None,
) -> PushResult:
    """Send every triple of ``data`` to the Graph Store at ``store_url``; return what was sent."""

    url = graph_store_url(store_url, graph)
    total = len(data.store)
    bar = progress or Progress("push", total=total, unit="triples")
    sent = chunks = 0
    with tempfile.TemporaryDirectory(prefix="cytokine-rdf-push-") as tmp:
        dump = Path(tmp) / "data.nt"
        data.store.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        start = time.perf_counter()
        with dump.open("rb") as handle, bar:
            for body, count in _chunks(handle, chunk_triples):
                http_request(
                    url, body=body, content_type=N_TRIPLES, timeout=timeout, what="graph store"
                )
                sent += count
                chunks += 1
                bar.advance(count)
        seconds = time.perf_counter() - start
    return PushResult(sent, chunks, seconds, url)
