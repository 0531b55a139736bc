"""The console's pages. Each route states who may use it: `current_viewer` (anyone logged in,
filtered to their locations) or `checked_form` plus a `viewer.check_*` call for every change."""
from __future__ import annotations

import csv
import io
import secrets
from datetime import datetime, timedelta
from typing import Any

import segno
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.server import admin
from sync.server.console import auth
from sync.server.console.auth import ConsoleError, LoginRefused, Viewer
from sync.server.console.overview import overview_figures
from sync.server.console.web import (
    COOKIE,
    DB,
    SECURITY_HEADERS,
    ZONE,
    checked_form,
    current_viewer,
    form_list,
    form_text,
    page,
    see_other,
    visible_locations,
)
from sync.server.db import utcnow
from sync.server.kiosk_status import CLOCK_WARNING, kiosk_table, span_text
from sync.server.models import AuditEntry, ConsoleUser, Device, Location

router = APIRouter(prefix="/console")
LOGIN_CSRF_COOKIE = "digipunt_login_csrf"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# --- logging in and out ----------------------------------------------------------------------------
def _login_page(request: Request, next_url: str, message: str = "", status: int = 200, username: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    response = page(request, "login.html", status=status, title="Aanmelden", next=next_url, login_csrf=token,
                    message=message, username=username)
    # Double-submit token: a login form posted from another site lacks the cookie's twin.
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, secure=True, samesite="strict", path="/console")
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/console/") -> Response:
    return _login_page(request, next)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    next_url = form_text(form, "next", "/console/")
    if not next_url.startswith("/console/") or next_url.startswith("//"):
        next_url = "/console/"
    cookie_token = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not cookie_token or not secrets.compare_digest(cookie_token, form_text(form, "login_csrf")):
        return _login_page(request, next_url, "Dit aanmeldformulier is verlopen. Probeer opnieuw.", 403)
    with request.app.state.sessions.begin() as session:
        try:
            token, _user = auth.login(session, form_text(form, "username"), form_text(form, "password"),
                                      _client(request), utcnow())
        except LoginRefused as exc:  # caught inside the transaction: the failure is committed and counts
            refused: LoginRefused | None = exc
        else:
            refused = None
    if refused is not None:
        return _login_page(request, next_url, str(refused), 429 if refused.wait_seconds else 401,
                           username=form_text(form, "username"))
    response = see_other(next_url)
    response.set_cookie(COOKIE, token, httponly=True, secure=True, samesite="strict", path="/console",
                        max_age=int(auth.SESSION_MAX.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console")
    return response


@router.post("/logout")
def logout(request: Request, _form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    auth.logout(session, request.cookies.get(COOKIE))
    response = see_other("/console/login")
    response.delete_cookie(COOKIE, path="/console")
    return response


# --- overview ------------------------------------------------------------------------------------
@router.get("/")
def home(_viewer: Viewer = Depends(current_viewer)) -> Response:
    return see_other("/console/overzicht")


@router.get("/overzicht")
def overview(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB,
             start: str = "", end: str = "") -> Response:
    figures = overview_figures(session, viewer, utcnow(), start, end)
    return page(request, "overview.html", title="Overzicht", figures=figures)


# --- kiosks --------------------------------------------------------------------------------------
def _kiosks_page(request: Request, session: Session, viewer: Viewer, **extra: Any) -> Response:
    names = {loc.id: loc.name for loc in visible_locations(session, viewer)}
    devices = [d for d in session.scalars(select(Device).order_by(Device.name)) if viewer.sees(d.location_id)]
    return page(request, "kiosks.html", title="Kiosks", table=kiosk_table(session, devices), location_names=names,
                locations=visible_locations(session, viewer), clock_warning=span_text(CLOCK_WARNING.total_seconds()),
                **extra)


@router.get("/kiosks")
def kiosks(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _kiosks_page(request, session, viewer)


@router.post("/kiosks/koppelcode")
def new_enroll_code(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location = session.get(Location, form_text(form, "location_id"))
    if location is None:
        return _kiosks_page(request, session, viewer, message="Kies de locatie van de nieuwe kiosk.")
    viewer.check_edit(location.id)
    code, expires = admin.create_enroll_code(session, location)
    server_url = str(request.base_url).rstrip("/")
    # What a barcode scanner types into the kiosk's first-run screen: address and code.
    qr = segno.make(f"DIGIPUNT {server_url} {code}", error="m").svg_data_uri(scale=6)
    auth.audit(session, viewer, "enroll-code", location.name, {"expires": expires.isoformat()}, now=utcnow())
    return _kiosks_page(request, session, viewer, new_code=code, code_location=location.name, code_expires=expires,
                        server_url=server_url, qr=qr)


@router.post("/kiosks/{device_id}/naam")
def rename_kiosk(request: Request, device_id: str, form: FormData = Depends(checked_form),
                 session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    device = _device_for(session, viewer, device_id)
    viewer.check_edit(device.location_id)
    old = device.name
    try:
        admin.rename_device(session, device_id, form_text(form, "name"))
    except admin.AdminError:
        return _kiosks_page(request, session, viewer, message="Een naam heeft 1 tot 120 tekens, bijvoorbeeld "
                                                              "\"PC 3 bij het raam\".")
    auth.audit(session, viewer, "rename-device", device.id, {"from": old, "to": device.name}, now=utcnow())
    return see_other("/console/kiosks?gedaan=naam")


@router.post("/kiosks/{device_id}/intrekken")
def revoke_kiosk(request: Request, device_id: str, _form: FormData = Depends(checked_form),
                 session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    device = _device_for(session, viewer, device_id)
    viewer.check_edit(device.location_id)
    admin.revoke_device(session, device_id)
    auth.audit(session, viewer, "revoke-device", device.id, {"name": device.name}, now=utcnow())
    return see_other("/console/kiosks?gedaan=ingetrokken")


def _device_for(session: Session, viewer: Viewer, device_id: str) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise auth.Forbidden("location")  # unknown and not yours answer alike: no probing of ids
    viewer.check_location(device.location_id)
    return device


# --- console users (admins) ----------------------------------------------------------------------
def _users_page(request: Request, session: Session, viewer: Viewer, **extra: Any) -> Response:
    viewer.check_admin()
    users = session.scalars(select(ConsoleUser).order_by(ConsoleUser.username)).all()
    names = {loc.id: loc.name for loc in session.scalars(select(Location))}

    def where(user: ConsoleUser) -> str:
        ids = auth.user_location_ids(session, user)
        return "alle" if ids is None else ", ".join(sorted(names[i] for i in ids)) or "—"
    return page(request, "users.html", title="Gebruikers van de console", users=users,
                user_locations={user.id: where(user) for user in users},
                locations=sorted(names.items(), key=lambda kv: kv[1]), roles=auth.ROLES, **extra)


@router.get("/gebruikers")
def users(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _users_page(request, session, viewer)


@router.post("/gebruikers")
def add_user(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    try:
        with session.begin_nested():
            user = auth.create_user(session, form_text(form, "username"), form_text(form, "display_name"),
                                    form_text(form, "password"), form_text(form, "role"),
                                    form_list(form, "location_id"), all_locations=form_text(form, "all") == "1",
                                    now=utcnow())
    except ConsoleError as exc:
        return _users_page(request, session, viewer, message=str(exc), form=form)
    auth.audit(session, viewer, "add-user", user.username, {"role": user.role}, now=utcnow())
    return see_other("/console/gebruikers?gedaan=toegevoegd")


@router.post("/gebruikers/{user_id}/actief")
def set_user_active(request: Request, user_id: str, form: FormData = Depends(checked_form),
                    session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    user = session.get(ConsoleUser, user_id)
    if user is None:
        return _users_page(request, session, viewer, message="Deze gebruiker bestaat niet (meer).")
    active = form_text(form, "active") == "1"
    if not active and user.id == viewer.user_id:
        return _users_page(request, session, viewer, message="Je kunt jezelf niet uitschakelen. Vraag een andere "
                                                             "stadsbeheerder.")
    user.active = active
    if not active:
        auth.end_sessions_of(session, user.id)
    auth.audit(session, viewer, "activate-user" if active else "deactivate-user", user.username, now=utcnow())
    return see_other("/console/gebruikers?gedaan=" + ("ingeschakeld" if active else "uitgeschakeld"))


# --- the audit log -------------------------------------------------------------------------------
def _audit_entries(session: Session, start: str, end: str, user: str, action: str) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    try:
        if start:
            query = query.where(AuditEntry.at >= _day(start))
        if end:
            query = query.where(AuditEntry.at < _day(end) + timedelta(days=1))
    except ValueError:
        raise ConsoleError("Een datum is jjjj-mm-dd, bijvoorbeeld 2026-11-29.") from None
    if user:
        query = query.where(AuditEntry.username == user.casefold())
    if action:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query.limit(2000)))


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


@router.get("/logboek")
def audit_log(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB,
              start: str = "", end: str = "", user: str = "", action: str = "") -> Response:
    viewer.check_admin()
    try:
        entries = _audit_entries(session, start, end, user, action)
        message = ""
    except ConsoleError as exc:
        entries, message = [], str(exc)
    actions = sorted(session.scalars(select(AuditEntry.action).distinct()), key=auth.action_label)
    return page(request, "audit.html", title="Logboek", entries=entries, actions=actions, message=message,
                label=auth.action_label, filters={"start": start, "end": end, "user": user, "action": action})


@router.get("/logboek.csv")
def audit_csv(viewer: Viewer = Depends(current_viewer), session: Session = DB,
              start: str = "", end: str = "", user: str = "", action: str = "") -> Response:
    viewer.check_admin()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("tijdstip", "gebruiker", "actie", "code", "doel", "details"))
    for entry in _audit_entries(session, start, end, user, action):
        writer.writerow((entry.at.isoformat(), entry.username, auth.action_label(entry.action), entry.action,
                         entry.target, entry.detail))
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="digipunt-logboek.csv"'})
