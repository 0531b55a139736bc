"""The wire protocol between kiosk and central server (version 1), shared by both sides.

A record's payload is what the kiosk wrote in its outbox, byte for byte; its content hash is the
SHA-256 of the payload's canonical JSON. The server de-duplicates by record id and compares hashes:
same id + same hash = duplicate (success), same id + other hash from the same device = conflict
(ids are scoped per device: another device's use of an id takes nothing from this one).
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Final, Literal, get_args
from urllib.parse import urlparse
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sync.privacy import find_personal_data

PROTOCOL_VERSION: Final = 1  # Final: its type is Literal[1], the models' `protocol` field
MAX_BATCH_ITEMS = 500
MAX_BATCH_BYTES = 1_000_000  # the whole request body; the server answers 413 above it
MAX_REFERENCE_PAGE = 1000
CLOCK_SKEW_LIMIT_SECONDS = 300  # staff are warned above this; records keep the device time

# --- vocabularies ---------------------------------------------------------------------------------
# Each is spelled out here and nowhere else: the Literal types the models below validate with, and
# the tuples (in display order) for everyone who lists or offers the values. Codes travel on the
# wire; their Dutch labels are in sync/labels.py. Topics are not a fixed vocabulary: they are codes
# from the reference data (TopicData), each with its own Dutch label.
RecordKind = Literal["help_request", "shift", "loan_device", "loan", "loan_return", "loan_extension",
                     "loan_contact_erase", "workshop_session"]
Status = Literal["active", "cancelled"]
Channel = Literal["spreekuur", "walk-in", "home-visit", "digibus"]
Outcome = Literal["solved", "partly", "not-solved"]
Referral = Literal["digibuddy", "workshop", "laptop-loan", "social-internet", "social-services", "other"]
FirstVisit = Literal["yes", "no", "unknown"]
TargetGroup = Literal["senior", "jobseeker", "newcomer", "poverty"]
# The languages the help form offers. On the wire `language` stays an open code (any 2-5 letters):
# a kiosk may offer a new language before every server knows it.
HelpLanguage = Literal["nl", "fr", "en", "ar", "uk", "tr", "ru", "fa", "ps", "ti", "ro", "pl", "other"]
LocationKind = Literal["fixed", "digibus"]
Role = Literal["digihelper", "coordinator"]
ReferenceEntity = Literal["location", "helper", "topic", "setting", "schedule", "notice", "loan_device", "workshop",
                          "loan_contact"]
ItemStatus = Literal["created", "duplicate", "conflict", "invalid"]
VisitorLanguage = Literal["nl", "fr", "en", "ar", "uk", "tr", "ru", "fa"]  # the kiosk's interface languages; "fa": Dari
TextSize = Literal["normal", "large", "extra-large"]

RECORD_KINDS: tuple[RecordKind, ...] = get_args(RecordKind)
STATUSES: tuple[Status, ...] = get_args(Status)
CHANNELS: tuple[Channel, ...] = get_args(Channel)
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
REFERRALS: tuple[Referral, ...] = get_args(Referral)
FIRST_VISIT: tuple[FirstVisit, ...] = get_args(FirstVisit)
TARGET_GROUPS: tuple[TargetGroup, ...] = get_args(TargetGroup)
HELP_LANGUAGES: tuple[HelpLanguage, ...] = get_args(HelpLanguage)
LOCATION_KINDS: tuple[LocationKind, ...] = get_args(LocationKind)
ROLES: tuple[Role, ...] = get_args(Role)
REFERENCE_ENTITIES: tuple[ReferenceEntity, ...] = get_args(ReferenceEntity)
ITEM_STATUSES: tuple[ItemStatus, ...] = get_args(ItemStatus)
STORED_STATUSES: frozenset[ItemStatus] = frozenset({"created", "duplicate"})  # the server holds the record
VISITOR_LANGUAGES: tuple[VisitorLanguage, ...] = get_args(VisitorLanguage)
TEXT_SIZES: tuple[TextSize, ...] = get_args(TextSize)
# The vocabularies of a help request by record field: what sync/labels.py must label.
HELP_REQUEST_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "status": STATUSES, "channel": CHANNELS, "outcome": OUTCOMES, "referrals": REFERRALS,
    "first_visit": FIRST_VISIT, "target_groups": TARGET_GROUPS, "language": HELP_LANGUAGES,
}

NOTE_MAX = 280
# Free text without control characters (a NUL cannot be stored in PostgreSQL text); newlines are
# allowed only where the field says so.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
NOTE_TEXT = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"  # line breaks and tabs allowed
# Record times: ISO 8601 text with an offset, inside years every report can handle. (A Unix number
# or year 9999 would be accepted by a plain datetime and break a report or the database later.)
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
MAX_SHIFT = timedelta(hours=24)
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _not_a_bool(value: Any) -> Any:
    if isinstance(value, bool):  # pydantic would take true as 1; JSON Schema's integer does not
        raise ValueError("a whole number, not true or false")
    return value


# For a whole number in a message: 3 or 3.0 (JSON Schema's "integer"), never true/false. It goes
# after the number's bounds (`Annotated[int, Field(ge=0), NOT_A_BOOL]`): before them, pydantic leaves
# the bounds out of the JSON schema.
NOT_A_BOOL = BeforeValidator(_not_a_bool)


def _iso_text(value: Any) -> Any:
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_TIME.match(value)):
        return value
    raise ValueError("a time is ISO 8601 text with its offset, e.g. 2026-11-29T14:05:00+01:00")


def _in_range(value: datetime) -> datetime:
    if not EARLIEST <= value < LATEST:
        raise ValueError("a time between 2020 and 2100")
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_in_range)]
DeviceTime = Annotated[AwareDatetime, BeforeValidator(_iso_text)]  # any year: the kiosk's clock may be wrong


class _Record(BaseModel):
    # defer_build (here, on _Message and StatusReport): a model's validator is built when first used,
    # not at import; a kiosk's start-up uses few of them (tests/test_fast_start.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: UUID
    helper_id: UUID
    location_id: UUID
    stop_name: str | None = Field(None, max_length=120, pattern=PRINTABLE)


class HelpRequestRecord(_Record):
    kind: Literal["help_request"] = "help_request"
    supersedes: UUID | None = None
    created_at: Timestamp
    shift_id: UUID | None = None
    status: Status = "active"
    channel: Channel
    topics: list[str] = Field(min_length=1, max_length=12)
    language: str = Field(pattern=r"^[a-z]{2,5}$")
    duration_min: int = Field(ge=1, le=600)
    outcome: Outcome
    referrals: list[Referral] = []
    first_visit: FirstVisit = "unknown"
    target_groups: list[TargetGroup] = []
    note: str | None = Field(None, max_length=NOTE_MAX, pattern=NOTE_TEXT)
    # Keyed hash (HMAC-SHA256, hex) counting distinct visitors without knowing them; never the facts.
    visitor_code: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")

    @field_validator("topics")
    @classmethod
    def _topic_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not code or len(code) > 40 or not code.isprintable():
                raise ValueError("topic codes are 1-40 printable characters")
        return value


class ShiftRecord(_Record):
    kind: Literal["shift"] = "shift"
    started_at: Timestamp
    ended_at: Timestamp
    auto_closed: bool = False

    @field_validator("ended_at")
    @classmethod
    def _after_start(cls, value: datetime, info: ValidationInfo) -> datetime:
        started = info.data.get("started_at")
        if started is not None and value < started:
            raise ValueError("a shift cannot end before it starts")
        if started is not None and value - started > MAX_SHIFT:
            raise ValueError("a shift lasts at most 24 hours")
        return value


# --- lending (the uitleendienst) ------------------------------------------------------------------
# A device lent to a visitor travels as records like help requests: same outbox, same exactly-once
# rules. The borrower's contact (name, phone) is the one piece of personal data in Digipunt: the
# kiosk seals it to the coordinators' public key (sync/sealed.py, key: LENDING_PUBLIC_KEY in the
# reference data) and can never read it back; the server keeps it apart from the record and erases
# it after the return plus `loan_contact_retention_days`.
DeviceKind = Literal["laptop", "tablet", "smartphone", "hotspot", "other"]
DeviceStatus = Literal["available", "lent", "repair", "retired"]
Accessory = Literal["charger", "case", "mouse"]
DeviceCondition = Literal["good", "worn", "damaged"]
# Why the borrower may borrow: a category, never a copy of a document.
EligibilityBasis = Literal["social-services", "increased-allowance", "uitpas-reduced", "jobseeker", "newcomer",
                           "referral", "other"]
DEVICE_KINDS: tuple[DeviceKind, ...] = get_args(DeviceKind)
DEVICE_STATUSES: tuple[DeviceStatus, ...] = get_args(DeviceStatus)
ACCESSORIES: tuple[Accessory, ...] = get_args(Accessory)
DEVICE_CONDITIONS: tuple[DeviceCondition, ...] = get_args(DeviceCondition)
ELIGIBILITY_BASES: tuple[EligibilityBasis, ...] = get_args(EligibilityBasis)
LENDING_KINDS: frozenset[RecordKind] = frozenset(
    {"loan_device", "loan", "loan_return", "loan_extension", "loan_contact_erase"})
# Kinds are open codes: the coordinator may add one ("e-reader"); DEVICE_KINDS are the usual ones.
DEVICE_KIND_CODE = r"^[a-z][a-z0-9-]{1,29}$"
SEALED_TEXT = r"^[A-Za-z0-9_-]+$"  # base64url, as sync.sealed writes it
MAX_SEALED = 700  # a name and a phone number, sealed: about 100-400 characters
MAX_LOAN_DAYS = 366
LENDING_PUBLIC_KEY = "lending_public_key"  # a reference setting: the key kiosks seal contacts to


class LoanDeviceRecord(_Record):
    """A device registered, or its details or status changed, on a kiosk. The newest `recorded_at`
    of a device wins. Whether it is lent follows from the loans, not from this record."""

    kind: Literal["loan_device"] = "loan_device"
    device_id: UUID
    recorded_at: Timestamp
    tag: str = Field(min_length=1, max_length=40, pattern=PRINTABLE)
    device_kind: str = Field(pattern=DEVICE_KIND_CODE)
    serial: str = Field("", max_length=80, pattern=PRINTABLE)
    model: str = Field("", max_length=120, pattern=PRINTABLE)
    accessories: list[Accessory] = []
    condition: DeviceCondition = "good"
    status: DeviceStatus = "available"

    @property
    def occurred_at(self) -> datetime:
        return self.recorded_at


class LoanRecord(_Record):
    """A loan starts. Its id is the loan's id, named by the return, extensions and an erasure."""

    kind: Literal["loan"] = "loan"
    device_id: UUID
    lent_at: Timestamp
    due_on: date
    accessories: list[Accessory] = []
    eligibility: EligibilityBasis
    note: str | None = Field(None, max_length=NOTE_MAX, pattern=NOTE_TEXT)
    visitor_code: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")  # counts the borrower as a person
    contact_sealed: str | None = Field(None, max_length=MAX_SEALED, pattern=SEALED_TEXT)

    @field_validator("due_on")
    @classmethod
    def _due_after_start(cls, value: date, info: ValidationInfo) -> date:
        lent = info.data.get("lent_at")
        if lent is not None and not lent.date() <= value <= lent.date() + timedelta(days=MAX_LOAN_DAYS):
            raise ValueError("a loan is due between the day it starts and a year later")
        return value

    @property
    def occurred_at(self) -> datetime:
        return self.lent_at


