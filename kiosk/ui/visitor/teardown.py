"""The end of a visitor session: what a reset wipes, in one place.

A digipunt PC is shared by strangers one after the other. `wipe_visitor()` runs on "Stop en wis
alles", when the idle countdown ends and on exit (`MainWindow.reset_visitor_session()` through
`VisitorSession.reset()`); ARCHITECTURE.md lists what it wipes, tests/test_teardown.py proves each
item gone with real widgets, a real QtWebEngine profile and a local web server.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.ui.shared.screen import as_widget

if TYPE_CHECKING:  # session.py imports this at start-up, which never loads QtWebEngine
    from PySide6.QtWebEngineCore import QWebEngineProfile

    from kiosk.ui.shared.screen import KioskWindow
    from kiosk.ui.visitor.downloads import Downloads


class BrowsingSession:
    """One visitor's browsing: an off-the-record profile made on first use (its cookies, local
    storage, HTTP cache, history, visited links and permissions live only in it, in memory), and
    its end: running downloads cancelled, every page deleted, then the profile, then the download
    folder wiped. The next profile() is a new, empty one.

    Qt requires pages to go before their profile. And a page's alert/confirm/prompt/upload dialog
    runs a nested event loop with the page on the stack: deleting the page inside that loop (an
    idle reset fires there) crashes. Pages and profile wait until the last such loop returned."""

    def __init__(self, parent: QObject, configure: Callable[[QWebEngineProfile], object]):
        self._parent = parent
        self._configure = configure  # the browser's settings and its download handler
        self._profile: QWebEngineProfile | None = None
        self._page_dialogs = 0  # pages' dialogs open right now (nested event loops)
        self._doomed: list[QObject] = []  # views and profiles of an ended session, in deletion order

    def profile(self) -> QWebEngineProfile:
        if self._profile is None:
            from PySide6.QtWebEngineCore import QWebEngineProfile  # here: start-up never loads QtWebEngine

            self._profile = QWebEngineProfile(self._parent)  # no storage name: off the record
            self._configure(self._profile)
        return self._profile

    @property
    def current_profile(self) -> QWebEngineProfile | None:
        """This session's profile, if a page made one already."""
        return self._profile

    @contextmanager
    def page_dialog(self) -> Iterator[None]:
        """Every page dialog (KioskPage) runs inside this."""
        self._page_dialogs += 1
        try:
            yield
        finally:
            self._page_dialogs -= 1
            if self._page_dialogs == 0 and self._doomed:
                QTimer.singleShot(0, self._delete_doomed)  # once out of the dialog's event loop

    def end(self, views: Iterable[QWidget], downloads: Downloads) -> None:
        """views: every QWebEngineView of the session (each owns its page), closed tabs included."""
        downloads.forget()  # nothing keeps writing into the folder
        self._doomed += views
        if self._profile is not None:
            self._doomed.append(self._profile)  # after its pages
            self._profile = None
        if self._page_dialogs == 0:
            self._delete_doomed()
        downloads.folder.wipe()

    def _delete_doomed(self) -> None:
        doomed, self._doomed = self._doomed, []
        for obj in doomed:
            if shiboken6.isValid(obj):  # a closed tab may have been deleted by Qt already
                shiboken6.delete(obj)


def close_dialogs(window: QWidget) -> None:
    """Open menus and the window's dialogs close, without counting as an answer."""
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.blockSignals(True)
            dialog.reject()
            dialog.blockSignals(False)
            dialog.deleteLater()


def clear_clipboard() -> None:
    clipboard = QApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():  # X11's middle-click selection
        clipboard.clear(QClipboard.Mode.Selection)


def clear_typed_text(root: QWidget) -> None:
    """Anything typed in any editable field under root. A spin box's or combo box's own line edit
    is left alone (it shows a chosen value); read-only fields hold no typing."""
    for edit in root.findChildren(QLineEdit):
        if not edit.isReadOnly() and not isinstance(edit.parent(), (QAbstractSpinBox, QComboBox)):
            edit.clear()
    text_edits: list[QPlainTextEdit | QTextEdit] = [*root.findChildren(QPlainTextEdit), *root.findChildren(QTextEdit)]
    for text_edit in text_edits:
        if not text_edit.isReadOnly():
            text_edit.clear()


def wipe_visitor(window: KioskWindow) -> None:
    """Everything of the visitor, in this order: dialogs and menus, the clipboard, typed text, then
    every built screen's reset() (the browser's ends its BrowsingSession; a screen that pre-fills a
    field refills it), read-aloud, and the display choices back to the installation's defaults."""
    close_dialogs(as_widget(window))
    clear_clipboard()
    clear_typed_text(as_widget(window))
    for screen in window.screens.built().values():
        screen.reset()
    window.read_aloud.stop()
    window.read_aloud.enabled = False
    window.prefs.reset()
