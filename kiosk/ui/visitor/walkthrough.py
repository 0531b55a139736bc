"""The walkthrough viewer: one step per screen, big image, short text, big Previous/Next.

`WalkthroughView` is the reusable widget (full screen, or compact when docked beside the
built-in browser); `WalkthroughScreen` puts it in the main window's stack.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import MASTER_LANGUAGE, Walkthrough, body_plain_text, directed, render_body_html
from kiosk.core.settings import RTL_LANGUAGES
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.theme import label_style
from kiosk.ui.shared.widgets import big_button, keep_scroll_bar_place, role_label, scroll_area

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer


@lru_cache(maxsize=64)
def _renderer(path: Path) -> QSvgRenderer:
    from PySide6.QtSvg import QSvgRenderer  # with the first step shown, not at start-up (kiosk/ui/shared/icons.py)

    renderer = QSvgRenderer(str(path))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return renderer


@lru_cache(maxsize=48)
def _pixmap(path: Path, width: int, height: int, ratio: float) -> QPixmap:
    """The SVG rasterised once per size: a step change then only blits it."""
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(path).render(painter, QRectF(0, 0, width, height))
    painter.end()
    return pixmap


class StepImage(QWidget):
    """Paints a step's SVG as large as fits, keeping its aspect ratio."""

    def __init__(self):
        super().__init__()
        self._path: Path | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 110)

    def set_image(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 320)

    def paintEvent(self, _event) -> None:
        if self._path is None or self.width() <= 0 or self.height() <= 0:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, _pixmap(self._path, self.width(), self.height(), self.devicePixelRatioF()))


class RichTextLabel(QLabel):
    """A word-wrapped rich-text label that remembers its height per width. Qt's layouts ask about
    ten times per step change, and QLabel lays out the whole text again for every answer."""

    def __init__(self):
        super().__init__()
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange):
            self._heights.clear()  # a new text size or direction: other heights
        super().changeEvent(event)


class StepText(QWidget):
    """Title and body of one step in one language; its layout direction follows the language."""

    def __init__(self, compact: bool = False):
        super().__init__()
        # Side by side, both columns get exactly half: their widths do not follow each step's text.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.heading = role_label("", "muted")  # language name, only shown side by side
        # A step's title is a heading, not a poster: at A++ its text then still starts on screen.
        self.title = role_label("", "heading" if compact else "subtitle")
        self.body = RichTextLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for widget in (self.heading, self.title, self.body):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_step(self, title: str, body: str, language: str, theme: str, heading: str | None = None) -> None:
        rtl = language in RTL_LANGUAGES
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.heading.setVisible(heading is not None)
        self.heading.setText(heading or "")
        self.title.setText(directed(title, language))
        self.body.setText(render_body_html(body, label_style(theme), rtl=rtl))


