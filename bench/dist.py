"""dist_size: the built kiosk folder (`make dist`) against a bare PySide6 window built the same way
(PyInstaller one-folder, windowed, no UPX). Both builds are reused while their inputs are unchanged."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, Result, log

KIOSK_DIST = ROOT / "dist" / "digipunt-kiosk"
BARE_BUILD = ROOT / "build" / "bench-bare"
BARE_DIST = BARE_BUILD / "dist" / "bare_window"
KIOSK_INPUTS = ("kiosk", "sync", "resources", "installer", "pyproject.toml", "constraints.txt")
LIMIT_MB = 250


def _newest(paths: list[Path]) -> float:
    stamps = [p.stat().st_mtime for top in paths if top.exists()
              for p in ([top] if top.is_file() else top.rglob("*")) if "__pycache__" not in p.parts]
    return max(stamps, default=0.0)


def _stale(dist: Path, inputs: list[Path]) -> bool:
    return not dist.is_dir() or dist.stat().st_mtime < _newest(inputs)


def folder_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _build(command: list[str]) -> None:
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


def ensure_kiosk_build() -> Path:
    if _stale(KIOSK_DIST, [ROOT / name for name in KIOSK_INPUTS]):
        log("  building the kiosk (make dist) ...")
        _build(["make", "dist"])
    return KIOSK_DIST


def ensure_bare_build() -> Path:
    script = ROOT / "bench" / "bare_window.py"
    if _stale(BARE_DIST, [script, ROOT / "constraints.txt"]):
        log("  building the bare-window baseline with PyInstaller ...")
        _build([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir", "--windowed", "--noupx",
                "--distpath", str(BARE_BUILD / "dist"), "--workpath", str(BARE_BUILD / "work"),
                "--specpath", str(BARE_BUILD), str(script)])
    return BARE_DIST


def run() -> list[Result]:
    kiosk = folder_bytes(ensure_kiosk_build()) / 1e6
    bare = folder_bytes(ensure_bare_build()) / 1e6
    return [Result("dist_size", kiosk, bare, "MB", f"< {LIMIT_MB} MB", kiosk < LIMIT_MB, kiosk / bare,
                   {"folder": str(KIOSK_DIST.relative_to(ROOT))})]
