"""startup and idle_rss: the kiosk up to its home screen, idle, against a bare PySide6 window.

Both run as fresh processes through bench.probe, interleaved (bare, kiosk, bare, ...) so that
machine noise hits both alike. The kiosk reuses one data directory, as on a normal day; the first
(warm-up) start creates and migrates it and is not counted.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

from bench.common import ROOT, Result, bench_env, log, median

RUNS = 7


def _start(variant: str, data_dir: str) -> tuple[float, int]:
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "bench.probe", variant, data_dir], cwd=ROOT, env=bench_env(),
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{variant} start failed ({proc.returncode}): {proc.stderr[-2000:]}")
    report = json.loads(lines[-1])
    return report["idle_at"] - started, report["rss"]


def run(runs: int = RUNS) -> list[Result]:
    seconds: dict[str, list[float]] = {"bare": [], "kiosk": []}
    rss: dict[str, list[int]] = {"bare": [], "kiosk": []}
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        for variant in ("bare", "kiosk"):
            _start(variant, data_dir)  # warm-up: disk cache, .pyc files, a migrated store
        for i in range(runs):
            for variant in ("bare", "kiosk"):
                s, r = _start(variant, data_dir)
                seconds[variant].append(s)
                rss[variant].append(r)
            log(f"  startup run {i + 1}/{runs}: bare {seconds['bare'][-1]:.3f} s, kiosk {seconds['kiosk'][-1]:.3f} s")
    t_kiosk, t_bare = median(seconds["kiosk"]), median(seconds["bare"])
    m_kiosk, m_bare = median(rss["kiosk"]) / 2**20, median(rss["bare"]) / 2**20
    return [
        Result("startup", t_kiosk, t_bare, "s", "ratio <= 1.5", t_kiosk / t_bare <= 1.5, t_kiosk / t_bare,
               {"runs": runs, "kiosk_s": seconds["kiosk"], "bare_s": seconds["bare"]}),
        Result("idle_rss", m_kiosk, m_bare, "MiB", "ratio <= 1.5", m_kiosk / m_bare <= 1.5, m_kiosk / m_bare,
               {"runs": runs}),
    ]
