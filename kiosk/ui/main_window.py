"""The kiosk's main window: a visitor bar on top, a stack of screens below."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QAbstractEventDispatcher, QTimer, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.accounts import StaffUser
from kiosk.core.runtime import Runtime
from kiosk.core.settings import LANGUAGES, TEXT_SIZES
from kiosk.ui.lockdown import KioskLock
from kiosk.ui.shared import icons
from kiosk.ui.shared.calls import CallService
from kiosk.ui.shared.i18n import LanguageSwitcher
from kiosk.ui.shared.prefs import VisitorPrefs
from kiosk.ui.shared.screen import Screen, ScreenRegistry, has_server
from kiosk.ui.shared.tasks import TaskRunner
from kiosk.ui.shared.theme import bar_stylesheet, stylesheet
from kiosk.ui.shared.widgets import big_button, role_label
from kiosk.ui.staff import area as staff
from kiosk.ui.staff.help_calls import CallAlert
from kiosk.ui.visitor import browser_entry, walkthrough
from kiosk.ui.visitor.call_banner import CallBanner
from kiosk.ui.visitor.home import HomeScreen
from kiosk.ui.visitor.session import VisitorSession
from kiosk.ui.visitor.speech import ReadAloud

if TYPE_CHECKING:  # the sync service (QtNetwork, kiosk.sync) is imported when it starts
    from kiosk.ui.shared.sync_service import SyncService

log = logging.getLogger(__name__)

SYNC_START_FALLBACK_MS = 500


class MainWindow(QMainWindow):
    visitor_session_reset = Signal()  # after everything of the previous visitor is wiped
    record_saved = Signal()  # a record and its outbox entry were committed: something to sync
    started = Signal()  # the home screen was painted and the help calls (and sync) started

    def __init__(self, runtime: Runtime, app: QApplication):
        super().__init__()
        self.runtime = runtime
        self.api = runtime.api  # every screen's store work goes through it, on db_tasks
        self.app = app
        self.prefs = VisitorPrefs(runtime.settings)
        self.languages = LanguageSwitcher(app)
        self.db_tasks = TaskRunner("store", self)  # all store work, serialised, off the UI thread
        self.read_aloud = ReadAloud(self)
        self.staff_user: StaffUser | None = None  # the logged-in helper, None when logged out
        self.calls = CallService(self)  # "Ik heb hulp nodig" here and on the location's other kiosks
        icons.cache_in(runtime.data_dir)  # the tiles' icons, rendered at the first start only
        self.setWindowTitle("Digipunt")
        self.setMinimumSize(1024, 700)
        # Before any widget exists: Qt then styles each widget once, when it is first shown, instead
        # of building it in the default style and restyling the whole window (about 20-50 ms).
        self._apply_app_prefs()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.staff_banner = role_label("", "banner")
        self.staff_banner.setVisible(bool(runtime.staff_warnings))
        self.staff_banner.setText("Melding voor medewerkers: " + " ".join(runtime.staff_warnings))
        layout.addWidget(self.staff_banner)
        layout.addWidget(self._build_visitor_bar())
        self.stack = QStackedWidget()
        self.call_banner = CallBanner(self)  # the visitor's raised hand
        layout.addWidget(self.call_banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Only the home screen is built now; the others on first use.
        self.screens = ScreenRegistry(self, self.stack)
        self.home = HomeScreen(self)
        self.add_screen("home", self.home)
        self.guide_tiles = walkthrough.install(self)  # the screen itself is built when a guide opens
        browser_entry.install(self)
        self.staff = staff.install(self)  # the helper area: PIN login, staff menu, help log
        self.call_alert = CallAlert(self)  # a logged-in helper hears and sees the location's calls
        layout.insertWidget(layout.indexOf(self.call_banner), self.call_alert)
        # The sync service, when this kiosk has a server: started once the home screen is up (it
        # loads requests and the keyring).
        self.sync: SyncService | None = None
        self._start_sync_after_first_paint()
        self.session = VisitorSession(self, app)  # idle clock and "Stop en wis alles"
        self.lock = KioskLock(self, app)
        self.prefs.changed.connect(self._apply_prefs)
        self._apply_prefs()
        self.go_home()

    def _start_sync_after_first_paint(self) -> None:
        """Starting the sync service takes 0.15-0.25 s on the UI thread (importing requests, asking
        the OS for its keyring), which a kiosk with a server paid before its home screen showed.
        It now starts the first time the event loop waits with the window exposed (painted), or
        after SYNC_START_FALLBACK_MS at the latest (tests drive the loop without ever waiting).
        Both are connected to methods of this window, so they end with it."""
        self._sync_start_done = False
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._start_sync_when_painted)
        QTimer.singleShot(SYNC_START_FALLBACK_MS, self, self._start_sync)

    def _start_sync_when_painted(self) -> None:
        handle = self.windowHandle()
        if handle is not None and handle.isExposed():
            self._start_sync()

    def _start_sync(self) -> None:
        if self._sync_start_done:
            return
        self._sync_start_done = True
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self._start_sync_when_painted)
        # Only on a kiosk with a server (its screen, "staff-sync", is one of the staff screens in
        # kiosk/ui/staff/area.py); an enrollment may have started it already.
        if self.sync is None and has_server(self):
            from kiosk.ui.shared.sync_service import SyncService  # on the UI thread, before its worker exists

            self.sync = SyncService(self)
        self.calls.start()  # reads the location's key from the keyring too
        self.started.emit()

    # --- screens -------------------------------------------------------------------------------
    def add_screen(self, name: str, screen: Screen) -> Screen:
        return self.screens.add(name, screen)

    @property
    def browser(self):  # kiosk.ui.visitor.browser.BrowserScreen, built on first use
        return self.screens["browser"]

    @property
    def walkthroughs(self) -> walkthrough.WalkthroughScreen:  # built when a guide first opens
        return cast(walkthrough.WalkthroughScreen, self.screens["walkthrough"])

    def show_screen(self, name: str) -> Screen:
        screen = self.screens[name]
        self.read_aloud.stop()
        self.stack.setCurrentWidget(screen)
        self.home_button.setVisible(name != "home")
        # Staff screens have their own header (Menu, Afmelden); the visitor's controls are not theirs.
        self.visitor_bar_frame.setVisible(not name.startswith("staff-"))
        screen.shown()
        return screen

    def current_screen_name(self) -> str | None:
        return self.screens.name_of(self.stack.currentWidget())

    def go_home(self) -> None:
        self.show_screen("home")

    def language_name(self, code: str) -> str:
        return LANGUAGES[code]

    def open_website(self, url: str, guide: tuple[str, int] | None = None) -> None:
        """The built-in browser at url; guide (walkthrough id, step index) docks beside it."""
        self.browser.open(url, guide)

    # --- visitor session and kiosk mode (kiosk/ui/visitor/session.py, lockdown.py) -----------------------
    def reset_visitor_session(self) -> None:
        """Wipe everything of the current visitor (see ARCHITECTURE.md) and start afresh."""
        self.session.reset()
        self.visitor_session_reset.emit()

    def enter_kiosk_mode(self) -> None:
        self.lock.enter()

    def exit_kiosk(self) -> None:
        """The staff menu's exit: wipe the session, then allow the close."""
        self.lock.release()
        self.close()

    # --- helper area (kiosk/ui/staff/area.py) --------------------------------------------------------
    def request_staff_access(self) -> None:
        """The staff gesture: PIN login (first-run setup on a new machine; the menu when logged in)."""
        self.staff.request_access()

    def call_for_help(self, walkthrough_id: str | None, step_index: int | None) -> None:
        """The visitor's "Ik heb hulp nodig": a call for the location's helpers, and the banner."""
        self.call_banner.request(walkthrough_id, step_index)

    # --- visitor bar -----------------------------------------------------------------------------
    def _build_visitor_bar(self) -> QFrame:
        bar = self.visitor_bar_frame = QFrame()
        bar.setProperty("role", "bar")
        self.visitor_bar = QHBoxLayout(bar)
        self.visitor_bar.setContentsMargins(24, 10, 24, 10)
        self.visitor_bar.setSpacing(10)

        self.home_button = big_button("", "primary")
        self.home_button.clicked.connect(self.go_home)
        self.visitor_bar.addWidget(self.home_button)
        self.brand = role_label("Digipunt", "subtitle", wrap=False)
        self.visitor_bar.addWidget(self.brand)
        self.visitor_bar.addStretch(1)

        self.language_button = big_button()
        menu = QMenu(self.language_button)
        group = QActionGroup(menu)
        self._language_actions = {}
        for code, own_name in LANGUAGES.items():
            action = menu.addAction(own_name)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.prefs.set(language=c))
            self._language_actions[code] = action
        self.language_button.setMenu(menu)
        self.visitor_bar.addWidget(self.language_button)

        self.size_buttons: dict[str, QPushButton] = {}
        # Left-to-right marks keep "A++" from turning into "++A" in Arabic.
        for size, label, px in zip(TEXT_SIZES, ("\u200eA\u200e", "\u200eA+\u200e", "\u200eA++\u200e"), (18, 22, 26),
                                   strict=True):
            button = big_button(label)
            button.setStyleSheet(f"font-size: {px}px;")  # each shows the size it chooses
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=size: self.prefs.set(text_size=s))
            self.size_buttons[size] = button
            self.visitor_bar.addWidget(button)

        self.contrast_button = big_button()
        self.contrast_button.setCheckable(True)
        self.contrast_button.clicked.connect(lambda checked: self.prefs.set(high_contrast=checked))
        self.visitor_bar.addWidget(self.contrast_button)
        return bar

    def _retranslate_bar(self) -> None:
        self.home_button.setText(self.tr("Begin"))
        self.home_button.setAccessibleName(self.tr("Terug naar het begin"))
        self.language_button.setText(LANGUAGES[self.prefs.language])
        self.language_button.setAccessibleName(self.tr("Taal kiezen"))
        for size, name in zip(TEXT_SIZES, (self.tr("Normale tekst"), self.tr("Grote tekst"),
                                           self.tr("Heel grote tekst")), strict=True):
            self.size_buttons[size].setAccessibleName(name)
            self.size_buttons[size].setToolTip(name)
        self.contrast_button.setText(self.tr("Contrast"))
        self.contrast_button.setAccessibleName(self.tr("Hoog contrast aan of uit"))

    # --- visitor preferences -------------------------------------------------------------------
    def _apply_app_prefs(self) -> None:
        """The application-wide part: translators and style sheet, each only when it changes."""
        prefs = self.prefs
        if prefs.language != self.languages.language:
            self.languages.apply(prefs.language)  # Qt sends LanguageChange to every widget
        if self.app.styleSheet() != stylesheet(prefs.theme, prefs.text_size):  # a language change keeps it
            self.app.setStyleSheet(stylesheet(prefs.theme, prefs.text_size))

    def _apply_prefs(self) -> None:
        prefs = self.prefs
        self._apply_app_prefs()
        if self.visitor_bar_frame.styleSheet() != bar_stylesheet(prefs.theme, prefs.text_size):  # restyling is slow
            self.visitor_bar_frame.setStyleSheet(bar_stylesheet(prefs.theme, prefs.text_size))
        self._language_actions[prefs.language].setChecked(True)
        for size, button in self.size_buttons.items():
            button.setChecked(size == prefs.text_size)
        self.contrast_button.setChecked(prefs.high_contrast)
        self._retranslate_bar()
        for screen in self.screens.built().values():
            screen.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self._retranslate_bar()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.reset_visitor_session()  # no visitor file or page outlives the kiosk
        self.calls.close()  # after the reset withdrew the visitor's call
        self.db_tasks.wait()
        super().closeEvent(event)
