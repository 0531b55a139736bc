"""The help-request log: save, correct and cancel, each as one new row plus its outbox entry.

Saved rows are never edited. A correction is a new version whose `supersedes` names the version it
replaces; a cancellation is a new version with status "cancelled". The `supersedes` column is
unique, so a version can be replaced only once, and the current version of a request is the one
nothing supersedes. A new version keeps the original `created_at`: it still describes help given
then (the outbox entry records when the version itself was written).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.records import enqueue, row_fields, validated
from kiosk.core.shifts import (
    ShiftInfo,
    check_offered,
    current_shift,
    kiosk_location_id,
    offered_locations,
    open_elsewhere_text,
    place_warning,
)
from kiosk.core.store import Store
from kiosk.core.store.models import Helper, HelpRequest, Location, Topic
from kiosk.core.store.rows import Db, Insert, dbapi
from sync.errors import DutchError
from sync.privacy import guard_note
from sync.protocol import HELP_LANGUAGES, NOTE_MAX, HelpRequestRecord


class HelpLogError(DutchError):
    """A help request cannot be saved; the message is Dutch, for the helper."""


@dataclass(frozen=True)
class HelpRequestInput:
    """What the form collects. `location_id` is only used when the helper has no open shift."""

    topics: tuple[str, ...]
    channel: str
    language: str
    duration_min: int
    outcome: str
    referrals: tuple[str, ...] = ()
    first_visit: str = "unknown"
    target_groups: tuple[str, ...] = ()
    note: str | None = None
    visitor_code: str | None = None
    location_id: str | None = None


@dataclass(frozen=True)
class SavedRequest:
    id: str
    created_at: datetime
    helper_id: str
    helper_name: str
    location_name: str
    status: str
    data: HelpRequestInput = field(repr=False)


def _checked(db: Db, data: HelpRequestInput) -> HelpRequestInput:
    if not data.topics:
        raise HelpLogError("Kies minstens één onderwerp.")
    codes = set(data.topics)
    rows = dbapi(db).execute(f"SELECT code FROM topics WHERE code IN ({', '.join('?' * len(codes))})", tuple(codes))
    if {code for (code,) in rows} != codes:
        raise HelpLogError("Een gekozen onderwerp bestaat niet meer. Kies de onderwerpen opnieuw.")
    note = guard_note(data.note)
    if note is not None and len(note) > NOTE_MAX:
        raise HelpLogError(f"De notitie is te lang: maximum {NOTE_MAX} tekens.")
    return replace(data, note=note)


def _record(data: HelpRequestInput, **context: Any) -> HelpRequestRecord:
    return validated(HelpRequestRecord, topics=list(data.topics), channel=data.channel, language=data.language,
                     duration_min=data.duration_min, outcome=data.outcome, referrals=list(data.referrals),
                     first_visit=data.first_visit, target_groups=list(data.target_groups), note=data.note,
                     visitor_code=data.visitor_code, **context)


_help_requests = Insert(HelpRequest)


def _write(db: Db, record: HelpRequestRecord) -> str:
    _help_requests(db, row_fields(record))
    enqueue(db, record)
    return str(record.id)


def save_help_request(store: Store, user: StaffUser, data: HelpRequestInput, clock: Clock) -> str:
    """Save a new request; returns its id once the row and its outbox entry are committed."""
    with store.write() as db:
        data = _checked(db, data)
        shift = current_shift(db, user.id)
        if shift is not None:
            if all(loc.id != shift.location_id for loc in offered_locations(db)):
                raise HelpLogError(open_elsewhere_text(shift, clock))  # this kiosk records only for its own place
            place = dict(location_id=shift.location_id, stop_name=shift.stop_name, shift_id=shift.id)
        else:
            if not data.location_id:
                raise HelpLogError("Kies de locatie waar je hielp.")
            location = check_offered(db, data.location_id, HelpLogError)
            place = dict(location_id=location.id, stop_name=None, shift_id=None)
        record = _record(data, id=uuid.uuid4(), helper_id=user.id, created_at=clock.now(), **place)
        return _write(db, record)


def _current(session: Session, request_id: str, user: StaffUser) -> HelpRequest:
    previous = session.get(HelpRequest, request_id)
    if previous is None:
        raise HelpLogError("Deze hulpvraag bestaat niet meer.")
    if session.scalar(select(HelpRequest.id).where(HelpRequest.supersedes == request_id)) is not None:
        raise HelpLogError("Deze hulpvraag is intussen al aangepast. Open de lijst opnieuw.")
    if previous.status == "cancelled":
        raise HelpLogError("Deze hulpvraag is geannuleerd en kan niet meer aangepast worden.")
    if previous.helper_id != user.id and not user.is_coordinator:
        raise HelpLogError("Alleen wie de hulpvraag registreerde of een coördinator kan ze aanpassen.")
    return previous


def _next_version(previous: HelpRequest, data: HelpRequestInput, status: str) -> HelpRequestRecord:
    return _record(data, id=uuid.uuid4(), supersedes=previous.id, status=status, created_at=previous.created_at,
                   helper_id=previous.helper_id, location_id=previous.location_id, shift_id=previous.shift_id,
                   stop_name=previous.stop_name)


def correct_help_request(store: Store, user: StaffUser, request_id: str, data: HelpRequestInput) -> str:
    """Store a corrected version superseding `request_id`; returns the new version's id."""
    with store.transaction() as session:
        previous = _current(session, request_id, user)
        return _write(session, _next_version(previous, _checked(session, data), "active"))


