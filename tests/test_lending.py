"""Lending: sealed contacts, the kiosk's register, and loans through a real server (SQLite and
PostgreSQL): exactly once, any arrival order, conflicts, location binding, retention."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.core import lending as kiosk_lending
from kiosk.core.accounts import StaffUser
from kiosk.core.lending import LendingError, LoanInput
from kiosk.core.secrets import SecretStore
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import ErasableLoan, Meta, OutboxEntry
from kiosk.core.store.models import Loan as KioskLoan
from kiosk.core.store.models import LoanDevice as KioskDevice
from kiosk.sync.engine import SyncEngine
from sync.protocol import (
    BatchItem,
    InvalidItem,
    LoanContactEraseRecord,
    LoanRecord,
    LoanReturnRecord,
    canonical_json,
    content_hash,
    record_payload,
)
from sync.sealed import SealError, new_private_key, open_sealed, public_key_of, seal
from sync.server import admin, lending
from sync.server.console import auth
from sync.server.models import Device, Loan, LoanDevice, StoredRecord
from sync.server.records import ingest
from tests.console.conftest import PASSWORD, Client
from tests.keyrings import MemoryKeyring
from tests.staffdata import MovableClock

NAME, PHONE = "Mariette Vandersmissen", "0470 12 34 56"


# --- sealed boxes ---------------------------------------------------------------------------------
def test_a_sealed_box_opens_only_with_the_private_key_and_never_shows_the_text():
    key, other = new_private_key(), new_private_key()
    box = seal(public_key_of(key), NAME)
    assert open_sealed(key, box) == NAME
    assert NAME not in box and seal(public_key_of(key), NAME) != box  # fresh randomness each time
    with pytest.raises(SealError):
        open_sealed(other, box)
    damaged = box[:-2] + ("A" if box[-2] != "A" else "B") + box[-1]
    with pytest.raises(SealError):
        open_sealed(key, damaged)
    with pytest.raises(SealError):
        seal("00" * 31, NAME)


# --- the kiosk's register, offline -------------------------------------------------------------------
@pytest.fixture
def keyed(store):
    key = new_private_key()
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.LENDING_PUBLIC_KEY, value=public_key_of(key)))
    return key


def loan_input(tag: str = "LPT-001", **fields) -> LoanInput:
    values: dict[str, Any] = dict(tag=tag, due_on=date(2026, 12, 15), eligibility="social-services",
                                  contact_name=NAME, contact_phone=PHONE, accessories=("charger",))
    return LoanInput(**(values | fields))


def test_lend_seals_the_contact_at_once_and_queues_the_loan(store, staff, clock, keyed):
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    with pytest.raises(LendingError, match="Geen toestel met nummer LPT-001"):
        kiosk_lending.lend(store, staff.helper, loan_input(), clock.clock)
    kiosk_lending.register_device(store, staff.coordinator, "LPT-001", "laptop", clock.clock, model="Lenovo T14",
                                  accessories=("charger", "mouse"))
    loan_id = kiosk_lending.lend(store, staff.helper, loan_input(), clock.clock)
    with store.read() as session:
        loan = session.get(KioskLoan, loan_id)
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == loan_id))
        sealed = loan.contact_sealed
        assert NAME not in entry.payload and PHONE not in entry.payload
        assert json.loads(entry.payload)["contact_sealed"] == sealed
        assert [d.status for d in kiosk_lending.devices(session)] == ["lent"]
    assert json.loads(open_sealed(keyed, sealed)) == {"name": NAME, "phone": PHONE}

    with pytest.raises(LendingError, match="al als uitgeleend"):
        kiosk_lending.lend(store, staff.helper, loan_input(), clock.clock)
    clock.advance(days=25)
    with store.read() as session:
        (late,) = kiosk_lending.overdue_loans(session, clock.clock)
    assert late.id == loan_id and late.overdue_days == 4 and late.device_label == "Laptop Lenovo T14"
    kiosk_lending.extend_loan(store, staff.helper, "LPT-001", date(2026, 12, 31), clock.clock)
    with store.read() as session:
        assert kiosk_lending.overdue_loans(session, clock.clock) == []
    kiosk_lending.return_device(store, staff.helper, " LPT-001 ", "worn", ("charger",), clock.clock)
    with store.read() as session:
        (device,) = kiosk_lending.devices(session)
        kinds = list(session.scalars(select(OutboxEntry.kind).order_by(OutboxEntry.seq)))
    assert (device.status, device.condition, device.open_loan_id) == ("available", "worn", None)
    assert kinds == ["loan_device", "loan", "loan_extension", "loan_return"]
    with pytest.raises(LendingError, match="niet als uitgeleend"):
        kiosk_lending.return_device(store, staff.helper, "LPT-001", "good", (), clock.clock)


def _loan_entry(store, loan_id: str) -> tuple[dict[str, Any], str]:
    with store.read() as session:
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == loan_id))
        return json.loads(entry.payload), entry.content_hash


def test_an_erase_on_request_and_the_retention_take_the_contact_off_an_offline_kiosk(store, staff, clock, keyed):
    """Never acknowledged (offline): an erase drops the box from a loan entry never posted (its hash
    follows its payload), not from one posted without an answer (the server may hold it): its
    acknowledgement does. The return plus the retention takes it from row and entry, sent or not."""
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for tag in ("LPT-001", "LPT-002", "LPT-003"):
        kiosk_lending.register_device(store, staff.coordinator, tag, "laptop", clock.clock)
    first = kiosk_lending.lend(store, staff.helper, loan_input("LPT-001", visitor_code="c" * 64), clock.clock)
    posted = kiosk_lending.lend(store, staff.helper, loan_input("LPT-002"), clock.clock)
    kept = kiosk_lending.lend(store, staff.helper, loan_input("LPT-003"), clock.clock)
    assert _loan_entry(store, first)[0]["visitor_code"] == "c" * 64  # the borrower counts as a person
    with store.transaction() as session:  # as the sender marks a batch it posts, with no answer yet
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == posted))
        entry.state, entry.attempts = "pending", 1
    before = {loan_id: _loan_entry(store, loan_id) for loan_id in (first, posted)}

    kiosk_lending.erase_contact_of_device(store, staff.helper, "LPT-001", clock.clock)
    kiosk_lending.erase_contact_of_device(store, staff.helper, "LPT-002", clock.clock)
    payload, digest = _loan_entry(store, first)
    assert payload["contact_sealed"] is None and digest == content_hash(payload) != before[first][1]
    assert _loan_entry(store, posted) == before[posted]
    with store.read() as session:
        assert session.get(KioskLoan, first).contact_sealed is session.get(KioskLoan, posted).contact_sealed is None
        erased = [json.loads(p)["loan_id"] for p in session.scalars(
            select(OutboxEntry.payload).where(OutboxEntry.kind == "loan_contact_erase"))]
    assert erased == [first, posted]
    with store.transaction() as session:  # the acknowledgement of `posted` comes after all
        session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == posted)).state = "sent"
        assert kiosk_lending.forget_sent_contacts(session, [posted]) == 1
    payload, digest = _loan_entry(store, posted)
    assert payload["contact_sealed"] is None and digest == before[posted][1]  # what the server acknowledged

    kiosk_lending.return_device(store, staff.helper, "LPT-002", "good", (), clock.clock)
    kiosk_lending.return_device(store, staff.helper, "LPT-003", "good", (), clock.clock)
    clock.advance(days=30)  # the default retention, not more
    assert kiosk_lending.purge_expired_contacts(store, clock.now) == 0
    clock.advance(minutes=1)
    assert kiosk_lending.purge_expired_contacts(store, clock.now) == 1  # `kept`, in its row and its entry
    for loan_id in (kept,):
        payload, digest = _loan_entry(store, loan_id)
        assert payload["contact_sealed"] is None and digest == content_hash(payload)
    with store.read() as session:
        assert session.scalars(select(KioskLoan.contact_sealed)).all() == [None, None, None]
    kiosk_lending.register_device(store, staff.coordinator, "LPT-009", "laptop", clock.clock)
    for tag in ("LPT-003", "LPT-009"):  # returned here past the retention; never lent
        with pytest.raises(LendingError, match=f"laatste uitlening van toestel {tag} is er geen contact meer"):
            kiosk_lending.erase_contact_of_device(store, staff.helper, tag, clock.clock)


def test_the_retention_is_the_servers_setting(store, staff, clock, keyed):
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    kiosk_lending.register_device(store, staff.coordinator, "LPT-001", "laptop", clock.clock)
    kiosk_lending.lend(store, staff.helper, loan_input(), clock.clock)
    kiosk_lending.return_device(store, staff.helper, "LPT-001", "good", (), clock.clock)
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.SERVER_SETTING_PREFIX + "loan_contact_retention_days", value="7"))
    clock.advance(days=7, minutes=1)
    assert kiosk_lending.purge_expired_contacts(store, clock.now) == 1


def test_a_contact_in_the_note_or_no_key_is_refused_in_dutch(store, staff, clock):
    kiosk_lending.register_device(store, staff.coordinator, "TAB-1", "tablet", clock.clock)
    with pytest.raises(LendingError, match="sleutel voor contactgegevens ontbreekt"):
        kiosk_lending.lend(store, staff.helper, loan_input("TAB-1"), clock.clock)
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.LENDING_PUBLIC_KEY, value=public_key_of(new_private_key())))
    with pytest.raises(Exception, match="telefoonnummer") as refused:
        kiosk_lending.lend(store, staff.helper, loan_input("TAB-1", note=f"bel {PHONE}"), clock.clock)
    assert PHONE not in str(refused.value)
    with pytest.raises(LendingError, match="naam en het telefoonnummer"):
        kiosk_lending.lend(store, staff.helper, loan_input("TAB-1", contact_phone=" "), clock.clock)
    with store.read() as session:
        assert session.scalars(select(OutboxEntry.kind)).all() == ["loan_device"]


# --- through a real server -------------------------------------------------------------------------
@pytest.fixture
def key_file(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "lending-key"
    monkeypatch.setenv(lending.KEY_FILE_ENV, str(path))
    return path


class Kiosk:
    def __init__(self, server, data_dir, user: StaffUser, location: str = "Bibliotheek Leuven"):
        data_dir.mkdir()
        self.store = open_store(data_dir)
        self.engine = SyncEngine(self.store, SecretStore(data_dir, backend=MemoryKeyring()))
        self.engine.enroll(server.url, server.enroll_code(location), "balie-pc")
        self.user = user
        self.clock = MovableClock(now=datetime.now(UTC).replace(microsecond=0))

    def sync(self):
        outcome = self.engine.sync()
        assert outcome.ok, outcome
        return outcome

    def close(self):
        self.store.close()


@pytest.fixture
def setup(live_server, key_file, tmp_path):
    """A server with the coordinators' key and a coordinator; kiosks made on demand."""
    live_server.admin(lending.init_key, key_file)
    coordinator = live_server.admin(lambda s: admin.add_helper(s, "Ann", "coordinator", "357913", []).id)
    user = StaffUser(coordinator, "Ann", "coordinator")
    made = []

    def kiosk(name: str = "k1", location: str = "Bibliotheek Leuven") -> Kiosk:
        made.append(Kiosk(live_server, tmp_path / name, user, location))
        made[-1].sync()
        return made[-1]
    yield live_server, kiosk
    for k in made:
        k.close()


