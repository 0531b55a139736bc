"""`make reliability [TRIALS=N] [JOBS=J]`: run N seeded fault trials and print the loss/duplicate summary.

    reliability: trials=N records=R lost=L duplicated=D conflicts=C

Exits non-zero unless lost=0 and duplicated=0 (and every outbox drained).

`make reliability-multi` (--multi-process): every trial runs nginx with the shipped config in front
of --servers server processes (default 3) on one PostgreSQL database (DIGIPUNT_TEST_PG_URL or
--database-url), and kill -9s and rolling-restarts those processes while the kiosks sync. A failing trial prints
its seed and schedule; replay it with `python -m tests.reliability --seed SEED --trials 1`.
JOBS trials run side by side, each in its own process (Alembic's migration context is process-wide)
with its own server, kiosks and proxy; trial n always gets seed first+n and the same database,
whatever JOBS is, so a replay does not depend on it.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from sync.server.db import make_server_engine, migrate
from tests.reliability.harness import timed_trial
from tests.reliability.nginx import missing as nginx_missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability")
    parser.add_argument("--trials", type=int, default=int(os.environ.get("TRIALS", 20)))
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", 1)),
                        help="trials run side by side (default 1)")
    parser.add_argument("--seed", type=int, default=None, help="first seed (default: from the clock)")
    parser.add_argument("--database-url", default=None,
                        help="server database (default: alternate a SQLite file and DIGIPUNT_TEST_PG_URL if set)")
    parser.add_argument("--quota", type=int, default=40, help="records each kiosk writes per trial")
    parser.add_argument("--chaos-seconds", type=float, default=6.0)
    parser.add_argument("--multi-process", action="store_true",
                        help="nginx in front of several server processes on one PostgreSQL database")
    parser.add_argument("--servers", type=int, default=3, help="server processes with --multi-process (default 3)")
    args = parser.parse_args(argv)
    servers = max(2, args.servers) if args.multi_process else 1
    logging.basicConfig(level=logging.ERROR)
    first_seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    pg_url = os.environ.get("DIGIPUNT_TEST_PG_URL")

    if args.multi_process:
        if not (args.database_url or pg_url):
            parser.error("--multi-process needs PostgreSQL: --database-url, or run it under .ci/with-postgres")
        if (reason := nginx_missing()) is not None:
            parser.error(reason)

    def database_for(n: int) -> str | None:
        if args.multi_process:
            return args.database_url or pg_url
        return args.database_url or (pg_url if pg_url and n % 2 else None)

    for url in {database_for(n) for n in range(min(args.trials, 2))} - {None}:
        engine = make_server_engine(url)  # once up front: parallel trials never race to migrate it
        migrate(engine)
        engine.dispose()

    totals = dict(records=0, lost=0, duplicated=0, conflicts=0)
    failed = 0
    with (tempfile.TemporaryDirectory(prefix="digipunt-reliability-") as tmp,
          ProcessPoolExecutor(max_workers=max(1, args.jobs), mp_context=multiprocessing.get_context("spawn")) as pool):
        futures = {pool.submit(timed_trial, first_seed + n, Path(tmp) / f"trial-{first_seed + n}", database_for(n),
                               args.quota, args.chaos_seconds, servers): n for n in range(args.trials)}
        for future in as_completed(futures):
            result, seconds = future.result()
            database_url = database_for(futures[future])
            backend = "postgresql" if database_url and database_url.startswith("postgresql") else "sqlite"
            for key in totals:
                totals[key] += getattr(result, key)
            print(f"trial seed={result.seed} db={backend} records={result.records} (lending {result.lending}, "
                  f"workshops {result.workshops}) lost={result.lost} "
                  f"duplicated={result.duplicated} conflicts={result.conflicts} undrained={result.undrained} "
                  f"corrupt={result.corrupt} "
                  f"kills={sum('kill' in s for s in result.schedule)} faults={result.faults} "
                  + (f"servers={servers} rolling={sum('rolling' in s for s in result.schedule)} "
                     f"nginx={result.balancer_statuses} " if servers > 1 else "") +
                  f"{seconds:.1f}s", flush=True)
            if not result.ok:
                failed += 1
                print(f"FAILED trial seed={result.seed}; replay: python -m tests.reliability "
                      f"--seed {result.seed} --trials 1" + (f" --database-url {database_url}" if database_url else "")
                      + (f" --multi-process --servers {servers}" if servers > 1 else ""))
                print("\n".join("  " + line for line in result.schedule), flush=True)
    print(f"reliability: trials={args.trials} records={totals['records']} lost={totals['lost']} "
          f"duplicated={totals['duplicated']} conflicts={totals['conflicts']}")
    return 1 if failed or totals["lost"] or totals["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