def cancel_help_request(store: Store, user: StaffUser, request_id: str) -> str:
    """Store a cancelled version superseding `request_id`; returns the new version's id."""
    with store.transaction() as session:
        previous = _current(session, request_id, user)
        return _write(session, _next_version(previous, _input_of(previous), "cancelled"))


def _input_of(row: HelpRequest) -> HelpRequestInput:
    return HelpRequestInput(topics=tuple(row.topics), channel=row.channel, language=row.language,
                            duration_min=row.duration_min, outcome=row.outcome, referrals=tuple(row.referrals),
                            first_visit=row.first_visit, target_groups=tuple(row.target_groups), note=row.note,
                            visitor_code=row.visitor_code, location_id=row.location_id)


@cache
def current_versions() -> Select[HelpRequest]:
    """A select of help_requests rows that no other row supersedes. Built once (a select is
    immutable): making the alias's columns costs about 1 ms, more than running the query."""
    newer = aliased(HelpRequest)
    return select(HelpRequest).where(~select(newer.id).where(newer.supersedes == HelpRequest.id).exists())


def version_chain(session: Session, request_id: str) -> list[HelpRequest]:
    """Every version of the request `request_id` belongs to, oldest first."""
    row = session.get(HelpRequest, request_id)
    while row is not None and row.supersedes is not None:
        row = session.get(HelpRequest, row.supersedes)
    chain = []
    while row is not None:
        chain.append(row)
        row = session.scalar(select(HelpRequest).where(HelpRequest.supersedes == row.id))
    return chain


def todays_requests(session: Session, user: StaffUser, clock: Clock) -> list[SavedRequest]:
    """Today's active requests on this kiosk, newest first: a helper's own, or all for a coordinator."""
    start, end = clock.day_bounds(clock.today())
    query = (current_versions().add_columns(Helper.display_name, Location.name)
             .join(Helper, Helper.id == HelpRequest.helper_id).join(Location, Location.id == HelpRequest.location_id)
             .where(HelpRequest.status == "active", HelpRequest.created_at >= start, HelpRequest.created_at < end)
             .order_by(HelpRequest.created_at.desc()))
    if not user.is_coordinator:
        query = query.where(HelpRequest.helper_id == user.id)
    return [SavedRequest(row.id, row.created_at, row.helper_id, helper_name, location_name, row.status, _input_of(row))
            for row, helper_name, location_name in session.execute(query)]


@dataclass(frozen=True)
class TodayList:
    """Today's requests (todays_requests) and the topic labels to show them with."""

    requests: tuple[SavedRequest, ...]
    topics: tuple[tuple[str, str], ...]  # (code, Dutch label)

    def topics_text(self, request: SavedRequest) -> str:
        labels = dict(self.topics)
        return ", ".join(labels.get(code, code) for code in request.data.topics)


def default_channel(shift: ShiftInfo | None) -> str:
    """How the help was asked for, as the form preselects it: at the helper's running consultation
    hours ("spreekuur", or "digibus" on the bus), else someone who walked in."""
    if shift is None:
        return "walk-in"
    return "digibus" if shift.location_kind == "digibus" else "spreekuur"


@dataclass(frozen=True)
class FormContext:
    """What the help-request form offers a helper: topics, places, their running shift, and what a
    new request starts with."""

    topics: tuple[tuple[str, str], ...]  # (code, Dutch label), in the coordinator's order
    locations: tuple[tuple[str, str, str], ...]  # (id, name, kind)
    default_location_id: str | None
    shift: ShiftInfo | None
    default_channel: str = "walk-in"
    default_language: str = "nl"
    default_first_visit: str = "unknown"
    warning: str = ""  # shifts.place_warning: a new request cannot be saved until it is dealt with

    @property
    def asks_location(self) -> bool:
        """A new request asks where the help was given only when no shift runs (a shift says it)."""
        return self.shift is None


def topic_labels(session: Session) -> tuple[tuple[str, str], ...]:
    """(code, Dutch label) of the active topics, in the coordinator's order."""
    rows = session.execute(select(Topic.code, Topic.label_nl).where(Topic.active)
                           .order_by(Topic.sort_order, Topic.label_nl))
    return tuple((code, label) for code, label in rows)


def default_language(visitor_language: str | None) -> str:
    """The language of the help as the form preselects it: the visitor's screen language (the
    session's, or the call's) when the register knows it, else Dutch."""
    return visitor_language if visitor_language in HELP_LANGUAGES else "nl"


def form_context(session: Session, user: StaffUser, clock: Clock, visitor_language: str | None = None) -> FormContext:
    shift = current_shift(session, user.id)
    offered = offered_locations(session)
    return FormContext(topic_labels(session), tuple((loc.id, loc.name, loc.kind) for loc in offered),
                       kiosk_location_id(session), shift, default_channel(shift),
                       default_language=default_language(visitor_language),
                       warning=place_warning(shift, offered, clock))
