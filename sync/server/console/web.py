"""What every console page shares: the database session per request, who is logged in, the CSRF
check, templates, security headers and the HTML answers for 401/403/404.

Every route gets the logged-in `Viewer` from `current_viewer` (or `checked_form` for a POST, which
also checks the CSRF token); nothing under /console but the login page and static files answers
without a login (tests/test_console_security.py enumerates the routes).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync import labels
from sync.server.console.auth import ROLE_LABELS, Forbidden, Viewer, viewer_for
from sync.server.db import utcnow
from sync.server.models import Loan, LoanDevice, Location, Workshop

HERE = Path(__file__).parent
COOKIE = "digipunt_console"
ZONE = ZoneInfo("Europe/Brussels")
templates = Jinja2Templates(directory=HERE / "templates")

# The pages load only their own files; htmx's indicator styles are off so no inline style is needed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class NotLoggedIn(Exception):
    """No valid login: pages send the browser to the login page, other requests get 401."""


def local_time(moment: datetime | None, with_date: bool = True) -> str:
    if moment is None:
        return "nooit"
    return moment.astimezone(ZONE).strftime("%d-%m-%Y %H:%M" if with_date else "%H:%M")


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """'3 min geleden', in words people read at a glance."""
    if moment is None:
        return "nooit"
    seconds = ((now or utcnow()) - moment).total_seconds()
    if seconds < 90:
        return "net nu"
    if seconds < 3600:
        return f"{round(seconds / 60)} min geleden"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} uur geleden"
    return f"{round(seconds / 86400)} dagen geleden"


templates.env.filters["local_time"] = local_time
templates.env.filters["ago"] = ago
templates.env.filters["minutes"] = labels.minutes
templates.env.globals["ROLE_LABELS"] = ROLE_LABELS


def db(request: Request) -> Iterator[Session]:
    """One transaction per request, committed after the route returns (rolled back on an error)."""
    with request.app.state.sessions.begin() as session:
        yield session


# Ends with the route, before the answer is sent: a redirect after a change ("?gedaan=") must find
# the change committed (the default scope would commit after the answer, and a fast browser could
# load the next page first; seen on PostgreSQL).
DB = Depends(db, scope="function")


def current_viewer(request: Request, session: Session = DB) -> Viewer:
    viewer = viewer_for(session, request.cookies.get(COOKIE), utcnow())
    if viewer is None:
        raise NotLoggedIn()
    request.state.viewer = viewer
    return viewer


async def checked_form(request: Request, viewer: Viewer = Depends(current_viewer)) -> FormData:
    """The posted form, after its CSRF token (field `csrf_token`, or the X-CSRF-Token header that
    htmx sends) matched the login's."""
    form = await request.form()
    token = form.get("csrf_token") or request.headers.get("X-CSRF-Token")
    if not viewer.csrf_ok(token if isinstance(token, str) else None):
        raise Forbidden("csrf")
    return form


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    viewer = getattr(request.state, "viewer", None)
    response = templates.TemplateResponse(request, template, {"viewer": viewer, "now": utcnow(), **context},
                                          status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def see_other(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


PlacedRow = TypeVar("PlacedRow", Loan, LoanDevice, Workshop)


def editable(session: Session, viewer: Viewer, model: type[PlacedRow], key: str) -> PlacedRow:
    """The row `key` of `model`, which `viewer` may change at its location. An unknown key and
    another location's row alike (Forbidden): ids cannot be probed."""
    row = session.get(model, key)
    if row is None:
        raise Forbidden("location")
    viewer.check_edit(row.location_id)
    return row


def visible_locations(session: Session, viewer: Viewer, *, active_only: bool = False) -> list[Location]:
    """The locations the viewer may see, by name."""
    query = select(Location).order_by(Location.name)
    if active_only:
        query = query.where(Location.active)
    return [loc for loc in session.scalars(query) if viewer.sees(loc.id)]


def form_text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name, default)
    return value.strip() if isinstance(value, str) else default


def form_list(form: FormData, name: str) -> list[str]:
    return [value for value in form.getlist(name) if isinstance(value, str) and value]


def not_logged_in(request: Request, _exc: NotLoggedIn) -> Response:
    if request.method == "GET" and "hx-request" not in request.headers:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return see_other(f"/console/login?next={_safe_next(target)}")
    response = Response("Je bent niet (meer) aangemeld. Meld je opnieuw aan.", status_code=401,
                        media_type="text/plain; charset=utf-8", headers={"HX-Redirect": "/console/login"})
    response.headers.update(SECURITY_HEADERS)
    return response


def forbidden(request: Request, exc: Forbidden) -> Response:
    reason = str(exc)
    message = {
        "csrf": "Dit formulier is verlopen of kwam niet van deze console. Laad de pagina opnieuw en probeer nog eens.",
        "read-only": "Je account mag hier alleen kijken, niets veranderen. Vraag de stadsbeheerder als dat "
                     "anders moet.",
        "admin": "Dit kan alleen een stadsbeheerder.",
    }.get(reason, "Dit hoort bij een locatie die niet bij jouw account hoort.")
    return page(request, "error.html", status=403, title="Geen toegang", message=message)


def _safe_next(target: str) -> str:
    """Only a path inside the console: never an address elsewhere (no open redirect)."""
    return quote(target if target.startswith("/console/") and not target.startswith("//") else "/console/", safe="/")
