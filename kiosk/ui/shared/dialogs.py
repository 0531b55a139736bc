"""A calm kiosk question: a card with a title, a short text and big buttons, over the window.

Opened with open() (never exec()), so a visitor-session reset or a test can close it at any time.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.shared.screen import is_staff_screen
from kiosk.ui.shared.widgets import big_button, role_label


class ChoiceDialog(QDialog):
    WIDTH = 760
    FOR_VISITOR = False  # a question for the visitor follows their language also over a staff screen

    def __init__(self, parent: QWidget, title: str, text: str, *, avoid: QWidget | None = None):
        """`avoid`: what the question is about (a row of a list), which it must leave in view."""
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.avoid = avoid
        self.setWindowModality(Qt.WindowModality.WindowModal)
        current = getattr(parent, "current_screen_name", None)
        if current is not None and is_staff_screen(current()) and not self.FOR_VISITOR:
            self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a staff screen's question: Dutch, left to right
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
        self.message = text
        # Rich text: Qt lays out wrapped plain text right to left about one space too wide, and
        # the first line of an Arabic question lost its left end.
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
        self._stack_buttons_if_needed()
        parent, layout = self.parentWidget(), self.layout()
        assert parent is not None and layout is not None  # made with a parent and a layout in __init__
        # As tall as the wrapped text needs at the fixed width, no taller.
        self.setFixedHeight(layout.totalHeightForWidth(self.width()))
        centre = parent.mapToGlobal(parent.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
        if self.avoid is not None and self.avoid.isVisible():
            self._step_aside(self.avoid, parent)

    def _step_aside(self, avoid: QWidget, parent: QWidget) -> None:
        """Below `avoid` when there is room in the window, else above it."""
        row = QRect(avoid.mapToGlobal(QPoint(0, 0)), avoid.size())
        if not self.frameGeometry().intersects(row):
            return
        window = QRect(parent.mapToGlobal(QPoint(0, 0)), parent.size())
        gap = 12
        below = row.bottom() + gap
        top = below if below + self.height() <= window.bottom() else row.top() - gap - self.height()
        self.move(self.x(), max(window.top(), top))

    def _stack_buttons_if_needed(self) -> None:
        """Side by side while every label fits (large text, long languages), else one under the other."""
        items = [self.buttons.itemAt(i) for i in range(self.buttons.count())]
        widgets = (item.widget() for item in items if item is not None)
        buttons = [w for w in widgets if w is not None and not w.isHidden()]
        margins = self.body.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 8  # and the card's border
        # Side by side they share the row equally.
        needed = max(b.sizeHint().width() for b in buttons) * len(buttons) + self.buttons.spacing() * (len(buttons) - 1)
        stacked = needed > room
        self.buttons.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
