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
from pathlib import Path
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from kiosk.sync.status import AuthError as AuthError
from kiosk.sync.status import RejectedError as RejectedError
from kiosk.sync.status import ServerFailure as ServerFailure
from kiosk.sync.status import SyncError as SyncError
from kiosk.sync.status import TransientError as TransientError
from sync.content_bundle import SignedManifest
from sync.protocol import (
    BatchResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    HelperSetupRequest,
    HelperSetupResponse,
    ReferencePage,
    StatusReport,
    StatusResponse,
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

    def post_status(self, report: StatusReport) -> StatusResponse:
        return self._call("POST", "/v1/status", StatusResponse, body=report.model_dump_json().encode())


    def reference(self, since: int, limit: int, entities: tuple[str, ...] = ()) -> ReferencePage:
        """`entities`: the newer reference entities this kiosk understands (`?with=`)."""
        return self._call("GET", "/v1/reference", ReferencePage,
                          params={"since": since, "limit": limit, "with": list(entities)})

    def content_manifest(self) -> SignedManifest | None:
        """The latest signed guide bundle manifest, None when the server has none (204). Not yet
        verified: that is kiosk/core/bundles.py."""
        try:
            response = self._http.get(self.base_url + "/v1/content/manifest", timeout=self.timeout,
                                      allow_redirects=False)
        except requests.RequestException as exc:
            raise TransientError("offline", str(exc)) from None
        if response.status_code == 204:
            return None
        return self._answer(response, SignedManifest, self.clock())

    def fetch_file(self, sha256: str, part: Path, length: int) -> None:
        """A bundle file into `part`, resuming from what `part` holds (`Range`). A connection that
        drops leaves the bytes received so far for the next attempt (TransientError; an answer cut
        short is an error: urllib3 checks Content-Length). Never writes
        more than `length` + 1 bytes: a longer file fails its check without filling the disk."""
        have = part.stat().st_size if part.exists() else 0
        if have == length:
            return
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with self._http.get(f"{self.base_url}/v1/content/files/{sha256}", headers=headers, stream=True,
                                timeout=self.timeout, allow_redirects=False) as response:
                if response.status_code not in (200, 206):
                    self._answer(response, ErrorBody, self.clock())  # raises the right error
                    raise TransientError("server", f"HTTP {response.status_code}")
                resumed = response.status_code == 206
                # A captive portal's page or a range we did not ask for is not this file.
                kind = response.headers.get("Content-Type", "").split(";")[0].strip()
                expected_range = f"bytes {have}-{length - 1}/{length}"
                if kind != "application/octet-stream" or (resumed and response.headers.get("Content-Range")
                                                          != expected_range):
                    raise TransientError("not-sync-server", f"HTTP {response.status_code} that is not the file")
                with part.open("ab" if resumed else "wb") as fh:
                    written = have if resumed else 0
                    for chunk in response.iter_content(1 << 16):
                        fh.write(chunk[:length + 1 - written])
                        written += len(chunk)
                        if written > length:
                            break
        except requests.RequestException as exc:
            raise TransientError("offline", f"download interrupted: {exc}") from None
        # A complete answer of another length is the server's (wrong) file: the hash check refuses it.

    def _call(self, method: str, path: str, model: type[Model], *, body: bytes | None = None,
              params: dict[str, int | list[str]] | None = None) -> Model:
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
        return self._answer(response, model, sent_at)

    def _answer(self, response: requests.Response, model: type[Model], sent_at: datetime) -> Model:
        """The answer as `model`, or the exception its status means."""
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
