"""The one place where RDF files are read: format detection, safe offline parsing, clear errors.

Files are parsed by pyoxigraph (fast, streaming, line/column in errors, no external XML entities)
into one in-memory store; :meth:`RdfData.rdflib_graph` converts to rdflib for the libraries that need
it (pySHACL, owlready2 hand-off, serialisers).
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import re
import stat
import sys
import time
import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib

from cytokine_rdf.errors import InputError
from cytokine_rdf.io.gocam_model import document_kind as gocam_document_kind
from cytokine_rdf.io.gocam_model import read_document as read_gocam_document
from cytokine_rdf.io.progress import Progress
from cytokine_rdf.io.resources import iter_resources, resource_dir
from cytokine_rdf.vocab import FORMAT_BY_EXTENSION, OWL_IMPORTS

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "RdfData",
    "detect_format",
    "lexical_graph",
    "load",
    "load_files",
    "load_ontology_graph",
    "ontology_files",
    "rdflib_from_quads",
    "source_quads",
    "verbatim_literals",
    "written_ntriples",
]

log = logging.getLogger("cytokine_rdf")

_SNIFF_BYTES = 4096
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DATASET_FORMATS = {"trig", "n-quads"}


@dataclass
class RdfData:
    """Triples loaded from the packaged ontology and/or users' files, held in a pyoxigraph store."""

    store: pyoxigraph.Store
    sources: list[str] = field(default_factory=list)
    _rdflib: rdflib.Graph | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.store)

    def rdflib_graph(self) -> rdflib.Graph:
        """Return (and cache) the same triples as an rdflib graph."""
        if self._rdflib is None:
            self._rdflib = to_rdflib(self.store)
        return self._rdflib


def ontology_files() -> list[Path]:
    """The packaged ontology: every Turtle file in ``ontology/`` and ``ontology/imports/``."""
    return iter_resources("ontology", ".ttl")


@cache
def _catalog() -> dict[str, Path]:
    """Import IRI -> packaged file, from ``ontology/catalog-v001.xml`` (Protégé's format)."""
    root = resource_dir("ontology")
    catalog = root / "catalog-v001.xml"
    if not catalog.is_file():
        return {}
    mapping: dict[str, Path] = {}
    for element in ET.parse(catalog).getroot().iter():  # noqa: S314 - our own packaged file
        if element.tag.endswith("uri") and element.get("name") and element.get("uri"):
            mapping[element.get("name", "")] = root / element.get("uri", "")
    return mapping


def detect_format(path: Path, head: bytes) -> str:
    """Return the RDF format of a file: from its extension, else from its first bytes."""
    by_extension = FORMAT_BY_EXTENSION.get(path.suffix.lower())
    return by_extension or _sniff(head)


def _sniff(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    if text.startswith(("<?xml", "<rdf:RDF", "<RDF")):
        return "rdf/xml"
    if text.startswith(("{", "[")):
        return "json-ld"
    lowered = text.lower()
    if "@prefix" in lowered or "prefix " in lowered or "@base" in lowered:
        return "trig" if "graph " in lowered or "{" in text else "turtle"
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and all(
        ln.rstrip().endswith(".") and ln.lstrip().startswith(("<", "_:")) for ln in lines[:-1]
    ):
        # four terms on a line mean N-Quads
        first = lines[0].split()
        return "n-quads" if len(first) >= 5 and first[3].startswith(("<", "_:")) else "n-triples"
    return "turtle"


def _ox_format(name: str) -> pyoxigraph.RdfFormat:

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "n-triples": ox.RdfFormat.N_TRIPLES,
        "n-quads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "rdf/xml": ox.RdfFormat.RDF_XML,
        "json-ld": ox.RdfFormat.JSON_LD,
        "n3": ox.RdfFormat.N3,
    }[name]


