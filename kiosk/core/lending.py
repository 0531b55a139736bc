"""The lending register on a kiosk: lend, take back, extend, erase a contact, register a device.

Every change is a record of sync.protocol (LoanRecord, LoanReturnRecord...) written with its outbox
entry in one transaction (kiosk/core/records.py), exactly like a help request. The `loans` and
`loan_devices` tables are this kiosk's current view.

The borrower's contact (name, phone) is sealed to the coordinators' public key the moment it is
saved (sync/sealed.py): this kiosk stores and sends the sealed box but cannot open it. It leaves
this kiosk at the first of:
- the server's acknowledgement of the loan record: the sender erases it in the same transaction
  that marks the entry sent (`forget_sent_contacts`), from the `loans` row and the outbox payload;
- the borrower's request (`erase_contact`): at once from the `loans` row, and from the outbox
  payload once sent or if never posted; an erase record tells the server;
- the return plus the retention period (`purge_expired_contacts`, at every sync attempt, online or
  not): from the row and from the payload, sent or not.
The server keeps it until the return plus the retention period, or an erase record.

Location binding is the help requests' rule: a kiosk records only for the location it offers
(`shifts.offered_locations`), and only lends devices of that location.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, true, update
from sqlalchemy.orm import Session

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.records import enqueue, validated
from kiosk.core.shifts import check_offered, current_shift, offered_locations
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import ErasableLoan, Loan, LoanDevice, Meta, OutboxEntry
from sync.errors import DutchError
from sync.labels import ACCESSORIES, DEVICE_CONDITIONS, DEVICE_STATUSES, ELIGIBILITY_BASES, device_kind_label
from sync.privacy import guard_note
from sync.protocol import (
    MAX_LOAN_DAYS,
    NOTE_MAX,
    LoanContactData,
    LoanContactEraseRecord,
    LoanDeviceRecord,
    LoanExtensionRecord,
    LoanRecord,
    LoanReturnRecord,
    SharedSettings,
    canonical_json,
    content_hash,
)

NAME_MAX = 80
PHONE_MAX = 30
NO_KEY = ("Uitlenen kan pas als deze computer met de centrale server verbonden is en gesynchroniseerd "
          "heeft (de sleutel voor contactgegevens ontbreekt). Synchroniseer en probeer opnieuw.")


class LendingError(DutchError):
    """A lending action cannot be done; the message is Dutch, for staff, and never repeats a contact."""


@dataclass(frozen=True)
class LoanInput:
    tag: str
    due_on: date
    eligibility: str
    contact_name: str
    contact_phone: str
    accessories: tuple[str, ...] = ()
    visitor_code: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    tag: str
    device_kind: str
    kind_label: str
    model: str
    accessories: tuple[str, ...]
    condition: str
    status: str
    open_loan_id: str | None
    due_on: date | None
    # The returned loan "Contact wissen" would reach (`erasable_loans`); for a device that is out,
    # it reaches the open loan instead. lent_at None: taken back here, lent on another kiosk.
    erasable_lent_at: datetime | None = None
    erasable_returned_at: datetime | None = None


@dataclass(frozen=True)
class LoanInfo:
    id: str
    device_id: str
    tag: str
    device_label: str  # "Laptop Lenovo T14"
    lent_at: datetime
    due_on: date
    accessories: tuple[str, ...]
    overdue_days: int  # 0: not overdue


@dataclass(frozen=True)
class LendingContext:
    """What the lending screens offer: the default due date, the vocabularies with their Dutch
    labels, and whether contacts can be sealed here at all."""

    default_due_on: date
    eligibility: tuple[tuple[str, str], ...]
    accessories: tuple[tuple[str, str], ...]
    conditions: tuple[tuple[str, str], ...]
    can_lend: bool
    why_not: str = ""


def public_key(session: Session) -> str | None:
    row = session.get(Meta, meta_keys.LENDING_PUBLIC_KEY)
    return None if row is None else row.value


def lending_context(session: Session, clock: Clock, loan_days: int) -> LendingContext:
    key = public_key(session)
    offered = offered_locations(session)
    why = NO_KEY if key is None else ("" if offered else "Deze computer heeft geen locatie om voor uit te lenen.")
    return LendingContext(clock.today() + timedelta(days=loan_days), tuple(ELIGIBILITY_BASES.items()),
                          tuple(ACCESSORIES.items()), tuple(DEVICE_CONDITIONS.items()), not why, why)


def _device_info(row: LoanDevice, erasable: ErasableLoan | None = None) -> DeviceInfo:
    return DeviceInfo(row.id, row.tag, row.device_kind, device_kind_label(row.device_kind), row.model,
                      tuple(row.accessories), row.condition, row.status, row.open_loan_id, row.due_on,
                      erasable.lent_at if erasable else None, erasable.returned_at if erasable else None)


def _device(session: Session, tag: str) -> LoanDevice:
    """The device with this tag at a location this kiosk records for."""
    tag = tag.strip()
    if not tag:
        raise LendingError("Scan of typ het inventarisnummer van het toestel.")
    here = [loc.id for loc in offered_locations(session)]
    row = session.scalar(select(LoanDevice).where(LoanDevice.tag == tag, LoanDevice.location_id.in_(here))
                         .order_by(LoanDevice.id))
    if row is None:
        raise LendingError(f"Geen toestel met nummer {tag} op deze locatie. Controleer het nummer "
                           "of vraag de coördinator om het toe te voegen.")
    return row


def find_device(session: Session, tag: str) -> DeviceInfo:
    row = _device(session, tag)
    return _device_info(row, session.get(ErasableLoan, row.id))


def nothing_to_erase(device: DeviceInfo) -> str | None:
    """Why "Contact wissen" has nothing to do for this device (for the screen, and the refusal), or None.
    A kiosk reaches only a device's latest loan; the console erases any (sync/server/lending.py), as
    the screen's hint says beside this message."""
    if device.status == "lent" or device.erasable_returned_at is not None:
        return None
    return (f"Van de laatste uitlening van toestel {device.tag} is er geen contact meer bewaard (al gewist, of de "
            "bewaartermijn is voorbij).")


