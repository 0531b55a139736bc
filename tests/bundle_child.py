"""A kiosk's guide-bundle install in its own process, for the kill -9 and disk-full tests.

    python -m tests.bundle_child install DATA_DIR URL TOKEN KEYS [--kill-at STEP:N]
    python -m tests.bundle_child state DATA_DIR KEYS

`install` fetches and installs the server's latest bundle (kiosk/sync/content.py) and, with
--kill-at, sends itself SIGKILL at the N-th time the install reaches STEP (kiosk/core/bundles.py's
checkpoints: "file" after each downloaded file, "staged", "renamed", "switched"). `state` is what a
kiosk starting afresh sees, as JSON.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.bundles import GuideBundles, load_guides
from kiosk.core.paths import resources_dir
from kiosk.sync.client import ServerApi
from kiosk.sync.content import fetch_guides
from kiosk.sync.status import SyncError


def main(argv: list[str]) -> int:
    command, data_dir = argv[0], Path(argv[1])
    if command == "state":
        bundles = GuideBundles(data_dir, argv[2].split(","))
        folder = bundles.installed_dir()
        report = load_guides(resources_dir() / "walkthroughs", bundles)
        status = bundles.status()
        print(json.dumps({"version": bundles.installed_version(), "complete": folder is not None,
                          "loaded": report.version, "error": status.error,
                          "guides": sorted(w.id for w in report.walkthroughs),
                          "leftovers": sorted(p.name for p in (data_dir / "content" / "staging").glob("*"))}))
        return 0
    url, token, keys = argv[2], argv[3], argv[4].split(",")
    kill_step, kill_count = (argv[6].split(":") + ["1"])[:2] if "--kill-at" in argv else ("", "0")
    seen: Counter[str] = Counter()

    def checkpoint(step: str) -> None:
        seen[step] += 1
        if step == kill_step and seen[step] == int(kill_count):
            os.kill(os.getpid(), signal.SIGKILL)

    api = ServerApi(url, token)
    try:
        version = fetch_guides(api, GuideBundles(data_dir, keys), datetime.now(UTC), checkpoint)
    except SyncError as exc:
        print(json.dumps({"installed": None, "sync_error": str(exc)}))
        return 3
    finally:
        api.close()
    print(json.dumps({"installed": version}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
