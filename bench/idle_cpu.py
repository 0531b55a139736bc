"""idle_cpu: the kiosk on its home screen, nobody touching it, for 60 s: the process's CPU time (all
threads) as a share of one core. Baseline: a bare PySide6 window idle for the same 60 s, started at
the same moment in a second process, so that machine load hits both alike.

Each side starts through the same hook as bench.probe: once the event loop first waits (home
painted), it waits SETTLE_S more (the work right after start-up, such as starting the sync and the
help calls, is start-up, not idling), then measures for DURATION_S. The child also counts how often
the event loop woke up: a timer that fires too often shows there.

    python -m bench.idle_cpu bare|kiosk DATA_DIR DURATION_S    (child: prints one JSON line)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

from bench.common import ROOT, Result, bench_env, load, log

DURATION_S = 60.0
SETTLE_S = 5.0
TARGET_PERCENT = 1.0


def child(variant: str, data_dir: str, duration_s: str) -> int:
    from PySide6.QtCore import QAbstractEventDispatcher, QTimer
    from PySide6.QtWidgets import QApplication

    exec_ = QApplication.exec

    def idle_for_a_while(*_args) -> int:
        app = QApplication.instance()
        dispatcher = QAbstractEventDispatcher.instance()
        wakeups = [0]

        def woke() -> None:
            wakeups[0] += 1

        def begin() -> None:
            cpu, wall = time.process_time(), time.monotonic()
            dispatcher.awake.connect(woke)

            def end() -> None:
                print(json.dumps({"cpu_s": time.process_time() - cpu, "wall_s": time.monotonic() - wall,
                                  "wakeups": wakeups[0]}), flush=True)
                app.quit()

            QTimer.singleShot(int(float(duration_s) * 1000), end)

        def first_idle() -> None:
            dispatcher.aboutToBlock.disconnect(first_idle)
            QTimer.singleShot(int(SETTLE_S * 1000), begin)

        dispatcher.aboutToBlock.connect(first_idle)
        return exec_()

    QApplication.exec = idle_for_a_while  # type: ignore[method-assign]
    if variant == "bare":
        from bench import bare_window

        return bare_window.main()
    from kiosk.app import main as kiosk_main

    return kiosk_main(["--windowed", "--data-dir", data_dir])


def measure(duration_s: float = DURATION_S) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        procs = {variant: subprocess.Popen([sys.executable, "-m", "bench.idle_cpu", variant, data_dir, str(duration_s)],
                                           cwd=ROOT, env=bench_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           text=True)
                 for variant in ("bare", "kiosk")}
        out = {}
        for variant, proc in procs.items():
            stdout, stderr = proc.communicate(timeout=duration_s + 180)
            lines = [line for line in stdout.splitlines() if line.startswith("{")]
            if proc.returncode != 0 or not lines:
                raise RuntimeError(f"idle_cpu {variant} failed ({proc.returncode}): {stderr[-2000:]}")
            out[variant] = json.loads(lines[-1])
    return out


def run(duration_s: float = DURATION_S) -> list[Result]:
    data = measure(duration_s)
    share = {v: 100 * d["cpu_s"] / d["wall_s"] for v, d in data.items()}
    log(f"  idle_cpu: kiosk {share['kiosk']:.3f} %, bare {share['bare']:.3f} % of one core, load {load()}")
    ratio = share["kiosk"] / share["bare"] if share["bare"] > 0 else float("inf")
    return [Result("idle_cpu", share["kiosk"], share["bare"], "% of a core", f"< {TARGET_PERCENT:g} % of one core",
                   share["kiosk"] < TARGET_PERCENT, ratio,
                   {"seconds": duration_s, "kiosk_cpu_s": data["kiosk"]["cpu_s"], "bare_cpu_s": data["bare"]["cpu_s"],
                    "kiosk_wakeups": data["kiosk"]["wakeups"], "bare_wakeups": data["bare"]["wakeups"],
                    "load": load()})]


if __name__ == "__main__":
    sys.exit(child(*sys.argv[1:4]))