class LoanReturnRecord(_Record):
    kind: Literal["loan_return"] = "loan_return"
    loan_id: UUID
    device_id: UUID
    returned_at: Timestamp
    condition: DeviceCondition
    accessories_back: list[Accessory] = []
    note: str | None = Field(None, max_length=NOTE_MAX, pattern=NOTE_TEXT)

    @property
    def occurred_at(self) -> datetime:
        return self.returned_at


class LoanExtensionRecord(_Record):
    kind: Literal["loan_extension"] = "loan_extension"
    loan_id: UUID
    extended_at: Timestamp
    due_on: date

    @property
    def occurred_at(self) -> datetime:
        return self.extended_at


class LoanContactEraseRecord(_Record):
    """Staff erased the borrower's contact before the retention period ended (the borrower asked)."""

    kind: Literal["loan_contact_erase"] = "loan_contact_erase"
    loan_id: UUID
    erased_at: Timestamp

    @property
    def occurred_at(self) -> datetime:
        return self.erased_at


LendingRecord = LoanDeviceRecord | LoanRecord | LoanReturnRecord | LoanExtensionRecord | LoanContactEraseRecord

# --- workshops (vormingen) ------------------------------------------------------------------------
MAX_ATTENDEES = 500


class WorkshopSessionRecord(_Record):
    """After a planned workshop (reference entity "workshop"), staff record how many came and,
    optionally, the visitor code each attendee typed (distinct people under "skills")."""

    kind: Literal["workshop_session"] = "workshop_session"
    workshop_id: UUID
    recorded_at: Timestamp
    held_at: Timestamp  # when it took place (the plan's time)
    attendees: int = Field(ge=0, le=MAX_ATTENDEES)
    visitor_codes: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field([], max_length=MAX_ATTENDEES)
    note: str | None = Field(None, max_length=NOTE_MAX, pattern=NOTE_TEXT)

    @field_validator("visitor_codes")
    @classmethod
    def _at_most_attendees(cls, value: list[str], info: ValidationInfo) -> list[str]:
        attendees = info.data.get("attendees")
        if attendees is not None and len(set(value)) > attendees:
            raise ValueError("more visitor codes than attendees")
        return value

    @property
    def occurred_at(self) -> datetime:
        return self.held_at

