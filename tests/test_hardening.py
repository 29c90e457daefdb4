"""Bad inputs against every command that reads input: exit 2, one short line naming the file, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cytokine_rdf.cli import main

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = sorted(p for p in BAD.iterdir() if p.name != "README.md")


def _first_template_args() -> list[str]:
    listed = CliRunner().invoke(main, ["query", "list", "-f", "json"])
    templates = json.loads(listed.stdout) if listed.exit_code == 0 else []
    if not templates:
        return []
    return ["query", "run", templates[0]["name"], *templates[0]["example_args"]]


def _commands() -> dict[str, list[str]]:
    """Each command that reads an input file, with the bad file appended last."""
    commands = {
        "export": ["export", "-i"],
        "sparql": ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-i"],
        "validate": ["validate"],
        "validate --shapes": ["validate", "--no-reason", "--shapes"],
        "validate --ontology": ["validate", "--no-reason", "--ontology"],
        "reason": ["reason", "-i"],
        "lookup": ["lookup", "IL7R", "-i"],
        "diagram": ["diagram", "IL7", "-f", "mermaid", "-i"],
        "diff": ["diff", str(Path(__file__).parent / "data" / "minimal.ttl")],
        "fmt": ["fmt", "--check"],
        # the file is read before any connection is attempted; port 9 (discard) is never reached
        "push": ["push", "--store", "http://127.0.0.1:9/store", "--timeout", "2", "-i"],
    }
    template = _first_template_args()
    if template:
        commands["query run"] = [*template, "-i"]
    return commands


COMMANDS = _commands()


def _check_refused(args: list[str], shown: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 3, result.stderr
    assert shown in lines[-1]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", CORPUS, ids=lambda p: p.name)
def test_bad_file_is_refused_cleanly(command: str, bad: Path) -> None:
    _check_refused([*COMMANDS[command], str(bad)], str(bad))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_missing_file_and_directory(command: str, tmp_path: Path) -> None:
    _check_refused([*COMMANDS[command], str(tmp_path / "missing.ttl")], "no such file")
    _check_refused([*COMMANDS[command], str(tmp_path)], "is a directory")


def test_syntax_errors_name_line_and_column() -> None:
    result = CliRunner().invoke(main, ["export", "-i", str(BAD / "malformed.ttl")])
    assert f"{BAD / 'malformed.ttl'}:3:11:" in result.stderr


def test_very_large_literal_is_handled(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text(
        f'<http://example.org/a> <http://example.org/b> "{"x" * 5_000_000}" .\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "sparql",
            "SELECT (STRLEN(?o) AS ?n) WHERE { <http://example.org/a> ?p ?o }",
            "-i",
            str(big),
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "5000000"


@pytest.mark.slow
def test_output_in_an_unwritable_place_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["export", "-o", "/proc/cytokine-rdf-test.ttl"])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


OUTPUT_COMMANDS = {
    "export": ["export", "-i", str(BAD / "malformed.ttl")],
    "sparql": ["sparql", "SELECT ?x WHERE { ?x ?y }"],
    "query run": ["query", "run", "no-such-template"],
    "validate": ["validate", str(BAD / "malformed.ttl")],
    "reason": ["reason", "-i", str(BAD / "empty.ttl")],
    "diagram": ["diagram", "no-such-pathway-anywhere", "-f", "mermaid"],
    "lookup": ["lookup", "IL7R", "-i", str(BAD / "binary.ttl")],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
def test_existing_output_is_untouched_after_a_failure(command: str, tmp_path: Path) -> None:
    out = tmp_path / "precious.out"
    out.write_bytes(b"precious bytes")
    args = OUTPUT_COMMANDS[command]
    if "-o" in (CliRunner().invoke(main, [*args[:2], "--help"]).stdout or ""):
        args = [*args, "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert out.read_bytes() == b"precious bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.out"]


def test_a_store_in_use_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "kb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph, sys, time; s = pyoxigraph.Store({str(folder)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = CliRunner().invoke(main, ["sparql", "ASK { ?s ?p ?o }", "--store", str(folder)])
        assert result.exit_code == 2
        assert "another cytokine-rdf may be using it" in result.stderr
    finally:
        holder.kill()
        holder.wait()


NO_NETWORK_COMMANDS = [
    ["export", "-f", "jsonld"],
    ["export", "--gocam", "--pathway", "IL7"],
    ["validate"],
    ["reason"],
    ["query", "run", "pathway-members", "-p", "pathway=IL7"],
    ["query", "run", "gene-xrefs", "-p", "gene=P16871", "-f", "json"],
    ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    ["lookup", "IL21R"],
    ["diagram", "IL21", "-f", "dot"],
    ["query", "check"],
    ["query", "catalog", "-f", "ttl"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", NO_NETWORK_COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_no_command_touches_the_network_unasked(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    attempts: list[object] = []

    def refuse(*call: object, **kwargs: object) -> None:
        attempts.append(call)
        raise OSError("network access in a test that must stay offline")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.stderr
    assert attempts == []


@pytest.mark.slow
@pytest.mark.parametrize("args", [["query", "list"], ["export", "-f", "nt"]])
def test_a_reader_that_stops_early_is_no_error(args: list[str]) -> None:
    """`cytokine-rdf query list | head -1`: the pipe closes before the output is written; the
    command stops with the shell's 141 (128 + SIGPIPE) and says nothing."""
    import os
    import subprocess
    import sys

    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    cli = Path(sys.executable).parent / "cytokine-rdf"
    done = subprocess.run(
        [str(cli), *args], stdout=write, capture_output=False, stderr=subprocess.PIPE, check=False
    )
    os.close(write)
    assert done.returncode == 141, done.stderr
    assert done.stderr == b""


