"""What a kiosk's sync costs the database: the statements the server sends for a batch and for a
reference pull, counted on the real engine of a real server (SQLite and PostgreSQL). Each one is a
round trip and PostgreSQL CPU on the busiest requests (bench/README.md, server_capacity)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import requests
from sqlalchemy import event

from tests.sync_support import help_request
from tests.test_sync_server import enroll, item, post_batch


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    sent: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_a_batch_reads_the_device_once_and_a_repeated_pull_is_two_statements(live_server):
    device = enroll(live_server)
    token, place = device["token"], device["location_id"]

    def pull() -> dict:
        answer = requests.get(f"{live_server.url}/v1/reference", params={"since": 0},
                              headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, answer.text
        return answer.json()

    first = pull()  # also writes "last seen", at most once a minute
    with statements(live_server.engine) as sent:
        answer = post_batch(live_server, token, [item(help_request(place)) for _ in range(3)])
        assert [r["status"] for r in answer.json()["results"]] == ["created"] * 3
    # The token check loads the device; `ingest` finds it in the session (no second SELECT of its
    # row). On PostgreSQL ingest then locks the row: a kiosk's batches go in one at a time.
    devices = [s for s in sent if "FROM devices" in s]
    locks = [s for s in devices if s.endswith("FOR NO KEY UPDATE")]
    assert len(devices) - len(locks) == 1, sent
    assert len(locks) == (live_server.engine.dialect.name == "postgresql"), sent

    with statements(live_server.engine) as sent:
        again = pull()
    # From the cache: the token check and the change log's newest seq, nothing else.
    queries = [s for s in sent if s.startswith("SELECT") and s != "SELECT 1"]  # SELECT 1: the pool's ping
    assert len(queries) == 2 and "FROM devices" in queries[0] and "reference_changes" in queries[1], sent
    assert {k: v for k, v in again.items() if k != "server_time"} == {
        k: v for k, v in first.items() if k != "server_time"}
