"""`python -m tools.screenshots OUTDIR [--data-dir DIR]`: every screen to PNG, offscreen."""
from __future__ import annotations

import os

# Before Qt loads: offscreen, and Chromium allowed to run as root in a development container.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import sys
import tempfile
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QApplication

from kiosk.app import allow_webengine_as_root
from kiosk.core.runtime import bootstrap
from kiosk.ui.main_window import MainWindow
from tools.screenshots import accounts, browser, calls, settings, setup, staff, sync, visitor
from tools.screenshots.common import SIZE

# Each leaves the window on the home screen with the visitor's defaults. The first ones run before
# the other screens are built: a language switch then retranslates only home and walkthrough.
BEFORE_BUILD = (visitor.render_home, visitor.render_home_info, visitor.render_walkthroughs)
AFTER_BUILD = (staff.render, visitor.render_session, calls.render, browser.render, setup.render, accounts.render,
               settings.render, sync.render)


def render_all(outdir: Path, data_dir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    runtime = bootstrap(data_dir, demo=True)
    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])  # typed as QCoreApplication
    window = MainWindow(runtime, app)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []
    for area in BEFORE_BUILD:
        written.extend(area(window, outdir))
    window.screens.build_all()  # every registered screen, as the kiosk's self-check builds them
    for area in AFTER_BUILD:
        written.extend(area(window, outdir))
    window.close()
    runtime.close()
    return written


def main(argv: list[str] | None = None) -> int:
    allow_webengine_as_root()
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a fresh temporary directory")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="digipunt-shots-"))
    written = render_all(args.outdir, data_dir)
    print(f"{len(written)} screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