@pytest.mark.parametrize("spelling", ["-", "/dev/stdin"])
def test_piped_input_is_read_whole(spelling: str, tmp_path: Path) -> None:
    """A pipe can be read once: the format sniff must not eat its first 4096 bytes."""
    import subprocess
    import sys

    long_literal = "x" * 6000  # longer than the sniffed head
    data = (
        f'<http://e/a> <http://e/b> "{long_literal}" .\n<http://e/c> <http://e/d> <http://e/e> .\n'
    )
    cli = Path(sys.executable).parent / "cytokine-rdf"
    done = subprocess.run(
        [str(cli), "export", "--part", "data", "-f", "nt", "-i", spelling],
        input=data.encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().count(" .\n") == 2


def _laughs(levels: int, name: str = "l", *, in_attribute: bool = False) -> str:
    entities = [f'<!ENTITY {name}0 "' + "a" * 64 + '">']
    entities += [
        f'<!ENTITY {name}{i} "' + f"&{name}{i - 1};" * 16 + '">' for i in range(1, levels + 1)
    ]
    use = (
        f'ex:a="&{name}{levels};"/>'
        if in_attribute
        else f"><ex:p>&{name}{levels};</ex:p></rdf:Description>"
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/x"'
        f"{use}</rdf:RDF>\n"
    )


def _hidden_laughs(levels: int) -> str:
    """The same bomb declared inside a parameter entity, so no <!ENTITY x ...> is in plain sight."""
    inner = (
        "<!ENTITY x0 '"
        + "a" * 64
        + "'>"
        + "".join(f"<!ENTITY x{i} '" + f"&#38;x{i - 1};" * 16 + "'>" for i in range(1, levels + 1))
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY % d "{inner}">\n%d;\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/x">'
        f"<ex:p>&x{levels};</ex:p></rdf:Description></rdf:RDF>\n"
    )


@pytest.mark.parametrize(
    "bomb",
    [
        _laughs(8, "a:b"),  # a name with a colon
        _laughs(8, "é"),  # a name with a letter outside ASCII
        _laughs(8, in_attribute=True),  # expanded in an attribute value
        _hidden_laughs(8),  # declared by a parameter entity
    ],
    ids=["colon", "non-ascii", "attribute", "parameter-entity"],
)
def test_every_spelling_of_an_entity_bomb_is_refused(tmp_path: Path, bomb: str) -> None:
    path = tmp_path / "bomb.rdf"
    path.write_text(bomb, encoding="utf-8")  # under 2 KB, expanding to gigabytes
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(path), "-f", "nt"])
    assert result.exit_code == 2, result.output
    assert "bomb.rdf: XML entities would expand to more than" in result.stderr


def test_an_entity_bomb_from_an_endpoint_is_refused() -> None:
    from servers import faulty_server, reply

    body = _laughs(8, "a:b").encode()
    with faulty_server(reply(200, body, "application/rdf+xml")) as url:
        result = CliRunner().invoke(
            main, ["sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--endpoint", url]
        )
    assert result.exit_code == 2, result.output
    assert "XML entities would expand to more than" in result.stderr
    assert "answer from http://127.0.0.1" in result.stderr


def test_xml_entity_expansion_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "laughs.rdf"
    bomb.write_text(_laughs(8), encoding="utf-8")  # 1 KB expanding to 270 GB
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(bomb), "-f", "nt"])
    assert result.exit_code == 2
    assert "laughs.rdf" in result.stderr and "CYTOKINE_RDF_MAX_ENTITY_EXPANSION" in result.stderr
    small = tmp_path / "small.rdf"
    small.write_text(_laughs(2), encoding="utf-8")  # 16 KB: an ordinary use of entities
    ok = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(small), "-f", "nt"])
    assert ok.exit_code == 0, ok.output
    monkeypatch.setenv("CYTOKINE_RDF_MAX_ENTITY_EXPANSION", "1000")
    lowered = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(small), "-f", "nt"])
    assert lowered.exit_code == 2


def test_a_self_referring_xml_entity_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.rdf"
    loop.write_text(_laughs(1).replace('"' + "a" * 64 + '"', '"&l1;"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(loop), "-f", "nt"])
    assert result.exit_code == 2 and "refers to itself" in result.stderr


@pytest.mark.parametrize("fmt", ["nt", "ttl", "xml", "jsonld"])
def test_infinities_and_nan_are_written_as_valid_xsd_double(fmt: str, tmp_path: Path) -> None:
    source = tmp_path / "inf.ttl"
    source.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://e/a> <http://e/p> "INF"^^xsd:double, "-INF"^^xsd:float, "NaN"^^xsd:double .\n',
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--part", "data", "-i", str(source), "-f", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "inf" not in text.replace("Info", "") and "nan" not in text
    back = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(out), "-f", "nt"])
    assert back.exit_code == 0, back.output
    assert sorted(line.split(" ", 2)[2] for line in back.stdout.splitlines()) == [
        '"-INF"^^<http://www.w3.org/2001/XMLSchema#float> .',
        '"INF"^^<http://www.w3.org/2001/XMLSchema#double> .',
        '"NaN"^^<http://www.w3.org/2001/XMLSchema#double> .',
    ]


