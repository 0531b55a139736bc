"""visitor_reset and language_switch: two waits a visitor feels, in one offscreen kiosk process.

visitor_reset: a visitor browsed (the start page, a local page, is loaded in the kiosk's browser, so
an off-the-record profile with its pages exists) and read a guide step; then "Stop en wis alles" and
"Ja, wis alles". Timed from that click until the home screen is painted and the event loop is idle
(`aboutToBlock`): everything of the visitor is wiped and the kiosk waits for the next one, whose
first page gets a new, empty profile. Baseline: the floor of the browser's part, a bare
QWebEngineView on its own off-the-record profile with the same page, deleted with its profile while
a QStackedWidget switches to a plain page, timed by the same hook.

language_switch: on a guide step, the visitor picks another language (every language in turn,
Arabic turns the layout right to left). Timed from the choice until laid out and painted, as
step_switch. Baseline: the same translators installed and removed in a bare window of labels.

    python -m bench.visitor [ROUNDS]    (child: prints one JSON line)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from bench.browser_open import PAINTED, serve
from bench.common import ROOT, Result, bench_env, load, percentile
from bench.step_switch import _timed

RESET_ROUNDS = 20
LANGUAGE_ROUNDS = 5
RESET_TARGET_MS = 300.0
LANGUAGE_TARGET_MS = 50.0


def _until_idle(action, ready) -> float:
    """Milliseconds from action() until the event loop is first about to wait with ready() true."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop, QTimer

    loop, dispatcher = QEventLoop(), QAbstractEventDispatcher.instance()
    done: list[float] = []
    started = time.perf_counter()
    action()

    def idle() -> None:
        if not done and ready():
            done.append((time.perf_counter() - started) * 1000)
            loop.quit()

    dispatcher.aboutToBlock.connect(idle)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    dispatcher.aboutToBlock.disconnect(idle)
    if not done:
        raise RuntimeError("never idle with the expected state within 30 s")
    return done[0]


def _wait_title(app, view, title: str) -> None:
    deadline = time.monotonic() + 30
    while view.title() != title:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the page never reached title {title!r} (has {view.title()!r})")
        app.processEvents()
        time.sleep(0.005)


