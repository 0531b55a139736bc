"""The wire protocol between kiosk and central server (version 1), shared by both sides.

A record's payload is what the kiosk wrote in its outbox, byte for byte; its content hash is the
SHA-256 of the payload's canonical JSON. The server de-duplicates by record id and compares hashes:
same id + same hash = duplicate (success), same id + other hash = conflict.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlparse
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

PROTOCOL_VERSION = 1
MAX_BATCH_ITEMS = 500
MAX_BATCH_BYTES = 1_000_000  # the whole request body; the server answers 413 above it
MAX_REFERENCE_PAGE = 1000
CLOCK_SKEW_LIMIT_SECONDS = 300  # staff are warned above this; records keep the device time

# Vocabularies of a help request (codes on the wire; Dutch labels live in the UI).
CHANNELS = ("spreekuur", "walk-in", "home-visit", "digibus")
OUTCOMES = ("solved", "partly", "not-solved")
REFERRALS = ("digibuddy", "workshop", "laptop-loan", "social-internet", "social-services", "other")
FIRST_VISIT = ("yes", "no", "unknown")
TARGET_GROUPS = ("senior", "jobseeker", "newcomer", "poverty")
HELP_LANGUAGES = ("nl", "fr", "en", "ar", "uk", "tr", "ru", "fa", "ps", "ti", "ro", "pl", "other")
STATUSES = ("active", "cancelled")
NOTE_MAX = 280
# Free text without control characters (a NUL cannot be stored in PostgreSQL text); newlines are
# allowed only where the field says so.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: UUID
    helper_id: UUID
    location_id: UUID
    stop_name: str | None = Field(None, max_length=120)


class HelpRequestRecord(_Record):
    kind: Literal["help_request"] = "help_request"
    supersedes: UUID | None = None
    created_at: AwareDatetime
    shift_id: UUID | None = None
    status: Literal["active", "cancelled"] = "active"
    channel: Literal["spreekuur", "walk-in", "home-visit", "digibus"]
    topics: list[str] = Field(min_length=1, max_length=12)
    language: str = Field(pattern=r"^[a-z]{2,5}$")
    duration_min: int = Field(ge=1, le=600)
    outcome: Literal["solved", "partly", "not-solved"]
    referrals: list[Literal["digibuddy", "workshop", "laptop-loan", "social-internet", "social-services", "other"]] = []
    first_visit: Literal["yes", "no", "unknown"] = "unknown"
    target_groups: list[Literal["senior", "jobseeker", "newcomer", "poverty"]] = []
    note: str | None = Field(None, max_length=NOTE_MAX)
    # Keyed hash (HMAC-SHA256, hex) counting distinct visitors without knowing them; never the facts.
    visitor_code: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")

    @field_validator("topics")
    @classmethod
    def _topic_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not code or len(code) > 40:
                raise ValueError("topic codes are 1-40 characters")
        return value


class ShiftRecord(_Record):
    kind: Literal["shift"] = "shift"
    started_at: AwareDatetime
    ended_at: AwareDatetime
    auto_closed: bool = False

    @field_validator("ended_at")
    @classmethod
    def _after_start(cls, value: datetime, info) -> datetime:
        started = info.data.get("started_at")
        if started is not None and value < started:
            raise ValueError("a shift cannot end before it starts")
        return value


Record = Annotated[HelpRequestRecord | ShiftRecord, Field(discriminator="kind")]
RECORD_KINDS = ("help_request", "shift")


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(payload: dict[str, Any]) -> str:
    return hash_canonical(canonical_json(payload))


def hash_canonical(text: str) -> str:
    """content_hash() for a payload already in canonical JSON."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_payload(record: HelpRequestRecord | ShiftRecord) -> dict[str, Any]:
    """The JSON-ready payload for the outbox: the single place a record becomes wire data."""
    return record.model_dump(mode="json")


# --- messages ---------------------------------------------------------------------------------
class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrollRequest(_Message):
    code: str = Field(min_length=4, max_length=64, pattern=PRINTABLE)
    device_name: str = Field("", max_length=120, pattern=PRINTABLE)


class EnrollResponse(_Message):
    device_id: UUID
    token: str
    location_id: UUID | None = None
    server_time: AwareDatetime


class BatchItem(_Message):
    id: UUID
    kind: str
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    payload: dict[str, Any]


class BatchRequest(_Message):
    device_time: AwareDatetime
    items: list[BatchItem] = Field(max_length=MAX_BATCH_ITEMS)


ItemStatus = Literal["created", "duplicate", "conflict", "invalid"]


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

    entity: Literal["location", "helper", "topic", "setting"]
    key: str
    deleted: bool = False
    data: dict[str, Any] | None = None


class LocationData(_Message):
    name: str = Field(min_length=1, max_length=120)
    kind: Literal["fixed", "digibus"]
    active: bool = True


class HelperData(_Message):
    display_name: str = Field(min_length=1, max_length=80)
    role: Literal["digihelper", "coordinator"]
    pin_hash: str = Field(min_length=1, max_length=255)  # argon2id; the PIN itself never travels
    active: bool = True


class TopicData(_Message):
    label_nl: str = Field(min_length=1, max_length=120)
    sort_order: int = 0
    active: bool = True


class SettingData(_Message):
    value: Any


REFERENCE_DATA: dict[str, type[_Message]] = {
    "location": LocationData, "helper": HelperData, "topic": TopicData, "setting": SettingData,
}
# Not a setting but a shared secret, sent as one: the HMAC key of visitor codes. Every kiosk needs
# the same key, or one visitor at two locations would count as two people.
VISITOR_CODE_KEY = "visitor_code_key"


# --- settings the centre may set for every kiosk --------------------------------------------------
VISITOR_LANGUAGES = ("nl", "fr", "en", "ar", "uk", "tr")  # the kiosk's interface languages
TEXT_SIZES = ("normal", "large", "extra-large")


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

    default_language: Literal["nl", "fr", "en", "ar", "uk", "tr"] = "nl"
    idle_seconds: int = Field(120, ge=15, le=3600)
    idle_countdown_seconds: int = Field(30, ge=5, le=300)
    # On a step where the visitor works on their phone or in the eID PIN window (`works_elsewhere`),
    # "Ik ben bezig op mijn gsm" gives them this long without input.
    phone_idle_seconds: int = Field(600, ge=60, le=3600)
    eloket_url: str = "https://www.leuven.be/e-loket"
    browser_home_url: str = "https://www.vlaanderen.be"
    official_domains: list[str] = Field(default_factory=lambda: ["vlaanderen.be", "belgium.be"])
    default_text_size: Literal["normal", "large", "extra-large"] = "normal"
    default_high_contrast: bool = False

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


class ErrorBody(_Message):
    error: str
    detail: Any = None