AnyRecord = HelpRequestRecord | ShiftRecord | LendingRecord | WorkshopSessionRecord
Record = Annotated[AnyRecord, Field(discriminator="kind")]


# json.dumps with these options builds a new encoder on every call (about 1 us of the 6 us it takes
# for a help request); the output is the same.
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def canonical_json(payload: dict[str, Any]) -> str:
    return _canonical(payload)


def content_hash(payload: dict[str, Any]) -> str:
    return hash_canonical(canonical_json(payload))


def hash_canonical(text: str) -> str:
    """content_hash() for a payload already in canonical JSON."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_payload(record: AnyRecord) -> dict[str, Any]:
    """The JSON-ready payload for the outbox: the single place a record becomes wire data."""
    return record.model_dump(mode="json")


# --- messages ---------------------------------------------------------------------------------
class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class EnrollRequest(_Message):
    code: str = Field(min_length=4, max_length=64, pattern=PRINTABLE)
    device_name: str = Field("", max_length=120, pattern=PRINTABLE)


class EnrollResponse(_Message):
    device_id: UUID
    token: str
    location_id: UUID | None = None
    server_time: AwareDatetime
    # The public keys (base64, current then next) that sign guide bundles (sync/content_bundle.py),
    # from the server's key files. A kiosk whose settings name no keys pins these.
    content_keys: list[str] = Field(default_factory=list, max_length=2)


class BatchItem(_Message):
    id: UUID
    kind: str  # a RecordKind; an unknown kind is answered `invalid`, not refused with the batch
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    payload: dict[str, Any]


def _any_item_with_id(schema: dict[str, Any]) -> None:
    """On the wire an InvalidItem is any item that names its id (its `reason` is the server's, never
    read from a client): the OpenAPI says so, so that clients and schemathesis know such an item is
    answered `invalid` on its own, not refused with the batch."""
    schema["properties"] = {"id": schema["properties"]["id"]}
    schema["required"] = ["id"]
    schema["additionalProperties"] = True


class InvalidItem(_Message):
    """A batch item that is not a BatchItem but names its id: the server answers it `invalid` with
    this reason and stores the batch's other items. Senders never make one."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_any_item_with_id)

    id: UUID
    reason: str


