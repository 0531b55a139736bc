"""`python -m bench [NAME ...]`: run the benchmarks, write bench/results.json, print the table and
refresh the performance table in README.md."""
from __future__ import annotations

import argparse
import os
import platform
import sys

from bench import (
    browser_open,
    console_query,
    dist,
    durable_write,
    idle_cpu,
    server_load,
    startup,
    step_switch,
    sync_server,
    visitor,
)
from bench.common import RESULTS, all_results, log, table, update_readme, write_results

# Module per group of benchmarks; each module's run() returns its Results.
GROUPS = {
    "startup": startup,  # startup, idle_rss
    "durable_write": durable_write,
    "sync": sync_server,  # sync_drain
    "server_load": server_load,  # server_load, server_capacity (nginx + server processes)
    "step_switch": step_switch,
    "dist": dist,  # dist_size, dist_download
    "browser": browser_open,  # browser_first_open
    "visitor": visitor,  # visitor_reset, language_switch
    "idle_cpu": idle_cpu,
    "console": console_query,  # console_query
}
ORDER = ["startup", "idle_rss", "durable_write", "sync_drain", "server_load", "server_capacity", "step_switch",
         "console_query", "dist_size", "dist_download", "browser_first_open", "visitor_reset", "language_switch",
         "idle_cpu"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=f"any of {', '.join(GROUPS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    for name in args.groups or GROUPS:
        log(f"bench: {name} ...")
        write_results(GROUPS[name].run())
    results = sorted(all_results(), key=lambda r: ORDER.index(r.name) if r.name in ORDER else len(ORDER))
    print(table(results))
    machine = f"{platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}, {platform.system()}"
    if update_readme(results, machine):
        log("bench: README.md performance table updated")
    log(f"bench: wrote {RESULTS.relative_to(RESULTS.parents[1])}")
    return 0 if all(r.ok for r in results) else 1


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
