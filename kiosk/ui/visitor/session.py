"""The visitor session: the "Stop en wis alles" button, the idle question, and the reset itself.

What the reset wipes is kiosk/ui/visitor/teardown.py; this module decides when.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from kiosk.ui.shared.screen import as_widget
from kiosk.ui.shared.widgets import big_button
from kiosk.ui.visitor.idle import IdleMonitor
from kiosk.ui.visitor.walkthrough import reload_guides

if TYPE_CHECKING:  # the questions and the wipe are imported when first needed, on the UI thread:
    # the home screen needs none of their classes (QDialog, the clipboard, ...: 0.2-0.3 MiB at idle)
    from kiosk.ui.shared.dialogs import ChoiceDialog
    from kiosk.ui.shared.screen import KioskWindow
    from kiosk.ui.visitor.idle_dialog import IdleDialog

log = logging.getLogger(__name__)


class VisitorSession(QObject):
    """Owns the idle clock, the 'Stop en wis alles' button and the reset itself."""

    # Emitted with the text of the idle question when it appears: read-aloud speaks it.
    idle_prompt = Signal(str)

    def __init__(self, window: KioskWindow, app: QApplication):
        super().__init__(as_widget(window))
        self.window = window
        self.idle = IdleMonitor(app, as_widget(window), lambda: window.runtime.settings.idle_seconds * 1000)
        self.countdown_ms = lambda: window.runtime.settings.idle_countdown_seconds * 1000
        self.idle.idle.connect(self.ask_still_there)
        self.idle_prompt.connect(self._read_aloud)
        self.idle_dialog: IdleDialog | None = None
        self.stop_dialog: ChoiceDialog | None = None
        # "Stop en wis alles": always in the visitor bar.
        self.stop_button = big_button("", "danger")
        self.stop_button.clicked.connect(self.confirm_stop)
        self.stop_button.installEventFilter(self)  # for LanguageChange
        window.visitor_bar.addWidget(self.stop_button)
        self.retranslate()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop en wis alles"))
        self.stop_button.setAccessibleName(self.tr("Stoppen en alles wissen wat je hier deed"))

    # --- asking ----------------------------------------------------------------------------------
    def visitor_works_elsewhere(self) -> bool:
        """Is the visitor on a guide step done on their phone or in the eID PIN window (the step's
        `works_elsewhere`), full screen or docked beside the browser?"""
        window = self.window
        built = window.screens.built()
        view = {"walkthrough": window.walkthroughs.view if "walkthrough" in built else None,
                "browser": window.browser.guide.view if "browser" in built else None
                }.get(window.current_screen_name() or "")
        if view is None or view.walkthrough is None or not view.isVisible():
            return False
        return view.walkthrough.meta.steps[view.index].works_elsewhere

    def ask_still_there(self) -> None:
        from kiosk.ui.visitor.idle_dialog import IdleDialog

        dialog = self.idle_dialog = IdleDialog(as_widget(self.window), self.countdown_ms(),
                                               works_elsewhere=self.visitor_works_elsewhere())
        dialog.expired.connect(self.window.reset_visitor_session)
        dialog.finished.connect(self._idle_answered)
        dialog.open()
        self.idle_prompt.emit(dialog.announcement())

    def _read_aloud(self, text: str) -> None:
        speech = self.window.read_aloud
        if speech.enabled:  # the visitor switched read-aloud on
            speech.say(text, self.window.prefs.language)

    def _idle_answered(self, result: int) -> None:
        from kiosk.ui.visitor.idle_dialog import IdleDialog  # loaded: it asked

        self.idle_dialog = None
        if result == IdleDialog.STOP:
            self.window.reset_visitor_session()
        elif result == IdleDialog.PHONE:  # busy on their phone: the longer wait, until they touch the kiosk
            self.idle.resume(self.window.runtime.settings.phone_idle_seconds * 1000)
        else:  # "Ja", Enter, Escape: the visitor is there
            self.idle.resume()

    def confirm_stop(self) -> None:
        from kiosk.ui.shared.dialogs import ChoiceDialog
        from kiosk.ui.visitor.goodbye import TakeAlong

        dialog = self.stop_dialog = ChoiceDialog(
            as_widget(self.window), self.tr("Stoppen en alles wissen?"),
            self.tr("We wissen alles wat je hier deed: websites, wachtwoorden, bestanden en wat je typte. "
                    "De volgende bezoeker ziet niets van jou."))
        dialog.body.insertWidget(2, TakeAlong())  # before the last goodbye: their cards and phone
        dialog.add_button(self.tr("Nee, ga verder"), QDialog.DialogCode.Rejected, default=True)
        dialog.add_button(self.tr("Ja, wis alles"), QDialog.DialogCode.Accepted, "danger")
        dialog.finished.connect(self._stop_answered)
        dialog.open()

    def _stop_answered(self, result: int) -> None:
        self.stop_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.window.reset_visitor_session()

    # --- wiping ----------------------------------------------------------------------------------
    def reset(self) -> None:
        from kiosk.ui.visitor.teardown import wipe_visitor

        wipe_visitor(self.window)  # closes this session's questions too, without answering them
        self.idle_dialog = self.stop_dialog = None
        reload_guides(self.window)  # a new guide bundle takes effect here, never during a visit
        self.window.go_home()
        self.idle.stop()  # the next visitor's first touch starts the clock
        log.info("visitor session reset")
