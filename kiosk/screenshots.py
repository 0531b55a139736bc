"""`python -m kiosk.screenshots OUTDIR`: render the kiosk's screens to PNG files, offscreen.

Reviewers use this to look at every screen in every language without a display.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)  # the most common digipunt resolution


def grab(window, path: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(path))
    return path


def render_all(outdir: Path, data_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from kiosk.core.runtime import bootstrap
    from kiosk.core.settings import LANGUAGES
    from kiosk.ui.main_window import MainWindow

    outdir.mkdir(parents=True, exist_ok=True)
    runtime = bootstrap(data_dir, demo=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(runtime, app)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []
    for lang in LANGUAGES:
        window.prefs.set(language=lang)
        window.go_home()
        written.append(grab(window, outdir / f"home-{lang}.png"))
    window.prefs.reset()
    window.prefs.set(high_contrast=True, text_size="large")
    written.append(grab(window, outdir / "home-nl-high-contrast-large.png"))
    window.prefs.reset()
    written.extend(render_walkthroughs(window, outdir))
    window.screens.build_all()  # screens (and their screenshot hooks) load on first use
    from kiosk import screenshots as registry  # under `python -m` this file is also __main__
    for extra in registry.SCREENSHOT_HOOKS:
        written.extend(extra(window, outdir))
    window.close()
    runtime.close()
    return written


def render_walkthroughs(window, outdir: Path) -> list[Path]:
    """Every step of every walkthrough in every language, plus Dutch side by side for each."""
    from kiosk.core.settings import LANGUAGES

    written = []
    screen = window.walkthroughs
    for lang in LANGUAGES:
        window.prefs.set(language=lang)
        for wt in window.runtime.content.walkthroughs:
            screen.open(wt.id)
            for index in range(len(wt)):
                screen.view.show_step(index)
                written.append(grab(window, outdir / f"walkthrough-{wt.id}-{lang}-{index + 1:02d}.png"))
            if lang != "nl":
                screen.view.show_step(0)
                screen.view.dutch_toggle.setChecked(True)
                written.append(grab(window, outdir / f"walkthrough-{wt.id}-{lang}-with-dutch.png"))
                screen.view.dutch_toggle.setChecked(False)
    window.prefs.reset()
    window.prefs.set(high_contrast=True, text_size="extra-large")
    screen.open("itsme", 1)
    written.append(grab(window, outdir / "walkthrough-itsme-nl-high-contrast-extra-large.png"))
    window.prefs.reset()
    window.go_home()
    return written


# Screen modules register a function(window, outdir) -> list[Path] here to add their screens.
SCREENSHOT_HOOKS: list = []


def main(argv: list[str] | None = None) -> int:
    # Here, not at import: screen modules import this one to register their hooks, and the real
    # kiosk must not end up offscreen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import allow_webengine_as_root

    allow_webengine_as_root()
    parser = argparse.ArgumentParser(prog="python -m kiosk.screenshots")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a fresh temporary directory")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="digipunt-shots-"))
    written = render_all(args.outdir, data_dir)
    print(f"{len(written)} screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
