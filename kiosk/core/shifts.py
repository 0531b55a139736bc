"""Consultation hours (shifts): start at a location or digibus stop, end, and the end-of-day close.

A shift is open while `ended_at` is empty. Closing it is the one change a shift row ever gets; the
closed shift and its outbox entry are written in one transaction and never changed afterwards. A
shift still open after its day is closed at the end of that (local) day and marked `auto_closed`,
so coordinators can tell forgotten shifts from real ones.

Where staff may record (`offered_locations`): a kiosk enrolled with a server records only for its own
location, the one its enrollment code was made for (for the digibus: the bus, at whichever stop;
stops are the shift's `stop_name`). A kiosk without a server offers every active location its
coordinator set up. `start_shift` and `helplog.save_help_request` refuse any other place, so the
rule holds whatever a screen offers.

Overlapping shifts: volunteer hours are the union of a helper's shifts, so a kiosk never lets a
helper have two open shifts in its store. Starting while one is open (a shift left open on this
kiosk, at another location or not) is refused with a calm message that names the open shift and
says to end it first; `ShiftContext.warning` tells the shift screen in advance when the open shift
is somewhere this kiosk does not record for. A kiosk only knows its own store: a shift open on
another kiosk is the server's to detect (it counts each hour once).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.records import enqueue, validated
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import Location, Shift
from kiosk.core.store.rows import Db, dbapi
from sync.errors import DutchError
from sync.protocol import ShiftRecord

RECENT_STOPS = 8


class ShiftError(DutchError):
    """A shift rule was broken; the message is Dutch, for the helper."""


@dataclass(frozen=True)
class ShiftInfo:
    id: str
    location_name: str
    location_kind: str
    stop_name: str | None
    started_at: datetime
    ended_at: datetime | None
    auto_closed: bool
    location_id: str = ""

    def duration(self, clock: Clock) -> timedelta:
        return (self.ended_at or clock.now()) - self.started_at

    @property
    def place(self) -> str:
        return f"{self.location_name}: {self.stop_name}" if self.stop_name else self.location_name


@dataclass(frozen=True)
class Place:
    """A location as the rules and the screens use it."""

    id: str
    name: str
    kind: str


def _info(shift: Shift, location: Place) -> ShiftInfo:
    return ShiftInfo(shift.id, location.name, location.kind, shift.stop_name, shift.started_at,
                     shift.ended_at, shift.auto_closed, location.id)


def open_shift(session: Session, helper_id: str) -> Shift | None:
    return session.scalar(select(Shift).where(Shift.helper_id == helper_id, Shift.ended_at.is_(None))
                          .order_by(Shift.started_at.desc()).limit(1))


# The lookups below run on every save (store/rows.py says why they skip the ORM).
def current_shift(db: Db, helper_id: str) -> ShiftInfo | None:
    """The helper's open shift (open_shift) with its place."""
    row = dbapi(db).execute(
        "SELECT s.id, l.name, l.kind, s.stop_name, s.started_at, s.auto_closed, l.id FROM shifts s "
        "JOIN locations l ON l.id = s.location_id WHERE s.helper_id = ? AND s.ended_at IS NULL "
        "ORDER BY s.started_at DESC LIMIT 1", (helper_id,)).fetchone()
    if row is None:
        return None
    shift_id, name, kind, stop_name, started_at, auto_closed, location_id = row
    return ShiftInfo(shift_id, name, kind, stop_name, datetime.fromisoformat(started_at), None, bool(auto_closed),
                     location_id)


def active_locations(db: Db) -> list[Place]:
    rows = dbapi(db).execute("SELECT id, name, kind FROM locations WHERE active = 1 ORDER BY kind, name")
    return [Place(*row) for row in rows]


NO_OWN_LOCATION = ("De locatie van deze computer is nog niet van de server gekomen. Open 'Synchronisatie' en "
                   "tik op 'Nu synchroniseren', of vraag het aan een coördinator.")


def own_location_id(db: Db) -> str | None:
    """The location an enrolled kiosk was enrolled for (None before enrolling)."""
    row = dbapi(db).execute("SELECT value FROM meta WHERE key = ?", (meta_keys.LOCATION_ID,)).fetchone()
    return None if row is None else str(row[0])


def offered_locations(db: Db) -> list[Place]:
    """Where staff may record on this kiosk (module docstring): an enrolled kiosk's own location
    (none until the server sent it, or when the server withdrew it), else every active location."""
    own = own_location_id(db)
    if own is None:
        return active_locations(db)
    rows = dbapi(db).execute("SELECT id, name, kind FROM locations WHERE id = ? AND active = 1", (own,))
    return [Place(*row) for row in rows]


def check_offered(db: Db, location_id: str | None, error: type[DutchError] = ShiftError) -> Place:
    """The location, if staff may record there on this kiosk; else `error` saying why."""
    offered = offered_locations(db)
    for location in offered:
        if location.id == location_id:
            return location
    if own_location_id(db) is None:
        raise error("Deze locatie bestaat niet meer. Kies een andere locatie.")
    if not offered:
        raise error(NO_OWN_LOCATION)
    raise error(f"Deze computer registreert alleen voor {offered[0].name}. Kies die locatie.")


