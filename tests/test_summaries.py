"""The summary table equals the direct computation. Seeded random help requests at three locations,
with corrections, second corrections and cancellations, sent in shuffled batches (a correction may
arrive before the version it corrects), go through the real ingest; after every batch the summary
table equals one built from scratch, and the monthly figures, the distinct people of a period and
the records table equal what the chain rule says over every stored version. On SQLite and
PostgreSQL."""
from __future__ import annotations

import json
import random
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from sync.protocol import CHANNELS, OUTCOMES, BatchItem, HelpRequestRecord, InvalidItem, content_hash, record_payload
from sync.server import admin, summaries
from sync.server.console import record_table
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.overview import overview_figures, period_bounds
from sync.server.console.record_table import Names, RecordFilters, count_records, find_records, page_of
from sync.server.console.web import ZONE
from sync.server.export import figures_between, people_between
from sync.server.models import HelpRequestHead, StoredRecord, SummaryChange, SummaryMonth
from sync.server.records import ingest
from tests.sync_support import help_request, kiosks_at_one_place, shift

CODES = [f"{n:064x}" for n in range(1, 40)]
TOPICS = ["itsme", "taxonweb", "email", "jobs"]
START, END = datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)


def _versions(rng: random.Random, place: str, helpers: list[str]) -> list:
    """A request and, now and then, its corrections or its cancellation, as protocol records."""
    created = START + timedelta(minutes=rng.randrange(int((END - START).total_seconds() // 60) - 60 * 24 * 3))
    first = help_request(place, when=created, helper_id=rng.choice(helpers), channel=rng.choice(CHANNELS),
                         topics=rng.sample(TOPICS, rng.randint(1, 2)), outcome=rng.choice(OUTCOMES),
                         visitor_code=rng.choice([None, *CODES]))
    chain = [first]
    for change in rng.choice([[], [], [], ["correct"], ["correct", "correct"], ["cancel"], ["correct", "cancel"],
                              ["status-only"]]):
        previous = chain[-1]
        fields = {"id": uuid.uuid4(), "supersedes": previous.id, "created_at": previous.created_at + timedelta(days=1)}
        if change == "cancel":
            fields["status"] = "cancelled"
        elif change == "correct":
            fields |= {"outcome": rng.choice(OUTCOMES), "visitor_code": rng.choice([None, *CODES]),
                       "topics": rng.sample(TOPICS, rng.randint(1, 3))}
        # "status-only": a new version that changes nothing: a version, not a correction
        chain.append(previous.model_copy(update=fields))
    return chain


def _kiosk_per_place(sessions: sessionmaker, names: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """A location per name with one enrolled kiosk: the location ids, and each one's device id."""
    places, devices = [], {}
    with sessions.begin() as session:
        for name in names:
            place, _ = admin.ensure_location(session, name)
            device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, place)[0], name)
            places.append(place.id)
            devices[place.id] = device.id
    return places, devices


def help_request_chains(session) -> list:
    """Every help request as its versions, read from every stored version (no summary table)."""
    versions = session.execute(select(*summaries.VERSION_COLUMNS).where(StoredRecord.kind == "help_request")).all()
    return list(summaries.chains_of(versions))


def _direct(session, start: datetime, end: datetime, location_ids=None) -> dict:
    """The figures by the chain rule over every stored version (no summary table)."""
    places: dict[str, dict] = {}
    everyone: set[str] = set()
    for chain in help_request_chains(session):
        payload = json.loads(chain[-1].payload)
        if not start <= chain[0].occurred_at < end or payload["status"] == "cancelled":
            continue
        if location_ids is not None and payload["location_id"] not in location_ids:
            continue
        place = places.setdefault(payload["location_id"], {"n": 0, "topics": Counter(), "outcomes": Counter(),
                                                           "channels": Counter(), "people": set()})
        place["n"] += 1
        place["topics"].update(payload["topics"])
        place["outcomes"][payload["outcome"]] += 1
        place["channels"][payload["channel"]] += 1
        if payload["visitor_code"]:
            place["people"].add(payload["visitor_code"])
            everyone.add(payload["visitor_code"])
    return {"places": {k: (v["n"], v["topics"], v["outcomes"], v["channels"], len(v["people"]))
                       for k, v in places.items()}, "people": len(everyone)}


def _summarised(session, start: datetime, end: datetime, location_ids=None) -> dict:
    figures = figures_between(session, start, end, location_ids)
    places = {f.location_id: (f.help_requests, +f.topics, +f.outcomes, +f.channels, f.people)
              for f in figures[:-1] if f.help_requests}
    return {"places": places, "people": figures[-1].people}


def _head_rows(session) -> list[tuple]:
    columns = [c for c in HelpRequestHead.__table__.columns]
    return sorted(tuple(row) for row in session.execute(select(*columns)))


def test_summaries_equal_the_direct_computation_whatever_the_arrival_order(server_engine, monkeypatch):
    rng = random.Random(20261130)
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    places, devices = _kiosk_per_place(sessions, ("Bibliotheek Leuven", "Digibus Noord", "OCMW Heverlee"))
    helpers = [str(uuid.uuid4()) for _ in range(4)]
    chains = [_versions(rng, rng.choice(places), helpers) for _ in range(160)]
    assert sum(len(c) > 1 for c in chains) > 40  # corrections and cancellations are really there
    by_place: dict[str, list] = {}
    for record in (version for chain in chains for version in chain):
        by_place.setdefault(str(record.location_id), []).append(record)
    batches = []
    for place, records in by_place.items():
        rng.shuffle(records)  # a correction may come before what it corrects
        batches += [(place, records[i:i + rng.randint(1, 25)]) for i in range(0, len(records), 25)]
    rng.shuffle(batches)

    periods = [(START, END), (datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)),
               (datetime(2026, 9, 14, 22, tzinfo=UTC), datetime(2026, 11, 3, 5, tzinfo=UTC))]
    for number, (place, records) in enumerate(batches):
        items: list[BatchItem | InvalidItem] = [
            BatchItem(id=r.id, kind="help_request", content_hash=content_hash(record_payload(r)),
                      payload=record_payload(r)) for r in records]
        with sessions.begin() as session:
            assert {r.status for r in ingest(session, devices[place], items, datetime.now(UTC))} == {"created"}
        if number % 6 and number != len(batches) - 1:
            continue
        with sessions() as session:
            kept = _head_rows(session)
            summaries.rebuild(session)
            assert _head_rows(session) == kept
            session.rollback()
            for start, end in periods:
                for location_ids in (None, frozenset(places[:2]), frozenset(places[2:])):
                    direct = _direct(session, start, end, location_ids)
                    assert _summarised(session, start, end, location_ids) == direct
                    assert people_between(session, start, end, location_ids) == direct["people"]

    with sessions() as session:  # the records table: the same requests, filtered alike, newest first
        admin_viewer = Viewer("u", "admin", "Admin", "admin", None, "x")
        names = Names.read(session)
        chains_now = [c for c in help_request_chains(session) if START <= c[0].occurred_at < END]
        for topic, outcome, status in (("", "", ""), ("taxonweb", "", ""), ("", "partly", "active"),
                                       ("email", "", "cancelled")):
            filters = RecordFilters(kind="help_request", start=date(2026, 9, 1), end=date(2026, 11, 30),
                                    topic=topic, outcome=outcome, status=status, location=places[0])
            expected = sorted(((c[0].occurred_at, c[-1].id) for c in chains_now
                               if (p := json.loads(c[-1].payload))["location_id"] == places[0]
                               and (not topic or topic in p["topics"]) and (not outcome or p["outcome"] == outcome)
                               and (not status or p["status"] == status)), reverse=True)
            rows = list(find_records(session, admin_viewer, filters, names))
            assert [row.id for row in rows] == [rid for _when, rid in expected]
            assert count_records(session, admin_viewer, filters) == len(expected)
            assert [row.id for row in page_of(session, admin_viewer, filters, names, 1).rows] == [
                rid for _when, rid in expected[:50]]
        capped = RecordFilters(kind="help_request", start=date(2026, 9, 1), end=date(2026, 11, 30))
        everything = [row.id for row in find_records(session, admin_viewer, capped, names)]
        assert len(everything) > 60
        monkeypatch.setattr(record_table, "COUNT_CAP", 55)  # beyond it: "meer dan", paging without a last page
        first, second = (page_of(session, admin_viewer, capped, names, n) for n in (1, 2))
        assert (first.total, first.more, first.pages, first.has_next) == (55, True, None, True)
        assert [r.id for r in first.rows + second.rows] == everything[:100] and second.number == 2
        monkeypatch.undo()
        exact = page_of(session, admin_viewer, capped, names, 99)
        assert (exact.total, exact.more, exact.number) == (len(everything), False, exact.pages)
        versions = {c[-1].id: len(c) for c in chains_now}
        all_rows = find_records(session, admin_viewer, RecordFilters(kind="help_request", start=date(2026, 9, 1),
                                                                     end=date(2026, 11, 30)), names)
        assert {row.id: row.versions for row in all_rows} == versions
        assert session.scalar(select(StoredRecord.id).limit(1))


def test_the_trend_of_past_months_follows_late_records_and_corrections(server_engine):
    """summary_months keeps a past month and summary_people a period's whole past months; a record
    stored later for such a month (a kiosk offline for weeks), a correction or a shift makes the next
    overview count that month again. Distinct people of a period equal one direct count."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    places, devices = _kiosk_per_place(sessions, ("Bibliotheek Leuven", "Digibus Noord", "OCMW Heverlee"))
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    viewers = [Viewer("a", "admin", "A", "admin", None, "x"),
               Viewer("c", "coord", "C", "coordinator", frozenset(places[:2]), "x"),
               Viewer("d", "coord1", "D", "coordinator", frozenset(places[2:]), "x")]

    def send(place: str, *records) -> None:
        items: list[BatchItem | InvalidItem] = [
            BatchItem(id=r.id, kind=r.kind, content_hash=content_hash(record_payload(r)),
                      payload=record_payload(r)) for r in records]
        with sessions.begin() as session:
            assert {r.status for r in ingest(session, devices[place], items, now)} == {"created"}

    periods = [("", ""), ("2026-01-01", "2026-11-20"), ("2026-03-15", "2026-08-31"), ("2025-12-01", "2026-07-31"),
               ("2026-06-01", "2026-06-30"), ("2026-06-11", "2026-11-30")]

    def check() -> None:
        for viewer in viewers:
            for first, last in periods:  # distinct people: kept whole months + the rest, against one count
                with sessions.begin() as session:
                    figures = overview_figures(session, viewer, now, first, last)
                with sessions() as session:
                    direct = people_between(session, *period_bounds(figures.period_start, figures.period_end),
                                            viewer.location_ids)
                    assert figures.period_people == direct, (viewer.username, first, last)
            with sessions.begin() as session:
                trend = overview_figures(session, viewer, now, "", "").trend
            with sessions() as session:
                for point, month in zip(trend, range(11, 23), strict=True):  # months since Jan 2025
                    first = datetime(2025 + month // 12, month % 12 + 1, 1, tzinfo=ZONE)
                    after = datetime(2025 + (month + 1) // 12, (month + 1) % 12 + 1, 1, tzinfo=ZONE)
                    total = figures_between(session, first, after, viewer.location_ids)[-1]
                    assert (point.help_requests, point.volunteer_hours, point.people) == (
                        total.help_requests, total.volunteer_hours, total.people), (viewer.username, point.label)

    code = "a" * 64
    june = datetime(2026, 6, 10, 9, tzinfo=UTC)
    early = help_request(places[0], when=june, visitor_code=code)
    send(places[0], early, help_request(places[0], when=june, visitor_code="b" * 64),
         shift(places[0], june, 120))
    send(places[1], help_request(places[1], when=june + timedelta(days=3), visitor_code=code))
    rng = random.Random(7)  # people who come back over the months, at every place
    for place in places:
        send(place, *(help_request(place, when=datetime(2026, rng.randint(1, 11), rng.randint(1, 20), 10, tzinfo=UTC),
                                   visitor_code=f"{rng.randrange(30):064x}") for _ in range(60)))
    check()
    with sessions() as session:
        assert session.scalar(select(SummaryMonth.figures).where(SummaryMonth.month == "2026-06"))
    send(places[2], help_request(places[2], when=june + timedelta(days=1), visitor_code="c" * 64),
         shift(places[2], june + timedelta(hours=1), 60))  # late: June is kept already
    send(places[0], early.model_copy(update={"id": uuid.uuid4(), "supersedes": early.id, "status": "cancelled",
                                             "created_at": now}))  # cancelled in November: June changes
    send(places[1], help_request(places[1], when=datetime(2026, 3, 20, 10, tzinfo=UTC), visitor_code="d" * 64))
    check()
    with sessions() as session:
        assert session.scalar(select(SummaryChange.id).where(SummaryChange.month == "2026-06")) is None


def test_two_devices_holding_one_id_are_two_requests_and_a_correction_follows_its_own_device(server_engine):
    """Ids are per device (records keyed by (id, device)): a kiosk may send an id another kiosk has
    not sent yet. Both requests count, their head rows do not collide, and a correction supersedes
    its own device's version of the id, else the first received at its location, whatever the
    order they arrive in; after each batch the heads equal a rebuild and the figures the direct
    computation, and each row's history is its own chain."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    place_id, (owner, other) = kiosks_at_one_place(sessions, "pc-1", "pc-2")
    when = datetime(2026, 10, 5, 10, tzinfo=UTC)
    viewer = Viewer("a", "admin", "A", "admin", None, "x")

    def send(device: str, record, moment: datetime) -> None:
        item = BatchItem(id=record.id, kind="help_request", content_hash=content_hash(record_payload(record)),
                         payload=record_payload(record))
        with sessions.begin() as session:
            assert [r.status for r in ingest(session, device, [item], moment)] == ["created"]

    def check(requests: int) -> list:
        with sessions() as session:
            heads = session.execute(select(*HelpRequestHead.__table__.columns)).all()
            kept = _head_rows(session)
            summaries.rebuild(session)
            assert _head_rows(session) == kept
            session.rollback()
            direct = _direct(session, START, END)
            assert _summarised(session, START, END) == direct
            assert sum(n for n, *_rest in direct["places"].values()) == requests
            return heads

    record = help_request(place_id, when=when, visitor_code="a" * 64)
    other_request = help_request(place_id, when=when, id=record.id, visitor_code="b" * 64, outcome="partly")
    correction = help_request(place_id, when=when + timedelta(days=1), supersedes=record.id, outcome="not-solved",
                              visitor_code="b" * 64)
    received = datetime(2026, 10, 7, 9, tzinfo=UTC)
    send(owner, record, received)
    send(other, correction, received + timedelta(minutes=1))  # the other kiosk's own version of the id not yet here
    heads = check(1)  # so it corrects the owner's
    assert [(h.id, h.device_id, h.versions, h.outcome) for h in heads] == [
        (str(correction.id), other, 2, "not-solved")]
    send(other, other_request, received + timedelta(minutes=2))  # now it is: the correction is of that one
    heads = check(2)
    assert sorted((h.id, h.device_id, h.versions) for h in heads) == sorted(
        [(str(record.id), owner, 1), (str(correction.id), other, 2)])
    with sessions() as session:
        assert people_between(session, START, END) == 2
        names = Names.read(session)
        rows = list(find_records(session, viewer, RecordFilters(kind="help_request", start=date(2026, 10, 1),
                                                                end=date(2026, 10, 31)), names))
        assert sorted((row.id, row.device, row.versions) for row in rows) == sorted(
            [(str(record.id), owner, 1), (str(correction.id), other, 2)])
        mine = record_table.record_history(session, viewer, str(record.id), names, owner)
        theirs = record_table.record_history(session, viewer, str(record.id), names, other)
        assert [(r.id, r.device, r.outcome) for r, _at, _changed in mine.versions] == [
            (str(record.id), owner, "Opgelost")]
        assert [(r.id, r.device) for r, _at, _changed in theirs.versions] == [
            (str(record.id), other), (str(correction.id), other)]
    cancel = help_request(place_id, when=when + timedelta(days=2), supersedes=record.id, status="cancelled")
    send(owner, cancel, received + timedelta(minutes=3))  # the owner's cancellation: of the owner's own
    heads = check(1)
    assert sorted((h.id, h.device_id, h.status) for h in heads) == sorted(
        [(str(cancel.id), owner, "cancelled"), (str(correction.id), other, "active")])


def _second_batch_while_the_first_is_open(sessions, device: str, first: list[HelpRequestRecord],
                                          second: list[HelpRequestRecord]) -> tuple[bool, list[str]]:
    """Ingest `first` of a kiosk, and while its transaction is still open, `second` of the same kiosk
    on another thread: whether the second waited for the first to commit, and its answers."""
    def batch(records: list[HelpRequestRecord]) -> list[BatchItem | InvalidItem]:
        return [BatchItem(id=r.id, kind="help_request", content_hash=content_hash(record_payload(r)),
                          payload=record_payload(r)) for r in records]

    def second_batch() -> list[str]:
        with sessions.begin() as session:
            return [r.status for r in ingest(session, device, batch(second), datetime.now(UTC))]
    pool = ThreadPoolExecutor(1)
    try:
        with sessions.begin() as session:
            assert [r.status for r in ingest(session, device, batch(first), datetime.now(UTC))] == ["created"]
            answered = pool.submit(second_batch)
            time.sleep(1)  # the second batch is in the server meanwhile
            waited = not answered.done()
        return waited, answered.result(timeout=60)
    finally:
        pool.shutdown()


def test_two_batches_of_one_kiosk_at_once_keep_a_correction_with_what_it_corrects(server_engine):
    """A kiosk keeps two batches with the server at once (kiosk/sync/outbox.py). The second, holding
    a correction, waits for the first, holding what it corrects, to commit; then the summary has one
    request of two versions. Each on its own snapshot, the two would keep a head row each."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    places, devices = _kiosk_per_place(sessions, ("Bibliotheek Leuven",))
    device = devices[places[0]]
    first = help_request(places[0], outcome="solved")
    correction = first.model_copy(update={"id": uuid.uuid4(), "supersedes": first.id, "outcome": "partly"})

    waited, statuses = _second_batch_while_the_first_is_open(sessions, device, [first], [correction])
    assert waited and statuses == ["created"]
    with sessions() as session:
        heads = session.execute(select(HelpRequestHead.id, HelpRequestHead.versions, HelpRequestHead.outcome)).all()
    assert [tuple(row) for row in heads] == [(str(correction.id), 2, "partly")]


def test_two_batches_of_one_kiosk_at_once_with_the_same_record_store_it_once(server_engine):
    """The records INSERT runs before the device's lock (sync/server/records.py): a batch that
    resends a record the other batch holds uncommitted waits at the INSERT, then answers it as a
    duplicate; nothing deadlocks and the record and its head row are there once."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    places, devices = _kiosk_per_place(sessions, ("Bibliotheek Leuven",))
    device = devices[places[0]]
    record, other = help_request(places[0]), help_request(places[0])

    waited, statuses = _second_batch_while_the_first_is_open(sessions, device, [record], [other, record])
    assert waited and statuses == ["created", "duplicate"]
    with sessions() as session:
        assert sorted(session.scalars(select(StoredRecord.id))) == sorted([str(record.id), str(other.id)])
        assert sorted(session.scalars(select(HelpRequestHead.id))) == sorted([str(record.id), str(other.id)])


def test_a_history_without_its_device_is_the_one_at_a_location_the_viewer_sees(server_engine):
    """Two kiosks of two locations may hold one id. A history asked for without `?apparaat=` is of
    the first received version the viewer may see, not a refusal because another location's kiosk
    sent the id first; a viewer of neither location is refused."""
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    places, devices = _kiosk_per_place(sessions, ("Bibliotheek Gent", "OCMW Gent", "Wijk"))
    kiosks = [devices[place] for place in places[:2]]
    first = help_request(places[0], when=datetime(2026, 10, 5, 10, tzinfo=UTC), outcome="solved")
    second = help_request(places[1], when=datetime(2026, 10, 6, 10, tzinfo=UTC), id=first.id, outcome="partly")
    for minute, (kiosk, record) in enumerate(zip(kiosks, (first, second), strict=True)):
        item = BatchItem(id=record.id, kind="help_request", content_hash=content_hash(record_payload(record)),
                         payload=record_payload(record))
        with sessions.begin() as session:
            moment = datetime(2026, 10, 7, 9, minute, tzinfo=UTC)
            assert [r.status for r in ingest(session, kiosk, [item], moment)] == ["created"]
    with sessions() as session:
        names = Names.read(session)
        for place, kiosk in zip(places, kiosks, strict=False):
            coordinator = Viewer("c", "coord", "C", "coordinator", frozenset({place}), "x")
            history = record_table.record_history(session, coordinator, str(first.id), names)
            assert [row.device for row, _at, _changed in history.versions] == [kiosk]
        stranger = Viewer("s", "other", "S", "coordinator", frozenset({places[2]}), "x")
        with pytest.raises(Forbidden):
            record_table.record_history(session, stranger, str(first.id), names)


_moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2099, 12, 31),
                        timezones=st.sampled_from([UTC, ZONE, timezone(timedelta(hours=-9, minutes=-30)),
                                                   timezone(timedelta(hours=5, minutes=45))]))
