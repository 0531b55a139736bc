"""step_switch: one walkthrough step change as the visitor sees it, p95, against a bare
QStackedWidget page switch in the same process.

A step change is timed from the call (the Next/Previous handler) until Qt has laid out and painted
the window (processEvents delivers the posted layout and update requests; an event filter checks
that the step's title really was painted: the image is hidden beside the Dutch text). It walks
every walkthrough forwards and back, in Dutch and in Arabic with the Dutch text beside it (right to
left, two texts: the heaviest layout), each at the normal text size and at the largest (A++).
Runs in its own offscreen process: `python -m bench.step_switch` prints one JSON line.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from bench.common import ROOT, Result, bench_env, load, percentile

FRAME_MS = 16.0
ROUNDS = 3  # the first round includes parsing each SVG once (a visitor's first pass)


def _timed(app, action) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def measure() -> dict:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget

    from kiosk.core.runtime import bootstrap
    from kiosk.core.settings import TEXT_SIZES
    from kiosk.ui.main_window import MainWindow

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])  # typed as QCoreApplication
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        runtime = bootstrap(Path(data_dir))
        window = MainWindow(runtime, app)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        view = window.walkthroughs.view
        painted = PaintCounter()
        view.text.title.installEventFilter(painted)  # the step title: shown on every step (not the image)

        switches: list[float] = []
        by_case: dict[str, list[float]] = {}
        unpainted = 0
        cases = [(language, beside, size) for size in (TEXT_SIZES[0], TEXT_SIZES[-1])
                 for language, beside in (("nl", False), ("ar", True))]
        for _ in range(ROUNDS):
            for language, beside, size in cases:
                window.prefs.set(language=language, text_size=size)
                case = by_case.setdefault(f"{language}{'+nl' if beside else ''} {size}", [])
                for wt in runtime.content.walkthroughs:
                    window.walkthroughs.open(wt.id)
                    view.dutch_toggle.setChecked(beside)
                    app.processEvents()
                    # Every step in order (what Volgende or an answer does: go_to), then Vorige back to
                    # the first: Volgende alone stops at a question step.
                    moves = [lambda i=i: view.go_to(i) for i in range(1, len(wt))] + [view.previous] * (len(wt) - 1)
                    for move in moves:
                        before = painted.count
                        switches.append(_timed(app, move))
                        case.append(switches[-1])
                        unpainted += painted.count == before
        window.prefs.reset()

        # Baseline: a bare stack of two pages with a comparable amount of text, same window size.
        stack = QStackedWidget()
        for text in ("Stap 1: open de app en tik op Aanmelden. " * 8, "Stap 2: kies je bank. " * 12):
            label = QLabel(text)
            label.setWordWrap(True)
            stack.addWidget(label)
        stack.resize(1366, 768)
        stack.show()
        app.processEvents()
        bare = [_timed(app, lambda: stack.setCurrentIndex(1 - stack.currentIndex())) for _ in range(len(switches))]
        window.close()
        runtime.close()
    return {"switches": switches, "bare": bare, "unpainted": unpainted, "by_case": by_case}


def run() -> list[Result]:
    proc = subprocess.run([sys.executable, "-m", "bench.step_switch"], cwd=ROOT, env=bench_env(),
                          capture_output=True, text=True, timeout=600)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"step_switch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    data = json.loads(lines[-1])
    if data["unpainted"]:
        raise RuntimeError(f"{data['unpainted']} step changes were not painted: the measurement is wrong")
    p95, bare95 = percentile(data["switches"], 95), percentile(data["bare"], 95)
    return [Result("step_switch", p95, bare95, "ms", f"p95 < {FRAME_MS:.0f} ms", p95 < FRAME_MS, p95 / bare95,
                   {"samples": len(data["switches"]), "p50_ms": percentile(data["switches"], 50),
                    "max_ms": max(data["switches"]), "bare_p50_ms": percentile(data["bare"], 50),
                    "p95_ms_by_case": {case: percentile(ms, 95) for case, ms in data["by_case"].items()},
                    "load": load()})]


if __name__ == "__main__":
    print(json.dumps(measure()))
