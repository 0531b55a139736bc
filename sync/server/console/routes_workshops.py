"""The console's Vormingen page: plan workshops (title, topic, date and time, a location or a
digibus stop, trainer, places), cancel one, and see the attendance kiosks recorded; the sessions
and attendees per month, location and topic."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.server import workshops
from sync.server.console import auth
from sync.server.console.auth import Viewer
from sync.server.console.web import DB, ZONE, checked_form, current_viewer, editable, form_text, page, see_other
from sync.server.console.web import visible_locations as visible
from sync.server.db import utcnow
from sync.server.models import Location, Workshop

router = APIRouter(prefix="/console")


@dataclass(frozen=True)
class WorkshopRow:
    workshop: Workshop
    place: str
    attendees: int | None  # None: not recorded (yet)


def _page(request: Request, session: Session, viewer: Viewer, status: int = 200, **extra: object) -> Response:
    names = {loc.id: loc.name for loc in session.scalars(select(Location))}
    query = select(Workshop).order_by(Workshop.starts_at.desc())
    if viewer.location_ids is not None:
        query = query.where(Workshop.location_id.in_(sorted(viewer.location_ids)))
    recorded = workshops.attendance(session)
    rows = [WorkshopRow(w, names.get(w.location_id, "?") + (f", {w.stop_name}" if w.stop_name else ""),
                        recorded.get(w.id)) for w in session.scalars(query)]
    summary = workshops.per_month(session, ZONE, viewer.location_ids)
    return page(request, "workshops.html", status=status, title="Vormingen", rows=rows, summary=summary,
                locations=visible(session, viewer, active_only=True), **extra)


@router.get("/vormingen")
def workshops_page(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _page(request, session, viewer)


@router.post("/vormingen")
def plan(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location_id = form_text(form, "location_id")
    viewer.check_edit(location_id)
    try:
        starts_at = datetime.fromisoformat(f"{form_text(form, 'date')}T{form_text(form, 'time')}").replace(tzinfo=ZONE)
        places = int(form_text(form, "max_places") or "0")
    except ValueError:
        return _page(request, session, viewer, 422, message="Kies een datum en een uur, en typ het aantal plaatsen.")
    try:
        with session.begin_nested():
            workshop = workshops.plan_workshop(session, form_text(form, "title"), starts_at, location_id, places,
                                               topic=form_text(form, "topic"), trainer=form_text(form, "trainer"),
                                               stop_name=form_text(form, "stop_name") or None)
    except workshops.WorkshopError as exc:
        return _page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "plan-workshop", workshop.title, {"id": workshop.id, "location": location_id},
               now=utcnow())
    return see_other("/console/vormingen?gedaan=gepland")


@router.post("/vormingen/{workshop_id}/afgelast")
def cancel(request: Request, workshop_id: str, form: FormData = Depends(checked_form),
           session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    workshop = editable(session, viewer, Workshop, workshop_id)
    workshops.cancel_workshop(session, workshop)
    auth.audit(session, viewer, "cancel-workshop", workshop.title, {"id": workshop.id}, now=utcnow())
    return see_other("/console/vormingen?gedaan=afgelast")
