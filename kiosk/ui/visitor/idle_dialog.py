"""The idle question, "Ben je er nog?" (kiosk/ui/visitor/idle.py watches for input). Imported when it
is first asked: the home screen needs none of its classes (with the stop question and the wipe,
0.2-0.3 MiB of the idle kiosk's memory)."""
from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.widgets import role_label
from kiosk.ui.visitor.goodbye import TakeAlong


class IdleDialog(ChoiceDialog):
    """"Ben je er nog?" with a visible countdown. Enter, Escape and closing all keep the session."""

    KEEP, STOP, PHONE = 1, 2, 3
    expired = Signal()

    def __init__(self, parent: QWidget, countdown_ms: int, *, works_elsewhere: bool = False):
        """works_elsewhere: the step has the visitor on their phone or in the eID PIN window; then
        "Ik ben bezig op mijn gsm" is offered, and it is the default."""
        super().__init__(parent, self.tr("Ben je er nog?"),
                         self.tr("Je hebt een tijdje niets gedaan. Als je niets kiest, wissen we straks "
                                 "alles wat je deed. Zo ziet de volgende bezoeker niets van jou."))
        self._total_ms = countdown_ms
        self.countdown = role_label("", "subtitle")
        self.progress = QProgressBar()
        self.progress.setRange(0, countdown_ms)
        self.progress.setTextVisible(False)
        self.body.insertWidget(2, self.countdown)
        self.body.insertWidget(3, self.progress)
        self.body.insertWidget(4, TakeAlong())  # before the last goodbye: their cards and phone
        self.phone_button = None
        if works_elsewhere:
            self.phone_button = self.add_button(self.tr("Ik ben bezig op mijn gsm"), self.PHONE, "primary",
                                                default=True)
            self.buttons.removeWidget(self.phone_button)  # a row of its own: three do not fit in one
            self.body.insertWidget(self.body.indexOf(self.progress) + 2, self.phone_button)
        self.keep_button = self.add_button(self.tr("Ja, ik ben er nog"), self.KEEP,
                                           None if works_elsewhere else "primary", default=not works_elsewhere)
        self.stop_button = self.add_button(self.tr("Nee, stop en wis alles"), self.STOP)
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(min(250, max(countdown_ms // 4, 10)))
        self._tick.timeout.connect(self._update)
        self._clock.start()
        self._tick.start()
        self._update()

    def remaining_seconds(self) -> int:
        return math.ceil(max(self._total_ms - self._clock.elapsed(), 0) / 1000)

    def announcement(self) -> str:
        """What read-aloud says when the question appears."""
        default = self.phone_button or self.keep_button
        return " ".join((self.title.text(), self.message, self.countdown.text(), default.text()))

    def _update(self) -> None:
        remaining = max(self._total_ms - self._clock.elapsed(), 0)
        self.progress.setValue(remaining)
        seconds = self.remaining_seconds()
        self.countdown.setText(self.tr("Nog 1 seconde.") if seconds == 1
                               else self.tr("Nog {n} seconden.").format(n=seconds))
        if remaining == 0:
            self._tick.stop()
            self.expired.emit()

    def done(self, result: int) -> None:
        self._tick.stop()
        super().done(result)
