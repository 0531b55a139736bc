"""PySide6 6.12 on Python 3.11 drops a reference to None on every call of a void method; the
kiosk's UI package gives None a reserve (kiosk/ui/__init__.py) so that a long day does not abort."""
from __future__ import annotations

import os
import subprocess
import sys

CALLS = 60_000  # more than None's references in a started kiosk (about 20,000)


def test_many_void_calls_do_not_deallocate_none():
    code = f"""
import kiosk.ui  # noqa: F401
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range({CALLS}):
    label.setEnabled(i % 2 == 0)
print("alive")
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "alive", out.stderr[-1000:]
