"""Rate limits on guessing: enrollment codes, helper set-up codes and console passwords.

After `free` failures, every further failure doubles the wait (1 s, 2 s, 4 s ... up to
`max_wait`); while a key waits, even a correct answer is refused, so a guesser learns nothing by
trying during the wait. A key that stays quiet for `window` starts counting again: once an attack
stops, a legitimate client gets in after at most `max_wait`.

A code has 31^12 (about 2^59) values, so guessing one is impractical anyway; the limit makes trying
slow and visible. The state lives in the database (`rate_limits`), so every server process applies
the same limit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.models import RateLimit


@dataclass(frozen=True)
class Limit:
    free: int
    window: timedelta
    max_wait: timedelta


ENROLL_PER_CLIENT = Limit(free=5, window=timedelta(hours=1), max_wait=timedelta(hours=1))
# Higher, and a shorter cap: an attacker can make everyone wait, but never for long.
ENROLL_GLOBAL = Limit(free=100, window=timedelta(minutes=10), max_wait=timedelta(minutes=5))
LOGIN_PER_USER = Limit(free=5, window=timedelta(hours=1), max_wait=timedelta(minutes=15))
LOGIN_PER_CLIENT = Limit(free=20, window=timedelta(hours=1), max_wait=timedelta(minutes=15))
SETUP_PER_DEVICE = Limit(free=5, window=timedelta(hours=1), max_wait=timedelta(minutes=15))

Keys = list[tuple[str, Limit]]


def enroll_keys(client: str) -> Keys:
    return [(f"enroll:{client}"[:120], ENROLL_PER_CLIENT), ("enroll:*", ENROLL_GLOBAL)]


def setup_keys(device_id: str) -> Keys:
    """Helper set-up codes are tried by an enrolled kiosk: limited per device."""
    return [(f"setup:{device_id}"[:120], SETUP_PER_DEVICE)]


def login_keys(username: str, client: str) -> Keys:
    return [(f"login-user:{username.casefold()}"[:120], LOGIN_PER_USER),
            (f"login-client:{client}"[:120], LOGIN_PER_CLIENT)]


def wait_seconds(session: Session, keys: Keys, now: datetime) -> float:
    """How long to wait before the next try; 0 when it may be tried now."""
    wait = 0.0
    for key, _limit in keys:
        row = session.get(RateLimit, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            wait = max(wait, (row.blocked_until - now).total_seconds())
    return wait


def note_failure(session: Session, keys: Keys, now: datetime) -> None:
    """Count a failure for each key and set its next wait. Concurrent failures from several
    processes each count: the increment is one UPDATE."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    for key, limit in keys:
        session.execute(insert(RateLimit).values(key=key, failures=0, last_failure_at=now)
                        .on_conflict_do_nothing(index_elements=["key"]))
        session.execute(update(RateLimit)  # quiet for a whole window: start counting again
                        .where(RateLimit.key == key, RateLimit.last_failure_at < now - limit.window)
                        .values(failures=0, blocked_until=None))
        failures = session.execute(update(RateLimit).where(RateLimit.key == key)
                                   .values(failures=RateLimit.failures + 1, last_failure_at=now)
                                   .returning(RateLimit.failures)).scalar_one()
        if failures > limit.free:
            wait = min(limit.max_wait, timedelta(seconds=2 ** min(failures - limit.free - 1, 30)))
            session.execute(update(RateLimit).where(RateLimit.key == key).values(blocked_until=now + wait))


def clear(session: Session, key: str) -> None:
    """A success wipes the slate of that one key (an enrolled client, a user who logged in)."""
    row = session.get(RateLimit, key)
    if row is not None:
        session.delete(row)
