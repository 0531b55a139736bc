"""The CI subset of `make reliability-multi`: nginx with the shipped config in front of three server
processes on one PostgreSQL database; kiosks sync through it while server processes are killed
with kill -9 and restarted one by one. Skipped (with the reason) without nginx or PostgreSQL."""
from __future__ import annotations

import random

import pytest

from tests.reliability.harness import run_trial
from tests.reliability.nginx import missing

pytestmark = pytest.mark.alone  # the trial must drain before a deadline: no other test's load beside it

SEED = random.Random().randrange(1_000_000)


@pytest.mark.postgres
def test_kiosks_lose_and_duplicate_nothing_while_server_processes_behind_nginx_die(tmp_path, pg_database_url):
    url, reason = pg_database_url
    if url is None:
        pytest.skip(reason)
    if (nginx_reason := missing()) is not None:
        pytest.skip(nginx_reason)
    result = run_trial(SEED, tmp_path / "trial", url, quota=20, chaos_seconds=3.0, servers=3)
    report = (f"seed={result.seed} lost={result.lost} duplicated={result.duplicated} undrained={result.undrained} "
              f"conflicts={result.conflicts}; replay: python -m tests.reliability --multi-process --seed {result.seed} "
              f"--trials 1\n" + "\n".join(result.schedule))
    assert result.ok and result.conflicts == 0, report  # the kiosks saw only retries, nothing was parked
    assert result.records == 40
    assert any("kill -9 server" in line for line in result.schedule), report
    assert any("rolling restart of 3 server processes" in line for line in result.schedule), report
    assert result.balancer_statuses.get("200", 0) > 0, "nothing went through nginx"
