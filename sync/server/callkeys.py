"""The help-call key of each location: random, kept on the server, given to that location's kiosks.

Kiosks of one location authenticate each other's help-call messages with it (kiosk/net/calls.py).
It is 32 random bytes per location, not derived from anything a kiosk holds, so a kiosk of one
location cannot compute another location's key; a kiosk receives only its own location's key, in
every reference page it pulls (`ReferencePage.call_key`).
"""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.db import utcnow
from sync.server.models import LocationCallKey


def new_call_key(session: Session, location_id: str) -> str:
    """A fresh key for a new location, in the caller's transaction."""
    key = secrets.token_hex(32)
    session.add(LocationCallKey(location_id=location_id, key=key, created_at=utcnow()))
    return key


def call_key_for_location(session: Session, location_id: str | None) -> str | None:
    """The key of a device's location, or None (a device enrolled without a location)."""
    if location_id is None:
        return None
    return session.scalar(select(LocationCallKey.key).where(LocationCallKey.location_id == location_id))
