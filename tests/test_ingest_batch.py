"""The batch is read in one pass (sync/server/records.py): what is stored is still exactly what the
protocol's model makes of each item, and one bad item still gets its own reason, on a real server."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import select

from sync.protocol import canonical_json, content_hash, record_payload
from sync.server.models import StoredRecord
from tests.sync_support import help_request, shift


def _item(payload: dict) -> dict:
    return {"id": payload["id"], "kind": payload["kind"], "content_hash": content_hash(payload), "payload": payload}


def _post(server, items: list[dict]) -> list[dict]:
    enrolled = requests.post(f"{server.url}/v1/enroll", json={"code": server.enroll_code(), "device_name": "pc"}).json()
    answer = requests.post(f"{server.url}/v1/records:batch", headers={"Authorization": f"Bearer {enrolled['token']}"},
                           json={"device_time": datetime.now(UTC).isoformat(), "items": items})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def test_a_payload_that_json_writes_differently_is_stored_as_the_model_writes_it(live_server):
    place = requests.post(f"{live_server.url}/v1/enroll",
                          json={"code": live_server.enroll_code(), "device_name": "pc"}).json()["location_id"]
    usual = record_payload(help_request(place))
    # Equal to the normal form for Python (20.0 == 20, 0 == False) but not as JSON; a missing default.
    odd = record_payload(help_request(place)) | {"duration_min": 20.0}
    start = datetime.now(UTC) - timedelta(hours=2)
    odd_shift = record_payload(shift(place, start, 60)) | {"auto_closed": 0}
    short = record_payload(help_request(place))
    del short["status"]
    results = _post(live_server, [_item(usual), _item(odd), _item(odd_shift), _item(short)])
    assert [r["status"] for r in results] == ["created"] * 4

    def stored(session):
        return dict(session.execute(select(StoredRecord.id, StoredRecord.payload)).all())
    rows = live_server.admin(stored)
    assert rows[usual["id"]] == canonical_json(usual)
    assert json.loads(rows[odd["id"]])["duration_min"] == 20 and '"duration_min":20,' in rows[odd["id"]]
    assert json.loads(rows[short["id"]])["status"] == "active"
    assert '"auto_closed":false' in rows[odd_shift["id"]]


def test_one_invalid_item_in_the_batch_gets_its_reason_and_the_others_are_stored(live_server):
    place = requests.post(f"{live_server.url}/v1/enroll",
                          json={"code": live_server.enroll_code(), "device_name": "pc"}).json()["location_id"]
    good = [record_payload(help_request(place)) for _ in range(3)]
    bad = record_payload(help_request(place)) | {"outcome": "maybe"}
    unknown = {"id": str(uuid.uuid4()), "kind": "visit", "location_id": place}
    results = _post(live_server, [_item(good[0]), _item(bad), _item(good[1]), _item(unknown), _item(good[2])])
    assert [r["status"] for r in results] == ["created", "invalid", "created", "invalid", "created"]
    assert results[1]["reason"].startswith("outcome:")
    assert "unknown record kind" in results[3]["reason"]


def test_stored_text_is_the_canonical_json_whatever_the_note_holds(live_server):
    """The INSERT's rows are framed by hand (records._pg_row): a note with quotes, backslashes, tabs,
    line breaks and any Unicode is stored byte for byte as canonical JSON, with the row's columns."""
    place = requests.post(f"{live_server.url}/v1/enroll",
                          json={"code": live_server.enroll_code(), "device_name": "pc"}).json()["location_id"]
    notes = ['"quoted" \\ back\\slash \\u0041', "tab\there\nnew line\n", "é ü ß ﬁ 😀 \u2028 \u2029 \u00a0 ل ж",
             "</script><!-- ]]> {\"a\":[1]}"]
    first = help_request(place, note=notes[0])
    records = [first, *(help_request(place, note=note) for note in notes[1:]),
               help_request(place, supersedes=first.id, note="corrected"),
               shift(place, datetime.now(UTC) - timedelta(hours=3), 90)]
    results = _post(live_server, [_item(record_payload(r)) for r in records])
    assert [r["status"] for r in results] == ["created"] * len(records)

    def stored(session):
        return {row.id: row for row in session.scalars(select(StoredRecord))}
    rows = live_server.admin(stored)
    for record in records:
        row = rows[str(record.id)]
        assert row.payload == canonical_json(record_payload(record))
        assert row.content_hash == content_hash(record_payload(record))
        assert row.location_id == place and row.kind == record.kind
        assert row.supersedes == (str(record.supersedes) if getattr(record, "supersedes", None) else None)
        assert row.occurred_at == (record.created_at if record.kind == "help_request" else record.started_at)