def server_loans(server) -> dict[str, Loan]:
    return server.admin(lambda s: {loan.id: loan for loan in s.scalars(select(Loan))})


def test_a_loan_travels_once_and_the_kiosk_keeps_no_contact_after_the_acknowledgement(setup, key_file):
    server, make = setup
    kiosk = make()
    kiosk_lending.register_device(kiosk.store, kiosk.user, "LPT-7", "laptop", kiosk.clock.clock, model="HP 250")
    loan_id = kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-7", due_on=kiosk.clock.clock.today()
                                                                      + timedelta(days=21)), kiosk.clock.clock)
    assert kiosk.sync().sent.created == 2
    with kiosk.store.read() as session:
        assert session.get(KioskLoan, loan_id).contact_sealed is None
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == loan_id))
        assert entry.state == "sent" and json.loads(entry.payload)["contact_sealed"] is None
        (device,) = kiosk_lending.devices(session)
    assert (device.status, device.open_loan_id) == ("lent", loan_id)  # the server's word, pulled back

    stored = server.admin(lambda s: s.scalars(select(StoredRecord).where(StoredRecord.id == loan_id)).one())
    assert json.loads(stored.payload)["contact_sealed"] is None  # the record never holds the contact
    assert server.admin(lending.open_contact, loan_id, key_file) == (NAME, PHONE)

    kiosk.clock.advance(days=3)
    kiosk_lending.return_device(kiosk.store, kiosk.user, "LPT-7", "good", ("charger",), kiosk.clock.clock)
    kiosk.sync()
    loan = server_loans(server)[loan_id]
    assert loan.returns == 1 and loan.returned_at is not None and loan.contact_sealed is not None
    returned = loan.returned_at
    # Retention: 30 days after the return, not a day sooner.
    assert server.admin(lending.purge_contacts, returned + timedelta(days=29)) == 0
    assert server.admin(lending.purge_contacts, returned + timedelta(days=30, seconds=1)) == 1
    loan = server_loans(server)[loan_id]
    assert loan.contact_sealed is None and loan.contact_erased_at is not None and loan.lent_at is not None
    assert server.admin(lending.open_contact, loan_id, key_file) is None


