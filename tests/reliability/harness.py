"""Randomized crash and network-fault trials: every committed record reaches the server once.

One trial, from its seed: a real server process (SQLite file or PostgreSQL), two kiosks with their
own stores, each with a writer process and a sender process, a FaultProxy between the senders and
the server, and a chaos schedule that kill -9s writers, senders and the server, and posts the same
batch twice at once. The multi-process variant (`servers` > 1) puts nginx with the shipped config
(nginx.py) between the proxy and that many server processes on one database; the schedule then
kill -9s one server process at a time and also restarts them all one after another (a rolling
restart), as installer/server/ runs them. Then a quiet period on a healthy network drains every outbox, and the kiosk
stores are compared with the server's records by UUID and content hash.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select, update
from sqlalchemy.orm import sessionmaker

from kiosk.core.demo import seed_topics
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.db import DB_FILE
from kiosk.core.store.models import HelpRequest, Meta, OutboxEntry, Shift
from kiosk.core.store.models import Loan as KioskLoan
from kiosk.sync.client import ServerApi, SyncError
from kiosk.sync.outbox import Sender, recover_inflight
from kiosk.sync.puller import Puller
from sync.protocol import LENDING_KINDS, BatchItem, BatchRequest
from sync.server import admin, lending, workshops
from sync.server.db import make_server_engine, migrate
from sync.server.models import Device, Loan, StoredRecord, Workshop
from tests.reliability.faultproxy import FaultProxy
from tests.reliability.nginx import Nginx

ROOT = Path(__file__).resolve().parents[2]
KIOSKS = 2
ACTIONS = ("kill-writer", "kill-sender", "kill-server", "double-post", "pause", "rolling-restart")
QUIET_DEADLINE = 90.0  # seconds for a healthy network to drain every outbox: more means a wedged queue


@dataclass
class TrialResult:
    seed: int
    records: int = 0
    lending: int = 0  # of the records: devices, loans, returns, extensions, contact erasures
    workshops: int = 0  # of the records: workshop attendance (workshop_session)
    lost: int = 0
    duplicated: int = 0
    conflicts: int = 0
    undrained: int = 0
    corrupt: int = 0  # kiosk stores moved aside as corrupt: their records are gone from the kiosk
    schedule: list[str] = field(default_factory=list)
    faults: dict[str, int] = field(default_factory=dict)
    database_url: str = ""
    balancer_statuses: dict[str, int] = field(default_factory=dict)  # what nginx answered, multi-process
    kiosks: list[tuple[Path, str]] = field(default_factory=list)  # (data dir, device id)

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.undrained == 0 and self.corrupt == 0


class Proc:
    """A restartable child process that the chaos schedule may kill -9."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.popen: subprocess.Popen | None = None
        self.done = False  # exited 0 on its own: do not restart

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(self.argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)

    def running(self) -> bool:
        if self.popen is None:
            return False
        code = self.popen.poll()
        if code == 0:
            self.done = True
        elif code not in (None, -signal.SIGKILL, 137):  # 137: a sender's own injected crash
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{self.name} failed with exit code {code}:\n{tail}")
        return code is None

    def kill(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait()

    def stop(self) -> None:
        """SIGTERM, as systemd stops a unit: a server finishes what is in flight first."""
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            self.popen.wait(30)


class ServerProc(Proc):
    def __init__(self, database_url: str, env: dict[str, str], log: Path, name: str = "server",
                 options: tuple[str, ...] = ()):
        super().__init__(name, [], env, log)
        self.database_url, self.port, self.options = database_url, 0, options

    def start(self) -> None:
        # --no-migrate, as in production: the trial migrated the database once, before any server.
        self.argv = [sys.executable, "-m", "sync.server.cli", "--database-url", self.database_url, "serve",
                     "--no-migrate", "--port", str(self.port), "--log-level", "warning", *self.options]
        # A restart reuses the port; right after a kill -9 another process's outgoing connection
        # may hold it as its ephemeral port for a moment, so binding is retried.
        for _ in range(40):
            self.popen = subprocess.Popen(self.argv, env=self.env, stdout=subprocess.PIPE,
                                          stderr=self.log.open("ab"), cwd=ROOT, text=True)
            line = self.popen.stdout.readline()
            if "listening on" in line:
                break
            self.popen.wait()
            time.sleep(0.25)
        else:
            raise RuntimeError(f"server did not start: {line!r} (see {self.log})")
        self.port = int(line.rsplit(":", 1)[1])
        # The port is reused on restart: wait until it answers, as rolling-restart.sh does.
        for _ in range(100):
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer /healthz")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DIGIPUNT_DATA_DIR", None)
    return env


