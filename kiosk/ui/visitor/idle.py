"""Idle detection inside the app, the same on every OS: an event filter on every window.

Lessons from library-PC session tools: the clock starts only at the first input of a session (an
untouched kiosk never resets forever), and the warning's default button KEEPS the session (two
stray key presses must not wipe a visitor's work). Only the countdown reaching zero or an
explicit "stop" resets.
"""
from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QProgressBar, QWidget

from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.widgets import role_label

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class WindowWatch(QObject):
    """Keeps `watcher` installed as event filter on the QWindow of the main window and of every
    window that gets focus (dialogs too). Platform input reaches a QWindow before any widget.

    Not QApplication.installEventFilter: with QtWebEngine, a Python application-wide filter makes
    PySide wrap Chromium's internal QObjects and crashes (PySide6 6.12)."""

    def __init__(self, app: QApplication, main_window: QWidget, watcher: QObject):
        super().__init__(watcher)
        self._main, self._watcher = main_window, watcher
        app.focusWindowChanged.connect(self.install)
        main_window.installEventFilter(self)  # its QWindow exists from its first show
        self.install(main_window.windowHandle())

    def install(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self._watcher)  # installing twice is harmless

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.install(self._main.windowHandle())
        return False


class IdleMonitor(QObject):
    """Emits `idle` once the visitor has given no input for idle_ms() since their last input.

    Stopped until the first input; paused from `idle` until resume() (the question is on screen).
    Input only records a time stamp: the filter sees every event of every window: keep it cheap."""

    idle = Signal()

    def __init__(self, app: QApplication, main_window: QWidget, idle_ms: Callable[[], int]):
        super().__init__(main_window)
        self.idle_ms = idle_ms
        self._last_input = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._paused = False
        WindowWatch(app, main_window, self)

    @property
    def running(self) -> bool:
        """True while the idle clock runs (after the session's first input, not while paused)."""
        return self._timer.isActive()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and event.spontaneous() and not self._paused:
            self._last_input.start()
            if not self._timer.isActive():
                self._timer.start(self.idle_ms())
        return False

    def _check(self) -> None:
        remaining = self.idle_ms() - self._last_input.elapsed()
        if remaining > 0:
            self._timer.start(remaining)
            return
        self._paused = True
        self.idle.emit()

    def resume(self) -> None:
        """The visitor is still there: the clock runs again from now."""
        self._paused = False
        self._last_input.start()
        self._timer.start(self.idle_ms())

    def stop(self) -> None:
        """A new session: wait for its first input."""
        self._paused = False
        self._timer.stop()


class IdleDialog(ChoiceDialog):
    """"Ben je er nog?" with a visible countdown. Enter, Escape and closing all keep the session."""

    KEEP, STOP = 1, 2
    expired = Signal()

    def __init__(self, parent: QWidget, countdown_ms: int):
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
        self.keep_button = self.add_button(self.tr("Ja, ik ben er nog"), self.KEEP, "primary", default=True)
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
        return " ".join((self.title.text(), self.message, self.countdown.text(), self.keep_button.text()))

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
