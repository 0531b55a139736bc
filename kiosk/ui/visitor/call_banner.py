"""The visitor's raised hand: a calm banner at the top of the visitor's screen, never a modal.

"Ik heb hulp nodig" raises it; it stays, readable across the room, until a helper takes the call
or the visitor cancels it. It says only what is true: that a helper was told (a helper shift is
open here or on another kiosk of the location that answered), or that nobody is here now and to ask
at the desk. A second tap shows the open call again (one call per visitor session). The session's
end withdraws the call (kiosk/ui/shared/calls.py) and hides the banner.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core.helpcalls import CallInfo
from kiosk.core.paths import resources_dir
from kiosk.ui.shared.icons import icon_pixmap
from kiosk.ui.shared.screen import KioskWindow
from kiosk.ui.shared.widgets import big_button, role_label
from kiosk.ui.visitor.home_info import next_spreekuur_sentence

TAKEN_SHOWN_MS = 30_000  # "a helper is coming" stays this long, then the banner goes
FLASH_MS = 1500
ICON_PX = 56

CALLING, REACHED, NOBODY, TAKEN, FAILED = "calling", "reached", "nobody", "taken", "failed"


class CallBanner(QFrame):
    def __init__(self, window: KioskWindow):
        super().__init__()
        self.window_ = window
        self.state: str | None = None
        self.setProperty("role", "call-banner")
        self.setAccessibleName("Ik heb hulp nodig")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(18)
        self.icon = QLabel()
        self.icon.setPixmap(icon_pixmap(resources_dir() / "icons" / "hand-up.svg", ICON_PX))
        self.icon.setFixedSize(ICON_PX, ICON_PX)
        layout.addWidget(self.icon)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = role_label("", "subtitle")
        self.text = role_label("")
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        layout.addLayout(texts, 1)
        self.button = big_button()
        self.button.clicked.connect(self._button_clicked)
        layout.addWidget(self.button)
        self._taken_timer = QTimer(self)
        self._taken_timer.setSingleShot(True)
        self._taken_timer.timeout.connect(self.close_banner)
        self.hide()

        calls = window.calls
        calls.own_outcome.connect(self._outcome)
        calls.own_taken.connect(self._taken)
        window.visitor_session_reset.connect(self.close_banner)
        window.stack.currentChanged.connect(self._update_visible)

    # --- from the visitor --------------------------------------------------------------------------
    def request(self, walkthrough_id: str | None, step_index: int | None) -> None:
        """'Ik heb hulp nodig': a new call, or the open one shown again."""
        if self.window_.calls.own_call() is not None and self.state in (CALLING, REACHED):
            self.flash()
            return
        self._show(CALLING)
        self.window_.calls.make(walkthrough_id, step_index)

    def _button_clicked(self) -> None:
        if self.state in (CALLING, REACHED):
            self.window_.calls.withdraw()  # the visitor cancels: gone on every kiosk
        self.close_banner()

    def flash(self) -> None:
        """Draw the eye to the open call (a second tap)."""
        self.setProperty("flash", True)
        self.style().polish(self)
        QTimer.singleShot(FLASH_MS, self, self._unflash)

    def _unflash(self) -> None:
        self.setProperty("flash", False)
        self.style().polish(self)

    # --- from the call service ---------------------------------------------------------------------
    def _outcome(self, call: CallInfo | None, reached: bool) -> None:
        if self.state != CALLING:
            return  # cancelled meanwhile
        self._show(REACHED if reached else (FAILED if call is None else NOBODY))

    def _taken(self, _call: CallInfo) -> None:
        if self.state in (CALLING, REACHED):
            self._show(TAKEN)
            self._taken_timer.start(TAKEN_SHOWN_MS)

    def close_banner(self) -> None:
        self._taken_timer.stop()
        self.state = None
        self.hide()

    # --- display -----------------------------------------------------------------------------------
    def _show(self, state: str) -> None:
        self.state = state
        self.retranslate()
        self._update_visible()

    def _update_visible(self, _index: int = 0) -> None:
        name = self.window_.current_screen_name()
        self.setVisible(self.state is not None and not (name or "").startswith("staff-"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = {
            CALLING: (self.tr("We roepen een digihelper"), self.tr("Even geduld."), self.tr("Annuleer mijn vraag")),
            REACHED: (self.tr("Een digihelper is verwittigd"),
                      self.tr("Blijf gerust zitten. Je kunt intussen verder kijken."), self.tr("Annuleer mijn vraag")),
            NOBODY: (self.tr("Er is nu geen digihelper"), self._nobody_text(), self.tr("Sluiten")),
            TAKEN: (self.tr("Een digihelper komt naar je toe"), self.tr("Blijf gerust zitten."), self.tr("Sluiten")),
            FAILED: (self.tr("Dat is niet gelukt"),
                     self.tr("We konden geen digihelper verwittigen. Vraag het aan de balie."), self.tr("Sluiten")),
        }
        title, text, button = texts.get(self.state or "", ("", "", ""))
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)
        self.button.setProperty("role", "primary" if self.state in (NOBODY, TAKEN, FAILED) else None)
        self.button.style().polish(self.button)
        self.setAccessibleDescription(f"{title}. {text}")

    def _nobody_text(self) -> str:
        when = next_spreekuur_sentence(self.window_)
        ask = self.tr("Vraag het aan de balie.")
        return ask if when is None else f"{ask} {when}"
