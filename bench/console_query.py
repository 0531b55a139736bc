"""console_query: the coordinator console on a city's three years, 1 million help requests at 40
locations (bench/console_seed.py), in PostgreSQL, through the real server (`digipunt-server serve`,
its own process) and HTTP, as a browser asks for the pages.

Measured: the overview (this month, 12 months, the subsidy period; a city admin, a location
coordinator, another period) and the records table (this month; a year with each filter; a deep
page; three years; shifts), each `ROUNDS` times after a warm-up; the value is the p95 of all of them
together, per page in the details. Baseline: the login page, which reads nothing (HTTP, the
server's routing and one template). Also a year of help requests as XLSX (about 330,000 rows),
streamed to the end: seconds, size, the server's peak memory; first on a cold cache (the cluster
restarted, its files dropped from the page cache: a coordinator's first export of the morning),
then again warm. The target is on the cold one, so the figure does not depend on what ran before.
The server's CPU seconds (per page, and for each XLSX) say how much of a figure is work and how
much the wait for a core on a shared machine.

The cluster lives in DIGIPUNT_BENCH_CACHE (default /var/tmp)/digipunt-bench-console-pg and keeps
its seeded data: the first run of a month seeds (several minutes), later runs reuse it.
"""
from __future__ import annotations

import os
import time
from calendar import monthrange
from datetime import date
from pathlib import Path

import requests
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bench.common import Result, log, median, percentile
from bench.console_seed import seed
from bench.postgres import local_postgres
from bench.sync_server import running_server
from sync.server.console import auth
from sync.server.console.web import COOKIE, ZONE
from sync.server.db import make_server_engine, migrate, utcnow
from sync.server.models import ConsoleUser, Helper, Location

CACHE = Path(os.environ.get("DIGIPUNT_BENCH_CACHE", "/var/tmp")) / "digipunt-bench-console-pg"
PORT = 55434
ROUNDS = 5
TARGET_MS = 300.0
XLSX_TARGET_S = 10.0
PASSWORD = "bench-wachtwoord-lang"


def _logins(engine: Engine, coordinator_places: list[str]) -> dict[str, str]:
    """Session cookies of a city admin and of a coordinator of two locations."""
    now = utcnow()
    with Session(engine) as session, session.begin():
        if not session.scalar(select(ConsoleUser.id).where(ConsoleUser.username == "bench-admin")):
            auth.create_user(session, "bench-admin", "Bench", PASSWORD, "admin", [], now=now)
            auth.create_user(session, "bench-coord", "Bench", PASSWORD, "coordinator", coordinator_places, now=now)
        return {name: auth.login(session, name, PASSWORD, "bench", now)[0] for name in ("bench-admin", "bench-coord")}


def _server_pid() -> int:
    """The server process: the child of this process that runs sync.server.cli."""
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            if b"sync.server.cli" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return int(pid)
    raise RuntimeError("no server process")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """CPU seconds the process has used (user + system): on a loaded machine, the work done, apart
    from the wait for a core."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _evict(directory: Path) -> None:
    """Drop the stopped cluster's files from the page cache (posix_fadvise: no root needed, unlike
    drop_caches), so that the next read of each comes from the disk."""
    for path in directory.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)  # a page not yet written back stays in the cache
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _get(base: str, cookie: str, path: str, stream: bool = False) -> requests.Response:
    response = requests.get(base + path, headers={"Cookie": f"{COOKIE}={cookie}"}, allow_redirects=False,
                            stream=stream, timeout=120)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return response


def _download(base: str, cookie: str, path: str, pid: int) -> dict[str, float]:
    """Seconds to stream `path` to the end, its size, the server's CPU seconds and peak memory."""
    cpu_before = _cpu_s(pid)
    started = time.perf_counter()
    size = 0
    with _get(base, cookie, path, stream=True) as response:
        for chunk in response.iter_content(1 << 16):
            size += len(chunk)
    return {"s": round(time.perf_counter() - started, 2), "mib": round(size / 2**20, 1),
            "server_cpu_s": round(_cpu_s(pid) - cpu_before, 2), "server_peak_rss_mib": round(_peak_rss_mib(pid), 1)}


