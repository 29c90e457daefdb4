"""Side-by-side benchmark: plain rdflib / pySHACL versus cytokine-rdf (pyoxigraph), in fresh processes.

    python benchmarks/run.py --sizes 100k,1m            # the full run (CPU-heavy: minutes)
    python benchmarks/run.py --sizes 10k --repeat 1     # the CI smoke run (well under a minute)

For each size it generates observation data in the ontology's data model (``generate.py``, seed
42, ~0.2% defective observations), then times, each in its own process (peak RSS from
``resource.getrusage`` inside the child): loading (rdflib, raw pyoxigraph, cytokine-rdf), four
templates end to end (load + queries; rdflib with ``initBindings``, raw pyoxigraph with
substitutions, cytokine-rdf ``run_template`` with name resolution), SHACL validation with the
packaged data shapes (pySHACL on rdflib, parse included, versus the fast path on Oxigraph), and a
Graph Store push to a local ``oxigraph serve``. It prints medians, ratios and peak memory, plus
``cytokine-rdf --help`` and a cold template on the packaged ontology.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
HELDOUT = HERE / "heldout.shapes.ttl"  # shapes the fast path was not tuned on (issue 14)
# shapes written and committed before the Rust engine was wired in (issue 27), on seed-2027 data
HELDOUT_2027 = {
    "simple2027": HERE / "heldout-2027" / "simple.shapes.ttl",
    "complex2027": HERE / "heldout-2027" / "complex.shapes.ttl",
}
SEED_2027 = 2027
# name -> (params as users type them, the same bound directly for rdflib / raw pyoxigraph)
CYTO = "https://w3id.org/cytokine-rdf/CYTO_"
XSD = "http://www.w3.org/2001/XMLSchema#"
TEMPLATES = (
    "obs-of-gene-in-tumour",
    "count-per-tumour",
    "high-level-genes",
    "observations-below-class",
)


# --- tasks (run in child processes) -------------------------------------------------------------
def _tool(name: str) -> str | None:
    """A console script of this environment (not necessarily on PATH), else one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def _ontology_files() -> list[Path]:
    from cytokine_rdf.io.graph import ontology_files

    return ontology_files()


def _direct_bindings(name: str) -> dict[str, tuple[str, str | None]]:
    """Template variable -> (value, datatype or None for an IRI), from the template's example."""
    from cytokine_rdf.sparql.resolve import expand_curie
    from cytokine_rdf.sparql.templates import load_templates

    template = load_templates([QUERIES])[name]
    out: dict[str, tuple[str, str | None]] = {}
    for p in template.parameters:
        raw = template.example.get(p.name)
        if raw is None:
            continue
        if p.type == "iri":
            out[p.variable] = (expand_curie(raw) or raw, None)
        else:
            out[p.variable] = (raw, XSD + p.type if p.type in ("decimal", "integer") else None)
    return out