def _place(session: Session, user: StaffUser, location_id: str) -> dict[str, Any]:
    location = check_offered(session, location_id, LendingError)
    shift = current_shift(session, user.id)
    stop = shift.stop_name if shift is not None and shift.location_id == location.id else None
    return {"helper_id": user.id, "location_id": location.id, "stop_name": stop}


def _note(text: str | None) -> str | None:
    note = guard_note(text)
    if note is not None and len(note) > NOTE_MAX:
        raise LendingError(f"De notitie is te lang: maximum {NOTE_MAX} tekens.")
    return note


def sealed_contact(key: str, name: str, phone: str) -> str:
    """The borrower's contact as a sealed box; the plain text exists only in this call."""
    name, phone = " ".join(name.split()), phone.strip()
    if not name or not phone:
        raise LendingError("Vul de naam en het telefoonnummer van de ontlener in.")
    if len(name) > NAME_MAX or len(phone) > PHONE_MAX or not (name + phone).isprintable():
        raise LendingError("De naam of het telefoonnummer is te lang of bevat vreemde tekens.")
    # cryptography (7 MiB) loads with the lending screen, on the UI thread (kiosk/ui/staff/lending.py),
    # not at start-up; here, on the store worker, the module is already loaded.
    from sync.sealed import SealError, seal

    try:
        return seal(key, json.dumps({"name": name, "phone": phone}, ensure_ascii=False))
    except SealError:
        raise LendingError(NO_KEY) from None


def lend(store: Store, user: StaffUser, data: LoanInput, clock: Clock) -> str:
    """Start a loan; returns its id once the loan and its outbox entry are committed."""
    with store.transaction() as session:
        key = public_key(session)
        if key is None:
            raise LendingError(NO_KEY)
        device = _device(session, data.tag)
        if device.status == "lent":
            raise LendingError(f"Toestel {device.tag} staat al als uitgeleend. Neem het eerst terug.")
        if device.status != "available":
            raise LendingError(f"Toestel {device.tag} is {DEVICE_STATUSES[device.status].lower()} "  # type: ignore[index]
                               "en kan niet uitgeleend worden.")
        now = clock.now()
        if not clock.local(now).date() <= data.due_on <= clock.local(now).date() + timedelta(days=MAX_LOAN_DAYS):
            raise LendingError("Kies een terugbrengdatum tussen vandaag en een jaar later.")
        record = validated(LoanRecord, id=uuid.uuid4(), device_id=device.id, lent_at=now, due_on=data.due_on,
                           accessories=sorted(set(data.accessories)), eligibility=data.eligibility,
                           note=_note(data.note), visitor_code=data.visitor_code,
                           contact_sealed=sealed_contact(key, data.contact_name, data.contact_phone),
                           **_place(session, user, device.location_id))
        session.add(Loan(id=str(record.id), device_id=device.id, helper_id=user.id,
                         location_id=str(record.location_id), lent_at=now, due_on=data.due_on,
                         accessories=list(record.accessories), eligibility=record.eligibility,
                         contact_sealed=record.contact_sealed))
        device.status, device.open_loan_id, device.due_on = "lent", str(record.id), data.due_on
        enqueue(session, record)
        return str(record.id)


