"""Tables of the central server. Schema changes go through a new revision in `migrations/versions/`.

Records are stored as received (canonical JSON payload + content hash), with the receiving device
and time; a few fields are copied out of the payload for the monthly export.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sync.server.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "fixed" | "digibus"
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Helper(Base):
    __tablename__ = "helpers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    # argon2id, made by whoever typed the PIN; None until the helper sets it with a set-up code
    pin_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class HelperLocation(Base):
    """Where a helper works. A helper without rows works at every location (city-wide)."""

    __tablename__ = "helper_locations"
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)


class HelperSetupCode(Base):
    """A one-time code with which a helper sets their own PIN on a kiosk (the coordinator who made
    it never sees the PIN). Only the SHA-256 of the code is kept."""

    __tablename__ = "helper_setup_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), nullable=True)


class Topic(Base):
    __tablename__ = "topics"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class ReferenceChange(Base):
    """The change log the kiosks pull: `seq` is the cursor. Writers hold a table lock until commit
    (see reference.py), so a higher seq never becomes visible before a lower one."""

    __tablename__ = "reference_changes"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=True)
    entity: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_reference_changes_entity_key", "entity", "key"),)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    location_id: Mapped[str | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    # SHA-256 of the token: tokens are 256 random bits, so a slow hash adds nothing.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class EnrollCode(Base):
    __tablename__ = "enroll_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), nullable=True)


class StoredRecord(Base):
    """Keyed by (id, device_id): a record id is scoped per device, so no kiosk can take an id that
    another has not sent yet. One content is stored once per id, whichever device sent it (the
    unique index): a kiosk enrolled again resends what the server has as duplicates."""

    __tablename__ = "records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the record's UUID: de-duplication
    kind: Mapped[str] = mapped_column(String(24))
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, as hashed
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)  # the sender
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location_id: Mapped[str] = mapped_column(String(36))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)  # created_at or started_at (device time)
    supersedes: Mapped[str | None] = mapped_column(String(36), nullable=True)

    __table_args__ = (Index("ix_records_kind_occurred_at", "kind", "occurred_at"),
                      Index("uq_records_id_content_hash", "id", "content_hash", unique=True),
                      Index("ix_records_supersedes", "supersedes"))


class HelpRequestHead(Base):
    """A summary table: one row per help request, its latest version, dated by its first (the
    chain rule, `summaries.chains_of`). Derived from `records` only; kept in the ingest transaction
    by `sync/server/summaries.py`, which is the only writer. The console's overview, records table
    and downloads read it instead of walking every chain. Keyed like `records` (ids are per device)."""

    __tablename__ = "help_request_heads"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the latest version's record id
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # and the device that sent it
    location_id: Mapped[str] = mapped_column(String(36))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the first version's
    helper_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(24))
    channel: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16))  # "active" | "cancelled": a cancelled one does not count
    topics: Mapped[str] = mapped_column(Text)  # codes between "\x1f" separators (summaries.topics_text)
    visitor_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    versions: Mapped[int] = mapped_column(Integer)
    corrected: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_help_request_heads_occurred_at", "occurred_at", "id", "device_id"),  # the records table's order
        Index("ix_help_request_heads_location", "location_id", "occurred_at", "id", "device_id",
              postgresql_include=["status", "visitor_code"]),
        Index("ix_help_request_heads_helper", "helper_id", "occurred_at"),
        # distinct people of a period: the counted requests with a code only, read from the index alone
        Index("ix_help_request_heads_people", "occurred_at", "visitor_code",
              postgresql_where=text("status <> 'cancelled' AND visitor_code IS NOT NULL"),
              sqlite_where=text("status <> 'cancelled' AND visitor_code IS NOT NULL")),
        # "was this person seen in those months?", for the rest of a period (console/overview.py)
        Index("ix_help_request_heads_visitor", "visitor_code", "occurred_at",
              postgresql_where=text("status <> 'cancelled' AND visitor_code IS NOT NULL"),
              sqlite_where=text("status <> 'cancelled' AND visitor_code IS NOT NULL"),
              postgresql_include=["location_id"]),
    )


class SummaryMonth(Base):
    """A summary table: a past month's figures per location (help requests, shifts, volunteer
    seconds, distinct people) and the month's distinct people over all locations, as JSON
    (console/overview.py reads and writes it). Valid while no `summary_changes` row names the month."""

    __tablename__ = "summary_months"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM in Europe/Brussels
    figures: Mapped[str] = mapped_column(Text)


class SummaryPeople(Base):
    """A summary table: the distinct people of a run of whole past months at a set of locations (the
    stable part of a subsidy period), valid while those months' `summary_months` rows are the
    versions it was counted from (console/overview.py `period_people`)."""

    __tablename__ = "summary_people"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # "YYYY-MM..YYYY-MM|<locations>"
    versions: Mapped[str] = mapped_column(String(64))  # SHA-256 of the months' versions
    people: Mapped[int] = mapped_column(Integer)


class SummaryChange(Base):
    """A month whose records changed: inserted at ingest (insert only, so concurrent batches never
    wait for each other), deleted by whoever recomputes that month's `summary_months` row."""

    __tablename__ = "summary_changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7), index=True)


