"""The CI subset of `make reliability`: a few seeded fault trials on SQLite and PostgreSQL, and
proof that the checker itself notices a lost or an extra record."""
from __future__ import annotations

import random
import time

import pytest
from sqlalchemy import delete, insert, select

from kiosk.core.store.db import DB_FILE
from sync.server.db import make_server_engine
from sync.server.models import StoredRecord
from tests.reliability.harness import run_trial, verify

pytestmark = pytest.mark.alone  # every trial must drain before a deadline: no other test's load beside it

SEED = random.Random().randrange(1_000_000)  # a new schedule every run; printed when a trial fails


def _report(result) -> str:
    return (f"seed={result.seed} lost={result.lost} duplicated={result.duplicated} undrained={result.undrained} "
            f"corrupt={result.corrupt}; "
            f"replay: python -m tests.reliability --seed {result.seed} --trials 1\n" + "\n".join(result.schedule))


def test_faulty_trial_on_sqlite_loses_and_duplicates_nothing(tmp_path):
    result = run_trial(SEED, tmp_path / "trial", None, quota=25, chaos_seconds=4.0)
    assert result.ok, _report(result)
    assert result.records == 50 and any("kill -9" in line for line in result.schedule)
    assert sum(result.faults.values()) > result.faults.get("ok", 0), "the proxy injected no faults"


@pytest.mark.postgres
def test_faulty_trial_on_postgresql_loses_and_duplicates_nothing(tmp_path, pg_database_url):
    url, reason = pg_database_url
    if url is None:
        pytest.skip(reason)
    result = run_trial(SEED + 1, tmp_path / "trial", url, quota=25, chaos_seconds=4.0)
    assert result.ok, _report(result)
    assert result.records == 50


def test_the_checker_counts_a_lost_and_an_extra_record(tmp_path):
    # A fixed seed: its writers always write shifts and help requests (a writer's rolls follow the seed).
    result = run_trial(455570, tmp_path / "trial", None, quota=5, chaos_seconds=0.5)
    assert result.ok and result.records == 10, _report(result)
    engine = make_server_engine(result.database_url)
    with engine.begin() as conn:
        # A shift or help request: a lost loan or attendance also shows in the lending and workshop
        # checks, so it counts twice (and which record the server stored first varies with two in flight).
        victim = conn.execute(select(StoredRecord).where(StoredRecord.kind.in_(("shift", "help_request")))
                              .order_by(StoredRecord.id).limit(1)).mappings().first()
        assert victim is not None, _report(result)
        conn.execute(delete(StoredRecord).where(StoredRecord.id == victim["id"]))
    assert verify(result).lost == 1
    with engine.begin() as conn:
        conn.execute(insert(StoredRecord).values(dict(victim)))
        conn.execute(insert(StoredRecord).values({**victim, "id": "00000000-0000-4000-8000-00000000beef"}))
    engine.dispose()
    checked = verify(result)
    assert (checked.lost, checked.duplicated) == (0, 1)


def test_the_checker_fails_a_trial_whose_kiosk_store_was_moved_aside_as_corrupt(tmp_path):
    result = run_trial(SEED + 3, tmp_path / "trial", None, quota=5, chaos_seconds=0.5)
    assert result.ok and result.corrupt == 0, _report(result)
    data_dir = result.kiosks[0][0]
    # A store moved aside before it held anything: every count agrees, and still the trial fails.
    (data_dir / f"{DB_FILE}.corrupt-20261129T090000Z").write_bytes(b"x")
    checked = verify(result)
    assert (checked.lost, checked.duplicated, checked.corrupt, checked.ok) == (0, 0, 1, False)
    assert (f"CORRUPT {data_dir.name}: the store was moved aside as {DB_FILE}.corrupt-20261129T090000Z"
            in checked.schedule)
    # A real corruption: opening the store (in verify) moves it aside with its WAL.
    (data_dir / DB_FILE).write_bytes(b"not a database" * 1000)
    assert verify(result).corrupt == 2


def test_the_checker_sees_workshop_attendance_the_server_lacks(tmp_path):
    """A correction recorded on a kiosk after the trial never reached the server: its record is
    lost, and the server's attendance for that workshop is no longer the kiosks' newest."""
    from kiosk.core.accounts import StaffUser
    from kiosk.core.clock import Clock
    from kiosk.core.store import open_store
    from kiosk.core.store.models import Helper, Workshop
    from kiosk.core.workshops import record_session

    result = run_trial(SEED + 4, tmp_path / "trial", None, quota=5, chaos_seconds=0.5)
    assert result.ok, _report(result)
    recorded = result.workshops
    store = open_store(result.kiosks[0][0])
    with store.read() as session:
        user = StaffUser.of(session.scalars(select(Helper)).first())
        workshop_id = session.scalars(select(Workshop.id)).first()
    record_session(store, user, workshop_id, 7, Clock())
    store.close()
    checked = verify(result)
    assert checked.lost == 2 and checked.workshops == recorded + 1, "\n".join(checked.schedule)
    assert any(line.startswith("WORKSHOP workshop ") for line in checked.schedule)


