"""Start-up shortcuts that keep the kiosk quick on old laptops: a store already at head is opened
without importing Alembic (about 0.1 s and 10 MiB), and that shortcut never skips a real upgrade;
the browser and the helper area are built when first shown, not at start-up; cryptography (bundle
signatures, about 7 MiB) loads only when keys are pinned or the sync starts, the help calls' network
code (zeroconf) when they start after the first paint."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from kiosk.core.store import db, open_store


def test_script_head_matches_alembics_own_head():
    assert db.script_head() == db.head_revision()


def test_store_at_head_opens_without_importing_alembic(data_dir):
    open_store(data_dir).close()  # creates and migrates (imports Alembic in this process)
    code = ("import sys; from pathlib import Path; from kiosk.core.store import open_store\n"
            f"store = open_store(Path({str(data_dir)!r}))\n"
            "print(store.schema_revision(), 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [db.head_revision(), "False"]


def test_versions_that_are_not_a_plain_chain_leave_the_decision_to_alembic(tmp_path, monkeypatch):
    migrations = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = db.script_head()
    # A second branch from the same parent: two heads.
    (migrations / "versions" / "9999_branch.py").write_text(
        f'revision = "9999"\ndown_revision = {head!r}\n')
    (migrations / "versions" / "9998_branch.py").write_text(
        f'revision = "9998"\ndown_revision = {head!r}\n')
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    assert db.script_head() is None
    (migrations / "versions" / "9998_branch.py").write_text(
        'revision = "9998"\ndown_revision = ("9999", "0001")\n')  # a merge: not parsed, Alembic decides
    assert db.script_head() is None


def test_start_up_builds_neither_the_browser_nor_the_helper_area(data_dir):
    """In a fresh process (other tests load QtWebEngine into this one): the home screen is up and
    neither QtWebEngine, cryptography nor the help calls' zeroconf is loaded; opening the internet
    tile and the staff login builds them then."""
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.core.runtime import bootstrap
from kiosk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(bootstrap(Path({str(data_dir)!r})), app)
window.show()
app.processEvents()
print(sorted(window.screens.built()), "PySide6.QtWebEngineCore" in sys.modules, "cryptography" in sys.modules,
      "zeroconf" in sys.modules)
window.show_screen("staff-login")
window.home.findChildren(__import__("kiosk.ui.shared.widgets", fromlist=["Tile"]).Tile)[-1].click()
print(window.current_screen_name(), "PySide6.QtWebEngineCore" in sys.modules, "staff-login" in window.screens.built())
window.close()
"""
    env = {**os.environ, "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    at_start, after = out.stdout.strip().splitlines()[-2:]
    assert at_start == "['home', 'walkthrough'] False False False"
    assert after == "browser True True"