def _set_up_server(database_url: str, seed: int, workdir: Path) -> list[str]:
    """A location, a helper, the coordinators' key for borrowers' contacts and two workshops held
    an hour ago (published before the kiosks enroll, so their first pull brings them) and one
    enrollment code per kiosk, straight in the server database."""
    engine = make_server_engine(database_url)
    migrate(engine)
    with sessionmaker(engine).begin() as session:
        (workdir / "lending-key").unlink(missing_ok=True)  # a rerun in the same directory
        lending.init_key(session, workdir / "lending-key")
        location, _ = admin.ensure_location(session, f"Digibus trial {seed}", "digibus")
        admin.add_helper(session, f"Helper {seed}", "digihelper", "135790")
        held = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        for title in ("Veilig online bankieren", "Werken met itsme"):
            workshops.plan_workshop(session, title, held, location.id, 20)
        codes = [admin.create_enroll_code(session, location)[0] for _ in range(KIOSKS)]
    engine.dispose()
    return codes


def _enroll_kiosk(data_dir: Path, url: str, code: str) -> tuple[str, str]:
    """Enroll, then pull helpers and locations, as the staff enrollment screen does."""
    data_dir.mkdir(parents=True, exist_ok=True)
    answer = ServerApi(url).enroll(code, data_dir.name)
    store = open_store(data_dir)
    seed_topics(store)
    with store.transaction() as session:  # where the kiosk stands, as SyncEngine.enroll keeps it
        session.add_all([Meta(key=meta_keys.DEVICE_ID, value=str(answer.device_id)),
                         Meta(key=meta_keys.LOCATION_ID, value=str(answer.location_id))])
    api = ServerApi(url, answer.token)
    Puller(store, api).pull()
    api.close()
    store.close()
    return str(answer.device_id), answer.token


def _post_same_batch_twice(data_dir: Path, url: str, token: str, rng: random.Random,
                           while_posting: Callable[[], None] | None = None) -> None:
    """Two identical batches at once, straight to the server (as two racing senders would).
    `while_posting` runs once both are on their way (the multi-process trial kills a server then).
    Like a sender's claim, the read counts an attempt before anything is posted: an erase changes
    only a loan entry never posted (attempts 0), and the kiosk must know these may have been."""
    store = open_store(data_dir)
    with store.transaction() as session:
        entries = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc()).limit(rng.randint(1, 20))).all()
        items = [BatchItem(id=e.record_id, kind=e.kind, content_hash=e.content_hash, payload=json.loads(e.payload))
                 for e in entries]
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_([e.seq for e in entries]))
                        .values(attempts=OutboxEntry.attempts + 1))
    store.close()
    if not items:
        return
    body = BatchRequest(device_time=datetime.now(UTC), items=items).model_dump_json().encode()

    def post():
        api = ServerApi(url, token, timeout=(2.0, 5.0))
        try:
            api.post_batch(body)
        except SyncError:
            pass
        finally:
            api.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    if while_posting is not None:
        while_posting()
    for t in threads:
        t.join()


def _drain(data_dir: Path, url: str, token: str, deadline: float) -> int:
    """Push until nothing is pending; returns what is still waiting at the deadline."""
    store = open_store(data_dir)
    recover_inflight(store)
    api = ServerApi(url, token, timeout=(2.0, 10.0))
    try:
        while time.monotonic() < deadline:
            try:
                Sender(store, api).send_pending()
            except SyncError:
                time.sleep(0.2)
                continue
            break
        with store.read() as session:
            return session.scalar(select(func.count()).select_from(OutboxEntry)
                                  .where(OutboxEntry.state.in_(("pending", "inflight"))))
    finally:
        api.close()
        store.close()


