"""Small shared widgets for visitor screens: big buttons, tiles, labels with roles."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.shared.icons import icon_pixmap
from sync.markup import escape

_DOT_IN_WORD = re.compile(r"(?<=\w)\.(?=\w)")


def breakable(text: str) -> str:
    """A web address in a text may wrap after its dots (a zero-width space), so that
    "mijngezondheid.belgie.be" at the largest text size never sticks out of its place."""
    return _DOT_IN_WORD.sub(".\u200b", text)


def reads_right_to_left(text: str) -> bool:
    """True when the first letter with a direction is Arabic (or another right-to-left script)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


class TextLabel(QLabel):
    """A label for plain text. Wrapped right-to-left plain text is shown as rich text: Qt paints
    it about one space further left than it measured it, so a full line lost its left end.
    text() stays the plain text."""

    def __init__(self, text: str = ""):
        super().__init__()
        self._plain = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._plain = text
        if self.wordWrap() and reads_right_to_left(text) and not QtGui.Qt.mightBeRichText(text):
            self.setTextFormat(Qt.TextFormat.RichText)
            super().setText("<p>" + escape(text).replace("\n", "<br>") + "</p>")
        else:
            self.setTextFormat(Qt.TextFormat.AutoText)
            super().setText(text)

    def text(self) -> str:
        return self._plain

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self.setText(self._plain)


def role_label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    label = TextLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def scroll_area(content: QWidget) -> QScrollArea:
    """`content` scrolling when it outgrows its place, frameless, on the screen's own background."""
    scroll = QScrollArea()
    # Our own viewport, set up as Qt's own: the first call of viewport() on Qt's made PySide6 look for
    # its Python type among every QWidget class and build their enums (15 ms and 2 MiB at start-up).
    viewport = QWidget()
    viewport.setObjectName("screen")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    scroll.setViewport(viewport)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    content.setObjectName("screen")
    scroll.setWidget(content)
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
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(18)
        self._icon = QLabel()
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if icon is not None and icon.is_file():
            self._icon.setPixmap(icon_pixmap(icon, 88))
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        self.title = role_label("", "subtitle")
        self.summary = role_label("", "muted")
        for label in (self.title, self.summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            texts.addWidget(label)
        texts.addStretch(1)
        layout.addLayout(texts, 1)

    # A QPushButton sizes itself to its own text (it has none): a tile's size is its layout's, and
    # it grows as high as its wrapped title and summary need at the width it gets.
    def hasHeightForWidth(self) -> bool:
        return True

    def _layout(self) -> QLayout:
        layout = self.layout()
        assert layout is not None  # set in __init__
        return layout

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self._layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        hint = self._layout().totalSizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def minimumSizeHint(self) -> QSize:
        return self._layout().totalMinimumSize()

    def set_texts(self, title: str, summary: str) -> None:
        self.title.setText(breakable(title))
        self.summary.setText(breakable(summary))
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)


class FlowLayout(QLayout):
    """Lays widgets out left to right (right to left in Arabic and Dari) and wraps to the next line
    (Qt's flow layout example): the staff screens' chips, the home screen's languages."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        parent = self.parentWidget()
        rtl = parent is not None and parent.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x, y, line_height = 0, rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x and x + hint.width() > rect.width():
                x, y, line_height = 0, y + line_height + self._spacing, 0
            if move:
                left = rect.right() - x - hint.width() + 1 if rtl else rect.x() + x
                item.setGeometry(QRect(QPoint(left, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


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
