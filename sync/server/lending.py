"""The lending register on the server: loans and devices from the kiosks' records, the borrower's
sealed contact, its retention, conflicts, and the coordinators' key.

How records become a loan. Ingest (records.py) stores every lending record like any other, exactly
once, but without the sealed contact (`stored_form`); for each record it newly stored, `apply`
updates `loans` / `loan_devices` in the same transaction. A loan's records may come in any order
and from several kiosks: a return or extension that arrives before its loan makes the row and the
loan fills in the rest; a second return of the same loan is counted (`returns`), the earliest return
time kept. Two loans of one device that overlap in time (two kiosks lent it while offline) are both
kept and shown as a conflict until a coordinator resolves it (`conflicts`, `resolve_conflict`).

The contact. The kiosk seals it to the coordinators' public key (sync/sealed.py); the private key is
a file on the server named by DIGIPUNT_LENDING_KEY_FILE (default: next to the embedded database),
never in the database: `digipunt-server lending-key init` makes it and publishes the public key to
every kiosk as the reference setting LENDING_PUBLIC_KEY. The console opens a contact for a
coordinator of the loan's location, and every opening is audit-logged (console/routes_lending.py);
the same coordinator erases any loan's contact on the borrower's request (`erase_contact`), logged
too. A kiosk reaches only a device's latest loan.

Retention: `purge_contacts` erases the sealed contact of every loan returned more than
`loan_contact_retention_days` (a shared setting, default 30) ago. It runs when the API starts, then
at most once an hour on a batch upload (app.py), and on `digipunt-server lending purge`. What stays
is anonymous: device, dates, eligibility category, the visitor code's hash for distinct counts.
"""
from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import platformdirs
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from sync.private_files import private_dir, private_file
from sync.protocol import (
    ACCESSORIES,
    DEVICE_CONDITIONS,
    DEVICE_KIND_CODE,
    DEVICE_KINDS,
    DEVICE_STATUSES,
    LENDING_KINDS,
    LENDING_PUBLIC_KEY,
    AnyRecord,
    LendingRecord,
    LoanContactData,
    LoanContactEraseRecord,
    LoanDeviceData,
    LoanDeviceRecord,
    LoanExtensionRecord,
    LoanRecord,
    LoanReturnRecord,
    SettingData,
    SharedSettings,
)
from sync.sealed import SealError, new_private_key, open_sealed, public_key_of
from sync.server.models import Loan, LoanDevice, Setting, StoredRecord
from sync.server.reference import record_change

KEY_FILE_ENV = "DIGIPUNT_LENDING_KEY_FILE"
PURGE_EVERY = timedelta(hours=1)


class LendingError(ValueError):
    """A lending change the console refuses; the message is Dutch."""


class LendingKeyError(ValueError):
    """The coordinators' key file is missing or unusable; the message says what to do."""


# --- the coordinators' key ----------------------------------------------------------------------
def key_file() -> Path:
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured)
    return platformdirs.user_data_path("digipunt-server", appauthor=False) / "lending-key"


def read_private_key(path: Path | None = None) -> bytes:
    path = path or key_file()
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        raise LendingKeyError(f"Er is geen sleutel voor contactgegevens ({path}). Maak ze met "
                              "`digipunt-server lending-key init`.") from None
    except (OSError, ValueError):
        raise LendingKeyError(f"Het sleutelbestand {path} is onleesbaar of beschadigd.") from None


def init_key(session: Session, path: Path | None = None) -> str:
    """Make the key file (0600) and publish its public key; refuses to replace a key (the contacts
    sealed to it could no longer be opened). Returns the public key."""
    path = path or key_file()
    if path.exists():
        raise LendingKeyError(f"{path} bestaat al; een nieuwe sleutel zou alle bewaarde contactgegevens onleesbaar "
                              "maken. Gebruik `digipunt-server lending-key show`.")
    private_dir(path.parent)
    key = new_private_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    private_file(path)
    public = public_key_of(key)
    publish_public_key(session, public)
    return public