class BatchRequest(_Message):
    """The body of POST /v1/records:batch. Validation checks the items one by one, so that one bad
    item never fails the others: an item that is not a BatchItem becomes an InvalidItem. Only an
    item without a usable id fails the whole request (it could not be answered on its own).

    The kiosk's sender frames this JSON around the saved payload texts itself (kiosk/sync/outbox.py);
    tests/test_protocol.py proves its bytes equal to `model_dump_json()`."""

    device_time: DeviceTime
    items: list[BatchItem | InvalidItem] = Field(max_length=MAX_BATCH_ITEMS)

    @field_validator("items", mode="before")
    @classmethod
    def _one_by_one(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        try:  # a sender's batch: every item a BatchItem, validated in one call (not 500)
            return _batch_items.validate_python(value)
        except ValidationError:
            return [_batch_item(index, raw) for index, raw in enumerate(value)]


_batch_items = TypeAdapter(list[BatchItem])


def _batch_item(index: int, raw: Any) -> BatchItem | InvalidItem:
    if isinstance(raw, BatchItem | InvalidItem):
        return raw
    try:
        return BatchItem.model_validate(raw)
    except ValidationError as exc:
        try:
            item_id = UUID(str(raw["id"]))
        except (TypeError, KeyError, ValueError):
            raise ValueError(f"item {index} has no valid id") from None
        return InvalidItem(id=item_id, reason=validation_reason(exc))


def validation_reason(exc: ValidationError, tag: str | None = None) -> str:
    """Where and what, never the input itself (a note could hold anything). `tag`: the union
    member pydantic puts first in each location ("help_request.outcome" -> "outcome")."""

    def where(loc: tuple[int | str, ...]) -> str:
        parts = [str(p) for p in (loc[1:] if loc and loc[0] == tag else loc)]
        return ".".join(parts) or "item"
    return "; ".join(f"{where(e['loc'])}: {e['msg']}" for e in exc.errors()[:5])


class ItemResult(_Message):
    id: UUID
    status: ItemStatus
    reason: str | None = None


class BatchResponse(_Message):
    protocol: Literal[1] = PROTOCOL_VERSION
    server_time: AwareDatetime
    results: list[ItemResult]


class Health(_Message):
    """GET /v1/health: the cheap, unauthenticated probe (and a clock reading)."""

    protocol: Literal[1] = PROTOCOL_VERSION
    server_time: AwareDatetime


class ReferenceChange(_Message):
    """One change to reference data; `data` follows the entity's model below (None when deleted)."""

    entity: ReferenceEntity
    key: str
    deleted: bool = False
    data: dict[str, Any] | None = None


class LocationData(_Message):
    name: str = Field(min_length=1, max_length=120)
    kind: LocationKind
    active: bool = True


class HelperData(_Message):
    display_name: str = Field(min_length=1, max_length=80)
    role: Role
    pin_hash: str = Field(min_length=1, max_length=255)  # argon2id; the PIN itself never travels
    active: bool = True


class TopicData(_Message):
    label_nl: str = Field(min_length=1, max_length=120)
    sort_order: int = 0
    active: bool = True


class SettingData(_Message):
    value: Any


# --- the spreekuur schedule and notices -----------------------------------------------------------
# Times of day and dates in a schedule are Belgian wall-clock time, whatever zone a computer is in.
SCHEDULE_ZONE = "Europe/Brussels"
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]  # "14:00"
NOTICE_MAX = 280


