"""The central server's HTTP API (FastAPI), versioned under /v1. OpenAPI at /v1/openapi.json.

Every error is JSON (`{"error": ..., "detail": ...}`) with a 4xx status for bad input; a 500 is
always a server bug. Endpoints are plain functions: uvicorn runs them on its thread pool, each in
its own database transaction, committed before the answer is sent.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    MAX_BATCH_BYTES,
    MAX_REFERENCE_PAGE,
    BatchRequest,
    BatchResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    HelperSetupRequest,
    HelperSetupResponse,
    ReferencePage,
)
from sync.server import lending, ratelimit
from sync.server.admin import (
    AdminError,
    SetupCodeRefused,
    device_for_token,
    note_seen,
    redeem_enroll_code,
    redeem_setup_code,
)
from sync.server.console import mount_console
from sync.server.db import db_error_summary, make_server_engine, utcnow
from sync.server.models import Device
from sync.server.records import ingest
from sync.server.reference import reference_page
from sync.sqlite import truncate_wal

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None):
        super().__init__(error)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


def _error(status: int, error: str, detail: Any = None, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ErrorBody(error=error, detail=detail).model_dump(), status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies above `max_bytes` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_big = _error(413, "request-too-large", f"the limit is {self.max_bytes} bytes")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await too_big(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                return await too_big(scope, receive, send)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


_Responses = dict[int | str, dict[str, Any]]  # FastAPI's `responses=` (OpenAPI only)
_ERRORS: _Responses = {status: {"model": ErrorBody} for status in (401, 403, 413, 422)}
_ENROLL_ERRORS: _Responses = {status: {"model": ErrorBody} for status in (403, 413, 422, 429)}
_SETUP_ERRORS: _Responses = {status: {"model": ErrorBody} for status in (401, 403, 413, 422, 429)}


class ContactPurge:
    """Runs lending.purge_contacts at most once per PURGE_EVERY in this process (several processes
    each run it: the purge is one idempotent UPDATE)."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Any], now: Callable[[], datetime] = utcnow):
        self.engine, self.sessions, self.now, self.last = engine, sessions, now, -math.inf

    def run_if_due(self) -> None:
        now = time.monotonic()
        if now - self.last < lending.PURGE_EVERY.total_seconds():
            return
        self.last = now
        with self.sessions.begin() as session:
            erased = lending.purge_contacts(session, self.now())
        if erased:
            truncate_wal(self.engine)  # SQLite: no old copy of the erased boxes in the WAL file
            log.info("erased the contact of %d returned loans (retention)", erased)