def run() -> list[Result]:
    today = utcnow().astimezone(ZONE).date()
    end = today.replace(day=monthrange(today.year, today.month)[1])  # seeded through this month: same all month
    with local_postgres(PORT, keep=CACHE) as url:
        engine = make_server_engine(url)
        migrate(engine)
        started = time.perf_counter()
        info = seed(engine, end)
        seed_s = time.perf_counter() - started
        log(f"bench: console_query: {info['help_requests']:,} help requests ({seed_s:.0f} s to seed or find)")
        with engine.connect() as conn:
            sizes = {name: conn.execute(text(f"SELECT pg_total_relation_size('{name}')")).scalar() / 2**20
                     for name in ("records", "help_request_heads")}
            sizes["database"] = conn.execute(text("SELECT pg_database_size(current_database())")).scalar() / 2**20
        with Session(engine) as session:
            places = list(session.scalars(select(Location.id).order_by(Location.name)))
            helper = session.scalar(select(Helper.id).order_by(Helper.id))
        cookies = _logins(engine, places[:2])
        engine.dispose()
        year_ago = date(today.year - 1, today.month, 1).isoformat()
        year = f"start={year_ago}&end={today.isoformat()}"
        last_year = f"start={today.year - 1}-01-01&end={today.year - 1}-12-31"
        pages = {
            "overview": ("bench-admin", "/console/overzicht"),
            "overview_coordinator": ("bench-coord", "/console/overzicht"),
            "overview_last_year": ("bench-admin", f"/console/overzicht?{last_year}"),
            "records_month": ("bench-admin", "/console/registraties"),
            "records_year": ("bench-admin", f"/console/registraties?{year}"),
            "records_year_page_100": ("bench-admin", f"/console/registraties?{year}&page=100"),
            "records_year_topic": ("bench-admin", f"/console/registraties?{year}&topic=taxonweb"),
            "records_year_place_outcome": ("bench-admin",
                                           f"/console/registraties?{year}&location={places[5]}&outcome=not-solved"),
            "records_year_helper": ("bench-admin", f"/console/registraties?{year}&helper={helper}"),
            "records_three_years": ("bench-admin", f"/console/registraties?start={info['start']}&end={end}"),
            "records_year_shifts": ("bench-admin", f"/console/registraties?kind=shift&{year}"),
            "records_coordinator": ("bench-coord", f"/console/registraties?{year}&status=cancelled"),
        }
        with running_server(url) as base:
            pid = _server_pid()

            def timed(user: str, path: str) -> float:
                started = time.perf_counter()
                assert _get(base, cookies[user], path).content
                return (time.perf_counter() - started) * 1000

            login_ms = []
            for _ in range(ROUNDS * 4):
                started = time.perf_counter()
                requests.get(base + "/console/login", timeout=30).raise_for_status()
                login_ms.append((time.perf_counter() - started) * 1000)
            for user, path in pages.values():  # warm-up: caches, the first query plans
                timed(user, path)
            samples: dict[str, list[float]] = {name: [] for name in pages}
            cpu_before = _cpu_s(pid)
            for _ in range(ROUNDS):
                for name, (user, path) in pages.items():
                    samples[name].append(timed(user, path))

            pages_cpu_ms = (_cpu_s(pid) - cpu_before) * 1000 / (ROUNDS * len(pages))
    # The year's XLSX on a cold cache: the cluster stopped (its shared buffers gone), its files
    # dropped from the page cache, then started again with a fresh server; then once more, warm.
    _evict(CACHE)
    with local_postgres(PORT, keep=CACHE) as url, running_server(url) as base:
        pid = _server_pid()
        xlsx_path = f"/console/registraties.xlsx?{last_year}"
        rss_before = _peak_rss_mib(pid)
        cold = _download(base, cookies["bench-admin"], xlsx_path, pid)
        warm = _download(base, cookies["bench-admin"], xlsx_path, pid)

    every = [ms for values in samples.values() for ms in values]
    p95, baseline = percentile(every, 95), percentile(login_ms, 95)
    ok = p95 <= TARGET_MS and cold["s"] < XLSX_TARGET_S
    details = {
        "rounds": ROUNDS, "help_requests": info["help_requests"], "versions": info["versions"],
        "shifts": info["shifts"], "locations": info["locations"], "period": f"{info['start']} .. {info['end']}",
        "seed_or_reuse_s": round(seed_s, 1), "database": "PostgreSQL",
        "size_mib": {name: round(mib, 1) for name, mib in sizes.items()},
        "pages_ms": {name: {"p50": round(median(v), 1), "p95": round(percentile(v, 95), 1)}
                     for name, v in samples.items()},
        "overview_p95_ms": round(percentile([ms for n, v in samples.items() if n.startswith("overview") for ms in v],
                                            95), 1),
        "records_p95_ms": round(percentile([ms for n, v in samples.items() if n.startswith("records") for ms in v],
                                           95), 1),
        "server_cpu_ms_per_page": round(pages_cpu_ms, 1),
        "xlsx_year_s": cold["s"], "xlsx_year_mib": cold["mib"], "xlsx_year_cold": cold, "xlsx_year_warm": warm,
        "xlsx_server_peak_rss_mib_before": rss_before,
        "login_page_p95_ms": round(baseline, 1),
    }
    log(f"bench: console_query: p95 {p95:.0f} ms, a year's XLSX {cold['s']:.1f} s cold, {warm['s']:.1f} s warm "
        f"({cold['mib']:.1f} MiB)")
    target = f"p95 <= {TARGET_MS:.0f} ms; a year's XLSX < 10 s on a cold cache"
    return [Result("console_query", p95, baseline, "ms", target, ok, p95 / baseline, details)]