def _open_loan(session: Session, device: LoanDevice) -> tuple[str, Loan | None]:
    """The loan a device is out on: one made here (with its row), or the one the server told us
    about (no row here)."""
    local = session.scalar(select(Loan).where(Loan.device_id == device.id, Loan.returned_at.is_(None))
                           .order_by(Loan.lent_at.desc()).limit(1))
    loan_id = local.id if local is not None else device.open_loan_id
    if loan_id is None:
        raise LendingError(f"Toestel {device.tag} staat niet als uitgeleend.")
    return loan_id, local


def return_device(store: Store, user: StaffUser, tag: str, condition: str, accessories_back: tuple[str, ...],
                  clock: Clock, note: str | None = None) -> str:
    """Take a device back; returns the return record's id."""
    with store.transaction() as session:
        device = _device(session, tag)
        loan_id, loan = _open_loan(session, device)
        now = clock.now()
        record = validated(LoanReturnRecord, id=uuid.uuid4(), loan_id=loan_id, device_id=device.id,
                           returned_at=now, condition=condition, accessories_back=sorted(set(accessories_back)),
                           note=_note(note), **_place(session, user, device.location_id))
        if loan is not None:
            loan.returned_at, loan.return_condition = now, condition
            loan.accessories_back = list(record.accessories_back)
        device.status, device.open_loan_id, device.due_on, device.condition = "available", None, None, condition
        # The borrower may ask right now to be forgotten, before the server has heard of the return.
        session.merge(ErasableLoan(device_id=device.id, loan_id=loan_id, returned_at=now,
                                   lent_at=loan.lent_at if loan is not None else None))
        enqueue(session, record)
        return str(record.id)


def extend_loan(store: Store, user: StaffUser, tag: str, due_on: date, clock: Clock) -> str:
    with store.transaction() as session:
        device = _device(session, tag)
        loan_id, loan = _open_loan(session, device)
        today = clock.today()
        if not today <= due_on <= today + timedelta(days=MAX_LOAN_DAYS):
            raise LendingError("Kies een nieuwe terugbrengdatum tussen vandaag en een jaar later.")
        record = validated(LoanExtensionRecord, id=uuid.uuid4(), loan_id=loan_id, extended_at=clock.now(),
                           due_on=due_on, **_place(session, user, device.location_id))
        if loan is not None:
            loan.due_on = due_on
        device.due_on = due_on
        enqueue(session, record)
        return str(record.id)


def erase_contact(store: Store, user: StaffUser, loan_id: str, clock: Clock) -> str:
    """The borrower asks to be forgotten now: erased here at once, and on the server when the
    erase record arrives (before or after the loan: the server handles both orders)."""
    with store.transaction() as session:
        loan = session.get(Loan, loan_id)
        device = session.scalar(select(LoanDevice).where(or_(
            LoanDevice.open_loan_id == loan_id,
            LoanDevice.id.in_(select(ErasableLoan.device_id).where(ErasableLoan.loan_id == loan_id)))))
        location_id = loan.location_id if loan is not None else device.location_id if device is not None else None
        if location_id is None:
            raise LendingError("Deze uitlening is hier niet bekend.")
        return _erase(session, user, loan_id, location_id, clock)


def erase_contact_of_device(store: Store, user: StaffUser, tag: str, clock: Clock) -> str:
    """`erase_contact` for the loan of a scanned device: the one it is out on, or else its latest
    loan once returned, wherever it was lent or taken back, while the server still holds its
    contact (`erasable_loans`: what the server said, or a return made here)."""
    with store.transaction() as session:
        device = _device(session, tag)
        known = session.get(ErasableLoan, device.id)
        problem = nothing_to_erase(_device_info(device, known))
        if problem:
            raise LendingError(problem)
        loan_id = _open_loan(session, device)[0] if device.status == "lent" or known is None else known.loan_id
        return _erase(session, user, loan_id, device.location_id, clock)


