"""A real kiosk process for the help-call tests: `python -m tests.call_kiosk DATA_DIR`.

It builds the real MainWindow offscreen on DATA_DIR (whose settings.json and secrets.json the test
wrote: kiosk name, calls on 127.0.0.1, the location's key) and obeys one command per stdin line,
answering one JSON line per command on stdout:
  state          -> {"banner": state|null, "banner_text": ..., "calls": [...], "alert": bool, "peers": n,
                     "taken": [...] (the logged-in helper's taken calls, help not registered yet)}
  call           -> the visitor taps "Ik heb hulp nodig" on the itsme guide, step 3
  cancel         -> the visitor cancels their call
  login          -> the demo helper logs in (PIN) and goes to the staff menu
  shift          -> that helper starts a shift at the kiosk's location
  take           -> the helper takes the oldest open call on the "staff-calls" screen
  reset          -> the visitor session is reset (as "Stop en wis alles")
  quit
"""
from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.core.demo import DEMO_HELPER_PIN
from kiosk.core.runtime import bootstrap
from kiosk.ui.main_window import MainWindow
from kiosk.ui.staff.help_calls import HelpCallsScreen


class _Lines(QObject):
    line = Signal(str)


def main() -> None:
    app = QApplication([])
    runtime = bootstrap(Path(sys.argv[1]), demo=True)
    window = MainWindow(runtime, app)
    window.resize(1366, 768)
    window.show()

    def answer(value: object) -> None:
        print(json.dumps(value), flush=True)

    def state() -> dict:
        banner = window.call_banner
        return {"banner": banner.state if banner.isVisible() else None, "banner_text": banner.text.text(),
                "calls": [[c.kiosk_name, c.walkthrough_id, c.step_index] for c in window.api.open_calls()],
                "alert": window.call_alert.isVisible(), "alert_text": window.call_alert.text.text(),
                "peers": len(window.calls.link.peers()) if window.calls.link else -1,
                "screen": window.current_screen_name(),
                "taken": [[c.kiosk_name, c.walkthrough_id, c.step_index]
                          for c in (window.api.taken_calls(window.staff_user) if window.staff_user else ())]}

    def command(line: str) -> None:
        cmd = line.strip()
        if cmd == "state":
            answer(state())
            return
        if cmd == "call":
            window.walkthroughs.open("itsme", 2)
            window.walkthroughs.view.help_button.click()
        elif cmd == "cancel":
            window.call_banner.button.click()
        elif cmd == "login":
            helper_id = window.api.login_names()[0][0]
            result = window.api.login(helper_id, DEMO_HELPER_PIN)
            window.staff.logged_in(result.user)
        elif cmd == "shift":
            user = window.staff_user
            context = window.api.shift_context(user)
            window.api.start_shift(user, next(loc for loc, _name, kind in context.locations if kind != "digibus"), None)
            window.calls.refresh_on_duty()
        elif cmd == "take":
            calls = cast(HelpCallsScreen, window.show_screen("staff-calls"))
            calls.take(calls.calls[0])
        elif cmd == "reset":
            window.reset_visitor_session()
        elif cmd == "quit":
            window.lock.release()
            window.close()
            app.quit()
        answer({"ok": cmd})

    lines = _Lines()
    lines.line.connect(command)

    def read() -> None:
        for line in sys.stdin:
            lines.line.emit(line)

    threading.Thread(target=read, daemon=True).start()
    answer({"ready": True})
    app.exec()
    runtime.close()


if __name__ == "__main__":
    main()
