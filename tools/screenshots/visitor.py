"""The visitor's screens: home in every language, every walkthrough step, the session's questions."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from kiosk.core.settings import LANGUAGES
from kiosk.ui.visitor.idle_dialog import IdleDialog
from tools.screenshots import home_info
from tools.screenshots.common import WORST_CASE_LANGUAGES, grab, grab_with_dialog, settle


def render_home(window, outdir: Path) -> list[Path]:
    written = []
    for lang in LANGUAGES:
        window.prefs.set(language=lang)
        window.go_home()
        written.append(grab(window, outdir / f"home-{lang}.png"))
    window.prefs.reset()
    window.prefs.set(high_contrast=True, text_size="large")
    written.append(grab(window, outdir / "home-nl-high-contrast-large.png"))
    for lang in WORST_CASE_LANGUAGES:  # the largest text: what must still read completely
        window.prefs.set(language=lang, text_size="extra-large", high_contrast=lang == "ar")
        written.append(grab(window, outdir / f"home-{lang}-extra-large.png"))
    window.prefs.reset()
    return written


def render_home_info(window, outdir: Path) -> list[Path]:
    """The home screen with this location's spreekuur, its next workshops and a notice (nl, ar, and
    A++ in high contrast), then on the digibus with its next stops, workshops and two notices."""
    written = []
    store = window.runtime.store
    for kind, notices, states in (
        ("fixed", 1, (("nl", "normal", False), ("ar", "normal", False), ("nl", "extra-large", True),
                      ("ar", "extra-large", True))),
        ("digibus", 2, (("nl", "normal", False), ("uk", "normal", False), ("uk", "extra-large", False))),
    ):
        home_info.seed(store, window.api.clock.now(), kind, notices, workshops=4)
        window.go_home()
        settle(window)
        for lang, size, contrast in states:
            window.prefs.set(language=lang, text_size=size, high_contrast=contrast)
            name = f"home-info-{kind}-{lang}" + (f"-{size}" if size != "normal" else "") + ("-hc" if contrast else "")
            written.append(grab(window, outdir / f"{name}.png"))
            if size == "extra-large":  # the rest of the lines (the workshops), scrolled in the area
                bar = window.home.info.lines_area.verticalScrollBar()
                bar.setValue(bar.maximum())
                written.append(grab(window, outdir / f"{name}-scrolled.png"))
                bar.setValue(0)
        window.prefs.reset()
    home_info.clear(store)
    window.go_home()
    settle(window)
    return written


def render_walkthroughs(window, outdir: Path) -> list[Path]:
    """Every step of every walkthrough in every language, plus Dutch side by side for each."""
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


def render_session(window, outdir: Path) -> list[Path]:
    """The idle question and the "Stop en wis alles" confirmation, over the home screen."""
    session = window.session
    session.ask_still_there()
    written = [grab_with_dialog(window, session.idle_dialog, outdir / "kiosk-idle-question.png")]
    session.idle_dialog.done(IdleDialog.KEEP)
    for lang in WORST_CASE_LANGUAGES:
        window.prefs.set(language=lang, text_size="extra-large", high_contrast=lang == "ar")
        session.ask_still_there()
        written.append(grab_with_dialog(window, session.idle_dialog,
                                        outdir / f"kiosk-idle-question-{lang}-extra-large.png"))
        session.idle_dialog.done(IdleDialog.KEEP)
    window.prefs.reset()
    session.confirm_stop()
    written.append(grab_with_dialog(window, session.stop_dialog, outdir / "kiosk-stop-confirmation.png"))
    session.stop_dialog.done(QDialog.DialogCode.Rejected)
    session.idle.stop()
    return written
