"""Base class of every screen in the main window's stack, and the screens' contract with the window."""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:  # for the annotations below only: none of these imports main_window
    from kiosk.core.accounts import StaffUser
    from kiosk.core.api import KioskApi
    from kiosk.core.runtime import Runtime
    from kiosk.ui.shared.calls import CallService
    from kiosk.ui.shared.prefs import VisitorPrefs
    from kiosk.ui.shared.sync_service import SyncService
    from kiosk.ui.shared.tasks import TaskRunner
    from kiosk.ui.staff.area import StaffArea
    from kiosk.ui.visitor.browser import BrowserScreen
    from kiosk.ui.visitor.home import HomeScreen
    from kiosk.ui.visitor.session import VisitorSession
    from kiosk.ui.visitor.speech import ReadAloud
    from kiosk.ui.visitor.walkthrough import WalkthroughScreen


class KioskWindow(Protocol):
    """What screens and the window's parts (staff area, sync service, visitor session, kiosk lock)
    use of the main window. `kiosk.ui.main_window.MainWindow` is the one implementation, and only
    kiosk/app.py (and tests) import it: a screen that needs more of the window adds it here.

    It is the kiosk's top-level QMainWindow: dialogs and helper objects take it as their parent."""

    runtime: Runtime  # settings, content, data dir
    api: KioskApi  # all store work (kiosk/core/api.py), called on `db_tasks`
    db_tasks: TaskRunner  # the one serialised store worker
    prefs: VisitorPrefs
    read_aloud: ReadAloud
    screens: ScreenRegistry
    stack: QStackedWidget
    home: HomeScreen
    guide_tiles: list  # the home tiles of the guides, one each (kiosk/ui/visitor/walkthrough.py)
    visitor_bar: QHBoxLayout
    session: VisitorSession
    staff: StaffArea
    staff_user: StaffUser | None  # set only by a PIN login or the first-run setup
    sync: SyncService | None
    record_saved: SignalInstance  # a record and its outbox entry were committed
    visitor_session_reset: SignalInstance  # everything of the previous visitor is wiped
    calls: CallService  # help calls, here and on the location's other kiosks

    @property
    def browser(self) -> BrowserScreen: ...
    @property
    def walkthroughs(self) -> WalkthroughScreen: ...
    def add_screen(self, name: str, screen: Screen) -> Screen: ...
    def show_screen(self, name: str) -> Screen: ...
    def current_screen_name(self) -> str | None: ...
    def go_home(self) -> None: ...
    def language_name(self, code: str) -> str: ...
    def open_website(self, url: str, guide: tuple[str, int] | None = None) -> None: ...
    def call_for_help(self, walkthrough_id: str | None, step_index: int | None) -> None: ...
    def request_staff_access(self) -> None: ...
    def reset_visitor_session(self) -> None: ...
    def exit_kiosk(self) -> None: ...

    # Of its QMainWindow: the visitor session clears dialogs and fields, the kiosk lock keeps it fullscreen.
    def findChildren(self, kind: type[QObject]) -> list: ...
    def installEventFilter(self, watcher: QObject) -> None: ...
    def windowHandle(self) -> QWindow | None: ...
    def setWindowFlag(self, flag: Qt.WindowType, on: bool = True) -> None: ...
    def showFullScreen(self) -> None: ...
    def isFullScreen(self) -> bool: ...
    def isMinimized(self) -> bool: ...


def has_server(window: KioskWindow) -> bool:
    """A server address in settings.json, or an enrollment in the store (one small read on the UI
    thread, once, when the window starts its sync service). Here, not in sync_service.py: a kiosk
    without a server never imports the sync's code (QtNetwork, kiosk.sync.engine)."""
    return bool(window.runtime.settings.server_url) or window.api.server_url() is not None


def as_widget(window: KioskWindow) -> QMainWindow:
    """The window as the QMainWindow it is (a Protocol cannot say so), e.g. as a parent."""
    return cast(QMainWindow, window)


class Screen(QWidget):
    """Screens retranslate themselves on QEvent.LanguageChange and forget everything on reset()."""

    def __init__(self, window: KioskWindow):
        super().__init__()
        self.window_ = window
        self.setObjectName("screen")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible string again (tr() now answers in the new language)."""

    def reset(self) -> None:
        """Forget the visitor: called on every visitor-session reset."""

    def shown(self) -> None:
        """Called each time the screen becomes the current one."""


def is_staff_screen(name: str) -> bool:
    """The helper area's screens are named "staff-..."."""
    return name.startswith("staff-")


class ScreenRegistry:
    """The main window's screens by name. A screen registered by module and class name is
    imported and built the first time it is asked for: start-up builds only what the visitor sees
    first, and Qt never lays out or restyles pages nobody has opened (the browser, the helper
    area). installer/digipunt-kiosk.spec bundles every kiosk.ui module for these imports."""

    def __init__(self, window: KioskWindow, stack: QStackedWidget):
        self._window, self._stack = window, stack
        self._classes: dict[str, tuple[str, str]] = {}  # name -> (module, class name)
        self._built: dict[str, Screen] = {}

    def add(self, name: str, screen: Screen) -> Screen:
        if is_staff_screen(name):  # Dutch and left to right, whatever language the visitor chose
            screen.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._built[name] = screen
        self._stack.addWidget(screen)
        return screen

    def register(self, name: str, module: str, class_name: str) -> None:
        self._classes[name] = (module, class_name)

    def __getitem__(self, name: str) -> Screen:
        if name not in self._built:
            module, class_name = self._classes[name]
            screen_class = getattr(importlib.import_module(module), class_name)
            self.add(name, screen_class(self._window))  # a screen sets its texts in its constructor
        return self._built[name]

    def __contains__(self, name: str) -> bool:
        return name in self._built or name in self._classes

    def __iter__(self) -> Iterator[str]:
        """Every name, built or not."""
        return iter({**self._classes, **self._built})

    def build_all(self) -> None:
        """For the self-check: every screen must build (a frozen build may lack a screen's module)."""
        for name in list(self):
            self[name]

    def built(self) -> dict[str, Screen]:
        """The screens built so far (only they hold state to reset or text to retranslate)."""
        return dict(self._built)

    def name_of(self, widget: QWidget | None) -> str | None:
        return next((name for name, screen in self._built.items() if screen is widget), None)