def test_the_checker_counts_only_its_own_trials_workshops(tmp_path):
    """Trials (and a test session's PostgreSQL tests) share a database: attendance of another
    location's workshop on the server is not a record this trial lost."""
    import uuid
    from datetime import UTC, datetime, timedelta

    from sqlalchemy.orm import sessionmaker

    from sync.protocol import BatchItem, WorkshopSessionRecord, content_hash, record_payload
    from sync.server import admin, workshops
    from sync.server.models import Device
    from sync.server.records import ingest

    result = run_trial(SEED + 5, tmp_path / "trial", None, quota=5, chaos_seconds=0.5)
    assert result.ok, _report(result)
    engine = make_server_engine(result.database_url)
    held = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    with sessionmaker(engine).begin() as session:
        place, _ = admin.ensure_location(session, "Elders")
        device = Device(id=str(uuid.uuid4()), name="elders", location_id=place.id, token_hash="1" * 64,
                        enrolled_at=held)
        session.add(device)
        workshop = workshops.plan_workshop(session, "Elders geleerd", held, place.id, 10)
        record = WorkshopSessionRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=place.id,
                                       workshop_id=workshop.id, recorded_at=held, held_at=held, attendees=3)
        payload = record_payload(record)
        item = BatchItem(id=record.id, kind=record.kind, payload=payload, content_hash=content_hash(payload))
        assert [answer.status for answer in ingest(session, device.id, [item], held)] == ["created"]
    engine.dispose()
    checked = verify(result)
    assert checked.ok and checked.lost == 0, "\n".join(checked.schedule)


def test_a_loan_a_racing_sender_posted_keeps_its_contact_through_an_erase_and_arrives_once(tmp_path):
    """The double post of a trial is a second sender: it counts its attempt before it posts. The
    helper then erases the borrower's contact while the kiosk has no answer yet: the entry keeps
    the content the server may hold (only a never-posted loan is changed), so the resent loan is a
    duplicate of it, and the erasure reaches the server as its own record. (Without the counted
    attempt a CI trial once reported this loan as lost: the kiosk held another content hash.)"""
    from datetime import timedelta

    from kiosk.core import lending
    from kiosk.core.accounts import StaffUser
    from kiosk.core.clock import Clock
    from kiosk.core.store import open_store
    from kiosk.core.store.models import Helper, OutboxEntry
    from sync.protocol import ELIGIBILITY_BASES
    from tests.reliability.harness import (
        ServerProc,
        TrialResult,
        _drain,
        _enroll_kiosk,
        _post_same_batch_twice,
        _set_up_server,
        child_env,
    )

    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    codes = _set_up_server(database_url, SEED, tmp_path)
    server = ServerProc(database_url, child_env(), tmp_path / "server.log")
    server.start()
    try:
        data_dir = tmp_path / "kiosk0"
        device_id, token = _enroll_kiosk(data_dir, server.url, codes[0])
        store, clock = open_store(data_dir), Clock()
        with store.read() as session:
            user = StaffUser.of(session.scalars(select(Helper)).first())
        lending.register_device(store, user, "L1", "laptop", clock)
        loan_id = lending.lend(store, user, lending.LoanInput(
            tag="L1", due_on=clock.today() + timedelta(days=7), eligibility=ELIGIBILITY_BASES[0],
            contact_name="Ontlener", contact_phone="0470000000"), clock)
        _post_same_batch_twice(data_dir, server.url, token, random.Random(0))  # the loan is the newest entry
        lending.erase_contact(store, user, loan_id, clock)
        with store.read() as session:
            entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == loan_id))
            assert (entry.state, entry.attempts) == ("pending", 1) and '"contact_sealed":null' not in entry.payload
        store.close()
        assert _drain(data_dir, server.url, token, time.monotonic() + 30) == 0
    finally:
        server.kill()
    result = TrialResult(seed=SEED, database_url=database_url, kiosks=[(data_dir, device_id)])
    checked = verify(result)
    assert checked.ok and checked.lending == 3, "\n".join(checked.schedule)  # device, loan, erasure
