"""Layout problems of a widget tree, from geometry, size hints and font metrics (never pixels).

`layout_problems(root)` lists, in words, every visible text that does not get the room it needs:
- a word-wrapped label shorter than `heightForWidth(width)`, or a one-line label narrower than its
  text (`QFontMetrics`), or either narrower than its longest word;
- a button narrower or lower than its size hint (the label plus the style's padding);
- a text widget that reaches outside a parent (cut off at the parent's edge), unless that parent is
  a scroll area's viewport (scrolling reaches it);
- two text widgets that overlap;
- a reading scroll area whose main text shows less than `MIN_SCROLL_LINES` lines before scrolling.
Used by tests/test_layout.py; `tools.screenshots` renders the same states for eyes.
"""
from __future__ import annotations

import re
import unicodedata

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QLineEdit, QWidget

MIN_SCROLL_LINES = 4  # a scrolled text shows at least its first lines before any scrolling


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _name(widget: QWidget) -> str:
    text = _text(widget)
    kind = type(widget).__name__
    return f"{kind} {text[:60]!r}" if text else f"{kind} {widget.objectName() or hex(id(widget))}"


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        if widget.textFormat() != 0 and "<" in widget.text():  # rich text: what it reads
            document = QTextDocument()
            document.setHtml(widget.text())
            return document.toPlainText().strip()
        return widget.text().strip()
    if isinstance(widget, QAbstractButton):
        return widget.text().strip()
    return ""


def _is_text_widget(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().strip()) or bool(widget.findChildren(QLabel))
    return isinstance(widget, QLineEdit)


def _label_problem(label: QLabel) -> str | None:
    contents = label.contentsRect()
    margin = 2 * label.margin()
    width = contents.width() - margin
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"{_name(label)} is cut off: {label.height()} px high, its text needs {needed} px"
        if _paints_plain_right_to_left(label):
            # Qt paints wrapped right-to-left plain text about one space further to the left than
            # it measured it: a line that fills the label then loses its left end.
            metrics = QFontMetrics(label.font())
            lines = metrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, label.text())
            if lines.width() + metrics.horizontalAdvance(" ") > width:
                return f"{_name(label)} is cut off at its left end (right-to-left plain text that fills its line)"
        # A word longer than the line cannot wrap: it sticks out at the side (a zero-width space may break).
        metrics = QFontMetrics(label.font())
        longest = max((metrics.horizontalAdvance(word) for word in re.split(r"[\s\u200b]+", _text(label))), default=0)
        if longest > width + 1:
            return f"{_name(label)} is cut off: a word needs {longest} px, the line is {width} px"
        return None
    hint = label.sizeHint()
    if hint.width() > label.width() or hint.height() > label.height():
        return (f"{_name(label)} is cut off: {label.width()}x{label.height()} px, its text needs "
                f"{hint.width()}x{hint.height()} px")
    return None


def _paints_plain_right_to_left(label: QLabel) -> bool:
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text()))
    if rich:
        return False
    for ch in label.text():
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text().strip():
        return None  # a tile: its labels are checked themselves
    hint = button.sizeHint()
    if hint.width() > button.width() or hint.height() > button.height():
        return (f"{_name(button)}: the label does not fit, {button.width()}x{button.height()} px for "
                f"{hint.width()}x{hint.height()} px")
    return None


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


class _Tree:
    """Each widget's parents up to the root, asked of Qt once: PySide6 6.12 on Python 3.11 loses a
    reference to None each time parentWidget() returns None, so the root's parent is never asked."""

    def __init__(self, root: QWidget, widgets: list[QWidget]):
        self.root = root
        # Every widget below the root has a parent widget.
        self.parent: dict[int, QWidget] = {id(w): w.parentWidget() for w in widgets if w is not root}  # type: ignore[misc]

    def ancestors(self, widget: QWidget) -> list[QWidget]:
        chain = []
        while widget is not self.root:
            widget = self.parent[id(widget)]
            chain.append(widget)
        return chain

    def in_viewport(self, widget: QWidget) -> list[QWidget]:
        """The scroll-area viewports above widget."""
        chain = self.ancestors(widget)
        return [p for p, owner in zip(chain, chain[1:], strict=False) if isinstance(owner, QAbstractScrollArea)
                and p is owner.viewport()]


def _cut_by_parent(widget: QWidget, tree: _Tree) -> str | None:
    rect = _global_rect(widget)
    chain = tree.ancestors(widget)
    for parent, owner in zip(chain, [*chain[1:], None], strict=True):
        if isinstance(owner, QAbstractScrollArea) and parent is owner.viewport():
            return None  # inside a scroll area: scrolling reaches the rest
        if not _global_rect(parent).contains(rect):
            return f"{_name(widget)} reaches outside {_name(parent)}: cut off at its edge"
    return None


def _scroll_problem(scroll: QAbstractScrollArea) -> str | None:
    """Before any scrolling, a reading text (a scroll area with the property "reading": a guide's
    step) shows the first lines of its main text (its label with the most text)."""
    bar = scroll.verticalScrollBar()
    if b"reading" not in scroll.dynamicPropertyNames():  # (property() of an unset name gives None: see _Tree)
        return None
    if bar.maximum() <= bar.minimum():
        return None  # everything shows
    labels = [w for w in scroll.viewport().findChildren(QLabel) if _shown(w) and _text(w)]
    if not labels:
        return None
    main = max(labels, key=lambda w: len(_text(w)))
    top = main.mapTo(scroll.viewport(), main.rect().topLeft()).y() + bar.value()  # at scroll position 0
    shown = max(0, min(main.height(), scroll.viewport().height() - top))
    needed = min(main.height(), MIN_SCROLL_LINES * QFontMetrics(main.font()).lineSpacing())
    if shown < needed:
        return (f"{_name(scroll)}: before scrolling, {_name(main)} shows {shown} px, "
                f"less than {MIN_SCROLL_LINES} lines ({needed} px)")
    return None


def layout_problems(root: QWidget) -> list[str]:
    """Every text of `root`'s visible widget tree that does not get the room it needs."""
    everything = [root, *root.findChildren(QWidget)]
    widgets = [w for w in everything if _shown(w)]
    tree = _Tree(root, everything)
    problems: list[str] = []
    texts: list[tuple[QWidget, QRect, set[int]]] = []
    for widget in widgets:
        if isinstance(widget, QAbstractScrollArea):
            problem = _scroll_problem(widget)
            if problem:
                problems.append(problem)
        if not _is_text_widget(widget):
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        else:
            problem = None
        problem = problem or _cut_by_parent(widget, tree)
        if problem:
            problems.append(problem)
        rect = _global_rect(widget)
        for viewport in tree.in_viewport(widget):  # only the part that shows through it
            rect = rect.intersected(_global_rect(viewport))
        if not rect.isEmpty():
            texts.append((widget, rect, {id(p) for p in tree.ancestors(widget)}))
    # Overlap: two texts that are not one inside the other share pixels.
    for i, (first, first_rect, first_up) in enumerate(texts):
        for second, second_rect, second_up in texts[i + 1:]:
            if id(second) in first_up or id(first) in second_up:
                continue
            if first_rect.intersects(second_rect):
                problems.append(f"{_name(first)} and {_name(second)} overlap")
    return problems
