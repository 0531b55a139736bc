"""startup and idle_rss: the kiosk up to its home screen, idle, against a bare PySide6 window.
The details also give the "stack floor": the bare window after importing SQLAlchemy's ORM and
pydantic, which no kiosk built on them can beat.

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


VARIANTS = ("bare", "stack", "kiosk")


def run(runs: int = RUNS) -> list[Result]:
    seconds: dict[str, list[float]] = {v: [] for v in VARIANTS}
    rss: dict[str, list[int]] = {v: [] for v in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        for variant in VARIANTS:
            _start(variant, data_dir)  # warm-up: disk cache, .pyc files, a migrated store
        for i in range(runs):
            for variant in VARIANTS:
                s, r = _start(variant, data_dir)
                seconds[variant].append(s)
                rss[variant].append(r)
            log(f"  startup run {i + 1}/{runs}: bare {seconds['bare'][-1]:.3f} s, stack {seconds['stack'][-1]:.3f} s, "
                f"kiosk {seconds['kiosk'][-1]:.3f} s")
    t_kiosk, t_bare, t_stack = (median(seconds[v]) for v in ("kiosk", "bare", "stack"))
    m_kiosk, m_bare, m_stack = (median(rss[v]) / 2**20 for v in ("kiosk", "bare", "stack"))
    return [
        Result("startup", t_kiosk, t_bare, "s", "ratio <= 1.5", t_kiosk / t_bare <= 1.5, t_kiosk / t_bare,
               {"runs": runs, "kiosk_s": seconds["kiosk"], "bare_s": seconds["bare"],
                "stack_floor_s": t_stack, "stack_floor_ratio": t_stack / t_bare}),
        Result("idle_rss", m_kiosk, m_bare, "MiB", "ratio <= 1.5", m_kiosk / m_bare <= 1.5, m_kiosk / m_bare,
               {"runs": runs, "stack_floor_mib": m_stack, "stack_floor_ratio": m_stack / m_bare}),
    ]
