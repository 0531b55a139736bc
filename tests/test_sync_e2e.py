"""Kiosk store -> real sender/puller -> real server (uvicorn), on SQLite and on PostgreSQL."""
from __future__ import annotations

import csv
import io
import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from keyring.backends import fail
from openpyxl import load_workbook
from sqlalchemy import delete, select, text, update

from kiosk.core.demo import seed_topics
from kiosk.core.secrets import DEVICE_TOKEN, NoSecureStoreError, SecretStore
from kiosk.core.settings import Settings, with_server_settings
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import Helper, Location, Meta, OutboxEntry, Topic
from kiosk.core.visitor_code import VisitorCoder
from kiosk.sync.client import ServerApi
from kiosk.sync.engine import SyncEngine, sync_once
from kiosk.sync.outbox import Sender
from kiosk.sync.puller import Puller
from sync.labels import DEFAULT_TOPICS
from sync.protocol import content_hash, record_payload
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.models import Setting, StoredRecord
from sync.server.models import Topic as ServerTopic
from tests.keyrings import MemoryKeyring
from tests.sync_support import help_request, outbox, outbox_states, queue, shift


@pytest.fixture
def kiosk(data_dir):
    store = open_store(data_dir)
    yield store
    store.close()


def enrolled(server, store, data_dir, location: str = "Bibliotheek Leuven", **kwargs) -> SyncEngine:
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()), **kwargs)
    engine.enroll(server.url, server.enroll_code(location), "balie-pc")
    return engine


def meta(store, key: str) -> str | None:
    with store.read() as session:
        row = session.get(Meta, key)
        return None if row is None else row.value


def here(store) -> str:
    """The location the kiosk was enrolled for: the only one it may send records for."""
    return meta(store, "sync.location_id")


def server_records(server) -> dict[str, StoredRecord]:
    return server.admin(lambda s: {r.id: r for r in s.scalars(select(StoredRecord))})


