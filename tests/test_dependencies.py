"""What the dependencies in pyproject.toml must provide on every platform."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_export_finds_belgian_time_without_a_system_time_zone_database():
    """Windows has no zone database of its own: with PYTHONTZPATH empty, zoneinfo can only use the
    `tzdata` package (a base dependency), which must know Europe/Brussels."""
    code = ("import zoneinfo; assert zoneinfo.TZPATH == ()\n"
            "from sync.server.export import ZONE; print(ZONE.key)\n")
    env = {**os.environ, "PYTHONTZPATH": ""}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=Path(__file__).parents[1],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "Europe/Brussels"
