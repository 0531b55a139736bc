"""Dependencies point one way (ARCHITECTURE.md, "Invariants").

Every module under kiosk/, sync/ and tools/ is read with `ast`: imports at module level and inside
functions, `importlib.import_module("literal")`, but nothing under `if TYPE_CHECKING:` (annotations
only, never run). Each import is an arrow from the module's package to the imported one. The test
fails on an arrow a rule forbids and on any cycle between packages, naming file, line and modules,
and on a library the kiosk (or the server) imports that its install (pyproject's dependencies and
its extra, with what they require) would not bring.
"""
from __future__ import annotations

import ast
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).parents[1]
ROOTS = ("kiosk", "sync", "tools")  # tools/ only when present

# A module belongs to the first (most specific) package whose name prefixes it. "kiosk.ui" is the
# modules directly in kiosk/ui (main window, lock-down, sync service), "kiosk" the entry points
# (app.py, content.py), "sync" the shared modules beside the server (protocol, pins, sqlite...).
PACKAGES = ("kiosk.core", "kiosk.sync", "kiosk.net", "kiosk.ui.shared", "kiosk.ui.visitor", "kiosk.ui.staff",
            "kiosk.ui", "kiosk", "sync.server", "sync", "tools", "tests")
KIOSK = tuple(p for p in PACKAGES if p.split(".")[0] == "kiosk")
RUNTIME = (*KIOSK, "sync", "sync.server")
KIOSK_EXTRA = ("PySide6", "shiboken6", "keyring", "requests")  # pyproject: [kiosk]
# pyproject: [server] (segno is in both extras: the kiosk's printouts and the console's enrollment codes)
SERVER_EXTRA = ("fastapi", "starlette", "uvicorn", "psycopg", "openpyxl", "orjson", "jinja2", "pygal")

# (packages, what they must not import, why). Third-party libraries are named by top-level module.
RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("sync", "sync.server"), (*KIOSK, *KIOSK_EXTRA),
     "sync/ is shared by kiosk and server and installs without the kiosk extra"),
    (("sync",), ("sync.server", *SERVER_EXTRA),
     "the protocol serves both sides; the kiosk installs without the server extra"),
    (KIOSK, ("sync.server", *SERVER_EXTRA), "the kiosk reaches the server only over HTTP"),
    (("kiosk.core", "kiosk.sync", "kiosk.net"), ("kiosk.ui.shared", "kiosk.ui.visitor", "kiosk.ui.staff", "kiosk.ui",
                                                  "kiosk", "PySide6", "shiboken6"),
     "kiosk/core, kiosk/sync and kiosk/net are Qt-free and know nothing of the screens"),
    (("kiosk.net",), ("kiosk.core", "kiosk.sync"),
     "the network link only carries messages: the rules stay in the core"),
    # kiosk.sync (sender, puller, engine) works on the kiosk's store: it builds on the core.
    (("kiosk.core",), ("kiosk.sync",), "the sync client builds on the core, not the reverse"),
    (("kiosk.ui.shared",), ("kiosk.ui.visitor", "kiosk.ui.staff", "kiosk.ui", "kiosk"),
     "shared widgets serve both rooms and know neither"),
    (RUNTIME, ("tests", "tools"), "test and tool code never ships"),
)


@dataclass(frozen=True)
class Arrow:
    src: str  # importing module
    dst: str  # imported module (ours) or library
    where: str  # path:line

    def __str__(self) -> str:
        return f"{self.where}: {self.src} -> {self.dst}"


