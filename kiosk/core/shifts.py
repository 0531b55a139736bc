"""Consultation hours (shifts): start at a location or digibus stop, end, and the end-of-day close.

A shift is open while `ended_at` is empty. Closing it is the one change a shift row ever gets; the
closed shift and its outbox entry are written in one transaction and never changed afterwards. A
shift still open after its day is closed at the end of that (local) day and marked `auto_closed`,
so coordinators can tell forgotten shifts from real ones.
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
from kiosk.core.store.models import Location, Meta, Shift
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

    def duration(self, clock: Clock) -> timedelta:
        return (self.ended_at or clock.now()) - self.started_at

    @property
    def place(self) -> str:
        return f"{self.location_name}: {self.stop_name}" if self.stop_name else self.location_name


def _info(shift: Shift, location: Location) -> ShiftInfo:
    return ShiftInfo(shift.id, location.name, location.kind, shift.stop_name, shift.started_at,
                     shift.ended_at, shift.auto_closed)


def open_shift(session: Session, helper_id: str) -> Shift | None:
    return session.scalar(select(Shift).where(Shift.helper_id == helper_id, Shift.ended_at.is_(None))
                          .order_by(Shift.started_at.desc()).limit(1))


def current_shift(session: Session, helper_id: str) -> ShiftInfo | None:
    shift = open_shift(session, helper_id)
    return None if shift is None else _info(shift, session.get_one(Location, shift.location_id))


def active_locations(session: Session) -> list[Location]:
    return list(session.scalars(select(Location).where(Location.active).order_by(Location.kind, Location.name)))


def kiosk_location_id(session: Session) -> str | None:
    """This kiosk's own location when enrolled, or the only active location there is."""
    enrolled = session.get(Meta, meta_keys.LOCATION_ID)
    if enrolled is not None:
        return enrolled.value
    ids = session.scalars(select(Location.id).where(Location.active).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


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
    locations: tuple[tuple[str, str, str], ...] = ()  # (id, name, kind)
    recent_stops: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (digibus location id, its recent stops)
    default_location_id: str | None = None

    def needs_stop(self, location_id: str | None) -> bool:
        """A digibus shift says at which stop the bus stands (start_shift refuses one without)."""
        return any(loc_id == location_id and kind == "digibus" for loc_id, _name, kind in self.locations)

    def stops(self, location_id: str | None) -> tuple[str, ...]:
        stops: dict[str | None, tuple[str, ...]] = dict(self.recent_stops)
        return stops.get(location_id, ())


def shift_context(session: Session, helper_id: str) -> ShiftContext:
    locations = active_locations(session)
    return ShiftContext(current_shift(session, helper_id), tuple((loc.id, loc.name, loc.kind) for loc in locations),
                        tuple((loc.id, tuple(recent_stops(session, loc.id))) for loc in locations
                              if loc.kind == "digibus"),
                        kiosk_location_id(session))


def start_shift(store: Store, user: StaffUser, location_id: str, stop_name: str | None, clock: Clock) -> ShiftInfo:
    stop = (stop_name or "").strip() or None
    with store.transaction() as session:
        if open_shift(session, user.id) is not None:
            raise ShiftError("Je spreekuur loopt al. Beëindig het eerst.")
        location = session.get(Location, location_id)
        if location is None or not location.active:
            raise ShiftError("Deze locatie bestaat niet meer. Kies een andere locatie.")
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
        return _info(shift, session.get_one(Location, shift.location_id))


def auto_close_stale_shifts(store: Store, clock: Clock) -> int:
    """Close every shift left open from an earlier day at the end of the day it started."""
    today_start = clock.day_start(clock.today())
    with store.transaction() as session:
        stale = session.scalars(select(Shift).where(Shift.ended_at.is_(None), Shift.started_at < today_start)).all()
        for shift in stale:
            _close(session, shift, clock.day_bounds(clock.local(shift.started_at).date())[1], auto=True)
        return len(stale)