def _erase(session: Session, user: StaffUser, loan_id: str, location_id: str, clock: Clock) -> str:
    record = validated(LoanContactEraseRecord, id=uuid.uuid4(), loan_id=loan_id, erased_at=clock.now(),
                       **_place(session, user, location_id))
    loan = session.get(Loan, loan_id)
    if loan is not None:
        loan.contact_sealed = None
    session.execute(delete(ErasableLoan).where(ErasableLoan.loan_id == loan_id))  # nothing left to erase
    # A loan entry never posted goes without its contact; one posted but not acknowledged keeps it
    # until the acknowledgement (changing it would make the server see two contents for one id).
    _redact_outbox(session, [loan_id], or_(OutboxEntry.state == "sent",
                                           and_(OutboxEntry.state == "pending", OutboxEntry.attempts == 0)))
    enqueue(session, record)
    return str(record.id)


def apply_erasable(session: Session, device_id: str, data: LoanContactData | None) -> None:
    """The server's `loan_contact` reference change for a device (kiosk/sync/puller.py)."""
    if data is None:
        session.execute(delete(ErasableLoan).where(ErasableLoan.device_id == device_id))
    else:
        session.merge(ErasableLoan(device_id=device_id, loan_id=str(data.loan_id), lent_at=data.lent_at,
                                   returned_at=data.returned_at))


def register_device(store: Store, user: StaffUser, tag: str, device_kind: str, clock: Clock, *,
                    serial: str = "", model: str = "", accessories: tuple[str, ...] = (),
                    condition: str = "good", status: str | None = None) -> str:
    """Add a device to this kiosk's location (or record a change to one with this tag); returns
    the device's id. Without a status, a known device keeps the one this kiosk last heard: a change
    of its model must not undo a coordinator's repair or retirement."""
    with store.transaction() as session:
        location_id = next((loc.id for loc in offered_locations(session)), None)
        existing = session.scalar(select(LoanDevice).where(LoanDevice.tag == tag.strip(),
                                                           LoanDevice.location_id == location_id))
        device_id = existing.id if existing is not None else str(uuid.uuid4())
        status = status or (existing.status if existing is not None else "available")
        record = validated(LoanDeviceRecord, id=uuid.uuid4(), device_id=device_id, recorded_at=clock.now(),
                           tag=tag.strip(), device_kind=device_kind, serial=serial.strip(), model=model.strip(),
                           accessories=sorted(set(accessories)), condition=condition, status=status,
                           **_place(session, user, location_id or ""))
        row = existing or LoanDevice(id=device_id, location_id=str(record.location_id))
        row.tag, row.device_kind, row.serial, row.model = record.tag, record.device_kind, record.serial, record.model
        row.accessories, row.condition = list(record.accessories), record.condition
        if existing is None or existing.status != "lent":
            row.status = record.status
        session.add(row)
        enqueue(session, record)
        return device_id


def devices(session: Session) -> list[DeviceInfo]:
    here = [loc.id for loc in offered_locations(session)]
    rows = session.execute(select(LoanDevice, ErasableLoan)
                           .outerjoin(ErasableLoan, ErasableLoan.device_id == LoanDevice.id)
                           .where(LoanDevice.location_id.in_(here), LoanDevice.status != "retired")
                           .order_by(LoanDevice.tag))
    return [_device_info(row, erasable) for row, erasable in rows]


def open_loans(session: Session, clock: Clock) -> list[LoanInfo]:
    """Devices of this location that are out, soonest due first: made here or known from the server."""
    today = clock.today()
    here = [loc.id for loc in offered_locations(session)]
    out = []
    for row, lent_at in session.execute(  # with its loan's start in one query, not one query per loan
            select(LoanDevice, Loan.lent_at).outerjoin(Loan, Loan.id == LoanDevice.open_loan_id)
            .where(LoanDevice.location_id.in_(here), LoanDevice.status == "lent", LoanDevice.due_on.is_not(None))):
        device = _device_info(row)
        assert device.due_on is not None  # the query asked for it
        out.append(LoanInfo(device.open_loan_id or "", device.id, device.tag,
                            " ".join(p for p in (device.kind_label, device.model) if p),
                            lent_at or datetime.min, device.due_on, device.accessories,
                            max((today - device.due_on).days, 0)))
    return sorted(out, key=lambda loan: (loan.due_on, loan.tag))