def create_app(database_url: str | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The API on an already migrated database (`serve` migrates before it starts)."""
    if engine is None:
        if database_url is None:
            raise ValueError("create_app needs a database_url or an engine")
        engine = make_server_engine(database_url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    app = FastAPI(title="Digipunt central server", version="1",
                  description="Sync API for Digipunt kiosks: enrollment, exactly-once record upload, "
                              "reference data. Every error is JSON: {\"error\", \"detail\"}.",
                  openapi_url="/v1/openapi.json", docs_url="/v1/docs", redoc_url=None)
    app.state.engine = engine
    app.state.sessions = sessions
    app.add_middleware(BodyLimit, max_bytes=MAX_BATCH_BYTES)
    purge = ContactPurge(engine, sessions)  # on the first upload, then at most hourly (lending.py: retention)
    bearer = HTTPBearer(auto_error=False, description="The device token from POST /v1/enroll")

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.error, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Where and what, never the input (it may be large or hold a note).
        detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()[:20]]
        return _error(422, "invalid-request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail).lower().replace(" ", "-"), None, exc.headers)

    @app.exception_handler(OperationalError)
    async def _database_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", db_error_summary(exc))
        return _error(503, "database-unavailable", "try again later", {"Retry-After": "10"})

    @app.exception_handler(DBAPIError)
    async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        # A server bug. Logged without the driver's message details (PostgreSQL's DETAIL repeats
        # row values: names, token hashes, notes) and without the SQL parameters.
        log.error("database error in %s %s: %s", request.method, request.url.path, db_error_summary(exc))
        return _error(500, "internal", "the server could not handle this; it has been logged")

    def current_device(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
        if credentials is not None:
            with sessions.begin() as session:
                device = device_for_token(session, credentials.credentials)
                if device is not None:
                    note_seen(session, device, utcnow())
                    return device.id
        raise ApiError(401, "unauthorized", "unknown or revoked device token; enroll this kiosk again",
                       {"WWW-Authenticate": "Bearer"})

    @app.get("/v1/health", response_model=Health, tags=["sync"])
    def health() -> Health:
        """Cheap probe for connectivity and the server's clock. No authentication."""
        return Health(server_time=utcnow())

    @app.post("/v1/enroll", response_model=EnrollResponse, responses=_ENROLL_ERRORS, tags=["sync"])
    def enroll(request: EnrollRequest, http: Request) -> EnrollResponse:
        """Trade a single-use enrollment code (valid 24 h) for a device id and a long-lived token.
        Wrong codes are rate-limited per client address and overall (429 with Retry-After)."""
        client = http.client.host if http.client else "unknown"
        limits = ratelimit.enroll_keys(client)
        with sessions.begin() as session:
            wait = ratelimit.wait_seconds(session, limits, utcnow())
        if wait > 0:
            raise ApiError(429, "too-many-attempts", f"too many wrong codes; try again in {math.ceil(wait)} s",
                           {"Retry-After": str(math.ceil(wait))})
        try:
            with sessions.begin() as session:
                device, token = redeem_enroll_code(session, request.code, request.device_name)
                ratelimit.clear(session, limits[0][0])
        except AdminError as exc:
            with sessions.begin() as session:
                ratelimit.note_failure(session, limits, utcnow())
            raise ApiError(403, "invalid-code", str(exc)) from None
        return EnrollResponse(device_id=device.id, token=token, location_id=device.location_id,
                              server_time=utcnow())

    @app.post("/v1/records:batch", response_model=BatchResponse, responses=_ERRORS, tags=["sync"])
    def post_batch(batch: BatchRequest, device_id: str = Depends(current_device)) -> Response:
        """Store records exactly once. Per item: created, duplicate (same id and content hash),
        conflict (same id, other content) or invalid (with a reason). Committed before answering."""
        with sessions.begin() as session:
            results = ingest(session, device_id, batch.items, utcnow())
        purge.run_if_due()
        # Serialised here: FastAPI would validate the 500 results against response_model again.
        return _json(BatchResponse(server_time=utcnow(), results=results))

    @app.post("/v1/helpers:setup", response_model=HelperSetupResponse, responses=_SETUP_ERRORS, tags=["sync"])
    def setup_helper(request: HelperSetupRequest, device_id: str = Depends(current_device)) -> HelperSetupResponse:
        """A helper sets their own PIN with a one-time set-up code (valid 7 days) from the console,
        on a kiosk of their location: 403 `invalid-code` (unknown, used or expired) or
        `other-location`; wrong codes are rate-limited per device (429). The helper's change is in
        the next reference page."""
        limits = ratelimit.setup_keys(device_id)
        with sessions.begin() as session:
            wait = ratelimit.wait_seconds(session, limits, utcnow())
        if wait > 0:
            raise ApiError(429, "too-many-attempts", f"too many wrong codes; try again in {math.ceil(wait)} s",
                           {"Retry-After": str(math.ceil(wait))})
        try:
            with sessions.begin() as session:
                helper = redeem_setup_code(session, request.code, request.pin_hash, session.get_one(Device, device_id))
                ratelimit.clear(session, limits[0][0])
                answer = HelperSetupResponse(helper_id=helper.id, display_name=helper.display_name,
                                             server_time=utcnow())
        except SetupCodeRefused as exc:
            with sessions.begin() as session:
                ratelimit.note_failure(session, limits, utcnow())
            raise ApiError(403, exc.reason, str(exc)) from None
        return answer

    @app.get("/v1/reference", response_model=ReferencePage, responses=_ERRORS, tags=["sync"])
    def get_reference(since: int = Query(0, ge=0, le=2**62, description="the cursor of the previous page"),
                      limit: int = Query(500, ge=1, le=MAX_REFERENCE_PAGE),
                      device_id: str = Depends(current_device)) -> ReferencePage:
        """Locations, helpers (PIN hashes), topics and settings changed after `since`; deletions
        have `deleted: true`. Only helpers who work at the device's location (or everywhere); any
        other helper's change comes as a deletion. Apply a page and store its `cursor` together;
        repeat while `has_more`."""
        with sessions() as session:
            return reference_page(session, since, limit, device_id)

    mount_console(app)
    return app