def public_key_of_file(path: Path | None = None) -> str:
    return public_key_of(read_private_key(path))


def publish_public_key(session: Session, public: str) -> None:
    row = session.get(Setting, LENDING_PUBLIC_KEY) or Setting(key=LENDING_PUBLIC_KEY)
    row.value = json.dumps(public)
    session.add(row)
    record_change(session, "setting", LENDING_PUBLIC_KEY, SettingData(value=public))


def published_key(session: Session) -> str | None:
    row = session.get(Setting, LENDING_PUBLIC_KEY)
    return None if row is None else str(json.loads(row.value))


def open_contact(session: Session, loan_id: str, path: Path | None = None) -> tuple[str, str] | None:
    """(name, phone) of a loan's borrower, or None when erased. The caller audit-logs the opening."""
    loan = session.get(Loan, loan_id)
    if loan is None or loan.contact_sealed is None:
        return None
    try:
        data = json.loads(open_sealed(read_private_key(path), loan.contact_sealed))
    except SealError:
        raise LendingKeyError("Deze contactgegevens passen niet bij de sleutel van deze server.") from None
    return str(data["name"]), str(data["phone"])


# --- records -> loans ---------------------------------------------------------------------------
def stored_form(record: AnyRecord) -> AnyRecord:
    """What `records` keeps: a loan without its sealed contact (that lives in `loans` only, where
    retention can erase it without touching the record or its content hash)."""
    if isinstance(record, LoanRecord) and record.contact_sealed is not None:
        return record.model_copy(update={"contact_sealed": None})
    return record


def _loan(session: Session, loan_id: str) -> Loan:
    loan = session.get(Loan, loan_id)
    if loan is None:
        loan = Loan(id=loan_id, accessories="[]", returns=0)
        session.add(loan)
    return loan


def apply(session: Session, records: list[LendingRecord]) -> None:
    """Fold newly stored lending records into `loans` and `loan_devices`, then publish the devices
    they touched to the kiosks of their location."""
    touched: set[str] = set()
    for record in sorted(records, key=lambda r: r.occurred_at):
        if isinstance(record, LoanDeviceRecord):
            _apply_device(session, record)
            touched.add(str(record.device_id))
            continue
        if isinstance(record, LoanRecord):
            early = session.get(Loan, str(record.id)) is not None  # other records of it came first
            loan = _loan(session, str(record.id))
            loan.device_id, loan.location_id, loan.helper_id = (str(record.device_id), str(record.location_id),
                                                                str(record.helper_id))
            loan.lent_at, loan.eligibility, loan.visitor_code = record.lent_at, record.eligibility, record.visitor_code
            loan.accessories = json.dumps(record.accessories)
            if loan.due_set_at is None:
                loan.due_on = record.due_on
            if early and loan.contact_erased_at is None:
                loan.contact_erased_at = _erased_before(session, loan.id, loan.location_id)
            if loan.contact_erased_at is None:
                loan.contact_sealed = record.contact_sealed
        elif isinstance(record, LoanReturnRecord):
            loan = _loan(session, str(record.loan_id))
            loan.returns += 1
            loan.device_id = loan.device_id or str(record.device_id)
            if loan.returned_at is None or record.returned_at < loan.returned_at:
                loan.returned_at, loan.return_condition = record.returned_at, record.condition
                loan.accessories_back = json.dumps(record.accessories_back)
        elif isinstance(record, LoanExtensionRecord):
            loan = _loan(session, str(record.loan_id))
            if loan.due_set_at is None or record.extended_at > loan.due_set_at:
                loan.due_on, loan.due_set_at = record.due_on, record.extended_at
        elif isinstance(record, LoanContactEraseRecord):
            # Any kiosk of the loan's location may erase it (ingest has checked that the record's
            # location is its sender's); a kiosk of another location may not. Before its loan
            # arrives nothing is known to check against: the loan looks for this record then.
            loan = _loan(session, str(record.loan_id))
            if loan.location_id == str(record.location_id):
                loan.contact_sealed = None
                loan.contact_erased_at = loan.contact_erased_at or record.erased_at
        session.flush()
        if loan.device_id:
            touched.add(loan.device_id)
    for device_id in sorted(touched):
        publish_device(session, device_id)