def _query_dir(tmp_path: Path, name: str, content: bytes | None = None) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir(exist_ok=True)
    if content is not None:
        (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"#+ summary: caf\xe9\nSELECT * WHERE { ?s ?p ?o }\n", "not UTF-8"),
        (
            (
                b"#+ a: &x [1, 1, 1, 1, 1, 1, 1, 1, 1]\n#+ b: &y [*x, *x, *x, *x, *x, *x, *x, *x]\n"
                b"#+ c: [*y, *y, *y, *y, *y, *y, *y, *y]\nSELECT * WHERE { ?s ?p ?o }\n"
            ),
            "anchors and aliases",
        ),
        (b"SELECT * WHERE { ?s ?p ?o }\n" + b"#" * (2 * 1024 * 1024), "larger than"),
    ],
    ids=["not-utf8", "yaml-alias-bomb", "huge"],
)
def test_hostile_template_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    folder = _query_dir(tmp_path, "hostile.rq", content)
    result = CliRunner().invoke(main, ["query", "run", "hostile", "--queries", str(folder)])
    assert result.exit_code == 2, result.output
    assert "hostile.rq" in result.stderr and message in result.stderr


def test_a_template_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    folder = _query_dir(tmp_path, "x")
    (folder / "zero.rq").symlink_to("/dev/zero")
    result = CliRunner().invoke(main, ["query", "run", "zero", "--queries", str(folder)])
    assert result.exit_code == 2 and "outside" in result.stderr  # never opened
    direct = CliRunner().invoke(main, ["sparql", str(folder / "zero.rq")])
    assert direct.exit_code == 2 and "zero.rq" in direct.stderr


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    query = tmp_path / "bom.rq"
    query.write_bytes("\ufeffASK { ?s ?p ?o }\n".encode())
    result = CliRunner().invoke(main, ["sparql", str(query)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "true"


HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.slow
def test_a_local_aggregate_obeys_timeout() -> None:
    """In a process of its own: pyoxigraph cannot cancel one aggregate, which would go on using a
    core here for the rest of the test session."""
    import subprocess
    import sys
    import time

    cli = Path(sys.executable).parent / "cytokine-rdf"
    start = time.monotonic()
    done = subprocess.run(
        [str(cli), "sparql", HEAVY, "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "did not finish within 1 s" in done.stderr, done.stderr
    assert time.monotonic() - start < 30  # loading the ontology, then one second of query


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "query"),
    [("rdflib", HEAVY), ("oxigraph", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")],
)
def test_a_local_query_out_of_time_stops(engine: str, query: str) -> None:
    """The query is refused after its second, and its thread stops too instead of holding the GIL
    (rdflib) or a core (pyoxigraph, between two solutions) for as long as the process lives."""
    import time

    from tools import no_query_thread_left

    start = time.monotonic()
    result = CliRunner().invoke(main, ["sparql", query, "--timeout", "1", "--engine", engine])
    assert result.exit_code == 2 and "did not finish within 1 s" in result.stderr
    assert time.monotonic() - start < 30  # loading the ontology, then one second of query
    assert no_query_thread_left(), "the abandoned query is still running"


@pytest.mark.slow
def test_ctrl_c_stops_a_local_query_with_exit_130() -> None:
    import signal
    import subprocess
    import sys
    import time

    cli = Path(sys.executable).parent / "cytokine-rdf"
    process = subprocess.Popen(
        [str(cli), "sparql", HEAVY], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    time.sleep(4)  # loaded and deep in the query
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert time.monotonic() - sent < 5


@pytest.mark.slow
@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX ex: <http://e/>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "LOAD <http://example.org/x.ttl>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_updates_are_refused_with_a_message_that_says_so(update: str, engine: str) -> None:
    result = CliRunner().invoke(main, ["sparql", update, "--engine", engine])
    assert result.exit_code == 2
    assert "updates" in result.stderr and "only reads" in result.stderr


def test_update_keywords_inside_a_query_are_not_updates() -> None:
    query = 'SELECT ?insert WHERE { ?insert ?p "DELETE" } LIMIT 1'
    assert CliRunner().invoke(main, ["sparql", query]).exit_code == 0


@pytest.mark.slow
def test_a_symbolic_link_loop_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").symlink_to(tmp_path / "b.ttl")
    (tmp_path / "b.ttl").symlink_to(tmp_path / "a.ttl")
    for args in (["export", "-i"], ["validate"], ["sparql", "ASK {}", "-i"]):
        _check_refused([*args, str(tmp_path / "a.ttl")], "symbolic link loop")


def test_external_xml_entities_are_named_as_such(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(BAD / "xxe.rdf")])
    assert result.exit_code == 2
    assert "refers to an external file or URL, which is never read" in result.stderr
    parameter = tmp_path / "parameter.rdf"
    parameter.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY % p PUBLIC "-//x//y" "http://127.0.0.1:9/d">'
        ' %p; ]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(parameter)])
    assert result.exit_code == 2
    assert "XML entity %p; refers to an external file" in result.stderr


def test_a_value_over_the_parsers_limit_is_named(tmp_path: Path) -> None:
    huge = tmp_path / "huge.nt"
    huge.write_text(f'<http://e/a> <http://e/b> "{"x" * (17 * 1024 * 1024)}" .\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(huge)])
    assert result.exit_code == 2
    assert "huge.nt: one value" in result.stderr and "16 MiB" in result.stderr
    assert "out of memory" not in result.stderr


def _cli() -> str:
    import sys

    return str(Path(sys.executable).parent / "cytokine-rdf")


@pytest.mark.slow
def test_a_named_pipe_with_no_writer_is_an_error_not_a_hang(tmp_path: Path) -> None:
    import os
    import subprocess
    import threading
    import time

    fifo = tmp_path / "in.nt"
    os.mkfifo(fifo)
    args = [_cli(), "export", "--part", "data", "-f", "nt", "-i", str(fifo)]
    env = {**os.environ, "CYTOKINE_RDF_FIFO_WAIT": "1"}
    start = time.monotonic()
    alone = subprocess.run(args, capture_output=True, env=env, timeout=60, check=False)
    assert alone.returncode == 2 and b"nothing opened it for writing within 1 s" in alone.stderr
    assert time.monotonic() - start < 30

    def write_later() -> None:  # a writer that comes after the reader, then takes its time
        with fifo.open("w") as handle:
            time.sleep(1.5)
            handle.write("<http://e/a> <http://e/b> <http://e/c> .\n")

    writer = threading.Thread(target=write_later)
    writer.start()
    done = subprocess.run(args, capture_output=True, timeout=60, check=False)
    writer.join()
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"<http://e/a> <http://e/b> <http://e/c> .\n"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["export", "-f", "nt"], ["query", "list"]])
def test_a_full_disk_is_named(args: list[str]) -> None:
    import subprocess

    with open("/dev/full", "wb") as full:
        done = subprocess.run([_cli(), *args], stdout=full, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "error: cannot write the output: No space left on device"


CATASTROPHIC = '"' + "a" * 40 + '!"'  # (a+)+$ backtracks 2^40 times on this in Python's re


@pytest.mark.slow
def test_regex_runs_in_linear_time_on_the_rdflib_engine(tmp_path: Path) -> None:
    import subprocess

    data = tmp_path / "d.nt"
    data.write_text(f"<http://e/s> <http://e/p> {CATASTROPHIC} .\n", encoding="utf-8")
    query = 'SELECT (COUNT(*) AS ?n) { <http://e/s> ?p ?o FILTER (!REGEX(?o, "(a+)+$") && REGEX(?o, "^A+!", "i")) }'
    done = subprocess.run(
        [_cli(), "sparql", "--engine", "rdflib", "-f", "csv", "-i", str(data), query],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() == ["n", "1"]


def test_regex_keeps_back_references_and_replace_groups() -> None:
    import rdflib

    from cytokine_rdf.sparql.regex import RDFLIB_SPARQL, install

    install(RDFLIB_SPARQL)
    rows = list(
        rdflib.Graph().query(
            'SELECT (REGEX("abab", "^(ab)\\\\1$") AS ?b) (REPLACE("ab", "(a)(b)", "$2$1") AS ?r) {}'
        )
    )
    assert [str(v) for v in rows[0]] == ["true", "ba"]


@pytest.mark.slow
def test_sh_pattern_runs_in_linear_time_in_pyshacl(tmp_path: Path) -> None:
    """A shape pySHACL evaluates (a nested sh:property is outside the fast path) with a pattern
    that backtracks exponentially in Python's re."""
    import subprocess

    data = tmp_path / "d.ttl"
    data.write_text(
        f"<http://e/s> a <http://e/C> ; <http://e/p> [ <http://e/q> {CATASTROPHIC} ] .\n"
    )
    shapes = tmp_path / "s.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://e/S> a sh:NodeShape ; sh:targetClass <http://e/C> ; sh:property [ sh:path <http://e/p> ;\n"
        '  sh:property [ sh:path <http://e/q> ; sh:pattern "(a+)+$" ] ] .\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            _cli(),
            "validate",
            str(data),
            "--shapes",
            str(shapes),
            "--no-qc",
            "--no-reason",
            "-f",
            "json",
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "PatternConstraintComponent" in done.stdout.decode()


def _rings(size: int, names: str, count: int = 2) -> str:
    """``count`` rings of ``size`` blank nodes: every node looks like every other (worst case)."""
    return "".join(
        f"_:{names}{r}x{i} <http://example.org/next> _:{names}{r}x{(i + 1) % size} .\n"
        for r in range(count)
        for i in range(size)
    )


@pytest.mark.slow
def test_symmetric_blank_nodes_are_canonicalised_in_bounded_time(tmp_path: Path) -> None:
    import time

    one, other = tmp_path / "one.nt", tmp_path / "other.ttl"
    one.write_text(_rings(40, "a"), encoding="utf-8")
    # the same graph, other labels, other order: canonical output must not tell them apart
    other.write_text("".join(reversed(_rings(40, "zz").splitlines(True))), encoding="utf-8")
    started = time.monotonic()
    outputs = []
    for source in (one, other):
        out = tmp_path / f"{source.stem}.out.nt"
        result = CliRunner().invoke(
            main, ["export", "--part", "data", "-i", str(source), "-f", "nt", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 80
    assert CliRunner().invoke(main, ["fmt", str(other)]).exit_code == 0
    assert CliRunner().invoke(main, ["fmt", "--check", str(other)]).exit_code == 0
    same = CliRunner().invoke(main, ["diff", str(one), str(other), "-f", "json"])
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["triples_added"] == 0
    # one ring cut open: one triple fewer (its other blank nodes get new canonical labels too)
    cut = tmp_path / "cut.nt"
    cut.write_text(_rings(40, "a")[: -len(_rings(40, "a").splitlines(True)[-1])], encoding="utf-8")
    changed = CliRunner().invoke(main, ["diff", str(one), str(cut), "-f", "json"])
    counts = json.loads(changed.stdout)
    assert counts["triples_removed"] - counts["triples_added"] == 1, changed.output
    assert time.monotonic() - started < 30  # rdflib alone: over 60 s for the export


@pytest.mark.slow
def test_blank_nodes_too_symmetric_for_any_canonicaliser_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "rings.nt"
    data.write_text(_rings(300, "a"), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(data), "-f", "nt"])
    assert result.exit_code == 2
    assert "600 blank nodes cannot be told apart" in result.stderr
    assert "CYTOKINE_RDF_CANON_MAX_SYMMETRIC" in result.stderr


@pytest.mark.slow
def test_ordinary_blank_nodes_keep_rdflib_labels() -> None:
    import rdflib
    from rdflib.compare import to_canonical_graph

    from cytokine_rdf.io.canonical import canonical_graph

    graph = rdflib.Graph().parse(Path(__file__).parents[1] / "ontology" / "cytokine.ttl")
    assert set(canonical_graph(graph)) == set(to_canonical_graph(graph))


def _long_list(count: int) -> str:
    return "@prefix e: <http://e/> .\ne:s e:p ( " + '"x" ' * count + ") .\n"


def _deep_chain(depth: int, label: str = "") -> str:
    inner = f'"{label}x"'
    return "@prefix e: <http://e/> .\ne:s e:p " + "[ e:p " * depth + inner + " ]" * depth + " .\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "text"),
    [("list", _long_list(1000)), ("chain", _deep_chain(10_000))],
)
def test_long_lists_and_deep_chains_are_canonical_in_bounded_time(
    tmp_path: Path, name: str, text: str
) -> None:
    """A 4 KB list of equal items and a 10,000-deep chain of blank nodes: every output command
    finishes in seconds (was: over 60 s, or 3.6 GB and a crash), and equal graphs written with
    other blank-node labels give the same bytes. In process: a crash or a RecursionError fails
    the command here as it would in a shell."""

    import re
    import time

    source = tmp_path / f"{name}.ttl"
    source.write_text(text, encoding="utf-8")
    # the same graph with every blank node named, in reverse order
    other = tmp_path / f"{name}-other.nt"
    flat = tmp_path / f"{name}.nt"

    def run(*args: str) -> Result:
        done = CliRunner().invoke(main, list(args))
        assert done.exit_code == 0, (args, done.output[-500:], done.exception)
        return done

    run("export", "--part", "data", "-i", str(source), "-f", "nt", "-o", str(flat))
    renamed = re.sub(r"_:(\w+)", r"_:z\1", flat.read_text(encoding="utf-8"))
    other.write_text("".join(reversed(renamed.splitlines(True))), encoding="utf-8")
    for fmt in ("nt", "ttl", "xml", "jsonld"):
        outputs = []
        for data in (source, other):
            out = tmp_path / f"{data.stem}.{fmt}"
            started = time.monotonic()
            run("export", "--part", "data", "-i", str(data), "-f", fmt, "-o", str(out))
            assert time.monotonic() - started < 30
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], fmt
    same = run("diff", str(source), str(other), "-f", "json")
    assert json.loads(same.stdout)["triples_added"] == 0
    formatted = tmp_path / f"{name}-fmt.ttl"
    formatted.write_text(text, encoding="utf-8")
    run("fmt", str(formatted))
    run("fmt", "--check", str(formatted))
    # no line of the canonical Turtle nests deeper than the writer's limit
    assert max(line.count("[") for line in formatted.read_text().splitlines()) <= 32


def test_owl_expression_cycles_are_described_not_crashed(tmp_path: Path) -> None:
    cycle = tmp_path / "cycle.ttl"
    cycle.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix e: <http://e/> .\n"
        "_:a owl:complementOf _:b . _:b owl:complementOf _:c . _:c owl:complementOf _:a .\n"
        "e:C a owl:Class ; owl:equivalentClass _:a .\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.ttl"
    plain.write_text("<http://e/C> a <http://www.w3.org/2002/07/owl#Class> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(plain), str(cycle), "-f", "markdown"])
    assert result.exit_code == 1, result.output
    assert "equivalent to: not not not" in result.stdout
    from cytokine_rdf.publish.docs import write_docs

    # the site of the cycle alone: the ontology's own pages add nothing here but minutes
    pages = write_docs(tmp_path / "site", inputs=[cycle], include_ontology=False)
    (page,) = (p for p in pages if p.parent.name == "class" and p.suffix == ".html")
    assert "not not not" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_brackets_nested_too_deep_are_refused_before_any_parser(tmp_path: Path) -> None:
    """10,000 nested groups overflowed both parsers' stacks (SIGSEGV, no message)."""
    import subprocess
    import sys

    query = "SELECT * WHERE " + "{ " * 10_000 + "?s ?p ?o" + " }" * 10_000
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "deep.rq").write_text("#+ summary: deep\n" + query + "\n", encoding="utf-8")
    cli = [sys.executable, "-m", "cytokine_rdf"]
    for args in (
        ["sparql", query],
        ["sparql", "--engine", "rdflib", query],
        ["query", "run", "deep", "--queries", str(folder)],
    ):
        done = subprocess.run([*cli, *args], capture_output=True, timeout=60, check=False)
        assert done.returncode == 2, (args, done.returncode, done.stderr)
        assert b"nests brackets 10000 deep" in done.stderr
    check = subprocess.run(
        [*cli, "query", "check", "--queries", str(folder)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 1 and b"deep.rq: parse: the query nests brackets" in check.stdout


def test_a_template_linking_outside_its_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "netrc"
    secret.write_text("machine example.org login me password hunter2\n", encoding="utf-8")
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "leak.rq").symlink_to(secret)
    (folder / "inside.rq").symlink_to(folder / "real.rq.txt")
    (folder / "real.rq.txt").write_text("#+ summary: ok\nASK { ?s ?p ?o }\n", encoding="utf-8")
    for args in (["query", "show", "leak"], ["query", "list"]):
        result = CliRunner().invoke(main, [*args, "--queries", str(folder)])
        assert result.exit_code == 2, result.output
        assert "hunter2" not in result.output
        assert "leak.rq: links to" in result.stderr and "outside" in result.stderr
    (folder / "leak.rq").unlink()
    assert (
        CliRunner().invoke(main, ["query", "show", "inside", "--queries", str(folder)]).exit_code
        == 0
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("#+ description: " + "[" * 300_000 + "]" * 300_000, "longer than 65,536 characters"),
        ("#+ description: " + "[" * 5_000 + "]" * 5_000, "nests [ ] or { } 5000 deep"),
        ("#+ params: [1, 2]", "params must be a mapping"),
        ("#+ params:\n#+   x: [1]", "params.x must be a mapping"),
        ("#+ tags: tag", "tags must be a list"),
        ("#+ example: [a]", "example must be a mapping"),
    ],
    ids=["long", "nested", "params-list", "param-list", "tags-string", "example-list"],
)
def test_template_headers_are_bounded_and_typed(tmp_path: Path, header: str, message: str) -> None:
    import time

    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "bad.rq").write_text(
        f"#+ summary: s\n{header}\nSELECT * WHERE {{ ?s ?p ?o }}\n", encoding="utf-8"
    )
    started = time.monotonic()
    result = CliRunner().invoke(main, ["query", "list", "--queries", str(folder)])
    assert time.monotonic() - started < 10  # a 600 KB nested header took over 120 s
    assert result.exit_code == 2, result.output
    assert "bad.rq: bad #+ header" in result.stderr and message in result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.slow
def test_a_pathway_from_input_never_replaces_a_packaged_gocam_model(tmp_path: Path) -> None:
    evil = tmp_path / "evil.ttl"
    evil.write_text(
        "@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .\n"
        "@prefix obo: <http://purl.obolibrary.org/obo/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<http://evil.example/CYTO_0000350> a owl:Class ; rdfs:label "interleukin-7 signalling'
        ' pathway" ; rdfs:subClassOf CYTO:0000011, obo:GO_0038111 .\n'
        '<http://evil.example/step> a owl:Class ; rdfs:label "evil step" ;\n'
        "  rdfs:subClassOf CYTO:0000013, obo:GO_0004917,\n"
        "    [ a owl:Restriction ; owl:onProperty obo:BFO_0000050 ;"
        " owl:someValuesFrom <http://evil.example/CYTO_0000350> ],\n"
        "    [ a owl:Restriction ; owl:onProperty obo:RO_0002333 ;"
        " owl:someValuesFrom CYTO:0000300 ] .\n",
        encoding="utf-8",
    )
    out = tmp_path / "models"
    result = CliRunner().invoke(main, ["export", "--gocam", "-i", str(evil), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "would both be written as CYTO_0000350-" in result.stderr
    assert not out.exists() or not any(out.iterdir())


_ESCAPE = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example/\x07"


@pytest.mark.slow
def test_terminal_escapes_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    """Labels, sh:message, template summaries and names echoed in errors: every escape shown as
    text (a real terminal would retitle, clear the screen or plant a hyperlink)."""
    from xml.dom.minidom import parseString

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix e: <http://e/> .\n"
        "e:S a sh:NodeShape ; sh:targetNode e:x ; sh:property [ sh:path e:p ; sh:minCount 1 ;"
        f' sh:message "bad{_ESCAPE}" ] .\n',
        encoding="utf-8",
    )
    data = tmp_path / "data.ttl"
    data.write_text(
        f'<http://e/x> <http://www.w3.org/2000/01/rdf-schema#label> "x{_ESCAPE}" .\n',
        encoding="utf-8",
    )
    common = ["validate", "-i", str(data), "--shapes", str(shapes), "--no-reason"]
    text = CliRunner().invoke(main, common)
    assert text.exit_code == 1, text.output
    assert "\x1b" not in text.output and "\x07" not in text.output
    assert "bad\\x1b]0;pwned" in text.output
    junit = CliRunner().invoke(main, [*common, "-f", "junit"])
    parseString(junit.stdout)  # well-formed XML despite the control characters
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "t.rq").write_text(f"#+ summary: hi{_ESCAPE}\nASK {{ ?s ?p ?o }}\n", encoding="utf-8")
    for args in (["query", "list", "--queries", str(folder)], ["lookup", f"IL7{_ESCAPE}"]):
        result = CliRunner().invoke(main, args)
        assert "\x1b" not in result.output and "\x07" not in result.output, args


@pytest.mark.slow
def test_diagrams_with_control_characters_in_labels_are_well_formed(tmp_path: Path) -> None:
    from xml.dom.minidom import parseString

    data = tmp_path / "pathway.ttl"
    data.write_text(
        "@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .\n"
        "@prefix obo: <http://purl.obolibrary.org/obo/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<http://e.example/P> a owl:Class ; rdfs:label "odd\\u0001pathway{_ESCAPE}" ;'
        " rdfs:subClassOf CYTO:0000011 .\n"
        '<http://e.example/S> a owl:Class ; rdfs:label "step\\u0002" ;\n'
        "  rdfs:subClassOf CYTO:0000013, obo:GO_0004917,\n"
        "    [ a owl:Restriction ; owl:onProperty obo:BFO_0000050 ;"
        " owl:someValuesFrom <http://e.example/P> ] .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["diagram", "http://e.example/P", "-i", str(data), "-f", "svg"]
    )
    assert result.exit_code == 0, result.output
    parseString(result.stdout)
    mermaid = CliRunner().invoke(main, ["diagram", "http://e.example/P", "-i", str(data)])
    assert "\x1b" not in mermaid.stdout and "\x01" not in mermaid.stdout


def _trickle(head: bytes, then: bytes, seconds: float) -> object:
    """A handler that sends ``head``, then ``then`` a byte at a time for up to ``seconds``."""
    import time

    def respond(handler: object) -> None:
        out = handler.wfile  # type: ignore[attr-defined]
        try:
            out.write(head)
            out.flush()
            stop = time.monotonic() + seconds
            while time.monotonic() < stop:
                for byte in then:
                    out.write(bytes([byte]))
                    out.flush()
                    time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as it should

    return respond


@pytest.mark.slow
@pytest.mark.parametrize(
    ("head", "then"),
    [
        (b"HTTP/1.1 200 OK\r\n", b"X-Slow: yes\r\n"),  # headers a byte at a time
        (b"HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\n\r\n", b"slow error "),  # slow 500
    ],
    ids=["trickled-headers", "slow-error-body"],
)
def test_timeout_covers_headers_and_error_bodies(head: bytes, then: bytes) -> None:
    import time

    from servers import faulty_server

    with faulty_server(_trickle(head, then, 20)) as url:  # type: ignore[arg-type]
        started = time.monotonic()
        result = CliRunner().invoke(main, ["sparql", "ASK {}", "--endpoint", url, "--timeout", "1"])
        elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert elapsed < 8, elapsed  # was 70-90 s with --timeout 5
    assert "within 1 s" in result.stderr or "HTTP 500" in result.stderr


def test_an_endless_error_body_is_read_only_for_its_message() -> None:
    import time

    from servers import faulty_server

    def endless(handler: object) -> None:
        out = handler.wfile  # type: ignore[attr-defined]
        try:
            out.write(b"HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\n\r\nthe store broke\n")
            for _ in range(200_000):  # 6 GB if read to the end
                out.write(b"x" * 32768)
        except OSError:
            pass

    with faulty_server(endless) as url:  # type: ignore[arg-type]
        started = time.monotonic()
        result = CliRunner().invoke(main, ["sparql", "ASK {}", "--endpoint", url])
    assert result.exit_code == 2
    assert "HTTP 500" in result.stderr and "the store broke" in result.stderr
    assert time.monotonic() - started < 10


def test_a_redirect_away_from_http_is_not_followed() -> None:
    from servers import faulty_server

    def to_ftp(handler: object) -> None:
        handler.send_response(302)  # type: ignore[attr-defined]
        handler.send_header("Location", "ftp://127.0.0.1/answer")  # type: ignore[attr-defined]
        handler.send_header("Content-Length", "0")  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]

    with faulty_server(to_ftp) as url:  # type: ignore[arg-type]
        result = CliRunner().invoke(
            main, ["sparql", "ASK {}", "--endpoint", url, "--method", "get"]
        )
    assert result.exit_code == 2
    assert "which is not HTTP(S)" in result.stderr


def test_markdown_diff_cannot_be_steered_by_labels_or_file_names(tmp_path: Path) -> None:
    old = tmp_path / "old.ttl"
    old.write_text('<http://e/A> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n')
    new = tmp_path / "we`ird.ttl"
    new.write_text(
        '<http://e/A> <http://www.w3.org/2000/01/rdf-schema#label> "A\\r# Heading\\r---\\r'
        'ping @octocat `code` end" .\n'
    )
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "-f", "markdown"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith(("# ", "---")) for line in lines)  # no heading or rule made
    assert "\r" not in result.stdout
    assert "@octocat" not in result.stdout  # no mention that pings
    assert "``we`ird.ttl``" in lines[0]  # the code span holds its backtick


@pytest.mark.slow
def test_the_site_is_never_written_through_a_planted_link(tmp_path: Path) -> None:
    """A folder of an earlier site replaced by a link outside: refused before rendering (exit 2),
    nothing written outside; a link planted on a page file is refused too."""
    from cytokine_rdf.errors import OutputError
    from cytokine_rdf.publish.docs import write_docs

    small = Path(__file__).parent / "data" / "diagram" / "pathways.ttl"
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    write_docs(site, inputs=[small], include_ontology=False)
    folders = sorted(p for p in site.iterdir() if p.is_dir())
    assert folders
    victim = folders[0]
    page = min(victim.iterdir())
    page.unlink()
    page.symlink_to(outside / "page.html")
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_docs(site, inputs=[small], include_ontology=False)
    for page in victim.iterdir():
        page.unlink()
    victim.rmdir()
    victim.symlink_to(outside, target_is_directory=True)
    again = CliRunner().invoke(main, ["docs", "-o", str(site)])
    assert again.exit_code == 2
    assert "is a symbolic link" in again.stderr
    assert not any(outside.iterdir())


@pytest.mark.slow
def test_streams_are_bounded_like_files(tmp_path: Path) -> None:
    """/dev/zero is refused at once, a value over 16 MiB from stdin as from a file, an endless
    pipe past CYTOKINE_RDF_MAX_STREAM_BYTES, and a pipe with --store before it blocks."""
    import os
    import subprocess
    import sys

    cli = [sys.executable, "-m", "cytokine_rdf", "export", "--part", "data", "-f", "nt", "-i"]
    zero = subprocess.run([*cli, "/dev/zero"], capture_output=True, timeout=30, check=False)
    assert zero.returncode == 2 and b"binary data" in zero.stderr
    huge = b'<http://e/a> <http://e/b> "' + b"x" * (17 * 1024 * 1024) + b'" .\n'
    big = subprocess.run([*cli, "-"], input=huge, capture_output=True, timeout=60, check=False)
    assert big.returncode == 2 and b"longer than 16 MiB" in big.stderr
    endless = b'<http://e/a> <http://e/b> "x" .\n' * 400_000
    capped = subprocess.run(
        [*cli, "-"],
        input=endless,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "CYTOKINE_RDF_MAX_STREAM_BYTES": "1000000"},
    )
    assert capped.returncode == 2 and b"more than 1,000,000 bytes" in capped.stderr
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    stored = subprocess.run(
        [
            sys.executable,
            "-m",
            "cytokine_rdf",
            "sparql",
            "ASK {}",
            "-i",
            str(fifo),
            "--store",
            str(tmp_path / "store"),
        ],
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert stored.returncode == 2 and b"cannot be kept in a --store" in stored.stderr


def _many_rows(count: int) -> bytes:
    row = '{"s": {"type": "uri", "value": "http://e/%d"}}'
    body = ",".join(row % i for i in range(count))
    return ('{"head": {"vars": ["s"]}, "results": {"bindings": [' + body + "]}}").encode()


@pytest.mark.slow
def test_timeout_covers_turning_an_answer_into_rows() -> None:
    import time

    from servers import faulty_server, reply

    body = _many_rows(600_000)  # 30 MB: arrives in well under a second on loopback
    query = ["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint"]
    with faulty_server(reply(200, body, "application/sparql-results+json")) as url:
        started = time.monotonic()
        whole = CliRunner().invoke(main, [*query, url, "--timeout", "600", "-f", "tsv"])
        full = (
            time.monotonic() - started
        )  # reading every row: about 4 s here, more on a busy machine
        started = time.monotonic()
        result = CliRunner().invoke(main, [*query, url, "--timeout", "1"])
        elapsed = time.monotonic() - started
    assert whole.exit_code == 0
    assert result.exit_code == 2, result.output[:300]
    assert "did not answer within 1 s" in result.stderr
    assert elapsed < full / 2  # measured against the same machine's full read, not a fixed bound


@pytest.mark.slow
def test_a_server_listing_many_unknown_variables_gets_a_one_line_error() -> None:
    from servers import faulty_server, reply

    names = [f"v{i}" for i in range(200_000)]
    body = '{"head": {"vars": ' + str(names).replace("'", '"') + '}, "results": {"bindings": []}}'
    with faulty_server(reply(200, body.encode(), "application/sparql-results+json")) as url:
        result = CliRunner().invoke(
            main, ["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", url]
        )
    assert result.exit_code == 2
    assert "and 199,990 more" in result.stderr
    assert len(result.stderr) < 2000


@pytest.mark.parametrize(
    "document",
    [
        '{"@id": "http://e/a\\"b", "http://e/p": "x"}',
        '{"@id": "http://e/ok", "http://e/p": [{"@id": "http://e/a b"}]}',
        '{"@id": "http://e/ok", "http://e/p q": "x"}',
    ],
    ids=["quote-in-node", "space-in-object", "space-in-property"],
)
def test_jsonld_never_drops_a_node_silently(tmp_path: Path, document: str) -> None:
    path = tmp_path / "data.jsonld"
    path.write_text(document, encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--part", "data", "-i", str(path), "-f", "nt"])
    assert result.exit_code == 2, result.output
    assert "is not a valid IRI, and JSON-LD would drop it" in result.stderr