def test_an_erase_on_the_kiosk_reaches_the_server_before_or_after_its_loan(setup, key_file):
    """Erased after the loan was synced: the server empties the contact when the erase arrives.
    Erased before the loan ever left the kiosk: the loan arrives without it, the erase follows."""
    server, make = setup
    kiosk = make()
    clock = kiosk.clock.clock
    for tag in ("LPT-1", "LPT-2"):
        kiosk_lending.register_device(kiosk.store, kiosk.user, tag, "laptop", clock)
    due = clock.today() + timedelta(days=21)
    synced = kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-1", due_on=due, visitor_code="e" * 64), clock)
    kiosk.sync()
    assert server_loans(server)[synced].contact_sealed is not None
    assert server_loans(server)[synced].visitor_code == "e" * 64
    kiosk_lending.erase_contact_of_device(kiosk.store, kiosk.user, "LPT-1", clock)
    unsent = kiosk_lending.lend(kiosk.store, kiosk.user, loan_input("LPT-2", due_on=due), clock)
    kiosk_lending.erase_contact_of_device(kiosk.store, kiosk.user, "LPT-2", clock)
    assert kiosk.sync().sent.created == 3  # an erase, the loan (without its contact), an erase
    loans = server_loans(server)
    for loan_id in (synced, unsent):
        assert loans[loan_id].contact_sealed is None and loans[loan_id].contact_erased_at is not None
        assert server.admin(lending.open_contact, loan_id, key_file) is None
    assert loans[unsent].lent_at is not None


