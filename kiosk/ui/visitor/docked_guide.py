"""The walkthrough guide docked beside a website (`MainWindow.open_website(url, guide)`): a compact
`WalkthroughView` in a card at the browser's side, and the bar's "Toon/Verberg uitleg" button."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.ui.shared.widgets import big_button
from kiosk.ui.visitor.walkthrough import WalkthroughView

# The guide grows with the visitor's text size; the website keeps the rest.
WIDTH = {"normal": 520, "large": 600, "extra-large": 680}


class DockedGuide(QFrame):
    def __init__(self, window):
        super().__init__()
        self._window = window
        self.setProperty("role", "card")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: WalkthroughView | None = None
        self._guide: tuple[str, int] | None = None  # (walkthrough id, step index)
        self.button = big_button("", "primary")  # the browser puts it in its bar
        self.button.clicked.connect(lambda: self.set_shown(not self.is_shown()))
        self.hide()

    def open(self, guide: tuple[str, int] | None) -> None:
        """Show this walkthrough step beside the page, or no guide at all (None)."""
        self._guide = guide
        self.set_shown(guide is not None)  # before open(): buttons size to the shown font
        if guide is not None:
            if self.view is None:
                self.view = WalkthroughView(self._window, compact=True)
                self.view.finished.connect(lambda: self.set_shown(False))
                self._window.walkthroughs.follow(self.view)  # a home tile goes on at its step
                self._layout.addWidget(self.view, 1)
            self.view.open(*guide)

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
