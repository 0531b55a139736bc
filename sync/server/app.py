"""The central server's HTTP API (FastAPI), versioned under /v1. OpenAPI at /v1/openapi.json.

Every error is JSON (`{"error": ..., "detail": ...}`) with a 4xx status for bad input; a 500 is
always a server bug. Endpoints are plain functions: uvicorn runs them on its thread pool, each in
its own database transaction, committed before the answer is sent.
"""
from __future__ import annotations

import gc
import logging
import math
import os
import re
import time
import warnings
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from pydantic.warnings import UnsupportedFieldAttributeWarning
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.content_bundle import SignedManifest
from sync.protocol import (
    MAX_BATCH_BYTES,
    MAX_REFERENCE_PAGE,
    REFERENCE_ENTITIES,
    BatchRequest,
    BatchResponse,
    CallReport,
    CallUpdates,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    HelperSetupRequest,
    HelperSetupResponse,
    ReferencePage,
    StatusReport,
    StatusResponse,
)
from sync.server import content, helpcalls, lending, ratelimit
from sync.server.admin import (
    AdminError,
    SetupCodeRefused,
    device_for_token,
    note_seen,
    redeem_enroll_code,
    redeem_setup_code,
)
from sync.server.console import mount_console
from sync.server.console.routes_content import LARGE_REQUEST_PATHS
from sync.server.db import db_error_summary, default_database_url, make_server_engine, utcnow
from sync.server.kiosk_status import store_report
from sync.server.models import Device
from sync.server.records import ingest
from sync.server.reference import PageCache
from sync.sqlite import truncate_wal

log = logging.getLogger(__name__)

# FastAPI names a body parameter by an alias; a protocol model built on first use (defer_build, for
# the kiosk's start-up) then makes pydantic warn that the alias has no effect, once per model. It
# has none: a single body parameter is the whole body. Only this warning is silenced.
warnings.filterwarnings("ignore", r"The 'alias' attribute with value '\w+' was provided to the `Field\(\)` function",
                        UnsupportedFieldAttributeWarning)


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None):
        super().__init__(error)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


def _error(status: int, error: str, detail: Any = None, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ErrorBody(error=error, detail=detail).model_dump(), status_code=status, headers=headers)


_TOO_BIG_PAGE = """<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te groot - Digipunt console</title>
<main><h1>Dit is te groot om te versturen</h1><p>Wat je verstuurde is groter dan {mb} MB. Er is niets
bewaard. Ga terug met de knop Vorige van je browser: kies een kleiner bestand, of verstuur de
bestanden een voor een.</p></main></html>"""