def _kiosk_records(data_dir: Path) -> tuple[dict[str, str], int, list[str]]:
    """(record id -> content hash) of every committed record, parked count, and inconsistencies
    between the records and their outbox entries."""
    store = open_store(data_dir)
    with store.read() as session:
        outbox = dict(session.execute(select(OutboxEntry.record_id, OutboxEntry.content_hash)).all())
        parked = session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "parked")) or 0
        record_ids = set(session.scalars(select(HelpRequest.id)))
        record_ids |= set(session.scalars(select(Shift.id).where(Shift.ended_at.is_not(None))))
        record_ids |= set(session.scalars(select(KioskLoan.id)))
        # Devices, returns, extensions, erasures and workshop attendance live only as their outbox entries.
        record_ids |= set(session.scalars(select(OutboxEntry.record_id).where(OutboxEntry.kind.in_(
            [kind for kind in LENDING_KINDS if kind != "loan"] + ["workshop_session"]))))
        kept = session.scalar(select(func.count()).select_from(KioskLoan).join(
            OutboxEntry, OutboxEntry.record_id == KioskLoan.id).where(
            OutboxEntry.state == "sent", KioskLoan.contact_sealed.is_not(None))) or 0
        kept += sum(json.loads(payload).get("contact_sealed") is not None for payload in session.scalars(
            select(OutboxEntry.payload).where(OutboxEntry.kind == "loan", OutboxEntry.state == "sent")))
    store.close()
    problems = [f"record {rid} has no outbox entry" for rid in record_ids - set(outbox)]
    problems += [f"outbox entry {rid} has no record" for rid in set(outbox) - record_ids]
    problems += [f"{kept} times a sent loan's sealed contact is still here (row or payload)"] if kept else []
    return outbox, parked, problems


def _outbox_entry(kiosks: list[tuple[Path, str]], kiosk: str, record_id: str) -> str:
    """The kind, state and attempts of a record's outbox entry on that kiosk (for a loss's report)."""
    store = open_store(next(data_dir for data_dir, _ in kiosks if data_dir.name == kiosk))
    try:
        with store.read() as session:
            entry = session.scalar(select(OutboxEntry).where(OutboxEntry.record_id == record_id))
            return "no outbox entry" if entry is None else f"{entry.kind}, {entry.state}, {entry.attempts} attempts"
    finally:
        store.close()


def _lending_mismatches(database_url: str, kiosks: list[tuple[Path, str]]) -> tuple[list[str], int]:
    """The server's loans must add up exactly the kiosks' lending records: one row per loan, with
    as many returns as were committed, the contact present unless it was erased."""
    expected: dict[str, dict[str, int]] = {}
    total = 0
    for data_dir, _ in kiosks:
        store = open_store(data_dir)
        with store.read() as session:
            entries = session.execute(select(OutboxEntry.kind, OutboxEntry.payload)
                                      .where(OutboxEntry.kind.in_(list(LENDING_KINDS)))).all()
        store.close()
        total += len(entries)
        for kind, payload in entries:
            data = json.loads(payload)
            loan = expected.setdefault(data["id"] if kind == "loan" else data.get("loan_id", ""), {})
            loan[kind] = loan.get(kind, 0) + 1
    expected.pop("", None)  # device records
    engine = make_server_engine(database_url)
    with engine.connect() as conn:
        rows = {row.id: row for row in conn.execute(select(Loan.id, Loan.lent_at, Loan.returns, Loan.contact_sealed,
                                                           Loan.contact_erased_at))}
    engine.dispose()
    problems = []
    for loan_id, kinds in expected.items():
        row = rows.get(loan_id)
        if row is None or (row.lent_at is None) != ("loan" not in kinds) or row.returns != kinds.get("loan_return", 0):
            problems.append(f"loan {loan_id}: server {row and (row.lent_at, row.returns)} vs kiosk {kinds}")
        elif (row.contact_sealed is None) != ("loan_contact_erase" in kinds):
            problems.append(f"loan {loan_id}: contact {'missing' if row.contact_sealed is None else 'kept'}")
    return problems, total


def _workshop_mismatches(database_url: str, kiosks: list[tuple[Path, str]]) -> tuple[list[str], int]:
    """The server's attendance per workshop must be the newest record any kiosk committed for it
    (a correction is a newer record; two kiosks may record one session)."""
    newest: dict[str, tuple[str, int]] = {}  # workshop id -> (recorded_at, attendees)
    total = 0
    for data_dir, _ in kiosks:
        store = open_store(data_dir)
        with store.read() as session:
            payloads = list(session.scalars(select(OutboxEntry.payload)
                                            .where(OutboxEntry.kind == "workshop_session")))
        store.close()
        total += len(payloads)
        for payload in payloads:
            data = json.loads(payload)
            seen = newest.get(data["workshop_id"])
            if seen is None or datetime.fromisoformat(data["recorded_at"]) > datetime.fromisoformat(seen[0]):
                newest[data["workshop_id"]] = (data["recorded_at"], data["attendees"])
    engine = make_server_engine(database_url)
    with sessionmaker(engine)() as session:
        # This trial's workshops only: trials (and a test session's PostgreSQL tests) share the database.
        places = select(Device.location_id).where(Device.id.in_([device_id for _, device_id in kiosks]))
        ours = set(session.scalars(select(Workshop.id).where(Workshop.location_id.in_(places))))
        on_server = {wid: n for wid, n in workshops.attendance(session).items() if wid in ours}
    engine.dispose()
    expected = {workshop_id: attendees for workshop_id, (_, attendees) in newest.items()}
    problems = [f"workshop {wid}: server {on_server.get(wid)} attendees vs kiosk {n}"
                for wid, n in expected.items() if on_server.get(wid) != n]
    problems += [f"workshop {wid}: on the server, recorded by no kiosk" for wid in set(on_server) - set(expected)]
    return problems, total