class TimeSpan(_Message):
    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _ends_after_start(self) -> TimeSpan:
        if self.end <= self.start:  # "HH:MM" text sorts as the times do
            raise ValueError("a session ends after it starts")
        return self


class WeeklyHours(TimeSpan):
    weekday: int = Field(ge=0, le=6)  # 0 = Monday, as date.weekday()


class ExtraSession(TimeSpan):
    day: date


class BusStop(TimeSpan):
    day: date
    address: str = Field(min_length=1, max_length=160, pattern=PRINTABLE)


class ScheduleData(_Message):
    """A location's spreekuur: weekly hours, days it is closed, extra sessions, and for the digibus
    its dated stops. Key: the location id. Past days are left out when it is published."""

    weekly: list[WeeklyHours] = Field(default_factory=list, max_length=50)
    closed: list[date] = Field(default_factory=list, max_length=400)
    extra: list[ExtraSession] = Field(default_factory=list, max_length=400)
    stops: list[BusStop] = Field(default_factory=list, max_length=1000)


class NoticeData(_Message):
    """A short notice for the home screen, shown from `first_day` to `last_day` (Belgian dates).
    `text` has Dutch ("nl") always, and optional translations per interface language."""

    text: dict[VisitorLanguage, Annotated[str, Field(min_length=1, max_length=NOTICE_MAX, pattern=PRINTABLE)]]
    first_day: date
    last_day: date

    @model_validator(mode="after")
    def _dutch_and_dates(self) -> NoticeData:
        if "nl" not in self.text:
            raise ValueError("a notice always has its Dutch text")
        if self.last_day < self.first_day:
            raise ValueError("a notice ends on or after its first day")
        return self


