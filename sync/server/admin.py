"""Administration of the central server: locations, enrollment codes, devices, helpers, topics,
settings. Used by the CLI; each function works in the caller's transaction."""
from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from sync.pins import PinRuleError, hash_pin
from sync.protocol import SHARED_SETTINGS, HelperData, LocationData, SettingData, SharedSettings, TopicData
from sync.server.db import utcnow
from sync.server.models import Device, EnrollCode, Helper, Location, Setting, Topic
from sync.server.reference import record_change

ENROLL_CODE_VALIDITY = timedelta(hours=24)
# No 0/O, 1/I/L: codes are read aloud and typed on a kiosk. 12 symbols of 31: about 59 bits.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12


class AdminError(ValueError):
    """A request the server refuses; the message says why."""


def secret_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


# --- locations and enrollment ------------------------------------------------------------------
def ensure_location(session: Session, name: str, kind: str = "fixed") -> tuple[Location, bool]:
    """The location called `name`, created (and announced to kiosks) when new."""
    name = name.strip()
    location = session.scalar(select(Location).where(Location.name == name))
    if location is not None:
        return location, False
    try:
        data = LocationData(name=name, kind=kind)
    except ValidationError as exc:
        raise AdminError(f"invalid location: {exc.errors()[0]['msg']}") from None
    location = Location(id=str(uuid.uuid4()), name=data.name, kind=data.kind, active=True)
    session.add(location)
    session.flush()  # enrollment codes and devices refer to it in this transaction
    record_change(session, "location", location.id, data)
    return location, True


def create_enroll_code(session: Session, location: Location, now: datetime | None = None) -> tuple[str, datetime]:
    """A single-use code for one device at `location`; only its hash is kept."""
    now = now or utcnow()
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    expires = now + ENROLL_CODE_VALIDITY
    session.add(EnrollCode(code_hash=secret_hash(raw), location_id=location.id, created_at=now, expires_at=expires))
    return "-".join(raw[i:i + 4] for i in range(0, _CODE_LENGTH, 4)), expires


def redeem_enroll_code(session: Session, code: str, device_name: str, now: datetime | None = None) -> tuple[Device, str]:
    """Trade a valid code for a new device and its token. Raises AdminError when the code is
    unknown, used or expired (one message for all three: no oracle for guessing)."""
    now = now or utcnow()
    code_hash = secret_hash(normalize_code(code))
    row = session.get(EnrollCode, code_hash)
    if row is None:
        raise AdminError("unknown, used or expired enrollment code")
    token = secrets.token_urlsafe(32)
    device = Device(id=str(uuid.uuid4()), name=device_name.strip() or "kiosk", location_id=row.location_id,
                    token_hash=secret_hash(token), enrolled_at=now)
    session.add(device)
    session.flush()
    # The conditional update is what makes a code single-use under concurrent redemptions.
    claimed = session.execute(
        update(EnrollCode)
        .where(EnrollCode.code_hash == code_hash, EnrollCode.used_at.is_(None), EnrollCode.expires_at > now)
        .values(used_at=now, device_id=device.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise AdminError("unknown, used or expired enrollment code")
    return device, token


def device_for_token(session: Session, token: str) -> Device | None:
    device = session.scalar(select(Device).where(Device.token_hash == secret_hash(token)))
    return device if device is not None and device.revoked_at is None else None


SEEN_PRECISION = timedelta(minutes=1)  # "last seen" is written at most this often per device


def note_seen(session: Session, device: Device, now: datetime) -> None:
    """Every authenticated request counts as contact (a pull as much as a push)."""
    if device.last_seen_at is None or now - device.last_seen_at >= SEEN_PRECISION:
        device.last_seen_at = now


def rename_device(session: Session, device_id: str, name: str) -> Device:
    """The name coordinators know a kiosk by, e.g. "PC 3 bij het raam"."""
    device = session.get(Device, device_id)
    if device is None:
        raise AdminError(f"no device with id {device_id}")
    name = name.strip()
    if not name or len(name) > 120 or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise AdminError("a device name is 1-120 characters, without control characters")
    device.name = name
    return device


def revoke_device(session: Session, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise AdminError(f"no device with id {device_id}")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
    return device


# --- helpers, topics, settings ------------------------------------------------------------------
def _find_helper(session: Session, name_or_id: str) -> Helper:
    matches = session.scalars(select(Helper).where(
        Helper.active, or_(Helper.id == name_or_id, Helper.display_name == name_or_id))).all()
    if len(matches) != 1:
        raise AdminError(f"{len(matches)} active helpers match {name_or_id!r}; use the id")
    return matches[0]


def add_helper(session: Session, display_name: str, role: str, pin: str) -> Helper:
    try:
        data = HelperData(display_name=display_name.strip(), role=role, pin_hash=hash_pin(pin))
    except PinRuleError as exc:
        raise AdminError(str(exc)) from None
    except ValidationError as exc:
        raise AdminError(f"invalid helper: {exc.errors()[0]['msg']}") from None
    helper = Helper(id=str(uuid.uuid4()), **data.model_dump())
    session.add(helper)
    record_change(session, "helper", helper.id, data)
    return helper


def remove_helper(session: Session, name_or_id: str) -> Helper:
    helper = _find_helper(session, name_or_id)
    helper.active = False
    record_change(session, "helper", helper.id, None)
    return helper


def set_topic(session: Session, code: str, label_nl: str, sort_order: int = 0) -> Topic:
    try:
        data = TopicData(label_nl=label_nl, sort_order=sort_order)
    except ValidationError as exc:
        raise AdminError(f"invalid topic: {exc.errors()[0]['msg']}") from None
    if not code or len(code) > 40:
        raise AdminError("topic codes are 1-40 characters")
    topic = session.get(Topic, code) or Topic(code=code)
    topic.label_nl, topic.sort_order, topic.active = data.label_nl, data.sort_order, True
    session.add(topic)
    record_change(session, "topic", code, data)
    return topic


def remove_topic(session: Session, code: str) -> None:
    topic = session.get(Topic, code)
    if topic is None or not topic.active:
        raise AdminError(f"no active topic {code!r}")
    topic.active = False
    record_change(session, "topic", code, None)


def set_setting(session: Session, key: str, value_json: str) -> None:
    """Set an installation setting for every kiosk; validated as the kiosk will read it."""
    if key not in SHARED_SETTINGS:
        raise AdminError(f"{key!r} is not a shared setting; choose one of: {', '.join(SHARED_SETTINGS)}")
    try:
        value = json.loads(value_json)
    except ValueError:
        raise AdminError("the value must be JSON, e.g. 300, \"fr\" or [\"gent.be\"]") from None
    try:
        SharedSettings.model_validate({key: value})
    except ValidationError as exc:
        raise AdminError(f"invalid value for {key}: {exc.errors()[0]['msg']}") from None
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(value)
    session.add(row)
    record_change(session, "setting", key, SettingData(value=value))


def unset_setting(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is None or key not in SHARED_SETTINGS:
        raise AdminError(f"setting {key!r} is not set")
    session.delete(row)
    record_change(session, "setting", key, None)