def measure(url: str, reset_rounds: int = RESET_ROUNDS, language_rounds: int = LANGUAGE_ROUNDS) -> dict:
    import shiboken6
    from PySide6.QtCore import QEvent, QObject, QTranslator, QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

    from kiosk.core.paths import resources_dir
    from kiosk.core.runtime import bootstrap
    from kiosk.core.settings import LANGUAGES, Settings, save_settings
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.shared.widgets import Tile

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])
    out: dict = {"reset": [], "reset_bare": [], "language": [], "language_bare": [], "unpainted": 0}
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as data_dir:
        save_settings(Path(data_dir), Settings(browser_home_url=url))
        runtime = bootstrap(Path(data_dir))
        window = MainWindow(runtime, app)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        home_painted = PaintCounter()
        window.home.installEventFilter(home_painted)
        internet = next(t for t in window.home.findChildren(Tile) if t.title.text() == "Internet")
        guide = runtime.content.walkthroughs[0]

        # --- visitor_reset ---
        for _ in range(reset_rounds):
            window.walkthroughs.open(guide.id, 1)
            app.processEvents()
            window.go_home()
            internet.click()
            _wait_title(app, window.browser.current_tab(), PAINTED)
            window.session.stop_button.click()
            dialog = window.session.stop_dialog
            yes = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Ja, wis alles")
            before = home_painted.count
            out["reset"].append(_until_idle(yes.click, lambda b=before: window.current_screen_name() == "home"
                                            and window.browser.browsing.current_profile is None
                                            and home_painted.count > b))

        # --- language_switch ---
        view = window.walkthroughs.view
        step_painted = PaintCounter()
        view.installEventFilter(step_painted)
        languages = [code for code in LANGUAGES if code != "nl"]
        for _ in range(language_rounds):
            for wt in runtime.content.walkthroughs[:3]:
                window.walkthroughs.open(wt.id, min(1, len(wt) - 1))
                app.processEvents()
                for code in [*languages, "nl"]:
                    before = step_painted.count
                    out["language"].append(_timed(app, lambda c=code: window.prefs.set(language=c)))
                    out["unpainted"] += step_painted.count == before
        window.prefs.reset()
        app.processEvents()
        window.close()
        runtime.close()

    # --- baselines, after the kiosk is gone ---
    stack = QStackedWidget()
    stack.resize(1366, 768)
    plain = QLabel("Welkom")
    plain_painted = PaintCounter()
    plain.installEventFilter(plain_painted)
    stack.addWidget(plain)
    stack.show()
    app.processEvents()
    for _ in range(reset_rounds):
        profile = QWebEngineProfile()  # off the record, as the kiosk's
        bare_view = QWebEngineView()
        bare_view.setPage(QWebEnginePage(profile, bare_view))
        stack.addWidget(bare_view)
        stack.setCurrentWidget(bare_view)
        bare_view.load(QUrl(url))
        _wait_title(app, bare_view, PAINTED)
        def wipe(view=bare_view, profile=profile) -> None:
            stack.setCurrentWidget(plain)
            shiboken6.delete(view)  # pages before their profile, as the kiosk's teardown does
            shiboken6.delete(profile)
        before = plain_painted.count
        out["reset_bare"].append(_until_idle(wipe, lambda b=before: plain_painted.count > b))
    stack.close()

    page = QWidget()
    column = QVBoxLayout(page)
    for text in ("Stap 2 van 6", "Open de app en tik op Aanmelden. " * 6, "Vorige", "Volgende", "Ik heb hulp nodig"):
        label = QLabel(text)
        label.setWordWrap(True)
        column.addWidget(label)
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    installed: list[QTranslator] = []
    for _ in range(len(out["language"]) // len(LANGUAGES) + 1):
        for code in [*languages, "nl"]:
            def switch(c: str = code) -> None:
                for translator in installed:
                    app.removeTranslator(translator)
                installed.clear()
                translator = QTranslator()
                if c != "nl" and translator.load(str(resources_dir() / "i18n" / f"digipunt_{c}.qm")):
                    installed.append(translator)
                    app.installTranslator(translator)
            out["language_bare"].append(_timed(app, switch))
    page.close()
    return out


def run(reset_rounds: int = RESET_ROUNDS, language_rounds: int = LANGUAGE_ROUNDS) -> list[Result]:
    server = serve()
    try:
        proc = subprocess.run([sys.executable, "-m", "bench.visitor", f"http://127.0.0.1:{server.server_address[1]}/",
                               str(reset_rounds), str(language_rounds)],
                              cwd=ROOT, env=bench_env(), capture_output=True, text=True, timeout=900)
    finally:
        server.shutdown()
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"visitor bench failed ({proc.returncode}): {proc.stderr[-2000:]}")
    data = json.loads(lines[-1])
    if data["unpainted"]:
        raise RuntimeError(f"{data['unpainted']} language switches were not painted: the measurement is wrong")
    now = load()
    reset, reset_bare = percentile(data["reset"], 95), percentile(data["reset_bare"], 95)
    lang, lang_bare = percentile(data["language"], 95), percentile(data["language_bare"], 95)
    return [
        Result("visitor_reset", reset, reset_bare, "ms", f"p95 <= {RESET_TARGET_MS:.0f} ms",
               reset <= RESET_TARGET_MS, reset / reset_bare,
               {"samples": len(data["reset"]), "p50_ms": percentile(data["reset"], 50), "max_ms": max(data["reset"]),
                "bare_p50_ms": percentile(data["reset_bare"], 50), "load": now}),
        Result("language_switch", lang, lang_bare, "ms", f"p95 <= {LANGUAGE_TARGET_MS:.0f} ms",
               lang <= LANGUAGE_TARGET_MS, lang / lang_bare,
               {"samples": len(data["language"]), "p50_ms": percentile(data["language"], 50),
                "max_ms": max(data["language"]), "bare_p50_ms": percentile(data["language_bare"], 50), "load": now}),
    ]


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(measure(args[0], *(int(a) for a in args[1:3]))))
