"""tools/ (the screenshot renderer) is a development tool: the kiosk and the server never import
it, and neither the wheel nor the PyInstaller build carries it."""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_runtime_module_imports_tools():
    runtime = [path for package in ("kiosk", "sync") for path in sorted((ROOT / package).rglob("*.py"))]
    assert len(runtime) > 50  # the walk really saw the packages
    wrong = {str(path.relative_to(ROOT)): sorted(name for name in imported_modules(path)
                                                 if name == "tools" or name.startswith("tools."))
             for path in runtime}
    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_walk_sees_an_import_of_tools(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom tools.screenshots import common\nimport tools.screenshots.staff as s\n")
    assert imported_modules(sample) == {"os", "tools.screenshots", "tools.screenshots.staff"}


def test_tools_ship_neither_in_the_wheel_nor_in_the_build():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    include = re.search(r"\[tool\.setuptools\.packages\.find\]\s*include\s*=\s*\[([^\]]*)\]", pyproject)
    assert include and set(re.findall(r'"([^"]+)"', include.group(1))) == {"kiosk*", "sync*"}
    spec = (ROOT / "installer" / "digipunt-kiosk.spec").read_text(encoding="utf-8")
    excludes = re.search(r"^EXCLUDES = .*?^\]", spec, re.M | re.S).group(0)
    assert '"tools"' in excludes


def test_the_screenshot_renderer_imports():
    """Its modules reach into the screens: a renamed screen attribute breaks it at import or run,
    and `python -m tools.screenshots` is the run (README)."""
    main = importlib.import_module("tools.screenshots.__main__")
    assert main.BEFORE_BUILD and main.AFTER_BUILD
