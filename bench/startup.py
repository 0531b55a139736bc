"""startup and idle_rss: the kiosk up to its home screen, painted and idle, against the "stack
floor": the bare PySide6 window after importing what the kiosk cannot start without (SQLAlchemy's
ORM and pydantic's BaseModel), which no kiosk built on them can beat. The details also give the bare window itself.

Both run as fresh processes through bench.probe, interleaved (bare, kiosk, bare, ...) so that
machine noise hits both alike. Each imports its libraries in its own order (the floor: SQLAlchemy
and pydantic, then Qt; the kiosk: its Qt-free core, then Qt): the probe imports no Qt ahead of
them. The kiosk reuses one data directory, as on a normal day; the first (warm-up) start creates
and migrates it, runs 2 s past its first idle (bench.probe `settle`) and is not counted. The
details add each process's CPU time until idle, which a loaded machine moves less than the
wall-clock time.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Result, bench_env, load, log, median

RUNS = 7
TARGET = 1.25  # against the stack floor


def _start(variant: str, data_dir: str, *settle: str) -> tuple[float, int, float]:
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "bench.probe", variant, data_dir, *settle], cwd=ROOT, env=bench_env(),
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{variant} start failed ({proc.returncode}): {proc.stderr[-2000:]}")
    report = json.loads(lines[-1])
    return report["idle_at"] - started, report["rss"], report["cpu"]


VARIANTS = ("bare", "stack", "kiosk")


def run(runs: int = RUNS) -> list[Result]:
    seconds: dict[str, list[float]] = {v: [] for v in VARIANTS}
    rss: dict[str, list[int]] = {v: [] for v in VARIANTS}
    cpu: dict[str, list[float]] = {v: [] for v in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        # Installed as installer/linux/setup-kiosk-user.sh does by default on a machine without a
        # Secret Service (this one): secrets in the documented file fallback.
        (Path(data_dir) / "settings.json").write_text('{"allow_secret_file": true}', encoding="utf-8")
        for variant in VARIANTS:
            _start(variant, data_dir, "settle")  # warm-up: disk cache, .pyc files, a migrated store
        for i in range(runs):
            for variant in VARIANTS:
                s, r, c = _start(variant, data_dir)
                seconds[variant].append(s)
                rss[variant].append(r)
                cpu[variant].append(c)
            log(f"  startup run {i + 1}/{runs}: bare {seconds['bare'][-1]:.3f} s, stack {seconds['stack'][-1]:.3f} s, "
                f"kiosk {seconds['kiosk'][-1]:.3f} s (CPU {cpu['kiosk'][-1]:.3f} s against {cpu['stack'][-1]:.3f} s), "
                f"load {load()}")
    t_kiosk, t_bare, t_stack = (median(seconds[v]) for v in ("kiosk", "bare", "stack"))
    m_kiosk, m_bare, m_stack = (median(rss[v]) / 2**20 for v in ("kiosk", "bare", "stack"))
    c_kiosk, c_stack = median(cpu["kiosk"]), median(cpu["stack"])
    now = load()
    return [
        Result("startup", t_kiosk, t_stack, "s", f"ratio <= {TARGET}", t_kiosk / t_stack <= TARGET, t_kiosk / t_stack,
               {"runs": runs, "kiosk_s": seconds["kiosk"], "stack_floor_s": seconds["stack"], "bare_s": seconds["bare"],
                "bare_median_s": t_bare, "ratio_to_bare": t_kiosk / t_bare,
                # CPU time of the process until idle: the same comparison, less moved by other work
                "cpu_kiosk_s": cpu["kiosk"], "cpu_stack_floor_s": cpu["stack"], "cpu_ratio": c_kiosk / c_stack,
                "load": now}),
        Result("idle_rss", m_kiosk, m_stack, "MiB", f"ratio <= {TARGET}", m_kiosk / m_stack <= TARGET,
               m_kiosk / m_stack,
               {"runs": runs, "bare_mib": m_bare, "ratio_to_bare": m_kiosk / m_bare, "load": now}),
    ]
