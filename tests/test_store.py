"""The local store: pragmas, migrations, corrupt-file recovery, unwritable data directory."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from kiosk.core.paths import DataDirError, ensure_writable
from kiosk.core.store import open_store
from kiosk.core.store.db import DB_FILE, _alembic_config, head_revision
from kiosk.core.store.models import Location
from sync.sqlite import make_sqlite_engine


def test_fresh_store_is_migrated_with_durable_pragmas(data_dir):
    store = open_store(data_dir)
    assert store.schema_revision() == head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_foreign_keys_are_enforced(data_dir):
    store = open_store(data_dir)
    with pytest.raises(Exception, match="FOREIGN KEY"), store.transaction() as session:
        session.execute(text("INSERT INTO shifts (id, helper_id, location_id, started_at, auto_closed) "
                             "VALUES ('s', 'no-such-helper', 'no-such-location', '2026-01-01', 0)"))
    store.close()


def test_upgrade_from_older_schema_keeps_data(data_dir):
    engine = make_sqlite_engine(data_dir / DB_FILE)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO locations (id, name, kind, active) VALUES ('l1', 'Bib', 'fixed', 1)"))
    engine.dispose()

    store = open_store(data_dir)
    assert store.schema_revision() == head_revision()
    with store.read() as session:
        assert session.scalars(select(Location.name)).all() == ["Bib"]
        assert session.execute(text("SELECT count(*) FROM outbox")).scalar() == 0
    store.close()


def test_corrupt_database_is_moved_aside_not_deleted(data_dir):
    store = open_store(data_dir)
    with store.transaction() as session:
        session.add(Location(id=str(uuid.uuid4()), name="Bib", kind="fixed", active=True))
    store.close()
    db = data_dir / DB_FILE
    original = db.read_bytes()
    # Overwrite the header and a page: SQLite can no longer read it.
    with db.open("r+b") as fh:
        fh.write(b"this is not a database" * 200)
    damaged = db.read_bytes()

    store = open_store(data_dir)
    assert store.moved_aside is not None and store.moved_aside.exists()
    assert store.moved_aside.read_bytes() == damaged  # kept byte for byte
    assert len(original) > 0
    assert "beschadigd" in store.warnings[0] and store.moved_aside.name in store.warnings[0]
    assert store.schema_revision() == head_revision()
    with store.read() as session:
        assert session.scalars(select(Location)).all() == []
    store.close()


def test_healthy_database_is_left_alone(data_dir):
    open_store(data_dir).close()
    store = open_store(data_dir)
    assert store.moved_aside is None and store.warnings == []
    assert not list(data_dir.glob("*.corrupt-*"))
    store.close()


def test_unwritable_data_dir_gets_a_dutch_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="kan niet worden aangemaakt of beschreven"):
        ensure_writable(blocker / "data")


def test_core_never_imports_qt():
    code = ("import sys, pkgutil, importlib, kiosk.core, sync\n"
            "for pkg in (kiosk.core,):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
            "import kiosk.content\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_sqlite_file_is_plain_sqlite(data_dir):
    open_store(data_dir).close()
    conn = sqlite3.connect(data_dir / DB_FILE)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"helpers", "help_requests", "outbox", "shifts", "alembic_version"} <= tables


def test_a_reader_never_blocks_a_writer(data_dir):
    store = open_store(data_dir)
    with store.read() as reader:
        reader.scalars(select(Location)).all()  # an open read transaction
        with store.transaction() as session:  # would wait 30 s and fail if the reader held the lock
            session.add(Location(id=str(uuid.uuid4()), name="Bib", kind="fixed", active=True))
    with store.read() as session:
        assert session.scalars(select(Location.name)).all() == ["Bib"]
    store.close()


# Function-level imports that run only on the main thread, before the UI exists: migrations at
# start-up (open_store is called by kiosk.core.runtime.bootstrap, never by a worker).
_MAIN_THREAD_IMPORTS = {("kiosk/core/store/db.py", "alembic.script"), ("kiosk/core/store/db.py", "alembic.config"),
                        ("kiosk/core/store/db.py", "alembic"),
                        # cryptography: the UI's SyncService calls load_crypto() before the sync's workers start
                        ("sync/content_bundle.py", "cryptography.exceptions"),
                        ("sync/content_bundle.py", "cryptography.hazmat.primitives.asymmetric.ed25519"),
                        # the lending screen imports sync.sealed on the UI thread, before a contact is sealed
                        ("kiosk/core/lending.py", "sync.sealed"),
                        # SecretStore is made on the UI thread (the keyring is not needed at start-up)
                        ("kiosk/core/secrets.py", "keyring"), ("kiosk/core/secrets.py", "keyring.errors"),
                        # the data directory's platform default, found by kiosk.app before anything else
                        ("kiosk/core/paths.py", "platformdirs"),
                        # argon2: every staff screen calls load_argon2() on the UI thread before a PIN is hashed
                        ("sync/pins.py", "argon2"), ("sync/pins.py", "argon2.exceptions")}


def test_code_that_runs_on_workers_never_imports_at_run_time():
    """kiosk.core, the kiosk's sync client and kiosk.net (help calls) run on worker threads. PySide6 6.12's import hook
    is not thread-safe: a `from x import y` on a worker while the UI thread runs Qt aborts the
    process ("none_dealloc"; 3 of 4 runs of a stress test here). So they import at module level,
    which happens on the main thread."""
    import ast

    root = Path(__file__).parents[1]
    found = set()
    for path in [*root.glob("kiosk/core/**/*.py"), *root.glob("kiosk/net/*.py"), *root.glob("sync/*.py")]:
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_checking = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                         and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(func):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in type_checking:
                        module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                        found.add((path.relative_to(root).as_posix(), module))
    assert found == _MAIN_THREAD_IMPORTS
