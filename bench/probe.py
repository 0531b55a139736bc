"""Start-up probe, run as a child process by bench.startup:

    python -m bench.probe bare|stack|kiosk DATA_DIR [settle]

Starts a bare PySide6 window, the same window after importing the libraries the kiosk cannot
start without (`stack`: SQLAlchemy's ORM and pydantic's BaseModel, a floor for the kiosk's figures), or the
real kiosk (`kiosk.app.main`, windowed, 1366x768), and the
first time the event loop is about to wait for input with the window exposed (shown, painted,
nothing left to do) prints one JSON line with the wall-clock time, resident memory and CPU time,
then quits. Every variant is measured by the same hook, so the comparison is fair.

Exposed, not just shown: the loop first waits before the platform has exposed the window, so
nothing is painted yet (the offscreen platform exposes it on the next pass, and the window paints
then). Until 2026-11-30 the probe stopped at that first wait, which left out the first paint and
the work the kiosk does once its window is painted (its `aboutToBlock` slot, connected before this
probe's, starts the help calls and the sync service in the same pass: the kiosk is busy until that
returns).

The probe itself imports no Qt: it patches `QApplication.exec` when the program first imports
QtWidgets. Once PySide6 is loaded, its import hook reads the source of every module imported after
it (`shibokensupport.feature`, for `from __feature__ import ...`): importing Qt ahead of the
program would add that cost (and the sources kept in `linecache`, about 20 MiB for the kiosk) to
modules that the program itself imports before Qt.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from types import ModuleType

from kiosk.startup_report import report_when_idle


def _exec_until_idle(app) -> int:
    if _settle:
        from PySide6.QtCore import QTimer  # Qt is loaded by now

        QTimer.singleShot(SETTLE_MS, lambda: report_when_idle(app))
    else:
        report_when_idle(app)
    return _original_exec()


_original_exec = None
# The warm-up start (`settle`) runs SETTLE_MS longer, so that what a kiosk does once after its first
# paint (the help calls note whether the keyring holds a key) is in the data directory, as on any
# kiosk that has run before; the measured starts stop at the first idle.
SETTLE_MS = 2000
_settle = False


class _PatchExecOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when PySide6.QtWidgets is imported, it wraps that module's loading so
    that `QApplication.exec` is replaced once the module exists, then leaves `sys.meta_path`."""

    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_patch(module: ModuleType) -> None:
            global _original_exec
            exec_module(module)
            application = module.QApplication
            _original_exec = application.exec
            application.exec = lambda *_args: _exec_until_idle(application.instance())

        spec.loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec


def main(variant: str, data_dir: str, settle: str = "") -> int:
    global _settle
    _settle = settle == "settle"
    sys.meta_path.insert(0, _PatchExecOnImport())
    if variant == "stack":
        # The import is what is measured. pydantic's BaseModel, not just `import pydantic`: pydantic 2
        # loads its modules on first use of a name, and `import pydantic` alone loads almost none of them.
        import sqlalchemy.orm  # noqa: F401
        from pydantic import BaseModel  # noqa: F401
    if variant in ("bare", "stack"):
        from bench import bare_window

        return bare_window.main()
    from kiosk.app import main as kiosk_main

    return kiosk_main(["--windowed", "--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