class RateLimit(Base):
    """Failures per key ("enroll:<address>", "login-user:<name>" ...): the rate limiter's state, in
    the database so that every server process applies the same limit (ratelimit.py)."""

    __tablename__ = "rate_limits"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


# --- the coordinator console ------------------------------------------------------------------
class ConsoleUser(Base):
    """A person who uses the web console. Not a kiosk helper: a username and a password."""

    __tablename__ = "console_users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored case-folded
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id
    role: Mapped[str] = mapped_column(String(16))  # "admin" | "coordinator" | "viewer"
    all_locations: Mapped[bool] = mapped_column(Boolean, default=False)  # admins always; viewers may
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConsoleUserLocation(Base):
    __tablename__ = "console_user_locations"
    user_id: Mapped[str] = mapped_column(ForeignKey("console_users.id"), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)


class ConsoleSession(Base):
    """A login. Kept in the database, so any server process serves any request. `id` is the
    SHA-256 of the cookie's random token: a copy of this table logs nobody in."""

    __tablename__ = "console_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("console_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Who changed what, and when: every state-changing console action (and admin CLI commands)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    username: Mapped[str] = mapped_column(String(64))  # kept as it was, also if the user is renamed
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class QuarantinedRecord(Base):
    """A stored record that no longer passes the protocol's checks (found by migration s0005), kept
    aside so that no report can break on it. An admin fixes or discards each one (quarantine.py)."""

    __tablename__ = "quarantined_records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # as it was stored
    device_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- kiosk status reports ------------------------------------------------------------------------
class DeviceStatus(Base):
    """The latest status report of a kiosk (sync.protocol.StatusReport, POST /v1/status): one row per
    device, replaced by each report. Texts arrive cleaned and bounded by the protocol's model."""

    __tablename__ = "device_status"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    report_version: Mapped[int] = mapped_column(Integer)
    # kiosk clock minus server time at receipt, in seconds: positive when the kiosk runs ahead
    clock_offset_seconds: Mapped[float] = mapped_column(Float)
    app_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    content_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    content_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    schema_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    records_waiting: Mapped[int | None] = mapped_column(Integer, nullable=True)
    records_parked: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # server time
# --- what the home screens show: the spreekuur schedule and notices ---------------------------
class ScheduleEntry(Base):
    """One line of a location's schedule (times are Belgian wall-clock "HH:MM"): `weekly` hours on
    a weekday, a `closed` day, an `extra` session on a day, or a digibus `stop` (day, hours,
    address). Kiosks receive the location's lines as one `ScheduleData` (sync/server/schedule.py)."""

    __tablename__ = "schedule_entries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "weekly" | "closed" | "extra" | "stop"
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0 = Monday; weekly only
    day: Mapped[date | None] = mapped_column(Date, nullable=True)  # closed, extra, stop
    start: Mapped[str | None] = mapped_column(String(5), nullable=True)
    end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    address: Mapped[str | None] = mapped_column(String(160), nullable=True)  # stop only


