"""`digipunt-kiosk`: command line, start-up and the self-check the installer runs."""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import cast

from kiosk.core.paths import DataDirError, default_data_dir
from kiosk.core.store.db import StoreError
from sync.version import __version__

log = logging.getLogger(__name__)
_sigterm_wakeup: list[object] = []


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="digipunt-kiosk", description="Digipunt kiosk for public computers.")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data directory (default: DIGIPUNT_DATA_DIR or the platform's user data dir); "
                             "on PCs that restore themselves at reboot, point it to a persistent partition")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen (development)")
    parser.add_argument("--demo", action="store_true",
                        help="seed a demo location and demo digihelper when the store has no helpers")
    parser.add_argument("--self-check", action="store_true",
                        help="start headless, build every screen, start the built-in browser, print a JSON "
                             "summary and exit (0: ok)")
    parser.add_argument("--self-check-log", type=Path, default=None, metavar="FILE",
                        help="also write the self-check's JSON to FILE (the Windows program prints nothing)")
    parser.add_argument("--startup-report", action="store_true",
                        help="start windowed; once the home screen is shown and idle, print the time, memory and "
                             "CPU time as JSON and quit (timing a start on this computer)")
    parser.add_argument("--version", action="version", version=f"digipunt-kiosk {__version__}")
    return parser.parse_args(argv)


def missing_xcb_libraries() -> list[str]:
    """Qt's xcb plugin aborts the process when these are absent; we say so in plain words first."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return []
    if not os.environ.get("DISPLAY"):
        return []
    import ctypes.util  # only here: it loads subprocess and friends

    needed = {"xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0",
              "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1"}
    return [package for lib, package in needed.items() if ctypes.util.find_library(lib) is None]


def allow_webengine_as_root() -> None:
    """Chromium refuses to run as root without --no-sandbox. Root is never the account of a visitor
    PC (the kiosk session runs as its own unprivileged user, see installer/); this is for
    development containers and CI only, and the log says so."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
            log.warning("running as root: the built-in browser runs without Chromium's sandbox")


def fatal(message: str, *, gui: bool) -> int:
    print(f"digipunt-kiosk: {message}", file=sys.stderr)
    if logging.getLogger().handlers:  # before start-up configured logging, stderr already has it
        log.error(message)
    if gui:
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox
            app = QApplication.instance() or QApplication(sys.argv)
            QMessageBox.critical(None, "Digipunt kan niet starten", message)
            del app
        except Exception:  # no display at all: stderr already has the message
            pass
    return 2


def exit_on_sigterm(app) -> None:
    """`systemctl stop` and an upgrade (installer/linux/setup-kiosk-user.sh) send SIGTERM. Qt's
    default would end the process on the spot; leaving the event loop instead lets the sync service
    make its last push and the store close (the outbox is durable either way). exit(), not quit():
    quit() first asks every window to close, and the kiosk window refuses. Python runs a signal
    handler only when it next gets control, so the wake-up fd gives Qt's loop a socket to wake on."""
    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return
    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    def stop(*_) -> None:
        log.info("SIGTERM: stopping")
        QTimer.singleShot(0, lambda: app.exit(0))  # also when the loop has not started yet

    signal.signal(signal.SIGTERM, stop)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: reader.recv(64))
    _sigterm_wakeup.extend((reader, writer, notifier))  # the wake-up fd must stay open


def report_self_check(summary: dict, log_file: Path | None) -> int:
    text = json.dumps(summary, ensure_ascii=False)
    print(text)
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            log_file.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"digipunt-kiosk: cannot write {log_file}: {exc}", file=sys.stderr)
            return 2
    return 0 if summary["ok"] else 1


def collect_after_start() -> None:
    """The start-up makes about 100,000 objects that live as long as the kiosk (modules, classes,
    models, widgets' wrappers) and almost no garbage (under 1,000 objects in cycles). Python's
    collector walked them over and over while they were made: 40 ms of a 0.75 s start. It is off
    until the home screen is painted; then they go to the permanent generation, where later
    collections do not walk them either, and it is on again."""
    gc.freeze()
    gc.enable()


def main(argv: list[str] | None = None) -> int:
    gc.disable()  # until the home screen is painted: collect_after_start
    try:
        return run(argv)
    finally:
        gc.enable()  # also when the start failed


def run(argv: list[str] | None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.self_check:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    allow_webengine_as_root()
    missing = missing_xcb_libraries()
    if missing:
        return fatal("Qt needs these system libraries to open a window: " + " ".join(missing) +
                     f". Install them with: sudo apt install {' '.join(missing)}", gui=False)

    from kiosk.core.runtime import bootstrap  # after the environment is settled
    try:
        runtime = bootstrap(args.data_dir or default_data_dir(), demo=args.demo)
    except (DataDirError, StoreError) as exc:
        code = fatal(str(exc), gui=not args.self_check)
        if args.self_check_log is not None:  # the installer reads the reason from here
            report_self_check({"ok": False, "version": __version__, "reason": str(exc)}, args.self_check_log)
        return code

    from PySide6.QtWidgets import QApplication

    from kiosk.ui.main_window import MainWindow

    # QApplication.instance() is typed as the QCoreApplication it may be; here it is a QApplication.
    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])
    app.setApplicationName("Digipunt")
    if not args.self_check:
        exit_on_sigterm(app)
    window = MainWindow(runtime, app)
    window.started.connect(collect_after_start)

    if args.self_check:
        collect_after_start()
        from kiosk.ui.selfcheck import self_check

        summary = self_check(runtime, window, app, started)
        window.close()
        runtime.close()
        return report_self_check(summary, args.self_check_log)

    if args.windowed or args.startup_report:
        window.resize(1366, 768)
        window.show()
    else:
        window.enter_kiosk_mode()  # fullscreen, frameless, refuses to close (kiosk/ui/lockdown.py)
    log.info("digipunt-kiosk %s started in %.1f s", __version__, time.perf_counter() - started)
    if args.startup_report:
        from kiosk.startup_report import report_when_idle

        report_when_idle(app)
    code = app.exec()
    runtime.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
