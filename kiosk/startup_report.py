"""`--startup-report`: time a start on this very machine. When the event loop is first about to wait
with the window exposed (shown and painted, nothing left to do), print one JSON line and quit: the wall-clock time
(`idle_at`, seconds since the epoch, so the caller subtracts when it started the process), the
resident memory and the CPU time used. Works the same in a built program (`make dist`), which is
how bench's `startup_dist` times it, and on a refurbished laptop, where staff can see how long it
takes. Imports nothing but the standard library until it is used: the start-up probe's bare
baseline uses it too."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


def resident_bytes(pid: int | str = "self") -> int:
    """Resident memory now (Linux /proc); elsewhere the peak, which is what the OS offers."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource  # not on Windows, where this is only used by hand

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def report_when_idle(app: Any) -> None:
    """Print the report and quit `app` (a QApplication) the first time its event loop waits."""
    from PySide6.QtCore import QAbstractEventDispatcher

    dispatcher = QAbstractEventDispatcher.instance()

    def idle() -> None:
        if not any(window.isExposed() for window in app.topLevelWindows()):
            return  # shown but not painted yet: the platform exposes it on the next pass
        dispatcher.aboutToBlock.disconnect(idle)
        cpu = os.times()  # CPU time of this process: less at the mercy of a loaded machine than wall time
        print(json.dumps({"idle_at": time.time(), "rss": resident_bytes(), "cpu": cpu.user + cpu.system}), flush=True)
        app.quit()

    dispatcher.aboutToBlock.connect(idle)
