"""The console's pages for what the kiosks' home screens show: the spreekuur schedule of each
location (weekly hours, closed days, extra sessions, digibus stops) and notices. Admins and a
location's coordinators change them; viewers read. Each change is a reference change
(sync/server/schedule.py), so the kiosks show it after their next sync."""
from __future__ import annotations

import typing
from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.protocol import NOTICE_MAX, VISITOR_LANGUAGES
from sync.server import schedule
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
from sync.server.models import Location, Notice, NoticeLocation, ScheduleEntry

router = APIRouter(prefix="/console")
LANGUAGE_LABELS = {"nl": "Nederlands", "fr": "Frans", "en": "Engels", "ar": "Arabisch", "uk": "Oekraïens",
                   "tr": "Turks", "ru": "Russisch", "fa": "Dari"}
KIND_LABELS = {"weekly": "elke week", "closed": "gesloten", "extra": "extra spreekuur", "stop": "halte"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def day_label(day: date | None) -> str:
    """'dinsdag 3 december 2026'."""
    if day is None:
        return ""
    return f"{schedule.WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


# --- the schedule of a location ------------------------------------------------------------------
@router.get("/spreekuren")
def schedules(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    locations = visible_locations(session, viewer)
    lines = {loc.id: schedule.entries(session, loc.id) for loc in locations}
    return page(request, "schedules.html", title="Spreekuren", locations=locations, lines=lines,
                kinds=KIND_LABELS, weekdays=schedule.WEEKDAYS, day_label=day_label, today=schedule.today())


def _check_can_edit(viewer: Viewer) -> None:
    """A viewer is refused before anything is looked up (check_edit() also wants a location)."""
    if not viewer.can_edit:
        raise Forbidden("read-only")


def _location(session: Session, viewer: Viewer, location_id: str, *, edit: bool) -> Location:
    if edit:
        _check_can_edit(viewer)
    viewer.check_location(location_id)
    location = session.get(Location, location_id)
    if location is None:
        raise Forbidden("location")
    if edit:
        viewer.check_edit(location.id)
    return location


def _schedule_page(request: Request, session: Session, viewer: Viewer, location: Location, status: int = 200,
                   **extra: typing.Any) -> Response:
    return page(request, "schedule.html", status=status, title=f"Spreekuren: {location.name}", location=location,
                lines=schedule.entries(session, location.id), kinds=KIND_LABELS, weekdays=schedule.WEEKDAYS,
                day_label=day_label, today=schedule.today(), **extra)


@router.get("/spreekuren/{location_id}")
def location_schedule(request: Request, location_id: str, viewer: Viewer = Depends(current_viewer),
                      session: Session = DB) -> Response:
    return _schedule_page(request, session, viewer, _location(session, viewer, location_id, edit=False))


@router.post("/spreekuren/{location_id}")
def add_schedule_line(request: Request, location_id: str, form: FormData = Depends(checked_form),
                      session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location = _location(session, viewer, location_id, edit=True)
    kind = form_text(form, "kind")
    try:
        with session.begin_nested():
            entry = schedule.add_entry(session, location, kind, weekday=form_text(form, "weekday"),
                                       day=form_text(form, "day"), start=form_text(form, "start"),
                                       end=form_text(form, "end"), address=form_text(form, "address"))
    except schedule.ScheduleError as exc:
        return _schedule_page(request, session, viewer, location, 422, message=str(exc), form=form)
    auth.audit(session, viewer, "add-schedule-line", location.name, _detail(entry), now=utcnow())
    return see_other(f"/console/spreekuren/{location.id}?gedaan=toegevoegd")


def _detail(entry: ScheduleEntry) -> dict[str, object]:
    detail: dict[str, object] = {"kind": entry.kind, "start": entry.start, "end": entry.end}
    if entry.weekday is not None:
        detail["weekday"] = schedule.WEEKDAYS[entry.weekday]
    if entry.day is not None:
        detail["day"] = entry.day.isoformat()
    if entry.address:
        detail["address"] = entry.address
    return detail


def _line_page(request: Request, location: Location, entry: ScheduleEntry, status: int = 200,
               **extra: typing.Any) -> Response:
    return page(request, "schedule_edit.html", status=status, title=f"Spreekuren: {location.name}",
                location=location, line=entry, kinds=KIND_LABELS, weekdays=schedule.WEEKDAYS, day_label=day_label,
                today=schedule.today(), **extra)


def _line(session: Session, location: Location, entry_id: str) -> ScheduleEntry | None:
    entry = session.get(ScheduleEntry, entry_id)
    return entry if entry is not None and entry.location_id == location.id else None


@router.get("/spreekuren/{location_id}/{entry_id}/bewerken")
def edit_schedule_line(request: Request, location_id: str, entry_id: str, viewer: Viewer = Depends(current_viewer),
                       session: Session = DB) -> Response:
    location = _location(session, viewer, location_id, edit=True)
    entry = _line(session, location, entry_id)
    if entry is None:
        return _schedule_page(request, session, viewer, location, 404, message="Deze lijn bestaat niet meer.")
    return _line_page(request, location, entry)


@router.post("/spreekuren/{location_id}/{entry_id}/bewerken")
def change_schedule_line(request: Request, location_id: str, entry_id: str, form: FormData = Depends(checked_form),
                         session: Session = DB) -> Response:
    """A line's day, hours or address changed in place (its kind stays): the checks of a new line."""
    viewer: Viewer = request.state.viewer
    location = _location(session, viewer, location_id, edit=True)
    entry = _line(session, location, entry_id)
    if entry is None:
        return _schedule_page(request, session, viewer, location, 404, message="Deze lijn bestaat niet meer.")
    before = _detail(entry)
    try:
        with session.begin_nested():
            schedule.update_entry(session, entry, weekday=form_text(form, "weekday"), day=form_text(form, "day"),
                                  start=form_text(form, "start"), end=form_text(form, "end"),
                                  address=form_text(form, "address"))
    except schedule.ScheduleError as exc:
        return _line_page(request, location, entry, 422, message=str(exc), form=form)
    auth.audit(session, viewer, "change-schedule-line", location.name, {"before": before, "after": _detail(entry)},
               now=utcnow())
    return see_other(f"/console/spreekuren/{location.id}?gedaan=gewijzigd")


@router.post("/spreekuren/{location_id}/{entry_id}/verwijderen")
def remove_schedule_line(request: Request, location_id: str, entry_id: str, _form: FormData = Depends(checked_form),
                         session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location = _location(session, viewer, location_id, edit=True)
    entry = _line(session, location, entry_id)
    if entry is None:
        return see_other(f"/console/spreekuren/{location.id}")  # removed already (a second click)
    detail = _detail(entry)
    schedule.remove_entry(session, entry)
    auth.audit(session, viewer, "remove-schedule-line", location.name, detail, now=utcnow())
    return see_other(f"/console/spreekuren/{location.id}?gedaan=verwijderd")


# --- notices -------------------------------------------------------------------------------------
def _notices_page(request: Request, session: Session, viewer: Viewer, status: int = 200,
                  **extra: typing.Any) -> Response:
    locations = visible_locations(session, viewer)
    names = {loc.id: loc.name for loc in session.scalars(select(Location))}
    rows = []
    for notice in session.scalars(select(Notice).order_by(Notice.last_day.desc(), Notice.first_day.desc())):
        places = schedule.notice_location_ids(session, notice.id)
        if any(viewer.sees(p) for p in places):
            rows.append((notice, schedule.notice_texts(notice), sorted(names.get(p, "?") for p in places),
                         viewer.can_edit and all(viewer.sees(p) for p in places)))
    return page(request, "notices.html", status=status, title="Mededelingen", notices=rows, locations=locations,
                languages=LANGUAGE_LABELS, day_label=day_label, today=schedule.today(), notice_max=NOTICE_MAX,
                **extra)


@router.get("/mededelingen")
def notices(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _notices_page(request, session, viewer)


@router.post("/mededelingen")
def add_notice(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_can_edit(viewer)
    places = form_list(form, "location_id")
    for place in places:
        viewer.check_edit(place)
    texts: dict[str, str] = {lang: form_text(form, f"text_{lang}") for lang in VISITOR_LANGUAGES}
    try:
        with session.begin_nested():
            notice = schedule.add_notice(session, texts, form_text(form, "first_day"), form_text(form, "last_day"),
                                         places)
    except schedule.ScheduleError as exc:
        return _notices_page(request, session, viewer, 422, message=str(exc), form=form, chosen=set(places))
    auth.audit(session, viewer, "add-notice", schedule.notice_texts(notice)["nl"][:200],
               {"id": notice.id, "locations": places, "first_day": notice.first_day.isoformat(),
                "last_day": notice.last_day.isoformat()}, now=utcnow())
    return see_other("/console/mededelingen?gedaan=toegevoegd")


def _editable_notice(session: Session, viewer: Viewer, notice_id: str) -> tuple[Notice, list[str]] | None:
    """The notice and its locations, when the viewer may change it (a coordinator: their locations only)."""
    _check_can_edit(viewer)
    notice = session.get(Notice, notice_id)
    if notice is None:
        return None
    places = schedule.notice_location_ids(session, notice.id)
    for place in places:
        viewer.check_edit(place)
    return notice, places


def _notice_page(request: Request, session: Session, viewer: Viewer, notice: Notice, places: list[str],
                 status: int = 200, **extra: typing.Any) -> Response:
    texts = schedule.notice_texts(notice)
    values = {f"text_{lang}": text for lang, text in texts.items()} | {
        "first_day": notice.first_day.isoformat(), "last_day": notice.last_day.isoformat()}
    return page(request, "notice_edit.html", status=status, title="Mededeling wijzigen", notice=notice,
                locations=visible_locations(session, viewer), languages=LANGUAGE_LABELS, today=schedule.today(),
                notice_max=NOTICE_MAX, values=values, chosen=set(places), **extra)


@router.get("/mededelingen/{notice_id}/bewerken")
def edit_notice(request: Request, notice_id: str, viewer: Viewer = Depends(current_viewer),
                session: Session = DB) -> Response:
    found = _editable_notice(session, viewer, notice_id)
    if found is None:
        return _notices_page(request, session, viewer, 404, message="Deze mededeling bestaat niet meer.")
    return _notice_page(request, session, viewer, *found)


@router.post("/mededelingen/{notice_id}/bewerken")
def change_notice(request: Request, notice_id: str, form: FormData = Depends(checked_form),
                  session: Session = DB) -> Response:
    """A notice's texts, days and locations changed in place: the checks of a new notice."""
    viewer: Viewer = request.state.viewer
    found = _editable_notice(session, viewer, notice_id)
    if found is None:
        return _notices_page(request, session, viewer, 404, message="Deze mededeling bestaat niet meer.")
    notice, before = found
    places = form_list(form, "location_id")
    for place in places:
        viewer.check_edit(place)
    texts: dict[str, str] = {lang: form_text(form, f"text_{lang}") for lang in VISITOR_LANGUAGES}
    try:
        with session.begin_nested():
            schedule.update_notice(session, notice, texts, form_text(form, "first_day"), form_text(form, "last_day"),
                                   places)
    except schedule.ScheduleError as exc:
        return _notice_page(request, session, viewer, notice, places, 422, message=str(exc),
                            typed={name: form_text(form, name) for name in form})
    auth.audit(session, viewer, "change-notice", schedule.notice_texts(notice)["nl"][:200],
               {"id": notice.id, "locations": places, "before_locations": before,
                "first_day": notice.first_day.isoformat(), "last_day": notice.last_day.isoformat()}, now=utcnow())
    return see_other("/console/mededelingen?gedaan=gewijzigd")


@router.post("/mededelingen/{notice_id}/verwijderen")
def remove_notice(request: Request, notice_id: str, _form: FormData = Depends(checked_form),
                  session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_can_edit(viewer)
    notice = session.get(Notice, notice_id)
    if notice is None:
        return see_other("/console/mededelingen")  # removed already (a second click)
    places = list(session.scalars(select(NoticeLocation.location_id).where(NoticeLocation.notice_id == notice.id)))
    for place in places:  # a coordinator removes only a notice that is for their locations alone
        viewer.check_edit(place)
    text = schedule.notice_texts(notice)["nl"]
    schedule.remove_notice(session, notice)
    auth.audit(session, viewer, "remove-notice", text[:200], {"id": notice_id, "locations": places}, now=utcnow())
    return see_other("/console/mededelingen?gedaan=verwijderd")
