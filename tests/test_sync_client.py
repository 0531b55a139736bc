"""The kiosk's sender against what really sits on networks: captive portals, proxies, dead servers,
slow servers, and a server that refuses a request. Real HTTP servers on 127.0.0.1."""
from __future__ import annotations

import socket
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core.store import open_store
from kiosk.core.store.models import OutboxEntry
from kiosk.sync.client import AuthError, ServerApi, TransientError, check_server_url
from kiosk.sync.outbox import NOT_ACKNOWLEDGED, SENT_RETENTION, Sender, prune_sent, recover_inflight
from kiosk.sync.status import Backoff
from sync.protocol import MAX_BATCH_BYTES
from tests.sync_support import FakeServer, batch_ids, help_request, json_reply, outbox, outbox_states, queue

PORTAL = (200, "text/html", b"<html><body>Welkom op het gratis wifi van de bib. Klik op Akkoord.</body></html>")


@pytest.fixture
def kiosk(data_dir):
    store = open_store(data_dir)
    yield store
    store.close()


@pytest.fixture
def fake():
    servers = []

    def start(reply):
        servers.append(FakeServer(reply))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


def ack(body: bytes, status: str = "created", skip: str | None = None):
    ids = [i for i in batch_ids(body) if i != skip]
    return json_reply(200, {"protocol": 1, "server_time": datetime.now(UTC).isoformat(),
                            "results": [{"id": i, "status": status} for i in ids]})


@pytest.mark.parametrize("reply, kind", [
    (lambda *_: PORTAL, "not-sync-server"),                                       # captive portal's 200 page
    (lambda *_: json_reply(200, {"ok": True}), "not-sync-server"),                # some other JSON service
    (lambda *_: (200, "application/json", b'{"protocol": 1, "server_ti'), "not-sync-server"),  # cut off
    (lambda *_: (302, "text/html", b""), "not-sync-server"),                      # portal redirect
    (lambda *_: (403, "text/html", b"<h1>Blocked by proxy</h1>"), "not-sync-server"),
    (lambda *_: json_reply(502, {"error": "bad gateway"}), "server"),
    (lambda *_: (503, "text/html", b"maintenance"), "server"),
])
def test_nothing_but_a_well_formed_acknowledgement_marks_records_sent(kiosk, fake, reply, kind):
    server = fake(reply)
    queue(kiosk, *(help_request(str(uuid.uuid4())) for _ in range(3)))
    with pytest.raises(TransientError) as raised:
        Sender(kiosk, ServerApi(server.url, "token")).send_pending()
    assert raised.value.kind == kind
    entries = outbox(kiosk).values()
    assert {e.state for e in entries} == {"pending"} and {e.attempts for e in entries} == {1}
    assert all(e.last_error for e in entries) and len(server.requests) == 1


def test_only_the_records_an_acknowledgement_names_are_sent(kiosk, fake):
    records = [help_request(str(uuid.uuid4())) for _ in range(3)]
    forgotten = str(records[2].id)
    server = fake(lambda method, path, body: ack(body, skip=forgotten))
    queue(kiosk, *records)
    now = datetime(2026, 11, 30, 13, 5, 7, 123456, tzinfo=UTC)
    with pytest.raises(TransientError):  # backs off rather than resending it in a tight loop
        Sender(kiosk, ServerApi(server.url, "token"), clock=lambda: now).send_pending()
    entries = outbox(kiosk)
    assert [entries[str(r.id)].state for r in records] == ["sent", "sent", "pending"]
    assert [entries[str(r.id)].sent_at for r in records] == [now, now, None]  # read back through the ORM
    assert entries[forgotten].last_error == NOT_ACKNOWLEDGED and len(server.requests) == 1


def test_unauthorized_stops_and_keeps_every_record(kiosk, fake):
    server = fake(lambda *_: json_reply(401, {"error": "unauthorized"}))
    queue(kiosk, help_request(str(uuid.uuid4())))
    with pytest.raises(AuthError):
        Sender(kiosk, ServerApi(server.url, "revoked")).send_pending()
    assert set(outbox_states(kiosk).values()) == {"pending"}