def _check_readable(path: Path) -> tuple[bytes, bytes | None]:
    """The first bytes of ``path`` and, for a pipe or device (``-``, ``/dev/stdin``, a FIFO), all of
    its bytes: a stream can be read only once, so it is read whole before parsing. InputError when
    it cannot be read."""
    shown = str(path)
    try:
        mode = None if shown == "-" else path.stat().st_mode
    except FileNotFoundError:
        raise InputError(shown, "no such file", hint="check the path") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(shown, "symbolic link loop", hint="point the link at a file") from None
        raise InputError(shown, f"cannot read ({exc.strerror})") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(shown, "is a directory, not an RDF file", hint="give the files inside it")
    stream = mode is None or not stat.S_ISREG(mode)
    whole: bytes | None = None
    try:
        if shown == "-":
            whole = _read_stream(sys.stdin.buffer, shown)
        elif mode is not None and stat.S_ISFIFO(mode):
            whole = _read_fifo(path)
        elif stream:
            with path.open("rb") as handle:
                whole = _read_stream(handle, shown)
        if whole is None:
            with path.open("rb") as handle:
                head = handle.read(_SNIFF_BYTES)
        else:
            head = whole[:_SNIFF_BYTES]
    except OSError as exc:
        raise InputError(shown, f"cannot read ({exc.strerror})") from exc
    if not head.strip():
        raise InputError(shown, "file is empty, no RDF to read", hint="give a file with triples")
    if b"\x00" in head:
        raise InputError(
            shown,
            "binary data, not an RDF text file",
            hint="give Turtle, N-Triples, RDF/XML, JSON-LD, TriG or N-Quads",
        )
    return head, whole


MAX_STREAM_ENV = "CYTOKINE_RDF_MAX_STREAM_BYTES"
_MAX_STREAM = 2 * 1024 * 1024 * 1024  # bytes read from a pipe or device, which is held whole


def _read_stream(handle: Any, shown: str, first: bytes = b"") -> bytes:
    """A stream read whole, but not forever: binary data (``/dev/zero``) is refused at its first
    chunk, and more than ``CYTOKINE_RDF_MAX_STREAM_BYTES`` (``yes |``) past that limit."""
    limit = int(os.environ.get(MAX_STREAM_ENV) or _MAX_STREAM)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk, first = (first, b"") if first else (handle.read(1 << 20), b"")
        if not chunk:
            return b"".join(chunks)
        if size < _SNIFF_BYTES and b"\x00" in chunk:
            raise InputError(
                shown,
                "binary data, not an RDF text file",
                hint="give Turtle, N-Triples, RDF/XML, JSON-LD, TriG or N-Quads",
            )
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(
                shown,
                f"more than {limit:,} bytes from a pipe or device",
                hint=f"write it to a file first, or raise {MAX_STREAM_ENV}=BYTES",
            )


FIFO_WAIT_ENV = "CYTOKINE_RDF_FIFO_WAIT"
_FIFO_WAIT = 30.0  # seconds to wait for a process to open a named pipe for writing


def _read_fifo(path: Path) -> bytes:
    """Read a named pipe whole. Opening one for reading blocks until a writer opens it, so it is
    opened without blocking and polled: no writer within the wait is an error, not a hang."""
    wait = float(os.environ.get(FIFO_WAIT_ENV) or _FIFO_WAIT)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:  # a writer is there, nothing written yet: now block on it
                os.set_blocking(fd, True)
                continue
            if chunk:  # a writer came: read the rest as any stream
                os.set_blocking(fd, True)
                return _read_stream(io.FileIO(fd, closefd=False), str(path), first=chunk)
            if os.get_blocking(fd):
                return b""  # the writer closed without writing
            if time.monotonic() > deadline:  # no writer yet (reads see end of file)
                raise InputError(
                    str(path),
                    f"named pipe: nothing opened it for writing within {wait:g} s",
                    hint=f"start the writer first, or wait longer with {FIFO_WAIT_ENV}=SECONDS",
                )
            time.sleep(0.05)
    finally:
        os.close(fd)


MAX_EXPANSION_ENV = "CYTOKINE_RDF_MAX_ENTITY_EXPANSION"
_MAX_EXPANSION = 64 * 1024 * 1024  # bytes that XML entity references may expand to in one file
# an entity reference: any XML name (with ':' or letters outside ASCII), not a character reference
_REFERENCE = re.compile(r"&([^\s&;<>\"'#%]+);")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class _EndOfDtdError(Exception):
    """Raised from expat's handler at the end of the DTD: the body is not parsed here."""


def _xml_text(text: bytes) -> str:
    """The document as characters, in the encoding its byte-order mark or declaration names."""

    for bom, codec in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\x00<\x00?", "utf-16-be"),
        (b"<\x00?\x00", "utf-16-le"),
    ):
        if text.startswith(bom):
            return text.decode(codec, errors="replace")
    declared = _XML_ENCODING.match(text.lstrip(b"\xef\xbb\xbf"))
    try:
        return text.decode(declared.group(1).decode() if declared else "utf-8", errors="replace")
    except LookupError:  # an encoding Python does not know: read as UTF-8, as the parser would
        return text.decode("utf-8", errors="replace")