def task(name: str, data: Path, arg: str | None) -> dict[str, Any]:
    """Run one measured task; return seconds and details."""
    files = [*_ontology_files(), data]
    start = time.perf_counter()
    cpu_start = _cpu()
    extra: dict[str, Any] = {}
    if name == "load-rdflib":
        import rdflib

        graph = rdflib.Graph()
        for f in files:
            graph.parse(f, format="turtle")
        extra["triples"] = len(graph)
    elif name == "load-oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        for f in files:
            store.bulk_load(path=f, format=ox.RdfFormat.TURTLE)
        extra["triples"] = len(store)
    elif name == "load-project":
        from cytokine_rdf.io.graph import load

        extra["triples"] = len(load([data]))
    elif name == "query-rdflib":
        import rdflib

        graph = rdflib.Graph()
        for f in files:
            graph.parse(f, format="turtle")
        rows = []
        for t in TEMPLATES:
            text = (QUERIES / f"{t}.rq").read_text(encoding="utf-8")
            init = {
                k: rdflib.URIRef(v) if dt is None else rdflib.Literal(v, datatype=rdflib.URIRef(dt))
                for k, (v, dt) in _direct_bindings(t).items()
            }
            rows.append(len(list(graph.query(text, initBindings=init))))
        extra["rows"] = rows
    elif name == "query-oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        for f in files:
            store.bulk_load(path=f, format=ox.RdfFormat.TURTLE)
        rows = []
        for t in TEMPLATES:
            text = (QUERIES / f"{t}.rq").read_text(encoding="utf-8")
            for k, (v, dt) in _direct_bindings(
                t
            ).items():  # raw baseline: terms written into the text
                text = text.replace("?" + k, f"<{v}>" if dt is None else f'"{v}"^^<{dt}>')
            rows.append(len(list(store.query(text))))  # type: ignore[arg-type]
        extra["rows"] = rows
    elif name == "query-project":
        from cytokine_rdf.io.graph import load
        from cytokine_rdf.sparql.engine import OxigraphEngine
        from cytokine_rdf.sparql.results import SelectResult
        from cytokine_rdf.sparql.run import run_template
        from cytokine_rdf.sparql.templates import load_templates

        templates = load_templates([QUERIES])
        engine = OxigraphEngine(load([data]))
        rows = []
        for t in TEMPLATES:
            result = run_template(templates[t], templates[t].example, engine=engine)
            assert isinstance(result, SelectResult)
            rows.append(len(result.rows))
        extra["rows"] = rows
    elif name == "validate-pyshacl":
        import rdflib

        from cytokine_rdf.validation.shacl import run_shacl

        data_graph = rdflib.Graph().parse(data, format="turtle")
        onto = rdflib.Graph()
        for f in _ontology_files():
            onto.parse(f, format="turtle")
        shapes = rdflib.Graph()
        for f in _shape_files(arg):
            shapes.parse(f, format="turtle")
        findings, _ = run_shacl(data_graph, shapes, ont_graph=onto)
        extra.update(_digest(findings))
    elif name == "validate-rust":
        import pyoxigraph as ox
        import shacl

        # the raw engine on the same input: the data file, the ontology appended as N-Triples
        onto = b"".join(
            ox.serialize(
                ox.parse(path=f, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES
            )
            or b""
            for f in _ontology_files()
        )
        (shape_file,) = _shape_files(arg)
        compiled = shacl.Shapes.from_file(str(shape_file))
        text = data.read_text(encoding="utf-8") + "\n" + onto.decode()
        report = compiled.validate_text(text, format="turtle")
        extra["findings"] = len(report.results)
    elif name == "validate-project":
        from cytokine_rdf.validation.gate import validate

        # what `cytokine-rdf validate -i DATA --shapes FILE --no-reason --no-qc` does (issue 27's
        # measure): parse, the Rust engine, pySHACL for any shape it leaves, focus counts, the report
        # (the other validation rows keep QC on, as they were first measured)
        report = validate(
            [data], shapes=_shape_files(arg), reasoner=None, qc=arg not in HELDOUT_2027
        )
        extra.update(_digest(list(report.findings)))
        extra["engine"] = report.extra.get("shacl_engine")
    elif name == "push-project":
        from cytokine_rdf.io.graph import load
        from cytokine_rdf.publish.push import push

        assert arg is not None
        loaded = load([data])
        result = push(loaded, arg)
        extra.update(triples=result.triples, push_seconds=result.seconds, rate=result.rate)
    else:
        raise SystemExit(f"unknown task {name}")
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    return {
        "task": name,
        "seconds": seconds,
        "cpu_s": _cpu() - cpu_start,
        "maxrss_mb": rss,
        **extra,
    }


def _cpu() -> float:
    """CPU seconds of this process (user + system, every thread): on a shared machine wall time
    says more about the neighbours than about the code."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _shape_files(arg: str | None) -> list[Path]:
    """The packaged data shapes, or the held-out shapes written for this benchmark."""
    if arg == "heldout":
        return [HELDOUT]
    if arg in HELDOUT_2027:
        return [HELDOUT_2027[arg]]
    from cytokine_rdf.validation.shacl import packaged_shapes

    return [Path(p) for p in packaged_shapes("data")]


def _digest(findings: list[Any]) -> dict[str, Any]:
    """The results as a set of (focus, path, value, component, shape, severity), and its hash.

    Blank-node shapes are named anew by each parser, so they are compared as "_:"."""
    import hashlib

    keys = set()
    for f in findings:
        e = f.exact
        if e is not None:
            shape = "_:" if e.shape.startswith("_:") else e.shape
            keys.add(f"{e.focus}\t{e.path}\t{e.value}\t{e.component}\t{shape}\t{e.severity}")
    text = "\n".join(sorted(keys))
    return {"findings": len(keys), "digest": hashlib.sha256(text.encode()).hexdigest()[:16]}


# --- the parent ---------------------------------------------------------------------------------
def _child(name: str, data: Path, arg: str | None = None, timeout: float = 1800) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_task", name, str(data)] + (
        [arg] if arg else []
    )
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise SystemExit(f"task {name} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server() -> tuple[subprocess.Popen[bytes], str]:
    binary = _tool("oxigraph")
    if binary is None:
        raise SystemExit(
            "the oxigraph server is needed for the push benchmark (pip install oxigraph)"
        )
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
            return proc, base
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def _wall(cmd: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return float(statistics.median(times))


def run_heldout_2027(
    sizes: list[str], workdir: Path, baseline_sizes: list[str] | None = None
) -> dict[str, Any]:
    """Issue 27's measure: CPU time of pySHACL, the raw Rust engine and `validate` (parse, the
    ontology and reporting included), one process each, on the 2027 held-out shapes."""
    sys.path.insert(0, str(HERE))
    from generate import generate, parse_size

    out: dict[str, Any] = {}
    for size in sizes:
        data = workdir / f"data_{size}_seed{SEED_2027}.ttl"
        if not data.exists():
            print(f"{size}: generated {data} {generate(parse_size(size), data, seed=SEED_2027)}")
        for shapes in HELDOUT_2027:
            tasks = ["validate-rust", "validate-project"]
            if baseline_sizes is None or size in baseline_sizes:
                tasks.insert(0, "validate-pyshacl")
            row = {task: _child(task, data, shapes) for task in tasks}
            out[f"{size}@{shapes}"] = row
            raw, mine = row["validate-rust"], row["validate-project"]
            base = row.get(
                "validate-pyshacl", {"cpu_s": float("nan"), "digest": "", "findings": "-"}
            )
            same = (
                "not compared"
                if not base["digest"]
                else "identical"
                if base["digest"] == mine["digest"]
                else "DIFFERENT"
            )
            print(
                f"{size} {shapes}: CPU pySHACL {base['cpu_s']:.1f} s, raw engine {raw['cpu_s']:.1f} s, "
                f"validate {mine['cpu_s']:.1f} s ({mine['engine']}); pySHACL / validate = "
                f"{base['cpu_s'] / mine['cpu_s']:.1f}x (target >= 8x at 100k); validate / raw = "
                f"{mine['cpu_s'] / raw['cpu_s']:.2f}x (target <= 2x at 1m); peak {mine['maxrss_mb']:.0f} MB"
                f" (raw {raw['maxrss_mb']:.0f} MB; target <= 700 MB); results {base['findings']} vs "
                f"{mine['findings']} ({raw['findings']} raw), {same}"
            )
    return out


def run(
    sizes: list[str], repeat: int, baseline_repeat: int, workdir: Path, *, cli_timings: bool = True
) -> dict[str, Any]:
    """Generate, measure and print; return every figure."""
    sys.path.insert(0, str(HERE))
    from generate import generate, parse_size

    cli = _tool("cytokine-rdf") or "cytokine-rdf"
    report: dict[str, Any] = {"sizes": {}}
    if cli_timings:
        report["help_s"] = _wall([cli, "--help"], 5)
        report["cold_template_s"] = _wall([cli, "query", "run", "gene-xrefs", "-p", "gene=IL7R"], 3)
        print(f"cytokine-rdf --help: {report['help_s']:.3f} s (median of 5; target <= 0.15 s)")
        print(
            f"cold template on the packaged ontology: {report['cold_template_s']:.3f} s "
            "(median of 3; target <= 0.4 s)"
        )
    for size in sizes:
        data = workdir / f"data_{size}.ttl"
        if not data.exists():
            counts = generate(parse_size(size), data, seed=42)
            print(f"\n{size}: generated {data} {counts}")
        figures: dict[str, dict[str, Any]] = {}
        plan = [
            ("load-rdflib", baseline_repeat),
            ("load-oxigraph", repeat),
            ("load-project", repeat),
            ("query-rdflib", baseline_repeat),
            ("query-oxigraph", repeat),
            ("query-project", repeat),
            ("validate-pyshacl", baseline_repeat),
            ("validate-project", repeat),
            ("validate-pyshacl@heldout", baseline_repeat),
            ("validate-project@heldout", repeat),
        ]
        for name, n in plan:
            task_name, _, shapes = name.partition("@")
            runs = [_child(task_name, data, shapes or None) for _ in range(n)]
            figures[name] = {
                "median_s": _median(runs, "seconds"),
                "maxrss_mb": max(r["maxrss_mb"] for r in runs),
                "runs": runs,
            }
        pushes = []
        for _ in range(repeat):
            proc, base = _server()
            try:
                pushes.append(_child("push-project", data, base + "/store"))
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        figures["push-project"] = {
            "median_s": _median(pushes, "seconds"),
            "maxrss_mb": max(r["maxrss_mb"] for r in pushes),
            "rate": _median(pushes, "rate"),
            "runs": pushes,
        }
        report["sizes"][size] = figures
        _print(size, figures)
    return report


def _print(size: str, f: dict[str, dict[str, Any]]) -> None:
    triples = f["load-project"]["runs"][0]["triples"]
    print(f"\n== {size}: {triples:,} triples (ontology + data) ==")
    print(f"{'task':<26}{'median s':>10}{'peak MB':>10}  detail")
    for name, fig in f.items():
        run0 = fig["runs"][0]
        detail = {
            k: v for k, v in run0.items() if k in ("rows", "findings", "triples", "rate", "engine")
        }
        print(f"{name:<26}{fig['median_s']:>10.3f}{fig['maxrss_mb']:>10.0f}  {detail}")

    def ratio(a: str, b: str) -> float:
        return float(f[a]["median_s"] / f[b]["median_s"])

    print(f"load:      rdflib / cytokine-rdf = {ratio('load-rdflib', 'load-project'):.1f}x")
    print(
        f"templates: rdflib / cytokine-rdf = {ratio('query-rdflib', 'query-project'):.1f}x (target >= 8x at 1m); "
        f"cytokine-rdf / raw pyoxigraph = {ratio('query-project', 'query-oxigraph'):.2f}x (target <= 1.5x)"
    )
    for suffix, shapes in (("", "packaged data shapes"), ("@heldout", "held-out shapes")):
        base, mine = (
            f["validate-pyshacl" + suffix]["runs"][0],
            f["validate-project" + suffix]["runs"][0],
        )
        same = "identical" if base["digest"] == mine["digest"] else "DIFFERENT"
        print(
            f"validate ({shapes}): pySHACL / cytokine-rdf = "
            f"{ratio('validate-pyshacl' + suffix, 'validate-project' + suffix):.1f}x (target >= 5x); "
            f"{base['findings']} vs {mine['findings']} results, {same}"
        )
    print(f"push:      {f['push-project']['rate']:,.0f} triples/s (target >= 200k/s)")
    peak = max(
        f[k]["maxrss_mb"]
        for k in ("load-project", "query-project", "validate-project", "push-project")
    )
    print(f"peak memory of cytokine-rdf tasks: {peak:.0f} MB (target <= 700 MB)")


def main() -> None:
    """Command line (see the module docstring)."""
    if len(sys.argv) > 1 and sys.argv[1] == "_task":
        name, data = sys.argv[2], Path(sys.argv[3])
        print(json.dumps(task(name, data, sys.argv[4] if len(sys.argv) > 4 else None)))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100k,1m", help="comma-separated sizes, e.g. 10k or 100k,1m"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="processes per cytokine-rdf / pyoxigraph task"
    )
    parser.add_argument(
        "--baseline-repeat",
        type=int,
        default=None,
        help="processes per rdflib/pySHACL task (default: --repeat)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where data files go (default: a temporary folder)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    parser.add_argument(
        "--no-cli-timings",
        action="store_true",
        help="leave out the `--help` and cold-template timings (the test suite's smoke run)",
    )
    parser.add_argument(
        "--heldout-2027",
        action="store_true",
        help="only the CPU-time validation comparison on heldout-2027/ (issue 27)",
    )
    parser.add_argument(
        "--baseline-sizes",
        default=None,
        help="with --heldout-2027: the sizes pySHACL runs at (default: all; at 1m it takes minutes)",
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    with tempfile.TemporaryDirectory(prefix="cytokine-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        baseline = args.baseline_repeat if args.baseline_repeat is not None else args.repeat
        sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
        if args.heldout_2027:
            baseline_sizes = args.baseline_sizes.split(",") if args.baseline_sizes else None
            figures = run_heldout_2027(sizes, workdir, baseline_sizes)
            if args.json:
                args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
            return
        report = run(sizes, args.repeat, baseline, workdir, cli_timings=not args.no_cli_timings)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
