"""The coordinator console: server-rendered pages under /console (Jinja2 + htmx, no CDN)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sync.server.console import (
    routes_content,
    routes_helpers,
    routes_quarantine,
    routes_records,
    routes_reference,
    routes_schedule,
)
from sync.server.console.auth import Forbidden
from sync.server.console.routes import router
from sync.server.console.web import HERE, NotLoggedIn, forbidden, not_logged_in


def mount_console(app: FastAPI) -> None:
    """Add the console to the API app (which holds the session factory in `app.state.sessions`)."""
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    for pages in (router, routes_helpers.router, routes_reference.router, routes_records.router,
                  routes_quarantine.router, routes_schedule.router, routes_content.router):
        app.include_router(pages, include_in_schema=False)
    # Starlette types a handler as taking any Exception; each is registered for its own class only.
    app.add_exception_handler(NotLoggedIn, not_logged_in)  # type: ignore[arg-type]
    app.add_exception_handler(Forbidden, forbidden)  # type: ignore[arg-type]
