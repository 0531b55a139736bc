"""The console's digihelpers page: add one (or many from a CSV), a one-time set-up code instead of
a PIN, deactivate/reactivate, where they work.

Who may touch a helper: an admin any; a coordinator a helper who works at one of their locations
(and only those locations of the helper); nobody but an admin a city-wide helper (no locations).
The PIN is never seen here: the helper types it on a kiosk with the set-up code (admin.py).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sync.protocol import ROLES
from sync.server import admin, phone
from sync.server.console import auth
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.web import (
    DB,
    checked_form,
    current_viewer,
    form_list,
    form_text,
    page,
    see_other,
    visible_locations,
)
from sync.server.db import utcnow
from sync.server.models import Helper, HelperLocation, HelperSetupCode, Location

router = APIRouter(prefix="/console")
HELPER_ROLE_LABELS = {"digihelper": "digihelper", "coordinator": "coördinator"}
CSV_MAX_ROWS = 500


@dataclass(frozen=True)
class HelperRow:
    id: str
    name: str
    role: str
    active: bool
    has_pin: bool
    places: tuple[str, ...]  # names; empty = every location
    place_ids: frozenset[str]
    code_expires: datetime | None  # an open set-up code
    can_edit: bool


@dataclass(frozen=True)
class NewCode:
    name: str
    code: str
    expires: datetime
    places: str


def _helper_locations(session: Session) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for helper_id, location_id in session.execute(select(HelperLocation.helper_id, HelperLocation.location_id)):
        found.setdefault(helper_id, set()).add(location_id)
    return {helper_id: frozenset(ids) for helper_id, ids in found.items()}


def _may_edit(viewer: Viewer, place_ids: frozenset[str]) -> bool:
    if not viewer.can_edit:
        return False
    if not place_ids:
        return viewer.is_admin
    return viewer.location_ids is None or bool(place_ids & viewer.location_ids)


def _check_editor(viewer: Viewer) -> None:
    """Admins and coordinators; which helpers and locations is checked per action."""
    if not viewer.can_edit:
        raise Forbidden("read-only")


def _helper_for(session: Session, viewer: Viewer, helper_id: str) -> tuple[Helper, frozenset[str]]:
    """A helper the viewer may change, with where they work; 403 otherwise (also for an unknown id:
    no probing)."""
    _check_editor(viewer)
    helper = session.get(Helper, helper_id)
    if helper is None:
        raise Forbidden("location")
    place_ids = admin.helper_location_ids(session, helper.id)
    if not place_ids:
        viewer.check_admin()
    elif not _may_edit(viewer, place_ids):
        raise Forbidden("location")
    return helper, place_ids


def _places_text(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(names) if names else "alle locaties"


def _helpers_page(request: Request, session: Session, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    names = {loc.id: loc.name for loc in session.scalars(select(Location))}
    where = _helper_locations(session)
    now = utcnow()
    open_codes = {row.helper_id: row.expires_at for row in session.scalars(
        select(HelperSetupCode).where(HelperSetupCode.used_at.is_(None), HelperSetupCode.expires_at > now))}
    rows = []
    for helper in session.scalars(select(Helper).order_by(Helper.display_name)):
        place_ids = where.get(helper.id, frozenset())
        if place_ids and not any(viewer.sees(p) for p in place_ids):
            continue  # city-wide helpers work everywhere, so everyone sees them
        rows.append(HelperRow(helper.id, helper.display_name, helper.role, helper.active, bool(helper.pin_hash),
                              tuple(sorted(names[p] for p in place_ids)), place_ids, open_codes.get(helper.id),
                              _may_edit(viewer, place_ids)))
    return page(request, "helpers.html", status=status, title="Digihelpers", helpers=rows,
                locations=visible_locations(session, viewer, active_only=True), role_labels=HELPER_ROLE_LABELS,
                places_text=_places_text, **extra)


@router.get("/digihelpers")
def helpers(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _helpers_page(request, session, viewer)


def _chosen_locations(viewer: Viewer, location_ids: list[str]) -> list[str]:
    """The locations a coordinator picked: only their own, at least one (no city-wide helpers)."""
    for location_id in location_ids:
        viewer.check_location(location_id)
    if not location_ids and not viewer.is_admin:
        raise admin.AdminError("Kies minstens één locatie waar deze digihelper werkt.")
    return location_ids


def _new_code(session: Session, helper: Helper) -> NewCode:
    code, expires = admin.create_setup_code(session, helper)
    names = sorted(session.scalars(select(Location.name).join(HelperLocation, HelperLocation.location_id == Location.id)
                                   .where(HelperLocation.helper_id == helper.id)))
    return NewCode(helper.display_name, code, expires, _places_text(names))


@router.post("/digihelpers")
def add_helper(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_editor(viewer)
    try:
        with session.begin_nested():
            helper = admin.add_helper(session, form_text(form, "name"), form_text(form, "role"), None,
                                      _chosen_locations(viewer, form_list(form, "location_id")))
            new = _new_code(session, helper)
    except admin.AdminError as exc:
        return _helpers_page(request, session, viewer, 422, message=str(exc), form=form)
    auth.audit(session, viewer, "add-helper", helper.display_name, {"id": helper.id, "role": helper.role,
                                                                     "locations": new.places}, now=utcnow())
    return _helpers_page(request, session, viewer, new_codes=[new])


def _helper_disabled(request: Request, session: Session, viewer: Viewer, helper: Helper) -> Response:
    """A disabled helper gets no new code (setup or phone) until switched on again."""
    return _helpers_page(request, session, viewer, 409, message=f"{helper.display_name} is uitgeschakeld. "
                                                                "Schakel de digihelper eerst weer in.")


@router.post("/digihelpers/{helper_id}/instelcode")
def new_setup_code(request: Request, helper_id: str, _form: FormData = Depends(checked_form),
                   session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    helper, _places = _helper_for(session, viewer, helper_id)
    if not helper.active:
        return _helper_disabled(request, session, viewer, helper)
    new = _new_code(session, helper)
    auth.audit(session, viewer, "helper-setup-code", helper.display_name, {"id": helper.id}, now=utcnow())
    return _helpers_page(request, session, viewer, new_codes=[new])


@router.post("/digihelpers/{helper_id}/gsmcode")
def new_phone_code(request: Request, helper_id: str, _form: FormData = Depends(checked_form),
                   session: Session = DB) -> Response:
    """A one-time code for the helper's phone: the help calls of their locations (sync/server/phone.py)."""
    viewer: Viewer = request.state.viewer
    helper, _places = _helper_for(session, viewer, helper_id)
    if not helper.active:
        return _helper_disabled(request, session, viewer, helper)
    code = phone.make_phone_code(session, helper, utcnow())
    auth.audit(session, viewer, "helper-phone-code", helper.display_name, {"id": helper.id}, now=utcnow())
    return _helpers_page(request, session, viewer, phone_code=(helper.display_name, code),
                         phone_url=str(request.base_url).rstrip("/") + "/hulp", phone_days=phone.PHONE_CODE_DAYS)