def package_of(module: str) -> str:
    """Our package of a module, or the top-level name of a library."""
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    return module.split(".")[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(tree: ast.Module, module: str, is_package: bool, modules: set[str]) -> Iterator[tuple[int, str]]:
    """(line, imported module) of every import that can run."""
    here = module if is_package else module.rpartition(".")[0]
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:  # `from pkg import module` imports pkg.module
                yield node.lineno, f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
        elif (isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
              and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            yield node.lineno, node.args[0].value


def arrows(repo: Path, roots: tuple[str, ...] = ROOTS) -> list[Arrow]:
    files: dict[str, Path] = {}
    for root in roots:
        for path in sorted((repo / root).rglob("*.py")):
            parts = path.relative_to(repo).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    found: dict[Arrow, None] = {}  # `from m import a, b` is one arrow
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in _imported(tree, module, path.name == "__init__.py", set(files)):
            found[Arrow(module, target, f"{path.relative_to(repo).as_posix()}:{line}")] = None
    return sorted(found, key=lambda a: (a.where.split(":")[0], int(a.where.split(":")[1]), a.dst))


def _packages(arrow: Arrow) -> tuple[str, str]:
    """(importing package, imported package). `import kiosk` inside the kiosk (its version, say)
    is no arrow: a root package's __init__ belongs to all of its packages."""
    src = package_of(arrow.src)
    if arrow.dst == arrow.src.split(".")[0]:
        return src, src
    return src, package_of(arrow.dst)


def wrong_way(found: list[Arrow]) -> list[str]:
    problems = []
    for arrow in found:
        src, dst = _packages(arrow)
        for sources, forbidden, why in RULES:
            if src in sources and dst in forbidden and src != dst:
                problems.append(f"{arrow}  ({src} must not import {dst}: {why})")
    return problems


def cycles(found: list[Arrow]) -> list[str]:
    """Cycles between our packages (strongly connected components of the package graph), each
    with the module imports that make its arrows."""
    edges: dict[tuple[str, str], list[Arrow]] = defaultdict(list)
    for arrow in found:
        src, dst = _packages(arrow)
        if src != dst and src in PACKAGES and dst in PACKAGES:
            edges[src, dst].append(arrow)
    graph: dict[str, set[str]] = defaultdict(set)
    for src, dst in edges:
        graph[src].add(dst)

    # Tarjan's algorithm; the graph has a dozen nodes, recursion is fine.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    report = []
    for component in components:
        lines = [f"cycle between {', '.join(component)}:"]
        for (src, dst), via in sorted(edges.items()):
            if src in component and dst in component:
                more = [f"      (and {len(via) - 3} more)"] if len(via) > 3 else []
                lines += [f"  {src} -> {dst}", *(f"      {arrow}" for arrow in via[:3]), *more]
        report.append("\n".join(lines))
    return report


def test_every_arrow_points_the_right_way():
    found = arrows(REPO)
    assert len(found) > 200, "the walk found too few imports: is it still reading the tree?"
    problems = wrong_way(found)
    assert not problems, "wrong-way imports:\n" + "\n".join(problems)


def _with_requirements(names: set[str]) -> set[str]:
    """The distributions and, recursively, what they require when installed here (markers
    evaluated; not their extras)."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            wanted = (Requirement(text) for text in requires(name) or ())
            todo += [canonicalize_name(r.name) for r in wanted if r.marker is None or r.marker.evaluate({"extra": ""})]
    return found


def undeclared(found: list[Arrow], sources: tuple[str, ...], extra: str) -> list[str]:
    """Libraries the `sources` packages import that neither pyproject.toml's base dependencies nor
    `extra`, nor what those require, install: an install with that extra alone would fail there."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = _with_requirements({canonicalize_name(Requirement(text).name) for text in (
        *project["dependencies"], *project["optional-dependencies"][extra])})
    providers = packages_distributions()
    problems = []
    for arrow in found:
        src, library = _packages(arrow)
        if src not in sources or library in PACKAGES or library in sys.stdlib_module_names:
            continue
        if not {canonicalize_name(name) for name in providers.get(library, [library])} & installed:
            problems.append(f"{arrow}  ({library}: not installed by pyproject's dependencies and [{extra}])")
    return problems


def test_every_library_the_kiosk_or_server_imports_is_declared_for_it():
    found = [arrow for arrow in arrows(REPO) if arrow.src.split(".")[0] != "tools"]
    problems = (undeclared(found, (*KIOSK, "sync"), "kiosk")
                + undeclared(found, ("sync", "sync.server"), "server"))
    assert not problems, "undeclared libraries:\n" + "\n".join(problems)


