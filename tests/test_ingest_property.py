"""Issue 20: nothing the server accepts can break a report. Hypothesis feeds arbitrary items, valid
and broken, through ingest, then runs every report and export of the period."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from sync.protocol import CHANNELS, OUTCOMES, BatchRequest, canonical_json, content_hash, hash_canonical
from sync.server import admin
from sync.server.console.auth import Viewer
from sync.server.console.overview import overview_figures
from sync.server.db import utcnow
from sync.server.export import figures_between, monthly_report, to_csv, to_xlsx
from sync.server.models import StoredRecord
from sync.server.records import ingest

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
ADMIN = Viewer("u", "admin", "Admin", "admin", None, "x")

text = st.text(max_size=30)
odd = st.one_of(st.none(), st.integers(-2**70, 2**70), st.floats(allow_nan=True), st.booleans(), text,
                st.lists(text, max_size=3), st.dictionaries(text, text, max_size=2))
times = st.one_of(st.datetimes(min_value=datetime(2019, 6, 1), max_value=datetime(2101, 1, 1), timezones=st.just(UTC))
                  .map(lambda d: d.isoformat()),
                  st.sampled_from(["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2026-11-10T10:00:00",
                                   "1763000000"]),
                  st.integers(0, 2**40))


@st.composite
def payloads(draw, location_id: str) -> dict:
    kind = draw(st.sampled_from(["help_request", "shift", "other"]))
    payload: dict = {"id": str(uuid.uuid4()), "kind": kind, "helper_id": str(uuid.uuid4()),
                     "location_id": draw(st.sampled_from([location_id, str(uuid.uuid4())]))}
    if kind == "shift":
        start = draw(times)
        payload |= {"started_at": start, "ended_at": draw(st.one_of(st.just(start), times))}
    else:
        payload |= {"created_at": draw(times), "channel": draw(st.sampled_from([*CHANNELS, "x"])),
                    "topics": draw(st.lists(st.sampled_from(["itsme", "jobs", ""]), max_size=3)), "language": "nl",
                    "duration_min": draw(st.integers(-5, 700)), "outcome": draw(st.sampled_from([*OUTCOMES, "x"])),
                    "visitor_code": draw(st.one_of(st.none(), st.sampled_from(["a" * 64, "b" * 64, "zz"]))),
                    "note": draw(st.one_of(st.none(), text, st.just("bel 0470 12 34 56")))}
    for key in draw(st.lists(st.sampled_from(sorted(payload)), max_size=2)):  # break it now and then
        if draw(st.booleans()):
            payload.pop(key, None)
        else:
            payload[key] = draw(odd)
    return payload


def _item(payload: dict) -> dict:
    try:
        digest = content_hash(payload)
    except (TypeError, ValueError):  # not JSON-able (a nan stays JSON-able; surrogates may not)
        digest = hash_canonical("")
    return {"id": payload.get("id") if isinstance(payload.get("id"), str) else str(uuid.uuid4()),
            "kind": payload.get("kind") if isinstance(payload.get("kind"), str) else "help_request",
            "content_hash": digest, "payload": payload}


def test_nothing_ingest_accepts_breaks_a_report(server_engine):
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven")
        device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, place)[0], "pc")
        place_id, device_id = place.id, device.id

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(payloads(place_id), min_size=1, max_size=12))
    def round_trip(batch: list[dict]) -> None:
        try:
            request = BatchRequest.model_validate({"device_time": NOW.isoformat(), "items": [_item(p) for p in batch]})
        except ValueError:
            return  # refused as a whole (422): nothing stored
        with sessions.begin() as session:
            results = ingest(session, device_id, request.items, utcnow())
        assert len(results) == len(batch)
        with sessions() as session:
            for month in ("2019-12", "2026-11", "2100-01"):
                report = monthly_report(session, month)
                to_csv(report)
                to_xlsx(report)
            figures_between(session, datetime(2019, 1, 1, tzinfo=UTC), datetime(2101, 1, 1, tzinfo=UTC))
            overview_figures(session, ADMIN, NOW + timedelta(days=1), "2020-01-01", "2099-12-31")

    round_trip()
    with sessions() as session:  # and what was stored is exactly what the protocol accepts
        for row in session.scalars(select(StoredRecord.payload)):
            assert canonical_json(json.loads(row)) == row
