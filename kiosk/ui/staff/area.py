"""The helper area: who is logged in, how staff get in and out.

`install(window)` registers the staff screens (all named "staff-..."). Rules kept here:
- Only a PIN login (or the one-time first-run setup) sets `window.staff_user`.
- Showing any screen that is not a staff screen logs the helper out (the visitor's "Begin", a
  session reset, the idle reset): a helper can never leave the area logged in by accident.
- "Afmelden" gives the visitor back the screen they were on (their guide at its step, the website
  with the guide beside it), not the home screen.
- Showing a staff screen while nobody is logged in goes to the login instead.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.content import Walkthrough
from kiosk.core.secrets import SecretStore
from kiosk.core.visitor_code import VisitorCoder
from kiosk.ui.shared.screen import KioskWindow, as_widget

log = logging.getLogger(__name__)

OPEN_SCREENS = ("staff-login", "staff-setup", "staff-pin-setup")  # reachable without being logged in
AUTO_CLOSE_EVERY_MS = 15 * 60 * 1000


class StaffArea(QObject):
    calls_changed = Signal()  # the open help calls changed (window.calls, kiosk/ui/shared/calls.py)

    def __init__(self, window: KioskWindow):
        super().__init__(as_widget(window))
        self.window = window
        self._coder: VisitorCoder | None = None
        self._visitor_screen = "home"  # the last visitor screen shown: where "Afmelden" returns
        window.stack.currentChanged.connect(self._screen_changed)
        # Shifts nobody ended are closed at the end of their day, also when nobody logs in.
        self._auto_close_timer = QTimer(self)
        self._auto_close_timer.timeout.connect(self.close_stale_shifts)
        self._auto_close_timer.start(AUTO_CLOSE_EVERY_MS)
        self.close_stale_shifts()

    # --- getting in and out --------------------------------------------------------------------
    def request_access(self) -> None:
        """The staff gesture (keyboard shortcut, long press): the menu when logged in, else the
        first-run setup on a machine without helpers, else the PIN login."""
        if self.window.staff_user is not None:
            self.window.show_screen("staff-menu")
            return
        self.window.db_tasks.run(self.window.api.needs_first_run, lambda needed: self.window.show_screen(
            "staff-setup" if needed else "staff-login"))

    def logged_in(self, user: StaffUser) -> None:
        self.window.staff_user = user
        log.info("staff login: %s (%s)", user.id, user.role)
        self.close_stale_shifts()
        self.window.show_screen("staff-menu")

    def logout(self) -> None:
        window = self.window
        if window.staff_user is not None:
            log.info("staff logout: %s", window.staff_user.id)
        window.staff_user = None
        if self._is_staff_screen(window.stack.currentWidget()):
            window.show_screen(self._visitor_screen)

    def _is_staff_screen(self, widget) -> bool:
        name = self.window.screens.name_of(widget)
        return name is not None and name.startswith("staff-")

    def _screen_changed(self, _index: int) -> None:
        name = self.window.screens.name_of(self.window.stack.currentWidget())
        if name is None:
            return
        if not name.startswith("staff-"):
            self._visitor_screen = name
            if self.window.staff_user is not None:
                self.logout()
        elif name not in OPEN_SCREENS and self.window.staff_user is None:
            QTimer.singleShot(0, self.request_access)  # not from inside the stack's own signal

    # --- shared services of the staff screens --------------------------------------------------
    @property
    def clock(self) -> Clock:
        """The helper area's now and local calendar: the API's, so screens show what the core counts."""
        return self.window.api.clock

    @property
    def visitor_coder(self) -> VisitorCoder:
        if self._coder is None:
            runtime = self.window.runtime
            self._coder = VisitorCoder(SecretStore(runtime.data_dir, allow_file=runtime.settings.allow_secret_file))
        return self._coder

    @visitor_coder.setter
    def visitor_coder(self, coder: VisitorCoder) -> None:
        self._coder = coder

    def walkthrough(self, walkthrough_id: str | None) -> Walkthrough | None:
        return next((w for w in self.window.runtime.content.walkthroughs if w.id == walkthrough_id), None)

    def record_saved(self) -> None:
        """A record and its outbox entry were committed: tell whoever syncs."""
        self.window.record_saved.emit()

    def close_stale_shifts(self) -> None:
        def done(closed: int) -> None:
            if closed:
                log.info("closed %d shift(s) left open on an earlier day", closed)
                self.record_saved()

        self.window.db_tasks.run(self.window.api.close_stale_shifts, done)


# Screen name -> (module, class); each is imported and built the first time it is shown.
STAFF_SCREENS = {
    "staff-login": ("kiosk.ui.staff.login", "StaffLoginScreen"),
    "staff-setup": ("kiosk.ui.staff.setup", "StaffSetupScreen"),
    "staff-pin-setup": ("kiosk.ui.staff.pin_setup", "StaffPinSetupScreen"),
    "staff-menu": ("kiosk.ui.staff.menu", "StaffMenuScreen"),
    "staff-help-form": ("kiosk.ui.staff.help_form", "HelpFormScreen"),
    "staff-today": ("kiosk.ui.staff.help_today", "TodayScreen"),
    "staff-shift": ("kiosk.ui.staff.shift", "ShiftScreen"),
    "staff-calls": ("kiosk.ui.staff.help_calls", "HelpCallsScreen"),
    "staff-call-key": ("kiosk.ui.staff.call_key", "CallKeyScreen"),
    "staff-overview": ("kiosk.ui.staff.overview", "OverviewScreen"),
    "staff-accounts": ("kiosk.ui.staff.accounts", "StaffAccountsScreen"),
    "staff-settings": ("kiosk.ui.staff.settings", "StaffSettingsScreen"),
    "staff-sync": ("kiosk.ui.staff.sync_status", "StaffSyncScreen"),
    "staff-lending": ("kiosk.ui.staff.lending", "LendingScreen"),
    "staff-workshops": ("kiosk.ui.staff.workshops", "WorkshopsScreen"),
}


def install(window: KioskWindow) -> StaffArea:
    area = StaffArea(window)
    window.staff = area
    for name, (module, class_name) in STAFF_SCREENS.items():
        window.screens.register(name, module, class_name)
    return area