def check_entity_expansion(text: bytes, shown: str) -> None:
    """Refuse RDF/XML whose entities refer to files or URLs, or would expand beyond a limit
    ("billion laughs": a 1 KB file of nested entities expands to gigabytes inside the parser).

    expat reads the DTD (any entity name, any encoding, parameter entities resolved) and stops at
    its end; the expansion is then computed, not performed. References are counted in the whole
    document, the DTD included, which can only overestimate."""

    document = _xml_text(text)
    if "<!DOCTYPE" not in document and "<!ENTITY" not in document:
        return
    declared: dict[str, str] = {}

    def declare(
        name: str,
        is_parameter: int,
        value: str | None,
        _base: str | None,
        system_id: str | None,
        public_id: str | None,
        _notation: str | None,
    ) -> None:
        if system_id is not None or public_id is not None:
            raise InputError(
                shown,
                f"XML entity {'%' if is_parameter else '&'}{name}; refers to an external "
                "file or URL, which is never read",
                hint="write the value into the file instead",
            )
        if value is not None and not is_parameter:
            declared.setdefault(name, value)  # the first declaration binds (XML 1.0, 4.2)

    def dtd_read() -> None:
        raise _EndOfDtdError

    parser = xml.parsers.expat.ParserCreate()
    # internal parameter entities may declare more entities: expand them; external ones are
    # refused by ``declare``, and an external DTD subset is never read (the handler reads nothing)
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_ALWAYS)
    parser.ExternalEntityRefHandler = lambda *_args: 1
    parser.EntityDeclHandler = declare
    parser.EndDoctypeDeclHandler = dtd_read
    try:
        parser.Parse(text, True)
    except _EndOfDtdError:
        pass
    except xml.parsers.expat.ExpatError as exc:
        if "<!ENTITY" in document:  # entities we could not read are entities we cannot bound
            raise InputError(
                shown,
                f"the XML document type declaration cannot be read: {exc}",
                line=exc.lineno,
                column=exc.offset + 1,
                hint="fix or remove the <!DOCTYPE ...> part",
            ) from None
    if not declared:
        return
    limit = int(os.environ.get(MAX_EXPANSION_ENV) or _MAX_EXPANSION)
    sizes: dict[str, int] = {}

    def size(name: str, trail: tuple[str, ...]) -> int:
        if name in trail:
            raise InputError(shown, f"XML entity &{name}; refers to itself")
        if name not in sizes:
            value = declared[name]
            total = len(value.encode("utf-8"))
            for ref in _REFERENCE.findall(value):
                if ref in declared:
                    total += size(ref, (*trail, name)) - len(ref) - 2
                if total > limit:
                    break
            sizes[name] = total
        return sizes[name]

    expanded = 0
    for ref in _REFERENCE.findall(document):
        if ref in declared:
            expanded += size(ref, ())
            if expanded > limit:
                break
    if expanded > limit or any(v > limit for v in sizes.values()):
        raise InputError(
            shown,
            f"XML entities would expand to more than {limit:,} bytes",
            hint=f"remove the nested entities, or raise the limit with {MAX_EXPANSION_ENV}=BYTES",
        )


# characters no IRI may hold (RFC 3987), however a JSON-LD context expands it
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def check_jsonld_iris(text: bytes, shown: str) -> None:
    """Refuse JSON-LD naming a node or property by an IRI that cannot be one: JSON-LD processors
    drop such a node without a word (JSON-LD 1.1, 8.1), which would lose data silently."""
    try:
        document = json.loads(text)
    except ValueError:
        return  # the parser reports the syntax error with its position
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(node))
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    continue
                named = [value] if key in ("@id", "@type") and isinstance(value, str) else []
                named += [key] if not key.startswith("@") and (":" in key or "/" in key) else []
                for iri in named:
                    if _BAD_IRI.search(iri):
                        raise InputError(
                            shown,
                            f"{where}: {iri!r} is not a valid IRI, and JSON-LD would drop it "
                            "with everything said about it",
                            hint="percent-encode the character (a space is %20, a quote %22)",
                        )
                stack.append((f"{where}.{key}", value))


def _parse_into(store: pyoxigraph.Store, path: Path, fmt: str, whole: bytes | None) -> None:

    base = path.absolute().as_uri() if str(path) != "-" else "file:///dev/stdin"
    if fmt == "rdf/xml":
        check_entity_expansion(whole if whole is not None else path.read_bytes(), str(path))
    if fmt == "json-ld":
        check_jsonld_iris(whole if whole is not None else path.read_bytes(), str(path))
    # a stream read whole is parsed from a file object, so the parser's 16 MiB limit on one
    # value holds as for files (bytes given directly are not bounded by it)
    source = {"path": path} if whole is None else {"input": io.BytesIO(whole)}
    if fmt in _DATASET_FORMATS:
        # named graphs are merged into the default graph: every command works on one graph
        quads = ox.parse(**source, format=_ox_format(fmt), base_iri=base)
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    else:
        store.bulk_load(**source, format=_ox_format(fmt), base_iri=base)


