"""The console's lending page (Uitlenen): inventory per location, devices out, overdue loans, the
loan history, conflicts to resolve, devices added one by one or from a CSV.

The borrower's contact is sealed (sync/server/lending.py): this page only says whether it is still
kept. A coordinator (or admin) of the loan's location opens it with a POST (CSRF-checked); every
opening is written to the audit log, without the contact itself. Viewers never open one.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sync import labels
from sync.protocol import ACCESSORIES
from sync.server import lending
from sync.server.console import auth
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.web import (
    DB,
    ZONE,
    checked_form,
    current_viewer,
    form_list,
    form_text,
    page,
    see_other,
    templates,
)
from sync.server.console.web import visible_locations as visible
from sync.server.db import utcnow
from sync.server.models import Loan, LoanDevice, Location

router = APIRouter(prefix="/console")
CSV_MAX_ROWS = 1000
CSV_HEADER = ("inventarisnummer", "soort", "model", "serienummer", "locatie", "toebehoren")
HISTORY_ROWS = 200


@dataclass(frozen=True)
class DeviceRow:
    device: LoanDevice
    location: str
    status: str  # Dutch
    due_on: date | None


@dataclass(frozen=True)
class LoanRow:
    loan: Loan
    tag: str
    location: str
    days_late: int
    contact: str  # Dutch: "bewaard", "gewist op ...", "wordt gewist op ..."


def _contact_state(loan: Loan, retention: int) -> str:
    if loan.contact_sealed is None:
        when = loan.contact_erased_at
        return f"gewist{' op ' + when.astimezone(ZONE).strftime('%d-%m-%Y') if when else ''}"
    if loan.returned_at is not None:
        return f"bewaard tot {(loan.returned_at + timedelta(days=retention)).astimezone(ZONE).strftime('%d-%m-%Y')}"
    return "bewaard tot de terugkeer + " + str(retention) + " dagen"


def _scope(viewer: Viewer) -> list[str] | None:
    return None if viewer.location_ids is None else sorted(viewer.location_ids)


def _lending_page(request: Request, session: Session, viewer: Viewer, status: int = 200, **extra: object) -> Response:
    places = {loc.id: loc.name for loc in session.scalars(select(Location))}
    scope = _scope(viewer)
    today = datetime.now(ZONE).date()
    retention = lending.retention_days(session)
    query = select(LoanDevice).order_by(LoanDevice.location_id, LoanDevice.tag)
    if scope is not None:
        query = query.where(LoanDevice.location_id.in_(scope))
    devices = []
    for device in session.scalars(query):
        state = lending.device_state(session, device)
        devices.append(DeviceRow(device, places.get(device.location_id, "?"), labels.DEVICE_STATUSES[state.status],
                                 state.due_on))
    tags = {d.device.id: d.device.tag for d in devices}

    def row(loan: Loan) -> LoanRow:
        late = (today - loan.due_on).days if loan.due_on and loan.returned_at is None and loan.due_on < today else 0
        return LoanRow(loan, tags.get(loan.device_id or "", "?"), places.get(loan.location_id or "", "?"), late,
                       _contact_state(loan, retention))

    history = select(Loan).where(Loan.lent_at.is_not(None)).order_by(Loan.lent_at.desc()).limit(HISTORY_ROWS)
    if scope is not None:
        history = history.where(Loan.location_id.in_(scope))
    conflicts = [(c, tags.get(c.device_id, "?"), [row(session.get_one(Loan, i)) for i in c.loan_ids])
                 for c in lending.conflicts(session, scope)]
    return page(request, "lending.html", status=status, title="Uitlenen", devices=devices,
                out=[d for d in devices if d.device.id and d.due_on is not None],
                overdue=[row(loan) for loan in lending.overdue(session, today, scope)],
                history=[row(loan) for loan in session.scalars(history)], conflicts=conflicts,
                locations=visible(session, viewer, active_only=True), kinds=labels.DEVICE_KINDS,
                accessories=labels.ACCESSORIES, eligibility=labels.ELIGIBILITY_BASES,
                conditions=labels.DEVICE_CONDITIONS, retention=retention,
                has_key=lending.published_key(session) is not None, **extra)


@router.get("/uitlenen")
def lending_page(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _lending_page(request, session, viewer)


@router.post("/uitlenen/toestellen")
def add_device(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location_id = form_text(form, "location_id")
    viewer.check_edit(location_id)
    try:
        with session.begin_nested():
            device = lending.add_device(session, form_text(form, "tag"), form_text(form, "device_kind"), location_id,
                                        model=form_text(form, "model"), serial=form_text(form, "serial"),
                                        accessories=tuple(form_list(form, "accessory")))
    except lending.LendingError as exc:
        return _lending_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "add-loan-device", device.tag, {"id": device.id, "location": location_id},
               now=utcnow())
    return see_other("/console/uitlenen?gedaan=toestel")


def _accessory_codes(text: str) -> tuple[list[str], list[str]]:
    """Codes from "lader; muis" (Dutch labels or codes); and what was not understood."""
    by_label: dict[str, str] = {label.casefold(): code for code, label in labels.ACCESSORIES.items()}
    codes: list[str] = []
    unknown: list[str] = []
    for part in (p.strip().casefold() for p in text.replace(",", ";").split(";")):
        if not part:
            continue
        code = by_label.get(part, part if part in ACCESSORIES else None)
        if code:
            codes.append(code)
        else:
            unknown.append(part)
    return codes, unknown


def parse_devices_csv(session: Session, viewer: Viewer, text: str) -> tuple[list[dict[str, object]], list[str]]:
    """The devices of a CSV (inventarisnummer,soort,model,serienummer,locatie,toebehoren) and the
    problems, each naming its line, in Dutch. Nothing is added while there is a problem."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], ["Het bestand is leeg. De eerste regel is: " + ",".join(CSV_HEADER)]
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().casefold() for cell in next(reader)]
    if header[:1] != ["inventarisnummer"] or any(column not in CSV_HEADER for column in header):
        return [], ["De eerste regel moet de kolommen noemen: " + ",".join(CSV_HEADER)]
    column = {name: index for index, name in enumerate(header)}
    places = {loc.name.casefold(): loc for loc in visible(session, viewer, active_only=True)}
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == CSV_MAX_ROWS:
            return rows, [f"Hoogstens {CSV_MAX_ROWS} toestellen per bestand. Verdeel de lijst."]

        def cell(name: str, cells: list[str] = cells) -> str:
            index = column.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""
        place = places.get(cell("locatie").casefold())
        accessories, unknown = _accessory_codes(cell("toebehoren"))
        if place is None:
            problems.append(f"Regel {number}: de locatie \"{cell('locatie')}\" bestaat niet of hoort niet bij "
                            "jouw account.")
        elif unknown:
            problems.append(f"Regel {number}: onbekend toebehoren {', '.join(unknown)} (lader, hoes of muis).")
        elif (cell("inventarisnummer"), place.id) in seen:
            problems.append(f"Regel {number}: het nummer {cell('inventarisnummer')} staat al hoger in het bestand.")
        else:
            seen.add((cell("inventarisnummer"), place.id))
            rows.append({"line": number, "tag": cell("inventarisnummer"), "device_kind": cell("soort") or "other",
                         "model": cell("model"), "serial": cell("serienummer"), "location_id": place.id,
                         "accessories": tuple(accessories)})
    return rows, problems


