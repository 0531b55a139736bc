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


class LoanDevice(Base):
    """A device this kiosk's location lends: from the server's reference data, or registered here."""

    __tablename__ = "loan_devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), index=True)  # the inventory tag, scanned or typed
    device_kind: Mapped[str] = mapped_column(String(30))
    serial: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    accessories: Mapped[list[str]] = mapped_column(JSON, default=list)
    condition: Mapped[str] = mapped_column(String(16), default="good")
    status: Mapped[str] = mapped_column(String(16), default="available")
    location_id: Mapped[str] = mapped_column(String(36))
    open_loan_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Loan(Base):
    """This kiosk's view of a loan made here (each change also went out as its own record).
    `contact_sealed` is the borrower's contact sealed to the coordinators' key: this kiosk cannot
    open it, and it is erased here as soon as the server acknowledged the loan record."""

    __tablename__ = "loans"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the LoanRecord's id
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"))
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"))
    lent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[date] = mapped_column(Date)
    accessories: Mapped[list[str]] = mapped_column(JSON, default=list)
    eligibility: Mapped[str] = mapped_column(String(24))
    contact_sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    return_condition: Mapped[str | None] = mapped_column(String(16), nullable=True)
    accessories_back: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class ErasableLoan(Base):
    """Per lending device of this location: its latest loan, returned, whose borrower's contact the
    server still holds (reference entity `loan_contact`), or the loan this kiosk just took back.
    Only ids and times: a kiosk of the location can have that contact erased, never read it."""

    __tablename__ = "erasable_loans"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    loan_id: Mapped[str] = mapped_column(String(36))
    lent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # None: taken back here, not lent
    returned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Workshop(Base):
    """A workshop planned at this kiosk's location (from the server's reference data);
    `recorded_id`: the attendance record this kiosk made for it."""

    __tablename__ = "workshops"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    topic: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    location_id: Mapped[str] = mapped_column(String(36))
    stop_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    trainer: Mapped[str] = mapped_column(String(120), default="")
    max_places: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
