"""The kiosk's front door for its UI: one object, `KioskApi`, built from the store and the clock.

In the spirit of Anki's collection object: a screen asks `window.api` one question and gets one
answer. Methods take plain arguments and return plain data (frozen dataclasses, tuples, strings,
numbers), never an ORM object or a session. Each method opens its own store session
(`Store.read()`) or transaction (`Store.transaction()`), so kiosk/ui never imports SQLAlchemy or
the store (tests/test_architecture_ui.py).

The rules live in the modules each method names (accounts, helplog, shifts, helpcalls, stats);
this class only opens the session and calls them. A method may wait for the store's write lock or
for argon2: the UI calls them on `window.db_tasks` (one serialised store worker), never on the UI
thread. The one exception is `server_url()`, read once when the window starts its sync service.

Errors are Dutch `DutchError`s (AccountError, HelpLogError, ShiftError, HelpCallError, RecordError)
or the store's `StoreError`, both safe to show as they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core import accounts, helpcalls, helplog, lending, schedule, shifts, stats, workshops
from kiosk.core.accounts import HelperList, LoginResult, StaffUser
from kiosk.core.clock import Clock
from kiosk.core.helpcalls import CallInfo
from kiosk.core.helplog import FormContext, HelpRequestInput, TodayList
from kiosk.core.lending import DeviceInfo, LendingContext, LoanInfo, LoanInput
from kiosk.core.schedule import HomeInfo, Translate
from kiosk.core.secrets import SecretStore
from kiosk.core.shifts import ShiftContext, ShiftInfo
from kiosk.core.stats import HelperHours, Overview
from kiosk.core.store import Store
from kiosk.core.store.db import StoreError
from kiosk.core.workshops import WorkshopInfo

__all__ = ["CoordinatorOverview", "KioskApi", "MenuStatus", "StoreError"]


@dataclass(frozen=True)
class MenuStatus:
    """The staff menu's status line: calls waiting and the helper's running shift."""

    open_calls: int
    shift: ShiftInfo | None
    taken_calls: int = 0  # calls this helper took and did not register yet


@dataclass(frozen=True)
class CoordinatorOverview:
    figures: Overview  # today, this month, waiting to sync
    hours: tuple[HelperHours, ...]  # per helper, for the month asked


class KioskApi:
    def __init__(self, store: Store, clock: Clock | None = None):
        self._store = store
        self.clock = clock or Clock()  # the helper area's "now" and local calendar
        self.calls = helpcalls.CallBoard(self.clock)  # help calls live in memory, never in the store

    # --- accounts: login, first run, managing helpers ---------------------------------------------
    def login_names(self) -> tuple[tuple[str, str], ...]:
        """(id, display name) of every helper who can log in, by name."""
        with self._store.read() as session:
            return tuple((h.id, h.display_name) for h in accounts.active_helpers(session))

    def login(self, helper_id: str, pin: str) -> LoginResult:
        """Check a PIN; wrong ones count towards the lock-out (accounts.login)."""
        return accounts.login(self._store, helper_id, pin, self.clock)

    def needs_first_run(self) -> bool:
        """No helpers and never enrolled: the staff gesture opens the first-run setup."""
        with self._store.read() as session:
            return accounts.needs_first_run(session)

    def check_first_run_enrollment(self) -> None:
        """Raises AccountError unless the first-run screen may still enroll this kiosk."""
        accounts.check_first_run_enrollment(self._store)

    def helper_count(self) -> int:
        """How many helpers can log in (after a first-run enrollment: did the server send any?)."""
        with self._store.read() as session:
            return len(accounts.active_helpers(session))

    def create_first_coordinator(self, display_name: str, pin: str, location_name: str,
                                 location_kind: str) -> StaffUser:
        return accounts.create_first_coordinator(self._store, display_name, pin, location_name, location_kind)

    def is_enrolled(self) -> bool:
        with self._store.read() as session:
            return accounts.is_enrolled(session)

    def server_url(self) -> str | None:
        """The server this kiosk was enrolled with, if any."""
        with self._store.read() as session:
            return accounts.server_url(session)

    def helpers(self) -> HelperList:
        """Every helper for the accounts screen (deactivated ones too), and who manages them."""
        with self._store.read() as session:
            return HelperList(accounts.is_enrolled(session), tuple(accounts.helper_rows(session, self.clock)))

    def add_helper(self, actor: StaffUser, display_name: str, role: str, pin: str) -> StaffUser:
        return accounts.add_helper(self._store, actor, display_name, role, pin)

    def reset_pin(self, actor: StaffUser, helper_id: str, new_pin: str, current_pin: str | None = None) -> None:
        accounts.reset_pin(self._store, actor, helper_id, new_pin, self.clock, current_pin)

    def deactivate(self, actor: StaffUser, helper_id: str) -> None:
        accounts.deactivate(self._store, actor, helper_id)

    # --- the help log ------------------------------------------------------------------------------
    def help_form(self, user: StaffUser, visitor_language: str | None = None) -> FormContext:
        """Topics, places, the running shift and the defaults of a new request (helplog.form_context);
        `visitor_language` (the session's or the call's) is the help's language when the register has it."""
        with self._store.read() as session:
            return helplog.form_context(session, user, self.clock, visitor_language)

    def save_help_request(self, user: StaffUser, data: HelpRequestInput) -> str:
        """The new request's id, once the row and its outbox entry are committed."""
        return helplog.save_help_request(self._store, user, data, self.clock)

    def correct_help_request(self, user: StaffUser, request_id: str, data: HelpRequestInput) -> str:
        return helplog.correct_help_request(self._store, user, request_id, data)

    def cancel_help_request(self, user: StaffUser, request_id: str) -> str:
        return helplog.cancel_help_request(self._store, user, request_id)

    def todays_requests(self, user: StaffUser) -> TodayList:
        """Today's requests: the helper's own, or everyone's for a coordinator; newest first."""
        with self._store.read() as session:
            return TodayList(tuple(helplog.todays_requests(session, user, self.clock)), helplog.topic_labels(session))

    # --- shifts ------------------------------------------------------------------------------------
    def shift_context(self, user: StaffUser) -> ShiftContext:
        with self._store.read() as session:
            return shifts.shift_context(session, user.id, self.clock)

    def start_shift(self, user: StaffUser, location_id: str, stop_name: str | None) -> ShiftInfo:
        return shifts.start_shift(self._store, user, location_id, stop_name, self.clock)

    def end_shift(self, user: StaffUser) -> ShiftInfo:
        return shifts.end_shift(self._store, user, self.clock)

    def close_stale_shifts(self) -> int:
        """Shifts left open on an earlier day, closed at the end of that day; how many."""
        return shifts.auto_close_stale_shifts(self._store, self.clock)

    def menu_status(self, user: StaffUser) -> MenuStatus:
        with self._store.read() as session:
            return MenuStatus(len(self.calls.open_calls()), shifts.current_shift(session, user.id),
                              len(self.calls.taken_by(user.id)))

    # --- "Ik heb hulp nodig" (in memory: kiosk.core.helpcalls.CallBoard) ----------------------------
    def call_for_help(self, walkthrough_id: str | None, step_index: int | None,
                      kiosk_name: str, language: str | None = None) -> tuple[CallInfo, bool, bool]:
        """(the visitor's call, whether it is new, whether a helper shift is open here). A second
        tap in the same visitor session gets the open call back."""
        call, new = self.calls.make(walkthrough_id, step_index, kiosk_name, language)
        return call, new, self.helper_on_duty()

    def helper_on_duty(self) -> bool:
        """Is a helper shift open on this kiosk at its location?"""
        with self._store.read() as session:
            return helpcalls.shift_open_here(session)

    def next_spreekuur_text(self, translate: Translate = schedule.dutch) -> str | None:
        """One sentence on when a digihelper is next here, in the language `translate` gives
        (schedule.next_session_text), or None without a schedule."""
        return schedule.next_session_text(self.home_info(), self.clock.now(), translate)

    # --- the home screen ---------------------------------------------------------------------------
    def home_info(self) -> HomeInfo:
        """This location's coming sessions or digibus stops and its notices (schedule.read); the
        screen words them with schedule.home_lines."""
        with self._store.read() as session:
            return schedule.read(session, self.clock.now())

    def open_calls(self) -> tuple[CallInfo, ...]:
        """Calls nobody took yet, on this kiosk and the others of its location, oldest first."""
        return tuple(self.calls.open_calls())

    def take_call(self, call_id: str, user: StaffUser) -> CallInfo:
        """The helper goes to the visitor: the call is theirs until they register the help."""
        return self.calls.take(call_id, user.id)

    def taken_calls(self, user: StaffUser) -> tuple[CallInfo, ...]:
        """Calls this helper took here and did not register yet, oldest first."""
        return tuple(self.calls.taken_by(user.id))

    def call_registered(self, user: StaffUser, call_id: str) -> None:
        self.calls.registered(user.id, call_id)

    def call_key_state(self, secret_store: SecretStore) -> helpcalls.KeyState:
        with self._store.read() as session:
            return helpcalls.key_state(secret_store, session)

    def set_call_key(self, secret_store: SecretStore, user: StaffUser, typed: str) -> helpcalls.KeyState:
        """A coordinator's key for a kiosk without a server (`typed` empty: a new random one)."""
        return helpcalls.set_key_by_coordinator(secret_store, self._store, user, typed)

    def location_key_may_be_stored(self) -> bool:
        """Whether `location_key` has anything to read: False only on a kiosk without a server whose
        secret store is known to hold no location key (helpcalls.location_key_note)."""
        with self._store.read() as session:
            return helpcalls.location_key_note(session) is not False

    def location_key(self, secret_store: SecretStore) -> bytes | None:
        """The key the kiosks of this location share (helpcalls.location_key), or None."""
        with self._store.read() as session:
            key = helpcalls.location_key(secret_store, session)
            noted = helpcalls.location_key_note(session) is not None
        if not noted:  # once per store: the next starts skip the keyring when there was nothing
            with self._store.transaction() as session:
                helpcalls.note_location_key_read(session, key is not None)
        return key

    # --- coordinators' figures ---------------------------------------------------------------------
    def overview(self, year: int, month: int) -> CoordinatorOverview:
        """Today's and this month's figures, and volunteer hours per helper in `month` of `year`."""
        with self._store.read() as session:
            return CoordinatorOverview(stats.overview(session, self.clock),
                                       tuple(stats.volunteer_hours(session, self.clock, year, month)))

    # --- lending (kiosk.core.lending) ---------------------------------------------------------------
    def lending_context(self, loan_days: int) -> LendingContext:
        """The default due date (`loan_days` from today, a setting), the categories, and whether
        this kiosk can lend (it needs the coordinators' key from the server)."""
        with self._store.read() as session:
            return lending.lending_context(session, self.clock, loan_days)

    def find_loan_device(self, tag: str) -> DeviceInfo:
        """The device with this scanned or typed tag at this kiosk's location (LendingError if none)."""
        with self._store.read() as session:
            return lending.find_device(session, tag)

    def lend(self, user: StaffUser, data: LoanInput) -> str:
        return lending.lend(self._store, user, data, self.clock)

    def return_device(self, user: StaffUser, tag: str, condition: str, accessories_back: tuple[str, ...],
                      note: str | None = None) -> str:
        return lending.return_device(self._store, user, tag, condition, accessories_back, self.clock, note)

    def extend_loan(self, user: StaffUser, tag: str, due_on: date) -> str:
        return lending.extend_loan(self._store, user, tag, due_on, self.clock)

    def erase_loan_contact(self, user: StaffUser, tag: str) -> str:
        """The borrower of this device asks to be forgotten now (lending.erase_contact_of_device)."""
        return lending.erase_contact_of_device(self._store, user, tag, self.clock)

    def open_loans(self) -> tuple[LoanInfo, ...]:
        """Devices of this location that are out, soonest due first (overdue ones say by how much)."""
        with self._store.read() as session:
            return tuple(lending.open_loans(session, self.clock))

    # --- workshops (kiosk.core.workshops) -----------------------------------------------------------
    def upcoming_workshops(self) -> tuple[WorkshopInfo, ...]:
        """Planned sessions at this location in the next 30 days (for the home screen's schedule)."""
        with self._store.read() as session:
            return tuple(workshops.upcoming(session, self.clock))

    def workshops_to_record(self) -> tuple[WorkshopInfo, ...]:
        with self._store.read() as session:
            return tuple(workshops.to_record(session, self.clock))

    def record_workshop(self, user: StaffUser, workshop_id: str, attendees: int,
                        visitor_codes: tuple[str, ...] = (), note: str | None = None) -> str:
        return workshops.record_session(self._store, user, workshop_id, attendees, self.clock,
                                        visitor_codes=visitor_codes, note=note)
