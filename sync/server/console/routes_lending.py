"""The console's lending page (Uitlenen): inventory per location, devices out, overdue loans, the
loan history (filtered by location, period, state and kind; the same filters give its CSV),
conflicts to resolve, devices added one by one or from a CSV, a device put in repair, retired or
made available again.

The borrower's contact is sealed (sync/server/lending.py): this page only says whether it is still
kept. A coordinator (or admin) of the loan's location opens it with a POST (CSRF-checked); every
opening is written to the audit log, without the contact itself. Viewers never open one. The same
coordinator erases it on the borrower's request, for any loan, after a question ("Contact nu
wissen"): CSRF-checked, logged, and a second erase changes nothing.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sync import labels
from sync.protocol import ACCESSORIES
from sync.server import lending
from sync.server.console import auth
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.web import (
    DB,
    SECURITY_HEADERS,
    ZONE,
    checked_form,
    current_viewer,
    editable,
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
LOAN_STATES = {"open": "Nog niet terug", "te-laat": "Te laat", "terug": "Teruggebracht"}
HISTORY_COLUMNS = ("Inventarisnummer", "Soort", "Locatie", "Uitgeleend", "Terug op", "Teruggebracht",
                   "Toestand bij terugkeer", "Toebehoren mee", "Toebehoren terug", "Reden", "Contactgegevens")
CONDITIONS: dict[str, str] = dict(labels.DEVICE_CONDITIONS.items())
ELIGIBILITY: dict[str, str] = dict(labels.ELIGIBILITY_BASES.items())
STATUSES: dict[str, str] = dict(labels.DEVICE_STATUSES.items())


@dataclass(frozen=True)
class DeviceRow:
    device: LoanDevice
    location: str
    status: str  # Dutch
    due_on: date | None
    code: str = "available"  # the status code (lent from the loans)


@dataclass
class PlaceCount:
    """The inventory of one location: devices per state, and loans overdue."""

    location: str
    devices: int = 0
    available: int = 0
    lent: int = 0
    repair: int = 0
    retired: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class LoanRow:
    loan: Loan
    tag: str
    location: str
    days_late: int
    contact: str  # Dutch: "bewaard", "gewist op ...", "wordt gewist op ..."
    kind: str = ""  # the device's kind, Dutch


@dataclass(frozen=True)
class HistoryFilter:
    """The loan history's filters, from the query string (the page and its CSV share them)."""

    location: str = ""  # a location id; "": all the viewer's
    start: date | None = None  # lent on or after this day
    end: date | None = None  # lent on or before this day
    state: str = ""  # a LOAN_STATES key; "": all
    kind: str = ""  # a device kind code; "": all
    tag: str = ""  # one device's inventory number (a borrower asking to be forgotten names it); "": all

    @classmethod
    def parse(cls, request: Request, viewer: Viewer) -> tuple[HistoryFilter, list[str]]:
        """The filters and what was not understood (Dutch); a location of someone else is refused."""
        query, problems = request.query_params, []
        location = query.get("locatie", "")
        if location:
            viewer.check_location(location)
        days: list[date | None] = []
        for name, word in (("van", "De begindatum"), ("tot", "De einddatum")):
            try:
                days.append(date.fromisoformat(query[name]) if query.get(name) else None)
            except ValueError:
                days.append(None)
                problems.append(f"{word} is geen datum (jjjj-mm-dd); die filter is weggelaten.")
        state = query.get("toestand", "")
        if state not in LOAN_STATES:
            state = ""
        return cls(location, days[0], days[1], state, query.get("soort", "")[:30],
                   query.get("toestel", "").strip()[:40]), problems

    @property
    def query_string(self) -> str:
        return urlencode({name: value for name, value in (
            ("locatie", self.location), ("van", self.start.isoformat() if self.start else ""),
            ("tot", self.end.isoformat() if self.end else ""), ("toestand", self.state), ("soort", self.kind),
            ("toestel", self.tag)) if value})


