"""Figures for the coordinator view: requests and hours today and this month, volunteer hours per
helper per month, and how many records still wait to be synced. Counts use the current version of
each request and leave cancelled requests out."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.helplog import current_versions
from kiosk.core.store.models import Helper, HelpRequest, OutboxEntry, Shift


@dataclass(frozen=True)
class Period:
    requests: int
    help_minutes: int  # the durations recorded on the requests
    shift_minutes: int  # consultation hours of closed shifts that started in the period


@dataclass(frozen=True)
class Overview:
    today: Period
    month: Period
    waiting_to_sync: int


@dataclass(frozen=True)
class HelperHours:
    helper_id: str
    display_name: str
    minutes: int
    shifts: int
    auto_closed: int  # shifts closed at the end of the day because nobody ended them


def _closed_shifts(session: Session, start: datetime, end: datetime) -> list[Shift]:
    return list(session.scalars(select(Shift).where(Shift.ended_at.is_not(None), Shift.started_at >= start,
                                                    Shift.started_at < end)))


def _minutes(shift: Shift) -> int:
    assert shift.ended_at is not None, "only closed shifts have minutes"
    return round((shift.ended_at - shift.started_at).total_seconds() / 60)


def period(session: Session, start: datetime, end: datetime) -> Period:
    requests = current_versions().where(HelpRequest.status == "active", HelpRequest.created_at >= start,
                                        HelpRequest.created_at < end).subquery()
    count, minutes = session.execute(select(func.count(), func.coalesce(func.sum(requests.c.duration_min), 0))
                                     .select_from(requests)).one()
    return Period(count, minutes, sum(_minutes(s) for s in _closed_shifts(session, start, end)))


def waiting_to_sync(session: Session) -> int:
    """Outbox entries the server has not confirmed yet."""
    unsent = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
    return session.execute(unsent).scalar_one()


def overview(session: Session, clock: Clock) -> Overview:
    today = clock.today()
    return Overview(today=period(session, *clock.day_bounds(today)),
                    month=period(session, *clock.month_bounds(today.year, today.month)),
                    waiting_to_sync=waiting_to_sync(session))


def volunteer_hours(session: Session, clock: Clock, year: int, month: int) -> list[HelperHours]:
    """Closed shifts per helper for one local calendar month, by name. Active helpers without
    shifts are listed too (with 0), so a coordinator sees who did not log any hours."""
    helpers = {h.id: h for h in session.scalars(select(Helper))}
    totals = {h.id: [0, 0, 0] for h in helpers.values() if h.active}  # minutes, shifts, auto_closed
    for shift in _closed_shifts(session, *clock.month_bounds(year, month)):
        entry = totals.setdefault(shift.helper_id, [0, 0, 0])
        entry[0] += _minutes(shift)
        entry[1] += 1
        entry[2] += shift.auto_closed
    return sorted((HelperHours(hid, helpers[hid].display_name, *values) for hid, values in totals.items()),
                  key=lambda h: h.display_name.lower())
