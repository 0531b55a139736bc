"""What every screenshot module needs: grabbing the window, with a dialog over it, and waiting."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kiosk.core import accounts
from kiosk.core.accounts import StaffUser
from kiosk.core.demo import DEMO_HELPER_NAME

SIZE = (1366, 768)  # the most common digipunt resolution
# At A++ these must read completely (Arabic also in high contrast): Dutch, right to left, long words.
WORST_CASE_LANGUAGES = ("nl", "ar", "uk", "fa")


def grab(window: QWidget, path: Path) -> Path:
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(path))
    return path


def grab_with_dialog(window: QWidget, dialog: QDialog, path: Path) -> Path:
    """The window with the dialog where it floats (offscreen, grab() sees one window only)."""
    for _ in range(3):
        QApplication.processEvents()
    image = window.grab()
    painter = QPainter(image)
    painter.drawPixmap(dialog.mapToGlobal(dialog.rect().topLeft()) - window.mapToGlobal(window.rect().topLeft()),
                       dialog.grab())
    painter.end()
    image.save(str(path))
    return path


def settle(window) -> None:
    """Let the store worker finish and its results reach the screens."""
    for _ in range(4):
        window.db_tasks.wait()
        QApplication.processEvents()


def wait(ms: int, signal=None) -> None:
    """Let Chromium work for ms (after signal, if given): it paints in its own time."""
    loop = QEventLoop()
    if signal is None:
        QTimer.singleShot(ms, loop.quit)
    else:
        signal.connect(lambda *_: QTimer.singleShot(ms, loop.quit))
        QTimer.singleShot(15000, loop.quit)
    loop.exec()


def demo_coordinator(window) -> StaffUser:
    """The demo data's coordinator, as a PIN login would give it."""
    with window.runtime.store.read() as session:
        return StaffUser.of(next(h for h in accounts.active_helpers(session) if h.display_name == DEMO_HELPER_NAME))
