"""What a visitor-session reset wipes (kiosk/ui/visitor/teardown.py), part by part: a real
QtWebEngine profile against a real local web server, a real download folder, real widgets and
the real clipboard. tests/test_browser.py and tests/test_kiosk_mode.py check the whole reset
through the kiosk window."""
from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QClipboard
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.screen import Screen
from kiosk.ui.visitor.downloads import Downloads, SessionFolder
from kiosk.ui.visitor.teardown import BrowsingSession, clear_clipboard, clear_typed_text, wipe_visitor
from tests.websupport import LocalSite

# What a page can see of an earlier visitor, reported in its title.
REPORT = "JSON.stringify({cookie: document.cookie, local: localStorage.getItem('typed')})"
PAGE = ("<!doctype html><html><head><script src='/cached.js'></script></head><body>"
        "<script>SCRIPT; document.title = " + REPORT + ";</script></body></html>")


class Site(LocalSite):
    """A local website: sets a cookie and local storage, serves a cacheable script and a PDF, and
    counts what the browser sends and fetches."""

    def __init__(self):
        self.cached_hits = 0
        self.cookies_seen: list[str | None] = []
        super().__init__()

    def answer(self, request):
        if request.path == "/cached.js":
            self.cached_hits += 1
            return self.send(request, b"", "text/javascript", {"Cache-Control": "max-age=3600"})
        if request.path == "/attest.pdf":
            return self.send(request, b"%PDF-1.4 attest", "application/pdf",
                             {"Content-Disposition": 'attachment; filename="attest.pdf"'})
        self.cookies_seen.append(request.headers.get("Cookie"))
        if request.path == "/set":
            return self.send(request, PAGE.replace("SCRIPT", "localStorage.setItem('typed', 'geheim')").encode(),
                             "text/html", {"Set-Cookie": "visitor=geheim; Path=/"})
        return self.send(request, PAGE.replace("SCRIPT", "").encode(), "text/html")


@pytest.fixture
def site():
    site = Site()
    yield site
    site.close()


