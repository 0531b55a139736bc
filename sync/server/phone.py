"""The digihelper's phone page under /hulp: open help calls of their locations, and "Ik kom eraan".

Digihelpers are kiosk PIN users, not console users. A console user who manages a helper makes a
one-time phone code for them (`make_phone_code`, valid PHONE_CODE_DAYS, shown once, kept only as a
hash); the helper types it once on /hulp and the phone gets its own session: a random token in an
HttpOnly, SameSite=Strict cookie (kept as a hash, PHONE_SESSION_DAYS), with its CSRF token for the
one form that changes something. Wrong codes are rate-limited per client address. A helper who is
deactivated loses every phone session at once (checked on each request). The page shows only open
calls of the helper's locations (all locations for a city-wide helper): guide, step, kiosk, time;
no visitor data exists to leak. State is in the database: any server process answers the same.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.server import helpcalls, ratelimit
from sync.server.console.web import DB, SECURITY_HEADERS, templates
from sync.server.db import utcnow
from sync.server.models import Helper, HelperLocation, HelperPhoneCode, HelperPhoneSession, Location

PHONE_CODE_DAYS = 7
PHONE_SESSION_DAYS = 30
COOKIE = "digipunt_hulp"
CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed on a phone
CODE_LENGTH = 12  # about 60 bits
PHONE_PER_CLIENT = ratelimit.Limit(free=5, window=timedelta(hours=1), max_wait=timedelta(minutes=15))
REFRESH_SECONDS = 20

router = APIRouter()


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _normalise(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def make_phone_code(session: Session, helper: Helper, now: datetime) -> str:
    """A one-time code for this helper's phone, grouped for reading aloud ("ABCD-EFGH-JKLM")."""
    code = "".join(secrets.choice(CODE_CHARS) for _ in range(CODE_LENGTH))
    session.add(HelperPhoneCode(code_hash=_hash(code), helper_id=helper.id, created_at=now,
                                expires_at=now + timedelta(days=PHONE_CODE_DAYS)))
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def redeem_phone_code(session: Session, typed: str, now: datetime) -> tuple[str, HelperPhoneSession] | None:
    """(the new session's cookie token, the session), or None for an unknown, used or expired code."""
    code = session.get(HelperPhoneCode, _hash(_normalise(typed)))
    if code is None or code.used_at is not None or code.expires_at <= now:
        return None
    helper = session.get(Helper, code.helper_id)
    if helper is None or not helper.active:
        return None
    code.used_at = now
    token = secrets.token_urlsafe(32)
    phone = HelperPhoneSession(token_hash=_hash(token), helper_id=helper.id, csrf_token=secrets.token_urlsafe(24),
                               created_at=now, expires_at=now + timedelta(days=PHONE_SESSION_DAYS))
    session.add(phone)
    return token, phone


def phone_session(session: Session, token: str | None, now: datetime) -> HelperPhoneSession | None:
    if not token:
        return None
    phone = session.get(HelperPhoneSession, _hash(token))
    if phone is None or phone.expires_at <= now:
        return None
    helper = session.get(Helper, phone.helper_id)
    if helper is None or not helper.active:  # deactivated: every phone of theirs is out
        session.execute(delete(HelperPhoneSession).where(HelperPhoneSession.helper_id == phone.helper_id))
        return None
    return phone


def helper_locations(session: Session, helper_id: str) -> list[str]:
    """Where the helper works: their locations, or every active one for a city-wide helper."""
    placed = list(session.scalars(select(HelperLocation.location_id).where(HelperLocation.helper_id == helper_id)))
    return placed or list(session.scalars(select(Location.id).where(Location.active)))


# --- the pages ------------------------------------------------------------------------------------------
def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def _see_other(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


@router.get("/hulp", response_class=HTMLResponse)
def calls_page(request: Request, session: Session = DB) -> Response:
    now = utcnow()
    phone = phone_session(session, request.cookies.get(COOKIE), now)
    if phone is None:
        return _page(request, "phone_code.html", message=None)
    places = helper_locations(session, phone.helper_id)
    names = dict(session.execute(select(Location.id, Location.name).where(Location.id.in_(places))).all())
    calls = helpcalls.open_calls(session, places, now)
    helper = session.get(Helper, phone.helper_id)
    def minutes(call: Any) -> int:
        return max(0, int((now - call.created_at).total_seconds() // 60))

    return _page(request, "phone_calls.html", helper=helper, calls=calls, places=names,
                 csrf_token=phone.csrf_token, taken=request.query_params.get("genomen"),
                 refresh=REFRESH_SECONDS, minutes=minutes)


@router.post("/hulp/aanmelden", response_class=HTMLResponse)
def sign_in(request: Request, code: str = Form("", max_length=40), session: Session = DB) -> Response:
    now = utcnow()
    client = request.client.host if request.client else "unknown"
    limits = [(f"phone:{client}"[:120], PHONE_PER_CLIENT)]
    wait = ratelimit.wait_seconds(session, limits, now)
    if wait > 0:
        return _page(request, "phone_code.html", 429,
                     message=f"Te veel foute codes. Probeer opnieuw over {math.ceil(wait / 60)} minuten.")
    redeemed = redeem_phone_code(session, code, now)
    if redeemed is None:
        ratelimit.note_failure(session, limits, now)
        return _page(request, "phone_code.html", 403,
                     message="Deze code klopt niet, is al gebruikt of is verlopen. Vraag je coördinator een nieuwe.")
    token, phone = redeemed
    ratelimit.clear(session, limits[0][0])
    response = _see_other("/hulp")
    response.set_cookie(COOKIE, token, max_age=PHONE_SESSION_DAYS * 86400, path="/hulp", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/hulp/oproepen/{call_id}", response_class=HTMLResponse)
def take_call(request: Request, call_id: str, csrf_token: str = Form("", max_length=100),
              session: Session = DB) -> Response:
    now = utcnow()
    phone = phone_session(session, request.cookies.get(COOKIE), now)
    if phone is None:
        return _see_other("/hulp")
    if not hmac.compare_digest(csrf_token.encode(), phone.csrf_token.encode()):
        return _page(request, "phone_code.html", 403, message="Dit formulier is verlopen. Laad de pagina opnieuw.")
    taken = helpcalls.take(session, call_id[:36], helper_locations(session, phone.helper_id), phone.helper_id, now)
    return _see_other("/hulp?genomen=" + ("ja" if taken else "al"))


@router.post("/hulp/afmelden", response_class=HTMLResponse)
def sign_out(request: Request, csrf_token: str = Form("", max_length=100), session: Session = DB) -> Response:
    phone = phone_session(session, request.cookies.get(COOKIE), utcnow())
    if phone is not None and hmac.compare_digest(csrf_token.encode(), phone.csrf_token.encode()):
        session.delete(phone)
    response = _see_other("/hulp")
    response.delete_cookie(COOKIE, path="/hulp")
    return response
