"""A visitor session's downloads: saved into the session's own temporary folder (never the data
dir), listed, opened and printed inside the kiosk, and the only files a page's upload offers.

The folder goes with the session (kiosk/ui/visitor/teardown.py); folders a crash left behind are
purged at the next start. Texts use the browser screen's translation context ("BrowserScreen").
"""
from __future__ import annotations

import getpass
import logging
import re
import shutil
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.widgets import big_button, role_label
from kiosk.ui.visitor.files import (
    BROWSER_VIEWABLE,
    PdfViewer,
    ask_and_print,
    is_pdf,
    print_pdf,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # context "BrowserScreen": the texts belong to that screen in the .ts files

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
        if self._path is None or self._lock is None:  # both are set together
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


def unique_name(folder: Path, name: str) -> str:
    candidate, stem, suffix, n = name, Path(name).stem, Path(name).suffix, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    return candidate


class Downloads(QObject):
    """The downloads of the current session, and what the visitor can do with them."""

    notice = Signal(str, object)  # a message for above the page, and the file it is about (or None)
    changed = Signal()  # a download finished: the list of files changed
    open_in_tab = Signal(QUrl)  # a file the browser shows itself (a page, an image, text)

    def __init__(self, window: QWidget, folder: SessionFolder | None = None):
        super().__init__(window)
        self._window = window  # dialogs and the PDF viewer open over it
        self.folder = folder or SessionFolder()
        purged = self.folder.purge_stale()
        if purged:
            log.warning("deleted %d visitor download folder(s) left by an earlier session", purged)
        self._requests: list[QWebEngineDownloadRequest] = []

    def requested(self, request: QWebEngineDownloadRequest) -> None:
        """A profile's downloadRequested: into the session folder, under a name not taken yet."""
        folder = self.folder.path()
        if Path(request.url().toLocalFile()).parent == folder:
            # A file the browser cannot show (e.g. a .docx opened from the list): it is already here.
            request.cancel()
            self.notice.emit(translate("BrowserScreen", "Dit soort bestand kan de kiosk niet openen. "
                                                        "Vraag hulp aan een digihelper."), None)
            return
        request.setDownloadDirectory(str(folder))
        request.setDownloadFileName(unique_name(folder, Path(request.downloadFileName()).name or "download"))
        request.isFinishedChanged.connect(lambda r=request: self._finished(r))
        self._requests.append(request)
        request.accept()
        self.notice.emit(translate("BrowserScreen", "Bezig met downloaden: {name}")
                         .format(name=request.downloadFileName()), None)

    def _finished(self, request: QWebEngineDownloadRequest) -> None:
        if request.state() != QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            self.notice.emit(translate("BrowserScreen", "De download is mislukt. Probeer het opnieuw."), None)
            return
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        self.changed.emit()
        self.notice.emit(translate("BrowserScreen", "Bestand opgeslagen: {name}. Het wordt gewist als je stopt.")
                         .format(name=path.name), path)

    def files(self) -> list[Path]:
        """This session's completed downloads (Chromium writes a partial file while busy)."""
        done = QWebEngineDownloadRequest.DownloadState.DownloadCompleted
        return [Path(r.downloadDirectory()) / r.downloadFileName() for r in self._requests if r.state() == done]

    def forget(self) -> None:
        """Cancel what is still downloading and forget every download (the teardown then wipes the folder)."""
        for request in self._requests:
            if shiboken6.isValid(request) and not request.isFinished():
                request.cancel()
        self._requests.clear()

    # --- what the visitor does with them ---------------------------------------------------------
    def open_file(self, path: Path) -> None:
        if is_pdf(path):
            viewer = PdfViewer(self._window, path)
            viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            viewer.open()
        elif path.suffix.lower() in BROWSER_VIEWABLE:
            self.open_in_tab.emit(QUrl.fromLocalFile(str(path)))
        else:
            self.notice.emit(translate("BrowserScreen", "Dit soort bestand kan de kiosk niet openen. "
                                                        "Vraag hulp aan een digihelper."), None)

    def print_file(self, path: Path) -> None:
        if is_pdf(path):
            ask_and_print(self._window, lambda printer: print_pdf(path, printer))
        else:  # images and pages print from a tab
            self.open_file(path)

    def show_files(self) -> None:
        files = self.files()
        dialog = ChoiceDialog(self._window, translate("BrowserScreen", "Je bestanden"),
                              translate("BrowserScreen", "Dit heb je gedownload. Als je stopt, wissen we deze "
                                                         "bestanden."))
        for index, path in enumerate(files):
            row = QHBoxLayout()
            row.addWidget(role_label(path.name, wrap=False), 1)
            open_button = big_button(translate("BrowserScreen", "Openen"))
            open_button.clicked.connect(dialog.accept)  # slots run in the order connected
            open_button.clicked.connect(lambda _=False, p=path: self.open_file(p))
            print_button = big_button(translate("BrowserScreen", "Afdrukken"))
            print_button.clicked.connect(dialog.accept)
            print_button.clicked.connect(lambda _=False, p=path: self.print_file(p))
            row.addWidget(open_button)
            row.addWidget(print_button)
            dialog.body.insertLayout(2 + index, row)
        dialog.add_button(translate("BrowserScreen", "Sluiten"), 0, "primary", default=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def choose_upload(self) -> list[str]:
        """A page's file upload: this session's downloads only, never the computer's own folders.
        Runs inside the page's chooseFiles(), so under the teardown's page_dialog()."""
        files = self.files()
        if not files:
            self.notice.emit(translate("BrowserScreen", "Je kunt hier alleen bestanden opladen die je eerst in "
                                                        "deze sessie hebt gedownload. Vraag hulp aan een "
                                                        "digihelper."), None)
            return []
        dialog = ChoiceDialog(self._window, translate("BrowserScreen", "Welk bestand wil je opladen?"),
                              translate("BrowserScreen", "Je kunt een bestand kiezen dat je in deze sessie "
                                                         "hebt gedownload."))
        for index, path in enumerate(files, start=1):
            button = big_button(path.name)
            button.clicked.connect(lambda _=False, i=index: dialog.done(i))
            dialog.body.insertWidget(1 + index, button)
        dialog.add_button(translate("BrowserScreen", "Annuleren"), 0, default=True)
        chosen = dialog.exec()  # the page waits for the answer
        dialog.deleteLater()
        return [str(files[chosen - 1])] if chosen > 0 else []
