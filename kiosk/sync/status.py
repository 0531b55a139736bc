"""Sync's plain data: errors, retry policy, reports and status.

Importable without the HTTP stack: the kiosk's UI imports this at start-up; `requests` is only
loaded when a sync service actually starts (kiosk/ui/shared/sync_service.py). The meta keys sync keeps are
in kiosk/core/store/meta_keys.py.
"""
from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.core.bundles import GuideBundles
from kiosk.core.content import Walkthrough, content_version
from sync.protocol import CLOCK_SKEW_LIMIT_SECONDS


class SyncError(Exception):
    """`kind` is a stable code the UI turns into plain Dutch; `detail` is technical, for the log."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind, self.detail = kind, detail


class TransientError(SyncError):
    """kinds: offline, timeout, tls, server, not-sync-server, too-many-attempts (detail: seconds to wait)."""


class ServerFailure(TransientError):
    """Our server itself answered 500 (a JSON error body, not a proxy's page): it took the request
    and failed on it. Transient, unless one record does it again and again (the sender isolates it)."""


# Failure kinds that mean the server was not reached (the kiosk is offline, as far as sync goes): no
# status report is tried after them, and the sync service probes until the network is back.
NETWORK_ERRORS = frozenset({"offline", "timeout", "tls", "not-sync-server"})


class AuthError(SyncError):
    """kinds: unauthorized (token unknown or revoked), not-enrolled."""


class RejectedError(SyncError):
    def __init__(self, status: int, error: str, detail: str = ""):
        super().__init__("rejected", f"HTTP {status} {error}: {detail}".strip())
        self.status, self.error = status, error


class Backoff:
    """Exponential backoff with full jitter: a random delay between 0 and min(cap, base * 2^n),
    never below one second so a dead network is not hammered. Never gives up; reset on success."""

    def __init__(self, base: float = 2.0, cap: float = 600.0, floor: float = 1.0,
                 rng: Callable[[], float] = random.random):
        self.base, self.cap, self.floor, self.rng = base, cap, floor, rng
        self.failures = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2.0 ** min(self.failures, 32))
        self.failures += 1
        return max(min(self.floor, ceiling), ceiling * self.rng())

    def reset(self) -> None:
        self.failures = 0


@dataclass
class SendReport:
    """What the server answered in this run (entries parked locally before sending are not counted)."""

    created: int = 0
    duplicates: int = 0
    parked: int = 0
    batches: int = 0
    help_requests: int = 0  # of the sent ones (created or duplicate); the others are shifts

    @property
    def sent(self) -> int:
        return self.created + self.duplicates


def is_skewed(offset: timedelta | None) -> bool:
    return offset is not None and abs(offset.total_seconds()) > CLOCK_SKEW_LIMIT_SECONDS


@dataclass
class ParkedRecord:
    kind: str
    created_at: datetime
    reason: str


@dataclass
class SyncStatus:
    server_url: str | None = None
    enrolled: bool = False
    waiting: int = 0  # pending + inflight
    parked: list[ParkedRecord] = field(default_factory=list)
    last_success: datetime | None = None
    insecure_secrets: bool = False  # the token sits in the documented file fallback


@dataclass
class SyncOutcome:
    error: SyncError | None = None
    sent: SendReport = field(default_factory=SendReport)
    pulled: int = 0
    status_sent: bool = False  # the server took this run's status report
    clock_offset: timedelta | None = None
    finished_at: datetime | None = None  # by the engine's clock

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def clock_skewed(self) -> bool:
        return is_skewed(self.clock_offset)


@dataclass
class EnrollResult:
    device_id: str
    location_id: str | None
    insecure_secrets: bool
    clock_offset: timedelta | None
    local_helpers_deactivated: int = 0  # helpers made on this kiosk, who now log in with the server's accounts

    @property
    def clock_skewed(self) -> bool:
        return is_skewed(self.clock_offset)


@dataclass(frozen=True)
class HelperSetup:
    """A helper set their PIN with a set-up code; `available` once the reference pull that brings
    the account to this kiosk succeeded (else the next sync brings it)."""

    helper_id: str
    display_name: str
    available: bool


@dataclass(frozen=True)
class ContentState:
    """What the status report says about the guides: `version` (an installed bundle's version, or
    a fingerprint of the guides, kiosk.core.content.content_version) and `error` (the last content
    bundle this kiosk refused, and why). The sync service supplies it (SyncEngine's `content`)."""

    version: str | None = None
    error: str | None = None


def guides_content(walkthroughs: list[Walkthrough], bundles: GuideBundles) -> Callable[[], ContentState]:
    """SyncEngine's `content`: the installed signed bundle's version ("bundel 7") and its last
    refusal, or, with only the installer's guides, their fingerprint (computed once, at the first
    report, on the sync worker)."""
    fingerprint = functools.cache(lambda: content_version(walkthroughs))

    def state() -> ContentState:
        installed = bundles.status()
        version = f"bundel {installed.version}" if installed.version else fingerprint()
        return ContentState(version, installed.error)
    return state
