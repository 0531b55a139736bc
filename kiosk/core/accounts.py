"""Helper accounts: PINs are only ever kept as argon2id hashes; login with a persisted lock-out.

Five wrong PINs in a row lock that account for five minutes. The counter and the lock live in the
store (helpers.failed_pins / locked_until), so restarting the kiosk does not reset them.

On a kiosk that was never enrolled, coordinators manage the helpers here (add_helper, reset_pin,
deactivate). Once enrolled, the central server owns the helpers (the puller overwrites them), so
those changes are refused: a local change would be lost or contradict the server.
"""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import Helper, Location, Meta
from sync import pins
from sync.errors import DutchError
from sync.pins import secret_matches
from sync.protocol import LOCATION_KINDS, ROLES

MAX_NAME_LENGTH = 80  # helpers.display_name
MAX_FAILED_PINS = 5
LOCK_DURATION = timedelta(minutes=5)

class AccountError(DutchError):
    """A rule about accounts was broken; the message is Dutch, for staff."""


def check_pin_rules(pin: str) -> None:
    try:
        pins.check_pin_rules(pin)
    except pins.PinRuleError as exc:
        raise AccountError(str(exc)) from None


def hash_pin(pin: str) -> str:
    check_pin_rules(pin)
    return pins.hash_pin(pin)


def create_helper(session: Session, display_name: str, role: str, pin: str) -> Helper:
    name = display_name.strip()
    if not name:
        raise AccountError("Geef een naam op die collega's herkennen.")
    if len(name) > MAX_NAME_LENGTH:
        raise AccountError(f"Een naam heeft hoogstens {MAX_NAME_LENGTH} tekens. Kies een kortere naam.")
    if role not in ROLES:
        raise AccountError(f"Onbekende rol '{role}'.")
    helper = Helper(id=str(uuid.uuid4()), display_name=name, role=role, pin_hash=hash_pin(pin),
                    active=True, failed_pins=0)
    session.add(helper)
    return helper


def active_helpers(session: Session) -> list[Helper]:
    return list(session.scalars(select(Helper).where(Helper.active).order_by(Helper.display_name)))


@dataclass(frozen=True)
class StaffUser:
    """The logged-in helper as the UI keeps it: no PIN hash, nothing to write back by accident."""

    id: str
    display_name: str
    role: str

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    @classmethod
    def of(cls, helper: Helper) -> StaffUser:
        return cls(helper.id, helper.display_name, helper.role)


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None = None
    attempts_left: int = 0
    locked_minutes: int = 0  # > 0: the account is locked for about this many more minutes

    @property
    def ok(self) -> bool:
        return self.user is not None


def _minutes_left(helper: Helper, clock: Clock) -> int:
    if helper.locked_until is None:
        return 0
    seconds = (helper.locked_until - clock.now()).total_seconds()
    return math.ceil(seconds / 60) if seconds > 0 else 0


def _try_pin(helper: Helper, pin: str, clock: Clock) -> LoginResult:
    """A locked account is refused without looking at the PIN (so guessing goes on counting
    nothing); the fifth wrong PIN in a row locks the account for LOCK_DURATION."""
    locked = _minutes_left(helper, clock)
    if locked:
        return LoginResult(locked_minutes=locked)
    if secret_matches(helper.pin_hash, pin):
        helper.failed_pins, helper.locked_until = 0, None
        return LoginResult(user=StaffUser.of(helper))
    helper.failed_pins = (helper.failed_pins or 0) + 1
    if helper.failed_pins >= MAX_FAILED_PINS:
        helper.failed_pins = 0
        helper.locked_until = clock.now() + LOCK_DURATION
        return LoginResult(locked_minutes=_minutes_left(helper, clock))
    return LoginResult(attempts_left=MAX_FAILED_PINS - helper.failed_pins)


