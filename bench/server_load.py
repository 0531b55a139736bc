"""server_load and server_capacity: the production topology (installer/server/) on this machine.
nginx with the shipped config (tests/reliability/nginx.py, without TLS) in front of SERVERS
`digipunt-server serve --no-migrate` processes on one throwaway PostgreSQL (bench/postgres.py),
loaded by a small asyncio HTTP/1.1 client with prepared requests, so that the client spends as
little as possible of the two cores that nginx, the servers and PostgreSQL share with it.

server_load: KIOSKS enrolled kiosks at once, each on its own kept-alive connection: BATCHES
batches of ITEMS help requests one after the other, then one reference pull (since=0, everything).
p95 latency per request; errors are any non-200, any item not `created`, any record missing from
the database afterwards. Baseline: the same burst against the stack floor (bench/floor_app.py: the
same nginx in front of as many uvicorn processes running a FastAPI app that answers at once, with
no database and no validation), so the ratio is what Digipunt's own work adds; one kiosk alone on
the idle servers is in the details.

server_capacity: how many kiosks that sync every 5 minutes the setup serves at p95 <= 500 ms. A
sync is what a kiosk does every 5 minutes, generously sized: a new connection, one batch of
ITEMS help requests (a busy kiosk logs about one in 5 minutes), one reference pull. First the
throughput: CONCURRENCY syncs back to back for SATURATE_S seconds gives the most syncs/s the
setup completes. Then syncs arrive at random (Poisson) at a fixed rate for STEP_S seconds, starting
at that throughput and stepping down by 10 % until p95 <= 500 ms with no errors. Capacity = that
rate x 300 s: the number of kiosks whose 5-minute syncs, spread over the 5 minutes, arrive at it.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import sessionmaker

from bench.common import Result, cpu_seconds, log, percentile
from bench.postgres import local_postgres, postmaster_pid
from bench.sync_server import help_requests, servers_behind_nginx
from sync.protocol import BatchItem, content_hash, record_payload
from sync.server import admin
from sync.server.db import make_server_engine, migrate
from sync.server.models import StoredRecord
from tests.reliability.harness import Proc, ServerProc, child_env
from tests.reliability.nginx import Nginx, free_port

PORT = 55435  # its own PostgreSQL port: other benchmarks may run at the same time
SERVERS = 2  # server processes: one per core measured best here (bench/README.md)
KIOSKS, BATCHES, ITEMS = 500, 5, 25
SOLO_BATCHES = 40
TARGET_MS = 500.0
TARGET_KIOSKS = 20_000  # ten times all of Flanders
SYNC_INTERVAL_S = 300
CONCURRENCY, SATURATE_S, STEP_S = 64, 10.0, 20.0


@dataclass
class Kiosk:
    token: str
    location_id: str
    requests: list[bytes] = field(default_factory=list)  # prepared HTTP/1.1 requests


def _post(token: str, body: bytes) -> bytes:
    return (f"POST /v1/records:batch HTTP/1.1\r\nHost: digipunt\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def _pull(token: str) -> bytes:
    return f"GET /v1/reference?since=0 HTTP/1.1\r\nHost: digipunt\r\nAuthorization: Bearer {token}\r\n\r\n".encode()


def _batch(location_id: str) -> bytes:
    items = [BatchItem(id=r.id, kind=r.kind, content_hash=content_hash(p), payload=p).model_dump(mode="json")
             for r in help_requests(ITEMS, location_id) for p in [record_payload(r)]]
    return json.dumps({"device_time": datetime.now(UTC).isoformat(), "items": items}).encode()


def _enroll(engine: Engine, n: int) -> list[Kiosk]:
    with sessionmaker(engine, expire_on_commit=False).begin() as session:
        location, _ = admin.ensure_location(session, "Bench load", "fixed")
        kiosks = []
        for i in range(n):
            code, _ = admin.create_enroll_code(session, location)
            device, token = admin.redeem_enroll_code(session, code, f"load-{i}")
            kiosks.append(Kiosk(token, location.id))
        return kiosks


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    return status, await reader.readexactly(length)


def _problem(request: bytes, status: int, body: bytes) -> str | None:
    if status != 200:
        return f"HTTP {status}"
    if request.startswith(b"POST"):
        statuses = {r["status"] for r in json.loads(body)["results"]}
        if statuses != {"created"}:
            return f"items {sorted(statuses)}"
    return None


async def _session(port: int, requests: list[bytes], latencies: list[float], errors: list[str],
                   start: asyncio.Event | None = None, check: bool = True) -> None:
    """One kiosk: one connection, its requests one after the other."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError as exc:
        errors.append(type(exc).__name__)
        return
    try:
        if start is not None:
            await start.wait()
        for request in requests:
            began = time.perf_counter()
            try:
                status, body = await asyncio.wait_for(_exchange(reader, writer, request), 60)
            except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
                errors.append(type(exc).__name__)
                return
            latencies.append((time.perf_counter() - began) * 1000)
            if (problem := _problem(request, status, body) if check else None) is not None:
                errors.append(problem)
    finally:
        writer.close()


