"""Quarantaine: records kept aside because they fail the server's checks (sync/server/quarantine.py).
City admins only: a quarantined record may belong to any location, and its payload is shown whole."""
from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.server import quarantine
from sync.server.console.auth import Viewer
from sync.server.console.web import DB, checked_form, current_viewer, form_text, page, see_other
from sync.server.db import utcnow

router = APIRouter(prefix="/console")


def _page(request: Request, session: Session, **extra: Any) -> Response:
    rows = quarantine.quarantined(session)
    pretty = {row.id: _pretty(row.payload) for row in rows}
    return page(request, "quarantine.html", title="Quarantaine", rows=rows, pretty=pretty, **extra)


def _pretty(payload: str) -> str:
    try:
        return json.dumps(json.loads(payload), indent=2, ensure_ascii=False, sort_keys=True)
    except ValueError:
        return payload


@router.get("/quarantaine")
def quarantined(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    viewer.check_admin()
    return _page(request, session)


@router.post("/quarantaine/{record_id}/weggooien")
def discard(request: Request, record_id: str, _form: FormData = Depends(checked_form),
            session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    try:
        quarantine.discard(session, record_id, viewer.username, utcnow())
    except quarantine.QuarantineError:
        return _page(request, session, message="Dit record staat niet (meer) in quarantaine.")
    return see_other("/console/quarantaine?gedaan=weggegooid")


@router.post("/quarantaine/{record_id}/herstellen")
def restore(request: Request, record_id: str, form: FormData = Depends(checked_form),
            session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    try:
        with session.begin_nested():
            quarantine.restore(session, record_id, form_text(form, "payload"), viewer.username, utcnow())
    except quarantine.QuarantineError as exc:
        return _page(request, session, message=f"Niet hersteld: {exc}. Pas de gegevens aan en probeer opnieuw.",
                     failed_id=record_id, failed_payload=form_text(form, "payload"))
    return see_other("/console/quarantaine?gedaan=hersteld")