@router.post("/digihelpers/{helper_id}/actief")
def set_helper_active(request: Request, helper_id: str, form: FormData = Depends(checked_form),
                      session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    helper, _places = _helper_for(session, viewer, helper_id)
    active = form_text(form, "active") == "1"
    admin.set_helper_active(session, helper, active)
    auth.audit(session, viewer, "activate-helper" if active else "deactivate-helper", helper.display_name,
               {"id": helper.id}, now=utcnow())
    return see_other("/console/digihelpers?gedaan=" + ("ingeschakeld" if active else "uitgeschakeld"))


@router.post("/digihelpers/{helper_id}/locaties")
def set_helper_locations(request: Request, helper_id: str, form: FormData = Depends(checked_form),
                         session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    helper, places = _helper_for(session, viewer, helper_id)
    chosen = set(form_list(form, "location_id"))
    for location_id in chosen:
        viewer.check_location(location_id)
    # A coordinator changes only their own locations of the helper; the others stay.
    mine = places if viewer.location_ids is None else places & viewer.location_ids
    wanted = (places - mine) | chosen
    if not wanted and not viewer.is_admin:
        return _helpers_page(request, session, viewer, 422, message="Een digihelper werkt op minstens één locatie. "
                                                                    "Schakel de digihelper uit als die stopt.")
    names = dict(session.execute(select(Location.id, Location.name)).all())
    try:
        admin.set_helper_locations(session, helper, sorted(wanted))
    except admin.AdminError as exc:
        return _helpers_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "helper-locations", helper.display_name,
               {"id": helper.id, "locations": _places_text(sorted(names[p] for p in wanted))}, now=utcnow())
    return see_other("/console/digihelpers?gedaan=locaties")


# --- many at once, from a CSV ---------------------------------------------------------------------
@dataclass
class CsvRow:
    line: int
    name: str
    role: str
    location_ids: list[str] = field(default_factory=list)
    places: str = ""
    errors: list[str] = field(default_factory=list)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows saves "CSV" this way


def parse_helpers_csv(session: Session, viewer: Viewer, text: str) -> tuple[list[CsvRow], str]:
    """Rows of naam, rol, locaties (names separated by ";"), each with its problems in Dutch; and a
    problem with the file as a whole ("" when none). Checks exactly what adding them would."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], "Het bestand is leeg. De eerste regel is: naam,rol,locaties"
    # Excel in Belgium separates columns with ";"; then the locations must be in quotes.
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().casefold() for cell in next(reader)]
    if header[:1] != ["naam"] or any(column not in ("naam", "rol", "locaties") for column in header):
        return [], "De eerste regel moet de kolommen noemen: naam,rol,locaties"
    column = {name: index for index, name in enumerate(header)}
    locations = {loc.name.casefold(): loc for loc in session.scalars(select(Location))}
    existing = {name.casefold() for name in session.scalars(select(Helper.display_name).where(Helper.active))}
    rows: list[CsvRow] = []
    seen: set[str] = set()
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == CSV_MAX_ROWS:
            return rows, f"Hoogstens {CSV_MAX_ROWS} digihelpers per bestand. Verdeel de lijst."

        def cell(name: str, cells: list[str] = cells) -> str:
            index = column.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""
        role_text = cell("rol").casefold().replace("ö", "o")
        row = CsvRow(reader.line_num, " ".join(cell("naam").split()), role_text or "digihelper")
        if not row.name or len(row.name) > 80 or any(ord(ch) < 32 for ch in row.name):
            row.errors.append("De naam ontbreekt of is langer dan 80 tekens.")
        elif row.name.casefold() in existing:
            row.errors.append("Er is al een actieve digihelper met deze naam.")
        elif row.name.casefold() in seen:
            row.errors.append("Deze naam staat al hoger in het bestand.")
        seen.add(row.name.casefold())
        if row.role not in ROLES:
            row.errors.append("De rol is digihelper of coördinator.")
        names = [part.strip() for part in cell("locaties").split(";") if part.strip()]
        for name in names:
            location = locations.get(name.casefold())
            if location is None:
                row.errors.append(f"Onbekende locatie: {name}.")
            elif not viewer.sees(location.id):
                row.errors.append(f"{location.name} is geen locatie van jou.")
            elif location.id not in row.location_ids:
                row.location_ids.append(location.id)
        if not names and not viewer.is_admin:
            row.errors.append("Vul minstens één van jouw locaties in.")
        row.places = _places_text(sorted(locations[n.casefold()].name for n in names if n.casefold() in locations))
        rows.append(row)
    if not rows:
        return [], "Het bestand heeft geen digihelpers onder de eerste regel."
    return rows, ""


@router.post("/digihelpers/csv")
async def preview_csv(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_editor(viewer)
    upload = form.get("file")
    data = await upload.read() if isinstance(upload, UploadFile) else b""
    text = _decode(data)
    rows, problem = parse_helpers_csv(session, viewer, text)
    return page(request, "helpers_csv.html", status=422 if problem else 200, title="Digihelpers uit een CSV",
                rows=rows, problem=problem, csv_text=text, valid=sum(1 for r in rows if not r.errors),
                role_labels=HELPER_ROLE_LABELS)


@router.post("/digihelpers/csv/aanmaken")
def create_from_csv(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    """Adds the valid rows of the previewed file (checked again: the list may have changed since)."""
    viewer: Viewer = request.state.viewer
    _check_editor(viewer)
    rows, problem = parse_helpers_csv(session, viewer, form_text(form, "csv_text"))
    new_codes = []
    for row in rows:
        if row.errors:
            continue
        helper = admin.add_helper(session, row.name, row.role, None, row.location_ids)
        new_codes.append(_new_code(session, helper))
        auth.audit(session, viewer, "add-helper", helper.display_name,
                   {"id": helper.id, "role": helper.role, "locations": row.places, "csv": True}, now=utcnow())
    skipped = sum(1 for row in rows if row.errors)
    return page(request, "helpers_csv.html", title="Digihelpers uit een CSV", rows=[], problem=problem,
                new_codes=new_codes, skipped=skipped, role_labels=HELPER_ROLE_LABELS)
