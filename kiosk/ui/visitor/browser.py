"""The built-in browser: a fresh off-the-record profile per visitor session, tabs for pop-ups,
downloads in the session's own folder, and the walkthrough guide docked beside the website.

Nothing the visitor does here outlives the session: reset() deletes every page, then the profile
(cookies, local storage, cache, history live only inside it, in memory), then the downloads.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import (QWebEngineDownloadRequest, QWebEnginePage, QWebEngineProfile,
                                     QWebEngineSettings)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLineEdit, QProgressBar, QTabWidget, QVBoxLayout

from kiosk.core.content import is_official, official_domains
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.visitor.files import BROWSER_VIEWABLE, PdfViewer, ask_and_print, is_pdf, print_pdf
from kiosk.ui.shared.screen import Screen
from kiosk.ui.visitor.session import SessionFolder
from kiosk.ui.shared.theme import bar_stylesheet
from kiosk.ui.visitor.walkthrough import WalkthroughView
from kiosk.ui.shared.widgets import big_button, role_label

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
ZOOM_FOR_TEXT_SIZE = {"normal": 1.0, "large": 1.25, "extra-large": 1.5}
_WEB_SCHEMES = frozenset({"http", "https", "data", "blob", "about"})
_Attr = QWebEngineSettings.WebAttribute


def url_from_input(text: str) -> QUrl | None:
    """What the visitor typed in the address bar as a web address, or None (there is no search)."""
    text = text.strip()
    if not text or " " in text:
        return None
    if "://" not in text:
        if "." not in text:
            return None
        text = "https://" + text
    url = QUrl(text, QUrl.ParsingMode.TolerantMode)
    return url if url.isValid() and url.scheme() in ("http", "https") and url.host() else None


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
    def javaScriptAlert(self, origin: QUrl, message: str) -> None:
        with self._browser.page_dialog():
            super().javaScriptAlert(origin, message)

    def javaScriptConfirm(self, origin: QUrl, message: str) -> bool:
        with self._browser.page_dialog():
            return super().javaScriptConfirm(origin, message)

    def javaScriptPrompt(self, origin: QUrl, message: str, default: str):
        with self._browser.page_dialog():
            return super().javaScriptPrompt(origin, message, default)

    def chooseFiles(self, _mode, _old_files, _accepted_mime_types) -> list[str]:
        """An upload offers this session's downloads only: never the computer's own folders."""
        with self._browser.page_dialog():
            return self._browser.choose_upload()

    def acceptNavigationRequest(self, url: QUrl, _type, is_main_frame: bool) -> bool:
        if self._browser.may_open(url):
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

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        for action in self._HIDDEN_ACTIONS:
            menu.removeAction(self.pageAction(action))
        menu.setAttribute(Qt.WA_DeleteOnClose)
        menu.popup(event.globalPos())


class BrowserScreen(Screen):
    # The docked guide grows with the visitor's text size; the website keeps the rest.
    GUIDE_WIDTH = {"normal": 520, "large": 600, "extra-large": 680}

    def __init__(self, window):
        super().__init__(window)
        self.session_folder = SessionFolder()
        purged = self.session_folder.purge_stale()
        if purged:
            log.warning("deleted %d visitor download folder(s) left by an earlier session", purged)
        self._profile: QWebEngineProfile | None = None
        self._closing: list[BrowserTab] = []  # closed tabs not yet deleted by Qt
        self._downloads: list[QWebEngineDownloadRequest] = []
        self._page_dialogs = 0  # pages' JavaScript dialogs open right now (nested event loops)
        self._doomed: list = []  # tabs and profiles of a reset, deleted once those loops returned
        self._zoom = ZOOM_FOR_TEXT_SIZE[window.prefs.text_size]
        self._text_size = window.prefs.text_size
        self._guide_view = None
        self._guide: tuple[str, int] | None = None

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
        self.guide_panel = QFrame()
        self.guide_panel.setProperty("role", "card")
        self.guide_layout = QVBoxLayout(self.guide_panel)
        self.guide_layout.setContentsMargins(0, 0, 0, 0)
        self.guide_panel.hide()
        body.addWidget(self.guide_panel)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setTabBarAutoHide(True)  # the tab bar appears when a pop-up opened a second tab
        self.tabs.setElideMode(Qt.ElideRight)
        self.tabs.setStyleSheet("QTabBar::tab { max-width: 320px; padding: 10px 18px; }")
        self.tabs.tabCloseRequested.connect(lambda index: self.close_tab(self.tabs.widget(index)))
        self.tabs.currentChanged.connect(lambda _index: self._update_bar())
        site = QVBoxLayout()
        site.setSpacing(0)
        site.addWidget(self._build_identity())
        site.addWidget(self.tabs, 1)
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
        self.address.setLayoutDirection(Qt.LeftToRight)  # web addresses read left to right everywhere
        self.address.returnPressed.connect(self._go_to_typed_address)
        self.zoom_out_button = big_button("−")
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_button = big_button("+")
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setStyleSheet("padding: 8px 0px; min-width: 56px;")
        self.files_button = big_button()
        self.files_button.clicked.connect(self.show_files)
        self.print_button = big_button()
        self.print_button.clicked.connect(lambda: ask_and_print(self, self.print_page))
        self.guide_button = big_button("", "primary")
        self.guide_button.clicked.connect(lambda: self.set_guide_visible(not self.guide_visible()))
        for widget in (self.back_button, self.home_page_button, self.reload_button):
            row.addWidget(widget)
        row.addWidget(self.address, 1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.files_button, self.print_button,
                       self.guide_button):
            row.addWidget(widget)
        return bar

    def _build_identity(self) -> QFrame:
        """Where the visitor is, right above the page: the site's name, and a clear mark on the
        official websites of the walkthroughs and the installation."""
        strip = QFrame()
        row = QHBoxLayout(strip)
        row.setContentsMargins(12, 4, 12, 4)
        row.setSpacing(12)
        self.official_mark = role_label("", "marker", wrap=False)
        self.site_label = role_label("", "muted", wrap=False)
        row.addWidget(self.official_mark)
        row.addWidget(self.site_label, 1)
        return strip

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
        self.notice_open.clicked.connect(lambda: self.open_file(self._notice_file))
        self.notice_print = big_button()
        self.notice_print.clicked.connect(lambda: self.print_file(self._notice_file))
        self.notice_close = big_button("✕")
        self.notice_close.clicked.connect(self.hide_notice)
        for button in (self.notice_open, self.notice_print, self.notice_close):
            row.addWidget(button)
        self.notice.hide()
        return self.notice

    def retranslate(self) -> None:
        if self._guide_view is not None:  # text size and contrast reach the docked guide too
            self._guide_view.refresh()
        back_arrow = "→" if QApplication.layoutDirection() == Qt.RightToLeft else "←"
        self.back_button.setText(f"{back_arrow} " + self.tr("Terug"))
        self.back_button.setAccessibleName(self.tr("Terug naar de vorige pagina"))
        self.home_page_button.setText(self.tr("Startpagina"))
        self.reload_button.setText(self.tr("Opnieuw"))
        self.reload_button.setAccessibleName(self.tr("Pagina opnieuw laden"))
        self.official_mark.setText(self.tr("✓ Officiële website"))
        self.official_mark.setToolTip(self.tr("Deze website is van de overheid of van de stad."))
        self.address.setPlaceholderText(self.tr("Typ een webadres, bijvoorbeeld vlaanderen.be"))
        self.address.setAccessibleName(self.tr("Webadres"))
        self.zoom_out_button.setAccessibleName(self.tr("Website kleiner"))
        self.zoom_in_button.setAccessibleName(self.tr("Website groter"))
        self.print_button.setText(self.tr("Afdrukken"))
        self.print_button.setAccessibleName(self.tr("Deze pagina afdrukken"))
        self._update_guide_button()
        size = self.window_.prefs.text_size
        self.guide_panel.setFixedWidth(self.GUIDE_WIDTH[size])
        bar_style = bar_stylesheet(size)
        if bar_style != self.bar.styleSheet():  # restyling is slow: only when the size changed
            self.bar.setStyleSheet(bar_style)
        self.notice_close.setAccessibleName(self.tr("Melding sluiten"))
        self.notice_open.setText(self.tr("Openen"))
        self.notice_print.setText(self.tr("Afdrukken"))
        self._update_files_button()
        self._update_zoom_tooltips()

    # --- tabs and profile ------------------------------------------------------------------------
    def profile(self) -> QWebEngineProfile:
        """This session's profile, made on first use: no storage name, so off the record."""
        if self._profile is None:
            profile = self._profile = QWebEngineProfile(self)
            profile.downloadRequested.connect(self._download_requested)
            settings = profile.settings()
            settings.setAttribute(_Attr.LocalContentCanAccessFileUrls, False)  # a downloaded page can't read files
            settings.setAttribute(_Attr.FullScreenSupportEnabled, False)
            settings.setAttribute(_Attr.PluginsEnabled, True)  # Chromium's own PDF viewer for inline PDFs
            settings.setAttribute(_Attr.PdfViewerEnabled, True)
        return self._profile

    def new_tab(self, url: QUrl | None = None) -> BrowserTab:
        tab = BrowserTab(self, self.profile())
        tab.setZoomFactor(self._zoom)
        page = tab.page()
        page.titleChanged.connect(lambda title, t=tab: self._set_tab_title(t, title))
        page.urlChanged.connect(lambda _url, t=tab: t is self.current_tab() and self._update_bar())
        page.loadStarted.connect(lambda t=tab: self._loading(t, 0))
        page.loadProgress.connect(lambda value, t=tab: self._loading(t, value))
        page.loadFinished.connect(lambda _ok, t=tab: self._loading(t, 100))
        page.windowCloseRequested.connect(lambda t=tab: self.close_tab(t))
        self.tabs.setCurrentIndex(self.tabs.addTab(tab, self.tr("Nieuwe pagina")))
        if url is not None:
            tab.load(url)
        return tab

    def current_tab(self) -> BrowserTab | None:
        return self.tabs.currentWidget()

    def close_tab(self, tab: BrowserTab | None) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        self.tabs.removeTab(index)
        self._closing = [t for t in self._closing if shiboken6.isValid(t)] + [tab]
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.go_home_page()

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
    def open(self, url: str, guide: tuple[str, int] | None = None) -> BrowserTab:
        """Show url in the current tab (a new one if there is none), with the guide beside it."""
        tab = self.current_tab() or self.new_tab()
        tab.load(QUrl(url))
        self.show_guide(guide)
        self.window_.show_screen("browser")
        return tab

    def go_home_page(self) -> None:
        url = QUrl(self.window_.runtime.settings.browser_home_url)
        tab = self.current_tab()
        if tab is None:
            self.new_tab(url)
        else:
            tab.load(url)

    def shown(self) -> None:
        if self.tabs.count() == 0:
            self.go_home_page()

    def _go_to_typed_address(self) -> None:
        url = url_from_input(self.address.text())
        if url is None:
            self.show_notice(self.tr("Typ een webadres, bijvoorbeeld vlaanderen.be. Zoeken kan hier niet."))
            return
        self.hide_notice()
        tab = self.current_tab() or self.new_tab()
        tab.load(url)
        tab.setFocus()

    def may_open(self, url: QUrl) -> bool:
        if url.scheme() in _WEB_SCHEMES:
            return True
        if url.scheme() == "file" and self.session_folder.exists:
            return Path(url.toLocalFile()).resolve().is_relative_to(self.session_folder.path().resolve())
        return False

    def is_official(self, url: QUrl) -> bool:
        runtime = self.window_.runtime
        domains = official_domains(runtime.settings.official_domains, runtime.settings.eloket_url,
                                   runtime.content.walkthroughs)
        return url.scheme() == "https" and is_official(url.host(), domains)

    def _update_bar(self) -> None:
        tab = self.current_tab()
        url = tab.url() if tab is not None else QUrl()
        if not self.address.hasFocus() or not self.address.isModified():
            self.address.setText(url.toDisplayString().removeprefix("https://")
                                 if url.scheme() in ("http", "https") else "")
            self.address.setCursorPosition(0)  # the domain, not the end of a long address
            self.address.setModified(False)
        self.official_mark.setVisible(self.is_official(url))
        self.site_label.setText(_site_name(url))
        history = tab.history() if tab is not None else None
        self.back_button.setEnabled(history is not None and history.canGoBack())

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

    # --- guide beside the website ----------------------------------------------------------------
    def show_guide(self, guide: tuple[str, int] | None) -> None:
        self._guide = guide
        self.set_guide_visible(guide is not None)  # before open(): buttons size to the shown font
        if guide is not None:
            if self._guide_view is None:
                self._guide_view = WalkthroughView(self.window_, compact=True)
                self._guide_view.finished.connect(lambda: self.set_guide_visible(False))
                # Beside the real website the step's picture adds little and would take the
                # height the text needs at 1366x768.
                self._guide_view.image.hide()
                self.guide_layout.addWidget(self._guide_view, 1)
            self._guide_view.open(*guide)

    def set_guide_visible(self, visible: bool) -> None:
        self.guide_panel.setVisible(visible and self._guide is not None)
        self._update_guide_button()

    def _update_guide_button(self) -> None:
        self.guide_button.setVisible(self._guide is not None)
        self.guide_button.setText(self.tr("Verberg uitleg") if self.guide_visible() else self.tr("Toon uitleg"))

    def guide_visible(self) -> bool:
        return self.guide_panel.isVisibleTo(self)

    # --- downloads -------------------------------------------------------------------------------
    def _download_requested(self, request: QWebEngineDownloadRequest) -> None:
        folder = self.session_folder.path()
        if Path(request.url().toLocalFile()).parent == folder:
            # A file the browser cannot show (e.g. a .docx opened from the list): it is already here.
            request.cancel()
            self.show_notice(self.tr("Dit soort bestand kan de kiosk niet openen. Vraag hulp aan een digihelper."))
            return
        request.setDownloadDirectory(str(folder))
        request.setDownloadFileName(_unique_name(folder, Path(request.downloadFileName()).name or "download"))
        request.isFinishedChanged.connect(lambda r=request: self._download_finished(r))
        self._downloads.append(request)
        request.accept()
        self.show_notice(self.tr("Bezig met downloaden: {name}").format(name=request.downloadFileName()))

    def _download_finished(self, request: QWebEngineDownloadRequest) -> None:
        if request.state() != QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            self.show_notice(self.tr("De download is mislukt. Probeer het opnieuw."))
            return
        path = Path(request.downloadDirectory()) / request.downloadFileName()
        self._update_files_button()
        self.show_notice(self.tr("Bestand opgeslagen: {name}. Het wordt gewist als je stopt.").format(name=path.name),
                         path)

    def downloaded_files(self) -> list[Path]:
        """This session's completed downloads (Chromium writes a partial file while busy)."""
        done = QWebEngineDownloadRequest.DownloadState.DownloadCompleted
        return [Path(r.downloadDirectory()) / r.downloadFileName() for r in self._downloads if r.state() == done]

    def open_file(self, path: Path) -> None:
        if is_pdf(path):
            viewer = PdfViewer(self.window_, path)
            viewer.setAttribute(Qt.WA_DeleteOnClose)
            viewer.open()
        elif path.suffix.lower() in BROWSER_VIEWABLE:
            self.new_tab(QUrl.fromLocalFile(str(path)))
        else:
            self.show_notice(self.tr("Dit soort bestand kan de kiosk niet openen. Vraag hulp aan een digihelper."))

    def choose_upload(self) -> list[str]:
        files = self.downloaded_files()
        if not files:
            self.show_notice(self.tr("Je kunt hier alleen bestanden opladen die je eerst in deze sessie "
                                     "hebt gedownload. Vraag hulp aan een digihelper."))
            return []
        dialog = ChoiceDialog(self.window_, self.tr("Welk bestand wil je opladen?"),
                              self.tr("Je kunt een bestand kiezen dat je in deze sessie hebt gedownload."))
        for index, path in enumerate(files, start=1):
            button = big_button(path.name)
            button.clicked.connect(lambda _=False, i=index: dialog.done(i))
            dialog.body.insertWidget(1 + index, button)
        dialog.add_button(self.tr("Annuleren"), 0, default=True)
        chosen = dialog.exec()  # the page waits for the answer (see page_dialog())
        dialog.deleteLater()
        return [str(files[chosen - 1])] if chosen > 0 else []

    def print_file(self, path: Path) -> None:
        if is_pdf(path):
            ask_and_print(self, lambda printer: print_pdf(path, printer))
        else:  # images and pages print from a tab
            self.open_file(path)

    def print_page(self, printer) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.print(printer)

    def show_files(self) -> None:
        files = self.downloaded_files()
        dialog = ChoiceDialog(self.window_, self.tr("Je bestanden"),
                              self.tr("Dit heb je gedownload. Als je stopt, wissen we deze bestanden."))
        for index, path in enumerate(files):
            row = QHBoxLayout()
            row.addWidget(role_label(path.name, wrap=False), 1)
            open_button = big_button(self.tr("Openen"))
            open_button.clicked.connect(lambda _=False, p=path: (dialog.accept(), self.open_file(p)))
            print_button = big_button(self.tr("Afdrukken"))
            print_button.clicked.connect(lambda _=False, p=path: (dialog.accept(), self.print_file(p)))
            row.addWidget(open_button)
            row.addWidget(print_button)
            dialog.body.insertLayout(2 + index, row)
        dialog.add_button(self.tr("Sluiten"), 0, "primary", default=True)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()

    def _update_files_button(self) -> None:
        count = len(self.downloaded_files())
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
        """Delete every page, then the profile, then the session's files: nothing of it remains."""
        for request in self._downloads:
            if shiboken6.isValid(request) and not request.isFinished():
                request.cancel()
        self._downloads.clear()
        self._doomed += [self.tabs.widget(i) for i in range(self.tabs.count())] + self._closing
        self.tabs.clear()
        self._closing.clear()
        if self._profile is not None:
            self._doomed.append(self._profile)  # after its pages
            self._profile = None
        if self._page_dialogs == 0:
            self._delete_doomed()
        self.session_folder.wipe()
        if self._guide_view is not None:  # the walkthrough position goes with it
            shiboken6.delete(self._guide_view)
            self._guide_view = None
        self.show_guide(None)
        self.address.clear()
        self.hide_notice()
        self._text_size = self.window_.prefs.text_size
        self._set_zoom(ZOOM_FOR_TEXT_SIZE[self._text_size])
        self._update_files_button()
        self._update_bar()


    @contextmanager
    def page_dialog(self):
        self._page_dialogs += 1
        try:
            yield
        finally:
            self._page_dialogs -= 1
            if self._page_dialogs == 0 and self._doomed:
                QTimer.singleShot(0, self._delete_doomed)  # once out of the dialog's event loop

    def _delete_doomed(self) -> None:
        """Each tab takes its page with it; the profile goes last (Qt requires that order)."""
        doomed, self._doomed = self._doomed, []
        for obj in doomed:
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)


def _site_name(url: QUrl) -> str:
    if url.scheme() in ("http", "https"):
        return url.host().removeprefix("www.")
    if url.isLocalFile():
        return Path(url.toLocalFile()).name
    return ""


def _unique_name(folder: Path, name: str) -> str:
    candidate, stem, suffix, n = name, Path(name).stem, Path(name).suffix, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    return candidate