class LoanDeviceData(_Message):
    """A lending device as the kiosks of its location see it; `open_loan_id`: the loan the server
    knows it is out on (a kiosk of the same location can take it back)."""

    tag: str = Field(min_length=1, max_length=40)
    device_kind: str = Field(pattern=DEVICE_KIND_CODE)
    serial: str = Field("", max_length=80)
    model: str = Field("", max_length=120)
    accessories: list[Accessory] = []
    condition: DeviceCondition = "good"
    status: DeviceStatus = "available"
    location_id: UUID
    open_loan_id: UUID | None = None
    due_on: date | None = None


class LoanContactData(_Message):
    """Keyed by a lending device's id, for the kiosks of its location: its latest loan, returned,
    while the server still holds that borrower's sealed contact, so that any kiosk of the location
    can have it erased on the borrower's request (the contact itself never travels to a kiosk).
    Deleted when there is none: the device is out, the contact was erased or its retention ended.
    An entity of its own, not fields of LoanDeviceData: a kiosk that does not ask for it keeps
    validating its devices (extra fields are refused)."""

    loan_id: UUID
    lent_at: AwareDatetime
    returned_at: AwareDatetime


class WorkshopData(_Message):
    """A planned workshop, for the kiosks of its location: what staff record attendance against."""

    title: str = Field(min_length=1, max_length=120)
    topic: str = Field("", max_length=120)
    starts_at: AwareDatetime
    location_id: UUID
    stop_name: str | None = Field(None, max_length=120)  # a digibus stop
    trainer: str = Field("", max_length=120)
    max_places: int = Field(ge=1, le=MAX_ATTENDEES)
    cancelled: bool = False


REFERENCE_DATA: dict[str, type[_Message]] = {
    "location": LocationData, "helper": HelperData, "topic": TopicData, "setting": SettingData,
    "schedule": ScheduleData, "notice": NoticeData,
    "loan_device": LoanDeviceData, "workshop": WorkshopData,
    "loan_contact": LoanContactData,
}
# What every kiosk since protocol v1 understands. A newer entity reaches only a kiosk that names it
# in `GET /v1/reference?with=...`: an older kiosk would refuse the whole page.
V1_REFERENCE_ENTITIES: frozenset[ReferenceEntity] = frozenset({"location", "helper", "topic", "setting"})
# Keyed per location (a schedule) or meant for some locations (a notice): a kiosk gets only its own.
PER_LOCATION_ENTITIES: frozenset[ReferenceEntity] = frozenset({"schedule", "notice"})
# Keyed by a lending device's id: a kiosk gets only its own location's devices.
DEVICE_KEYED_ENTITIES: frozenset[ReferenceEntity] = frozenset({"loan_device", "loan_contact"})
# Not a setting but a shared secret, sent as one: the HMAC key of visitor codes. Every kiosk needs
# the same key, or one visitor at two locations would count as two people.
VISITOR_CODE_KEY = "visitor_code_key"