def test_a_request_the_server_refuses_parks_only_the_entry_that_causes_it(kiosk, fake):
    records = [help_request(str(uuid.uuid4())) for _ in range(9)]
    poison = str(records[5].id)

    def reply(method, path, body):
        if poison in batch_ids(body):
            return json_reply(422, {"error": "invalid-request", "detail": "item 0 has no valid id"})
        return ack(body)
    server = fake(reply)
    queue(kiosk, *records)
    report = Sender(kiosk, ServerApi(server.url, "token")).send_pending()
    states = outbox_states(kiosk)
    assert report.created == 8 and report.parked == 1
    assert states.pop(poison) == "parked" and set(states.values()) == {"sent"}
    assert "invalid-request" in outbox(kiosk)[poison].last_error


def test_dead_and_silent_servers_are_network_errors(kiosk):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, not listening: connection refused
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts, never answers
    queue(kiosk, help_request(str(uuid.uuid4())))
    try:
        for sock, kind in ((closed, "offline"), (silent, "timeout")):
            api = ServerApi(f"http://127.0.0.1:{sock.getsockname()[1]}", "token", timeout=(0.5, 0.5))
            with pytest.raises(TransientError) as raised:
                Sender(kiosk, api).send_pending()
            assert raised.value.kind == kind
    finally:
        closed.close()
        silent.close()
    assert set(outbox_states(kiosk).values()) == {"pending"}


def test_batches_are_bounded_by_count_and_bytes_oldest_first(kiosk, fake):
    server = fake(lambda method, path, body: ack(body))
    records = [help_request(str(uuid.uuid4()), note="x" * 200) for _ in range(12)]
    queue(kiosk, *records)
    Sender(kiosk, ServerApi(server.url, "token"), max_items=5).send_pending()
    # Two batches travel at once, so they may reach the server in either order: in claim order,
    # each is the next run of the oldest entries.
    order = {str(r.id): n for n, r in enumerate(records)}
    bodies = sorted((body for _, _, body in server.requests), key=lambda body: order[batch_ids(body)[0]])
    assert [len(batch_ids(body)) for body in bodies] == [5, 5, 2]
    assert [i for body in bodies for i in batch_ids(body)] == [str(r.id) for r in records]

    # Room for two and a half of these (equally long) items per request.
    five, two = len(bodies[0]), len(bodies[2])
    item = (five - two - 3) // 3
    limit = two + item // 2
    queue(kiosk, *(help_request(str(uuid.uuid4()), note="x" * 200) for _ in range(6)))
    server.requests.clear()
    Sender(kiosk, ServerApi(server.url, "token"), max_bytes=limit).send_pending()
    assert [len(batch_ids(body)) for _, _, body in server.requests] == [2, 2, 2]
    assert all(len(body) <= limit for _, _, body in server.requests)
    assert all(len(body) <= MAX_BATCH_BYTES for _, _, body in server.requests)


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_two_batches_are_with_the_server_at_once_and_each_is_settled_by_its_own_answer(kiosk, fake):
    """The second batch is posted while the server holds the first; the first answer is settled
    while the server holds the second, and the third is posted as soon as the first is answered."""
    records = [help_request(str(uuid.uuid4())) for _ in range(12)]
    first, second = {str(r.id) for r in records[:5]}, {str(r.id) for r in records[5:10]}
    seen = {}

    def reply(method, path, body):
        ids = set(batch_ids(body))
        if ids == first:  # the second batch reaches the server meanwhile
            seen["first"] = _wait_for(lambda: any(set(batch_ids(b)) == second for _, _, b in server.requests))
        elif ids == second:  # the first answer is settled meanwhile
            seen["second"] = _wait_for(lambda: {outbox_states(kiosk)[i] for i in first} == {"sent"})
        else:  # the third: the first and the second answer are settled meanwhile
            seen["third"] = _wait_for(lambda: {outbox_states(kiosk)[i] for i in first | second} == {"sent"})
        return ack(body)
    server = fake(reply)
    queue(kiosk, *records)
    report = Sender(kiosk, ServerApi(server.url, "token"), max_items=5).send_pending()
    assert seen == {"first": True, "second": True, "third": True} and report.created == 12
    assert sorted(len(batch_ids(body)) for _, _, body in server.requests) == [2, 5, 5]
    assert set(outbox_states(kiosk).values()) == {"sent"}