def kiosk_location_id(session: Session) -> str | None:
    """The location forms preselect: this kiosk's own, or the only one it offers."""
    offered = offered_locations(session)
    return offered[0].id if len(offered) == 1 else None


def recent_stops(session: Session, location_id: str) -> list[str]:
    """The digibus's most recent stops, newest first: today's stop is usually one of them."""
    rows = session.execute(select(Shift.stop_name, Shift.started_at)
                           .where(Shift.location_id == location_id, Shift.stop_name.is_not(None))
                           .order_by(Shift.started_at.desc()).limit(200)).all()
    stops: list[str] = []
    for name, _started in rows:
        if name is not None and name not in stops:
            stops.append(name)
    return stops[:RECENT_STOPS]


@dataclass(frozen=True)
class ShiftContext:
    """What the shift screen shows a helper: their running shift, or where they can start one."""

    shift: ShiftInfo | None
    locations: tuple[tuple[str, str, str], ...] = ()  # (id, name, kind): only where this kiosk records
    recent_stops: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (digibus location id, its recent stops)
    default_location_id: str | None = None
    warning: str = ""  # the open shift is somewhere this kiosk does not record for; or no place at all

    def needs_stop(self, location_id: str | None) -> bool:
        """A digibus shift says at which stop the bus stands (start_shift refuses one without)."""
        return any(loc_id == location_id and kind == "digibus" for loc_id, _name, kind in self.locations)

    def stops(self, location_id: str | None) -> tuple[str, ...]:
        stops: dict[str | None, tuple[str, ...]] = dict(self.recent_stops)
        return stops.get(location_id, ())


def open_elsewhere_text(shift: ShiftInfo, clock: Clock) -> str:
    return (f"Je spreekuur op {shift.place} loopt nog sinds {_when(shift.started_at, clock)}. Was je vergeten het "
            "te beëindigen? Beëindig het eerst, dan tellen je uren maar één keer.")


def _when(moment: datetime, clock: Clock) -> str:
    local = clock.local(moment)
    return local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%d/%m %H:%M")


def shift_context(session: Session, helper_id: str, clock: Clock) -> ShiftContext:
    locations = offered_locations(session)
    shift = current_shift(session, helper_id)
    return ShiftContext(shift, tuple((loc.id, loc.name, loc.kind) for loc in locations),
                        tuple((loc.id, tuple(recent_stops(session, loc.id))) for loc in locations
                              if loc.kind == "digibus"),
                        kiosk_location_id(session), place_warning(shift, locations, clock))


def place_warning(shift: ShiftInfo | None, offered: list[Place], clock: Clock) -> str:
    """What the shift screen and the help form say before anything is refused: the helper's open
    shift is somewhere this kiosk does not record for, or this kiosk has no place at all yet."""
    if shift is not None and all(loc.id != shift.location_id for loc in offered):
        return open_elsewhere_text(shift, clock)
    return NO_OWN_LOCATION if shift is None and not offered else ""


def start_shift(store: Store, user: StaffUser, location_id: str, stop_name: str | None, clock: Clock) -> ShiftInfo:
    stop = (stop_name or "").strip() or None
    with store.transaction() as session:
        info = current_shift(session, user.id)
        if info is not None:
            raise ShiftError(f"Je spreekuur op {info.place} loopt al sinds {_when(info.started_at, clock)}. "
                             "Beëindig het eerst, dan tellen je uren maar één keer.")
        location = check_offered(session, location_id)
        if location.kind == "digibus" and stop is None:
            raise ShiftError("Kies of typ de halte van de digibus van vandaag.")
        if stop is not None and len(stop) > 120:
            raise ShiftError("De naam van de halte is te lang (maximum 120 tekens).")
        shift = Shift(id=str(uuid.uuid4()), helper_id=user.id, location_id=location.id,
                      stop_name=stop if location.kind == "digibus" else None, started_at=clock.now(),
                      ended_at=None, auto_closed=False)
        session.add(shift)
        return _info(shift, location)


def _close(session: Session, shift: Shift, ended_at: datetime, auto: bool) -> None:
    record = validated(ShiftRecord, id=shift.id, helper_id=shift.helper_id, location_id=shift.location_id,
                       stop_name=shift.stop_name, started_at=shift.started_at, ended_at=ended_at,
                       auto_closed=auto)
    shift.ended_at, shift.auto_closed = ended_at, auto
    enqueue(session, record)


def end_shift(store: Store, user: StaffUser, clock: Clock) -> ShiftInfo:
    with store.transaction() as session:
        shift = open_shift(session, user.id)
        if shift is None:
            raise ShiftError("Je hebt geen spreekuur dat loopt.")
        _close(session, shift, max(clock.now(), shift.started_at), auto=False)
        location = session.get_one(Location, shift.location_id)
        return _info(shift, Place(location.id, location.name, location.kind))


def auto_close_stale_shifts(store: Store, clock: Clock) -> int:
    """Close every shift left open from an earlier day at the end of the day it started."""
    today_start = clock.day_start(clock.today())
    with store.transaction() as session:
        stale = session.scalars(select(Shift).where(Shift.ended_at.is_(None), Shift.started_at < today_start)).all()
        for shift in stale:
            _close(session, shift, clock.day_bounds(clock.local(shift.started_at).date())[1], auto=True)
        return len(stale)
