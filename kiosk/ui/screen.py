"""Base class of every screen in the main window's stack."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class Screen(QWidget):
    """Screens retranslate themselves on QEvent.LanguageChange and forget everything on reset()."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.setObjectName("screen")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible string again (tr() now answers in the new language)."""

    def reset(self) -> None:
        """Forget the visitor: called on every visitor-session reset."""

    def shown(self) -> None:
        """Called each time the screen becomes the current one."""
