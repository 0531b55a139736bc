"""`digipunt-kiosk --self-check`: what the installers run after installing, as the kiosk account on
the real data directory. It proves more than that the program imports: the built-in browser's
renderer process (QtWebEngineProcess) starts and runs a page's script, so sandbox, AppArmor and GPU
problems fail here and not in front of a visitor. It also reports the key store and the voices."""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEventLoop, QTimer
from shiboken6 import Shiboken

from kiosk.core.runtime import Runtime
from kiosk.core.secrets import SecretStore
from kiosk.core.settings import LANGUAGES
from sync.version import __version__

BROWSER_TIMEOUT_S = 60  # the first start of Chromium on an old laptop with a cold disk cache
# A local page whose script result only a running renderer process can produce.
_PAGE = "data:text/html;charset=utf-8,<title>digipunt</title><p>self-check</p>"
_SCRIPT = "document.title + ':' + (6 * 7)"


def sandbox_disabled() -> bool:
    """Whether Chromium's sandbox is off (root in development/CI only; never on a visitor PC)."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split() + sys.argv
    return "--no-sandbox" in flags or os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1"


def check_browser(timeout_s: float = BROWSER_TIMEOUT_S) -> dict:
    """Load a local page in a throwaway (off-the-record) profile and run a script in it."""
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

    started = time.perf_counter()
    result: dict = {"ok": False}
    loop = QEventLoop()
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)

    def on_script(value) -> None:
        result["ok"] = value == "digipunt:42"
        if not result["ok"]:
            result["reason"] = f"unexpected script result {value!r}"
        loop.quit()

    def on_load(ok: bool) -> None:
        if ok:
            page.runJavaScript(_SCRIPT, 0, on_script)
        else:
            result["reason"] = "the local page did not load"
            loop.quit()

    def on_crash(status, code: int) -> None:
        result["reason"] = f"the browser's renderer process stopped ({status.name}, exit code {code})"
        loop.quit()

    def on_timeout() -> None:
        result["reason"] = f"no answer from the browser within {timeout_s:.0f} s"
        loop.quit()

    page.loadFinished.connect(on_load)
    page.renderProcessTerminated.connect(on_crash)
    QTimer.singleShot(int(timeout_s * 1000), on_timeout)
    page.load(_PAGE)
    loop.exec()
    result["seconds"] = round(time.perf_counter() - started, 3)
    Shiboken.delete(page)  # the page goes before its profile (the callbacks still hold it)
    Shiboken.delete(profile)
    return result


def keystore_state(runtime: Runtime) -> dict:
    """secure: an OS key store; insecure: the file fallback staff allowed; none: secrets cannot be
    kept (sync enrolment will refuse). Nothing is written."""
    store = SecretStore(runtime.data_dir, allow_file=runtime.settings.allow_secret_file)
    state = "secure" if store.secure else "insecure" if store.uses_file else "none"
    return {"state": state, "backend": store.backend_name}


def self_check(runtime: Runtime, window, app, started: float) -> dict:
    """Builds every screen, starts the browser, and summarises; `ok` is the exit status."""
    window.resize(1366, 768)
    window.show()
    window.screens.build_all()
    app.processEvents()
    content = runtime.content
    browser = check_browser()
    summary = {
        "ok": not content.errors and bool(content.walkthroughs) and browser["ok"],
        "version": __version__,
        "platform": app.platformName(),  # offscreen for the installers; wayland inside cage
        "data_dir": str(runtime.data_dir),
        "schema": runtime.store.schema_revision(),
        "walkthroughs": [w.id for w in content.walkthroughs],
        "content_errors": len(content.errors),
        "screens": sorted(window.screens.built()),
        "webengine": browser,
        "sandbox": "off" if sandbox_disabled() else "on",
        "keystore": keystore_state(runtime),
        # As the walkthrough screen decides whether to show its read-aloud button.
        "voices": [code for code in LANGUAGES if window.read_aloud.available_for(code)],
        "staff_warnings": runtime.staff_warnings,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if not summary["ok"]:
        summary["reason"] = ("content has errors" if content.errors else "no walkthroughs found"
                             if not content.walkthroughs else f"browser: {browser.get('reason')}")
    return summary