# Around the months' ends and the clock changes, where an hour decides the month.
_edges = st.builds(lambda day, minutes: datetime(2026, day[0], day[1], 20, tzinfo=UTC) + timedelta(minutes=minutes),
                   st.sampled_from([(3, 28), (3, 31), (10, 24), (10, 31), (12, 31), (6, 30)]),
                   st.integers(0, 6 * 60))


@given(st.lists(st.one_of(_moments, _edges), max_size=40))
def test_months_of_is_month_of_for_every_moment(moments):
    """months_of converts once per UTC hour: the same months as month_of one by one."""
    assert summaries.months_of(moments) == {summaries.month_of(moment) for moment in moments}


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["pc-1", "pc-2"]),
                          st.sampled_from(["place-1", "place-2"]), st.integers(0, 5)), max_size=12,
                unique_by=lambda v: (v[0], v[1])))
def test_head_rows_of_versions_that_supersede_nothing_are_what_chains_of_says(versions):
    """head_rows' short way for a batch of new requests (no version supersedes one) gives the rows
    the chain rule gives, also when two devices hold one id."""
    base = datetime(2026, 10, 1, tzinfo=UTC)
    rows = [summaries.StoredVersion(rid, None, base + timedelta(days=n), base + timedelta(hours=n), json.dumps(
        {"location_id": place, "helper_id": "h", "outcome": "solved", "channel": "spreekuur", "status": "active",
         "topics": ["itsme"], "visitor_code": None, "n": n}), device, place) for rid, device, place, n in versions]
    assert summaries.head_rows(rows) == [summaries.head_row(chain) for chain in summaries.chains_of(rows)]
    parsed = {row.payload: json.loads(row.payload) for row in rows}
    assert summaries.head_rows(rows, parsed) == summaries.head_rows(rows)