# --- settings the centre may set for every kiosk --------------------------------------------------
def check_url(value: str, *, allow_local_http: bool = True) -> str:
    """https://, or http:// to this computer only. The message is Dutch, for staff."""
    parsed = urlparse(value)
    local = parsed.hostname in {"127.0.0.1", "localhost", "::1"}
    if parsed.scheme == "https" or (allow_local_http and parsed.scheme == "http" and local):
        if not parsed.hostname:
            raise ValueError("geen geldig webadres")
        return value
    raise ValueError("moet een https://-adres zijn")


class SharedSettings(BaseModel):
    """Installation settings the central server may set for every kiosk (`SettingData.value`).
    The kiosk's own `Settings` extends this model, so both sides validate a value alike."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default_language: VisitorLanguage = "nl"
    idle_seconds: int = Field(120, ge=15, le=3600)
    idle_countdown_seconds: int = Field(30, ge=5, le=300)
    # On a step where the visitor works on their phone or in the eID PIN window (`works_elsewhere`),
    # "Ik ben bezig op mijn gsm" gives them this long without input.
    phone_idle_seconds: int = Field(600, ge=60, le=3600)
    eloket_url: str = "https://www.leuven.be/e-loket"
    browser_home_url: str = "https://www.vlaanderen.be"
    official_domains: list[str] = Field(default_factory=lambda: ["vlaanderen.be", "belgium.be"])
    default_text_size: TextSize = "normal"
    default_high_contrast: bool = False
    loan_days: int = Field(21, ge=1, le=MAX_LOAN_DAYS)  # a new loan's due date, days from today
    # After a loan's return plus this many days the server erases the borrower's sealed contact.
    loan_contact_retention_days: int = Field(30, ge=1, le=3650)

    @field_validator("eloket_url", "browser_home_url")
    @classmethod
    def _https(cls, value: str) -> str:
        return check_url(value)

    @field_validator("official_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        cleaned = [d.strip().lower().lstrip(".") for d in value]
        for domain in cleaned:
            if not domain or "/" in domain or " " in domain or "." not in domain:
                raise ValueError(f"'{domain}' is geen domeinnaam (bijvoorbeeld: vlaanderen.be)")
        return cleaned


SHARED_SETTINGS = tuple(SharedSettings.model_fields)


class ReferencePage(_Message):
    protocol: Literal[1] = PROTOCOL_VERSION
    server_time: AwareDatetime
    cursor: int  # pass as ?since= to get the changes after this page
    has_more: bool
    changes: list[ReferenceChange]
    # The help-call key of the asking kiosk's location (64 hex: 32 random bytes), on every page;
    # None for a kiosk without a location. Never part of the change log: no kiosk sees another's.
    call_key: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")


class ErrorBody(_Message):
    error: str
    detail: Any = None


class HelperSetupRequest(_Message):
    """POST /v1/helpers:setup: a helper sets their own PIN on a kiosk with the one-time set-up code
    a coordinator made in the console. The kiosk hashes the PIN (argon2id); the PIN never travels."""

    code: str = Field(min_length=4, max_length=64, pattern=PRINTABLE)
    pin_hash: str = Field(min_length=20, max_length=255, pattern=r"^\$argon2id\$[!-~]+$")


class HelperSetupResponse(_Message):
    helper_id: UUID
    display_name: str
    server_time: AwareDatetime


# --- the kiosk's status report --------------------------------------------------------------------
# POST /v1/status, once per sync after the records went (kiosk/sync/engine.py): what the console's
# kiosks page shows per kiosk. Its own small request, so the exactly-once batch and its framing stay
# untouched; older kiosks send none and keep syncing. Versioned: `report_version` names the version
# the kiosk speaks, and a newer version only ADDS fields (a field never changes meaning; a changed
# meaning is a new name). The server ignores fields it does not know, so a newer kiosk's report
# still lands on an older server.
STATUS_REPORT_VERSION: Final = 1
STATUS_TEXT_MAX = 200
STATUS_TEXT_WITHHELD = "(tekst weggelaten: kon persoonsgegevens bevatten)"
_STATUS_TEXT_SCAN = 2000  # the note guard reads at most this much of a text before it is cut


def status_text(value: Any) -> str | None:
    """Free text of a status report (an error) made safe to keep and show: one line without
    control characters, at most STATUS_TEXT_MAX characters, and withheld as a whole when the note
    guard (sync/privacy.py) finds personal data in it. It cleans instead of refusing, so a report
    with an odd error text still arrives. The kiosk and the server both apply it (the model below)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("text")
    # Control and format characters (a right-to-left override could make a text look like another)
    # become spaces; runs of white space one space.
    line = " ".join("".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c
                            for c in value[:_STATUS_TEXT_SCAN]).split())
    if not line:
        return None
    if find_personal_data(line):
        return STATUS_TEXT_WITHHELD
    return line if len(line) <= STATUS_TEXT_MAX else line[:STATUS_TEXT_MAX - 1] + "…"