def test_a_batch_posted_behind_a_failed_one_is_settled_by_its_own_answer(kiosk, fake):
    records = [help_request(str(uuid.uuid4())) for _ in range(12)]
    failing = str(records[0].id)
    server = fake(lambda method, path, body: (503, "text/html", b"busy") if failing in batch_ids(body) else ack(body))
    queue(kiosk, *records)
    with pytest.raises(TransientError):
        Sender(kiosk, ServerApi(server.url, "token"), max_items=5).send_pending()
    entries = outbox(kiosk)
    assert [entries[str(r.id)].state for r in records] == ["pending"] * 5 + ["sent"] * 5 + ["pending"] * 2
    assert [entries[str(r.id)].attempts for r in records] == [1] * 10 + [0] * 2  # the third was never sent
    assert all(entries[str(r.id)].last_error for r in records[:5])
    assert not any(entries[str(r.id)].last_error for r in records[5:])
    assert len(server.requests) == 2


def test_inflight_entries_go_back_to_pending_at_start_up(kiosk, fake):
    server = fake(lambda *_: PORTAL)
    queue(kiosk, *(help_request(str(uuid.uuid4())) for _ in range(2)))
    sender = Sender(kiosk, ServerApi(server.url, "token"))
    sender._claim(10)  # then the process dies
    assert set(outbox_states(kiosk).values()) == {"inflight"}
    assert recover_inflight(kiosk) == 2
    assert set(outbox_states(kiosk).values()) == {"pending"}


def test_backoff_is_exponential_with_full_jitter_and_never_gives_up():
    top = Backoff(rng=lambda: 1.0)
    assert [top.next_delay() for _ in range(12)] == [2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600, 600]
    assert all(Backoff(rng=lambda: 0.0).next_delay() == 1.0 for _ in range(3))
    jittered = Backoff()
    delays = [jittered.next_delay() for _ in range(200)]
    assert all(1.0 <= d <= 600 for d in delays) and len(set(delays)) > 150
    top.reset()
    assert top.next_delay() == 2


def test_only_https_or_this_machine_is_accepted():
    assert check_server_url(" https://sync.digipunt.be/ ") == "https://sync.digipunt.be"
    assert check_server_url("http://127.0.0.1:8765") == "http://127.0.0.1:8765"
    assert check_server_url("http://localhost:8765") == "http://localhost:8765"
    for bad in ("http://sync.digipunt.be", "ftp://x.be", "sync.digipunt.be", "https://"):
        with pytest.raises(ValueError):
            check_server_url(bad)


def test_tls_certificates_are_verified(kiosk):
    """A TLS server with a self-signed certificate is refused (verification is on)."""
    import ssl
    import subprocess
    import tempfile
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", folder / "key.pem", "-out", folder / "cert.pem"], check=True, capture_output=True)
    httpd = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(TransientError) as raised:
            ServerApi(f"https://localhost:{httpd.server_address[1]}", timeout=(2, 2)).health()
        assert raised.value.kind == "tls"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_sent_entries_are_pruned_after_the_retention_and_nothing_unsent_ever_is(kiosk):
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    old, recent = now - SENT_RETENTION - timedelta(seconds=1), now - SENT_RETENTION + timedelta(seconds=1)
    cases = {  # record id -> (state, sent_at, pruned?)
        str(uuid.uuid4()): ("sent", old, True),
        str(uuid.uuid4()): ("sent", recent, False),
        str(uuid.uuid4()): ("sent", None, False),  # never happens; kept rather than guessed
    }
    for state in ("pending", "inflight", "parked"):  # even with an (impossible) old acknowledgement time
        for sent_at in (None, old, now - timedelta(days=3650)):
            cases[str(uuid.uuid4())] = (state, sent_at, False)
    queue(kiosk, *(help_request(str(uuid.uuid4()), id=uuid.UUID(record_id), when=now - timedelta(days=400))
                   for record_id in cases))
    with kiosk.transaction() as session:
        for entry in session.scalars(select(OutboxEntry)):
            entry.state, entry.sent_at, _ = cases[entry.record_id]
    assert prune_sent(kiosk, now) == 1
    assert set(outbox(kiosk)) == {rid for rid, (_s, _t, pruned) in cases.items() if not pruned}
    assert prune_sent(kiosk, now) == 0
