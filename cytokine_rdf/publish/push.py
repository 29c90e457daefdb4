"""Upload triples to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

The data is sent as N-Triples in chunks of about 50,000 triples, each a ``POST`` to ``URL?default``
or ``URL?graph=IRI`` (POST adds to the graph, so chunks accumulate); with ``replace`` the first
chunk is a ``PUT``, which replaces the graph, so a re-run is idempotent.

A server scopes blank-node labels to one request, so the triples of one blank-node structure (a
restriction, a list, an axiom annotation: every triple connected through shared blank nodes) always
travel in the same request; a structure bigger than a chunk travels alone in a bigger request. After
a push the server's graph is isomorphic to the data. A chunk that fails stops the push with a message
that says how many chunks (and triples) landed before it. Errors raise
:class:`~cytokine_rdf.errors.EndpointError`.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from cytokine_rdf.errors import EndpointError
from cytokine_rdf.io.progress import Progress
from cytokine_rdf.sparql.remote import DEFAULT_TIMEOUT, http_request
from cytokine_rdf.terms import Term

if TYPE_CHECKING:
    from cytokine_rdf.io.graph import RdfData

__all__ = ["CHUNK_TRIPLES", "PushResult", "graph_store_url", "plan_chunks", "push"]

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


def _lines(triple: ox.Triple) -> bytes:
    return f"{triple} .\n".encode()


def plan_chunks(triples: Iterable[ox.Triple], size: int) -> list[tuple[bytes, int]]:
    """N-Triples request bodies of about ``size`` triples, never splitting a blank-node structure."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    ground: list[bytes] = []
    linked: list[tuple[str, bytes]] = []
    for triple in triples:
        nodes = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
        if not nodes:
            ground.append(_lines(triple))
            continue
        root = find(nodes[0])
        for other in nodes[1:]:
            parent[find(other)] = root
        linked.append((nodes[0], _lines(triple)))
    groups: dict[str, list[bytes]] = {}
    for node, line in linked:
        groups.setdefault(find(node), []).append(line)
    chunks: list[tuple[bytes, int]] = []
    body: list[bytes] = []
    for group in [*groups.values(), *([line] for line in ground)]:
        if body and len(body) + len(group) > size:
            chunks.append((b"".join(body), len(body)))
            body = []
        body.extend(group)
    if body:
        chunks.append((b"".join(body), len(body)))
    return chunks


def push(
    data: RdfData,
    store_url: str,
    *,
    graph: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    chunk_triples: int = CHUNK_TRIPLES,
    progress: Progress | None = None,
    replace: bool = False,
) -> PushResult:
    """Send every triple of ``data`` to the Graph Store at ``store_url``; return what was sent.

    ``replace`` replaces the graph's content (the first request is a PUT) instead of adding to it.
    """

    url = graph_store_url(store_url, graph)
    total = len(data.store)
    bar = progress or Progress("push", total=total, unit="triples")
    plan = plan_chunks(
        (q.triple for q in data.store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
        chunk_triples,
    )
    if replace and not plan:
        plan = [(b"", 0)]  # an empty PUT still empties the graph
    sent = 0
    start = time.perf_counter()
    with bar:
        for index, (body, count) in enumerate(plan):
            method = "PUT" if replace and index == 0 else "POST"
            try:
                http_request(
                    url,
                    method=method,
                    body=body,
                    content_type=N_TRIPLES,
                    timeout=timeout,
                    what="graph store",
                )
            except EndpointError as exc:
                if graph is None and index == 0 and "default graph" in exc.message.lower():
                    # e.g. Virtuoso: HTTP 500 "the endpoint is not configured to have default graph"
                    raise EndpointError(
                        f"{store_url} has no default graph to write to ({exc.message})",
                        hint="pass --graph IRI to push into a named graph, and query it with"
                        " --endpoint URL --default-graph IRI",
                    ) from exc
                landed = f"{index} of {len(plan)} chunks ({sent:,} triples) landed before it"
                raise EndpointError(
                    f"chunk {index + 1} failed, {landed}: {exc}",
                    hint="fix the cause and re-run with --replace: it replaces the graph, so nothing is duplicated",
                ) from exc
            sent += count
            bar.advance(count)
    return PushResult(sent, len(plan), time.perf_counter() - start, url)