def run_trial(seed: int, workdir: Path, database_url: str | None, *, quota: int = 40,
              chaos_seconds: float = 6.0, servers: int = 1) -> TrialResult:
    rng = random.Random(seed)
    result = TrialResult(seed=seed)
    log = result.schedule.append
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{workdir / 'server.sqlite3'}"
    env = child_env()
    codes = _set_up_server(database_url, seed, workdir)
    processes = [ServerProc(database_url, env, workdir / f"server{i}.log", f"server{i}" if servers > 1 else "server")
                 for i in range(servers)]
    balancer = Nginx(workdir / "nginx", []) if servers > 1 else None
    try:
        for server in processes:
            server.start()
        if balancer is not None:
            balancer.ports = [server.port for server in processes]
            balancer.start()
    except BaseException:
        for server in processes:
            server.kill()
        raise
    entry_port = balancer.port if balancer is not None else processes[0].port
    url = f"http://127.0.0.1:{entry_port}"
    kiosks = []
    for i, code in enumerate(codes):
        data_dir = workdir / f"kiosk{i}"
        device_id, token = _enroll_kiosk(data_dir, url, code)
        kiosks.append((data_dir, device_id, token))
    proxy = FaultProxy(entry_port, seed=seed, fault_rate=rng.uniform(0.2, 0.6), max_delay=0.3)
    proxy_url = f"http://127.0.0.1:{proxy.port}"
    worker = [sys.executable, "-m", "tests.reliability.worker"]
    writers = [Proc(f"writer{i}", [*worker, "write", str(d), str(quota), str(seed * 10 + i)], env,
                    workdir / f"writer{i}.log")
               for i, (d, _, _) in enumerate(kiosks)]
    senders = [Proc(f"sender{i}", [*worker, "send", str(d), proxy_url, token, str(seed * 10 + i), "0.05"], env,
                    workdir / f"sender{i}.log") for i, (d, _, token) in enumerate(kiosks)]
    children = [*writers, *senders]
    try:
        for proc in children:
            proc.start()
        started = time.monotonic()
        # Every multi-process trial kills a server process and restarts them all at least once.
        owed = {"kill-server", "rolling-restart"} if servers > 1 else set()
        while time.monotonic() - started < chaos_seconds or not all(w.done for w in writers) or owed:
            if time.monotonic() - started > max(chaos_seconds * 10, 120):
                raise RuntimeError("writers did not reach their quota")
            time.sleep(rng.uniform(0.2, 1.0))
            t = f"{time.monotonic() - started:6.2f}s"
            # A weight of 0 keeps a single-server seed's schedule what it was before rolling restarts.
            action = rng.choices(ACTIONS, weights=(2, 3, 1, 1, 3, 0) if servers == 1 else (2, 3, 2, 1, 3, 0.5))[0]
            if owed and time.monotonic() - started >= chaos_seconds:
                action = min(owed)
            owed.discard(action)
            if action == "kill-writer":
                target = rng.choice(writers)
                if target.running():
                    target.kill()
                    log(f"{t} kill -9 {target.name}")
            elif action == "kill-sender":
                target = rng.choice(senders)
                target.kill()
                log(f"{t} kill -9 {target.name}")
            elif action == "kill-server":
                server = rng.choice(processes)
                if servers > 1:  # with batches on their way through nginx, so that requests die with it
                    data_dir, _, token = rng.choice(kiosks)
                    pause = rng.uniform(0.0, 0.1)

                    def kill_soon(server: ServerProc = server, pause: float = pause) -> None:
                        time.sleep(pause)
                        server.kill()
                    _post_same_batch_twice(data_dir, url, token, rng, kill_soon)
                server.kill()
                log(f"{t} kill -9 {server.name}" + (" with batches in flight" if servers > 1 else ""))
                time.sleep(rng.uniform(0, 0.5))
                server.start()
            elif action == "rolling-restart":
                for server in processes:  # one at a time, each healthy before the next goes
                    server.stop()
                    server.start()
                log(f"{t} rolling restart of {servers} server processes")
            elif action == "double-post":
                data_dir, _, token = rng.choice(kiosks)
                _post_same_batch_twice(data_dir, url, token, rng)
                log(f"{t} same batch posted twice from {data_dir.name}")
            for proc in children:  # whatever died comes back, as a kiosk restarts
                if not proc.running() and not proc.done:
                    proc.start()

        # Quiet period: a healthy network, no more kills; every outbox must drain.
        log("quiet period")
        for proc in senders:
            proc.kill()
        proxy.fault_rate = 0.0
        deadline = time.monotonic() + QUIET_DEADLINE
        result.undrained = sum(_drain(d, proxy_url, token, deadline) for d, _, token in kiosks)
    finally:
        for proc in children:
            proc.kill()
        for server in processes:
            server.kill()
        proxy.close()
        result.faults = dict(proxy.counts)
        if balancer is not None:
            balancer.stop()
            result.balancer_statuses = dict(balancer.statuses())

    result.database_url, result.kiosks = database_url, [(d, device) for d, device, _ in kiosks]
    return verify(result)


