"""Start-up shortcuts that keep the kiosk quick on old laptops: a store already at head is opened
without importing Alembic (about 0.1 s and 10 MiB), and that shortcut never skips a real upgrade;
the browser and the helper area are built when first shown, not at start-up; cryptography (bundle
signatures, about 7 MiB) loads only when keys are pinned or the sync starts, the help calls' network
code (zeroconf) only when a location key starts them; the protocol's models are built on first use."""
from __future__ import annotations

import json
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


def home_shown(data_dir) -> str:
    """A script for a fresh process (other tests load QtWebEngine into this one) that starts the
    kiosk on `data_dir` up to its painted home screen; what follows it checks what is loaded."""
    return f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.core.runtime import bootstrap
from kiosk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(bootstrap(Path({str(data_dir)!r})), app)
window.show()
app.processEvents()"""


def test_start_up_builds_neither_the_browser_nor_the_helper_area(data_dir):
    """In a fresh process (other tests load QtWebEngine into this one): the home screen is up and
    neither QtWebEngine, cryptography, the help calls' zeroconf nor argon2 is loaded; opening the
    internet tile and the staff login builds them then."""
    code = home_shown(data_dir) + """
print(sorted(window.screens.built()), "PySide6.QtWebEngineCore" in sys.modules, "cryptography" in sys.modules,
      "zeroconf" in sys.modules, "argon2" in sys.modules)
window.show_screen("staff-login")
window.home.findChildren(__import__("kiosk.ui.shared.widgets", fromlist=["Tile"]).Tile)[-1].click()
print(window.current_screen_name(), "PySide6.QtWebEngineCore" in sys.modules, "staff-login" in window.screens.built(),
      "argon2" in sys.modules)
window.close()
"""
    env = {**os.environ, "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    at_start, after = out.stdout.strip().splitlines()[-2:]
    assert at_start == "['home'] False False False False"
    assert after == "browser True True True"  # argon2: loaded on the UI thread by the first staff screen


def test_pyside_import_hook_reads_no_module_source_once_the_ui_is_loaded(tmp_path):
    """kiosk/ui/__init__.py answers PySide6's "does this module use PySide6?" without reading the
    module's source into linecache, before it imports anything else (ctypes, as kiosk.app has it:
    Qt loaded first). Fails when a PySide6 upgrade renames the hook (then the kiosk pays that again
    on every import after Qt)."""
    (tmp_path / "uses_qt_probe.py").write_text("from PySide6.QtCore import QObject  # PySide6\n")
    code = (f"import sys, linecache; sys.path.insert(0, {str(tmp_path)!r})\n"
            "import PySide6.QtWidgets, kiosk.ui; import uses_qt_probe\n"
            "print(any(name.endswith('uses_qt_probe.py') for name in linecache.cache),"
            " 'ctypes' in sys.modules, any('ctypes' in name for name in linecache.cache))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True", "False"]


def test_a_later_start_imports_no_html_entities(data_dir):
    """sync.markup escapes without the `html` package, whose `html.entities` cost 0.4 MiB. (The first
    start migrates the store with Alembic, which imports it: a later start does not.)"""
    code = home_shown(data_dir) + """