StatusText = Annotated[str | None, BeforeValidator(status_text)]
# A version or revision: "0.1.0", "0.2.0rc1+city", "0003", a content bundle's "2026-11-30.1" or hash.
VersionText = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z][0-9A-Za-z.+_:-]*$")]


class StatusReport(BaseModel):
    """POST /v1/status: how a kiosk is doing. Every field but the clock is optional (None: the kiosk
    does not know or does not say). Unknown fields are ignored, not refused (a newer kiosk)."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)

    report_version: Annotated[int, Field(ge=1, le=1000), NOT_A_BOOL] = STATUS_REPORT_VERSION
    kiosk_time: DeviceTime  # the kiosk's clock when it sent this: the server computes the offset
    app_version: VersionText | None = None  # sync/version.py
    content_version: VersionText | None = None  # the guides installed (a bundle's version, or their hash)
    content_error: StatusText = None  # the last content bundle the kiosk refused, and why
    schema_version: VersionText | None = None  # the kiosk store's Alembic revision
    # outbox entries not yet acknowledged; set aside (refused, or failing alone)
    records_waiting: Annotated[int, Field(ge=0, le=10**9), NOT_A_BOOL] | None = None
    records_parked: Annotated[int, Field(ge=0, le=10**9), NOT_A_BOOL] | None = None
    last_error: StatusText = None  # the last failed sync, in a few words (no personal data)
    last_error_at: DeviceTime | None = None  # by the kiosk's clock


class StatusResponse(_Message):
    protocol: Literal[1] = PROTOCOL_VERSION
    server_time: AwareDatetime


# --- help calls through the server (the helper's phone page) ---------------------------------------
CallState = Literal["open", "taken", "withdrawn"]


class CallReport(_Message):
    """POST /v1/calls: an enrolled kiosk reports a visitor's help call, or its end. No identity:
    which guide and step, which kiosk (the coordinator's name for it), when."""

    id: UUID
    state: CallState
    kiosk_name: str = Field("", max_length=120, pattern=PRINTABLE)
    walkthrough_id: str | None = Field(None, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    step_index: Annotated[int, Field(ge=0, le=500), NOT_A_BOOL] | None = None
    what: str = Field("", max_length=200, pattern=PRINTABLE)  # in Dutch: the guide and its step
    created_at: DeviceTime


class CallUpdates(_Message):
    """GET /v1/calls: the calls of the kiosk's location (made in the last hours) that are no longer
    open, e.g. taken by a helper on their phone: the kiosks clear them."""

    server_time: AwareDatetime
    closed: list[UUID]
