"""What every benchmark shares: the result record, percentiles, memory, the table and the files."""
from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
README = ROOT / "README.md"
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Result:
    """One benchmark. `ratio` always reads "times worse than the baseline" (1.0 = as good), so
    for a throughput it is baseline / value; `ok` says whether every target in `target` is met."""

    name: str
    value: float
    baseline: float
    unit: str
    target: str
    ok: bool
    ratio: float
    details: dict = field(default_factory=dict)

    def row(self) -> list[str]:
        return [self.name, f"{_num(self.value)} {self.unit}", f"{_num(self.baseline)} {self.unit}",
                f"{self.ratio:.2f}", self.target, "yes" if self.ok else "**NO**"]


def _num(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}" if x < 10 else f"{x:.1f}"


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile: the value below which q% of the samples lie (no interpolation,
    so a p99 of 200 samples is a sample that really happened)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    ordered, mid = sorted(samples), len(samples) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def load() -> list[float]:
    """The machine's load average (1, 5, 15 min) right now: kept with a figure measured on a shared machine."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def bench_env(**extra: str) -> dict[str, str]:
    """Environment for child processes: offscreen Qt; bytecode caching allowed (without .pyc files
    every start would measure the compiler, not the kiosk); Chromium's root workaround as in tests."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    return env


def table(results: list[Result]) -> str:
    header = ["benchmark", "measured", "baseline", "ratio", "target", "met"]
    rows = [header, ["---"] * len(header), *(r.row() for r in results)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def write_results(results: list[Result], path: Path = RESULTS) -> None:
    """Merge into results.json by name, so running one benchmark keeps the others' last figures."""
    previous = {}
    if path.exists():
        previous = {r["name"]: r for r in json.loads(path.read_text())}
    stamp: dict[str, object] = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if hasattr(os, "getloadavg"):  # a busy machine explains a bad figure
        stamp["load_1m"] = round(os.getloadavg()[0], 2)
    previous.update({r.name: asdict(r) | {"details": r.details | stamp} for r in results})
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(list(previous.values()), indent=2, ensure_ascii=False) + "\n")
    tmp.replace(path)


def all_results(path: Path = RESULTS) -> list[Result]:
    return [Result(**r) for r in json.loads(path.read_text())]


def update_readme(results: list[Result], machine: str, path: Path = README) -> bool:
    """Replace the table between the bench markers in README.md; False when the markers are absent."""
    text = path.read_text()
    if TABLE_START not in text or TABLE_END not in text:
        return False
    head, rest = text.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    body = f"\n{table(results)}\n\nMeasured on {machine}; dates, machine load and details are in bench/results.json.\n"
    path.write_text(head + TABLE_START + body + TABLE_END + tail)
    return True


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (live ones, and those it has waited for): a server,
    nginx with its workers, or the postmaster with its backends."""
    tick = os.sysconf("SC_CLK_TCK")

    def fields(p: int | str) -> list[str]:
        return Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()

    own = fields(pid)
    total = sum(int(f) for f in own[11:15])  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                child = fields(entry.name)
            except OSError:
                continue
            if int(child[1]) == pid:
                total += int(child[11]) + int(child[12])
    return total / tick


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
