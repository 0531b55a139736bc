"""Tables of the local store. Nothing here identifies a visitor: records are about the help given.

Schema changes go through a new Alembic revision in `migrations/versions/`.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.core.store.types import UTCDateTime, utcnow


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Small key/value facts about this installation (device id, sync cursor, ...)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # "fixed" digipunt or "digibus"
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Helper(Base):
    """A digihelper or coordinator account. The PIN is only ever kept as an argon2id hash."""

    __tablename__ = "helpers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))  # "digihelper" | "coordinator"
    pin_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Topic(Base):
    __tablename__ = "topics"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Shift(Base):
    """A helper's consultation hours at a location. Open while ended_at is NULL; once closed it is
    queued for sync and never changed again."""

    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"))
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"))
    stop_name: Mapped[str | None] = mapped_column(String(120), nullable=True)  # digibus stop
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    auto_closed: Mapped[bool] = mapped_column(Boolean, default=False)


class HelpRequest(Base):
    """One version of a help request. A correction or cancellation is a new row whose `supersedes`
    names the previous version; saved rows are never edited."""

    __tablename__ = "help_requests"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    supersedes: Mapped[str | None] = mapped_column(
        ForeignKey("help_requests.id"), nullable=True, unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"))
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"))
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shifts.id"), nullable=True)
    stop_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # "active" | "cancelled"
    channel: Mapped[str] = mapped_column(String(16))
    topics: Mapped[list[str]] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(8))
    duration_min: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    referrals: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_visit: Mapped[str] = mapped_column(String(8), default="unknown")
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(String(280), nullable=True)
    visitor_code: Mapped[str | None] = mapped_column(String(64), nullable=True)


class OutboxEntry(Base):
    """The queue the sync sender drains, written in the same transaction as the record it carries.
    `payload` is the record exactly as it goes on the wire; `content_hash` is computed from it."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # "help_request" | "shift"
    payload: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class HelpCall(Base):
    """A visitor pressed "Ik heb hulp nodig": local to this kiosk, never synced."""

    __tablename__ = "help_calls"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    walkthrough_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    step_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    taken_by: Mapped[str | None] = mapped_column(ForeignKey("helpers.id"), nullable=True)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Schedule(Base):
    """This location's spreekuur schedule as the server sent it: `data` is a
    `sync.protocol.ScheduleData` as JSON (kiosk/core/schedule.py reads it)."""

    __tablename__ = "schedules"
    location_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class Notice(Base):
    """A notice for the home screen: `data` is a `sync.protocol.NoticeData` as JSON."""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_day: Mapped[date] = mapped_column(Date, index=True)
    data: Mapped[str] = mapped_column(Text)
