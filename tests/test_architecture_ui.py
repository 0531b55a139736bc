"""kiosk/ui is the thin Qt layer: its store work goes through `window.api` (kiosk/core/api.py), and
its screens know the window only by the `KioskWindow` protocol. Checked on the source with `ast`."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
UI = ROOT / "kiosk" / "ui"
FORBIDDEN_MODULES = ("sqlalchemy", "kiosk.core.store")
STORE_SESSIONS = ("read", "transaction")


def ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]  # from kiosk.core import store
    return names


def store_sessions(tree: ast.AST) -> list[str]:
    """Calls like `store.read()`, `runtime.store.transaction()`, `self._store.read()`."""
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STORE_SESSIONS
                and "store" in ast.unparse(node.func.value).lower()):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"imports {name}" for name in imported_modules(tree)
             if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES)]
    found += [f"opens a store session ({call})" for call in store_sessions(tree)]
    found += [f"imports {name}" for name in imported_modules(tree) if name.startswith("kiosk.ui.main_window")]
    return found


def test_the_checks_see_what_they_look_for():
    tree = ast.parse("from sqlalchemy.orm import Session\nimport kiosk.core.store.models\n"
                     "from kiosk.core import store\nfrom kiosk.ui.main_window import MainWindow\n"
                     "with window.runtime.store.read() as s: pass\nself._store.transaction()\n"
                     "self.api.read()\nsettings.read()\n")
    assert imported_modules(tree)[:2] == ["sqlalchemy.orm", "sqlalchemy.orm.Session"]
    assert "kiosk.core.store" in imported_modules(tree) and "kiosk.ui.main_window" in imported_modules(tree)
    assert len(store_sessions(tree)) == 2  # not api.read() or settings.read()


def test_ui_does_store_work_only_through_the_api_and_never_imports_the_main_window():
    modules = ui_modules()
    assert len(modules) > 20 and UI / "staff" / "help_form.py" in modules
    bad = {path.relative_to(ROOT).as_posix(): found for path in modules if (found := problems(path))}
    assert not bad, ("kiosk/ui must use window.api (kiosk/core/api.py) for store work and know the window "
                     f"only as kiosk.ui.shared.screen.KioskWindow: {bad}")
