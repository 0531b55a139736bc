"""The server's database pool on the far side of a network link that tests/test_server_db_cut.py
cuts: run in that test's network namespace as `python -m tests.db_cut_client URL`.

It opens two pooled connections, one kept checked out and one returned idle to the pool, says
"ready", and waits for "cut" on stdin. Then it prints, as JSON lines, how long a query on the busy
connection took to fail and how long before the pool's checkout check (`_closed_by_server`) saw the
idle one was dead; a figure it never reaches is not printed (the test gives up waiting)."""
from __future__ import annotations

import json
import sys
import threading
import time

from sqlalchemy import text
from sqlalchemy.exc import DisconnectionError, OperationalError

from sync.server.db import _closed_by_server, make_server_engine


def report(**figures: object) -> None:
    print(json.dumps(figures), flush=True)


def main(url: str) -> None:
    engine = make_server_engine(url)
    busy = engine.connect()
    busy.execute(text("SELECT 1"))
    with engine.connect() as idle:
        idle.execute(text("SELECT 1"))
        idle_raw = idle.connection.dbapi_connection
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "cut"
    cut_at = time.monotonic()

    def query_on_busy() -> None:
        try:
            busy.execute(text("SELECT 1"))
        except OperationalError:
            report(query_failed_after=time.monotonic() - cut_at)

    threading.Thread(target=query_on_busy, daemon=True).start()
    while True:
        try:
            _closed_by_server(idle_raw, None, None)  # type: ignore[arg-type]
        except DisconnectionError:
            report(idle_seen_dead_after=time.monotonic() - cut_at)
            break
        time.sleep(0.1)
    time.sleep(3600)  # the test ends this process


if __name__ == "__main__":
    main(sys.argv[1])
