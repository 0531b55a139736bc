"""Time for the helper area: "now" in UTC plus the local calendar (days, months) it is counted in.

Injected everywhere a rule depends on time (lock-out, end of day, today's list) so tests can move it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from kiosk.core.store.types import utcnow


@dataclass(frozen=True)
class Clock:
    now_fn: Callable[[], datetime] = utcnow
    tz: tzinfo | None = None  # None: the computer's local time zone

    def now(self) -> datetime:
        return self.now_fn()

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def today(self) -> date:
        return self.local(self.now()).date()

    def day_start(self, day: date) -> datetime:
        """The first instant of a local calendar day, as an aware datetime."""
        naive = datetime.combine(day, time.min)
        # A naive datetime's astimezone() reads it as the computer's local time (DST included).
        return naive.astimezone() if self.tz is None else naive.replace(tzinfo=self.tz)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.day_start(day), self.day_start(date.fromordinal(day.toordinal() + 1))

    def month_bounds(self, year: int, month: int) -> tuple[datetime, datetime]:
        following = date(year + month // 12, month % 12 + 1, 1)
        return self.day_start(date(year, month, 1)), self.day_start(following)

