"""The built-in browser screen: tabs for pop-ups in a fresh off-the-record profile per visitor
session, the address bar, the "officiële website" mark, zoom, notices, and the kiosk's own page in
the visitor's language when a page cannot be shown (no connection, not found, not allowed), and the
kiosk's own practice pages (practice.py) with their guide.

Its parts live beside it: what may be opened (kiosk/core/web.py), downloads (downloads.py), the
walkthrough docked beside the website (docked_guide.py), and the end of the session's browsing
(teardown.py): reset() deletes every page, then the profile, then the downloads.
"""
from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
)

from kiosk.core import practice, web
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.theme import bar_stylesheet
from kiosk.ui.shared.widgets import big_button, role_label, scroll_area
from kiosk.ui.visitor.docked_guide import DockedGuide
from kiosk.ui.visitor.downloads import Downloads
from kiosk.ui.visitor.files import ask_and_print
from kiosk.ui.visitor.practice import Practice
from kiosk.ui.visitor.teardown import BrowsingSession

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
ZOOM_FOR_TEXT_SIZE = {"normal": 1.0, "large": 1.25, "extra-large": 1.5}
_Attr = QWebEngineSettings.WebAttribute
_Nav = QWebEnginePage.NavigationType
# Navigations a page starts itself; typed addresses, Terug and Opnieuw are the visitor's.
_BY_PAGE = (_Nav.NavigationTypeLinkClicked, _Nav.NavigationTypeFormSubmitted, _Nav.NavigationTypeRedirect,
            _Nav.NavigationTypeOther)


class KioskPage(QWebEnginePage):
    """Pop-ups become tabs; only web addresses (and this session's own files) may be opened."""

    def __init__(self, profile: QWebEngineProfile, view: QWebEngineView, browser: BrowserScreen):
        super().__init__(profile, view)  # the view owns the page: deleting a tab deletes its page
        self._browser = browser
        self.fullScreenRequested.connect(lambda request: request.reject())
        self.permissionRequested.connect(lambda permission: permission.deny())

    def createWindow(self, _type) -> QWebEnginePage:
        return self._browser.new_tab().page()

    # A page's alert/confirm/prompt runs a nested event loop with this page on the stack: the
    # browser must not delete the page (a reset on idle) until that loop has returned.
    def javaScriptAlert(self, origin: QUrl | str, message: str) -> None:
        with self._browser.browsing.page_dialog():
            super().javaScriptAlert(origin, message)

    def javaScriptConfirm(self, origin: QUrl | str, message: str) -> bool:
        with self._browser.browsing.page_dialog():
            return super().javaScriptConfirm(origin, message)

    def javaScriptPrompt(self, origin: QUrl | str, message: str, default: str):
        with self._browser.browsing.page_dialog():
            return super().javaScriptPrompt(origin, message, default)

    def chooseFiles(self, _mode, _old_files, _accepted_mime_types) -> list[str]:
        """An upload offers this session's downloads only: never the computer's own folders."""
        with self._browser.browsing.page_dialog():
            return self._browser.downloads.choose_upload()

    # PySide6 always passes a QUrl; the stub's `QUrl | str` is what a caller may pass.
    def acceptNavigationRequest(self, url: QUrl, type_, is_main_frame: bool) -> bool:  # type: ignore[override]
        if self._browser.may_open(url, self.url().scheme(), type_ in _BY_PAGE):
            return True
        if is_main_frame:
            log.info("refused navigation to a %s: address", url.scheme())
            self._browser.refuse_page()
        return False


class BrowserTab(QWebEngineView):
    _HIDDEN_ACTIONS = (QWebEnginePage.WebAction.ViewSource, QWebEnginePage.WebAction.InspectElement,
                       QWebEnginePage.WebAction.SavePage)

    def __init__(self, browser: BrowserScreen, profile: QWebEngineProfile):
        super().__init__()
        self.setPage(KioskPage(profile, self, browser))
        self.failure: str | None = None  # kiosk.core.web's OFFLINE, NOT_FOUND, NOT_ALLOWED

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        for action in self._HIDDEN_ACTIONS:
            menu.removeAction(self.pageAction(action))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