def read_file(store: pyoxigraph.Store, path: Path) -> str:
    """Parse one file into ``store``; return the format used. Raise InputError with line/column.

    GO-CAM models as JSON/YAML (gocam-py) or minerva JSON are read as GO-CAM RDF
    (:mod:`cytokine_rdf.io.gocam_model`).
    """
    head, whole = _check_readable(path)
    if kind := gocam_document_kind(path.suffix, head):
        text = whole if whole is not None else path.read_bytes()
        store.bulk_load(
            input=read_gocam_document(text, kind, str(path)), format=ox.RdfFormat.N_TRIPLES
        )
        return kind
    fmt = detect_format(path, head)
    try:
        _parse_into(store, path, fmt, whole)
        return fmt
    except SyntaxError as exc:
        line, column = _position(exc)
        sniffed = _sniff(head)
        if sniffed != fmt and (line is None or line <= 1):
            try:
                _parse_into(store, path, sniffed, whole)
            except SyntaxError:
                pass
            else:
                log.warning(
                    "%s: extension says %s but the content is %s; read as %s",
                    path,
                    fmt,
                    sniffed,
                    sniffed,
                )
                return sniffed
        raise InputError(
            str(path),
            f"not valid {fmt}: {_reason(exc)}",
            line=line,
            column=column,
            hint="fix the syntax at that position"
            if line is not None
            else f"check that the file is {fmt}",
        ) from exc
    except MemoryError as exc:
        if "maximal size" not in str(exc):
            raise
        raise InputError(
            str(path),
            "one value (a literal or an IRI) is longer than 16 MiB, the parser's fixed limit",
            hint="keep such values in a separate file and link to it",
        ) from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    line = exc.lineno if isinstance(exc.lineno, int) else None
    column = exc.offset if isinstance(exc.offset, int) else None
    return line, column


def _reason(exc: SyntaxError) -> str:
    text = str(exc.msg if exc.msg else exc)
    if text.startswith("Parser error") and ": " in text:
        text = text.split(": ", 1)[1]
    return " ".join(text.split())[:200]


def load(
    inputs: Iterable[str | Path] = (),
    *,
    include_ontology: bool = True,
    ontology: Sequence[str | Path] | None = None,
) -> RdfData:
    """Load the packaged ontology (or ``ontology`` files instead) plus ``inputs`` into one store.

    ``owl:imports`` are never fetched: an import IRI listed in the packaged catalog is read from
    its packaged file, any other is reported and ignored.
    """

    files: list[Path] = []
    if include_ontology:
        files += [Path(p) for p in ontology] if ontology is not None else ontology_files()
    files += [Path(p) for p in inputs]
    data = RdfData(ox.Store())
    load_files(data, files)
    return data


def _identity(path: Path) -> Path:
    """The file ``path`` names (links followed); a link loop is left for the reader to report."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def load_files(data: RdfData, files: Sequence[Path], *, already: Iterable[Path] = ()) -> None:
    """Parse ``files`` into ``data.store`` (each once), then follow packaged ``owl:imports``.

    Shows a progress bar (bytes read) on a terminal or with ``--progress``.
    """

    loaded = {_identity(p) for p in already}
    todo = [p for p in dict.fromkeys(files) if _identity(p) not in loaded]
    total = sum(p.stat().st_size for p in todo if str(p) != "-" and p.is_file())
    with Progress("load", total=total, unit="B") as bar:
        for path in todo:
            key = _identity(path)
            if key in loaded:
                continue
            read_file(data.store, path)
            loaded.add(key)
            data.sources.append(str(path))
            bar.advance(path.stat().st_size if str(path) != "-" and path.is_file() else 0)
    _resolve_imports(data, loaded)


def _resolve_imports(data: RdfData, loaded: set[Path]) -> None:

    seen: set[str] = set()
    while True:
        pending = [
            q.object.value
            for q in data.store.quads_for_pattern(None, ox.NamedNode(OWL_IMPORTS), None)
            if isinstance(q.object, ox.NamedNode) and q.object.value not in seen
        ]
        if not pending:
            return
        for iri in pending:
            seen.add(iri)
            local = _catalog().get(iri)
            if local is None:
                log.warning(
                    "owl:imports <%s> not followed: cytokine-rdf never fetches imports; pass the file with -i",
                    iri,
                )
            elif local.resolve() not in loaded:
                read_file(data.store, local)
                loaded.add(local.resolve())
                data.sources.append(str(local))


def to_rdflib(store: pyoxigraph.Store) -> rdflib.Graph:
    """Copy every triple of the store into a new rdflib graph."""
    return rdflib_from_quads(iter(store))


@contextmanager
def verbatim_literals() -> Iterator[None]:
    """rdflib parses literals as written inside this block (it rewrites ``"1"^^xsd:boolean`` to
    ``"true"`` by default). Not thread-safe: it sets rdflib's module-wide switch."""
    saved = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = saved