def test_no_cycles_between_packages():
    problems = cycles(arrows(REPO))
    assert not problems, "\n\n".join(problems)


# --- the checker itself can fail ---------------------------------------------------------------
def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_checker_catches_wrong_way_arrows_and_cycles(tmp_path):
    repo = _tree(tmp_path, {
        "sync/__init__.py": "",
        "sync/protocol.py": "def f():\n    from kiosk.core import records\n",  # function level counts
        "sync/pins.py": "from kiosk import __version__\n",  # sync knows nothing of the kiosk
        "sync/server/__init__.py": "",
        "sync/server/app.py": "import PySide6.QtCore\n",
        "kiosk/__init__.py": "",
        "kiosk/core/__init__.py": "from kiosk import __version__\n",  # the kiosk's own root: no arrow
        "kiosk/core/records.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from kiosk.ui.main_window import MainWindow\nelse:\n    import tools.shots\n"),
        "kiosk/ui/__init__.py": "",
        "kiosk/ui/main_window.py": "",
        "kiosk/ui/shared/__init__.py": "",
        "kiosk/ui/shared/widgets.py": "from ..staff import keypad\n",  # relative: kiosk.ui.staff.keypad
        "kiosk/ui/staff/__init__.py": "",
        "kiosk/ui/staff/keypad.py": "import importlib\nimportlib.import_module('kiosk.ui.visitor.code')\n",
        "kiosk/ui/visitor/__init__.py": "",
        "kiosk/ui/visitor/code.py": "from kiosk.ui.shared.widgets import big_button\n",
        "tools/__init__.py": "",
        "tools/shots.py": "import kiosk.ui.main_window\n",
    })
    found = arrows(repo)
    assert {(a.src, a.dst) for a in found} == {
        ("sync.protocol", "kiosk.core.records"), ("sync.server.app", "PySide6.QtCore"),
        ("kiosk.core.records", "typing"), ("kiosk.core.records", "tools.shots"),
        ("kiosk.ui.shared.widgets", "kiosk.ui.staff.keypad"), ("kiosk.ui.staff.keypad", "importlib"),
        ("kiosk.ui.staff.keypad", "kiosk.ui.visitor.code"), ("kiosk.ui.visitor.code", "kiosk.ui.shared.widgets"),
        ("tools.shots", "kiosk.ui.main_window"), ("sync.pins", "kiosk"), ("kiosk.core", "kiosk")}
    problems = "\n".join(wrong_way(found))
    assert "sync/protocol.py:2: sync.protocol -> kiosk.core.records  (sync must not import kiosk.core" in problems
    assert "sync/server/app.py:1: sync.server.app -> PySide6.QtCore  (sync.server must not import PySide6" in problems
    assert "kiosk.core.records -> tools.shots  (kiosk.core must not import tools" in problems
    assert ("kiosk.ui.shared.widgets -> kiosk.ui.staff.keypad  (kiosk.ui.shared must not import kiosk.ui.staff"
            in problems)
    assert "sync/pins.py:1: sync.pins -> kiosk  (sync must not import kiosk" in problems
    assert "main_window" not in problems  # only under TYPE_CHECKING, and tools may import the kiosk
    assert len(wrong_way(found)) == 5
    [cycle] = cycles(found)
    assert cycle.startswith("cycle between kiosk.ui.shared, kiosk.ui.staff, kiosk.ui.visitor:")
    assert "kiosk/ui/staff/keypad.py:2: kiosk.ui.staff.keypad -> kiosk.ui.visitor.code" in cycle


@pytest.mark.parametrize(("module", "package"), [
    ("kiosk.ui.main_window", "kiosk.ui"), ("kiosk.ui.staff.area", "kiosk.ui.staff"), ("kiosk.app", "kiosk"),
    ("kiosk.core.store.db", "kiosk.core"), ("sync.protocol", "sync"), ("sync.server.cli", "sync.server"),
    ("PySide6.QtCore", "PySide6"), ("syncer", "syncer")])
def test_package_of(module, package):
    assert package_of(module) == package
