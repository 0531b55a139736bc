"""The built-in browser with real QtWebEngine pages from a real local HTTP server.

WebEngine start costs seconds: these tests are few and each loads several pages in one go.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPushButton

from kiosk.ui.shared.widgets import Tile
from kiosk.ui.visitor.files import PdfViewer, print_pdf
from tests.websupport import LocalSite

PAGE = "<!doctype html><html><head><title>{title}</title><script src='/cached.js'></script></head>" \
       "<body><input id='field'><script>{script}</script></body></html>"
# The page reports what it can see of earlier visitors in its title.
REPORT = "document.title = JSON.stringify({cookie: document.cookie, local: localStorage.getItem('typed')});"


def make_pdf(path: Path, pages: int = 2) -> Path:
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(200, 200, f"Attest, pagina {page + 1}")
    painter.end()
    return path


class Site(LocalSite):
    """A local website that records what the browser sends it."""

    def __init__(self, pdf: bytes):
        self.pdf = pdf
        self.cached_hits = 0
        self.cookies_seen: list[str | None] = []
        self.pages_seen: list[str] = []  # paths of page requests; Chromium may also ask for /favicon.ico
        self.languages_seen: list[str | None] = []  # Accept-Language of each request
        super().__init__()

    def answer(self, request):
        path = request.path
        if path == "/favicon.ico":  # Chromium asks for it after a page loaded, sometimes late: not a visit
            return self.send(request, b"", "image/x-icon", status=404)
        self.languages_seen.append(request.headers.get("Accept-Language"))
        if path in ("/missing", "/forbidden"):  # the site's own error page, with a body
            return self.send(request, b"<html><body>Server error page</body></html>", "text/html",
                             status=404 if path == "/missing" else 403)
        if path == "/cached.js":
            self.cached_hits += 1
            return self.send(request, b"window.cachedScript = true;", "text/javascript",
                             {"Cache-Control": "max-age=3600"})
        if path == "/attest.pdf":
            return self.send(request, self.pdf, "application/pdf",
                             {"Content-Disposition": 'attachment; filename="attest.pdf"'})
        self.cookies_seen.append(request.headers.get("Cookie"))
        self.pages_seen.append(path)
        if path == "/set":
            body = PAGE.format(title="set", script="localStorage.setItem('typed', 'geheim');")
            return self.send(request, body.encode(), "text/html", {"Set-Cookie": "visitor=geheim; Path=/"})
        if path == "/popup":
            return self.send(request, PAGE.format(title="popup", script="window.open('/check');").encode(),
                             "text/html")
        return self.send(request, PAGE.format(title="check", script=REPORT).encode(), "text/html")


@pytest.fixture
def site(tmp_path):
    site = Site(make_pdf(tmp_path / "attest.pdf").read_bytes())
    yield site
    site.close()


def load(qtbot, tab, url: str) -> None:
    """Load url and wait for ITS loadFinished (an earlier load may still report)."""
    with qtbot.waitSignal(tab.page().loadFinished, timeout=20_000, check_params_cb=lambda ok: tab.url() == QUrl(url)):
        tab.load(QUrl(url))


def seen_by_page(qtbot, tab) -> dict:
    with qtbot.waitCallback(timeout=10_000) as callback:
        tab.page().runJavaScript(REPORT + "document.title", 0, callback)
    return json.loads(callback.args[0])


def test_reset_leaves_no_cookie_storage_cache_history_or_download(window, site, qtbot):
    browser = window.browser
    tab = browser.new_tab()
    window.show_screen("browser")
    load(qtbot, tab, site.url("/set"))  # finished before the next one: see load()
    load(qtbot, tab, site.url("/check"))
    # Before the reset everything is there: the test would see it if the reset missed it.
    assert seen_by_page(qtbot, tab) == {"cookie": "visitor=geheim", "local": "geheim"}
    assert site.cookies_seen[-1] == "visitor=geheim"
    assert site.cached_hits == 1  # the second page took the script from the cache
    assert tab.history().count() == 2 and browser.back_button.isEnabled()
    tab.load(QUrl(site.url("/attest.pdf")))
    qtbot.waitUntil(lambda: len(browser.downloads.files()) == 1, timeout=20_000)
    download = browser.downloads.files()[0]
    assert download.name == "attest.pdf" and download.read_bytes().startswith(b"%PDF-")
    assert browser.notice.isVisible() and browser.notice_open.isVisible() and browser.files_button.isVisible()
    folder = browser.downloads.folder.path()
    assert download.parent == folder and window.runtime.data_dir not in folder.parents
    old_profile = browser.browsing.profile()

    window.reset_visitor_session()

    assert browser.tabs.count() == 0 and not folder.exists() and browser.downloads.files() == []
    assert not browser.files_button.isVisible() and not browser.notice.isVisible()
    window.open_website(site.url("/check"))
    fresh = browser.current_tab()
    qtbot.waitUntil(lambda: fresh.page().title().startswith("{"), timeout=20_000)
    assert browser.browsing.profile() is not old_profile and browser.browsing.profile().isOffTheRecord()
    assert seen_by_page(qtbot, fresh) == {"cookie": "", "local": None}
    assert site.cookies_seen[-1] is None  # no cookie reached the server either
    assert site.cached_hits == 2  # the cache is gone: fetched again
    assert fresh.history().count() == 1 and not browser.back_button.isEnabled()


def test_a_press_on_the_internet_tile_starts_the_start_page_and_the_release_shows_it(window, site, qtbot):
    """The head start (browser_entry.py): the press builds the browser and requests the start page
    while home is still shown; the release shows that same page. A press that never became a tap
    leaves nothing after the visitor's session."""
    window.runtime.settings = window.runtime.settings.model_copy(update={"browser_home_url": site.url("/check")})
    tile = next(t for t in window.home.findChildren(Tile) if t.title.text() == "Internet")
    QTest.mousePress(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: site.pages_seen.count("/check") == 1, timeout=20_000)  # the page's request reached the site
    assert window.current_screen_name() == "home"
    browser = window.browser
    tab = browser.current_tab()
    assert browser.tabs.count() == 1 and browser.browsing.current_profile is not None
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "browser" and browser.current_tab() is tab and browser.tabs.count() == 1
    qtbot.waitUntil(lambda: tab.page().title().startswith("{"), timeout=20_000)
    assert site.pages_seen.count("/check") == 1, site.pages_seen  # shown, not loaded again

    window.go_home()
    window.reset_visitor_session()
    QTest.mousePress(tile, Qt.MouseButton.LeftButton)  # and the finger slides off: no click
    qtbot.waitUntil(lambda: browser.tabs.count() == 1, timeout=20_000)
    pressed_profile = browser.browsing.current_profile
    assert pressed_profile is not None and window.current_screen_name() == "home"
    window.reset_visitor_session()
    assert browser.tabs.count() == 0 and browser.browsing.current_profile is None
    assert not shiboken6.isValid(pressed_profile)


