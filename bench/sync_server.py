"""sync_drain and server_load: the real central server (`digipunt-server serve`, its own process) on
a throwaway local PostgreSQL (bench/postgres.py).

sync_drain: 10,000 help requests queued in a kiosk outbox (kiosk.core.records.enqueue, as the help
log writes them) are pushed by the kiosk's own Sender and ServerApi; records/s, against inserting
the same rows directly into the server's `records` table with SQLAlchemy, in transactions of one
protocol batch (500). After a small warm-up of both, rounds alternate baseline and drain; the
table is emptied in between.

server_load: 200 enrolled kiosks push 5 batches of 25 records each, all at once (asyncio + httpx,
one connection per kiosk); p95 latency per request and errors (any non-200, any item not
`created`, any record missing from the database afterwards). Baseline: the same requests from a
single kiosk with the server otherwise idle.
"""
from __future__ import annotations

import asyncio
import json
import socket
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

import httpx
from sqlalchemy import Engine, Table, create_engine, func, insert, select, text
from sqlalchemy.orm import sessionmaker

from bench.common import ROOT, Result, bench_env, log, median, percentile
from bench.postgres import local_postgres
from kiosk.core.records import enqueue
from kiosk.core.store import open_store
from kiosk.sync.client import ServerApi
from kiosk.sync.outbox import Sender
from sync.protocol import MAX_BATCH_ITEMS, BatchItem, HelpRequestRecord, canonical_json, content_hash, record_payload
from sync.server import admin
from sync.server.models import StoredRecord

RECORDS = 10_000
ROUNDS = 3
MIN_RATE = 5_000  # records/s
KIOSKS, BATCHES, ITEMS = 200, 5, 25
SOLO_REQUESTS = 50


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
def direct_insert(engine: Engine, records: list[HelpRequestRecord], device_id: str) -> float:
    """The baseline: the rows the server would store, inserted in protocol-sized transactions."""
    received = datetime.now(UTC)
    rows = []
    for record in records:
        payload = record_payload(record)
        rows.append(dict(id=str(record.id), kind=record.kind, content_hash=content_hash(payload),
                         payload=canonical_json(payload), device_id=device_id, received_at=received,
                         location_id=str(record.location_id), occurred_at=record.created_at, supersedes=None))
    started = time.perf_counter()
    for i in range(0, len(rows), MAX_BATCH_ITEMS):
        with engine.begin() as conn:
            conn.execute(insert(cast(Table, StoredRecord.__table__)), rows[i:i + MAX_BATCH_ITEMS])
    return time.perf_counter() - started


def drain(server_url: str, token: str, records: list[HelpRequestRecord], kiosk_dir: Path) -> float:
    """The kiosk's outbox pushed by its own Sender; only the pushing is timed."""
    kiosk_dir.mkdir()
    store = open_store(kiosk_dir)
    with store.transaction() as session:
        for record in records:
            enqueue(session, record)
    api = ServerApi(server_url, token)
    try:
        started = time.perf_counter()
        report = Sender(store, api).send_pending()
        elapsed = time.perf_counter() - started
    finally:
        api.close()
        store.close()
    if report.created != len(records):
        raise RuntimeError(f"sync_drain: {report.created} of {len(records)} records created ({report})")
    return elapsed


def sync_drain(engine: Engine, server_url: str, workdir: Path) -> Result:
    device_id, token, location_id = enroll(engine, "bench-drain")
    # Warm-up, not counted: the server's connection pool, the first queries, the kiosk's imports.
    direct_insert(engine, help_requests(MAX_BATCH_ITEMS, location_id), device_id)
    drain(server_url, token, help_requests(MAX_BATCH_ITEMS, location_id), workdir / "kiosk-warm-up")
    empty_records(engine)
    subject, baseline = [], []
    for round_no in range(ROUNDS):
        baseline.append(RECORDS / direct_insert(engine, help_requests(RECORDS, location_id), device_id))
        empty_records(engine)
        subject.append(RECORDS / drain(server_url, token, help_requests(RECORDS, location_id),
                                       workdir / f"kiosk-{round_no}"))
        if stored_count(engine) != RECORDS:
            raise RuntimeError("sync_drain: the server does not hold every record")
        empty_records(engine)
        log(f"  sync_drain round {round_no + 1}/{ROUNDS}: drain {subject[-1]:,.0f}/s, direct {baseline[-1]:,.0f}/s")
    rate, base = median(subject), median(baseline)
    return Result("sync_drain", rate, base, "records/s", f"ratio <= 2 and >= {MIN_RATE:,} records/s",
                  base / rate <= 2 and rate >= MIN_RATE, base / rate,
                  {"records": RECORDS, "rounds": ROUNDS, "drain_rates": subject, "direct_rates": baseline})