async def _burst(port: int, kiosks: list[Kiosk], check: bool = True) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    start = asyncio.Event()
    tasks = [asyncio.create_task(_session(port, k.requests, latencies, errors, start, check)) for k in kiosks]
    await asyncio.sleep(1.0)  # every connection open before the start signal
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return latencies, errors, time.perf_counter() - began


def _sync_requests(kiosk: Kiosk) -> list[bytes]:
    return [_post(kiosk.token, _batch(kiosk.location_id)), _pull(kiosk.token)]


async def _saturate(port: int, kiosks: list[Kiosk], seconds: float) -> float:
    """Syncs completed per second with CONCURRENCY of them always under way."""
    done = 0
    errors: list[str] = []
    prepared = iter([_sync_requests(kiosks[i % len(kiosks)]) for i in range(int(seconds * 150))])
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        for requests in prepared:
            if time.perf_counter() > deadline:
                return
            await _session(port, requests, [], errors)
            done += 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    if errors:
        raise RuntimeError(f"server_capacity: errors while saturating: {sorted(set(errors))[:5]}")
    return done / (time.perf_counter() - began)


async def _open_loop(port: int, kiosks: list[Kiosk], rate: float, seconds: float,
                     rng: random.Random) -> tuple[list[float], list[str]]:
    """Syncs arriving at random (exponential gaps) at `rate` per second, each on a new connection."""
    n = int(rate * seconds)
    prepared = [_sync_requests(kiosks[i % len(kiosks)]) for i in range(n)]
    latencies: list[float] = []
    errors: list[str] = []
    tasks = []
    due = time.perf_counter()
    for requests in prepared:
        due += rng.expovariate(rate)
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(_session(port, requests, latencies, errors)))
    await asyncio.gather(*tasks)
    return latencies, errors


class _Cpu:
    """CPU per unit of work of the server processes, PostgreSQL and nginx, around a phase."""

    def __init__(self, engine: Engine, servers: list[ServerProc], balancer: Nginx):
        self.groups = {"servers": [s.popen.pid for s in servers if s.popen is not None],
                       "postgres": [postmaster_pid(engine)],
                       "nginx": [balancer.popen.pid] if balancer.popen is not None else []}
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        return {name: sum(cpu_seconds(pid) for pid in pids) for name, pids in self.groups.items()}

    def per(self, units: float) -> dict[str, float]:
        """ms of CPU per unit since this was made."""
        end = self._read()
        return {name: round((end[name] - self.start[name]) * 1000 / units, 2) for name in end}


def _stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(StoredRecord)) or 0


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _prepare(kiosks: list[Kiosk]) -> None:
    for kiosk in kiosks:
        kiosk.requests = [_post(kiosk.token, _batch(kiosk.location_id)) for _ in range(BATCHES)] + [_pull(kiosk.token)]


def stack_floor(kiosks: list[Kiosk], workdir: Path) -> tuple[float, float]:
    """p95 and p50 of the same burst against bench/floor_app.py behind the same nginx."""
    ports = [free_port() for _ in range(SERVERS)]
    floors = [Proc(f"floor{i}", [sys.executable, "-m", "uvicorn", "bench.floor_app:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"], child_env(), workdir / f"floor{i}.log")
              for i, port in enumerate(ports)]
    balancer = Nginx(workdir / "nginx-floor", ports)
    try:
        for proc in floors:
            proc.start()
        for port in ports:
            _wait_for(port)
        balancer.start()
        latencies, errors, _ = asyncio.run(_burst(balancer.port, kiosks, check=False))
    finally:
        balancer.stop()
        for proc in floors:
            proc.stop()
    if errors:
        raise RuntimeError(f"server_load: the stack floor had errors: {sorted(set(errors))[:5]}")
    return percentile(latencies, 95), percentile(latencies, 50)