@pytest.fixture
def host(qtbot):
    """The widget the browsing's profile and dialogs belong to, as the browser screen is in the kiosk."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def view_on(browsing: BrowsingSession, page_class=QWebEnginePage) -> QWebEngineView:
    view = QWebEngineView()
    view.setPage(page_class(browsing.profile(), view))  # the view owns its page, as a kiosk tab does
    return view


def load(qtbot, view: QWebEngineView, url: str) -> dict:
    """What the page at url reports of earlier visitors."""
    with qtbot.waitSignal(view.page().loadFinished, timeout=20_000,
                          check_params_cb=lambda ok: view.url() == QUrl(url)):
        view.load(QUrl(url))
    with qtbot.waitCallback(timeout=10_000) as callback:
        view.page().runJavaScript(REPORT, 0, callback)
    return json.loads(callback.args[0])


def test_pages_then_profile_then_folder_go_and_the_next_profile_knows_nothing(qtbot, qtlog, host, site, tmp_path):
    downloads = Downloads(host, SessionFolder(tmp_path / "visitor"))
    browsing = BrowsingSession(host, lambda profile: profile.downloadRequested.connect(downloads.requested))
    view, second = view_on(browsing), view_on(browsing)
    load(qtbot, view, site.url("/set"))
    # Before the end everything is there, also for another page of the session: the checks below
    # would see it if the end missed it.
    assert load(qtbot, view, site.url("/check")) == {"cookie": "visitor=geheim", "local": "geheim"}
    assert load(qtbot, second, site.url("/check")) == {"cookie": "visitor=geheim", "local": "geheim"}
    assert site.cookies_seen[-1] == "visitor=geheim" and site.cached_hits == 1  # the script came from the cache
    assert view.history().count() == 2
    view.load(QUrl(site.url("/attest.pdf")))
    qtbot.waitUntil(lambda: len(downloads.files()) == 1, timeout=20_000)
    folder = downloads.folder.path()
    assert downloads.files()[0].read_bytes() == b"%PDF-1.4 attest" and downloads.files()[0].parent == folder
    profile, page = browsing.profile(), view.page()

    browsing.end([view, second], downloads)

    assert not any(shiboken6.isValid(obj) for obj in (view, page, second, profile))
    assert not any("Release of profile requested" in record.message for record in qtlog.records)  # pages first
    assert not folder.exists() and downloads.files() == [] and not downloads.folder.exists

    fresh = view_on(browsing)
    assert browsing.profile() is not profile and browsing.profile().isOffTheRecord()
    assert load(qtbot, fresh, site.url("/check")) == {"cookie": "", "local": None}
    assert site.cookies_seen[-1] is None  # no cookie reached the server either
    assert site.cached_hits == 2  # the cache went with the profile: fetched again
    assert fresh.history().count() == 1 and not fresh.history().canGoBack()
    browsing.end([fresh], downloads)


def test_pages_and_profile_wait_until_a_page_dialog_returned(qtbot, host, tmp_path):
    """A page's confirm() runs a nested event loop with the page on the stack; the idle reset fires
    inside it. Deleting the page there would crash: it goes once the loop returned."""
    downloads = Downloads(host, SessionFolder(tmp_path / "visitor"))
    browsing = BrowsingSession(host, lambda _profile: None)

    class AskingPage(QWebEnginePage):  # as KioskPage wraps its dialogs
        def javaScriptConfirm(self, origin, message):
            with browsing.page_dialog():
                return super().javaScriptConfirm(origin, message)

    view = view_on(browsing, AskingPage)
    profile = browsing.profile()
    view.page().setHtml("<script>setTimeout(() => confirm('Zeker?'), 50)</script>", QUrl("https://example.org/"))
    inside = []

    def end_while_asked():  # a timer, like the idle countdown: it fires inside the dialog's loop
        dialog = next((d for d in view.findChildren(QDialog) if d.isVisible()), None)
        if dialog is not None and not inside:
            browsing.end([view], downloads)
            inside.append(shiboken6.isValid(view) and shiboken6.isValid(profile))
            dialog.reject()  # the visitor's answer never comes; here the loop ends

    poll = QTimer()
    poll.timeout.connect(end_while_asked)
    poll.start(20)
    qtbot.waitUntil(lambda: bool(inside), timeout=20_000)
    poll.stop()
    assert inside == [True]  # still there while the page's dialog ran
    qtbot.waitUntil(lambda: not shiboken6.isValid(view) and not shiboken6.isValid(profile), timeout=5_000)


def test_clipboard_and_typed_text_are_cleared_chosen_values_stay(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    line, plain, rich, shown = QLineEdit("mijn geheim"), QPlainTextEdit("BE71 0961 2345 6769"), QTextEdit(), QLineEdit()
    rich.setHtml("<b>wachtwoord</b>")
    shown.setText("https://www.leuven.be/e-loket")
    shown.setReadOnly(True)  # shows something, holds no typing
    number = QSpinBox()
    number.setValue(5)
    choice = QComboBox()
    choice.setEditable(True)
    choice.addItems(["Nederlands", "Français"])
    choice.setCurrentIndex(1)
    for widget in (line, plain, rich, shown, number, choice):
        layout.addWidget(widget)
    clipboard = QApplication.clipboard()
    clipboard.setText("gekopieerd wachtwoord")
    assert clipboard.text(QClipboard.Mode.Clipboard) == "gekopieerd wachtwoord"

    clear_clipboard()
    clear_typed_text(root)

    assert clipboard.text(QClipboard.Mode.Clipboard) == ""
    assert (line.text(), plain.toPlainText(), rich.toPlainText()) == ("", "", "")
    assert shown.text() == "https://www.leuven.be/e-loket"
    assert number.value() == 5 and number.text() == "5" and choice.currentText() == "Français"


class FormScreen(Screen):
    """A screen where a visitor types, and that pre-fills a field (its reset() refills it)."""

    def __init__(self, window):
        super().__init__(window)
        self.line, self.prefilled = QLineEdit(), QLineEdit("standaard")
        layout = QVBoxLayout(self)
        layout.addWidget(self.line)
        layout.addWidget(self.prefilled)

    def reset(self):
        self.prefilled.setText("standaard")


def test_wipe_visitor_closes_questions_resets_screens_read_aloud_and_prefs(window):
    form = window.add_screen("form", FormScreen(window))
    window.show_screen("form")
    form.line.setText("mijn geheim")
    form.prefilled.setText("getypt")
    window.prefs.set(language="ar", text_size="extra-large", high_contrast=True)
    window.read_aloud.enabled = True
    question = ChoiceDialog(window, "Vraag", "Tekst")
    question.add_button("Ja", QDialog.DialogCode.Accepted)
    answers = []
    question.finished.connect(answers.append)
    question.open()

    wipe_visitor(window)

    assert form.line.text() == "" and form.prefilled.text() == "standaard"
    assert not question.isVisible() and answers == []  # closed, and closing is no answer
    assert window.read_aloud.enabled is False
    s = window.runtime.settings
    assert (window.prefs.language, window.prefs.text_size, window.prefs.high_contrast) == \
        (s.default_language, s.default_text_size, s.default_high_contrast)
    assert QApplication.layoutDirection().name == "LeftToRight"  # Arabic's right-to-left went too
