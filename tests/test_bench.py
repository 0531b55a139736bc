"""The benchmark harness: statistics, results.json merging, the README table, the start-up probe."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.common import (
    ROOT,
    TABLE_END,
    TABLE_START,
    Result,
    all_results,
    bench_env,
    percentile,
    update_readme,
    write_results,
)
from kiosk.core.settings import LANGUAGES


def result(name: str, value: float, ok: bool = True) -> Result:
    return Result(name, value, 2.0, "ms", "ratio <= 2", ok, value / 2.0)


def test_percentile_is_a_sample_that_happened():
    samples = [float(v) for v in range(1, 201)]
    assert percentile(samples, 50) == 100.0
    assert percentile(samples, 99) == 198.0
    assert percentile([5.0, 1.0, 9.0], 100) == 9.0
    assert percentile([7.0], 95) == 7.0


def test_results_merge_by_name_and_keep_the_required_fields(tmp_path):
    path = tmp_path / "results.json"
    write_results([result("a", 1.0), result("b", 3.0, ok=False)], path)
    write_results([result("a", 4.0)], path)
    rows = json.loads(path.read_text())
    assert [r["name"] for r in rows] == ["a", "b"]
    assert rows[0]["value"] == 4.0 and rows[0]["ratio"] == 2.0
    for row in rows:
        assert {"name", "value", "baseline", "ratio", "unit", "target", "ok"} <= row.keys()
    assert [r.ok for r in all_results(path)] == [True, False]


def test_readme_table_is_replaced_between_the_markers_only(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nbefore\n{TABLE_START}\nold table\n{TABLE_END}\nafter\n")
    assert update_readme([result("startup", 3.0, ok=False)], "test machine", readme)
    text = readme.read_text()
    assert "old table" not in text and text.startswith("# Title\n\nbefore\n") and text.endswith("after\n")
    assert "| startup | 3 ms | 2 ms | 1.50 | ratio <= 2 | **NO** |" in text
    assert "test machine" in text
    readme.write_text("no markers")
    assert not update_readme([result("startup", 3.0)], "m", readme)


def test_probe_reports_when_the_kiosk_home_screen_is_idle(tmp_path):
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "bench.probe", "kiosk", str(tmp_path / "data")], cwd=ROOT,
                          env=bench_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])
    assert started < report["idle_at"] < time.time()
    assert report["rss"] > 20 * 2**20
    assert (tmp_path / "data" / "digipunt.sqlite3").exists()  # it really ran the kiosk's start-up


def test_probe_stack_floor_is_the_bare_window_with_the_data_libraries_loaded(tmp_path):
    reports = {}
    for variant in ("bare", "stack"):
        proc = subprocess.run([sys.executable, "-m", "bench.probe", variant, str(tmp_path)], cwd=ROOT,
                              env=bench_env(), capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        reports[variant] = json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])
    # SQLAlchemy's ORM and pydantic alone take tens of MiB: the floor is above the bare window.
    assert reports["stack"]["rss"] > reports["bare"]["rss"] + 20 * 2**20
    assert not (tmp_path / "digipunt.sqlite3").exists()  # no kiosk start-up ran


def test_kiosk_side_benchmarks_run_in_a_tiny_configuration(tmp_path):
    """The visitor's waits and idle CPU: each bench runs end to end (1 round, 1 s idle) and gives
    sane figures; the full runs are `python -m bench browser visitor idle_cpu`."""
    from bench import browser_open, idle_cpu, visitor
    from kiosk.core.settings import Settings, save_settings

    server = browser_open.serve()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        save_settings(tmp_path, Settings(browser_home_url=url))
        assert 0 < browser_open._open("kiosk", url, str(tmp_path)) < 60_000  # the tap until the page painted
    finally:
        server.shutdown()
    reset, language = visitor.run(reset_rounds=1, language_rounds=1)
    assert (reset.name, language.name) == ("visitor_reset", "language_switch")
    # 3 guides, each switched to every other language and back to Dutch
    assert reset.details["samples"] == 1 and language.details["samples"] == 3 * len(LANGUAGES)
    assert 0 < reset.value < 30_000 and language.value > 0 and language.baseline > 0
    [idle] = idle_cpu.run(duration_s=1)
    assert 0 <= idle.value < 100 and idle.details["seconds"] == 1


def test_probe_reports_only_once_the_window_is_painted():
    """The event loop first waits before the platform exposes the window: nothing is painted yet.
    The probe reports at the first wait with the window exposed, after its first paint."""
    code = ("import sys\nfrom bench import probe\nsys.meta_path.insert(0, probe._PatchExecOnImport())\n"
            "from PySide6.QtCore import QEvent, QObject\nfrom PySide6.QtWidgets import QApplication, QLabel\n"
            "app = QApplication([])\nlabel = QLabel('Digipunt')\npainted = []\n"
            "class Paints(QObject):\n"
            "    def eventFilter(self, watched, event):\n"
            "        painted.extend([1] if event.type() == QEvent.Type.Paint else [])\n"
            "        return False\n"
            "paints = Paints()\nlabel.installEventFilter(paints)\nlabel.show()\napp.exec()\n"
            "print('painted', len(painted))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=bench_env(), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("{") and lines[-1] != "painted 0"


def test_startup_steps_measures_every_step_of_the_kiosks_start():
    """bench.startup_steps (the floor tables in bench/README.md): one run prints a row per step."""
    from bench.startup_steps import STEPS

    proc = subprocess.run([sys.executable, "-m", "bench.startup_steps", "1"], cwd=ROOT, env=bench_env(),
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[0][2:] for row in rows[1:-1]] == [name for name, _ in STEPS]
    assert all(float(cell.strip(" |*")) >= 0 for row in rows[1:] for cell in row.split(" | ")[1:2])  # CPU ms
    assert "stack floor" in proc.stdout.splitlines()[-1]