print("html.entities" in sys.modules)
window.close()
"""
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr[-2000:]
    assert runs[1].stdout.split()[-1] == "False"


def test_markup_escapes_as_the_standard_library_does():
    import html

    from sync.markup import escape

    for text in ("<b>&amp; \"quoted\" 'single'</b>", "", "plain", "&&<<>>"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)


def test_parsed_guides_come_from_the_cache_and_a_changed_file_is_parsed_again(tmp_path, monkeypatch):
    """The guides' TOML files are parsed once (kept in the data directory by their bytes' hash): the
    second load parses nothing and gives the same guides; an edited file is parsed again, and
    files that are no longer read leave the cache."""
    from kiosk.core.bundles import PARSED_TOML, GuideBundles, load_guides
    from kiosk.core.paths import resources_dir
    from sync import content_format

    floor = tmp_path / "walkthroughs"
    shutil.copytree(resources_dir() / "walkthroughs", floor)
    bundles = GuideBundles(tmp_path / "data", ())
    first = load_guides(floor, bundles)
    cached = json.loads((bundles.root / PARSED_TOML).read_text(encoding="utf-8"))
    assert len(cached) == len(list(floor.glob("*/walkthrough.toml")) + list(floor.glob("*/text/*.toml")))

    parsed: list[str] = []
    real_loads = content_format.tomllib.loads
    monkeypatch.setattr(content_format.tomllib, "loads", lambda text: parsed.append(text) or real_loads(text))
    again = load_guides(floor, bundles)
    assert parsed == []
    assert [(wt.id, wt.meta, wt.texts) for wt in again.walkthroughs] == \
        [(wt.id, wt.meta, wt.texts) for wt in first.walkthroughs]
    assert again.errors == first.errors == []

    dutch = floor / "itsme" / "text" / "nl.toml"
    dutch.write_text(dutch.read_text(encoding="utf-8").replace("itsme", "ITSME", 1), encoding="utf-8")
    email_files = 1 + len(list((floor / "email" / "text").glob("*.toml")))
    shutil.rmtree(floor / "email")
    edited = load_guides(floor, bundles)
    assert len(parsed) == 1
    assert "ITSME" in edited.walkthroughs[[wt.id for wt in edited.walkthroughs].index("itsme")].texts["nl"].title
    assert len(json.loads((bundles.root / PARSED_TOML).read_text(encoding="utf-8"))) == len(cached) - email_files


def test_protocol_models_are_built_on_first_use_and_building_imports_nothing():
    """sync.protocol's models are built when first used (pydantic's defer_build), not at import:
    a kiosk's start-up uses few of them. The first use may be on a worker (a record saved, a batch
    sent), where nothing may be imported (tests/test_store.py): building one imports no module."""
    code = ("import sys\nfrom pydantic import BaseModel\nimport sync.protocol as p\n"
            "models = [m for m in vars(p).values() if isinstance(m, type) and issubclass(m, BaseModel)"
            " and m is not BaseModel and not m.__name__.startswith('_')]\n"
            "built = [m.__name__ for m in models if m.__pydantic_complete__]\n"
            "loaded = set(sys.modules)\n"
            "for m in models:\n    try: m.model_validate({})\n    except p.ValidationError: pass\n"
            "print(len(models), built, sorted(set(sys.modules) - loaded),"
            " all(m.__pydantic_complete__ for m in models))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 30
    assert out[1].strip() == "['SharedSettings'] [] True"  # the kiosk's settings (built at start-up anyway)


def test_help_calls_network_code_loads_only_with_a_location_key(data_dir):
    """Once the home screen is painted the help calls start: they read the location's key, and
    only a kiosk that has one imports their network code (zeroconf, ifaddr: about 4 MiB). Likewise
    only a kiosk with a server imports the sync service (QtNetwork, the sync engine)."""
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.core.runtime import bootstrap
from kiosk.ui.main_window import MainWindow, SYNC_START_FALLBACK_MS
app = QApplication([])
window = MainWindow(bootstrap(Path({str(data_dir)!r})), app)
window.show()
QTimer.singleShot(SYNC_START_FALLBACK_MS + 500, app.quit)
app.exec()
print(window._sync_start_done, "kiosk.net.calls" in sys.modules, "zeroconf" in sys.modules,
      "kiosk.ui.shared.sync_service" in sys.modules, "PySide6.QtNetwork" in sys.modules)
window.close()
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-5:] == ["True", "False", "False", "False", "False"]


def test_the_collector_is_off_until_home_is_painted_then_start_up_objects_are_frozen(data_dir):
    """kiosk.app.main turns Python's collector off for the start (it walked the start-up's 100,000
    lasting objects again and again: about 40 ms) and, once the home screen is painted, moves what
    the start made to the permanent generation and turns it on again (collect_after_start)."""
    code = f"""
import gc, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import kiosk.app
from kiosk.ui.main_window import MainWindow
seen = []
build, after_start = MainWindow.__init__, kiosk.app.collect_after_start
def init(self, *args):
    seen.append(gc.isenabled())
    build(self, *args)
def collect_after_start():
    after_start()
    seen.append((gc.isenabled(), gc.get_freeze_count()))
MainWindow.__init__, kiosk.app.collect_after_start = init, collect_after_start
kiosk.app.main(["--startup-report", "--data-dir", {str(data_dir)!r}])
print("RESULT", seen[0], seen[1][0], seen[1][1] > 50_000, gc.isenabled())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = [line for line in out.stdout.splitlines() if line.startswith("RESULT")]
    assert result == ["RESULT False True True True"]


def test_platformdirs_loads_only_for_the_platform_default_data_directory(tmp_path):
    """Installed kiosks name their data directory (DIGIPUNT_DATA_DIR or --data-dir); only a kiosk
    without one imports platformdirs (about 5 ms and 1 MiB) to find the platform's default."""
    code = f"""
import os, sys
os.environ["DIGIPUNT_DATA_DIR"] = {str(tmp_path)!r}
from kiosk.core.paths import default_data_dir
named = default_data_dir()
loaded = "platformdirs" in sys.modules
del os.environ["DIGIPUNT_DATA_DIR"]
default = default_data_dir()
print(named == __import__("pathlib").Path({str(tmp_path)!r}), loaded, "platformdirs" in sys.modules, default.name)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "True", "Digipunt"]
