"""The server's PostgreSQL pool without a ping per request: a connection the database ended is
replaced before a request gets it (sync/server/db.py, `_closed_by_server`); a live one is reused."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from sync.server.db import make_server_engine

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine(pg_database_url):
    url, reason = pg_database_url
    if url is None:
        pytest.skip(reason)
    engine = make_server_engine(url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine, admin
    engine.dispose()
    admin.dispose()


def _backend(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(text("SELECT pg_backend_pid()"))


def test_a_connection_the_database_ended_is_replaced_before_a_request_gets_it(pg_engine):
    engine, admin = pg_engine
    first = _backend(engine)
    assert _backend(engine) == first  # a live connection is reused, not replaced
    with admin.connect() as conn:
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        for _ in range(100):  # the backend writes its farewell and closes the socket
            if not conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": first}):
                break
            time.sleep(0.02)
    # Without the check the pool hands out the dead connection and this fails (no ping any more).
    second = _backend(engine)
    assert second != first
    assert _backend(engine) == second