def test_popups_open_as_tabs_official_mark_zoom_and_refused_addresses(window, site, qtbot):
    browser = window.browser
    window.show_screen("browser")  # the "Internet" tile does this
    tab = browser.current_tab()
    assert tab is not None
    assert tab.page().requestedUrl().toString().startswith(window.runtime.settings.browser_home_url)
    load(qtbot, tab, site.url("/popup"))
    qtbot.waitUntil(lambda: browser.tabs.count() == 2, timeout=10_000)
    popup = browser.tabs.widget(1)
    assert browser.current_tab() is popup and browser.tabs.tabBar().isVisible()
    qtbot.waitUntil(lambda: popup.page().title().startswith("{"), timeout=20_000)
    browser.close_tab(popup)
    assert browser.tabs.count() == 1

    def mark_for(base: str) -> bool:
        with qtbot.waitSignal(tab.page().loadFinished, timeout=20_000):
            tab.page().setHtml("<p>pagina</p>", QUrl(base))
        return browser.official_mark.isVisible()

    assert mark_for("https://www.burgerprofiel.be/attesten")  # a walkthrough's domain
    assert browser.site_label.text() == "burgerprofiel.be"
    assert mark_for("https://stad.leuven.be/e-loket")  # the installation's e-loket host
    assert not mark_for("https://burgerprofiel.be.example.org/")
    assert not mark_for("http://www.vlaanderen.be/")  # not over https
    load(qtbot, tab, site.url("/check"))
    assert not browser.official_mark.isVisible()

    browser.zoom_by(1)
    assert tab.zoomFactor() == pytest.approx(1.1) and browser.zoom_factor() == pytest.approx(1.1)
    window.prefs.set(text_size="extra-large")  # bigger kiosk text, bigger websites
    assert tab.zoomFactor() == pytest.approx(1.5)

    for refused in ("file:///etc/passwd", "chrome://gpu", f"file://{window.runtime.data_dir}/settings.json"):
        with qtbot.waitSignal(tab.page().loadFinished, timeout=20_000):
            tab.load(QUrl(refused))
        assert tab.url().toString() == site.url("/check")
        assert browser.notice.isVisible()
    browser.address.setText("belastingen aangifte")  # no search: a clear message instead
    browser.address.returnPressed.emit()
    assert "Zoeken kan hier niet" in browser.notice_text.text()

    window.reset_visitor_session()
    assert browser.zoom_factor() == 1.0 and browser.tabs.count() == 0


