"""Practice mode ("Oefenen") in the built-in browser: the kiosk serves a guide's practice pages
itself under the `oefen:` scheme (`PracticePages`, a QtWebEngine scheme handler: no socket, no
port), and `Practice` keeps the docked guide and the practice page on the same step. The rules
(which file, the mark, the policy) are Qt-free in kiosk/core/practice.py.

Nothing typed on a practice page leaves the kiosk: a form's submit comes here, its body is never
read, and the answer is the next page. What the visitor typed lives only in the session's pages and
its off-the-record profile, which the session's reset deletes (teardown.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QCoreApplication, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from kiosk.core import practice
from kiosk.core.settings import RTL_LANGUAGES

if TYPE_CHECKING:
    from kiosk.ui.visitor.browser import BrowserScreen


def register_scheme() -> None:
    """Once per process, before QtWebEngine's first profile: `oefen:` is a local, secure scheme
    with hosts (one per guide); websites cannot load from it."""
    if QWebEngineUrlScheme.schemeByName(practice.SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(practice.SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalScheme
                    | QWebEngineUrlScheme.Flag.LocalAccessAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


register_scheme()


def mark_text() -> str:
    return QCoreApplication.translate("BrowserScreen", "Oefening — geen echte website")


class PracticePages(QWebEngineUrlSchemeHandler):
    """Answers every `oefen:` request of the session's profile from the guides' practice folders."""

    submitted = Signal(str)  # a practice form was sent to this page (its body is never read)

    def __init__(self, window, parent: QObject):
        super().__init__(parent)
        self._window = window

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if bytes(job.requestMethod().data()) != b"GET":
            # A form: the next page, by GET, so that Terug and Opnieuw never send it again.
            self.submitted.emit(url.path())
            job.redirect(QUrl(practice.url(url.host(), url.path().removeprefix("/"))))
            return
        file = practice.file_for(url.host(), url.path(), self._window.runtime.content.walkthroughs)
        if file is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        data = file.read_bytes()
        if file.suffix == ".html":
            language = self._window.prefs.language
            data = practice.marked_page(data, practice.Mark(mark_text(), language, language in RTL_LANGUAGES))
        buffer = QBuffer(job)  # the job owns the answer
        buffer.setData(data)
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        job.reply(practice.CONTENT_TYPES[file.suffix].encode(), buffer)


class Practice(QObject):
    """Which guide the visitor practises (None: the real web), and the step <-> page link: a step
    with a practice page loads it; a practice page the visitor reached moves the guide to its step."""

    def __init__(self, browser: BrowserScreen):
        super().__init__(browser)
        self._browser = browser
        self.pages = PracticePages(browser.window_, self)
        self.guide_id: str | None = None

    @property
    def active(self) -> bool:
        return self.guide_id is not None

    def _walkthrough(self):
        return next(w for w in self._browser.window_.runtime.content.walkthroughs if w.id == self.guide_id)

    def start(self, guide_id: str, index: int) -> None:
        self.guide_id = guide_id
        wt = self._walkthrough()
        page = wt.practice_page(index) or next(step.practice for step in wt.meta.steps if step.practice)
        self._browser.open(practice.url(guide_id, page or ""), (guide_id, index), practice=True)

    def step_changed(self, index: int) -> None:
        """The guide went to another step: its practice page, unless it shows already."""
        tab = self._browser.current_tab()
        if not self.active or tab is None:
            return
        page = self._walkthrough().practice_page(index)
        if page is not None and self._page_shown(tab.url()) != page:
            tab.load(QUrl(practice.url(self.guide_id or "", page)))

    def page_changed(self, url: QUrl) -> None:
        """The visitor reached another practice page (a link, a form): the guide follows. A real
        website (Startpagina, a typed address) ends practising; the guide stays beside it."""
        if self.active and url.scheme() in ("http", "https"):
            self.end()
            self._browser.guide.stop_practising()
            return
        view = self._browser.guide.view
        page = self._page_shown(url)
        if not self.active or view is None or page is None or view.walkthrough is None:
            return
        step = view.walkthrough.practice_step(page, view.index)
        if step is not None and step != view.index:
            view.go_to(step)

    def _page_shown(self, url: QUrl) -> str | None:
        if url.scheme() != practice.SCHEME or url.host() != self.guide_id:
            return None
        found = practice.page_of(url.host(), url.path())
        return found[1] if found else None

    def real_site(self) -> tuple[str, tuple[str, int]]:
        """"Nu echt doen?": the guide's first real website and that step, else the browser's start
        page with the guide from its first step (e-mail: the visitor's own provider)."""
        window = self._browser.window_
        settings = window.runtime.settings
        wt = self._walkthrough()
        start = wt.real_start(settings.eloket_url)
        index, url = start if start is not None else (0, settings.browser_home_url)
        return url, (wt.id, index)

    def end(self) -> None:
        self.guide_id = None
