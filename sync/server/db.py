"""The server database: engine from DATABASE_URL (PostgreSQL in production, a SQLite file as the
embedded default), Alembic migrations applied at start-up, the UTC timestamp type."""
from __future__ import annotations

import os
import select
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import DateTime, Dialect, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlalchemy.types import TypeDecorator

from sync.private_files import private_dir, private_file
from sync.sqlite import make_sqlite_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant will do: serialises migrations of several server processes starting at once.
_MIGRATION_LOCK = 0x44494749


def default_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = platformdirs.user_data_path("digipunt-server", appauthor=False) / "server.sqlite3"
    return f"sqlite:///{path}"


# A primary that vanishes without closing its connections (a failover after its host died, a
# network cut) sends nothing: without these, an idle pooled connection looks healthy and a query
# on it waits for the kernel's retransmissions to give up, about 15 minutes. With them, libpq's TCP
# keepalives mark an idle connection dead within a minute (the checkout check below then replaces
# it), a query whose packets go unanswered fails after 30 s (503 and a retry, not a hung kiosk),
# and a connection attempt gives up after 10 s. A DATABASE_URL that sets one of them wins; libpq
# ignores them on a Unix socket. tests/test_server_db_cut.py cuts a veth link under a pool.
PG_NETWORK_DEFAULTS = {"connect_timeout": "10", "keepalives": "1", "keepalives_idle": "30",
                       "keepalives_interval": "10", "keepalives_count": "3", "tcp_user_timeout": "30000"}


def make_server_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("the SQLite server database must be a file (sqlite:///path)")
        path = Path(parsed.database)
        private_dir(path.parent)  # the visitor-code key and the helpers' PIN hashes are in it
        private_file(path)
        # WAL, synchronous=FULL, BEGIN IMMEDIATE so concurrent writers wait.
        return make_sqlite_engine(path)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # plain postgresql:// works too
        parsed = parsed.update_query_dict({k: v for k, v in PG_NETWORK_DEFAULTS.items() if k not in parsed.query})
        # uvicorn runs sync endpoints on up to 40 threads; beyond pool_size+max_overflow they wait.
        engine = create_engine(parsed, pool_size=10, max_overflow=20, hide_parameters=True)
        event.listen(engine, "checkout", _closed_by_server)
        return engine
    raise ValueError(f"unsupported database {parsed.get_backend_name()!r}: use postgresql:// or sqlite:///")


def _closed_by_server(dbapi_connection: Any, _record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
    """A pooled PostgreSQL connection the server has ended (a restart, pg_terminate_backend, an idle
    timeout) is replaced before a request gets it, so the request does not fail on it. An idle
    connection has nothing to read unless the server wrote to it, which it does when it ends the
    session (a FATAL notice, then the end of the stream). Seen without a round trip, by a poll of the
    socket, instead of pool_pre_ping's query on every checkout: one round trip less per request
    (bench/README.md, server_load). Anything else that makes an idle connection readable (this
    server does not LISTEN) costs at most a new connection."""
    if dbapi_connection.closed or dbapi_connection.broken:
        raise DisconnectionError("the connection is closed")
    poll = select.poll()
    poll.register(dbapi_connection.fileno(), select.POLLIN)
    if poll.poll(0):
        raise DisconnectionError("the server wrote to an idle connection: it ended the session")


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def pending_migrations(engine: Engine) -> str | None:
    """None when the database is at this server's latest migration; else what is wrong, in words
    for the operator. `serve --no-migrate` (production) starts only on an up-to-date database."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    heads = set(script.get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == heads:
        return None
    unknown = sorted(rev for rev in current if not _known(script, rev))
    if unknown:
        return (f"the database is at {', '.join(unknown)}, which this server version does not know: "
                f"it was migrated by a newer digipunt-server")
    at = ", ".join(sorted(current)) or "no migration (an empty database)"
    return f"the database is at {at}, this server needs {', '.join(sorted(heads))}: run `digipunt-server migrate` first"


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def db_error_summary(exc: DBAPIError) -> str:
    """What a log may say about a database error: the driver's error class, SQLSTATE and primary
    message. Never the parameters or PostgreSQL's DETAIL ("Key (token_hash)=(...)", "Failing row
    contains (...)"), which repeat stored values."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    state = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None) or ""
    if primary is None:  # SQLite: its messages name the constraint, not the values
        primary = str(orig).splitlines()[0] if orig is not None else type(exc).__name__
    return f"{type(orig).__name__} {state}: {primary}".replace("  ", " ")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes: timestamptz on PostgreSQL, naive UTC on SQLite (which has no zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the server only keeps aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