class BodyLimit:
    """Refuse request bodies above `max_bytes` with 413, whether or not Content-Length is sent:
    in JSON for the kiosks, as a Dutch page in the console."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: Mapping[str, int] | None = None):
        self.app, self.max_bytes = app, max_bytes
        self.larger = dict(larger or {})  # path, or a prefix ending in "/" -> its own limit

    def limit(self, path: str) -> int:
        return next((limit for prefix, limit in self.larger.items()
                     if path == prefix or (prefix.endswith("/") and path.startswith(prefix))), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit(scope["path"])

        def too_big() -> Response:  # built only when needed: this runs on every request
            if scope["path"].startswith("/console"):
                return HTMLResponse(_TOO_BIG_PAGE.format(mb=max(1, limit // 1_000_000)), status_code=413)
            return _error(413, "request-too-large", f"the limit is {limit} bytes")

        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await too_big()(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                return await too_big()(scope, receive, send)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


_Responses = dict[int | str, dict[str, Any]]  # FastAPI's `responses=` (OpenAPI only)
_MEANINGS = {
    400: "The body could not be read (not UTF-8).",
    401: "Unknown or revoked device token.",
    403: "The code is refused (unknown, used, expired, or another location's).",
    404: "No such file.",
    413: "The request body is over the limit.",
    422: "The request does not match the schema.",
    429: "Too many wrong codes: wait Retry-After seconds.",
    503: "The database is unavailable: try again after Retry-After seconds.",
}


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


def _errors(*statuses: int) -> _Responses:
    """Every error status a route really answers (schemathesis checks the list in CI), each with
    the JSON ErrorBody."""
    return {status: {"model": ErrorBody, "description": _MEANINGS[status]} for status in statuses}


_ERRORS = _errors(400, 401, 413, 422, 503)  # an authenticated POST with a body
_READ_ERRORS = _errors(401, 413, 422, 503)  # an authenticated GET
_ENROLL_ERRORS = _errors(400, 403, 413, 422, 429, 503)
_SETUP_ERRORS = _errors(400, 401, 403, 413, 422, 429, 503)


# Requests worked on at once in one process (anyio's thread pool, 40 by default), each with its
# database connection; more wait in the event loop at no cost. 40 at once in each of two processes
# cost PostgreSQL 2.5 times the CPU per kiosk sync of 10 (contention among its backends), and the
# setup completed fewer syncs (bench/README.md, server_capacity). `serve --threads` changes it.
DEFAULT_THREADS = 10


def create_app(database_url: str | None = None, *, engine: Engine | None = None,
               content_key: Path | None = None, threads: int = DEFAULT_THREADS) -> FastAPI:
    """The API on an already migrated database (`serve` migrates before it starts). `content_key`:
    the file of the key that signs guide bundles (sync/server/content.py), for publishing;
    `threads`: requests worked on at once."""
    if engine is None:
        if database_url is None:
            raise ValueError("create_app needs a database_url or an engine")
        engine = make_server_engine(database_url)
    sessions = sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads  # this event loop's pool
        yield

    app = FastAPI(title="Digipunt central server", version="1", lifespan=lifespan,
                  description="Sync API for Digipunt kiosks: enrollment, exactly-once record upload, "
                              "reference data. Every error is JSON: {\"error\", \"detail\"}.",
                  openapi_url="/v1/openapi.json", docs_url="/v1/docs", redoc_url=None)
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.content_key = content_key or content.default_key_path()
    # A guide uploaded or edited in the console (with its pictures) may be larger than a sync request.
    app.add_middleware(BodyLimit, max_bytes=MAX_BATCH_BYTES,
                       larger={path: content.MAX_ZIP_BYTES + 65536 for path in LARGE_REQUEST_PATHS})
    purge = ContactPurge(engine, sessions)  # on the first upload, then at most hourly (lending.py: retention)
    pages = PageCache()
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
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = exc.headers
        if exc.status_code == 405:  # Starlette names only the first route's methods of a shared path
            methods = {method for route in app.routes if isinstance(route, APIRoute)
                       and route.matches(request.scope)[0] != Match.NONE for method in route.methods or ()}
            headers = {**(headers or {}), "Allow": ", ".join(sorted(methods))}
        return _error(exc.status_code, str(exc.detail).lower().replace(" ", "-"), None, headers)

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

    def device_in(session: Session, credentials: HTTPAuthorizationCredentials | None) -> Device:
        if credentials is not None:
            device = device_for_token(session, credentials.credentials)
            if device is not None:
                note_seen(session, device, utcnow())
                return device
        raise ApiError(401, "unauthorized", "unknown or revoked device token; enroll this kiosk again",
                       {"WWW-Authenticate": "Bearer"})

    def current_device(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
        with sessions.begin() as session:
            return device_in(session, credentials).id

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        """For the load balancer and the service manager: this process answers and reaches its
        database. No authentication, so it says nothing else."""
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:
            log.error("healthz: database unavailable: %s", db_error_summary(exc))
            return Response("database unavailable\n", status_code=503, media_type="text/plain",
                            headers={"Retry-After": "10"})
        return Response("ok\n", media_type="text/plain")

    @app.get("/v1/health", response_model=Health, responses=_errors(413), tags=["sync"])
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
                              server_time=utcnow(), content_keys=content.enrollment_keys(app.state.content_key))

    @app.post("/v1/records:batch", response_model=BatchResponse, responses=_ERRORS, tags=["sync"])
    def post_batch(batch: BatchRequest,
                   credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Response:
        """Store records exactly once. Per item: created, duplicate (same id and content hash),
        conflict (same id, other content) or invalid (with a reason). Committed before answering."""
        # The token is checked in the batch's own transaction: one connection and one commit less
        # on the busiest request (bench/README.md, server_load).
        with sessions.begin() as session:
            # Held here: the session keeps an unchanged row only weakly, and `ingest` finds the
            # device in the session instead of asking the database again.
            device = device_in(session, credentials)
            results = ingest(session, device.id, batch.items, utcnow())
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

    @app.post("/v1/status", response_model=StatusResponse, responses=_ERRORS, tags=["sync"])
    def post_status(report: StatusReport,
                    credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> StatusResponse:
        """The kiosk's status report, sent once per sync (sync.protocol.StatusReport): versions,
        records waiting and parked, its clock, the last sync error. Only the latest is kept; fields
        this server does not know are ignored. Records never travel here."""
        now = utcnow()
        with sessions.begin() as session:  # the token check in the same transaction, as for a batch
            store_report(session, device_in(session, credentials).id, report, now)
        return StatusResponse(server_time=utcnow())

    @app.get("/v1/reference", response_model=ReferencePage, responses=_READ_ERRORS, tags=["sync"])
    def get_reference(since: int = Query(0, ge=0, le=2**62, description="the cursor of the previous page"),
                      limit: int = Query(500, ge=1, le=MAX_REFERENCE_PAGE),
                      with_: list[str] = Query([], alias="with", max_length=20,
                                               description="newer entities the kiosk understands: schedule, notice"),
                      credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Response:
        """Locations, helpers (PIN hashes), topics and settings changed after `since`; deletions
        have `deleted: true`. Only helpers who work at the device's location (or everywhere); any
        other helper's change comes as a deletion. Schedules and notices only when asked for
        (`with`), and only the device location's (others as deletions). Apply a page and store its
        `cursor` together; repeat while `has_more`."""
        # The token check and the page in one transaction; the page mostly from `pages` (built
        # once per change and location, reference.py), serialised once.
        with sessions.begin() as session:
            device = device_in(session, credentials)
            body = pages.page_json(session, since, limit, device.location_id,
                                   frozenset(with_) & set(REFERENCE_ENTITIES))
        return Response(body, media_type="application/json")

    @app.get("/v1/content/manifest", response_model=SignedManifest, tags=["content"],
             responses={**_READ_ERRORS, 204: {"description": "Nothing published yet: the kiosk keeps its guides."}})
    def get_content_manifest(device_id: str = Depends(current_device)) -> Response:
        """The latest signed guide bundle manifest (sync/content_bundle.py); 204 when none was published.
        The kiosk verifies it against its pinned keys before it downloads a file."""
        with sessions() as session:
            found = content.offer(session)
        return Response(status_code=204) if found is None else _json(found.signed)

    @app.get("/v1/content/files/{sha256}", tags=["content"], responses={
        **_errors(401, 404, 413, 422, 503),
        200: {"description": "The file.", "content": {"application/octet-stream": {}}},
        206: {"description": "The rest of the file from the asked offset (Range: bytes=N-).",
              "content": {"application/octet-stream": {}}},
        416: {"description": "The range starts at or past the end of the file."}})
    def get_content_file(sha256: str, request: Request, device_id: str = Depends(current_device)) -> Response:
        """A bundle file by its SHA-256. `Range: bytes=N-` resumes a download (206)."""
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ApiError(404, "not-found", "no such file")
        with sessions() as session:
            data = content.blob(session, sha256)
        if data is None:
            raise ApiError(404, "not-found", "no such file")
        start = _range_start(request.headers.get("range"))
        if start is None or start == 0:
            return Response(data, media_type="application/octet-stream", headers={"Accept-Ranges": "bytes"})
        if start >= len(data):
            return Response(status_code=416, headers={"Content-Range": f"bytes */{len(data)}"})
        return Response(data[start:], status_code=206, media_type="application/octet-stream",
                        headers={"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}",
                                 "Accept-Ranges": "bytes"})

    @app.post("/v1/calls", response_model=CallUpdates, responses=_ERRORS, tags=["calls"])
    def post_call(call: CallReport, device_id: str = Depends(current_device)) -> CallUpdates:
        """A visitor's help call made (`open`) or ended (`taken`, `withdrawn`) on this kiosk, for the
        helpers' phone page. No identity. Answered like GET /v1/calls. 409 `no-location` for a
        kiosk without a location."""
        try:
            with sessions.begin() as session:
                helpcalls.report(session, device_id, call, utcnow())
                closed = helpcalls.closed_calls(session, device_id, utcnow())
        except helpcalls.CallRefused as exc:
            raise ApiError(409, "no-location", str(exc)) from None
        return CallUpdates(server_time=utcnow(), closed=[UUID(c) for c in closed])

    @app.get("/v1/calls", response_model=CallUpdates, responses=_ERRORS, tags=["calls"])
    def get_calls(device_id: str = Depends(current_device)) -> CallUpdates:
        """The calls of this kiosk's location that are no longer open (taken on a phone, or on
        another kiosk): the kiosk clears them."""
        try:
            with sessions() as session:
                closed = helpcalls.closed_calls(session, device_id, utcnow())
        except helpcalls.CallRefused as exc:
            raise ApiError(409, "no-location", str(exc)) from None
        return CallUpdates(server_time=utcnow(), closed=[UUID(c) for c in closed])

    mount_console(app)
    return app


def _range_start(header: str | None) -> int | None:
    """The N of `bytes=N-` (the only range a kiosk asks for); None for no or another range."""
    found = re.fullmatch(r"bytes=(\d{1,12})-", header.strip()) if header else None
    return int(found.group(1)) if found else None


def app_from_environment() -> FastAPI:
    """The app of one `serve --workers N` worker process: its own engine on DATABASE_URL, the
    guide-signing key named by DIGIPUNT_CONTENT_KEY and the threads of DIGIPUNT_SERVER_THREADS
    (set by `serve` before the workers start)."""
    from sync.server.content import default_key_path

    app = create_app(default_database_url(), content_key=default_key_path(),
                     threads=int(os.environ.get("DIGIPUNT_SERVER_THREADS") or DEFAULT_THREADS))
    settle_heap()
    return app


def settle_heap() -> None:
    """In a serving process, once its app is built: what start-up made (modules, models, the
    console's templates) is put out of the cyclic collector's way (gc.freeze), and the young
    generation is collected after 10,000 new objects instead of 700. A batch of 500 records makes
    some 100,000 short-lived objects: with the defaults the collector ran about 150 times per batch
    and promoted what was alive at that moment into full collections over the whole heap, a fifth
    of the server's CPU per record (bench/README.md, sync_drain)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
