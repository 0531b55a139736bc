"""dist_size and dist_download: the built kiosk folder (`make dist`) and its compressed download,
against a bare PySide6 window that imports the same Qt modules (bare_qt_window.py), built the same
way (PyInstaller one-folder, windowed, no UPX). Both builds are reused while their inputs are
unchanged."""
from __future__ import annotations

import lzma
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from bench.common import ROOT, Result, log

KIOSK_DIST = ROOT / "dist" / "digipunt-kiosk"
BARE_BUILD = ROOT / "build" / "bench-bare"
BARE_SCRIPT = ROOT / "bench" / "bare_qt_window.py"
BARE_DIST = BARE_BUILD / "dist" / BARE_SCRIPT.stem
KIOSK_INPUTS = ("kiosk", "sync", "resources", "installer", "pyproject.toml", "constraints.txt")
SIZE_RATIO = 1.15


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
    script = BARE_SCRIPT
    if _stale(BARE_DIST, [script, ROOT / "constraints.txt"]):
        log("  building the bare-window baseline with PyInstaller ...")
        _build([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir", "--windowed", "--noupx",
                "--distpath", str(BARE_BUILD / "dist"), "--workpath", str(BARE_BUILD / "work"),
                "--specpath", str(BARE_BUILD), str(script)])
    return BARE_DIST


def download_bytes(folder: Path) -> dict[str, int]:
    """The folder as an installer would ship it: tar.xz (xz's default preset, as `tar -cJf`) and
    zip (deflate), symlinks kept as links."""
    with tempfile.TemporaryDirectory() as tmp:
        tar_path, zip_path = Path(tmp) / "dist.tar.xz", Path(tmp) / "dist.zip"
        with lzma.open(tar_path, "wb", preset=6) as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            tar.add(folder, arcname=folder.name)
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.write(path, Path(folder.name) / path.relative_to(folder))
        return {"tar.xz": tar_path.stat().st_size, "zip": zip_path.stat().st_size}


def run() -> list[Result]:
    kiosk_dir, bare_dir = ensure_kiosk_build(), ensure_bare_build()
    kiosk = folder_bytes(kiosk_dir) / 1e6
    bare = folder_bytes(bare_dir) / 1e6
    log("  compressing both builds (tar.xz, zip) ...")
    kiosk_dl, bare_dl = download_bytes(kiosk_dir), download_bytes(bare_dir)
    folder = str(KIOSK_DIST.relative_to(ROOT))
    return [
        Result("dist_size", kiosk, bare, "MB", f"ratio <= {SIZE_RATIO}", kiosk / bare <= SIZE_RATIO, kiosk / bare,
               {"folder": folder, "baseline": BARE_SCRIPT.name}),
        Result("dist_download", kiosk_dl["tar.xz"] / 1e6, bare_dl["tar.xz"] / 1e6, "MB", "reported", True,
               kiosk_dl["tar.xz"] / bare_dl["tar.xz"],
               {"zip_mb": round(kiosk_dl["zip"] / 1e6, 1), "baseline_zip_mb": round(bare_dl["zip"] / 1e6, 1)}),
    ]