def history_query(viewer: Viewer, chosen: HistoryFilter, today: date) -> Select[Loan, LoanDevice]:
    """The viewer's loans that pass the filters, newest first, with their device."""
    query = (select(Loan, LoanDevice).outerjoin(LoanDevice, LoanDevice.id == Loan.device_id)
             .where(Loan.lent_at.is_not(None)).order_by(Loan.lent_at.desc(), Loan.id))
    if viewer.location_ids is not None:
        query = query.where(Loan.location_id.in_(sorted(viewer.location_ids)))
    if chosen.location:
        query = query.where(Loan.location_id == chosen.location)
    if chosen.start:
        query = query.where(Loan.lent_at >= datetime.combine(chosen.start, time(), ZONE))
    if chosen.end:
        query = query.where(Loan.lent_at < datetime.combine(chosen.end + timedelta(days=1), time(), ZONE))
    if chosen.state in ("open", "te-laat"):
        query = query.where(Loan.returned_at.is_(None))
    if chosen.state == "te-laat":
        query = query.where(Loan.due_on < today)
    if chosen.state == "terug":
        query = query.where(Loan.returned_at.is_not(None))
    if chosen.kind:
        query = query.where(LoanDevice.device_kind == chosen.kind)
    if chosen.tag:
        query = query.where(LoanDevice.tag == chosen.tag)
    return query


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
                                 state.due_on, state.status))
    tags = {d.device.id: d.device.tag for d in devices}

    def row(loan: Loan, device: LoanDevice | None = None) -> LoanRow:
        late = (today - loan.due_on).days if loan.due_on and loan.returned_at is None and loan.due_on < today else 0
        return LoanRow(loan, device.tag if device else tags.get(loan.device_id or "", "?"),
                       places.get(loan.location_id or "", "?"), late, _contact_state(loan, retention),
                       labels.device_kind_label(device.device_kind) if device else "?")

    chosen, problems = HistoryFilter.parse(request, viewer)
    history = [row(loan, device) for loan, device in session.execute(
        history_query(viewer, chosen, today).limit(HISTORY_ROWS + 1))]
    conflicts = [(c, tags.get(c.device_id, "?"), [row(session.get_one(Loan, i)) for i in c.loan_ids])
                 for c in lending.conflicts(session, scope)]
    kinds = lending.kinds_in_use(session)
    overdue = [row(loan) for loan in lending.overdue(session, today, scope)]
    per_place: dict[str, PlaceCount] = {}
    for item in devices:
        count = per_place.setdefault(item.location, PlaceCount(item.location))
        count.devices += 1
        setattr(count, item.code, getattr(count, item.code) + 1)
    for late in overdue:
        per_place.setdefault(late.location, PlaceCount(late.location)).overdue += 1
    return page(request, "lending.html", status=status, title="Uitlenen", devices=devices,
                out=[d for d in devices if d.device.id and d.due_on is not None],
                overdue=overdue, per_place=sorted(per_place.values(), key=lambda c: c.location.casefold()),
                history=history[:HISTORY_ROWS], more_history=len(history) > HISTORY_ROWS, chosen=chosen,
                filter_problems=problems, loan_states=LOAN_STATES, conflicts=conflicts,
                locations=visible(session, viewer, active_only=True), kinds={k: labels.device_kind_label(k)
                                                                              for k in kinds},
                accessories=labels.ACCESSORIES, eligibility=labels.ELIGIBILITY_BASES,
                conditions=CONDITIONS, statuses={code: STATUSES[code] for code in lending.SETTABLE_STATUSES},
                retention=retention, has_key=lending.published_key(session) is not None, **extra)


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


@router.post("/uitlenen/toestellen/{device_id}/staat")
def set_device_status(request: Request, device_id: str, form: FormData = Depends(checked_form),
                      session: Session = DB) -> Response:
    """In repair, retired or available again, with the device's condition: a coordinator of its location."""
    viewer: Viewer = request.state.viewer
    device = editable(session, viewer, LoanDevice, device_id)
    before = (device.status, device.condition)
    try:
        with session.begin_nested():
            lending.set_device_status(session, device, form_text(form, "status"), form_text(form, "condition"),
                                      utcnow())
    except lending.LendingError as exc:
        return _lending_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "set-loan-device-status", device.tag,
               {"id": device.id, "before": list(before), "after": [device.status, device.condition]}, now=utcnow())
    return see_other("/console/uitlenen?gedaan=staat")


