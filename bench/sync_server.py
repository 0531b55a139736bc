"""sync_drain: the real central server (`digipunt-server serve`, its own process) on a throwaway
local PostgreSQL (bench/postgres.py). server_load and server_capacity are in bench/server_load.py.

sync_drain: 10,000 help requests queued in a kiosk outbox (kiosk.core.records.enqueue, as the help
log writes them) are pushed by the kiosk's own Sender and ServerApi; records/s, against inserting
the same rows directly into the server's `records` table with SQLAlchemy, in transactions of one
protocol batch (500). After a small warm-up of both, rounds alternate baseline and drain; the
table is emptied in between.

The kiosk pushes to the server as production runs it (installer/server/README.md): nginx with the
shipped config in front of SERVERS `serve --no-migrate` processes, one per core, as server_load
runs it. A kiosk keeps two batches with the server at once (kiosk/sync/outbox.py) and nginx hands
them to the processes in turn, so two processes validate at the same time; the device row lock in
ingest serialises only the writing. (`serve --workers 2` would not do: its workers share one
listening socket, and the first to wake often accepts both of the kiosk's connections.) The
details give each process's CPU per round, which shows that both worked.
"""
from __future__ import annotations

import gc
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, Table, create_engine, func, insert, select, text
from sqlalchemy.orm import sessionmaker

from bench.common import ROOT, Result, bench_env, cpu_seconds, log, median
from bench.postgres import local_postgres, postmaster_pid
from kiosk.core.records import enqueue
from kiosk.core.store import open_store
from kiosk.sync.client import ServerApi
from kiosk.sync.outbox import Sender
from sync.protocol import MAX_BATCH_ITEMS, HelpRequestRecord, canonical_json, content_hash, record_payload
from sync.server import admin
from sync.server.db import migrate
from sync.server.models import StoredRecord
from tests.reliability.harness import ServerProc, child_env
from tests.reliability.nginx import Nginx

RECORDS = 10_000
ROUNDS = 3
MIN_RATE = 10_000  # records/s
SERVERS = 2  # server processes behind nginx, one per core


@contextmanager
def running_server(database_url: str) -> Iterator[str]:
    """`digipunt-server serve` on a free port (it migrates the database first); yields its URL."""
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "--database-url", database_url, "serve",
                             "--port", "0", "--log-level", "warning"],
                            cwd=ROOT, env=bench_env(), stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        if "listening on " not in line:
            raise RuntimeError(f"the server did not start (exit {proc.poll()}): {line!r}")
        yield line.rsplit("listening on ", 1)[1].strip()
    finally:
        proc.terminate()
        proc.wait(30)


@contextmanager
def servers_behind_nginx(database_url: str, workdir: Path, count: int = SERVERS) -> Iterator[tuple[list[ServerProc],
                                                                                                   Nginx]]:
    """`count` `serve --no-migrate` processes on a migrated database behind nginx with the shipped
    config (installer/server), as production runs them; yields them and nginx."""
    servers = [ServerProc(database_url, child_env(), workdir / f"server{i}.log", f"server{i}") for i in range(count)]
    balancer = Nginx(workdir / "nginx", [])
    try:
        for server in servers:
            server.start()
        balancer.ports = [server.port for server in servers]
        balancer.start()
        yield servers, balancer
    finally:
        balancer.stop()
        for server in servers:
            server.stop()


def enroll(engine: Engine, name: str) -> tuple[str, str, str]:
    """A new device at the bench location, the way `enroll-code` + POST /v1/enroll make one."""
    with sessionmaker(engine, expire_on_commit=False).begin() as session:
        location, _ = admin.ensure_location(session, "Bench", "fixed")
        code, _ = admin.create_enroll_code(session, location)
        device, token = admin.redeem_enroll_code(session, code, name)
        return device.id, token, location.id


def help_requests(n: int, location_id: str) -> list[HelpRequestRecord]:
    now = datetime.now(UTC)
    return [HelpRequestRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=location_id, created_at=now,
                              channel="walk-in", topics=["itsme", "e-loket"], language="nl", duration_min=20,
                              outcome="solved", referrals=["digibuddy"], target_groups=["senior"])
            for _ in range(n)]


def stored_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(StoredRecord))


