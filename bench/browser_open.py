"""browser_first_open: in a freshly started kiosk, the visitor taps "Internet" on the home screen;
timed until the browser's start page (a local page) is painted. Baseline: a bare QWebEngineView,
in a freshly started process with a bare window, loading the same page; its timer starts at the
same moment and includes importing QtWebEngine, as the kiosk's first open does.

That moment: SETTLE_S after the event loop first waited with the window painted (exposed), as in
idle_cpu. Not the loop's first wait: there the window is shown but not yet exposed, so a tap then
came before the home screen was ever painted and paid for the kiosk's start-up work that follows
its first paint (the home screen's paint, starting the sync service and the help calls: keyring
plug-in discovery), which `startup` measures and no visitor can tap ahead of.

"Painted": the page asks for two animation frames and then sets its title; Chromium runs the second
frame callback only after it produced the first frame. Both sides wait for that title, so the hook is
the same. Fresh processes, interleaved (bare, kiosk, bare, ...), median of RUNS each.

    python -m bench.browser_open bare|kiosk URL DATA_DIR    (child: prints one JSON line)
"""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast

from bench.common import ROOT, Result, bench_env, load, log, median

RUNS = 5
TARGET = 1.3
SETTLE_S = 1.0
PAINTED = "painted"
PAGE = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Digipunt test</title></head>
<body><h1>Welkom</h1><p>{"Een gewone pagina met wat tekst. " * 40}</p>
<script>requestAnimationFrame(() => requestAnimationFrame(() => {{ document.title = "{PAINTED}"; }}));</script>
</body></html>""".encode()


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # Chromium may drop a connection it no longer needs
            self.wfile.write(PAGE)

    def log_message(self, *_args) -> None:
        pass


def serve() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- child ----------------------------------------------------------------------------------------
def child(variant: str, url: str, data_dir: str) -> int:
    from PySide6.QtCore import QAbstractEventDispatcher, QTimer
    from PySide6.QtWidgets import QApplication

    exec_ = QApplication.exec

    kept: list[object] = []  # the bare view, alive until the app quits

    def until_painted(*_args) -> int:
        app = cast(QApplication, QApplication.instance())  # typed as QCoreApplication
        dispatcher = QAbstractEventDispatcher.instance()

        def report(started: float) -> None:
            print(json.dumps({"ms": (time.perf_counter() - started) * 1000}), flush=True)
            app.quit()

        def watch(view, started: float) -> None:
            view.titleChanged.connect(lambda title: report(started) if title == PAINTED else None)

        def painted() -> None:  # the loop waits and the window is on screen: home (or the bare window) is up
            if any(w.isVisible() and w.windowHandle() is not None and w.windowHandle().isExposed()
                   for w in app.topLevelWidgets()):
                dispatcher.aboutToBlock.disconnect(painted)
                QTimer.singleShot(int(SETTLE_S * 1000), tap)

        def tap() -> None:  # a timer: the loop was idle, waiting for it
            started = time.perf_counter()
            if variant == "bare":
                from PySide6.QtCore import QUrl
                from PySide6.QtWebEngineWidgets import QWebEngineView

                view = QWebEngineView()
                view.resize(1366, 768)
                view.show()
                view.load(QUrl(url))
                kept.append(view)
                watch(view, started)
            else:
                from kiosk.ui.main_window import MainWindow
                from kiosk.ui.shared.widgets import Tile

                window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
                tile = next(t for t in window.home.findChildren(Tile) if t.title.text() == "Internet")
                tile.click()
                watch(window.browser.current_tab(), started)

        dispatcher.aboutToBlock.connect(painted)
        QTimer.singleShot(60_000, lambda: (print("{}", flush=True), app.exit(3)))  # never painted
        return exec_()

    QApplication.exec = until_painted  # type: ignore[method-assign]
    if variant == "bare":
        from bench import bare_window

        return bare_window.main()
    from kiosk.app import main as kiosk_main

    return kiosk_main(["--windowed", "--data-dir", data_dir])


# --- parent ---------------------------------------------------------------------------------------
def _open(variant: str, url: str, data_dir: str) -> float:
    proc = subprocess.run([sys.executable, "-m", "bench.browser_open", variant, url, data_dir], cwd=ROOT,
                          env=bench_env(), capture_output=True, text=True, timeout=180)
    lines = [line for line in proc.stdout.splitlines() if line.startswith('{"ms"')]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"browser_first_open {variant} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])["ms"]


def run(runs: int = RUNS) -> list[Result]:
    from kiosk.core.settings import Settings, save_settings

    server = serve()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    samples: dict[str, list[float]] = {"bare": [], "kiosk": []}
    try:
        with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
            save_settings(Path(data_dir), Settings(browser_home_url=url))
            for variant in samples:
                _open(variant, url, data_dir)  # warm-up: disk cache, .pyc files, a migrated store
            for i in range(runs):
                for variant, ms in samples.items():
                    ms.append(_open(variant, url, data_dir))
                log(f"  browser_first_open run {i + 1}/{runs}: bare {samples['bare'][-1]:.0f} ms, "
                    f"kiosk {samples['kiosk'][-1]:.0f} ms, load {load()}")
    finally:
        server.shutdown()
    kiosk, bare = median(samples["kiosk"]), median(samples["bare"])
    return [Result("browser_first_open", kiosk, bare, "ms", f"ratio <= {TARGET}", kiosk / bare <= TARGET,
                   kiosk / bare, {"runs": runs, "kiosk_ms": samples["kiosk"], "bare_ms": samples["bare"],
                                  "load": load()})]


if __name__ == "__main__":
    sys.exit(child(*sys.argv[1:4]))