def test_guide_docks_beside_the_website_and_goes_with_the_session(window, site, qtbot):
    browser = window.browser
    window.open_website(site.url("/check"), ("eloket", 2))
    assert window.current_screen_name() == "browser"
    guide = browser.guide.view
    assert browser.guide.is_shown() and guide.walkthrough.id == "eloket" and guide.index == 2
    qtbot.waitUntil(lambda: browser.tabs.width() > 0)
    assert browser.guide.width() >= 500 and browser.tabs.width() >= 800  # at 1366x768
    assert guide.text.isVisible()
    qtbot.mouseClick(browser.guide.button, Qt.MouseButton.LeftButton)
    assert not browser.guide.is_shown() and browser.guide.button.text() == "Toon uitleg"
    qtbot.mouseClick(browser.guide.button, Qt.MouseButton.LeftButton)
    assert browser.guide.is_shown() and browser.guide.button.text() == "Verberg uitleg"

    window.open_website(site.url("/check"))  # the Internet tile, no guide
    assert not browser.guide.is_shown() and not browser.guide.button.isVisible()
    window.open_website(site.url("/check"), ("eloket", 4))
    assert browser.guide.view.index == 4

    window.reset_visitor_session()
    assert browser.guide.view is None and not browser.guide.is_shown()  # no walkthrough position left


def test_idle_reset_while_a_page_asks_a_question(window, qtbot):
    """A JavaScript confirm() runs a nested event loop with its page on the stack; the visitor
    walked away, the idle countdown resets: no crash, and the page and profile still go."""
    browser = window.browser
    tab = browser.open("about:blank")
    profile = browser.browsing.profile()
    tab.page().setHtml("<script>setTimeout(() => confirm('Zeker?'), 50)</script>", QUrl("https://example.org/"))
    asked = []

    def reset_once_asked():  # a timer, like the idle countdown: it fires inside the dialog's loop
        if not asked and any(d.isVisible() for d in tab.findChildren(QDialog)):
            asked.append(True)
            window.reset_visitor_session()

    poll = QTimer()
    poll.timeout.connect(reset_once_asked)
    poll.start(20)
    qtbot.waitUntil(lambda: bool(asked) and not shiboken6.isValid(tab) and not shiboken6.isValid(profile),
                    timeout=20_000)
    poll.stop()
    assert browser.tabs.count() == 0 and window.current_screen_name() == "home"