def _erasable(kiosk: Kiosk) -> dict[str, str]:
    """device id -> loan id, as this kiosk may erase it (`erasable_loans`)."""
    with kiosk.store.read() as session:
        return {row.device_id: row.loan_id for row in session.scalars(select(ErasableLoan))}


def test_any_kiosk_of_the_location_erases_the_contact_of_a_loan_lent_and_returned_elsewhere(setup, key_file):
    """Lent at A, taken back at B: the borrower asks at C (which never saw the loan), or at B right
    after the return; the server's contact is gone and the console says so. A kiosk of another
    location can neither find the device nor erase the contact; after the retention no kiosk offers
    the loan any more, and the screen says there is nothing left to erase."""
    server, make = setup
    a, b, c, bus = make("a"), make("b"), make("c"), make("bus", location="Digibus Noord")
    kiosk_lending.register_device(a.store, a.user, "LPT-5", "laptop", a.clock.clock)
    a.sync()

    def lend_at_a_return_at_b() -> str:
        for kiosk in (a, b):
            kiosk.clock.advance(hours=1)
        a.sync()
        loan_id = kiosk_lending.lend(a.store, a.user, loan_input("LPT-5", due_on=a.clock.clock.today()
                                                                 + timedelta(days=14)), a.clock.clock)
        a.sync()
        b.sync()
        kiosk_lending.return_device(b.store, b.user, "LPT-5", "good", (), b.clock.clock)
        return loan_id

    first = lend_at_a_return_at_b()
    b.sync()
    c.sync()
    device_id = next(iter(_erasable(c)))
    assert _erasable(c) == {device_id: first} and _erasable(bus) == {}
    assert server.admin(lending.open_contact, first, key_file) == (NAME, PHONE)
    kiosk_lending.erase_contact_of_device(c.store, c.user, "LPT-5", c.clock.clock)
    assert _erasable(c) == {}
    c.sync()
    assert server.admin(lending.open_contact, first, key_file) is None
    assert server_loans(server)[first].contact_erased_at is not None
    b.sync()
    assert _erasable(b) == {}  # the server no longer offers it
    with pytest.raises(LendingError, match="laatste uitlening van toestel LPT-5 is er geen contact meer"):
        kiosk_lending.erase_contact_of_device(b.store, b.user, "LPT-5", b.clock.clock)

    second = lend_at_a_return_at_b()  # and erased at B at once, before B has synced the return
    assert _erasable(b) == {device_id: second}
    with b.store.read() as session:  # taken back here, lent at A: B does not know when it was lent
        found = kiosk_lending.find_device(session, "LPT-5")
    assert found.erasable_lent_at is None and found.erasable_returned_at == b.clock.now
    kiosk_lending.erase_contact_of_device(b.store, b.user, "LPT-5", b.clock.clock)
    assert b.sync().sent.created == 2  # the return, the erase
    assert server.admin(lending.open_contact, second, key_file) is None
    coordinator = server.admin(lambda s: auth.create_user(s, "coord", "Cor", PASSWORD, "coordinator",
                                                          [_location(a)], now=datetime.now(UTC)))
    assert coordinator is not None
    console = Client(server.url)
    assert console.login("coord").status_code == 303
    page = console.get("/console/uitlenen?toestand=terug").text
    assert page.count("gewist op") == 2 and NAME not in page  # both loans, returned, their contacts erased

    # Another location: the device is not there, and a forged erase record changes nothing.
    third = lend_at_a_return_at_b()
    b.sync()
    with bus.store.read() as session, pytest.raises(LendingError, match="Geen toestel met nummer LPT-5"):
        kiosk_lending.find_device(session, "LPT-5")
    forged = LoanContactEraseRecord(id=uuid.uuid4(), loan_id=third, erased_at=datetime.now(UTC),
                                    helper_id=uuid.UUID(bus.user.id), location_id=_location(bus))
    payload = record_payload(forged)
    with bus.store.transaction() as session:
        session.add(OutboxEntry(record_id=str(forged.id), kind=forged.kind, payload=canonical_json(payload),
                                content_hash=content_hash(payload), state="pending", attempts=0))
    assert bus.sync().sent.created == 1
    assert server.admin(lending.open_contact, third, key_file) == (NAME, PHONE)

    # The retention ends: the server erases it and tells the location's kiosks.
    c.sync()
    assert _erasable(c) == {device_id: third}
    with c.store.read() as session:  # the server's word: when it was lent and taken back
        found = kiosk_lending.find_device(session, "LPT-5")
    assert (found.erasable_lent_at, found.erasable_returned_at) == (a.clock.now, b.clock.now)
    returned = server_loans(server)[third].returned_at
    assert server.admin(lending.purge_contacts, returned + timedelta(days=31)) == 1
    c.sync()
    assert _erasable(c) == {}
    with pytest.raises(LendingError, match="LPT-5 is er geen contact meer bewaard"):
        kiosk_lending.erase_contact_of_device(c.store, c.user, "LPT-5", c.clock.clock)