def timed_trial(seed: int, workdir: Path, database_url: str | None, quota: int,
                chaos_seconds: float, servers: int = 1) -> tuple[TrialResult, float]:
    """run_trial and its duration in seconds; a module-level function, so a process pool can run it."""
    began = time.monotonic()
    result = run_trial(seed, workdir, database_url, quota=quota, chaos_seconds=chaos_seconds, servers=servers)
    return result, time.monotonic() - began


def verify(result: TrialResult) -> TrialResult:
    """Compare every kiosk's committed records with the server's, by UUID and content hash. A kiosk
    store that failed its integrity check was moved aside and replaced by an empty one: the records
    in it can no longer be compared, so that fails the trial on its own."""
    log, kiosks = result.schedule.append, result.kiosks
    result.records = result.lending = result.workshops = 0
    result.lost = result.duplicated = result.conflicts = result.corrupt = 0
    engine = make_server_engine(result.database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(StoredRecord.id, StoredRecord.content_hash)
                            .where(StoredRecord.device_id.in_([device for _, device in kiosks]))).all()
    engine.dispose()
    on_server: dict[str, str] = {}
    for record_id, digest in rows:
        if record_id in on_server:
            result.duplicated += 1
        on_server[record_id] = digest
    committed: dict[str, str] = {}
    where: dict[str, str] = {}  # record id -> the kiosk that holds it, for the report of a loss
    for data_dir, _ in kiosks:
        outbox, parked, problems = _kiosk_records(data_dir)  # opening checks integrity: after it
        for moved in sorted(data_dir.glob(f"{DB_FILE}.corrupt-*")):
            if not moved.name.endswith(("-wal", "-shm")):
                result.corrupt += 1
                log(f"CORRUPT {data_dir.name}: the store was moved aside as {moved.name}")
        result.conflicts += parked
        result.lost += len(problems)  # a record without its outbox entry can never arrive
        for problem in problems:
            log(f"PROBLEM {data_dir.name}: {problem}")
        committed.update(outbox)
        where.update(dict.fromkeys(outbox, data_dir.name))
    result.records = len(committed)
    for record_id, digest in committed.items():
        if on_server.get(record_id) != digest:
            result.lost += 1
            log(f"LOST {record_id} of {where[record_id]} ({_outbox_entry(kiosks, where[record_id], record_id)}): "
                f"on the server {'with another content hash' if record_id in on_server else 'not at all'}")
    mismatches, result.lending = _lending_mismatches(result.database_url, kiosks)
    for problem in mismatches:
        result.lost += 1
        log(f"LENDING {problem}")
    mismatches, result.workshops = _workshop_mismatches(result.database_url, kiosks)
    for problem in mismatches:
        result.lost += 1
        log(f"WORKSHOP {problem}")
    phantoms = set(on_server) - set(committed)
    result.duplicated += len(phantoms)  # on the server, but no kiosk committed it
    return result