def overdue_loans(session: Session, clock: Clock) -> list[LoanInfo]:
    return [loan for loan in open_loans(session, clock) if loan.overdue_days > 0]


def _redact_outbox(session: Session, loan_ids: list[str], which: ColumnElement[bool]) -> set[str]:
    """Drop the sealed contact from the outbox payload of these loans' entries that match `which`;
    returns the loans whose payload held one. A sent entry keeps its content hash (what the server
    acknowledged; it is never sent again); an unsent one gets the hash of what it will now send."""
    redacted = set()
    for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.record_id.in_(loan_ids),
                                                           OutboxEntry.kind == "loan", which)):
        payload = json.loads(entry.payload)
        if payload.get("contact_sealed") is not None:
            payload["contact_sealed"] = None
            entry.payload = canonical_json(payload)
            if entry.state != "sent":
                entry.content_hash = content_hash(payload)
            redacted.add(entry.record_id)
    return redacted


def forget_sent_contacts(session: Session, record_ids: list[str]) -> int:
    """Called by the sync sender in the transaction that marks these records sent: the server now
    holds the sealed contacts of the loans among them, so this kiosk keeps no copy (also not in the
    payload of a loan whose row an erase emptied while it was posted). Returns how many; the sync
    engine then empties the WAL (sync.sqlite.truncate_wal)."""
    loan_ids = list(session.scalars(select(Loan.id).where(Loan.id.in_(record_ids))))
    if not loan_ids:
        return 0
    held = set(session.scalars(select(Loan.id).where(Loan.id.in_(loan_ids), Loan.contact_sealed.is_not(None))))
    if held:
        session.execute(update(Loan).where(Loan.id.in_(held)).values(contact_sealed=None))
        session.flush()
    return len(held | _redact_outbox(session, loan_ids, OutboxEntry.state == "sent"))


def retention_days(session: Session) -> int:
    """`loan_contact_retention_days` as the server set it (the puller keeps it in the meta table),
    else its default."""
    row = session.get(Meta, meta_keys.SERVER_SETTING_PREFIX + "loan_contact_retention_days")
    default = SharedSettings.model_fields["loan_contact_retention_days"].default
    try:
        value = json.loads(row.value) if row is not None else default
        return int(SharedSettings(loan_contact_retention_days=value).loan_contact_retention_days)
    except ValueError:  # pydantic's ValidationError too: a value the server should not have sent
        return int(default)


def purge_expired_contacts(store: Store, now: datetime) -> int:
    """Erase the sealed contact of loans returned more than the retention period ago, wherever it
    still is on this kiosk: the `loans` row and the loan's outbox entry, sent or not (a kiosk that
    stayed offline since never sends it). Returns how many; the caller then empties the WAL. The
    server erases them too, so such loans are no longer offered for an erase (`erasable_loans`).
    Runs at every sync attempt (kiosk/sync/engine.py), which the sync service makes also offline."""
    def expired(session: Session) -> tuple[list[str], ColumnElement[bool]]:
        cutoff = now - timedelta(days=retention_days(session))
        unsent = select(OutboxEntry.record_id).where(OutboxEntry.kind == "loan", OutboxEntry.state != "sent")
        loan_ids = list(session.scalars(select(Loan.id).where(
            Loan.returned_at < cutoff, or_(Loan.contact_sealed.is_not(None), Loan.id.in_(unsent)))))
        return loan_ids, ErasableLoan.returned_at < cutoff

    with store.read() as session:  # mostly nothing: no write lock for that
        loan_ids, offered = expired(session)
        if not loan_ids and session.scalar(select(ErasableLoan.device_id).where(offered).limit(1)) is None:
            return 0
    with store.transaction() as session:
        loan_ids, offered = expired(session)
        session.execute(delete(ErasableLoan).where(offered))
        held = set(session.scalars(select(Loan.id).where(Loan.id.in_(loan_ids), Loan.contact_sealed.is_not(None))))
        session.execute(update(Loan).where(Loan.id.in_(loan_ids)).values(contact_sealed=None))
        session.flush()
        return len(held | _redact_outbox(session, loan_ids, true()))
