"""`make reliability [TRIALS=N]`: run N seeded fault trials and print the loss/duplicate summary.

    reliability: trials=N records=R lost=L duplicated=D conflicts=C

Exits non-zero unless lost=0 and duplicated=0 (and every outbox drained). A failing trial prints
its seed and schedule; replay it with `python -m tests.reliability --seed SEED --trials 1`.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.harness import run_trial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability")
    parser.add_argument("--trials", type=int, default=int(os.environ.get("TRIALS", 20)))
    parser.add_argument("--seed", type=int, default=None, help="first seed (default: from the clock)")
    parser.add_argument("--database-url", default=None,
                        help="server database (default: alternate a SQLite file and DIGIPUNT_TEST_PG_URL if set)")
    parser.add_argument("--quota", type=int, default=40, help="records each kiosk writes per trial")
    parser.add_argument("--chaos-seconds", type=float, default=6.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    first_seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    pg_url = os.environ.get("DIGIPUNT_TEST_PG_URL")
    totals = dict(records=0, lost=0, duplicated=0, conflicts=0)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="digipunt-reliability-") as tmp:
        for n in range(args.trials):
            seed = first_seed + n
            database_url = args.database_url or (pg_url if pg_url and n % 2 else None)
            backend = "postgresql" if database_url and database_url.startswith("postgresql") else "sqlite"
            began = time.monotonic()
            result = run_trial(seed, Path(tmp) / f"trial-{seed}", database_url, quota=args.quota,
                               chaos_seconds=args.chaos_seconds)
            for key in totals:
                totals[key] += getattr(result, key)
            print(f"trial seed={seed} db={backend} records={result.records} lost={result.lost} "
                  f"duplicated={result.duplicated} conflicts={result.conflicts} undrained={result.undrained} "
                  f"kills={sum('kill' in s for s in result.schedule)} faults={result.faults} "
                  f"{time.monotonic() - began:.1f}s", flush=True)
            if not result.ok:
                failed += 1
                print(f"FAILED trial seed={seed}; replay: python -m tests.reliability --seed {seed} --trials 1"
                      + (f" --database-url {database_url}" if database_url else ""))
                print("\n".join("  " + line for line in result.schedule))
    print(f"reliability: trials={args.trials} records={totals['records']} lost={totals['lost']} "
          f"duplicated={totals['duplicated']} conflicts={totals['conflicts']}")
    return 1 if failed or totals["lost"] or totals["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