class WalkthroughView(QWidget):
    """One walkthrough, one step at a time. Emits `finished` when the visitor is done."""

    finished = Signal()
    step_changed = Signal(int)

    def __init__(self, window, *, compact: bool = False):
        super().__init__()
        self.window_ = window
        self.compact = compact
        self.walkthrough: Walkthrough | None = None
        self.index = 0
        self.history: list[int] = []  # the steps the visitor came through, for Vorige
        self.show_dutch = False
        self.practising = False  # docked beside the kiosk's practice pages (docked_guide.py)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        margin = 16 if compact else 32
        outer.setContentsMargins(margin, margin // 4 if compact else margin // 2, margin,
                                 margin // 4 if compact else margin // 2)
        outer.setSpacing(8 if compact else 12)

        # Docked beside a website, at 1366x768 and A++, every line of height counts: the visitor knows
        # the guide (the browser's bar can hide it), so only the counter stays above the step's text,
        # the translation marker follows that text, and there is no progress bar.
        self.guide_title = role_label("", "muted" if compact else "subtitle")
        self.counter = role_label("", "muted" if compact else "subtitle", wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setVisible(not compact)
        self.translation_marker = role_label("", "marker")
        self.fallback_marker = role_label("", "marker")
        self.dutch_toggle = big_button()
        self.dutch_toggle.setCheckable(True)
        self.dutch_toggle.toggled.connect(self._toggle_dutch)
        markers = QHBoxLayout()
        markers.addWidget(self.translation_marker, 1)
        markers.addWidget(self.fallback_marker, 1)
        markers.addWidget(self.dutch_toggle)

        texts_host = QWidget()
        column = QVBoxLayout(texts_host)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        if compact:
            outer.addWidget(self.counter)
            self.guide_title.hide()
        else:
            header = QHBoxLayout()
            header.addWidget(self.guide_title, 1)
            header.addWidget(self.counter)
            outer.addLayout(header)
            # The take-home printout, from any step (kiosk/ui/visitor/printout.py), beside "Toon ook
            # Nederlands" (a taller header would take lines from the text at A++); beside the
            # website the browser's own "Afdrukken" prints the page.
            self.print_button = big_button()
            self.print_button.clicked.connect(self.print_steps)
            markers.addWidget(self.print_button)
            outer.addWidget(self.progress)
            outer.addLayout(markers)

        # Image beside the text on a full screen; none when docked beside the browser.
        self.content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.content.setSpacing(28)
        # Beside the real website the step's picture adds little and would take the height the text
        # needs; with Dutch beside the translation the two columns take its place.
        self.image = StepImage()
        self.practice_button = big_button()  # "Oefenen": the guide's practice pages (practice.py)
        # Under the picture, "Oefenen" (practice.py): the guide's start offers it without crowding
        # the buttons below.
        self.picture = QWidget()
        picture = QVBoxLayout(self.picture)
        picture.setContentsMargins(0, 0, 0, 0)
        picture.setSpacing(12)
        picture.addWidget(self.image, 1)
        picture.addWidget(self.practice_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.picture.setVisible(not compact)
        self.content.addWidget(self.picture, 4)
        texts = QHBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(24)
        column.addLayout(texts, 1)
        self.choice_buttons: list[QPushButton] = []
        self._choice_targets: list[int] = []
        self.text = StepText(compact)
        self.dutch_text = StepText(compact)
        texts.addWidget(self.text, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        self.dutch_separator = separator
        texts.addWidget(separator)
        texts.addWidget(self.dutch_text, 1)
        if compact:
            column.addLayout(markers)
        scroll = scroll_area(texts_host)
        scroll.setProperty("reading", True)  # tests/layoutcheck.py: its first lines show unscrolled
        keep_scroll_bar_place(scroll)  # a step needing it then costs no second layout pass
        if compact:  # on the guide's card beside the website: the card's colour, not the screen's
            for widget in (texts_host, scroll.viewport()):
                widget.setObjectName("on-card")
        self.content.addWidget(scroll, 5)
        outer.addLayout(self.content, 1)
        # A question's answers: under its text, never scrolled out of sight.
        self.choice_box = QBoxLayout(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
        self.choice_box.setSpacing(8 if compact else 12)
        outer.addLayout(self.choice_box)

        actions = QHBoxLayout()
        actions.setSpacing(12)
        self.previous_button = big_button()
        self.next_button = big_button(role="primary")
        self.read_button = big_button()
        self.website_button = big_button()
        self.help_button = big_button(role="help")  # calm: not the red of "Stop en wis alles"
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.read_button.clicked.connect(self.read_aloud)
        self.website_button.clicked.connect(self.open_website)
        self.practice_button.clicked.connect(self.practise)
        self.help_button.clicked.connect(self.ask_for_help)
        if compact:  # narrow: read-aloud and website share a row, help has its own, then Previous/Next
            second = QHBoxLayout()
            second.setSpacing(12)
            for button in (self.read_button, self.website_button):
                second.addWidget(button, 1)
            outer.addLayout(second)
            self._help_row = QHBoxLayout()  # a question has no Volgende: help then sits beside Vorige
            self._help_row.addWidget(self.help_button)
            outer.addLayout(self._help_row)
            actions.addWidget(self.previous_button, 1)
            actions.addWidget(self.next_button, 1)
            self._actions = actions
        else:
            actions.addWidget(self.previous_button)
            actions.addStretch(1)
            for button in (self.read_button, self.website_button, self.help_button):
                actions.addWidget(button)
            actions.addStretch(1)
            actions.addWidget(self.next_button)
        outer.addLayout(actions)

        # Keyboard order: the most likely next action first.
        QWidget.setTabOrder(self.next_button, self.previous_button)
        QWidget.setTabOrder(self.previous_button, self.read_button)
        QWidget.setTabOrder(self.read_button, self.website_button)
        QWidget.setTabOrder(self.website_button, self.practice_button)
        QWidget.setTabOrder(self.practice_button, self.help_button)
        QWidget.setTabOrder(self.help_button, self.dutch_toggle)
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # also when docked outside a Screen
            self.retranslate()
        super().changeEvent(event)

    # --- navigation ------------------------------------------------------------------------------
    def open(self, walkthrough_id: str, index: int = 0) -> None:
        self.walkthrough = next(w for w in self.window_.runtime.content.walkthroughs if w.id == walkthrough_id)
        self.history.clear()
        self.show_step(index)

    def show_step(self, index: int) -> None:
        if self.walkthrough is None:
            return
        self.window_.read_aloud.stop()  # speech never runs on past a step change
        self.index = max(0, min(index, len(self.walkthrough) - 1))
        self.refresh()
        self.step_changed.emit(self.index)

    def next(self) -> None:
        if self.walkthrough is None or self.walkthrough.meta.steps[self.index].kind == "choice":
            return  # a question: its answers lead on
        target = self.walkthrough.next_index(self.index)
        if target is None:  # an end step, or the last one: done
            self.window_.read_aloud.stop()
            self.finished.emit()
        else:
            self.go_to(target)

    def go_to(self, index: int) -> None:
        """On along the visitor's path (an answer, or Volgende): Vorige comes back the same way."""
        self.history.append(self.index)
        self.show_step(index)

    def previous(self) -> None:
        self.show_step(self.history.pop() if self.history else self.index - 1)

    def clear(self) -> None:
        self.walkthrough = None
        self.index = 0
        self.history.clear()
        self.dutch_toggle.setChecked(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        forward, back = Qt.Key.Key_Right, Qt.Key.Key_Left
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            forward, back = back, forward
        key = event.key()
        if key in (forward, Qt.Key.Key_PageDown) or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                                                 and self.focusWidget() not in self._action_buttons()):
            self.next()
        elif key in (back, Qt.Key.Key_PageUp):
            self.previous()
        else:
            super().keyPressEvent(event)

    def _action_buttons(self):
        return (self.previous_button, self.read_button, self.website_button, self.practice_button,
                self.help_button, self.dutch_toggle, *(() if self.compact else (self.print_button,)))

    # --- actions ---------------------------------------------------------------------------------
    def read_aloud(self) -> None:
        assert self.walkthrough is not None  # its buttons show only with a walkthrough open
        step = self.walkthrough.step(self.window_.prefs.language, self.index)
        # This visitor listens: from now on the kiosk also reads its questions aloud (the idle
        # question), until the session ends.
        self.window_.read_aloud.enabled = True
        self.window_.read_aloud.say(f"{step.title}.\n{body_plain_text(step.body)}", step.language)

    def open_website(self) -> None:
        assert self.walkthrough is not None  # its buttons show only with a walkthrough open
        url = self.walkthrough.step_url(self.index, self.window_.runtime.settings.eloket_url)
        if url:
            self.window_.open_website(url, (self.walkthrough.id, self.index))

    def print_steps(self) -> None:
        from kiosk.ui.visitor import printout  # QtPrintSupport and segno load at the first print

        if self.walkthrough is not None:
            printout.print_guide(self, self.window_, self.walkthrough)

    def practise(self) -> None:
        assert self.walkthrough is not None  # its buttons show only with a walkthrough open
        self.window_.browser.open_practice(self.walkthrough.id, self.index)

    def ask_for_help(self) -> None:
        self.window_.call_for_help(self.walkthrough.id if self.walkthrough else None, self.index)

    def _toggle_dutch(self, checked: bool) -> None:
        self.show_dutch = checked
        self.refresh()

    # --- display ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        wt = self.walkthrough
        if wt is None:
            return
        prefs = self.window_.prefs
        lang = prefs.language
        step = wt.step(lang, self.index)
        translated = lang != MASTER_LANGUAGE
        self.guide_title.setText(directed(wt.title(lang), lang))
        # The place on the visitor's own path: on a branched guide the steps of the other way do not
        # count, and while a question lies ahead there is no total to promise.
        position = wt.depth(self.history[0] if self.history else self.index) + len(self.history) + 1
        left = wt.steps_left(self.index)
        self.counter.setText(self.tr("Stap %1").replace("%1", str(position)) if left is None else
                             self.tr("Stap %1 van %2").replace("%1", str(position)).replace("%2", str(position + left)))
        self.progress.setRange(0, position + left if left is not None else max(len(wt), position + 1))
        self.progress.setValue(position)
        self.progress.setAccessibleName(self.counter.text())
        self.image.set_image(wt.image_path(lang, self.index))
        self.image.setAccessibleName(step.title)

        self.translation_marker.setVisible(translated and not step.is_fallback)
        self.fallback_marker.setVisible(step.is_fallback)
        # Beside the website there is no room for two columns: the full-screen guide has them.
        self.dutch_toggle.setVisible(translated and not step.is_fallback and not self.compact)
        side_by_side = translated and self.show_dutch and not step.is_fallback
        heading = self.window_.language_name(lang) if side_by_side else None
        self.text.show_step(step.title, step.body, step.language, prefs.theme, heading)
        if side_by_side:
            dutch = wt.step(MASTER_LANGUAGE, self.index)
            self.dutch_text.show_step(dutch.title, dutch.body, MASTER_LANGUAGE, prefs.theme, "Nederlands")
        self.dutch_text.setVisible(side_by_side)
        self.dutch_separator.setVisible(side_by_side)
        self.picture.setVisible(not self.compact and not side_by_side)

        kind = wt.meta.steps[self.index].kind
        last = kind != "choice" and wt.next_index(self.index) is None
        self._show_choices(wt.choices(lang, self.index) if kind == "choice" else [])
        self.next_button.setVisible(kind != "choice")
        if self.compact:
            margins = self.contentsMargins() if (own := self.layout()) is None else own.contentsMargins()
            room = self.width() - margins.left() - margins.right() - self._actions.spacing()
            beside = (kind == "choice" and self.help_button.sizeHint().width()
                      + self.previous_button.sizeHint().width() <= room)
            row = self._actions if beside else self._help_row
            if row.indexOf(self.help_button) < 0:
                row.addWidget(self.help_button)  # (taken out of the other row; as wide as its label)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        forward, back = ("\u2190", "\u2192") if rtl else ("\u2192", "\u2190")
        self.previous_button.setEnabled(bool(self.history) or self.index > 0)
        self.previous_button.setText(f"{back} " + self.tr("Vorige"))
        self.next_button.setText(self.tr("Klaar") if last else self.tr("Volgende") + f" {forward}")
        self.next_button.setAccessibleName(self.tr("Klaar") if last else self.tr("Volgende stap"))
        self.read_button.setVisible(self.window_.read_aloud.available_for(step.language))
        self.website_button.setVisible(bool(wt.meta.steps[self.index].url) and hasattr(self.window_, "open_website")
                                       and not self.practising)
        # Full screen only: beside the practice pages the visitor practises already.
        self.practice_button.setVisible(not self.compact and wt.practice_page(self.index) is not None)

    def _show_choices(self, choices: list[tuple[str, int]]) -> None:
        for button in self.choice_buttons[len(choices):]:
            button.hide()
        for position, (text, _target) in enumerate(choices):
            if position == len(self.choice_buttons):
                button = big_button(role="primary")
                button.clicked.connect(lambda _=False, p=position: self.go_to(self._choice_targets[p]))
                self.choice_box.addWidget(button, 1)
                self.choice_buttons.append(button)
            self.choice_buttons[position].setText(directed(text, self.window_.prefs.language))
            self.choice_buttons[position].setAccessibleName(text)
            self.choice_buttons[position].show()
        self._choice_targets = [target for _text, target in choices]
        if self.compact and choices:  # narrow: side by side while the answers fit, else stacked
            shown = self.choice_buttons[:len(choices)]
            margins = self.contentsMargins() if (own := self.layout()) is None else own.contentsMargins()
            room = self.width() - margins.left() - margins.right()
            spacing = self.choice_box.spacing() * (len(shown) - 1)
            needed = max(b.sizeHint().width() for b in shown) * len(shown) + spacing
            stacked = needed > room
            self.choice_box.setDirection(
                QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)

    def retranslate(self) -> None:
        self.previous_button.setAccessibleName(self.tr("Vorige stap"))
        self.read_button.setText(self.tr("Voorlezen"))
        self.read_button.setAccessibleName(self.tr("Lees deze stap voor"))
        self.website_button.setText(self.tr("Open de website"))
        self.website_button.setAccessibleName(self.tr("Open de officiële website"))
        self.practice_button.setText(self.tr("Oefenen"))
        self.practice_button.setAccessibleName(self.tr("Oefen eerst op een oefenwebsite in de kiosk"))
        if not self.compact:
            self.print_button.setText(self.tr("Afdrukken"))
            self.print_button.setAccessibleName(self.tr("Druk de stappen af om mee te nemen"))
        self.help_button.setText(self.tr("Ik heb hulp nodig"))
        self.help_button.setAccessibleName(self.tr("Ik heb hulp nodig: roep een digihelper"))
        self.dutch_toggle.setText(self.tr("Toon ook Nederlands"))
        self.dutch_toggle.setAccessibleName(self.tr("Toon de Nederlandse tekst ernaast"))
        self.translation_marker.setText(self.tr("Vertaling ter hulp") if self.compact else
                                        self.tr("Vertaling als hulp. De Nederlandse tekst is de officiële."))
        self.translation_marker.setToolTip(self.tr("Vertaling als hulp. De Nederlandse tekst is de officiële."))
        self.fallback_marker.setText(self.tr("Nog niet vertaald: Nederlandse tekst") if self.compact else
                                     self.tr("Deze stap is nog niet vertaald. Je ziet de Nederlandse tekst."))
        self.refresh()


class WalkthroughScreen(Screen):
    """Full-screen host of a WalkthroughView; home tiles open it.

    It remembers, for the visitor session, the step each guide was last on, here or docked beside
    the website (`follow`): a tile tapped again goes on there (also after a helper's visit to the
    staff area), not back at step 1. A guide finished ("Klaar") starts afresh."""

    def __init__(self, window):
        super().__init__(window)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.positions: dict[str, int] = {}  # walkthrough id -> the step the visitor was last on
        self.view = WalkthroughView(window)
        self.follow(self.view)
        self.view.finished.connect(window.go_home)
        layout.addWidget(self.view)

    def follow(self, view: WalkthroughView) -> None:
        """Remember where `view` (this screen's, or the guide docked beside a website) is."""
        def moved(index: int) -> None:
            if view.walkthrough is not None:
                self.positions[view.walkthrough.id] = index

        def finished() -> None:
            if view.walkthrough is not None:
                self.positions.pop(view.walkthrough.id, None)

        view.step_changed.connect(moved)
        view.finished.connect(finished)

    def open(self, walkthrough_id: str, index: int = 0) -> None:
        self.view.open(walkthrough_id, index)
        self.window_.show_screen("walkthrough")
        self.view.next_button.setFocus()

    def resume(self, walkthrough_id: str) -> None:
        """A home tile: the guide where the visitor left it in this session, else its first step."""
        index = self.positions.get(walkthrough_id, 0)
        view = self.view
        if view.walkthrough is not None and view.walkthrough.id == walkthrough_id and view.index == index:
            self.window_.show_screen("walkthrough")  # as it was, with the way back (Vorige)
            view.next_button.setFocus()
        else:
            self.open(walkthrough_id, index)

    def retranslate(self) -> None:
        self.view.refresh()  # the view retranslates itself on LanguageChange; this is for theme/size

    def reset(self) -> None:
        self.view.clear()
        self.positions.clear()


def install(window) -> list:
    """Register the screen, built when a guide is first opened (about 15 ms and 2 MiB less before
    the home screen shows), and a home tile per walkthrough; returns the tiles."""
    window.screens.register("walkthrough", __name__, WalkthroughScreen.__name__)
    return add_tiles(window)


def reload_guides(window) -> None:
    """Between two visitors (the session's reset): a guide bundle installed since start-up replaces
    the guides and their home tiles (kiosk/core/bundles.py). Never during a visit."""
    if window.runtime.reload_content():
        window.guide_tiles = window.home.replace_tiles(window.guide_tiles, lambda: add_tiles(window))


def tile_texts(wt: Walkthrough, language: str) -> tuple[str, str]:
    return directed(wt.title(language), language), directed(wt.summary(language), language)


def add_tiles(window) -> list:
    return [window.home.add_tile(wt.icon_path(),
                                 lambda wt=wt: tile_texts(wt, window.prefs.language),
                                 lambda wt=wt: window.walkthroughs.resume(wt.id))
            for wt in window.runtime.content.walkthroughs]
