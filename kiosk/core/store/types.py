from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes stored as ISO 8601 text, so they sort and survive SQLite unchanged."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store only keeps aware UTC times")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect):
        return None if value is None else datetime.fromisoformat(value)