def _wait_for(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


def server_load(engine: Engine, port: int, workdir: Path, cpu: Callable[[], _Cpu]) -> Result:
    solo = _enroll(engine, 1)[0]
    solo.requests = [_post(solo.token, _batch(solo.location_id)) for _ in range(SOLO_BATCHES)] + [_pull(solo.token)]
    solo_latencies, solo_errors, _ = asyncio.run(_burst(port, [solo]))
    before = _stored(engine)
    kiosks = _enroll(engine, KIOSKS)
    _prepare(kiosks)
    floor95, floor50 = stack_floor(kiosks, workdir)
    log(f"  server_load: stack floor p95 {floor95:,.0f} ms (load {_load()})")
    load_before = _load()
    meter = cpu()
    latencies, errors, seconds = asyncio.run(_burst(port, kiosks))
    cpu_per_request = meter.per(KIOSKS * (BATCHES + 1))
    missing = KIOSKS * BATCHES * ITEMS - (_stored(engine) - before)
    if missing:
        errors.append(f"{missing} records missing from the database")
    errors += solo_errors
    p95, solo95 = percentile(latencies, 95), percentile(solo_latencies, 95)
    log(f"  server_load: {KIOSKS} kiosks, p95 {p95:,.0f} ms, {len(errors)} errors, {seconds:.1f} s "
        f"(load {load_before} -> {_load()})")
    requests = KIOSKS * (BATCHES + 1)
    return Result("server_load", p95, floor95, "ms", f"0 errors, p95 <= {TARGET_MS:.0f} ms",
                  not errors and p95 <= TARGET_MS, p95 / floor95,
                  {"kiosks": KIOSKS, "requests": requests, "records": KIOSKS * BATCHES * ITEMS,
                   "errors": len(errors), "error_kinds": sorted(set(errors))[:10],
                   "p50_ms": percentile(latencies, 50), "max_ms": max(latencies), "seconds": seconds,
                   "requests_per_s": requests / seconds, "records_per_s": KIOSKS * BATCHES * ITEMS / seconds,
                   "solo_p95_ms": solo95, "solo_p50_ms": percentile(solo_latencies, 50),
                   "cpu_ms_per_request": cpu_per_request,
                   "floor_p50_ms": floor50, "servers": SERVERS, "via": "nginx",
                   "load_1m_before": load_before})


def server_capacity(engine: Engine, port: int, cpu: Callable[[], _Cpu]) -> Result:
    kiosks = _enroll(engine, KIOSKS)
    rng = random.Random(19)
    meter, began = cpu(), time.perf_counter()
    throughput = asyncio.run(_saturate(port, kiosks, SATURATE_S))
    cpu_per_sync = meter.per(throughput * (time.perf_counter() - began))
    log(f"  server_capacity: saturated at {throughput:,.1f} syncs/s (load {_load()}); CPU per sync "
        + ", ".join(f"{name} {ms} ms" for name, ms in cpu_per_sync.items()))
    steps = []
    rate = throughput
    while rate >= throughput * 0.3:
        load_before = _load()
        latencies, errors = asyncio.run(_open_loop(port, kiosks, rate, STEP_S, rng))
        p95 = percentile(latencies, 95)
        steps.append({"syncs_per_s": round(rate, 1), "p95_ms": round(p95, 1), "errors": len(errors),
                      "load_1m_before": load_before})
        log(f"  server_capacity: {rate:,.1f} syncs/s -> p95 {p95:,.0f} ms, {len(errors)} errors (load {load_before})")
        if p95 <= TARGET_MS and not errors:
            break
        rate *= 0.9
    served = steps[-1]["p95_ms"] <= TARGET_MS and not steps[-1]["errors"]
    kiosks_served = rate * SYNC_INTERVAL_S if served else 0.0
    flat_out = throughput * SYNC_INTERVAL_S  # the baseline: every sync/s the setup completes, waits ignored
    return Result("server_capacity", kiosks_served, flat_out, "kiosks",
                  f">= {TARGET_KIOSKS:,} kiosks syncing every 5 min at p95 <= {TARGET_MS:.0f} ms",
                  kiosks_served >= TARGET_KIOSKS, flat_out / kiosks_served if kiosks_served else float("inf"),
                  {"saturated_syncs_per_s": throughput, "cpu_ms_per_sync": cpu_per_sync, "steps": steps,
                   "servers": SERVERS, "via": "nginx",
                   "sync": f"new connection, 1 batch of {ITEMS}, 1 reference pull"})


def run() -> list[Result]:
    with local_postgres(PORT) as database_url, tempfile.TemporaryDirectory(prefix="digipunt-bench-load-") as tmp:
        engine = make_server_engine(database_url)
        migrate(engine)
        try:
            with servers_behind_nginx(database_url, Path(tmp), SERVERS) as (servers, balancer):
                def cpu() -> _Cpu:
                    return _Cpu(engine, servers, balancer)

                return [server_load(engine, balancer.port, Path(tmp), cpu),
                        server_capacity(engine, balancer.port, cpu)]
        finally:
            engine.dispose()