@router.post("/uitlenen/toestellen/csv")
async def import_devices(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    if not viewer.can_edit:
        raise Forbidden("read-only")  # each row's location is checked by parse_devices_csv
    upload = form.get("file")
    data = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel on Windows saves "CSV" this way
    rows, problems = parse_devices_csv(session, viewer, text)
    added = []
    if not problems:
        try:
            with session.begin_nested():
                for row in rows:
                    try:
                        added.append(lending.add_device(
                            session, str(row["tag"]), str(row["device_kind"]), str(row["location_id"]),
                            model=str(row["model"]), serial=str(row["serial"]),
                            accessories=row["accessories"]))  # type: ignore[arg-type]
                    except lending.LendingError as exc:
                        raise lending.LendingError(f"Regel {row['line']}: {exc}") from None
        except lending.LendingError as exc:
            problems, added = [str(exc)], []
    if problems:
        return _lending_page(request, session, viewer, 422, csv_problems=problems)
    auth.audit(session, viewer, "import-loan-devices", f"{len(added)} toestellen",
               {"tags": [device.tag for device in added]}, now=utcnow())
    return _lending_page(request, session, viewer, imported=len(added))


@router.post("/uitlenen/{loan_id}/contact")
def open_contact(request: Request, loan_id: str, form: FormData = Depends(checked_form),
                 session: Session = DB) -> Response:
    """Open a borrower's sealed contact: coordinators and admins of the loan's location; logged."""
    viewer: Viewer = request.state.viewer
    loan = session.get(Loan, loan_id)
    if loan is None:
        raise Forbidden("location")  # an unknown loan says no more than one of another location
    viewer.check_edit(loan.location_id)
    try:
        contact = lending.open_contact(session, loan_id)
    except lending.LendingKeyError as exc:
        return _lending_page(request, session, viewer, 503, message=str(exc))
    auth.audit(session, viewer, "open-loan-contact", loan_id,
               {"location": loan.location_id, "erased": contact is None}, now=utcnow())
    return page(request, "lending_contact.html", title="Contact van de ontlener", loan=loan, contact=contact,
                tag=session.scalar(select(LoanDevice.tag).where(LoanDevice.id == loan.device_id)) or "?")


@router.post("/uitlenen/conflicten/{device_id}/opgelost")
def resolve_conflict(request: Request, device_id: str, form: FormData = Depends(checked_form),
                     session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    device = session.get(LoanDevice, device_id)
    if device is None:
        raise Forbidden("location")
    viewer.check_edit(device.location_id)
    resolved = lending.resolve_conflict(session, device_id, utcnow())
    auth.audit(session, viewer, "resolve-loan-conflict", device.tag, {"loans": resolved,
                                                                      "note": form_text(form, "note")[:200]},
               now=utcnow())
    return see_other("/console/uitlenen?gedaan=conflict")


def accessories_text(value: str | None) -> str:
    """A JSON list of accessory codes as Dutch words."""
    codes = json.loads(value) if value else []
    return ", ".join(labels.ACCESSORIES.get(code, code) for code in codes) or "—"


templates.env.filters["accessories"] = accessories_text
