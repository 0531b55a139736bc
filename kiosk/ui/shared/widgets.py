"""Small shared widgets for visitor screens: big buttons, tiles, labels with roles."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget


def role_label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def scroll_area(content: QWidget) -> QScrollArea:
    """`content` scrolling when it outgrows its place, frameless, on the screen's own background."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    content.setObjectName("screen")
    scroll.setWidget(content)
    scroll.viewport().setObjectName("screen")
    return scroll


def keep_scroll_bar_place(scroll: QScrollArea) -> None:
    """The vertical scroll bar keeps its place whether or not there is anything to scroll, so
    the content never reflows (nor is laid out twice) when it starts to need one. With nothing
    to scroll the bar is disabled, and the theme then draws nothing."""
    bar = scroll.verticalScrollBar()
    scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    bar.rangeChanged.connect(lambda minimum, maximum: bar.setEnabled(maximum > minimum))
    bar.setEnabled(False)


def big_button(text: str = "", role: str | None = None, *, accessible: str | None = None) -> QPushButton:
    button = QPushButton(text)
    if role:
        button.setProperty("role", role)
    button.setMinimumSize(48, 56)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible or text)
    return button


class Tile(QPushButton):
    """A large home-screen tile: icon, title and one line of explanation."""

    def __init__(self, icon: Path | None = None):
        super().__init__()
        self.setProperty("role", "tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(280, 150)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(18)
        self._icon = QLabel()
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if icon is not None and icon.is_file():
            self._icon.setPixmap(QIcon(str(icon)).pixmap(QSize(88, 88)))
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        self.title = role_label("", "subtitle")
        self.summary = role_label("", "muted")
        for label in (self.title, self.summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            texts.addWidget(label)
        texts.addStretch(1)
        layout.addLayout(texts, 1)

    def set_texts(self, title: str, summary: str) -> None:
        self.title.setText(title)
        self.summary.setText(summary)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)


def hbox(*widgets: QWidget, stretch_at: int | None = None, spacing: int = 12) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for i, widget in enumerate(widgets):
        if i == stretch_at:
            layout.addStretch(1)
        layout.addWidget(widget)
    if stretch_at == len(widgets):
        layout.addStretch(1)
    return layout
