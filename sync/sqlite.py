"""The SQLite engine both sides use: the kiosk's store, and the server's embedded default."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry


def make_sqlite_engine(path: Path) -> Engine:
    """WAL, synchronous=FULL, foreign keys on, and writers that BEGIN IMMEDIATE."""
    # hide_parameters: an error in the log names the statement, never the values (notes, tokens).
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's begin event below issue BEGIN itself (the pysqlite recipe).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Deleted or shortened rows are overwritten with zeros, not left in free space: an erased
        # sealed contact must not stay readable in the file (Debian's default; Windows' is off).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so two writers (UI worker, sync sender,
        # another process) wait for each other instead of failing halfway with SQLITE_BUSY.
        # A reader asks for DEFERRED (execution option sqlite_begin): it never blocks a writer.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def truncate_wal(engine: Engine) -> None:
    """Copy the WAL into the database and empty it, so that rows just erased leave no old copy in
    the WAL file (secure_delete takes care of the database file). Best effort: while a reader is
    still at work the WAL stays as it is until the next time. Nothing on other databases."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # outside any transaction: the begin event would lock it
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()