def test_downloaded_pdf_opens_and_prints_inside_the_kiosk(window, tmp_path, qtbot):
    browser = window.browser
    pdf = make_pdf(browser.downloads.folder.path() / "attest.pdf", pages=3)
    browser.downloads.open_file(pdf)
    viewer = next(d for d in window.findChildren(PdfViewer) if d.isVisible())
    assert viewer.document.pageCount() == 3

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(pdf, printer) == 3
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == 3
    printed.close()

    window.reset_visitor_session()  # the viewer closes and lets go of the file, then it is deleted
    assert not viewer.isVisible() and not pdf.exists()
    assert not any(d.isVisible() for d in window.findChildren(QDialog))


def test_uploads_offer_only_this_sessions_downloads(window, qtbot, monkeypatch):
    browser = window.browser
    assert browser.downloads.choose_upload() == []  # nothing downloaded: no file dialog onto the computer
    assert "alleen bestanden opladen" in browser.notice_text.text()

    pdf = make_pdf(browser.downloads.folder.path() / "attest.pdf", pages=1)
    monkeypatch.setattr(browser.downloads, "files", lambda: [pdf])

    def pick():
        dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "attest.pdf").click()

    QTimer.singleShot(100, pick)
    assert browser.downloads.choose_upload() == [str(pdf)]


def test_failed_pages_are_the_kiosks_own_in_the_visitors_language_and_the_browser_speaks_it(window, site, qtbot):
    """No connection, not found, not allowed: a kiosk page in the visitor's language instead of
    Chromium's, without the official mark (also for an official domain); websites get the visitor's
    language (Accept-Language) until the session ends."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.core import web

    def tr(text: str) -> str:
        return QCoreApplication.translate("BrowserScreen", text)

    # An official domain that never resolves (.invalid, RFC 2606): official, yet no mark on failure.
    settings = window.runtime.settings
    window.runtime.settings = settings.model_copy(update={"official_domains": ["kiosk-test.invalid"]})
    window.prefs.set(language="uk")
    browser = window.browser
    tab = browser.open(site.url("/check"))
    qtbot.waitUntil(lambda: tab.url().toString().endswith("/check") and not browser.progress.isVisible(),
                    timeout=20_000)
    assert site.languages_seen[-1] == "uk,nl;q=0.8"
    assert browser.tabs.isVisible() and browser.failure_panel.isHidden()

    cases = (("https://www.kiosk-test.invalid/", web.OFFLINE, "Geen verbinding met deze website"),
             (site.url("/missing"), web.NOT_FOUND, "Deze pagina bestaat niet"),
             (site.url("/forbidden"), web.NOT_ALLOWED, "Deze pagina mag je niet zien"))
    for url, kind, title in cases:
        tab.load(QUrl(url))
        qtbot.waitUntil(lambda kind=kind: tab.failure == kind, timeout=20_000)
        assert browser.failure_panel.isVisible() and not browser.tabs.isVisible()
        assert browser.failure_title.text() == tr(title) != title  # Ukrainian, not Dutch
        assert not browser.official_mark.isVisible()
    assert browser.is_official(QUrl("https://www.kiosk-test.invalid/"))  # the mark was held back

    window.prefs.set(language="ar")  # the kiosk's page follows a language switch at once
    assert browser.failure_title.text() == tr("Deze pagina mag je niet zien") != "Deze pagina mag je niet zien"
    asked = len(site.languages_seen)
    browser.retry_button.click()  # still forbidden: the same page again, asked in Arabic now
    qtbot.waitUntil(lambda: len(site.languages_seen) > asked, timeout=20_000)
    assert site.languages_seen[-1].startswith("ar,nl")  # (Chromium rewrites the q-values)

    tab.load(QUrl(site.url("/check")))  # a page that works: the site again, the panel gone
    qtbot.waitUntil(lambda: tab.failure is None and browser.tabs.isVisible(), timeout=20_000)
    assert browser.failure_panel.isHidden()

    window.reset_visitor_session()  # back to Dutch: the next visitor's pages ask for Dutch
    asked = len(site.languages_seen)
    tab = browser.open(site.url("/check"))
    qtbot.waitUntil(lambda: len(site.languages_seen) > asked, timeout=20_000)
    assert site.languages_seen[-1] == "nl"
    window.runtime.settings = settings