def test_the_console_erases_an_older_loan_and_the_kiosks_hear_of_the_latest_as_of_the_retention(setup, key_file):
    """Two borrowers of one device, lent and taken back at A: a kiosk offers only the second loan.
    The coordinator erases the first in the console: the kiosks keep offering the second. Erased
    there too, the location's kiosks stop offering it, and one that scans the device says who can
    still help (the coordinator, for an older loan)."""
    server, make = setup
    a, c = make("a"), make("c")
    kiosk_lending.register_device(a.store, a.user, "LPT-6", "laptop", a.clock.clock)
    loans = []
    for name in (NAME, "Karel Claes"):
        a.clock.advance(hours=1)
        loans.append(kiosk_lending.lend(a.store, a.user, loan_input("LPT-6", contact_name=name, due_on=a.clock.clock
                                                                    .today() + timedelta(days=14)), a.clock.clock))
        a.clock.advance(hours=1)
        kiosk_lending.return_device(a.store, a.user, "LPT-6", "good", (), a.clock.clock)
        a.sync()
    older, latest = loans
    c.sync()
    device_id = next(iter(_erasable(c)))
    assert _erasable(c) == _erasable(a) == {device_id: latest}
    server.admin(lambda s: auth.create_user(s, "coord", "Cor", PASSWORD, "coordinator", [_location(a)],
                                            now=datetime.now(UTC)))
    console = Client(server.url)
    assert console.login("coord").status_code == 303
    assert console.post(f"/console/uitlenen/{older}/wissen").status_code == 303
    assert server.admin(lending.open_contact, older, key_file) is None
    assert server.admin(lending.open_contact, latest, key_file) == ("Karel Claes", PHONE)
    c.sync()
    assert _erasable(c) == {device_id: latest}
    assert console.post(f"/console/uitlenen/{latest}/wissen").status_code == 303
    for kiosk in (a, c):
        kiosk.sync()
        assert _erasable(kiosk) == {}
        with pytest.raises(LendingError, match="LPT-6 is er geen contact meer bewaard"):
            kiosk_lending.erase_contact_of_device(kiosk.store, kiosk.user, "LPT-6", kiosk.clock.clock)
    assert server.admin(lending.open_contact, latest, key_file) is None


def _laptop_loan_and_return(server_engine):
    """A kiosk and a laptop of one location on the server, and (not yet sent) a loan of the laptop
    three days ago with a sealed contact and its return a day later."""
    from sqlalchemy.orm import sessionmaker

    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven", "fixed")
        kiosk = Device(id=str(uuid.uuid4()), name="k", location_id=place.id, token_hash=uuid.uuid4().hex * 2,
                       enrolled_at=datetime.now(UTC))
        laptop = LoanDevice(id=str(uuid.uuid4()), tag="LPT-1", device_kind="laptop", serial="", model="",
                            accessories="[]", condition="good", status="available", location_id=place.id)
        session.add_all([kiosk, laptop])
    lent = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)
    common = dict(helper_id=uuid.uuid4(), location_id=place.id, device_id=laptop.id)
    loan = LoanRecord(id=uuid.uuid4(), lent_at=lent, due_on=lent.date() + timedelta(days=7), eligibility="newcomer",
                      contact_sealed=seal(public_key_of(new_private_key()), "x"), **common)
    back = LoanReturnRecord(id=uuid.uuid4(), loan_id=loan.id, returned_at=lent + timedelta(days=1),
                            condition="good", **common)
    return sessions, kiosk, laptop, loan, back


def test_an_erase_before_the_loan_record_arrives_is_kept(server_engine):
    """The return arrived first (the loan's row has no contact yet) and its contact was erased: the
    loan record that arrives later does not bring it back, and the time of the erase stays."""
    sessions, kiosk, laptop, loan, back = _laptop_loan_and_return(server_engine)

    def send(record) -> list[str]:
        item = BatchItem(id=record.id, kind=record.kind, payload=record_payload(record),
                         content_hash=content_hash(record_payload(record)))
        with sessions.begin() as session:
            return [r.status for r in ingest(session, kiosk.id, [item], datetime.now(UTC))]

    assert send(back) == ["created"]
    erased_at = datetime.now(UTC).replace(microsecond=0)
    with sessions.begin() as session:
        assert lending.erase_contact(session, session.get_one(Loan, str(loan.id)), erased_at)
    with sessions.begin() as session:
        assert not lending.erase_contact(session, session.get_one(Loan, str(loan.id)), datetime.now(UTC))
    assert send(loan) == ["created"]
    with sessions() as session:
        row = session.get_one(Loan, str(loan.id))
        assert (row.contact_sealed, row.contact_erased_at, row.lent_at) == (None, erased_at, loan.lent_at)
        assert lending.erasable_loan(session, laptop.id) is None