def lexical_graph(data: RdfData) -> rdflib.Graph:
    """``data`` as an rdflib graph with every literal as its file writes it.

    The store keeps typed literals in canonical form (``"4.0"^^xsd:decimal`` is read back as
    ``"4"``); SHACL constraints on a literal's text (``sh:pattern``, lengths, reported values) must
    see what was written, so the files are parsed again without a store. Data that did not come
    from regular files (a pipe) is taken from the store.
    """
    quads = _source_quads(data)
    return data.rdflib_graph() if quads is None else rdflib_from_quads(iter(quads))


def _source_quads(data: RdfData, keep: Callable[[Any], bool] | None = None) -> list[Any] | None:
    """Every quad of ``data``'s files as parsed (literals as written), or those ``keep`` accepts
    (filtered while parsing: a list of all quads of 1M triples takes 0.3 GB); None for non-files."""
    quads: list[Any] = []
    for source in data.sources:
        path = Path(source)
        if source == "-" or not path.is_file():
            return None
        head, whole = _check_readable(path)
        if gocam_document_kind(path.suffix, head):  # converted on load, not parsed as written
            return None
        fmt = detect_format(path, head)
        origin = {"path": path} if whole is None else {"input": whole}
        try:
            parsed = ox.parse(**origin, format=_ox_format(fmt), base_iri=path.absolute().as_uri())
            quads += parsed if keep is None else filter(keep, parsed)
        except (SyntaxError, MemoryError):  # read another way on load (see read_file)
            return None
    return quads


def source_quads(data: RdfData) -> list[Any]:
    """Every triple of ``data``'s files with its literals as written (the store keeps typed literals
    in canonical form); the store's own triples when the data did not come from regular files."""
    quads = _source_quads(data)
    return list(data.store) if quads is None else quads


def written_ntriples(data: RdfData) -> bytes:
    """``data`` as N-Triples with every literal as its files write it, file by file (blank nodes of
    two files stay apart); from the store when the data did not come from regular files."""
    chunks: list[bytes] = []
    for source in data.sources:
        path = Path(source)
        if source == "-" or not path.is_file():
            return _ntriples(iter(data.store))
        head, whole = _check_readable(path)
        fmt = detect_format(path, head)
        origin = {"path": path} if whole is None else {"input": whole}
        try:
            parsed = ox.parse(**origin, format=_ox_format(fmt), base_iri=path.absolute().as_uri())
            chunks.append(_ntriples(parsed))
        except (SyntaxError, MemoryError):  # read another way on load (see read_file)
            return _ntriples(iter(data.store))
    return b"".join(chunks)


def _ntriples(quads: Iterator[Any]) -> bytes:
    out = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)  # default-graph quads as triples
    assert out is not None
    return out


def rdflib_from_quads(quads: Iterator[Any]) -> rdflib.Graph:
    """An rdflib graph of ``quads`` (pyoxigraph terms), literals as they are, blank nodes by id."""
    graph = rdflib.Graph()
    cache: dict[object, rdflib.term.Identifier] = {}

    def convert(term: object) -> rdflib.term.Identifier:
        hit = cache.get(term)
        if hit is not None:
            return hit
        if isinstance(term, ox.NamedNode):
            out: rdflib.term.Identifier = rdflib.URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            out = rdflib.BNode(term.value)
        else:
            assert isinstance(term, ox.Literal)
            if term.language:
                out = rdflib.Literal(term.value, lang=term.language)
            elif term.datatype.value == XSD_STRING:
                out = rdflib.Literal(term.value)
            else:  # as written: rdflib would rewrite "1"^^xsd:boolean to "true"
                out = rdflib.Literal(
                    term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False
                )
        if not isinstance(term, ox.Literal):
            cache[term] = out
        return out

    add = graph.add
    for quad in quads:
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


def load_ontology_graph() -> rdflib.Graph:
    """The packaged ontology as an rdflib graph (convenience for tests and notebooks)."""
    return load().rdflib_graph()