class BrowserScreen(Screen):
    def __init__(self, window):
        super().__init__(window)
        self.downloads = Downloads(window)
        self.browsing = BrowsingSession(self, self._configure_profile)
        self.downloads.notice.connect(self.show_notice)
        self.downloads.changed.connect(self._update_files_button)
        self.downloads.open_in_tab.connect(self.new_tab)
        self.guide = DockedGuide(window)
        self.practice = Practice(self)
        self.guide.step_changed.connect(self.practice.step_changed)
        self.guide.real_requested.connect(lambda: self.open(*self.practice.real_site()))
        self.guide.practise_again.connect(lambda: self.practice.start(self.practice.guide_id or "", 0))
        self._language = window.prefs.language  # practice pages carry their mark in it
        self._closing: list[BrowserTab] = []  # closed tabs not yet deleted by Qt
        self._zoom = ZOOM_FOR_TEXT_SIZE[window.prefs.text_size]
        self._text_size = window.prefs.text_size

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_bar())
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setStyleSheet("QProgressBar { min-height: 4px; max-height: 4px; border: none; }")
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # no jumping layout while pages load
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        outer.addWidget(self.progress)
        outer.addWidget(self._build_notice())

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.guide)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setTabBarAutoHide(True)  # the tab bar appears when a pop-up opened a second tab
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setStyleSheet("QTabBar::tab { max-width: 320px; padding: 10px 18px; }")
        self.tabs.tabCloseRequested.connect(lambda index: self.close_tab(self.tabs.widget(index)))
        self.tabs.currentChanged.connect(lambda _index: self._update_bar())
        site = QVBoxLayout()
        site.setSpacing(0)
        site.addWidget(self._build_identity())
        site.addWidget(self.tabs, 1)
        site.addWidget(self._build_failure(), 1)
        body.addLayout(site, 1)
        outer.addLayout(body, 1)
        window.prefs.changed.connect(self._follow_text_size)
        self.retranslate()
        self._update_bar()

    # --- layout ----------------------------------------------------------------------------------
    def _build_bar(self) -> QFrame:
        bar = self.bar = QFrame()
        bar.setProperty("role", "bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(8)
        self.back_button = big_button()
        self.back_button.clicked.connect(lambda: self._act(QWebEnginePage.WebAction.Back))
        self.home_page_button = big_button()
        self.home_page_button.clicked.connect(self.go_home_page)
        self.reload_button = big_button()
        self.reload_button.clicked.connect(lambda: self._act(QWebEnginePage.WebAction.Reload))
        self.address = QLineEdit()
        self.address.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # web addresses read left to right everywhere
        self.address.returnPressed.connect(self._go_to_typed_address)
        self.zoom_out_button = big_button("−")
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_button = big_button("+")
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setStyleSheet("padding: 8px 0px; min-width: 56px;")
        self.files_button = big_button()
        self.files_button.clicked.connect(self.downloads.show_files)
        self.print_button = big_button()
        self.print_button.clicked.connect(lambda: ask_and_print(self, self.print_page))
        for widget in (self.back_button, self.home_page_button, self.reload_button):
            row.addWidget(widget)
        row.addWidget(self.address, 1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.files_button, self.print_button,
                       self.guide.button):
            row.addWidget(widget)
        return bar

    def _build_identity(self) -> QFrame:
        """Where the visitor is, right above the page: the site's name, and a clear mark on the
        official websites of the walkthroughs and the installation."""
        strip = self.identity = QFrame()  # the bar's text size: a line of facts beside the page
        row = QHBoxLayout(strip)
        row.setContentsMargins(12, 4, 12, 4)
        row.setSpacing(12)
        self.official_mark = role_label("", "marker", wrap=False)
        self.official_mark.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # What the mark means, in words beside it: a tooltip never shows on a touch screen.
        self.mark_meaning = role_label("", "muted")
        self.site_label = role_label("", "muted", wrap=False)
        row.addWidget(self.official_mark)
        row.addWidget(self.mark_meaning, 1)
        row.addWidget(self.site_label)
        return strip

    def _build_failure(self) -> QScrollArea:
        """The kiosk's page where a website could not be shown: what happened, what to do."""
        panel = QFrame()
        column = QVBoxLayout(panel)
        column.setContentsMargins(24, 32, 24, 32)
        column.setSpacing(18)
        self.failure_title = role_label("", "title")
        self.failure_text = role_label("")
        self.retry_button = big_button("", "primary")
        self.retry_button.clicked.connect(lambda: self._act(QWebEnginePage.WebAction.Reload))
        self.failure_back_button = big_button()
        self.failure_back_button.clicked.connect(self._back_from_failure)
        column.addWidget(self.failure_title)
        column.addWidget(self.failure_text)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.failure_back_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        self.failure_panel = scroll_area(panel)  # beside the guide at A++ it may need to scroll
        self.failure_panel.hide()
        return self.failure_panel

    def _failure_texts(self, kind: str) -> tuple[str, str]:
        if kind == web.NOT_FOUND:
            return (self.tr("Deze pagina bestaat niet"),
                    self.tr("De website werkt, maar deze pagina vindt ze niet. Misschien is het adres niet "
                            "juist, of bestaat de pagina niet meer. Ga terug en kies een andere link."))
        if kind == web.NOT_ALLOWED:
            return (self.tr("Deze pagina mag je niet zien"),
                    self.tr("De website toont deze pagina niet. Misschien moet je je eerst aanmelden. "
                            "Ga terug, of vraag hulp aan een digihelper."))
        return (self.tr("Geen verbinding met deze website"),
                self.tr("De kiosk kan deze website nu niet bereiken. Misschien is er even geen internet: "
                        "op de digibus is dat normaal. Of het adres is niet juist. Probeer het zo meteen "
                        "opnieuw, of vraag hulp aan een digihelper."))

    def _back_from_failure(self) -> None:
        tab = self.current_tab()
        if tab is not None and tab.history().canGoBack():
            tab.back()
        else:
            self.go_home_page()

    def _load_changed(self, tab: BrowserTab, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            tab.failure = None
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus or (
                status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus and info.isErrorPage()):
            # A load that replaced one still under way (a tap while a practice page loads) can end
            # as "succeeded" on Chromium's own error page, under the earlier page's address.
            domain = {QWebEngineLoadingInfo.ErrorDomain.ConnectionErrorDomain: "connection",
                      QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain: "http-status"}
            kind = web.failure(domain.get(info.errorDomain(), "other"), info.errorCode(), info.isErrorPage())
            if kind is not None:
                log.info("page not shown: %s (%s %s)", kind, info.errorDomain().name, info.errorCode())
            tab.failure = kind
        else:
            return
        if tab is self.current_tab():
            self._update_bar()

    def _build_notice(self) -> QFrame:
        self.notice = QFrame()
        self.notice.setProperty("role", "notice")
        row = QHBoxLayout(self.notice)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(10)
        self.notice_text = role_label("", "banner")
        row.addWidget(self.notice_text, 1)
        self._notice_file: Path | None = None
        self.notice_open = big_button()
        self.notice_open.clicked.connect(lambda: self.downloads.open_file(self._notice_file))
        self.notice_print = big_button()
        self.notice_print.clicked.connect(lambda: self.downloads.print_file(self._notice_file))
        self.notice_close = big_button("✕")
        self.notice_close.clicked.connect(self.hide_notice)
        for button in (self.notice_open, self.notice_print, self.notice_close):
            row.addWidget(button)
        self.notice.hide()
        return self.notice

    def retranslate(self) -> None:
        back_arrow = "→" if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else "←"
        self.back_button.setText(f"{back_arrow} " + self.tr("Terug"))
        self.back_button.setAccessibleName(self.tr("Terug naar de vorige pagina"))
        self.home_page_button.setText(self.tr("Startpagina"))
        self.reload_button.setText(self.tr("Opnieuw"))
        self.reload_button.setAccessibleName(self.tr("Pagina opnieuw laden"))
        self.address.setPlaceholderText(self.tr("Typ een webadres, bijvoorbeeld vlaanderen.be"))
        self.address.setAccessibleName(self.tr("Webadres"))
        self.zoom_out_button.setAccessibleName(self.tr("Website kleiner"))
        self.zoom_in_button.setAccessibleName(self.tr("Website groter"))
        self.print_button.setText(self.tr("Afdrukken"))
        self.print_button.setAccessibleName(self.tr("Deze pagina afdrukken"))
        size = self.window_.prefs.text_size
        self.guide.retranslate(size)
        tab = self.current_tab()
        if self._language != self.window_.prefs.language and tab is not None and tab.url().scheme() == practice.SCHEME:
            tab.reload()  # the practice mark in the new language
        self._language = self.window_.prefs.language
        bar_style = bar_stylesheet(self.window_.prefs.theme, size)
        if bar_style != self.bar.styleSheet():  # restyling is slow: only when the size changed
            self.bar.setStyleSheet(bar_style)
            self.identity.setStyleSheet(bar_style)
        self.notice_close.setAccessibleName(self.tr("Melding sluiten"))
        self.notice_open.setText(self.tr("Openen"))
        self.notice_print.setText(self.tr("Afdrukken"))
        self.retry_button.setText(self.tr("Opnieuw proberen"))
        self.failure_back_button.setText(self.tr("Terug"))
        profile = self.browsing.current_profile
        if profile is not None:  # websites get the visitor's language from the next page on
            profile.setHttpAcceptLanguage(web.accept_language(self.window_.prefs.language))
        self._update_bar()  # the kiosk's page in the new language
        self._update_files_button()
        self._update_zoom_tooltips()

    # --- tabs and profile ------------------------------------------------------------------------
    def _configure_profile(self, profile: QWebEngineProfile) -> None:
        """Each session's new profile (teardown.py makes it, off the record)."""
        profile.downloadRequested.connect(self.downloads.requested)
        profile.installUrlSchemeHandler(practice.SCHEME.encode(), self.practice.pages)
        profile.setHttpAcceptLanguage(web.accept_language(self.window_.prefs.language))
        settings = profile.settings()
        settings.setAttribute(_Attr.LocalContentCanAccessFileUrls, False)  # a downloaded page can't read files
        settings.setAttribute(_Attr.FullScreenSupportEnabled, False)
        settings.setAttribute(_Attr.PluginsEnabled, True)  # Chromium's own PDF viewer for inline PDFs
        settings.setAttribute(_Attr.PdfViewerEnabled, True)

    def new_tab(self, url: QUrl | None = None) -> BrowserTab:
        tab = BrowserTab(self, self.browsing.profile())
        tab.setZoomFactor(self._zoom)
        page = tab.page()
        page.titleChanged.connect(lambda title, t=tab: self._set_tab_title(t, title))
        page.urlChanged.connect(lambda url, t=tab: self._url_changed(t, url))
        page.loadStarted.connect(lambda t=tab: self._loading(t, 0))
        page.loadProgress.connect(lambda value, t=tab: self._loading(t, value))
        page.loadFinished.connect(lambda _ok, t=tab: self._loading(t, 100))
        page.windowCloseRequested.connect(lambda t=tab: self.close_tab(t))
        page.loadingChanged.connect(lambda info, t=tab: self._load_changed(t, info))
        self.tabs.setCurrentIndex(self.tabs.addTab(tab, self.tr("Nieuwe pagina")))
        if url is not None:
            tab.load(url)
        return tab

    def current_tab(self) -> BrowserTab | None:
        return self.tabs.currentWidget()

    def close_tab(self, tab: BrowserTab | None) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0 or tab is None:  # indexOf(None) is -1
            return
        self.tabs.removeTab(index)
        self._closing = [t for t in self._closing if shiboken6.isValid(t)] + [tab]
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.go_home_page()

    def _url_changed(self, tab: BrowserTab, url: QUrl) -> None:
        if tab is self.current_tab():
            self._update_bar()
            self.practice.page_changed(url)

    def _set_tab_title(self, tab: BrowserTab, title: str) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.setTabText(index, title or self.tr("Nieuwe pagina"))

    def _loading(self, tab: BrowserTab, value: int) -> None:
        if tab is self.current_tab():
            self.progress.setValue(value)
            self.progress.setVisible(value < 100)

    def _act(self, action: QWebEnginePage.WebAction) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.triggerPageAction(action)

    # --- navigation ------------------------------------------------------------------------------
    def open(self, url: str, guide: tuple[str, int] | None = None, practice: bool = False) -> BrowserTab:
        """Show url in the current tab (a new one if there is none), with the guide beside it;
        `practice`: url is a practice page of that guide (Practice.start)."""
        if not practice:
            self.practice.end()
        tab = self.current_tab() or self.new_tab()
        tab.load(QUrl(url))
        self.guide.open(guide, practice)
        self.window_.show_screen("browser")
        return tab

    def go_home_page(self) -> None:
        url = QUrl(self.window_.runtime.settings.browser_home_url)
        tab = self.current_tab()
        if tab is None:
            self.new_tab(url)
        else:
            tab.load(url)

    def prepare(self) -> None:
        """The start page in a first tab, if there is none yet: when shown, or ahead of it while
        the visitor's finger is on the "Internet" tile (browser_entry.py). A hidden page loads but
        is not drawn."""
        if self.tabs.count() == 0:
            self.go_home_page()

    def shown(self) -> None:
        self.prepare()

    def _go_to_typed_address(self) -> None:
        address = web.web_address(self.address.text())
        if address is None:
            self.show_notice(self.tr("Typ een webadres, bijvoorbeeld vlaanderen.be. Zoeken kan hier niet."))
            return
        self.hide_notice()
        tab = self.current_tab() or self.new_tab()
        tab.load(QUrl(address, QUrl.ParsingMode.TolerantMode))
        tab.setFocus()

    def open_practice(self, guide_id: str, index: int) -> None:
        """"Oefenen": the guide's practice page of this step, the guide docked beside it."""
        self.practice.start(guide_id, index)

    def may_open(self, url: QUrl, from_scheme: str = "", by_page: bool = False) -> bool:
        folder = self.downloads.folder
        return web.may_open(url.scheme(), url.toLocalFile(), folder.path() if folder.exists else None,
                            from_scheme, by_page)

    def is_official(self, url: QUrl) -> bool:
        runtime = self.window_.runtime
        return web.is_official_site(url.scheme(), url.host(), runtime.settings, runtime.content.walkthroughs)

    def _update_bar(self) -> None:
        tab = self.current_tab()
        url = tab.url() if tab is not None else QUrl()
        if not self.address.hasFocus() or not self.address.isModified():
            self.address.setText(url.toDisplayString().removeprefix("https://")
                                 if url.scheme() in ("http", "https") else "")
            self.address.setCursorPosition(0)  # the domain, not the end of a long address
            self.address.setModified(False)
        failure = tab.failure if tab is not None else None
        self.tabs.setVisible(failure is None)
        self.failure_panel.setVisible(failure is not None)
        if failure is not None:
            title, text = self._failure_texts(failure)
            self.failure_title.setText(title)
            self.failure_text.setText(text)
        # The mark says what the visitor sees is that website: never on the kiosk's own page.
        self._show_mark(url if failure is None else QUrl())
        self.site_label.setText(web.site_name(url.scheme(), url.host(), url.toLocalFile()))
        history = tab.history() if tab is not None else None
        self.back_button.setEnabled(history is not None and history.canGoBack())

    def _show_mark(self, url: QUrl) -> None:
        """Government sites: "officiële website"; a company's own site (itsme): its name, calmly."""
        company = web.company_site(url.scheme(), url.host(), self.window_.runtime.content.walkthroughs)
        if url.scheme() == practice.SCHEME:  # the kiosk's practice page: never a real site's mark
            mark = self.tr("Oefening")
            meaning = self.tr("Geen echte website. Wat je hier typt, verlaat deze computer niet.")
        elif self.is_official(url):
            mark, meaning = self.tr("✓ Officiële website"), self.tr("Van de overheid of de stad.")
        elif company is not None:
            mark = self.tr("Website van {name}").format(name=company)
            meaning = self.tr("Een bedrijf, niet de overheid.")
        else:
            mark = meaning = ""
        self.official_mark.setText(mark)
        self.official_mark.setVisible(bool(mark))
        self.mark_meaning.setText(meaning)
        self.mark_meaning.setVisible(bool(meaning))

    # --- zoom ------------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self._zoom

    def zoom_by(self, steps: int) -> None:
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self._zoom))
        self._set_zoom(ZOOM_STEPS[max(0, min(nearest + steps, len(ZOOM_STEPS) - 1))])

    def _set_zoom(self, factor: float) -> None:
        self._zoom = factor
        for index in range(self.tabs.count()):
            self.tabs.widget(index).setZoomFactor(factor)
        self.zoom_out_button.setEnabled(factor > ZOOM_STEPS[0])
        self.zoom_in_button.setEnabled(factor < ZOOM_STEPS[-1])
        self._update_zoom_tooltips()

    def _update_zoom_tooltips(self) -> None:
        percent = round(self._zoom * 100)
        self.zoom_out_button.setToolTip(self.tr("Kleiner (nu {percent}%)").format(percent=percent))
        self.zoom_in_button.setToolTip(self.tr("Groter (nu {percent}%)").format(percent=percent))

    def _follow_text_size(self) -> None:
        """A bigger kiosk text size makes websites bigger too."""
        size = self.window_.prefs.text_size
        if size != self._text_size:
            self._text_size = size
            self._set_zoom(ZOOM_FOR_TEXT_SIZE[size])

    def print_page(self, printer) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.print(printer)

    def _update_files_button(self) -> None:
        count = len(self.downloads.files())
        self.files_button.setText(self.tr("Bestanden ({count})").format(count=count))
        self.files_button.setVisible(count > 0)

    # --- notices ---------------------------------------------------------------------------------
    def refuse_page(self) -> None:
        self.show_notice(self.tr("Deze pagina kan de kiosk niet openen."))

    def show_notice(self, text: str, file: Path | None = None) -> None:
        """A message above the page; with a file, also its Open and Print buttons."""
        self._notice_file = file
        self.notice_text.setText(text)
        for button in (self.notice_open, self.notice_print):
            button.setVisible(file is not None)
        self.notice.show()

    def hide_notice(self) -> None:
        self.notice.hide()

    # --- the end of a visitor session ------------------------------------------------------------
    def reset(self) -> None:
        """Every page, then the profile, then the session's files (teardown.py); the rest of the
        screen back to how the next visitor finds it."""
        views = [self.tabs.widget(i) for i in range(self.tabs.count())] + self._closing
        self.tabs.clear()
        self._closing.clear()
        self.browsing.end(views, self.downloads)
        self.guide.forget()
        self.practice.end()
        self.address.clear()
        self.hide_notice()
        self._text_size = self.window_.prefs.text_size
        self._set_zoom(ZOOM_FOR_TEXT_SIZE[self._text_size])
        self._update_files_button()
        self._update_bar()