@pytest.mark.parametrize("first", ["ingest reads the loan", "ingest writes the return"])
def test_a_console_erase_and_a_return_at_the_same_time_leave_nothing_offered(server_engine, first):
    """PostgreSQL (SQLite has one writer at a time): the return of a device's latest loan is being
    ingested while the console erases that loan's contact. Whichever commits first, the kiosks are
    last told that there is nothing to erase, never offered an erased contact."""
    import threading

    from sync.server.models import ReferenceChange

    if server_engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers take the database's one write lock at BEGIN: no overlap to test")
    sessions, kiosk, laptop, loan, back = _laptop_loan_and_return(server_engine)

    def items(record) -> list[BatchItem | InvalidItem]:
        return [BatchItem(id=record.id, kind=record.kind, payload=record_payload(record),
                          content_hash=content_hash(record_payload(record)))]

    with sessions.begin() as session:
        ingest(session, kiosk.id, items(loan), datetime.now(UTC))

    def erase() -> None:
        with sessions.begin() as session:
            assert lending.erase_contact(session, session.get_one(Loan, str(loan.id)), datetime.now(UTC))

    returning = sessions()
    with returning.begin():
        held = returning.get(Loan, str(loan.id))  # what `apply` does first (kept: the identity map is weak)
        assert held is not None and held.contact_sealed is not None
        if first == "ingest reads the loan":
            erase()  # committed before the return's transaction writes
            ingest(returning, kiosk.id, items(back), datetime.now(UTC))
        else:
            ingest(returning, kiosk.id, items(back), datetime.now(UTC))
            console = threading.Thread(target=erase)
            console.start()
            console.join(timeout=1)
            assert console.is_alive()  # waits for the return's row lock
    if first != "ingest reads the loan":
        console.join(timeout=30)
        assert not console.is_alive()
    returning.close()
    with sessions() as session:
        last = session.scalars(select(ReferenceChange).where(ReferenceChange.entity == "loan_contact",
                                                             ReferenceChange.key == laptop.id)
                               .order_by(ReferenceChange.seq.desc())).first()
        assert last is not None and last.deleted and lending.erasable_loan(session, laptop.id) is None
        assert session.get_one(Loan, str(loan.id)).contact_sealed is None


def test_an_erase_counts_only_from_the_loans_own_location_in_any_arrival_order(server_engine):
    """An erase record that arrives before its loan is judged when the loan arrives: one of the
    loan's location erases it, one of another location (which ingest stored: it is for the sender's
    own location) does not."""
    from sqlalchemy.orm import sessionmaker

    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        here, _ = admin.ensure_location(session, "Bibliotheek Leuven", "fixed")
        there, _ = admin.ensure_location(session, "Digibus Noord", "digibus")
        kiosks = {place.id: Device(id=str(uuid.uuid4()), name=place.name, location_id=place.id,
                                   token_hash=uuid.uuid4().hex * 2, enrolled_at=datetime.now(UTC))
                  for place in (here, there)}
        session.add_all(kiosks.values())
        device = LoanDevice(id=str(uuid.uuid4()), tag="LPT-1", device_kind="laptop", serial="", model="",
                            accessories="[]", condition="good", status="available", location_id=here.id)
        session.add(device)
    key = public_key_of(new_private_key())
    lent = datetime.now(UTC) - timedelta(days=2)

    def loan() -> LoanRecord:
        return LoanRecord(id=uuid.uuid4(), lent_at=lent, due_on=lent.date() + timedelta(days=7), eligibility="newcomer",
                          contact_sealed=seal(key, "x"), helper_id=uuid.uuid4(), location_id=here.id,
                          device_id=device.id)

    def erase(record: LoanRecord, place: str) -> LoanContactEraseRecord:
        return LoanContactEraseRecord(id=uuid.uuid4(), loan_id=record.id, erased_at=lent + timedelta(hours=1),
                                      helper_id=uuid.uuid4(), location_id=place)

    def send(place: str, *records):
        items: list[BatchItem | InvalidItem] = [BatchItem(id=r.id, kind=r.kind, payload=record_payload(r),
                           content_hash=content_hash(record_payload(r))) for r in records]
        with sessions.begin() as session:
            return [r.status for r in ingest(session, kiosks[place].id, items, datetime.now(UTC))]

    def contact(record: LoanRecord) -> str | None:
        with sessions() as session:
            return session.get(Loan, str(record.id)).contact_sealed

    forged_first, forged_after, own_first, both_first = loan(), loan(), loan(), loan()
    assert send(there.id, erase(forged_first, there.id)) == ["created"]
    assert send(here.id, forged_first, forged_after) == ["created", "created"]
    assert send(there.id, erase(forged_after, there.id)) == ["created"]
    assert contact(forged_first) == forged_first.contact_sealed and contact(forged_after) == forged_after.contact_sealed
    assert send(here.id, erase(own_first, here.id)) == ["created"]
    assert send(there.id, erase(both_first, there.id)) == ["created"]
    assert send(here.id, erase(both_first, here.id)) == ["created"]
    assert send(here.id, own_first, both_first) == ["created", "created"]
    assert contact(own_first) is None and contact(both_first) is None
    with sessions() as session:
        assert session.get(Loan, str(both_first.id)).contact_erased_at == lent + timedelta(hours=1)
        assert lending.erasable_loan(session, device.id) is None  # the latest loan is still out

    # The latest loan, its return first: offered to the location's kiosks until an erase, which is
    # idempotent; a loan erased before its return is never offered.
    latest = loan().model_copy(update={"lent_at": lent + timedelta(days=1)})
    back = LoanReturnRecord(id=uuid.uuid4(), loan_id=latest.id, returned_at=lent + timedelta(days=1, hours=2),
                            condition="good", helper_id=uuid.uuid4(), location_id=here.id, device_id=device.id)

    def offered() -> str | None:
        with sessions() as session:
            data = lending.erasable_loan(session, device.id)
            return None if data is None else str(data.loan_id)

    assert send(here.id, back, latest) == ["created", "created"] and offered() == str(latest.id)
    wiped = erase(latest, here.id)
    assert send(here.id, wiped) == ["created"] and offered() is None and contact(latest) is None
    assert send(here.id, wiped) == ["duplicate"] and offered() is None
    last = loan().model_copy(update={"lent_at": lent + timedelta(days=2)})
    assert send(here.id, last, erase(last, here.id)) == ["created", "created"]
    assert send(here.id, LoanReturnRecord(id=uuid.uuid4(), loan_id=last.id, returned_at=lent + timedelta(days=3),
                                          condition="good", helper_id=uuid.uuid4(), location_id=here.id,
                                          device_id=device.id)) == ["created"]
    assert offered() is None and contact(last) is None