def _csv_text(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (a tag may start with "=")."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@router.get("/uitlenen/uitleningen.csv")
def history_csv(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    """The loan history with the page's filters: anonymous (no contact, no visitor code, no helper);
    whether the sealed contact is still kept is the only word about it."""
    chosen, _problems = HistoryFilter.parse(request, viewer)
    places = {loc.id: loc.name for loc in session.scalars(select(Location))}
    retention = lending.retention_days(session)
    today = datetime.now(ZONE).date()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    for loan, device in session.execute(history_query(viewer, chosen, today)):
        writer.writerow([
            _csv_text(device.tag if device else ""), labels.device_kind_label(device.device_kind) if device else "",
            places.get(loan.location_id or "", ""), loan.lent_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")
            if loan.lent_at else "", loan.due_on.isoformat() if loan.due_on else "",
            loan.returned_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M") if loan.returned_at else "",
            CONDITIONS.get(loan.return_condition or "", loan.return_condition or ""),
            accessories_text(loan.accessories),
            accessories_text(loan.accessories_back) if loan.accessories_back is not None else "",
            ELIGIBILITY.get(loan.eligibility or "", loan.eligibility or ""), _contact_state(loan, retention)])
    name = "digipunt-uitleningen" + (f"-{chosen.start.isoformat()}" if chosen.start else "") + (
        f"-tot-{chosen.end.isoformat()}" if chosen.end else "") + ".csv"
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


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
            if index is None or index >= len(cells):
                return ""
            if name == "toebehoren" and index == len(header) - 1:
                return ";".join(cells[index:])  # "lader; hoes" unquoted in a ";" file spans the last cells
            return cells[index].strip()
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
    loan = editable(session, viewer, Loan, loan_id)
    try:
        contact = lending.open_contact(session, loan_id)
    except lending.LendingKeyError as exc:
        return _lending_page(request, session, viewer, 503, message=str(exc))
    auth.audit(session, viewer, "open-loan-contact", loan_id,
               {"location": loan.location_id, "erased": contact is None}, now=utcnow())
    return _loan_page(request, session, "lending_contact.html", loan, title="Contact van de ontlener",
                      contact=contact)


def _loan_page(request: Request, session: Session, template: str, loan: Loan, **extra: object) -> Response:
    """A page about one loan (its contact opened, or the question before erasing it)."""
    device = session.get(LoanDevice, loan.device_id) if loan.device_id else None
    return page(request, template, status=200, loan=loan, tag=device.tag if device else "?",
                location=session.scalar(select(Location.name).where(Location.id == loan.location_id)) or "?",
                **extra)


@router.get("/uitlenen/{loan_id}/wissen")
def erase_question(request: Request, loan_id: str, viewer: Viewer = Depends(current_viewer),
                   session: Session = DB) -> Response:
    """The question before a borrower's contact is erased: which loan, and what it means."""
    loan = editable(session, viewer, Loan, loan_id)
    return _loan_page(request, session, "lending_erase.html", loan, title="Contact van de ontlener wissen",
                      contact=_contact_state(loan, lending.retention_days(session)),
                      back=HistoryFilter.parse(request, viewer)[0].query_string)


@router.post("/uitlenen/{loan_id}/wissen")
def erase_contact(request: Request, loan_id: str, form: FormData = Depends(checked_form),
                  session: Session = DB) -> Response:
    """The borrower asked to be forgotten: a coordinator or admin of the loan's location erases the
    contact of any of their loans (a kiosk reaches only a device's latest); logged, once."""
    viewer: Viewer = request.state.viewer
    loan = editable(session, viewer, Loan, loan_id)
    back = HistoryFilter.parse(request, viewer)[0].query_string  # the history as it was filtered
    back = back + "&" if back else ""
    if not lending.erase_contact(session, loan, utcnow()):
        return see_other(f"/console/uitlenen?{back}gedaan=al-gewist#geschiedenis")
    auth.audit(session, viewer, "erase-loan-contact", loan_id, {"location": loan.location_id,
                                                                "device": loan.device_id}, now=utcnow())
    return see_other(f"/console/uitlenen?{back}gedaan=gewist#geschiedenis")


@router.post("/uitlenen/conflicten/{device_id}/opgelost")
def resolve_conflict(request: Request, device_id: str, form: FormData = Depends(checked_form),
                     session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    device = editable(session, viewer, LoanDevice, device_id)
    resolved = lending.resolve_conflict(session, device_id, utcnow())
    auth.audit(session, viewer, "resolve-loan-conflict", device.tag, {"loans": resolved,
                                                                      "note": form_text(form, "note")[:200]},
               now=utcnow())
    return see_other("/console/uitlenen?gedaan=conflict")


def accessories_text(value: str | None) -> str:
    """A JSON list of accessory codes as Dutch words, in the usual order (lader, hoes, muis)."""
    codes = json.loads(value) if value else []
    order = {code: index for index, code in enumerate(labels.ACCESSORIES)}
    return ", ".join(labels.ACCESSORIES.get(code, code)
                     for code in sorted(codes, key=lambda c: order.get(c, len(order)))) or "—"


templates.env.filters["accessories"] = accessories_text