def empty_records(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE records"))


# --- sync_drain -------------------------------------------------------------------------------
class Cpu:
    """CPU seconds of this process (the kiosk's sender or the baseline's client), each server
    process and their sum, nginx and PostgreSQL (the postmaster and its backends) around a phase:
    unlike records/s, hardly moved by the other processes sharing the machine."""

    def __init__(self, engine: Engine, server_pids: list[int], balancer_pid: int | None = None):
        self.pids = {"postgres": postmaster_pid(engine)} | {f"server_{n}": pid for n, pid in enumerate(server_pids, 1)}
        self.pids |= {"nginx": balancer_pid} if balancer_pid is not None else {}

    def read(self) -> dict[str, float]:
        used = {"client": time.process_time()} | {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        return used | {"server": sum(v for k, v in used.items() if k.startswith("server_"))}

    def since(self, start: dict[str, float]) -> dict[str, float]:
        return {name: round(value - start[name], 3) for name, value in self.read().items()}


def direct_insert(engine: Engine, records: list[HelpRequestRecord], device_id: str,
                  cpu: Cpu | None = None) -> tuple[float, dict[str, float]]:
    """The baseline: the rows the server would store, inserted in protocol-sized transactions; only
    the inserting is timed (and its CPU read)."""
    received = datetime.now(UTC)
    rows = []
    for record in records:
        payload = record_payload(record)
        rows.append(dict(id=str(record.id), kind=record.kind, content_hash=content_hash(payload),
                         payload=canonical_json(payload), device_id=device_id, received_at=received,
                         location_id=str(record.location_id), occurred_at=record.created_at, supersedes=None))
    cpu_start = cpu.read() if cpu else {}
    started = time.perf_counter()
    for i in range(0, len(rows), MAX_BATCH_ITEMS):
        with engine.begin() as conn:
            conn.execute(insert(cast(Table, StoredRecord.__table__)), rows[i:i + MAX_BATCH_ITEMS])
    elapsed = time.perf_counter() - started
    return elapsed, {k: v for k, v in cpu.since(cpu_start).items() if k in ("client", "postgres")} if cpu else {}


def drain(server_url: str, token: str, count: int, location_id: str, kiosk_dir: Path,
          cpu: Cpu | None = None) -> tuple[float, dict[str, float]]:
    """`count` help requests saved in a new kiosk outbox, pushed by the kiosk's own Sender; only the
    pushing is timed (and its CPU read). The process's heap is what a kiosk's is while it sends:
    the records the help log saved are in the store, not in memory, and what start-up made is
    frozen (kiosk/app.py). Otherwise the collector's passes over this process's 10,000 record
    models were about half of the sender's CPU (bench/README.md, sync_drain round 6)."""
    kiosk_dir.mkdir()
    store = open_store(kiosk_dir)
    with store.transaction() as session:
        for record in help_requests(count, location_id):
            enqueue(session, record)
    api = ServerApi(server_url, token)
    gc.collect()
    gc.freeze()
    try:
        cpu_start = cpu.read() if cpu else {}
        started = time.perf_counter()
        report = Sender(store, api).send_pending()
        elapsed = time.perf_counter() - started
        used = cpu.since(cpu_start) if cpu else {}
    finally:
        gc.unfreeze()
        api.close()
        store.close()
    if report.created != count:
        raise RuntimeError(f"sync_drain: {report.created} of {count} records created ({report})")
    return elapsed, used


def sync_drain(engine: Engine, server_url: str, cpu: Cpu, workdir: Path) -> Result:
    device_id, token, location_id = enroll(engine, "bench-drain")
    # Warm-up, not counted: the servers' connection pools, the first queries, the kiosk's imports;
    # a few batches, so that every server process has answered some.
    direct_insert(engine, help_requests(MAX_BATCH_ITEMS, location_id), device_id)
    drain(server_url, token, 4 * MAX_BATCH_ITEMS, location_id, workdir / "kiosk-warm-up")
    # A server in service has planner statistics (autovacuum); this cluster is seconds old. Without
    # them PostgreSQL plans the summaries' look-ups as a scan of every record (TRUNCATE keeps them).
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    empty_records(engine)
    subject, baseline = [], []
    cpu_drain, cpu_direct = [], []  # CPU seconds per round, by process
    for round_no in range(ROUNDS):
        elapsed, used = direct_insert(engine, help_requests(RECORDS, location_id), device_id, cpu)
        baseline.append(RECORDS / elapsed)
        cpu_direct.append(used)
        empty_records(engine)
        elapsed, used = drain(server_url, token, RECORDS, location_id, workdir / f"kiosk-{round_no}", cpu)
        subject.append(RECORDS / elapsed)
        cpu_drain.append(used)
        if stored_count(engine) != RECORDS:
            raise RuntimeError("sync_drain: the server does not hold every record")
        empty_records(engine)
        log(f"  sync_drain round {round_no + 1}/{ROUNDS}: drain {subject[-1]:,.0f}/s (CPU s {cpu_drain[-1]}), "
            f"direct {baseline[-1]:,.0f}/s (CPU s {cpu_direct[-1]})")
    rate, base = median(subject), median(baseline)
    return Result("sync_drain", rate, base, "records/s", f"ratio <= 2 and >= {MIN_RATE:,} records/s",
                  base / rate <= 2 and rate >= MIN_RATE, base / rate,
                  {"records": RECORDS, "rounds": ROUNDS, "servers": SERVERS, "via": "nginx",
                   "drain_rates": subject, "direct_rates": baseline,
                   # client = the kiosk's sender (drain) or the SQLAlchemy client (direct); server: the
                   # server processes together (server_1, server_2: each), none in direct
                   "cpu_s_drain": {k: median([c[k] for c in cpu_drain]) for k in cpu_drain[0]},
                   "cpu_s_direct": {k: median([c[k] for c in cpu_direct]) for k in cpu_direct[0]}})


def run() -> list[Result]:
    with local_postgres() as database_url, tempfile.TemporaryDirectory(prefix="digipunt-bench-") as workdir:
        engine = create_engine(database_url)  # the baseline's client: a plain engine
        migrate(engine)  # once, before the servers (`serve --no-migrate`, as in production)
        try:
            with servers_behind_nginx(database_url, Path(workdir)) as (servers, balancer):
                cpu = Cpu(engine, [server.popen.pid for server in servers if server.popen is not None],
                          balancer.popen.pid if balancer.popen is not None else None)
                return [sync_drain(engine, f"http://127.0.0.1:{balancer.port}", cpu, Path(workdir))]
        finally:
            engine.dispose()
