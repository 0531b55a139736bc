"""Where the kiosk's start goes above the stack floor, step by step (bench/README's floor tables):

    python -m bench.startup_steps [RUNS]

Each run is two fresh processes on one data directory (made and warmed up as `bench.startup`
does): the stack floor (`bench.probe stack`) and one process that does the kiosk's start in its
own order, with the collector off as `kiosk.app.main` has it, noting its CPU time and resident
memory after each step. Prints the median of each step's cost over RUNS runs (default 9) and the
floor's total. Not part of `make bench`: a tool for reading the floor, run by hand.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, bench_env, load, median

STEPS = (
    # Steps named "floor" are the stack floor's own (it paints an empty window on top of them).
    ("floor libraries: SQLAlchemy's ORM, pydantic's BaseModel",
     "import sqlalchemy.orm\nfrom pydantic import BaseModel"),
    ("`kiosk.app` (paths, the store's opening code, version)", "import kiosk.app"),
    ("the store's ORM models", "import kiosk.core.store.models"),
    ("`sync.protocol` (models built on first use)", "import sync.protocol"),
    ("the rest of kiosk.core (API, accounts, records, lending, schedule, content, bundles)",
     "import kiosk.core.runtime, kiosk.core.api"),
    ("bootstrap: store open, settings, guides and their check", "runtime = kiosk.core.runtime.bootstrap(DATA)"),
    ("floor: QtWidgets and QApplication", "from PySide6.QtWidgets import QApplication\napp = QApplication(['k'])"),
    ("UI modules", "from kiosk.ui.main_window import MainWindow"),
    ("the window: home screen, visitor bar, hidden call banner and alert, style sheet polish",
     "window = MainWindow(runtime, app)\nwindow.resize(1366, 768)"),
    ("show, first paint, the help calls' start", "window.show()\nidle(app)"),
)

_CHILD = '''
import gc, json, os, sys
gc.disable()
from pathlib import Path
DATA = Path(sys.argv[1])
marks = []
def mark():
    t = os.times()
    marks.append((t.user + t.system, int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")))
def idle(app):
    from PySide6.QtCore import QAbstractEventDispatcher
    dispatcher = QAbstractEventDispatcher.instance()
    def check():
        if any(w.isExposed() for w in app.topLevelWindows()):
            dispatcher.aboutToBlock.disconnect(check)
            app.quit()
    dispatcher.aboutToBlock.connect(check)
    app.exec()
mark()
'''


def _child_code() -> str:
    return _CHILD + "".join(f"{code}\nmark()\n" for _, code in STEPS) + "print(json.dumps(marks))\n"


def _run(args: list[str]) -> str:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, env=bench_env(), capture_output=True, text=True,
                          timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return proc.stdout.strip().splitlines()[-1]


def main(runs: int = 9) -> int:
    steps: list[list[tuple[float, float]]] = [[] for _ in STEPS]
    floor: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        (Path(data_dir) / "settings.json").write_text('{"allow_secret_file": true}', encoding="utf-8")
        _run(["-m", "bench.probe", "kiosk", data_dir, "settle"])  # a migrated store, a normal day's data
        code = _child_code()
        for _ in range(runs):
            report = json.loads(_run(["-m", "bench.probe", "stack", data_dir]))
            floor.append((report["cpu"] * 1000, report["rss"] / 2**20))
            marks = json.loads(_run(["-c", code, data_dir]))
            for i in range(len(STEPS)):
                steps[i].append(((marks[i + 1][0] - marks[i][0]) * 1000, (marks[i + 1][1] - marks[i][1]) / 2**20))
    print(f"load {load()}, medians of {runs}")
    print("| step | CPU ms | MiB |\n|---|---|---|")
    for (name, _), values in zip(STEPS, steps, strict=True):
        print(f"| {name} | {median([v[0] for v in values]):.0f} | {median([v[1] for v in values]):.1f} |")
    above = [i for i, (name, _) in enumerate(STEPS) if not name.startswith("floor")]
    print(f"| **above the floor's own steps** | {sum(median([v[0] for v in steps[i]]) for i in above):.0f} | "
          f"{sum(median([v[1] for v in steps[i]]) for i in above):.1f} |")
    print(f"stack floor (bench.probe stack, whole process): {median([f[0] for f in floor]):.0f} ms CPU, "
          f"{median([f[1] for f in floor]):.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:2])))
