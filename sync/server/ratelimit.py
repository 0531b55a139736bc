"""Rate limit on enrollment codes: per client address and for all addresses together.

A code has 31^12 (about 2^59) values, so guessing is impractical anyway; the limit makes trying
slow and visible. After `free` failures within `window`, every further failure doubles the wait
(1 s, 2 s, 4 s ... up to `max_wait`). A correct code is also refused while its client waits, so
a guesser learns nothing from trying during the wait. When the window passes without failures, the
count starts again; and once an attack stops, a valid code works for everyone again.

The state lives in the database (`enroll_attempts`), so every server process applies one limit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.models import EnrollAttempts

ALL_CLIENTS = "*"


@dataclass(frozen=True)
class Limit:
    free: int
    window: timedelta
    max_wait: timedelta


PER_CLIENT = Limit(free=5, window=timedelta(hours=1), max_wait=timedelta(hours=1))
# Higher, and a shorter cap: an attacker can make everyone wait, but never for long.
GLOBAL = Limit(free=100, window=timedelta(minutes=10), max_wait=timedelta(minutes=5))


def _limits(client: str) -> list[tuple[str, Limit]]:
    return [(client[:64], PER_CLIENT), (ALL_CLIENTS, GLOBAL)]


def wait_seconds(session: Session, client: str, now: datetime) -> float:
    """How long `client` must wait before trying a code; 0 when it may try now."""
    wait = 0.0
    for key, _limit in _limits(client):
        row = session.get(EnrollAttempts, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            wait = max(wait, (row.blocked_until - now).total_seconds())
    return wait


def note_failure(session: Session, client: str, now: datetime) -> None:
    """Count a wrong code for `client` and for everyone, and set the next wait. Concurrent
    failures from several processes each count: the increment is one UPDATE."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    for key, limit in _limits(client):
        session.execute(insert(EnrollAttempts).values(client=key, failures=0, last_failure_at=now)
                        .on_conflict_do_nothing(index_elements=["client"]))
        session.execute(update(EnrollAttempts)  # quiet for a whole window: start counting again
                        .where(EnrollAttempts.client == key, EnrollAttempts.last_failure_at < now - limit.window)
                        .values(failures=0, blocked_until=None))
        failures = session.execute(update(EnrollAttempts).where(EnrollAttempts.client == key)
                                   .values(failures=EnrollAttempts.failures + 1, last_failure_at=now)
                                   .returning(EnrollAttempts.failures)).scalar_one()
        if failures > limit.free:
            wait = min(limit.max_wait, timedelta(seconds=2 ** min(failures - limit.free - 1, 30)))
            session.execute(update(EnrollAttempts).where(EnrollAttempts.client == key)
                            .values(blocked_until=now + wait))


def note_success(session: Session, client: str) -> None:
    """A client that enrolled starts with a clean slate (the global count stays)."""
    row = session.get(EnrollAttempts, client[:64])
    if row is not None:
        session.delete(row)
