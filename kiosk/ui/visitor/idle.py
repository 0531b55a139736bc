"""Idle detection inside the app, the same on every OS: an event filter on every window.

Lessons from library-PC session tools: the clock starts only at the first input of a session (an
untouched kiosk never resets forever), and the warning's default button KEEPS the session (two
stray key presses must not wipe a visitor's work). Only the countdown reaching zero or an
explicit "stop" resets.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

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
        self._extended_ms: int | None = None  # "Ik ben bezig op mijn gsm": until the next input
        WindowWatch(app, main_window, self)

    def _limit_ms(self) -> int:
        return self._extended_ms if self._extended_ms is not None else self.idle_ms()

    @property
    def running(self) -> bool:
        """True while the idle clock runs (after the session's first input, not while paused)."""
        return self._timer.isActive()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and event.spontaneous() and not self._paused:
            self._last_input.start()
            self._extended_ms = None  # back at the kiosk: the usual idle time again
            if not self._timer.isActive():
                self._timer.start(self.idle_ms())
        return False

    def _check(self) -> None:
        remaining = self._limit_ms() - self._last_input.elapsed()
        if remaining > 0:
            self._timer.start(remaining)
            return
        self._paused = True
        self.idle.emit()

    def resume(self, extended_ms: int | None = None) -> None:
        """The visitor is still there: the clock runs again from now, for `extended_ms` when they
        work on their phone (until their next input here), else the usual idle time."""
        self._paused = False
        self._extended_ms = extended_ms
        self._last_input.start()
        self._timer.start(self._limit_ms())

    def stop(self) -> None:
        """A new session: wait for its first input."""
        self._paused = False
        self._extended_ms = None
        self._timer.stop()
