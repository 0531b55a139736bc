"""Administration of the central server: locations, enrollment codes, devices, helpers, topics,
settings. Used by the CLI; each function works in the caller's transaction."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import CursorResult, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from sync.pins import PinRuleError, hash_pin
from sync.protocol import (
    LOCATION_KINDS,
    ROLES,
    SHARED_SETTINGS,
    HelperData,
    LocationData,
    SettingData,
    SharedSettings,
    TopicData,
)
from sync.server.callkeys import new_call_key
from sync.server.db import utcnow
from sync.server.models import (
    Device,
    EnrollCode,
    Helper,
    HelperLocation,
    HelperSetupCode,
    Location,
    Setting,
    Topic,
)
from sync.server.reference import record_change

ENROLL_CODE_VALIDITY = timedelta(hours=24)
SETUP_CODE_VALIDITY = timedelta(days=7)
# No 0/O, 1/I/L: codes are read aloud and typed on a kiosk. 12 symbols of 31: about 59 bits.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12


class AdminError(ValueError):
    """A request the server refuses; the message says why."""


def secret_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_code() -> tuple[str, str]:
    """A random code as people read it (ABCD-EFGH-JKLM) and the hash that is kept of it."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, _CODE_LENGTH, 4)), secret_hash(raw)


def _printable_name(name: str, max_length: int, what: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > max_length or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise AdminError(f"{what} heeft 1 tot {max_length} tekens.")
    return name


# --- locations and enrollment ------------------------------------------------------------------

def ensure_location(session: Session, name: str, kind: str = "fixed") -> tuple[Location, bool]:
    """The location called `name`, created (and announced to kiosks) when new."""
    location = session.scalar(select(Location).where(Location.name == name.strip()))
    if location is not None:
        return location, False
    return add_location(session, name, kind), True


def add_location(session: Session, name: str, kind: str) -> Location:
    name = _printable_name(name, 120, "De naam van een locatie")
    if kind not in LOCATION_KINDS:
        raise AdminError("Een locatie is een vaste plaats of een digibus.")
    if session.scalar(select(Location.id).where(Location.name == name)):
        raise AdminError(f"Er is al een locatie die {name} heet. Kies een andere naam.")
    location = Location(id=str(uuid.uuid4()), name=name, kind=kind, active=True)
    session.add(location)
    session.flush()  # enrollment codes and devices refer to it in this transaction
    new_call_key(session, location.id)  # its kiosks' help-call key (sync/server/callkeys.py)
    _publish_location(session, location)
    return location


def rename_location(session: Session, location: Location, name: str) -> None:
    name = _printable_name(name, 120, "De naam van een locatie")
    if session.scalar(select(Location.id).where(Location.name == name, Location.id != location.id)):
        raise AdminError(f"Er is al een locatie die {name} heet. Kies een andere naam.")
    location.name = name
    _publish_location(session, location)


def set_location_active(session: Session, location: Location, active: bool) -> None:
    """A location is never deleted (records refer to it); kiosks keep it, marked inactive."""
    location.active = active
    _publish_location(session, location)


def _publish_location(session: Session, location: Location) -> None:
    record_change(session, "location", location.id,
                  LocationData(name=location.name, kind=location.kind, active=location.active))


def create_enroll_code(session: Session, location: Location, now: datetime | None = None) -> tuple[str, datetime]:
    """A single-use code for one device at `location`; only its hash is kept."""
    now = now or utcnow()
    code, code_hash = _new_code()
    expires = now + ENROLL_CODE_VALIDITY
    session.add(EnrollCode(code_hash=code_hash, location_id=location.id, created_at=now, expires_at=expires))
    return code, expires


def redeem_enroll_code(session: Session, code: str, device_name: str,
                       now: datetime | None = None) -> tuple[Device, str]:
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
    claimed = cast("CursorResult[Any]", session.execute(  # an UPDATE's result has a rowcount
        update(EnrollCode)
        .where(EnrollCode.code_hash == code_hash, EnrollCode.used_at.is_(None), EnrollCode.expires_at > now)
        .values(used_at=now, device_id=device.id)
        .execution_options(synchronize_session=False)
    )).rowcount
    if claimed != 1:
        raise AdminError("unknown, used or expired enrollment code")
    return device, token


# Built once: every authenticated request runs it, and building a statement costs more than its cached SQL.
_DEVICE_BY_TOKEN = select(Device).where(Device.token_hash == bindparam("token_hash"))


def device_for_token(session: Session, token: str) -> Device | None:
    device = session.scalar(_DEVICE_BY_TOKEN, {"token_hash": secret_hash(token)})
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


def helper_location_ids(session: Session, helper_id: str) -> frozenset[str]:
    """Where a helper works; empty means every location (city-wide)."""
    return frozenset(session.scalars(select(HelperLocation.location_id).where(HelperLocation.helper_id == helper_id)))


def add_helper(session: Session, display_name: str, role: str, pin: str | None = None,
               location_ids: list[str] | tuple[str, ...] = ()) -> Helper:
    """A helper account. Without `pin` the helper sets it with a set-up code on a kiosk
    (create_setup_code); until then kiosks do not receive the account."""
    name = _printable_name(display_name, 80, "Een naam")
    if role not in ROLES:
        raise AdminError("De rol is digihelper of coördinator.")
    try:
        pin_hash = None if pin is None else hash_pin(pin)
    except PinRuleError as exc:
        raise AdminError(str(exc)) from None
    helper = Helper(id=str(uuid.uuid4()), display_name=name, role=role, pin_hash=pin_hash, active=True)
    session.add(helper)
    session.flush()
    set_helper_locations(session, helper, location_ids)
    return helper


def set_helper_locations(session: Session, helper: Helper,
                         location_ids: list[str] | tuple[str, ...] | set[str]) -> None:
    """Where the helper works (none: everywhere). Announced as a change, so kiosks of a location
    the helper left drop the account (reference.py sends them a deletion)."""
    wanted = set(location_ids)
    if unknown := wanted - set(session.scalars(select(Location.id).where(Location.id.in_(wanted)))):
        raise AdminError(f"Onbekende locatie(s): {', '.join(sorted(unknown))}.")
    session.execute(delete(HelperLocation).where(HelperLocation.helper_id == helper.id))
    session.add_all(HelperLocation(helper_id=helper.id, location_id=loc) for loc in sorted(wanted))
    publish_helper(session, helper)


def publish_helper(session: Session, helper: Helper) -> None:
    """Record the helper's current state for kiosks: a deletion while there is no PIN yet or the
    account is off. Which kiosks get it is decided per device when a page is built."""
    if helper.active and helper.pin_hash:
        record_change(session, "helper", helper.id, HelperData(display_name=helper.display_name, role=helper.role,
                                                               pin_hash=helper.pin_hash))
    else:
        record_change(session, "helper", helper.id, None)


def set_helper_active(session: Session, helper: Helper, active: bool) -> None:
    """Helpers are never deleted (records refer to them), only switched off and on."""
    helper.active = active
    publish_helper(session, helper)


def remove_helper(session: Session, name_or_id: str) -> Helper:
    helper = _find_helper(session, name_or_id)
    set_helper_active(session, helper, False)
    return helper


def create_setup_code(session: Session, helper: Helper, now: datetime | None = None) -> tuple[str, datetime]:
    """A single-use code (valid 7 days) with which the helper sets a PIN on a kiosk of their
    location. Only its hash is kept; an older unused code of the same helper stops working. The
    current PIN, if any, works until the code is used."""
    now = now or utcnow()
    session.execute(delete(HelperSetupCode).where(HelperSetupCode.helper_id == helper.id,
                                                  HelperSetupCode.used_at.is_(None)))
    code, code_hash = _new_code()
    expires = now + SETUP_CODE_VALIDITY
    session.add(HelperSetupCode(code_hash=code_hash, helper_id=helper.id, created_at=now, expires_at=expires))
    return code, expires


def open_setup_code(session: Session, helper_id: str, now: datetime) -> HelperSetupCode | None:
    return session.scalar(select(HelperSetupCode).where(HelperSetupCode.helper_id == helper_id,
                                                        HelperSetupCode.used_at.is_(None),
                                                        HelperSetupCode.expires_at > now))


class SetupCodeRefused(AdminError):
    """`reason`: "invalid-code" (unknown, used or expired: one answer, no oracle) or
    "other-location" (a valid code of a helper who does not work at the device's location)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def redeem_setup_code(session: Session, code: str, pin_hash: str, device: Device,
                      now: datetime | None = None) -> Helper:
    """The helper's own PIN (hashed on the kiosk) replaces whatever PIN they had."""
    now = now or utcnow()
    code_hash = secret_hash(normalize_code(code))
    row = session.get(HelperSetupCode, code_hash)
    helper = None if row is None else session.get(Helper, row.helper_id)
    if row is None or row.used_at is not None or row.expires_at <= now or helper is None or not helper.active:
        raise SetupCodeRefused("invalid-code", "unknown, used or expired set-up code")
    works_at = helper_location_ids(session, helper.id)
    if works_at and device.location_id not in works_at:
        raise SetupCodeRefused("other-location", "this helper does not work at the device's location")
    # The conditional update makes the code single-use under concurrent redemptions.
    claimed = cast("CursorResult[Any]", session.execute(  # an UPDATE's result has a rowcount
        update(HelperSetupCode)
        .where(HelperSetupCode.code_hash == code_hash, HelperSetupCode.used_at.is_(None))
        .values(used_at=now, device_id=device.id)
        .execution_options(synchronize_session=False)
    )).rowcount
    if claimed != 1:
        raise SetupCodeRefused("invalid-code", "unknown, used or expired set-up code")
    helper.pin_hash = pin_hash
    publish_helper(session, helper)
    return helper


TOPIC_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def set_topic(session: Session, code: str, label_nl: str, sort_order: int = 0) -> Topic:
    """Add a topic, or give an existing one a new label and place. The code never changes: records
    keep their codes, the label is what people read."""
    label = " ".join(label_nl.split())
    try:
        data = TopicData(label_nl=label, sort_order=sort_order)
    except ValidationError:
        raise AdminError("Een onderwerp heeft een naam van 1 tot 120 tekens.") from None
    topic = session.get(Topic, code)
    if topic is None:
        if not TOPIC_CODE.match(code):
            raise AdminError("Een code heeft 1 tot 40 tekens: kleine letters, cijfers en streepjes, bijvoorbeeld "
                             "mijn-burgerprofiel.")
        topic = Topic(code=code)
    topic.label_nl, topic.sort_order, topic.active = data.label_nl, data.sort_order, True
    session.add(topic)
    record_change(session, "topic", code, data)
    return topic


def remove_topic(session: Session, code: str) -> None:
    topic = session.get(Topic, code)
    if topic is None or not topic.active:
        raise AdminError(f"Er is geen actief onderwerp met code {code}.")
    topic.active = False
    record_change(session, "topic", code, None)


def setting_problem(error: ErrorDetails) -> str:
    """A pydantic error of `SharedSettings` in plain Dutch (the protocol's own checks already are)."""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind in ("greater_than_equal", "greater_than"):
        return f"Minstens {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Hoogstens {ctx.get('le', ctx.get('lt'))}."
    if kind.startswith("int_"):
        return "Typ een heel getal."
    if kind == "literal_error":
        return "Kies een van de mogelijkheden."
    if kind == "bool_type" or kind == "bool_parsing":
        return "Aan of uit."
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", ""))).rstrip(".") + "."
    return "Deze waarde kan niet."


class SettingRefused(AdminError):
    def __init__(self, key: str, problem: str):
        super().__init__(f"{key}: {problem}")
        self.key, self.problem = key, problem


def set_setting_value(session: Session, key: str, value: object) -> None:
    """Set an installation setting for every kiosk, validated by `SharedSettings` as the kiosk
    will read it; the value stored is the validated one."""
    if key not in SHARED_SETTINGS:
        raise AdminError(f"{key} is geen gedeelde instelling. Kies uit: {', '.join(SHARED_SETTINGS)}.")
    try:
        value = getattr(SharedSettings.model_validate({key: value}), key)
    except ValidationError as exc:
        raise SettingRefused(key, setting_problem(exc.errors()[0])) from None
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(value)
    session.add(row)
    record_change(session, "setting", key, SettingData(value=value))


def set_setting(session: Session, key: str, value_json: str) -> None:
    """set_setting_value() for a value written as JSON (the CLI)."""
    try:
        value = json.loads(value_json)
    except ValueError:
        raise AdminError('De waarde is JSON, bijvoorbeeld 300, "fr" of ["gent.be"].') from None
    set_setting_value(session, key, value)


def unset_setting(session: Session, key: str) -> None:
    """Let kiosks use their own value (or the default) again."""
    row = session.get(Setting, key)
    if row is None or key not in SHARED_SETTINGS:
        raise AdminError(f"De instelling {key} is niet door de server ingesteld.")
    session.delete(row)
    record_change(session, "setting", key, None)
