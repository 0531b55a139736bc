"""Every shared fixture (test modules never import fixtures). Qt runs offscreen; every test gets its
own real data directory. Plain helpers the fixtures build on stay in staffdata.py, sync_support.py
and keyrings.py.

PostgreSQL: DIGIPUNT_TEST_PG_URL names a server (`.ci/with-postgres` starts one); each test session
(each pytest-xdist worker under `make test`) creates its own database there and drops it at the end.

Parallel runs (`make test` uses pytest-xdist): a test marked `alone` runs while no other worker runs
a test, and tests marked `exclusive(NAME)` with the same NAME one at a time (see `_parallel_locks`)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Chromium refuses to run as root without this; only ever set for tests (see tech notes).
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import fcntl  # noqa: E402
import shutil  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import ExitStack  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import Engine, create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from kiosk.core.demo import seed_topics  # noqa: E402
from kiosk.core.runtime import Runtime, bootstrap  # noqa: E402
from kiosk.core.store import open_store  # noqa: E402
from sync.server.db import make_server_engine, migrate  # noqa: E402
from sync.server.models import Base  # noqa: E402
from tests.keyrings import MemoryKeyring  # noqa: E402
from tests.staffdata import MovableClock, add_staff  # noqa: E402
from tests.sync_support import start_server  # noqa: E402


@pytest.fixture(autouse=True)
def _parallel_locks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Under pytest-xdist, every test holds a shared lock on one file of the run and a test marked
    `alone` (timing assertions, fault trials with deadlines) an exclusive one: it starts once the
    other workers' current tests have ended, and they wait for it. A test marked `exclusive(NAME)`
    also holds the exclusive lock NAME: tests with the same NAME never run at the same time. Locks are
    taken in that order, so no two tests wait for each other. Function-scoped fixtures are inside
    the locks; module- and session-scoped ones (the worker's PostgreSQL database) are not."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    run_dir = tmp_path_factory.getbasetemp().parent  # the workers' base temp directories share it
    wanted = [("alone", fcntl.LOCK_EX if request.node.get_closest_marker("alone") else fcntl.LOCK_SH)]
    wanted += [(mark.args[0], fcntl.LOCK_EX) for mark in request.node.iter_markers("exclusive")]
    with ExitStack() as held:  # closing a file releases its lock
        for name, mode in wanted:
            fcntl.flock(held.enter_context((run_dir / f"{name}.lock").open("a")), mode)
        yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def runtime(data_dir: Path) -> Iterator[Runtime]:
    rt = bootstrap(data_dir, demo=True)
    yield rt
    rt.close()


@pytest.fixture
def window(qtbot, runtime, qapp, clock):
    """The main window, its helper area on the test's `clock` (a MovableClock): lock-outs, today's
    list and the end-of-day close never depend on when the test runs."""
    from PySide6.QtCore import QEvent

    from kiosk.ui.main_window import MainWindow

    # Earlier tests' windows were closed and deleteLater()'d by pytest-qt, but no event loop has
    # deleted them: without this they pile up and every style change restyles all of them.
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    win = MainWindow(runtime, qapp)
    win.api.clock = clock.clock
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.prefs.reset()


# --- the helper area ----------------------------------------------------------------------------
@pytest.fixture
def store(data_dir):
    s = open_store(data_dir)
    seed_topics(s)
    yield s
    s.close()


@pytest.fixture
def staff(store):
    return add_staff(store)


@pytest.fixture
def clock():
    return MovableClock()


@pytest.fixture
def memory_keyring():
    """The kiosk code asks keyring for its backend: give it the in-memory one for this test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- the central server ----------------------------------------------------------------------------
PG_ENV = "DIGIPUNT_TEST_PG_URL"


def _pg_admin_engine() -> tuple[Engine | None, str]:
    url = os.environ.get(PG_ENV)
    if not url:
        return None, f"PostgreSQL variant skipped: {PG_ENV} is not set (.ci/run starts a server and sets it)"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable" here
        engine.dispose()
        return None, f"PostgreSQL variant skipped: {PG_ENV}={url} is not reachable ({type(exc).__name__})"
    return engine, ""


@pytest.fixture(scope="session")
def pg_database_url():
    """A fresh, migrated PostgreSQL database for this test session (None when unreachable)."""
    engine, reason = _pg_admin_engine()
    if engine is None:
        yield None, reason
        return
    name = f"digipunt_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(os.environ[PG_ENV]).set(database=name).render_as_string(hide_password=False)
    server_engine = make_server_engine(url)
    migrate(server_engine)
    global _SEEDED
    with server_engine.connect() as conn:
        _SEEDED = {t: [row._asdict() for row in conn.execute(text(f"SELECT * FROM {t}"))] for t in _SEEDED_TABLES}
    server_engine.dispose()
    yield url, ""
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


_SEEDED_TABLES = ("settings", "topics", "reference_changes")  # what migrations put in a new database


def _reset_pg(engine: Engine) -> None:
    """Back to the state right after migration (the visitor-code key, the default topics), quickly:
    what the migrations seeded (read by pg_database_url) is put back after the truncate."""
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    assert _SEEDED is not None, "pg_database_url reads the seeded rows right after migrating"
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table, rows in _SEEDED.items():
            if rows:
                columns = ", ".join(rows[0])
                values = ", ".join(f":{c}" for c in rows[0])
                conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), rows)
        conn.execute(text("SELECT setval(pg_get_serial_sequence('reference_changes', 'seq'), "
                          "(SELECT coalesce(max(seq), 1) FROM reference_changes))"))


_SEEDED: dict[str, list[dict]] | None = None


@pytest.fixture(scope="session")
def _migrated_sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite server database right after migration, made once per session: each test's
    `server_engine` is a copy of the file, as each PostgreSQL test gets the session's database reset
    to this same state."""
    path = tmp_path_factory.mktemp("migrated") / "server.sqlite3"
    engine = make_server_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()  # the last connection's close folds the WAL into the file
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_engine(request, tmp_path):
    """A migrated, empty server database: a SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite3"
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite_server"), path)
        engine = make_server_engine(f"sqlite:///{path}")
    else:
        url, reason = request.getfixturevalue("pg_database_url")
        if url is None:
            pytest.skip(reason)
        engine = make_server_engine(url)
        _reset_pg(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def live_server(server_engine):
    server = start_server(server_engine)
    yield server
    server.stop()


@pytest.fixture
def fresh_window(qtbot, tmp_path, qapp):
    """A kiosk as it comes out of the installer: no helpers, never enrolled."""
    from kiosk.core.runtime import bootstrap
    from kiosk.ui.main_window import MainWindow

    runtime = bootstrap(tmp_path / "fresh", demo=False)
    window = MainWindow(runtime, qapp)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    if window.sync is not None:
        window.sync.stop()
        window.sync.runner.wait()
    window.db_tasks.wait()
    window.close()
    runtime.close()