class Notice(Base):
    """A short notice for the home screens of one or more locations. `text`: JSON {language: text},
    Dutch ("nl") always."""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NoticeLocation(Base):
    __tablename__ = "notice_locations"
    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)
class ContentBundle(Base):
    """A published guide bundle (sync/content_bundle.py): the manifest exactly as signed, its
    signature and key id. The signing key itself is never in the database (sync/server/content.py)."""

    __tablename__ = "content_bundles"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    manifest: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")  # what changed, for the console's list


class ContentBlob(Base):
    """A file of one or more bundles, stored once by its SHA-256 (kiosks fetch it by hash)."""

    __tablename__ = "content_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ContentDraft(Base):
    """A guide uploaded in the console (a zip of one walkthrough folder), not yet published."""

    __tablename__ = "content_drafts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    guide_id: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)  # the zip as uploaded
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
class LocationCallKey(Base):
    """The random key the kiosks of one location share for help calls (kiosk/net/calls.py), made
    with the location (sync/server/callkeys.py) and given only to that location's kiosks."""

    __tablename__ = "location_call_keys"
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))  # 32 random bytes, hex
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ServerHelpCall(Base):
    """A visitor's open help call, reported by an enrolled kiosk for the helpers' phone page
    (sync/server/helpcalls.py). No identity; rows go a day after the call."""

    __tablename__ = "server_help_calls"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's call id
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    kiosk_name: Mapped[str] = mapped_column(String(120))
    walkthrough_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    step_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    what: Mapped[str] = mapped_column(String(200), default="")  # the guide and step, in Dutch
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16))  # a CallState
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    taken_by: Mapped[str | None] = mapped_column(String(36), nullable=True)  # a helper id, taken on the phone


class HelperPhoneCode(Base):
    """A one-time code a console user makes for a digihelper's phone (sync/server/phone.py)."""

    __tablename__ = "helper_phone_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the code
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class HelperPhoneSession(Base):
    """A digihelper's phone, signed in with a phone code: the cookie's token, hashed."""

    __tablename__ = "helper_phone_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    helper_id: Mapped[str] = mapped_column(ForeignKey("helpers.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
# --- lending (sync/server/lending.py) ----------------------------------------------------------
class LoanDevice(Base):
    """A device the uitleendienst lends. `status` is what a coordinator or kiosk set (available,
    repair, retired); whether it is out follows from `loans`."""

    __tablename__ = "loan_devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), index=True)
    device_kind: Mapped[str] = mapped_column(String(30))
    serial: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    accessories: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of accessory codes
    condition: Mapped[str] = mapped_column(String(16), default="good")
    status: Mapped[str] = mapped_column(String(16), default="available")
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), index=True)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # newest record applied


class Loan(Base):
    """One loan, as its records (loan, return, extensions, erasure) add up, in any arrival order:
    a return that arrives first makes the row, the loan fills it in later. `contact_sealed` is the
    borrower's contact sealed to the coordinators' key; NULL once erased (`contact_erased_at`)."""

    __tablename__ = "loans"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the LoanRecord's id
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    location_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    helper_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    lent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # the newest extension
    accessories: Mapped[str] = mapped_column(Text, default="[]")
    eligibility: Mapped[str | None] = mapped_column(String(24), nullable=True)
    visitor_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    contact_sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    return_condition: Mapped[str | None] = mapped_column(String(16), nullable=True)
    accessories_back: Mapped[str | None] = mapped_column(Text, nullable=True)
    returns: Mapped[int] = mapped_column(Integer, default=0)  # return records received (2+: returned twice)
    conflict_resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Workshop(Base):
    """A workshop (vorming) a coordinator planned; kiosks of its location get it as reference data
    and record its attendance as a workshop_session record (sync/server/workshops.py)."""

    __tablename__ = "workshops"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    topic: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), index=True)
    stop_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    trainer: Mapped[str] = mapped_column(String(120), default="")
    max_places: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
