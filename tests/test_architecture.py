"""The package's shape: one-way layers, no import cycles, a lazy CLI and a typed public API."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cytokine_rdf

PACKAGE = Path(cytokine_rdf.__file__).parent
# Lowest first: a module may import from its own layer or any layer below it, never above.
LAYERS = (
    {"errors", "vocab", "terms", "display"},
    {"io"},
    {"sparql"},
    {"validation"},
    {"publish"},
    {"cli", "__init__", "__main__"},
)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """Every cytokine_rdf module that ``path`` imports, at any depth (function-level included)."""
    found: set[str] = set()
    package_parts = _module_name(path).split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = package_parts[: len(package_parts) - node.level + 1]
                if node.module is None:  # "from . import a, b": the submodules a and b
                    found.update(".".join([*base, a.name]) for a in node.names)
                    continue
                target = ".".join([*base, node.module])
            elif node.module and node.module.startswith("cytokine_rdf"):
                target = node.module.removeprefix("cytokine_rdf").lstrip(".")
            else:
                continue
            if target:
                found.add(target)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("cytokine_rdf.")
                for a in node.names
                if a.name.startswith("cytokine_rdf.")
            )
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for target in _imports(path):
            # "sparql.engine" is a module; "sparql" alone is its package's __init__
            deps.add(target if target in modules else f"{target}.__init__")
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_every_module_belongs_to_a_layer() -> None:
    for module in _graph():
        assert _layer(module) >= 0


def test_dependencies_point_down_only() -> None:
    upward = [
        f"{module} -> {dep}"
        for module, deps in _graph().items()
        for dep in deps
        if _layer(dep) > _layer(module)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_function_level_imports_only_in_the_lazy_shell() -> None:
    """Library modules import at the top; only cli/ and __init__ defer imports (for start-up)."""
    late = []
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        if _layer(module) == len(LAYERS) - 1:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                late += [
                    f"{module}:{n.lineno}"
                    for n in ast.walk(node)
                    if isinstance(n, ast.Import | ast.ImportFrom)
                ]
    assert late == []


def test_cli_import_loads_no_heavy_library() -> None:
    code = (
        "import sys, cytokine_rdf.cli\n"
        "heavy = ('rdflib', 'pyshacl', 'owlready2', 'yaml', 'gocam', 'pydantic')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_api_matches_all_and_the_typed_imports() -> None:
    api = cytokine_rdf._API  # type: ignore[attr-defined]
    assert set(api) | {"__version__"} == set(cytokine_rdf.__all__)
    # the TYPE_CHECKING block imports each public name from the module the lazy map names
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    typed = {
        alias.name: node.module.removeprefix("cytokine_rdf.")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("cytokine_rdf.")
        for alias in node.names
    }
    assert typed == api
    for name in cytokine_rdf.__all__:
        assert getattr(cytokine_rdf, name) is not None
    assert set(cytokine_rdf.__all__) <= set(dir(cytokine_rdf))


@pytest.mark.slow
def test_type_checkers_see_real_types(tmp_path: Path) -> None:
    script = tmp_path / "use.py"
    script.write_text(
        "import cytokine_rdf\ndata = cytokine_rdf.load()\nreveal_type(data)\ncytokine_rdf.laod()\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert 'Revealed type is "cytokine_rdf.io.graph.RdfData"' in out.stdout
    assert 'Module has no attribute "laod"' in out.stdout
