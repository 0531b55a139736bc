"""The kiosk's meta-table keys are spelled in kiosk/core/store/meta_keys.py only; everyone imports them."""
from __future__ import annotations

import ast
from pathlib import Path

from kiosk.core.store import meta_keys

ROOT = Path(__file__).resolve().parents[1]
KEYS = {value for name, value in vars(meta_keys).items() if name.isupper()}


def test_meta_keys_are_spelled_in_one_module():
    assert {"sync.device_id", "sync.location_id", "setting."} <= KEYS
    home = ROOT / "kiosk" / "core" / "store" / "meta_keys.py"
    found = [f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
             for top in ("kiosk", "sync", "bench", "tests/reliability") for path in (ROOT / top).rglob("*.py")
             if path != home for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in KEYS]
    assert not found, f"import these from kiosk.core.store.meta_keys: {found}"
