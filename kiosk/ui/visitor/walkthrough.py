"""The walkthrough viewer: one step per screen, big image, short text, big Previous/Next.

`WalkthroughView` is the reusable widget (full screen, or compact when docked beside the
built-in browser); `WalkthroughScreen` puts it in the main window's stack.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.content import MASTER_LANGUAGE, Walkthrough, body_plain_text, render_body_html
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.theme import label_style
from kiosk.ui.shared.widgets import big_button, keep_scroll_bar_place, role_label, scroll_area


@lru_cache(maxsize=64)
def _renderer(path: Path) -> QSvgRenderer:
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

    def __init__(self):
        super().__init__()
        # Side by side, both columns get exactly half: their widths do not follow each step's text.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.heading = role_label("", "muted")  # language name, only shown side by side
        self.title = role_label("", "title")
        self.body = RichTextLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for widget in (self.heading, self.title, self.body):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_step(self, title: str, body: str, language: str, theme: str, heading: str | None = None) -> None:
        direction = Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        self.heading.setVisible(heading is not None)
        self.heading.setText(heading or "")
        self.title.setText(title)
        self.body.setText(render_body_html(body, label_style(theme)))


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
        self.show_dutch = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        margin = 16 if compact else 32
        outer.setContentsMargins(margin, margin // 2, margin, margin // 2)
        outer.setSpacing(12)

        header = QHBoxLayout()
        self.guide_title = role_label("", "subtitle")
        self.counter = role_label("", "subtitle", wrap=False)
        header.addWidget(self.guide_title, 1)
        header.addWidget(self.counter)
        outer.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        outer.addWidget(self.progress)

        markers = QHBoxLayout()
        self.translation_marker = role_label("", "marker")
        self.fallback_marker = role_label("", "marker")
        self.dutch_toggle = big_button()
        self.dutch_toggle.setCheckable(True)
        self.dutch_toggle.toggled.connect(self._toggle_dutch)
        markers.addWidget(self.translation_marker, 1)
        markers.addWidget(self.fallback_marker, 1)
        markers.addWidget(self.dutch_toggle)
        outer.addLayout(markers)

        # Image beside the text on a full screen, above it when docked beside the browser.
        self.content = QBoxLayout(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
        self.content.setSpacing(28)
        self.image = StepImage()
        if compact:
            self.image.setMaximumHeight(200)
        self.content.addWidget(self.image, 4 if not compact else 0)
        texts_host = QWidget()
        texts = QHBoxLayout(texts_host)
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(24)
        self.text = StepText()
        self.dutch_text = StepText()
        texts.addWidget(self.text, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        self.dutch_separator = separator
        texts.addWidget(separator)
        texts.addWidget(self.dutch_text, 1)
        scroll = scroll_area(texts_host)
        keep_scroll_bar_place(scroll)  # a step needing it then costs no second layout pass
        if compact:  # on the guide's card beside the website: the card's colour, not the screen's
            for widget in (texts_host, scroll.viewport()):
                widget.setObjectName("on-card")
        self.content.addWidget(scroll, 5)
        outer.addLayout(self.content, 1)

        actions = QHBoxLayout()
        actions.setSpacing(12)
        self.previous_button = big_button()
        self.next_button = big_button(role="primary")
        self.read_button = big_button()
        self.website_button = big_button()
        self.help_button = big_button(role="danger")
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.read_button.clicked.connect(self.read_aloud)
        self.website_button.clicked.connect(self.open_website)
        self.help_button.clicked.connect(self.ask_for_help)
        if compact:  # narrow: the other actions on a row of their own, Previous/Next share a row
            second = QHBoxLayout()
            for button in (self.read_button, self.website_button, self.help_button):
                second.addWidget(button, 1)
            outer.addLayout(second)
            actions.addWidget(self.previous_button, 1)
            actions.addWidget(self.next_button, 1)
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
        QWidget.setTabOrder(self.website_button, self.help_button)
        QWidget.setTabOrder(self.help_button, self.dutch_toggle)
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # also when docked outside a Screen
            self.retranslate()
        super().changeEvent(event)

    # --- navigation ------------------------------------------------------------------------------
    def open(self, walkthrough_id: str, index: int = 0) -> None:
        self.walkthrough = next(w for w in self.window_.runtime.content.walkthroughs if w.id == walkthrough_id)
        self.show_step(index)

    def show_step(self, index: int) -> None:
        if self.walkthrough is None:
            return
        self.window_.read_aloud.stop()  # speech never runs on past a step change
        self.index = max(0, min(index, len(self.walkthrough) - 1))
        self.refresh()
        self.step_changed.emit(self.index)

    def next(self) -> None:
        if self.walkthrough is not None and self.index == len(self.walkthrough) - 1:
            self.window_.read_aloud.stop()
            self.finished.emit()
        else:
            self.show_step(self.index + 1)

    def previous(self) -> None:
        self.show_step(self.index - 1)

    def clear(self) -> None:
        self.walkthrough = None
        self.index = 0
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
        return (self.previous_button, self.read_button, self.website_button, self.help_button,
                self.dutch_toggle)

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
        lang, total = prefs.language, len(wt)
        step = wt.step(lang, self.index)
        translated = lang != MASTER_LANGUAGE
        self.guide_title.setText(wt.title(lang))
        self.counter.setText(self.tr("Stap %1 van %2").replace("%1", str(self.index + 1)).replace("%2", str(total)))
        self.progress.setRange(0, total)
        self.progress.setValue(self.index + 1)
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

        last = self.index == total - 1
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        forward, back = ("\u2190", "\u2192") if rtl else ("\u2192", "\u2190")
        self.previous_button.setEnabled(self.index > 0)
        self.previous_button.setText(f"{back} " + self.tr("Vorige"))
        self.next_button.setText(self.tr("Klaar") if last else self.tr("Volgende") + f" {forward}")
        self.next_button.setAccessibleName(self.tr("Klaar") if last else self.tr("Volgende stap"))
        self.read_button.setVisible(self.window_.read_aloud.available_for(step.language))
        self.website_button.setVisible(bool(wt.meta.steps[self.index].url) and hasattr(self.window_, "open_website"))

    def retranslate(self) -> None:
        self.previous_button.setAccessibleName(self.tr("Vorige stap"))
        self.read_button.setText(self.tr("Voorlezen"))
        self.read_button.setAccessibleName(self.tr("Lees deze stap voor"))
        self.website_button.setText(self.tr("Open de website"))
        self.website_button.setAccessibleName(self.tr("Open de officiële website"))
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
    """Full-screen host of a WalkthroughView; home tiles open it."""

    def __init__(self, window):
        super().__init__(window)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = WalkthroughView(window)
        self.view.finished.connect(window.go_home)
        layout.addWidget(self.view)

    def open(self, walkthrough_id: str, index: int = 0) -> None:
        self.view.open(walkthrough_id, index)
        self.window_.show_screen("walkthrough")
        self.view.next_button.setFocus()

    def retranslate(self) -> None:
        self.view.refresh()  # the view retranslates itself on LanguageChange; this is for theme/size

    def reset(self) -> None:
        self.view.clear()


def install(window) -> WalkthroughScreen:
    """Register the screen and a home tile per walkthrough."""
    screen = WalkthroughScreen(window)
    window.add_screen("walkthrough", screen)
    for wt in window.runtime.content.walkthroughs:
        window.home.add_tile(wt.icon_path(),
                             lambda wt=wt: (wt.title(window.prefs.language), wt.summary(window.prefs.language)),
                             lambda wt=wt: screen.open(wt.id))
    return screen