def login(store: Store, helper_id: str, pin: str, clock: Clock) -> LoginResult:
    """Check a PIN, counting wrong ones towards the lock-out."""
    with store.transaction() as session:
        helper = session.get(Helper, helper_id)
        if helper is None or not helper.active:
            raise AccountError("Deze medewerker bestaat niet meer op deze computer. Kies je naam opnieuw.")
        return _try_pin(helper, pin, clock)


def is_enrolled(session: Session) -> bool:
    return session.get(Meta, meta_keys.DEVICE_ID) is not None


def needs_first_run(session: Session) -> bool:
    """True on a machine with no helper accounts that has never been enrolled with a server."""
    return session.scalar(select(Helper.id).limit(1)) is None and not is_enrolled(session)


def server_url(session: Session) -> str | None:
    """The server this kiosk was enrolled with, if any."""
    meta = session.get(Meta, meta_keys.SERVER_URL)
    return None if meta is None else meta.value


def check_first_run_enrollment(store: Store) -> None:
    """Enrolling from the first-run screen is open under the same condition as creating the first
    coordinator; checked right before the single-use enrollment code is spent."""
    with store.read() as session:
        if not needs_first_run(session):
            raise AccountError("Deze computer is al ingesteld. Meld je aan met je naam en pincode.")


def create_first_coordinator(store: Store, display_name: str, pin: str, location_name: str,
                             location_kind: str) -> StaffUser:
    """First-run setup: the first coordinator and this kiosk's first location, in one transaction.
    Checked again inside the (write-locked) transaction, so it can only ever happen once."""
    place = location_name.strip()
    if not place:
        raise AccountError("Geef de naam van deze digipunt of van de digibus op.")
    if location_kind not in LOCATION_KINDS:
        raise AccountError(f"Onbekende soort locatie '{location_kind}'.")
    with store.transaction() as session:
        if not needs_first_run(session):
            raise AccountError("Deze computer heeft al medewerkers. Meld je aan met je naam en pincode.")
        helper = create_helper(session, display_name, "coordinator", pin)
        session.add(Location(id=str(uuid.uuid4()), name=place, kind=location_kind, active=True))
        return StaffUser.of(helper)


# --- managing helpers on a kiosk that was never enrolled ------------------------------------------
ENROLLED_MESSAGE = ("Medewerkers worden beheerd op de centrale server, want deze computer is daarmee "
                    "gekoppeld. Vraag wie de server beheert om een medewerker toe te voegen, een pincode "
                    "te wijzigen of iemand te deactiveren.")


@dataclass(frozen=True)
class HelperRow:
    """A helper as the accounts list shows it (no PIN hash)."""

    id: str
    display_name: str
    role: str
    active: bool
    locked_minutes: int  # > 0: locked out for about this many more minutes


@dataclass(frozen=True)
class HelperList:
    """The accounts screen's list, and whether this kiosk manages its helpers itself."""

    enrolled: bool  # then the central server manages them: ENROLLED_MESSAGE
    rows: tuple[HelperRow, ...] = ()

    def manageable_by(self, user: StaffUser | None) -> bool:
        """Whether to offer changes to `user` (add_helper, reset_pin and deactivate check again)."""
        return not self.enrolled and user is not None and user.is_coordinator

    def rows_for(self, user: StaffUser | None) -> tuple[HelperRow, ...]:
        """What `user` sees: a coordinator everyone, a digihelper only their own account."""
        if user is not None and user.is_coordinator:
            return self.rows
        return tuple(row for row in self.rows if user is not None and row.id == user.id)

    def may_change_pin(self, user: StaffUser | None, helper_id: str) -> bool:
        """Everyone changes their own PIN (typing the current one), a coordinator anyone's; only on a
        kiosk that manages its own helpers (reset_pin checks again)."""
        return not self.enrolled and user is not None and (user.is_coordinator or helper_id == user.id)