# --- server_load ------------------------------------------------------------------------------
def batch_bodies(location_id: str, batches: int) -> list[bytes]:
    bodies = []
    for _ in range(batches):
        items = [BatchItem(id=r.id, kind=r.kind, content_hash=content_hash(p), payload=p).model_dump(mode="json")
                 for r in help_requests(ITEMS, location_id) for p in [record_payload(r)]]
        bodies.append(json.dumps({"device_time": datetime.now(UTC).isoformat(), "items": items}).encode())
    return bodies


async def _push(server_url: str, kiosks: list[tuple[str, list[bytes]]]) -> tuple[list[float], list[str]]:
    """Every kiosk sends its batches one after another; all kiosks start together."""
    latencies: list[float] = []
    errors: list[str] = []
    start = asyncio.Event()

    async def kiosk(token: str, bodies: list[bytes]) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        # TCP_NODELAY as the kiosk's own client (requests/urllib3) has: without it httpx's separate
        # header and body writes wait for the server's delayed ACK, 40 ms a request.
        transport = httpx.AsyncHTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        async with httpx.AsyncClient(base_url=server_url, headers=headers, timeout=60, transport=transport) as client:
            await start.wait()
            for body in bodies:
                began = time.perf_counter()
                try:
                    response = await client.post("/v1/records:batch", content=body)
                    ok = response.status_code == 200
                    statuses = {r["status"] for r in response.json()["results"]} if ok else set()
                    if response.status_code != 200 or statuses != {"created"}:
                        errors.append(f"HTTP {response.status_code} {sorted(statuses)}")
                except (httpx.HTTPError, ValueError, KeyError) as exc:
                    errors.append(type(exc).__name__)
                latencies.append((time.perf_counter() - began) * 1000)

    tasks = [asyncio.create_task(kiosk(token, bodies)) for token, bodies in kiosks]
    await asyncio.sleep(0.5)  # every client created before the start signal
    start.set()
    await asyncio.gather(*tasks)
    return latencies, errors


def server_load(engine: Engine, server_url: str) -> Result:
    _, solo_token, location_id = enroll(engine, "bench-solo")
    solo = [(solo_token, batch_bodies(location_id, SOLO_REQUESTS))]
    solo_latencies, solo_errors = asyncio.run(_push(server_url, solo))
    empty_records(engine)
    kiosks = [(enroll(engine, f"bench-kiosk-{i}")[1], batch_bodies(location_id, BATCHES)) for i in range(KIOSKS)]
    started = time.perf_counter()
    latencies, errors = asyncio.run(_push(server_url, kiosks))
    elapsed = time.perf_counter() - started
    expected = KIOSKS * BATCHES * ITEMS
    missing = expected - stored_count(engine)
    if missing:
        errors.append(f"{missing} records missing from the database")
    empty_records(engine)
    p95, solo95 = percentile(latencies, 95), percentile(solo_latencies, 95)
    return Result("server_load", p95, solo95, "ms", "0 errors", not errors and not solo_errors, p95 / solo95,
                  {"kiosks": KIOSKS, "requests": len(latencies), "records": expected, "errors": len(errors),
                   "error_kinds": sorted(set(errors))[:10], "p50_ms": percentile(latencies, 50),
                   "max_ms": max(latencies), "seconds": elapsed, "records_per_s": expected / elapsed,
                   "solo_p50_ms": percentile(solo_latencies, 50)})


def run() -> list[Result]:
    with local_postgres() as database_url, running_server(database_url) as server_url, \
            tempfile.TemporaryDirectory(prefix="digipunt-bench-") as workdir:
        engine = create_engine(database_url)
        try:
            return [sync_drain(engine, server_url, Path(workdir)), server_load(engine, server_url)]
        finally:
            engine.dispose()