def _erased_before(session: Session, loan_id: str, location_id: str | None) -> datetime | None:
    """When a kiosk of the loan's location asked to erase its contact, by an erase record that
    arrived before the loan (rare: only the kiosk that made a loan knows it before the server)."""
    times = [LoanContactEraseRecord.model_validate_json(payload).erased_at for payload in session.scalars(
        select(StoredRecord.payload).where(StoredRecord.kind == "loan_contact_erase",
                                           StoredRecord.location_id == location_id,
                                           StoredRecord.payload.contains(f'"loan_id":"{loan_id}"', autoescape=True)))]
    return min(times, default=None)


def _apply_device(session: Session, record: LoanDeviceRecord) -> None:
    row = session.get(LoanDevice, str(record.device_id))
    if row is None:
        row = LoanDevice(id=str(record.device_id), location_id=str(record.location_id))
        session.add(row)
    elif row.recorded_at is not None and record.recorded_at < row.recorded_at:
        return  # an older version of the device, arriving late
    row.tag, row.device_kind, row.serial, row.model = record.tag, record.device_kind, record.serial, record.model
    row.accessories, row.condition = json.dumps(record.accessories), record.condition
    row.status = "available" if record.status == "lent" else record.status
    row.recorded_at = record.recorded_at
    session.flush()


def add_device(session: Session, tag: str, device_kind: str, location_id: str, *, model: str = "", serial: str = "",
               accessories: tuple[str, ...] = ()) -> LoanDevice:
    """A new device (the console, one by one or from a CSV), published to its location's kiosks.
    Dutch errors, for the coordinator."""
    tag, device_kind = tag.strip(), device_kind.strip().lower()
    if not tag or len(tag) > 40 or not tag.isprintable():
        raise LendingError("Het inventarisnummer is leeg, te lang (hoogstens 40 tekens) of bevat vreemde tekens.")
    if not re.match(DEVICE_KIND_CODE, device_kind):
        raise LendingError("De soort is een woord in kleine letters, bijvoorbeeld laptop, tablet of smartphone.")
    unknown = set(accessories) - set(ACCESSORIES)
    if unknown:
        raise LendingError(f"Onbekend toebehoren: {', '.join(sorted(unknown))}. Kies uit: {', '.join(ACCESSORIES)}.")
    if len(model) > 120 or len(serial) > 80:
        raise LendingError("Het model of het serienummer is te lang.")
    if session.scalar(select(LoanDevice.id).where(LoanDevice.tag == tag, LoanDevice.location_id == location_id)):
        raise LendingError(f"Op deze locatie is er al een toestel met nummer {tag}.")
    device = LoanDevice(id=str(uuid.uuid4()), tag=tag, device_kind=device_kind, serial=serial.strip(),
                        model=model.strip(), accessories=json.dumps(sorted(set(accessories))), condition="good",
                        status="available", location_id=location_id)
    session.add(device)
    session.flush()
    publish_device(session, device.id)
    return device


SETTABLE_STATUSES = tuple(status for status in DEVICE_STATUSES if status != "lent")  # lent follows from the loans


