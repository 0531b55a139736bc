"""Start-up probe, run as a child process by bench.startup:

    python -m bench.probe bare|stack|kiosk DATA_DIR

Starts a bare PySide6 window, the same window after importing the libraries the kiosk cannot
start without (`stack`: SQLAlchemy's ORM and pydantic, a floor for the kiosk's figures), or the
real kiosk (`kiosk.app.main`, windowed, 1366x768), and the
first time the event loop is about to wait for input (window shown, painted, nothing left to do)
prints one JSON line with the wall-clock time and resident memory, then quits. Both variants are
measured by the same hook, so the comparison is fair.
"""
from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QAbstractEventDispatcher
from PySide6.QtWidgets import QApplication

from bench import bare_window
from bench.common import rss_bytes

_exec = QApplication.exec


def _exec_until_idle(*_args) -> int:
    app = QApplication.instance()
    dispatcher = QAbstractEventDispatcher.instance()

    def idle() -> None:
        dispatcher.aboutToBlock.disconnect(idle)
        print(json.dumps({"idle_at": time.time(), "rss": rss_bytes()}), flush=True)
        app.quit()

    dispatcher.aboutToBlock.connect(idle)
    return _exec()


def main(variant: str, data_dir: str) -> int:
    QApplication.exec = _exec_until_idle  # type: ignore[method-assign]  # the probe stops the app once idle
    if variant == "bare":
        return bare_window.main()
    if variant == "stack":
        import pydantic  # noqa: F401  (the import is what is measured)
        import sqlalchemy.orm  # noqa: F401

        return bare_window.main()
    from kiosk.app import main as kiosk_main

    return kiosk_main(["--windowed", "--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