def helper_rows(session: Session, clock: Clock) -> list[HelperRow]:
    """Every helper, deactivated ones too (records keep referring to them): active ones first."""
    helpers = session.scalars(select(Helper)).all()
    helpers = sorted(helpers, key=lambda h: (not h.active, h.display_name.casefold()))
    return [HelperRow(h.id, h.display_name, h.role, h.active, _minutes_left(h, clock) if h.active else 0)
            for h in helpers]


def _refuse_when_enrolled(session: Session) -> None:
    if is_enrolled(session):
        raise AccountError(ENROLLED_MESSAGE)


def _active_helper(session: Session, helper_id: str) -> Helper:
    helper = session.get(Helper, helper_id)
    if helper is None or not helper.active:
        raise AccountError("Deze medewerker is niet meer actief op deze computer. Kies iemand uit de lijst.")
    return helper


def require_coordinator(session: Session, actor: StaffUser, what: str = "medewerkers beheren") -> None:
    """Checked against the store, not the login: the role or the account may have changed since."""
    helper = session.get(Helper, actor.id)
    if helper is None or not helper.active or helper.role != "coordinator":
        raise AccountError(f"Alleen een coördinator kan {what}. Vraag het aan een coördinator.")


def add_helper(store: Store, actor: StaffUser, display_name: str, role: str, pin: str) -> StaffUser:
    """A coordinator adds a helper; the new helper types their own PIN."""
    with store.transaction() as session:
        _refuse_when_enrolled(session)
        require_coordinator(session, actor)
        name = display_name.strip().casefold()
        if any(h.display_name.casefold() == name for h in active_helpers(session)):
            raise AccountError("Er is al een medewerker met deze naam. Voeg bijvoorbeeld de eerste letter "
                               "van de familienaam toe.")
        return StaffUser.of(create_helper(session, display_name, role, pin))


def reset_pin(store: Store, actor: StaffUser, helper_id: str, new_pin: str, clock: Clock,
              current_pin: str | None = None) -> None:
    """A new PIN. For your own account you type the current PIN first (a wrong one counts towards the
    lock-out, as at login); a coordinator sets another helper's PIN without it, which also lifts that
    account's lock-out."""
    pin_hash = hash_pin(new_pin)  # the PIN rules first, and argon2's work outside the write lock
    refusal: AccountError | None = None
    with store.transaction() as session:
        _refuse_when_enrolled(session)
        helper = _active_helper(session, helper_id)
        if helper_id == actor.id:
            if not current_pin:
                raise AccountError("Typ eerst je huidige pincode.")
            check = _try_pin(helper, current_pin, clock)
            if check.ok:
                helper.pin_hash = pin_hash
            else:  # raised after the commit, so the wrong PIN stays counted
                refusal = AccountError(_current_pin_refusal(check))
        else:
            require_coordinator(session, actor)
            helper.pin_hash, helper.failed_pins, helper.locked_until = pin_hash, 0, None
    if refusal is not None:
        raise refusal


def _current_pin_refusal(check: LoginResult) -> str:
    if check.locked_minutes:
        wait = "1 minuut" if check.locked_minutes == 1 else f"{check.locked_minutes} minuten"
        return (f"Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over {wait}, of vraag "
                "een coördinator om je een nieuwe pincode te geven.")
    return f"Je huidige pincode klopt niet. Je kunt het nog {check.attempts_left} keer proberen."


def deactivate(store: Store, actor: StaffUser, helper_id: str) -> None:
    """A helper can no longer log in. Never deleted: their records keep referring to them. The last
    active coordinator stays, or nobody could manage this kiosk any more."""
    with store.transaction() as session:
        _refuse_when_enrolled(session)
        require_coordinator(session, actor)
        helper = _active_helper(session, helper_id)
        if helper.role == "coordinator" and sum(h.role == "coordinator" for h in active_helpers(session)) == 1:
            raise AccountError("Dit is de laatste coördinator op deze computer. Maak eerst een andere "
                               "coördinator aan.")
        helper.active = False