def set_device_status(session: Session, device: LoanDevice, status: str, condition: str, now: datetime) -> None:
    """A coordinator puts a device in repair, retires it, or makes it available again, with its
    condition; published to the kiosks of its location, which then refuse to lend it. A device that
    is out must come back first (its return is recorded on a kiosk)."""
    if status not in SETTABLE_STATUSES:
        raise LendingError("Kies beschikbaar, in herstelling of afgeschreven.")
    if condition not in DEVICE_CONDITIONS:
        raise LendingError("Kies de toestand: goed, gebruikssporen of beschadigd.")
    loan = open_loan(session, device.id)
    if loan is not None and status != "available":
        due = f" (terug op {loan.due_on.strftime('%d-%m-%Y')})" if loan.due_on else ""
        what = "afschrijven" if status == "retired" else "in herstelling zetten"
        raise LendingError(f"Toestel {device.tag} is uitgeleend{due}. Neem het eerst terug op de kiosk; "
                           f"daarna kan je het {what}.")
    # recorded_at: a kiosk's older change of this device, synced later, does not undo this one.
    device.status, device.condition, device.recorded_at = status, condition, now
    session.flush()
    publish_device(session, device.id)


def kinds_in_use(session: Session) -> list[str]:
    """The usual device kinds first, then those coordinators added (any location: a shared word)."""
    added = set(session.scalars(select(LoanDevice.device_kind).distinct())) - set(DEVICE_KINDS)
    return [*DEVICE_KINDS, *sorted(added)]


def open_loan(session: Session, device_id: str) -> Loan | None:
    """The device's newest loan not yet returned."""
    return session.scalar(select(Loan).where(Loan.device_id == device_id, Loan.lent_at.is_not(None),
                                             Loan.returned_at.is_(None)).order_by(Loan.lent_at.desc()))


def device_state(session: Session, device: LoanDevice) -> LoanDeviceData:
    loan = open_loan(session, device.id)
    return LoanDeviceData(tag=device.tag, device_kind=device.device_kind, serial=device.serial, model=device.model,
                          accessories=json.loads(device.accessories), condition=device.condition,
                          status="lent" if loan else device.status, location_id=device.location_id,
                          open_loan_id=loan.id if loan else None, due_on=loan.due_on if loan else None)


def erasable_loan(session: Session, device_id: str) -> LoanContactData | None:
    """The device's latest loan if it is returned and its contact is still held here: what the
    kiosks of its location may erase on the borrower's request."""
    # populate_existing: what is committed now (the caller flushed its own changes), not a row this
    # session read before a console erase committed (PostgreSQL): no offer of an erased contact.
    loan = session.scalar(select(Loan).where(Loan.device_id == device_id, Loan.lent_at.is_not(None))
                          .order_by(Loan.lent_at.desc()).limit(1).execution_options(populate_existing=True))
    if loan is None or loan.contact_sealed is None or loan.lent_at is None or loan.returned_at is None:
        return None
    return LoanContactData(loan_id=uuid.UUID(loan.id), lent_at=loan.lent_at, returned_at=loan.returned_at)


def publish_device(session: Session, device_id: str) -> None:
    device = session.get(LoanDevice, device_id)
    if device is not None:
        record_change(session, "loan_device", device.id, device_state(session, device))
        publish_contact(session, device.id)


def publish_contact(session: Session, device_id: str) -> None:
    """The device's `loan_contact` again, for its location's kiosks: after an erase or the retention
    they no longer offer to erase a contact the server no longer holds."""
    record_change(session, "loan_contact", device_id, erasable_loan(session, device_id))


def erase_contact(session: Session, loan: Loan, now: datetime) -> bool:
    """The borrower asks to be forgotten, through the console: any of their loans, not only the
    device's latest one a kiosk can reach. False when nothing was left to erase. `contact_erased_at`
    makes it final: a loan record arriving later never brings the contact back (`apply`). When it
    was the loan the device's kiosks offered to erase, they are told, as after the retention."""
    session.refresh(loan, with_for_update=True)  # a return committing now waits, or is seen
    if loan.contact_sealed is None and loan.contact_erased_at is not None:
        return False
    device_id = loan.device_id
    offered = erasable_loan(session, device_id) if device_id else None
    loan.contact_sealed = None
    loan.contact_erased_at = loan.contact_erased_at or now
    session.flush()
    if device_id and offered is not None and str(offered.loan_id) == loan.id:
        publish_contact(session, device_id)
    return True


