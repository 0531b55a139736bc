"""Issue 22: volunteer hours are the union of a helper's shifts, never the sum of overlapping ones."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sync.protocol import record_payload
from sync.server.export import volunteer_time
from tests.sync_support import shift

BIB, BUS = str(uuid.uuid4()), str(uuid.uuid4())
T = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def hours(shifts) -> tuple[float, int]:
    counted = list(volunteer_time([record_payload(s) for s in shifts]))
    return sum(seconds for _, seconds, _ in counted) / 3600, sum(overlap for *_, overlap in counted)


def as_helper(record, helper: str):
    return record.model_copy(update={"helper_id": uuid.UUID(helper)})  # model_copy does not validate


def test_overlapping_shifts_on_one_kiosk_count_once():
    anna = str(uuid.uuid4())
    assert hours([as_helper(shift(BIB, T, 120), anna), as_helper(shift(BIB, T + timedelta(hours=1), 120), anna)]) \
        == (3.0, 1)


def test_a_shift_on_two_kiosks_at_once_counts_once_and_two_helpers_count_twice():
    anna, ben = str(uuid.uuid4()), str(uuid.uuid4())
    assert hours([as_helper(shift(BIB, T, 180), anna), as_helper(shift(BUS, T + timedelta(hours=1), 60), anna)]) \
        == (3.0, 1)  # the bus shift lay inside the library's
    assert hours([as_helper(shift(BIB, T, 180), anna), as_helper(shift(BIB, T, 180), ben)]) == (6.0, 0)


def test_overlap_across_midnight():
    anna = str(uuid.uuid4())
    late = T.replace(hour=22)
    night = [as_helper(shift(BIB, late, 240), anna), as_helper(shift(BUS, late + timedelta(hours=3), 120), anna)]
    assert hours(night) == (5.0, 1)  # 22:00-02:00 and 01:00-03:00: five hours
