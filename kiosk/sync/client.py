"""HTTP client of the sync API (kiosk side, Qt-free, `requests`).

Every failure becomes one of three exceptions, which decide what the caller does:
- `TransientError`: offline, time-out, TLS failure, 5xx, a captive portal or anything that is not a
  well-formed answer of our server -> retry later with backoff, never give up;
- `AuthError`: 401 -> stop and ask staff to enroll again; records are kept;
- `RejectedError`: our server refused the request itself (a JSON 4xx) -> the sender isolates the
  item that causes it and parks it.
HTTPS is verified; plain http is only accepted for 127.0.0.1/localhost (kiosk.core.settings).
Redirects are not followed: a sync server does not redirect, a captive portal does.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from kiosk.sync.status import AuthError as AuthError
from kiosk.sync.status import RejectedError as RejectedError
from kiosk.sync.status import ServerFailure as ServerFailure
from kiosk.sync.status import SyncError as SyncError
from kiosk.sync.status import TransientError as TransientError
from sync.protocol import (
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
    check_url,
)
from sync.version import __version__

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
Model = TypeVar("Model", bound=BaseModel)


def utcnow() -> datetime:
    return datetime.now(UTC)


def check_server_url(url: str) -> str:
    """https://..., or http:// on this machine only. Raises ValueError with a Dutch message."""
    url = url.strip()
    check_url(url)
    return url.rstrip("/")


class ServerApi:
    """One server, one device token. Records the clock offset seen in every answer."""

    def __init__(self, base_url: str, token: str | None = None, *, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 clock: Callable[[], datetime] = utcnow):
        self.base_url = check_server_url(base_url)
        self.timeout, self.clock = timeout, clock
        self.clock_offset: timedelta | None = None  # server time minus device time
        self._http = requests.Session()
        self._http.headers["User-Agent"] = f"digipunt-kiosk/{__version__}"
        if token:
            self._http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._http.close()

    def health(self) -> Health:
        return self._call("GET", "/v1/health", Health)

    def enroll(self, code: str, device_name: str) -> EnrollResponse:
        body = EnrollRequest(code=code, device_name=device_name).model_dump_json().encode()
        return self._call("POST", "/v1/enroll", EnrollResponse, body=body)

    def setup_helper(self, code: str, pin_hash: str) -> HelperSetupResponse:
        body = HelperSetupRequest(code=code, pin_hash=pin_hash).model_dump_json().encode()
        return self._call("POST", "/v1/helpers:setup", HelperSetupResponse, body=body)

    def post_batch(self, body: bytes) -> BatchResponse:
        """`body` is a serialised BatchRequest (the sender sizes it before sending)."""
        return self._call("POST", "/v1/records:batch", BatchResponse, body=body)

    def reference(self, since: int, limit: int) -> ReferencePage:
        return self._call("GET", "/v1/reference", ReferencePage, params={"since": since, "limit": limit})

    def report_call(self, report: CallReport) -> CallUpdates:
        return self._call("POST", "/v1/calls", CallUpdates, body=report.model_dump_json().encode())

    def call_updates(self) -> CallUpdates:
        return self._call("GET", "/v1/calls", CallUpdates)

    def _call(self, method: str, path: str, model: type[Model], *, body: bytes | None = None,
              params: dict[str, int] | None = None) -> Model:
        sent_at = self.clock()
        try:
            response = self._http.request(method, self.base_url + path, data=body, params=params,
                                          timeout=self.timeout, allow_redirects=False,
                                          headers={"Content-Type": "application/json"} if body else None)
        except requests.exceptions.SSLError as exc:
            raise TransientError("tls", str(exc)) from None
        except requests.Timeout as exc:
            raise TransientError("timeout", str(exc)) from None
        except requests.RequestException as exc:
            raise TransientError("offline", str(exc)) from None
        status = response.status_code
        if status == 401:
            raise AuthError("unauthorized", response.text[:200])
        if status == 429:  # the server's limit on wrong enrollment codes; Retry-After in seconds
            raise TransientError("too-many-attempts", response.headers.get("Retry-After", ""))
        if status == 500 and _is_error_body(response):
            raise ServerFailure("server", f"HTTP 500 {response.text[:200]}")
        if status >= 500 or status == 408:
            raise TransientError("server", f"HTTP {status}")
        if 300 <= status < 400:
            raise TransientError("not-sync-server", f"HTTP {status} redirect to {response.headers.get('Location')}")
        parsed = _json(response)
        if status >= 400:
            try:
                error = ErrorBody.model_validate(parsed)
            except ValidationError:
                raise TransientError("not-sync-server", f"HTTP {status} that is not the server's answer") from None
            raise RejectedError(status, error.error, json.dumps(error.detail)[:500])
        try:
            answer = model.model_validate(parsed)
        except ValidationError as exc:
            # A captive portal's 200 page, a proxy, another service at this address: not an ack.
            raise TransientError("not-sync-server", f"HTTP {status} without a valid {model.__name__}: "
                                                    f"{exc.error_count()} errors") from None
        server_time = getattr(answer, "server_time", None)
        if server_time is not None:
            self.clock_offset = server_time - (sent_at + (self.clock() - sent_at) / 2)
        return answer


def _is_error_body(response: requests.Response) -> bool:
    try:
        ErrorBody.model_validate(_json(response))
    except ValidationError:
        return False
    return True


def _json(response: requests.Response) -> object:
    if response.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
        return None
    try:
        return response.json()
    except ValueError:
        return None