# --- retention ----------------------------------------------------------------------------------
def retention_days(session: Session) -> int:
    row = session.get(Setting, "loan_contact_retention_days")
    default: int = SharedSettings.model_fields["loan_contact_retention_days"].default
    return int(json.loads(row.value)) if row is not None else default


def purge_contacts(session: Session, now: datetime) -> int:
    """Erase the sealed contact of loans returned more than the retention period before `now`;
    how many. (`now` is injected: tests move it.)"""
    cutoff = now - timedelta(days=retention_days(session))
    expired = and_(Loan.contact_sealed.is_not(None), Loan.returned_at < cutoff)
    devices = set(session.scalars(select(Loan.device_id).where(expired, Loan.device_id.is_not(None))))
    result = session.execute(update(Loan).where(expired).values(contact_sealed=None, contact_erased_at=now))
    for device_id in sorted(d for d in devices if d):  # their kiosks no longer offer to erase it
        publish_contact(session, device_id)
    return int(getattr(result, "rowcount", 0) or 0)


# --- what the console shows ----------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    device_id: str
    loan_ids: tuple[str, ...]


def conflicts(session: Session, location_ids: list[str] | None = None) -> list[Conflict]:
    """Devices with loans that overlap in time (lent again before the previous loan's return),
    not yet resolved; `location_ids` None: everywhere."""
    query = select(Loan).where(Loan.lent_at.is_not(None), Loan.device_id.is_not(None),
                               Loan.conflict_resolved_at.is_(None))
    if location_ids is not None:
        query = query.where(Loan.location_id.in_(location_ids))
    by_device: dict[str, list[Loan]] = {}
    for loan in session.scalars(query.order_by(Loan.device_id, Loan.lent_at)):
        by_device.setdefault(loan.device_id or "", []).append(loan)
    found = []
    for device_id, loans in by_device.items():
        overlapping: set[str] = set()
        for earlier, later in zip(loans, loans[1:], strict=False):
            assert later.lent_at is not None
            if earlier.returned_at is None or earlier.returned_at > later.lent_at:
                overlapping |= {earlier.id, later.id}
        if overlapping:
            found.append(Conflict(device_id, tuple(sorted(overlapping))))
    return found


def resolve_conflict(session: Session, device_id: str, now: datetime) -> int:
    result = session.execute(update(Loan).where(Loan.device_id == device_id, Loan.conflict_resolved_at.is_(None))
                             .values(conflict_resolved_at=now))
    return int(getattr(result, "rowcount", 0) or 0)


def overdue(session: Session, today: date, location_ids: list[str] | None = None) -> list[Loan]:
    query = select(Loan).where(Loan.lent_at.is_not(None), Loan.returned_at.is_(None), Loan.due_on < today)
    if location_ids is not None:
        query = query.where(Loan.location_id.in_(location_ids))
    return list(session.scalars(query.order_by(Loan.due_on)))


# --- Digibanken: access ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Access:
    """The Digibanken objective "access" over a period: loans started, and the visitor codes of
    their borrowers (to count distinct people across help, lending and workshops)."""

    loans: int = 0
    visitor_codes: frozenset[str] = frozenset()


def access_between(session: Session, start: datetime, end: datetime,
                   location_ids: frozenset[str] | None = None) -> Access:
    """Loans started in [start, end) at `location_ids` (None: everywhere)."""
    query = select(Loan.visitor_code).where(and_(Loan.lent_at >= start, Loan.lent_at < end))
    if location_ids is not None:
        query = query.where(Loan.location_id.in_(sorted(location_ids)))
    codes = list(session.scalars(query))
    return Access(len(codes), frozenset(code for code in codes if code))


def is_lending(kind: str) -> bool:
    return kind in LENDING_KINDS
