"""A calm kiosk question: a card with a title, a short text and big buttons, over the window.

Opened with open() (never exec()), so a visitor-session reset or a test can close it at any time.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.shared.widgets import big_button, role_label


class ChoiceDialog(QDialog):
    WIDTH = 760

    def __init__(self, parent: QWidget, title: str, text: str):
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        card = QFrame()
        card.setProperty("role", "card")
        outer.addWidget(card)
        self.body = QVBoxLayout(card)
        self.body.setContentsMargins(36, 30, 36, 30)
        self.body.setSpacing(18)
        self.title = role_label(title, "title")
        self.text = role_label(text)
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(16)
        self.body.addSpacing(6)
        self.body.addLayout(self.buttons)
        self.setFixedWidth(min(self.WIDTH, parent.width() - 40))

    def add_button(self, text: str, result: int, role: str | None = None, *,
                   default: bool = False) -> QPushButton:
        """The default button is what Enter (and a stray key press) chooses: always the safe one."""
        button = big_button(text, role)
        button.setAutoDefault(False)
        button.setDefault(default)
        button.clicked.connect(lambda: self.done(result))
        self.buttons.addWidget(button, 1)
        if default:
            button.setFocus()
        return button

    def showEvent(self, event) -> None:
        super().showEvent(event)
        parent, layout = self.parentWidget(), self.layout()
        assert parent is not None and layout is not None  # made with a parent and a layout in __init__
        # As tall as the wrapped text needs at the fixed width, no taller.
        self.setFixedHeight(layout.totalHeightForWidth(self.width()))
        centre = parent.mapToGlobal(parent.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