def test_loans_returned_before_the_upgrade_are_offered_by_the_migration(server_engine):
    """Server migration s0020: each device's latest loan, returned with its contact held, is
    announced as its `loan_contact`; an open or erased latest loan is not."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.orm import sessionmaker

    from sync.protocol import LoanContactData
    from sync.server.db import MIGRATIONS_DIR, migrate
    from sync.server.models import ReferenceChange

    migrate(server_engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with server_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "s0008")
    lent = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Bibliotheek Leuven", "fixed")
        ids = {tag: str(uuid.uuid4()) for tag in ("returned", "open", "erased")}
        for tag, device_id in ids.items():
            session.add(LoanDevice(id=device_id, tag=tag, device_kind="laptop", serial="", model="", accessories="[]",
                                   condition="good", status="available", location_id=place.id))
            for days, back, sealed in ((0, 1, "old"), (5, {"returned": 6, "open": None, "erased": 6}[tag],
                                                       None if tag == "erased" else "box")):
                session.add(Loan(id=str(uuid.uuid4()), device_id=device_id, location_id=place.id, helper_id="h",
                                 lent_at=lent + timedelta(days=days), due_on=lent.date() + timedelta(days=days + 7),
                                 returned_at=None if back is None else lent + timedelta(days=back),
                                 contact_sealed=sealed, accessories="[]", eligibility="newcomer", returns=0))
    with sessions() as session:
        latest = session.scalar(select(Loan.id).where(Loan.device_id == ids["returned"]).order_by(Loan.lent_at.desc()))
    migrate(server_engine)
    with sessions() as session:
        (change,) = session.scalars(select(ReferenceChange).where(ReferenceChange.entity == "loan_contact")).all()
        assert change.key == ids["returned"]
        assert LoanContactData.model_validate_json(change.data) == lending.erasable_loan(session, ids["returned"])
        assert lending.erasable_loan(session, ids["returned"]).loan_id == uuid.UUID(latest)


def test_records_in_any_order_and_twice_add_up_to_one_loan(server_engine):
    from sqlalchemy.orm import sessionmaker

    sessions = sessionmaker(server_engine, expire_on_commit=False)
    with sessions.begin() as session:
        place, _ = admin.ensure_location(session, "Digibus", "digibus")
        device = Device(id=str(uuid.uuid4()), name="bus", location_id=place.id, token_hash=uuid.uuid4().hex * 2,
                        enrolled_at=datetime.now(UTC))
        session.add(device)
        session.add(LoanDevice(id=str(uuid.uuid4()), tag="GSM-1", device_kind="smartphone", serial="", model="",
                               accessories="[]", condition="good", status="available", location_id=place.id))
    with sessions() as session:
        device_id = session.scalar(select(LoanDevice.id))
    lent = datetime.now(UTC) - timedelta(days=2)
    common = dict(helper_id=uuid.uuid4(), location_id=place.id, device_id=device_id)
    loan = LoanRecord(id=uuid.uuid4(), lent_at=lent, due_on=lent.date() + timedelta(days=7),
                      eligibility="newcomer", contact_sealed=seal(public_key_of(new_private_key()), "x"), **common)
    first = LoanReturnRecord(id=uuid.uuid4(), loan_id=loan.id, returned_at=lent + timedelta(days=1),
                             condition="good", **common)
    second = LoanReturnRecord(id=uuid.uuid4(), loan_id=loan.id, returned_at=lent + timedelta(days=1, hours=2),
                              condition="damaged", **common)

    def send(*records):
        items = [BatchItem(id=r.id, kind=r.kind, payload=record_payload(r),
                           content_hash=content_hash(record_payload(r))) for r in records]
        with sessions.begin() as session:
            return [r.status for r in ingest(session, device.id, items, datetime.now(UTC))]

    assert send(second) == ["created"]  # a return before its loan
    assert send(loan, second) == ["created", "duplicate"]
    assert send(first, first) == ["created", "duplicate"]  # returned twice (two kiosks), and a resend
    # The kiosk's retention took the contact off a loan whose acknowledgement it never got: the
    # resend is the stored loan, not a conflict.
    assert send(loan.model_copy(update={"contact_sealed": None})) == ["duplicate"]
    changed = loan.model_copy(update={"contact_sealed": None, "eligibility": "jobseeker"})
    assert send(changed) == ["conflict"]
    with sessions() as session:
        row = session.get(Loan, str(loan.id))
        assert (row.returns, row.return_condition, row.device_id) == (2, "good", device_id)
        assert row.returned_at == first.returned_at and row.contact_sealed == loan.contact_sealed
        stored = json.loads(session.scalars(select(StoredRecord).where(StoredRecord.id == str(loan.id))).one().payload)
        assert stored["contact_sealed"] is None and lending.open_loan(session, device_id) is None


def test_two_kiosks_lending_one_device_offline_both_loans_are_kept_as_a_conflict(setup):
    server, make = setup
    one, two = make("k1"), make("k2")
    kiosk_lending.register_device(one.store, one.user, "LPT-9", "laptop", one.clock.clock)
    one.sync()
    two.sync()  # both kiosks know the device; now both are offline and lend it
    due = one.clock.clock.today() + timedelta(days=14)
    first = kiosk_lending.lend(one.store, one.user, loan_input("LPT-9", due_on=due), one.clock.clock)
    two.clock.advance(minutes=5)
    second = kiosk_lending.lend(two.store, two.user, loan_input("LPT-9", due_on=due, contact_name="Jan Peeters"),
                                two.clock.clock)
    one.sync()
    two.sync()
    assert set(server_loans(server)) == {first, second}
    (conflict,) = server.admin(lending.conflicts)
    assert set(conflict.loan_ids) == {first, second}
    assert server.admin(lending.resolve_conflict, conflict.device_id, datetime.now(UTC)) == 2
    assert server.admin(lending.conflicts) == []


def test_devices_reach_only_kiosks_of_their_location_and_records_stay_bound_to_it(setup):
    server, make = setup
    library, bus = make("k1"), make("k2", location="Digibus Noord")
    kiosk_lending.register_device(library.store, library.user, "LPT-1", "laptop", library.clock.clock)
    library.sync()
    bus.sync()
    with bus.store.read() as session:
        assert session.scalars(select(KioskDevice)).all() == []
        with pytest.raises(LendingError, match="Geen toestel"):
            kiosk_lending.find_device(session, "LPT-1")
    # A record for another location than the kiosk's is refused by the server (parked).
    with library.store.read() as session:
        payload = json.loads(session.scalar(select(OutboxEntry.payload).where(OutboxEntry.kind == "loan_device")))
    payload |= {"id": str(uuid.uuid4()), "location_id": _location(bus)}
    with library.store.transaction() as session:
        text = canonical_json(payload)
        session.add(OutboxEntry(record_id=payload["id"], kind="loan_device", payload=text,
                                content_hash=content_hash(payload), state="pending", attempts=0))
    outcome = library.engine.sync()
    assert outcome.sent.parked == 1


def _location(kiosk: Kiosk) -> str:
    with kiosk.store.read() as session:
        return session.get(Meta, meta_keys.LOCATION_ID).value


def test_the_lending_key_commands(tmp_path, capsys):
    from sync.server.cli import main as server_cli

    url, path = f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path / "keys" / "lending-key"
    assert server_cli(["--database-url", url, "lending-key", "init", "--file", str(path)]) == 0
    public = capsys.readouterr().out.split("public key ")[1].split(":")[0]
    assert oct(path.stat().st_mode & 0o777) == "0o600" and public == public_key_of(bytes.fromhex(path.read_text()))
    assert server_cli(["--database-url", url, "lending-key", "show", "--file", str(path)]) == 0
    assert "(published to kiosks)" in capsys.readouterr().out
    assert server_cli(["--database-url", url, "lending-key", "init", "--file", str(path)]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert server_cli(["--database-url", url, "lending-purge"]) == 0
    assert "erased the contact of 0 loan(s) returned more than 30 days ago" in capsys.readouterr().out