def test_push_then_repush_is_acknowledged_as_duplicate(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    location = meta(kiosk, "sync.location_id")
    records = [help_request(location), help_request(location, note="Uitleg over itsme gegeven"),
               shift(location, datetime.now(UTC) - timedelta(hours=2), 120)]
    queue(kiosk, *records)
    outcome = engine.sync()
    assert outcome.ok and outcome.sent.created == 3
    assert set(outbox_states(kiosk).values()) == {"sent"}
    stored = server_records(live_server)
    assert set(stored) == {str(r.id) for r in records}
    for record in records:  # byte for byte what the kiosk wrote, and the same hash
        assert json.loads(stored[str(record.id)].payload) == record_payload(record)
        assert stored[str(record.id)].content_hash == content_hash(record_payload(record))

    # The acknowledgement was lost (say the kiosk crashed before storing it): all are sent again.
    with kiosk.transaction() as session:
        session.execute(update(OutboxEntry).values(state="inflight"))
    assert engine.recover() == 3
    again = engine.sync()
    assert again.ok and again.sent.duplicates == 3 and again.sent.created == 0
    assert len(server_records(live_server)) == 3
    assert engine.status().waiting == 0


def test_conflict_and_invalid_are_parked_without_blocking_the_rest(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    location = here(kiosk)
    original = help_request(location)
    queue(kiosk, original)  # this kiosk sent this id before (ids are per device: tests/test_record_ids.py)
    assert engine.sync().ok
    with kiosk.transaction() as session:  # and lost it, say restored from an older backup
        session.execute(delete(OutboxEntry).where(OutboxEntry.record_id == str(original.id)))

    # Same id, other content (say a restored, edited copy), an entry the server refuses, good ones.
    clash = original.model_copy(update={"duration_min": 60})
    broken = record_payload(help_request(location)) | {"outcome": "maybe"}
    good = [help_request(location) for _ in range(3)]
    queue(kiosk, clash)
    with kiosk.transaction() as session:
        session.add(OutboxEntry(record_id=broken["id"], kind="help_request", payload=json.dumps(broken),
                                content_hash=content_hash(broken), state="pending", attempts=0))
    queue(kiosk, *good)

    outcome = engine.sync()
    assert outcome.ok and outcome.sent.created == 3 and outcome.sent.parked == 2
    entries = outbox(kiosk)
    assert [entries[str(r.id)].state for r in good] == ["sent"] * 3
    assert entries[str(clash.id)].state == "parked" and "conflict" in entries[str(clash.id)].last_error
    assert entries[broken["id"]].state == "parked" and "outcome" in entries[broken["id"]].last_error
    status = engine.status()
    assert status.waiting == 0 and len(status.parked) == 2
    assert json.loads(server_records(live_server)[str(original.id)].payload)["duration_min"] == original.duration_min

    # Parked entries can be retried by a coordinator: they are refused again, nothing else changes.
    assert engine.requeue_parked() == 2
    assert engine.sync().sent.parked == 2 and len(server_records(live_server)) == 4


def test_damaged_outbox_entries_are_isolated_and_parked_the_rest_is_sent(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    good = [help_request(here(kiosk)) for _ in range(40)]
    queue(kiosk, *good[:20])
    with kiosk.transaction() as session:
        # Not JSON inside: the server cannot parse the request at all, so the sender halves the
        # batch until this entry is alone. And one whose id is not even a UUID: parked locally.
        session.add(OutboxEntry(record_id=str(uuid.uuid4()), kind="help_request", payload='{"note": }',
                                content_hash="0" * 64, state="pending", attempts=0))
        session.add(OutboxEntry(record_id="not-a-uuid", kind="help_request", payload="{}", content_hash="0" * 64,
                                state="pending", attempts=0))
    queue(kiosk, *good[20:])
    outcome = engine.sync()
    assert outcome.ok and outcome.sent.created == 40 and outcome.sent.parked == 1
    states = outbox_states(kiosk)
    assert states.pop("not-a-uuid") == "parked" and sorted(states.values()).count("parked") == 1
    assert set(server_records(live_server)) == {str(r.id) for r in good}
    reasons = sorted(e.last_error for e in outbox(kiosk).values() if e.state == "parked")
    assert reasons[0].startswith("local: damaged") and reasons[1].startswith("server: HTTP 422")


def test_without_a_secure_key_store_enrolling_stops_before_the_code_is_spent(live_server, kiosk, data_dir):
    code = live_server.enroll_code()
    with pytest.raises(NoSecureStoreError):
        SyncEngine(kiosk, SecretStore(data_dir, backend=fail.Keyring())).enroll(live_server.url, code, "pc")
    assert meta(kiosk, "sync.device_id") is None
    # Allowed explicitly (settings.allow_secret_file): the documented file, and staff are told.
    engine = SyncEngine(kiosk, SecretStore(data_dir, backend=fail.Keyring(), allow_file=True))
    assert engine.enroll(live_server.url, code, "pc").insecure_secrets
    assert engine.status().insecure_secrets and engine.sync().ok


def test_revoked_device_gets_401_keeps_its_records_and_can_enroll_again(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    device_id = meta(kiosk, "sync.device_id")
    live_server.admin(admin.revoke_device, device_id)
    records = [help_request(here(kiosk)) for _ in range(2)]
    queue(kiosk, *records)
    outcome = engine.sync()
    assert outcome.error is not None and outcome.error.kind == "unauthorized"
    assert set(outbox_states(kiosk).values()) == {"pending"}  # kept, not parked, not lost
    assert server_records(live_server) == {}

    engine.enroll(live_server.url, live_server.enroll_code(), "balie-pc")
    assert meta(kiosk, "sync.device_id") != device_id
    assert engine.sync().sent.created == 2


def test_reference_pull_follows_the_cursor_and_applies_pages_atomically(live_server, kiosk, data_dir):
    secrets = SecretStore(data_dir, backend=MemoryKeyring())
    engine = SyncEngine(kiosk, secrets)
    engine.enroll(live_server.url, live_server.enroll_code("Digibus Oost", "digibus"), "bus-laptop")
    with kiosk.read() as session:  # enrolling fetched this kiosk's location (the help log needs it)
        own = session.scalars(select(Location).where(Location.name == "Digibus Oost")).one()
        assert own.id == session.get(Meta, "sync.location_id").value and own.kind == "digibus"
        enrolled_cursor = session.get(Meta, meta_keys.REFERENCE_CURSOR).value
    server_key = live_server.admin(lambda s: json.loads(s.get(Setting, "visitor_code_key").value))
    assert VisitorCoder(secrets).key() == bytes.fromhex(server_key)  # the help log codes with it

    an = live_server.admin(admin.add_helper, "An Peeters", "coordinator", "135790")
    live_server.admin(admin.add_helper, "Bart", "digihelper", "975310")
    live_server.admin(admin.set_topic, "itsme", "itsme-app", 0)
    live_server.admin(admin.set_setting, "idle_seconds", "300")
    live_server.admin(admin.set_setting, "default_language", '"fr"')

    api = ServerApi(live_server.url, secrets.get(DEVICE_TOKEN))
    puller = Puller(kiosk, api, secrets, page_size=2)
    # A page that fails halfway leaves neither its data nor its cursor behind.
    real_apply_one, calls = puller._apply_one, []

    def failing(session, change, data):
        calls.append(change.key)
        if len(calls) == 2:
            raise OSError("disk full")
        real_apply_one(session, change, data)
    puller._apply_one = failing
    with pytest.raises(OSError):
        puller.pull()
    with kiosk.read() as session:
        assert session.get(Meta, meta_keys.REFERENCE_CURSOR).value == enrolled_cursor
        assert session.get(Helper, an.id) is None
    puller._apply_one = real_apply_one

    assert puller.pull() == 5
    with kiosk.read() as session:
        cursor = int(session.get(Meta, meta_keys.REFERENCE_CURSOR).value)
        helper = session.get(Helper, an.id)
        assert helper.display_name == "An Peeters" and helper.role == "coordinator" and helper.active
        assert helper.pin_hash == an.pin_hash
        assert session.get(Topic, "itsme").label_nl == "itsme-app"
        assert session.get(Meta, "setting.idle_seconds").value == "300"
    settings, problems = with_server_settings(Settings(), kiosk)
    assert (settings.idle_seconds, settings.default_language, problems) == (300, "fr", [])

    # Only what changed after the cursor comes next; a deletion deactivates, lock-out state stays.
    with kiosk.transaction() as session:
        session.get(Helper, an.id).failed_pins = 3
    live_server.admin(admin.remove_helper, an.id)
    live_server.admin(admin.unset_setting, "idle_seconds")
    assert puller.pull() == 2
    with kiosk.read() as session:
        assert int(session.get(Meta, meta_keys.REFERENCE_CURSOR).value) > cursor
        helper = session.get(Helper, an.id)
        assert not helper.active and helper.failed_pins == 3
        assert session.get(Meta, "setting.idle_seconds") is None
    assert puller.pull() == 0
    api.close()


def test_records_created_while_a_sync_runs_all_arrive_exactly_once(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    written: list[str] = []
    first_batch_sent, fifty_written = threading.Event(), threading.Event()

    def writer():  # the help log saving records while the sender works
        first_batch_sent.wait(10)
        while len(written) < 200:
            batch = [help_request(here(kiosk)) for _ in range(5)]
            queue(kiosk, *batch)
            written.extend(str(r.id) for r in batch)
            if len(written) >= 50:
                fifty_written.set()

    def progress(_done, _total):
        first_batch_sent.set()
        fifty_written.wait(10)  # make sure the run overlaps with the writes

    queue(kiosk, *(help_request(here(kiosk)) for _ in range(50)))
    thread = threading.Thread(target=writer)
    thread.start()
    api = ServerApi(live_server.url, engine.secrets.get(DEVICE_TOKEN))
    sender = Sender(kiosk, api, max_items=10)
    during = sender.send_pending(on_progress=progress).created
    thread.join()
    after = sender.send_pending().created  # whatever came after the last claim
    api.close()
    assert during > 50  # it picked up records saved while it ran
    states = outbox_states(kiosk)
    assert len(states) == 250 and set(states.values()) == {"sent"}
    assert during + after == 250 and set(server_records(live_server)) == set(states)


def test_clock_difference_is_reported_and_records_keep_device_time(live_server, kiosk, data_dir):
    ahead = timedelta(minutes=12)
    engine = enrolled(live_server, kiosk, data_dir, clock=lambda: datetime.now(UTC) + ahead)
    record = help_request(here(kiosk), when=datetime.now(UTC) + ahead)
    queue(kiosk, record)
    outcome = engine.sync()
    assert outcome.ok and outcome.clock_skewed
    assert abs(outcome.clock_offset + ahead) < timedelta(seconds=5)
    stored = server_records(live_server)[str(record.id)]
    assert stored.occurred_at == record.created_at  # device time, as recorded
    assert abs(stored.received_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert not enrolled(live_server, kiosk, data_dir).sync().clock_skewed


def test_sync_once_drains_from_a_plain_script(live_server, kiosk, data_dir):
    engine = enrolled(live_server, kiosk, data_dir)
    queue(kiosk, *(help_request(here(kiosk)) for _ in range(3)))
    with kiosk.transaction() as session:  # left inflight by a killed process
        session.execute(update(OutboxEntry).values(state="inflight"))
    report = sync_once(data_dir, live_server.url, engine.secrets.get(DEVICE_TOKEN))
    assert report.created == 3 and set(outbox_states(kiosk).values()) == {"sent"}


def test_export_counts_match_the_records_pushed(live_server, kiosk, data_dir, tmp_path):
    engine = enrolled(live_server, kiosk, data_dir, "Bibliotheek Leuven")
    bib = here(kiosk)
    live_server.admin(lambda s: admin.ensure_location(s, "Digibus", "digibus"))
    (tmp_path / "bus").mkdir()
    bus_kiosk = open_store(tmp_path / "bus")  # the digibus has its own kiosk: a kiosk records for its place
    bus_engine = enrolled(live_server, bus_kiosk, tmp_path / "bus", "Digibus")
    bus = here(bus_kiosk)
    nov = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
    visitor = ["a" * 64, "b" * 64, "c" * 64]

    corrected = help_request(bib, when=nov, topics=["itsme"], visitor_code=visitor[0])
    correction = help_request(bib, when=datetime(2026, 12, 2, 9, 0, tzinfo=UTC), supersedes=corrected.id,
                              topics=["taxonweb"], visitor_code=visitor[0])
    cancelled = help_request(bib, when=nov, visitor_code=visitor[1])
    cancellation = help_request(bib, when=nov + timedelta(hours=1), supersedes=cancelled.id, status="cancelled")
    records = [
        corrected, correction, cancelled, cancellation,
        help_request(bib, when=nov, topics=["itsme", "email"], visitor_code=visitor[1]),
        help_request(bib, when=nov, topics=["itsme"]),
        help_request(bus, when=nov, topics=["itsme"], visitor_code=visitor[1]),   # same person, other place
        help_request(bus, when=nov, topics=["banking"], visitor_code=visitor[2]),
        # Midnight in Brussels on 1 December is still 30 November in UTC: December.
        help_request(bib, when=datetime(2026, 11, 30, 23, 30, tzinfo=UTC)),
        help_request(bib, when=datetime(2026, 10, 31, 23, 30, tzinfo=UTC)),  # 1 Nov in Brussels
        shift(bib, nov, 150), shift(bib, nov + timedelta(days=1), 60), shift(bus, nov, 45),
        shift(bib, datetime(2026, 10, 30, 9, 0, tzinfo=UTC), 240),
    ]
    queue(kiosk, *(r for r in records if str(r.location_id) == bib))
    queue(bus_kiosk, *(r for r in records if str(r.location_id) == bus))
    assert engine.sync().sent.created + bus_engine.sync().sent.created == len(records)
    bus_kiosk.close()

    url = live_server.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "nov.csv"
    assert server_cli(["--database-url", url, "export", "--month", "2026-11", "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers"],
        ["Bibliotheek Leuven", "4", "2", "3.5", "2"],  # corrected(as its correction), 2 plain, 1 Nov early
        ["Digibus", "2", "1", "0.75", "2"],
        ["Totaal", "6", "3", "4.25", "3"],
    ]
    xlsx = tmp_path / "nov.xlsx"
    assert server_cli(["--database-url", url, "export", "--month", "2026-11", "--format", "xlsx",
                       "--output", str(xlsx)]) == 0
    book = load_workbook(xlsx)
    summary = [[str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert summary == rows
    topics = {(loc, topic): n for loc, topic, n in book["Onderwerpen"].iter_rows(min_row=2, values_only=True)}
    label = dict(DEFAULT_TOPICS)  # the server started with the default topics, so their labels show
    assert topics[("Bibliotheek Leuven", label["taxonweb"])] == 1 and ("Bibliotheek Leuven", label["itsme"]) in topics
    assert topics[("Totaal", label["itsme"])] == 4

    december = tmp_path / "dec.csv"
    assert server_cli(["--database-url", url, "export", "--month", "2026-12", "--output", str(december)]) == 0
    december_rows = list(csv.reader(io.StringIO(december.read_text(encoding="utf-8-sig"))))
    assert december_rows[-1] == ["Totaal", "1", "0", "0.0", "0"]


@pytest.fixture
def fail_inserts(live_server):
    """A server bug, on purpose: inserting a record that matches a condition fails (answered as a
    JSON 500). The trigger is dropped afterwards (the PostgreSQL database outlives the test)."""
    def install(where: str) -> None:
        with live_server.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("CREATE OR REPLACE FUNCTION forced_failure() RETURNS trigger AS $$ BEGIN "
                                  f"IF {where} THEN RAISE EXCEPTION 'forced'; END IF; RETURN NEW; END $$ "
                                  "LANGUAGE plpgsql"))
                conn.execute(text("CREATE TRIGGER forced BEFORE INSERT ON records FOR EACH ROW "
                                  "EXECUTE FUNCTION forced_failure()"))
            else:
                conn.execute(text(f"CREATE TRIGGER forced BEFORE INSERT ON records WHEN {where} "
                                  "BEGIN SELECT RAISE(ABORT, 'forced'); END"))
    yield install
    with live_server.engine.begin() as conn:
        on = " ON records" if conn.dialect.name == "postgresql" else ""
        conn.execute(text(f"DROP TRIGGER IF EXISTS forced{on}"))


def test_one_record_the_server_fails_on_is_isolated_and_parked_the_rest_flows(live_server, kiosk, data_dir,
                                                                              fail_inserts):
    engine = enrolled(live_server, kiosk, data_dir)
    bad = help_request(here(kiosk), note="boem")
    good = [help_request(here(kiosk)) for _ in range(20)]
    queue(kiosk, bad, *good)
    fail_inserts("NEW.payload LIKE '%boem%'")
    outcome = engine.sync()
    assert outcome.ok and outcome.sent.created == 20 and outcome.sent.parked == 1
    entries = outbox(kiosk)
    assert entries[str(bad.id)].state == "parked" and "failed on this record twice" in entries[str(bad.id)].last_error
    assert set(server_records(live_server)) == {str(r.id) for r in good}


def test_a_server_that_fails_on_everything_parks_nothing(live_server, kiosk, data_dir, fail_inserts):
    engine = enrolled(live_server, kiosk, data_dir)
    records = [help_request(here(kiosk)) for _ in range(10)]
    queue(kiosk, *records)
    fail_inserts("1 = 1")
    outcome = engine.sync()
    assert not outcome.ok and outcome.error.kind == "server"
    assert set(outbox_states(kiosk).values()) == {"pending"}  # kept for the next try, none parked


def test_an_enrolled_kiosk_has_one_topic_list_the_servers(live_server, kiosk, data_dir):
    seed_topics(kiosk)  # what a kiosk without a server starts with
    live_server.admin(admin.set_topic, "eid", "eID en kaartlezer")
    live_server.admin(admin.remove_topic, "school")
    engine = enrolled(live_server, kiosk, data_dir)
    assert engine.sync().ok
    with kiosk.read() as session:
        active = dict(session.execute(select(Topic.code, Topic.label_nl).where(Topic.active)).all())
    server = live_server.admin(lambda s: dict(s.execute(select(ServerTopic.code, ServerTopic.label_nl)
                                                          .where(ServerTopic.active)).all()))
    assert active == server and "eid" in active and "school" not in active
