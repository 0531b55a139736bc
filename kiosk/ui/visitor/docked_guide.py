"""The walkthrough guide docked beside a website (`MainWindow.open_website(url, guide)`): a compact
`WalkthroughView` in a card at the browser's side, and the bar's "Toon/Verberg uitleg" button.
Beside a practice page (practice.py) the guide's end is "Nu echt doen?": the real website with the
same guide."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.ui.shared.widgets import big_button, role_label
from kiosk.ui.visitor.walkthrough import WalkthroughView

# The guide grows with the visitor's text size; the website keeps the rest.
WIDTH = {"normal": 520, "large": 600, "extra-large": 680}


class DockedGuide(QFrame):
    real_requested = Signal()  # "Nu echt doen?" after practising
    practise_again = Signal()  # "Opnieuw oefenen"
    step_changed = Signal(int)  # the guide's step, for the practice page beside it

    def __init__(self, window):
        super().__init__()
        self._window = window
        self.setProperty("role", "card")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: WalkthroughView | None = None
        self._guide: tuple[str, int] | None = None  # (walkthrough id, step index)
        self.practising = False
        self.button = big_button("", "primary")  # the browser puts it in its bar
        self.button.clicked.connect(lambda: self.set_shown(not self.is_shown()))
        self._layout.addWidget(self._build_practice_end())
        self.hide()

    def _build_practice_end(self) -> QFrame:
        """What the guide says when the visitor practised every step."""
        panel = self.practice_end = QFrame()
        panel.setObjectName("on-card")
        column = QVBoxLayout(panel)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(14)
        self.practice_end_title = role_label("", "heading")
        self.practice_end_text = role_label("")
        self.real_button = big_button("", "primary")
        self.real_button.clicked.connect(self.real_requested)
        self.again_button = big_button()
        self.again_button.clicked.connect(self.practise_again)
        for widget in (self.practice_end_title, self.practice_end_text, self.real_button, self.again_button):
            column.addWidget(widget)
        column.addStretch(1)
        panel.hide()
        return panel

    def open(self, guide: tuple[str, int] | None, practising: bool = False) -> None:
        """Show this walkthrough step beside the page, or no guide at all (None); `practising`:
        beside the kiosk's practice pages."""
        self._guide = guide
        self.practising = practising and guide is not None
        self.practice_end.hide()
        self.set_shown(guide is not None)  # before open(): buttons size to the shown font
        if guide is not None:
            if self.view is None:
                self.view = WalkthroughView(self._window, compact=True)
                self.view.finished.connect(self._finished)
                self.view.step_changed.connect(self.step_changed)
                self._window.walkthroughs.follow(self.view)  # a home tile goes on at its step
                self._layout.insertWidget(0, self.view, 1)
            self.view.practising = self.practising
            self.view.show()
            self.view.open(*guide)

    def stop_practising(self) -> None:
        """Beside a real website again: the guide's own buttons for it."""
        self.practising = False
        self.practice_end.hide()
        if self.view is not None:
            self.view.practising = False
            self.view.show()
            self.view.refresh()

    def _finished(self) -> None:
        if not self.practising:
            self.set_shown(False)
            return
        assert self.view is not None  # it just finished
        self.view.hide()
        self.practice_end.show()
        self.real_button.setFocus()

    def set_shown(self, shown: bool) -> None:
        self.setVisible(shown and self._guide is not None)
        self._update_button()

    def is_shown(self) -> bool:
        return not self.isHidden()

    def retranslate(self, text_size: str) -> None:
        if self.view is not None:  # text size and contrast reach the guide too
            self.view.refresh()
        self.setFixedWidth(WIDTH[text_size])
        self._update_button()
        # The practice texts sit in the browser screen's translation context too.
        self.practice_end_title.setText(QCoreApplication.translate("BrowserScreen", "Klaar met oefenen"))
        self.practice_end_text.setText(QCoreApplication.translate(
            "BrowserScreen", "Je hebt alle stappen geoefend. Op de echte website gaat het op dezelfde manier."))
        self.real_button.setText(QCoreApplication.translate("BrowserScreen", "Nu echt doen?"))
        self.real_button.setAccessibleName(QCoreApplication.translate(
            "BrowserScreen", "Nu echt doen: open de echte website met dezelfde uitleg"))
        self.again_button.setText(QCoreApplication.translate("BrowserScreen", "Opnieuw oefenen"))

    def _update_button(self) -> None:
        self.button.setVisible(self._guide is not None)
        # The browser screen's translation context: the texts sit there in the .ts files.
        self.button.setText(QCoreApplication.translate("BrowserScreen", "Verberg uitleg") if self.is_shown()
                            else QCoreApplication.translate("BrowserScreen", "Toon uitleg"))

    def forget(self) -> None:
        """The walkthrough position goes with the visitor session."""
        if self.view is not None:
            shiboken6.delete(self.view)
            self.view = None
        self.open(None)
