"""dist_size, dist_download and startup_dist: the built kiosk folder (`make dist`), its compressed
download and its start-up, against a bare PySide6 window that imports the same Qt modules
(bare_qt_window.py), built the same way (PyInstaller one-folder, windowed, no UPX). Both builds are
reused while their inputs are unchanged.

startup_dist times both built programs with `--startup-report` (kiosk/startup_report.py: the
moment the event loop first waits, as bench.probe does for the source start-up), interleaved,
fresh processes, the kiosk on one data directory after a warm-up start that creates it."""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from bench.common import ROOT, Result, bench_env, load, log, median

KIOSK_DIST = ROOT / "dist" / "digipunt-kiosk"
BARE_BUILD = ROOT / "build" / "bench-bare"
BARE_SCRIPT = ROOT / "bench" / "bare_qt_window.py"
BARE_DIST = BARE_BUILD / "dist" / BARE_SCRIPT.stem
KIOSK_INPUTS = ("kiosk", "sync", "resources", "installer", "pyproject.toml", "constraints.txt")
BARE_INPUTS = (BARE_SCRIPT, ROOT / "bench" / "bare_window.py", ROOT / "kiosk" / "startup_report.py",
               ROOT / "constraints.txt", Path(__file__))  # this file holds the build's command line
SIZE_RATIO = 1.15
START_RUNS = 7


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
    if _stale(BARE_DIST, list(BARE_INPUTS)):
        log("  building the bare-window baseline with PyInstaller ...")
        _build([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir", "--windowed", "--noupx",
                "--debug", "noarchive",  # modules as files, as the kiosk's spec has them (noarchive=True)
                "--paths", str(BARE_SCRIPT.parent), "--paths", str(ROOT),
                "--distpath", str(BARE_BUILD / "dist"), "--workpath", str(BARE_BUILD / "work"),
                "--specpath", str(BARE_BUILD), str(BARE_SCRIPT)])
    return BARE_DIST


def download_bytes(folder: Path) -> dict[str, int]:
    """The folder as an installer would ship it: tar.xz (xz's default preset 6, as `tar -cJf`, on
    every core: one core took over 20 minutes here) and zip (deflate), symlinks kept as links."""
    with tempfile.TemporaryDirectory() as tmp:
        tar_path, zip_path = Path(tmp) / "dist.tar.xz", Path(tmp) / "dist.zip"
        with tar_path.open("wb") as out:
            xz = subprocess.Popen(["xz", "-6", "-T0", "-c"], stdin=subprocess.PIPE, stdout=out)
            assert xz.stdin is not None
            with tarfile.open(fileobj=xz.stdin, mode="w|") as tar:
                tar.add(folder, arcname=folder.name)
            xz.stdin.close()
            if xz.wait() != 0:
                raise RuntimeError("xz failed")
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.write(path, Path(folder.name) / path.relative_to(folder))
        return {"tar.xz": tar_path.stat().st_size, "zip": zip_path.stat().st_size}


def _start(command: list[str]) -> dict[str, float]:
    """One fresh start of a built program until its event loop first waits: seconds, MiB, CPU s."""
    started = time.time()
    proc = subprocess.run([*command, "--startup-report"], capture_output=True, text=True, timeout=120,
                          env=bench_env(), cwd="/")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{command[0]} --startup-report failed ({proc.returncode}): {proc.stderr[-2000:]}")
    report = json.loads(lines[-1])
    return {"s": report["idle_at"] - started, "mib": report["rss"] / 2**20, "cpu_s": report["cpu"]}


def startup(kiosk_dir: Path, bare_dir: Path, runs: int = START_RUNS) -> Result:
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-dist-") as data_dir:
        programs = {"kiosk": [str(kiosk_dir / kiosk_dir.name), "--data-dir", data_dir],
                    "bare": [str(bare_dir / bare_dir.name)]}
        for command in programs.values():
            _start(command)  # warm-up: disk cache, and a created, migrated data directory
        starts: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for i in range(runs):
            for name, command in programs.items():
                starts[name].append(_start(command))
            log(f"  startup_dist run {i + 1}/{runs}: kiosk {starts['kiosk'][-1]['s']:.3f} s, "
                f"bare {starts['bare'][-1]['s']:.3f} s, load {load()}")
    figure = {name: {key: median([s[key] for s in runs_]) for key in ("s", "mib", "cpu_s")}
              for name, runs_ in starts.items()}
    kiosk, bare = figure["kiosk"], figure["bare"]
    return Result("startup_dist", kiosk["s"], bare["s"], "s", "reported", True, kiosk["s"] / bare["s"],
                  {"runs": runs, "kiosk_mib": kiosk["mib"], "bare_mib": bare["mib"],
                   "rss_ratio": kiosk["mib"] / bare["mib"], "kiosk_cpu_s": kiosk["cpu_s"], "bare_cpu_s": bare["cpu_s"],
                   "cpu_ratio": kiosk["cpu_s"] / bare["cpu_s"], "baseline": BARE_SCRIPT.name, "load": load()})


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
        startup(kiosk_dir, bare_dir),
    ]
