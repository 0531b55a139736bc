"""The visitor session: what one visitor leaves behind, and the one place that wipes it.

A digipunt PC is shared by strangers one after the other. `VisitorSession.reset()` (through
`MainWindow.reset_visitor_session()`) runs on "Stop en wis alles" and when the idle countdown ends;
ARCHITECTURE.md lists what it wipes and tests/test_kiosk_mode.py proves each item gone.
"""
from __future__ import annotations

import getpass
import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, Signal
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog, QLineEdit,
                               QPlainTextEdit, QTextEdit)

from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.visitor.idle import IdleDialog, IdleMonitor
from kiosk.ui.shared.widgets import big_button

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_LOCK_NAME = ".digipunt-session.lock"


def _sessions_root() -> Path:
    user = re.sub(r"[^A-Za-z0-9_.-]", "_", getpass.getuser())
    return Path(tempfile.gettempdir()) / f"digipunt-visitor-{user}"


class SessionFolder:
    """A private temporary folder for one session's downloads, made on first use, deleted on reset.

    Never inside the data directory (that one persists). Each folder holds a lock owned by the
    running kiosk; at start-up folders whose lock no running kiosk holds (a crash or a power cut
    ended their session) are deleted, so no file outlives its session by a restart."""

    def __init__(self, root: Path | None = None):
        self.root = root or _sessions_root()
        self._path: Path | None = None
        self._lock: QLockFile | None = None

    @property
    def exists(self) -> bool:
        return self._path is not None

    def path(self) -> Path:
        if self._path is None:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = Path(tempfile.mkdtemp(prefix="session-", dir=self.root))
            lock = QLockFile(str(path / _LOCK_NAME))
            lock.setStaleLockTime(0)  # stale only when its kiosk process is gone
            lock.tryLock(0)
            self._path, self._lock = path, lock
        return self._path

    def files(self) -> list[Path]:
        if self._path is None:
            return []
        return sorted((p for p in self._path.iterdir() if p.is_file() and p.name != _LOCK_NAME),
                      key=lambda p: p.stat().st_mtime)

    def wipe(self) -> None:
        if self._path is None:
            return
        self._lock.unlock()
        _remove(self._path)
        self._path = self._lock = None

    def purge_stale(self) -> int:
        """Delete the folders of sessions that ended without a reset. Returns how many."""
        if not self.root.is_dir():
            return 0
        purged = 0
        for folder in self.root.glob("session-*"):
            if folder == self._path or not folder.is_dir():
                continue
            lock = QLockFile(str(folder / _LOCK_NAME))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):  # nobody holds it: that session is over
                lock.unlock()
                _remove(folder)
                purged += 1
        return purged


def _remove(folder: Path) -> None:
    def report(_function, _path, exc_info):  # e.g. a file still open on Windows: purged next start
        log.warning("could not delete a visitor file: %s", exc_info[1])
    shutil.rmtree(folder, onerror=report)


class VisitorSession(QObject):
    """Owns the idle clock, the 'Stop en wis alles' button and the reset itself."""

    # Emitted with the text of the idle question when it appears: read-aloud speaks it.
    idle_prompt = Signal(str)

    def __init__(self, window: MainWindow, app: QApplication):
        super().__init__(window)
        self.window = window
        self.idle = IdleMonitor(app, window, lambda: window.runtime.settings.idle_seconds * 1000)
        self.countdown_ms = lambda: window.runtime.settings.idle_countdown_seconds * 1000
        self.idle.idle.connect(self.ask_still_there)
        self.idle_prompt.connect(self._read_aloud)
        self.idle_dialog: IdleDialog | None = None
        self.stop_dialog: ChoiceDialog | None = None
        # "Stop en wis alles": always in the visitor bar.
        self.stop_button = big_button("", "danger")
        self.stop_button.clicked.connect(self.confirm_stop)
        self.stop_button.installEventFilter(self)  # for LanguageChange
        window.visitor_bar.addWidget(self.stop_button)
        self.retranslate()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop en wis alles"))
        self.stop_button.setAccessibleName(self.tr("Stoppen en alles wissen wat je hier deed"))

    # --- asking ----------------------------------------------------------------------------------
    def ask_still_there(self) -> None:
        dialog = self.idle_dialog = IdleDialog(self.window, self.countdown_ms())
        dialog.expired.connect(self.window.reset_visitor_session)
        dialog.finished.connect(self._idle_answered)
        dialog.open()
        self.idle_prompt.emit(dialog.announcement())

    def _read_aloud(self, text: str) -> None:
        speech = self.window.read_aloud
        if speech.enabled:  # the visitor switched read-aloud on
            speech.say(text, self.window.prefs.language)

    def _idle_answered(self, result: int) -> None:
        self.idle_dialog = None
        if result == IdleDialog.STOP:
            self.window.reset_visitor_session()
        else:  # "Ja", Enter, Escape: the visitor is there
            self.idle.resume()

    def confirm_stop(self) -> None:
        dialog = self.stop_dialog = ChoiceDialog(
            self.window, self.tr("Stoppen en alles wissen?"),
            self.tr("We wissen alles wat je hier deed: websites, wachtwoorden, bestanden en wat je typte. "
                    "De volgende bezoeker ziet niets van jou."))
        dialog.add_button(self.tr("Nee, ga verder"), QDialog.Rejected, default=True)
        dialog.add_button(self.tr("Ja, wis alles"), QDialog.Accepted, "danger")
        dialog.finished.connect(self._stop_answered)
        dialog.open()

    def _stop_answered(self, result: int) -> None:
        self.stop_dialog = None
        if result == QDialog.Accepted:
            self.window.reset_visitor_session()

    # --- wiping ----------------------------------------------------------------------------------
    def reset(self) -> None:
        window = self.window
        self._close_popups()
        clipboard = QApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        _clear_typed_text(window)
        for screen in window.screens.built().values():
            screen.reset()  # after the sweep: a screen may refill its own defaults
        window.read_aloud.stop()
        window.read_aloud.enabled = False
        window.prefs.reset()
        window.go_home()
        self.idle.stop()  # the next visitor's first touch starts the clock
        log.info("visitor session reset")

    def _close_popups(self) -> None:
        app = QApplication.instance()
        while (popup := app.activePopupWidget()) is not None:
            popup.close()
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.blockSignals(True)  # closing is not an answer
                dialog.reject()
                dialog.blockSignals(False)
                dialog.deleteLater()
        self.idle_dialog = self.stop_dialog = None


def _clear_typed_text(window: MainWindow) -> None:
    """Anything typed in any field of the kiosk (a screen's reset() refills its own defaults)."""
    for edit in window.findChildren(QLineEdit):
        if not edit.isReadOnly() and not isinstance(edit.parent(), (QAbstractSpinBox, QComboBox)):
            edit.clear()
    for edit in (*window.findChildren(QPlainTextEdit), *window.findChildren(QTextEdit)):
        if not edit.isReadOnly():
            edit.clear()
