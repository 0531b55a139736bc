"""Kiosk lockdown: what the application itself can do (the OS part belongs to the installer).

In kiosk mode the window is fullscreen and frameless, refuses to close, and comes back fullscreen
when something minimises or un-fullscreens it; the usual close/quit keys are swallowed. Staff reach
their PIN login with Ctrl+Alt+Shift+D or by pressing the top-left corner for a few seconds.
"""
from __future__ import annotations

import logging
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.ui.shared.screen import KioskWindow, as_widget
from kiosk.ui.visitor.idle import WindowWatch

log = logging.getLogger(__name__)

_MODS = Qt.KeyboardModifier
_KEY_MODIFIERS = _MODS.ShiftModifier | _MODS.ControlModifier | _MODS.AltModifier | _MODS.MetaModifier
STAFF_SHORTCUT = (_MODS.ControlModifier | _MODS.AltModifier | _MODS.ShiftModifier, Qt.Key.Key_D)
# Close a window or tab, quit, leave or enter fullscreen, developer tools.
REFUSED_KEYS = frozenset({
    (_MODS.AltModifier, Qt.Key.Key_F4), (_MODS.ControlModifier, Qt.Key.Key_F4),
    (_MODS.ControlModifier, Qt.Key.Key_W), (_MODS.ControlModifier | _MODS.ShiftModifier, Qt.Key.Key_W),
    (_MODS.ControlModifier, Qt.Key.Key_Q), (_MODS.ControlModifier | _MODS.ShiftModifier, Qt.Key.Key_Q),
    (_MODS.NoModifier, Qt.Key.Key_F11), (_MODS.NoModifier, Qt.Key.Key_F12),
    (_MODS.ControlModifier | _MODS.ShiftModifier, Qt.Key.Key_I),
    (_MODS.MetaModifier, Qt.Key.Key_D), (_MODS.MetaModifier, Qt.Key.Key_M),
})
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
CORNER_PX = 40


class KioskLock(QObject):
    def __init__(self, window: KioskWindow, app: QApplication):
        super().__init__(as_widget(window))
        self.window = window
        self.locked = False
        self.long_press_ms = 3000
        self._press_at: QPoint | None = None
        self._press_timer = QTimer(self)
        self._press_timer.setSingleShot(True)
        self._press_timer.timeout.connect(self._long_press)
        WindowWatch(app, as_widget(window), self)  # keys and presses, in every window
        window.installEventFilter(self)  # close and minimise of the main window

    def enter(self) -> None:
        """Kiosk mode: fullscreen, no frame, no way out for visitors."""
        self.locked = True
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.window.showFullScreen()

    def release(self) -> None:
        """Staff are leaving the kiosk (the staff menu's exit): allow the close."""
        self.locked = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS:
            return self._key(cast(QKeyEvent, event))
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove):
            self._corner_press(obj, cast(QMouseEvent, event))
        elif obj is self.window and self.locked:
            return self._window_event(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        """The staff shortcut opens the login; in kiosk mode the close/quit/fullscreen keys do nothing."""
        combo = (event.modifiers() & _KEY_MODIFIERS, event.key())
        if combo == STAFF_SHORTCUT:
            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self._staff_access()
            return True
        return self.locked and combo in REFUSED_KEYS

    def _corner_press(self, obj: QObject, event: QMouseEvent) -> None:
        """A long press in the top-left corner: the staff gesture for touch screens."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.LeftButton and self._in_corner(obj, event.position().toPoint()):
                self._press_at = event.globalPosition().toPoint()
                self._press_timer.start(self.long_press_ms)
        elif kind == QEvent.Type.MouseButtonRelease or (  # let go, or slid out of the corner
                self._press_timer.isActive() and not self._in_corner(obj, event.position().toPoint())):
            self._press_timer.stop()

    def _window_event(self, event: QEvent) -> bool:
        """The locked main window refuses to close and comes back when it leaves fullscreen."""
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        if event.type() == QEvent.Type.WindowStateChange and self._left_fullscreen():
            QTimer.singleShot(0, self._restore)
        return False

    def _left_fullscreen(self) -> bool:
        return self.window.isMinimized() or not self.window.isFullScreen()

    def _restore(self) -> None:
        if self.locked and self._left_fullscreen():
            self.window.showFullScreen()

    def _in_corner(self, obj: QObject, pos: QPoint) -> bool:
        """pos is relative to obj, the QWindow that got the press: only the main window counts."""
        return obj is self.window.windowHandle() and 0 <= pos.x() < CORNER_PX and 0 <= pos.y() < CORNER_PX

    def _long_press(self) -> None:
        # The press must not also click what lies in the corner when the finger lifts.
        under = QApplication.widgetAt(self._press_at) if self._press_at is not None else None
        if isinstance(under, QAbstractButton):
            under.setDown(False)
        self._staff_access()

    def _staff_access(self) -> None:
        # request_staff_access() (the PIN login) belongs to the helper area; until it exists the
        # gesture does nothing, and a visitor never reaches a staff screen without a PIN.
        request = getattr(self.window, "request_staff_access", None)
        if request is None:
            log.warning("staff access gesture, but no staff login is installed")
            return
        request()
