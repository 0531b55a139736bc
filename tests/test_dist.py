"""The built kiosk (`make dist`): its --self-check must pass offscreen, with everything bundled.

The build takes about a minute, so this runs only when DIGIPUNT_TEST_DIST points at the built
folder (CI: .ci/run builds it after `make test`, then runs this file)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.paths import resources_dir
from kiosk.core.settings import LANGUAGES
from kiosk.core.store.db import head_revision
from sync.version import __version__

DIST = os.environ.get("DIGIPUNT_TEST_DIST")
pytestmark = pytest.mark.skipif(not DIST, reason="DIGIPUNT_TEST_DIST unset: run `make dist` and point it at "
                                                  "dist/digipunt-kiosk to test the built program")


@pytest.fixture(scope="module")
def dist() -> Path:
    path = Path(DIST).resolve()
    assert (path / "digipunt-kiosk").is_file(), f"no built program in {path}"
    return path


def self_check(dist: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DIGIPUNT_DATA_DIR", None)
    env.pop("DIGIPUNT_RESOURCES", None)  # the build must find its own bundled resources
    return subprocess.run([str(dist / "digipunt-kiosk"), "--self-check", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120, cwd="/")


def test_built_program_self_checks_on_a_fresh_data_dir_and_again_on_the_same(dist, tmp_path):
    walkthroughs = {p.name for p in (resources_dir() / "walkthroughs").iterdir() if p.is_dir()}
    for start in ("fresh", "existing"):  # migrations run frozen; the second start finds them at head
        result = self_check(dist, tmp_path / "data")
        assert result.returncode == 0, f"{start}: {result.stderr[-3000:]}"
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        assert summary["ok"] is True and summary["content_errors"] == 0
        assert summary["version"] == __version__ and summary["webengine"]["ok"] is True
        assert summary["schema"] == head_revision()
        assert set(summary["walkthroughs"]) == walkthroughs
        assert not summary["staff_warnings"]
        # Screens are built on first use, their modules imported by name: all must be in the build.
        screens = {"home", "walkthrough", "browser", "staff-login", "staff-help-form", "staff-sync"}
        assert screens <= set(summary["screens"])


def test_built_program_reports_its_startup_once_idle(dist, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DIGIPUNT_RESOURCES", None)
    result = subprocess.run([str(dist / "digipunt-kiosk"), "--startup-report", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=120, cwd="/")
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rss"] > 50 * 2**20 and report["cpu"] > 0.1 and (tmp_path / "digipunt.sqlite3").exists()


def test_built_program_knows_its_version_and_the_installer_finds_it(dist):
    result = subprocess.run([str(dist / "digipunt-kiosk"), "--version"], check=False, capture_output=True, text=True,
                            timeout=60, cwd="/")
    assert result.returncode == 0 and result.stdout.strip() == f"digipunt-kiosk {__version__}"
    assert (dist / "VERSION").read_text().strip() == __version__  # Inno Setup's AppVersion


def test_build_bundles_translations_and_leaves_out_what_the_kiosk_does_not_use(dist):
    internal = dist / "_internal"
    for code in set(LANGUAGES) - {"nl"}:  # Dutch is the source language: no .qm needed
        assert (internal / "resources" / "i18n" / f"digipunt_{code}.qm").is_file(), code
    assert not list(internal.glob("resources/i18n/*.ts")), "translation sources are not shipped"
    assert (internal / "kiosk" / "core" / "store" / "migrations" / "env.py").is_file()
    # keyring finds Credential Locker / Secret Service through its entry points only.
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt")), "keyring metadata missing"
    bundled = {p.name for p in internal.rglob("*")}
    for unused in ("fastapi", "uvicorn", "psycopg", "pytest", "QtQuick.abi3.so", "QtQml.abi3.so", "qml",
                   "libqtvirtualkeyboardplugin.so",
                   # dev tools that pydantic's optional plugins pulled in
                   "mypy", "hypothesis",
                   # the browser's developer tools, and the GTK theme with the GTK it loads
                   "qtwebengine_devtools_resources.pak", "libqgtk3.so", "libgtk-3.so.0", "libgdk-3.so.0"):
        assert unused not in bundled, f"{unused} should not be in the build"
    assert not [name for name in bundled if name.startswith("qt_help_")], "Qt Help's translations are not used"


# The oldest C library the build may need: Debian 12's. installer/README.md ("Supported systems")
# names the distributions that have it; a build on a newer system would silently drop them.
OLDEST_GLIBC = (2, 36)


def elf_files(dist: Path) -> list[Path]:
    return [path for path in sorted(dist.rglob("*"))
            if not path.is_symlink() and path.is_file() and path.open("rb").read(4) == b"\x7fELF"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("objdump"),
                    reason="symbol versions are read with binutils' objdump, on the Linux build")
def test_build_runs_on_the_oldest_supported_c_library_and_uses_the_systems_cpp_runtime(dist):
    needed: dict[tuple[int, ...], str] = {}
    for path in elf_files(dist):
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
        for version in set(re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols)):
            needed.setdefault(tuple(int(part) for part in version.split(".")), path.name)
    newest = max(needed)
    assert newest <= OLDEST_GLIBC, f"{needed[newest]} needs glibc {newest}: build on the oldest supported system"
    bundled = {path.name for path in (dist / "_internal").iterdir()}
    assert not {"libstdc++.so.6", "libgcc_s.so.1"} & bundled, "the C++ runtime must come from the system"


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("readelf"),
                    reason="debug sections are read with binutils' readelf, on the Linux build")
def test_build_carries_no_debug_information(dist):
    with_debug = []
    for path in elf_files(dist):
        sections = subprocess.run(["readelf", "-S", "--wide", str(path)], capture_output=True, text=True,
                                  check=True).stdout
        if ".debug_info" in sections:
            with_debug.append(str(path.relative_to(dist)))
    assert not with_debug, f"built with debug information: {with_debug}"
