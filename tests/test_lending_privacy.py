"""The borrower's contact never lies in plain text in a database file, kiosk or server, and the
sealed box is gone from both files once its time is up (the retention moved by injected clocks),
also on a kiosk that stayed offline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from kiosk.core import lending as kiosk_lending
from kiosk.core.accounts import StaffUser
from kiosk.core.lending import LoanInput
from kiosk.core.secrets import SecretStore
from kiosk.core.store import Store, meta_keys, open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import Loan as KioskLoan
from kiosk.sync.engine import SyncEngine
from kiosk.sync.puller import set_meta
from sync.server import admin, lending
from sync.server.app import ContactPurge
from sync.server.models import Loan
from tests.keyrings import MemoryKeyring
from tests.staffdata import MovableClock

NAME, PHONE = "Godelieve Raemaekers", "+32 470 98 76 54"


def plain_variants() -> list[bytes]:
    """The name and the phone as they could be written down: UTF-8 and UTF-16, the phone also
    without spaces or the country code."""
    digits = PHONE.replace(" ", "")
    texts = [NAME, NAME.split()[1], PHONE, digits, digits.replace("+32", "0")]
    return [t.encode(codec) for t in texts for codec in ("utf-8", "utf-16-le")]


def files(path: Path) -> list[Path]:
    """A SQLite database and its WAL and shared-memory files, as far as they exist."""
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def found_in(paths: list[Path], needles: list[bytes]) -> list[str]:
    return [f"{p.name}: {n!r}" for p in paths for n in needles if n in p.read_bytes()]


@dataclass
class LendingKiosk:
    store: Store
    data_dir: Path
    server_file: Path
    user: StaffUser
    clock: MovableClock


@pytest.fixture
def kiosk(live_server, tmp_path, monkeypatch):
    """A server holding the lending key and a coordinator Ann; an empty kiosk store and a clock to
    move. SQLite only: the tests grep the server's database file."""
    if live_server.engine.dialect.name != "sqlite":
        pytest.skip("greps the server's database file: SQLite only")
    monkeypatch.setenv(lending.KEY_FILE_ENV, str(tmp_path / "keys" / "lending-key"))
    live_server.admin(lending.init_key)
    helper = live_server.admin(lambda s: admin.add_helper(s, "Ann", "coordinator", "357913", []).id)
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()
    store = open_store(data_dir)
    yield LendingKiosk(store, data_dir, Path(live_server.engine.url.database), StaffUser(helper, "Ann", "coordinator"),
                       MovableClock(now=datetime.now(UTC).replace(microsecond=0)))
    store.close()


def test_the_contact_is_never_plain_text_on_disk_and_gone_after_the_retention(live_server, kiosk):
    store, data_dir, server_file, user, clock = kiosk.store, kiosk.data_dir, kiosk.server_file, kiosk.user, kiosk.clock
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()))
    engine.enroll(live_server.url, live_server.enroll_code(), "balie-pc")
    assert engine.sync().ok
    kiosk_file = data_dir / DB_FILE
    both = lambda: files(kiosk_file) + files(server_file)  # noqa: E731

    kiosk_lending.register_device(store, user, "LPT-3", "laptop", clock.clock)
    loan_id = kiosk_lending.lend(store, user, LoanInput(
        tag="LPT-3", due_on=clock.clock.today() + timedelta(days=21), eligibility="uitpas-reduced",
        contact_name=NAME, contact_phone=PHONE), clock.clock)
    with store.read() as session:
        sealed = session.get(KioskLoan, loan_id).contact_sealed
    assert sealed and found_in(files(kiosk_file), [sealed.encode()])  # the test can see a stored value
    assert found_in(both(), plain_variants()) == [], "saved on the kiosk"

    assert engine.sync().ok
    assert live_server.admin(lambda s: s.get(Loan, loan_id).contact_sealed) == sealed
    assert found_in(both(), plain_variants()) == [], "synced"
    assert live_server.admin(lending.open_contact, loan_id) == (NAME, PHONE)  # the console can still open it
    assert found_in(both(), plain_variants()) == [], "opened by a coordinator"

    clock.advance(days=3)
    kiosk_lending.return_device(store, user, "LPT-3", "good", (), clock.clock)
    assert engine.sync().ok
    assert found_in(both(), plain_variants()) == [], "returned"
    returned = live_server.admin(lambda s: s.get(Loan, loan_id).returned_at)

    # The server's retention, on an injected clock: the sealed box goes, the anonymous loan stays.
    assert live_server.admin(lending.purge_contacts, returned + timedelta(days=29)) == 0
    later = returned + timedelta(days=31)
    ContactPurge(live_server.engine, sessionmaker(live_server.engine), now=lambda: later).run_if_due()
    with store.read() as session:
        assert session.scalars(select(KioskLoan.contact_sealed)).all() == [None]
    loan = live_server.admin(lambda s: s.get(Loan, loan_id))
    assert loan.contact_sealed is None and loan.lent_at is not None and loan.eligibility == "uitpas-reduced"
    assert found_in(both(), plain_variants()) == [], "after the retention"
    # Not even the sealed box is left, in the database files or their WALs (secure_delete, and the
    # WAL emptied after the kiosk forgot it and after the server's purge).
    assert found_in(both(), [sealed.encode(), sealed[:40].encode()]) == [], "the sealed box is still in a file"


def test_an_offline_kiosk_drops_the_sealed_contact_when_the_retention_ends(live_server, kiosk):
    """Lent and returned while the server cannot be reached: at the first sync attempt after the
    return plus the retention, the kiosk erases the sealed box from its loan and the unsent outbox
    entry; when the network comes back the server gets the loan without it."""
    store, data_dir, server_file, user, clock = kiosk.store, kiosk.data_dir, kiosk.server_file, kiosk.user, kiosk.clock
    engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()), clock=lambda: clock.now)
    engine.enroll(live_server.url, live_server.enroll_code(), "digibus-laptop")
    assert engine.sync().ok
    with store.transaction() as session:  # the network is gone: nothing listens on port 9
        set_meta(session, meta_keys.SERVER_URL, "http://127.0.0.1:9")
    kiosk_file = data_dir / DB_FILE

    kiosk_lending.register_device(store, user, "TAB-1", "tablet", clock.clock)
    loan_id = kiosk_lending.lend(store, user, LoanInput(
        tag="TAB-1", due_on=clock.clock.today() + timedelta(days=7), eligibility="uitpas-reduced",
        contact_name=NAME, contact_phone=PHONE), clock.clock)
    kiosk_lending.return_device(store, user, "TAB-1", "good", (), clock.clock)
    with store.read() as session:
        sealed = session.get(KioskLoan, loan_id).contact_sealed
    box = [sealed.encode(), sealed[:40].encode()]
    clock.advance(days=30)
    assert not engine.sync().ok
    assert found_in(files(kiosk_file), box), "the retention is not over yet"
    clock.advance(minutes=1)
    assert not engine.sync().ok
    assert found_in(files(kiosk_file), box + plain_variants()) == [], "the retention is over, offline"

    with store.transaction() as session:
        set_meta(session, meta_keys.SERVER_URL, live_server.url)
    assert engine.sync().ok
    loan = live_server.admin(lambda s: s.get(Loan, loan_id))
    assert loan.lent_at is not None and loan.returns == 1 and loan.contact_sealed is None
    assert found_in(files(kiosk_file) + files(server_file), box + plain_variants()) == []
