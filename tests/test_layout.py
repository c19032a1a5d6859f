"""The package's layout rules (issue 13): small modules, no import circles, private names
kept inside their subpackage, and a cheap ``import mediastudy``.

The checks read the source with :mod:`ast`; nothing is imported except in the last test.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import mediastudy

PACKAGE = Path(mediastudy.__file__).parent
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        if rel.parts[0] == "data":
            continue
        parts = ("mediastudy", *rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()

# Known breaches still being mended: each is an expected failure that must fail (strict), so
# the entry has to go when its module is fixed, and a new breach fails at once.
STILL_TOO_LONG: set[str] = set()
STILL_PRIVATE: set[str] = set()


def _known(modules: dict, breaches: set, why: str) -> list:
    return [pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=why)) if m in breaches
            else m for m in sorted(modules)]


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _imports(module: str) -> list[tuple[str, list[str], bool]]:
    """(imported module, names taken from it, at module level?) for each import of ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    # Imports under `if TYPE_CHECKING:` never run: they are no part of the import graph.
    type_only = {id(n) for node in tree.body if isinstance(node, ast.If)
                 and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("mediastudy"):
                continue
            names = [a.name for a in node.names]
            # "from . import x" may take a submodule x
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            for sub in submodules:
                out.append((sub, [], id(node) in top_level))
            if not submodules or len(submodules) < len(names):
                out.append((target, names, id(node) in top_level))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mediastudy"):
                    out.append((alias.name, [], id(node) in top_level))
    return out


def _stage(module: str) -> str:
    """The subpackage a module belongs to (a top-level module is its own stage)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_the_modules_are_found():
    assert {"mediastudy.io.corpus", "mediastudy.topics.model", "mediastudy.stance.score",
            "mediastudy.timeline.volume", "mediastudy.scale.chunked", "mediastudy.errors"} <= set(MODULES)


@pytest.mark.parametrize("module", _known(MODULES, STILL_TOO_LONG, "being split"))
def test_no_module_is_over_the_limit(module):
    n_lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n_lines <= MAX_LINES, (
        f"{module} has {n_lines} lines (limit {MAX_LINES}): split it by what the code does"
    )


@pytest.mark.parametrize("module", _known(MODULES, STILL_PRIVATE, "the CLI uses report internals"))
def test_no_private_name_crosses_a_subpackage(module):
    mine = _stage(module)
    bad = []
    for target, names, _ in _imports(module):
        if _stage(target) == mine or target == "mediastudy":
            continue
        private_module = any(part.startswith("_") for part in target.split(".")[1:])
        private_names = [n for n in names if n.startswith("_") and n != "__version__"]
        if private_module or private_names:
            bad.append(f"{target} {private_names}")
    assert not bad, f"{module} imports private code of another subpackage: {bad}"


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module in MODULES:
        edges = set()
        for target, _, _ in _imports(module):
            while target not in MODULES and "." in target:
                target = target.rpartition(".")[0]
            if target in MODULES and target != module and target != "mediastudy":
                edges.add(target)
        graph[module] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    # A subpackage's __init__ only hands on names: an edge into it is an edge into the
    # module that defines the name, so __init__ files are left out of the circles.
    graph = {m: {t for t in e if MODULES[t].name != "__init__.py"}
             for m, e in _graph().items() if MODULES[m].name != "__init__.py"}
    assert _cycles(graph) == []


def test_the_scale_core_does_not_import_dask():
    for module in MODULES:
        if not module.startswith("mediastudy.scale") or module.endswith("distributed"):
            continue
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # "from .distributed import ..." (level 1) is this package's module, not Dask's
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            assert not any(n.split(".")[0] in ("dask", "distributed") for n in names), module


def test_import_mediastudy_leaves_heavy_packages_alone():
    code = ("import sys, mediastudy; heavy = [m for m in ('sklearn', 'matplotlib', 'scipy', "
            "'dask', 'distributed') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_imports_no_analysis():
    # `mediastudy --help` must answer at once: no pandas, scikit-learn or matplotlib.
    code = ("import contextlib, io, sys\n"
            "from mediastudy.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])\n"
            "print(','.join(m for m in ('pandas', 'sklearn', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_subpackage_is_installed():
    # pyproject.toml lists the packages by hand (the demo data needs it): a subpackage
    # missing there is absent from a regular install while an editable one hides it.
    import tomllib

    repo = Path(__file__).resolve().parents[1]
    pyproject = repo / "pyproject.toml"
    listed = set(tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = repo / "mediastudy"
    found = {".".join(p.parent.relative_to(source.parent).parts) for p in source.rglob("__init__.py")}
    assert found - listed == set()
