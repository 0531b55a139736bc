"""Start-up of the whole kiosk: self-check, fatal messages, window, live language switching."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from PySide6.QtCore import Qt

from kiosk.core.settings import LANGUAGES
from kiosk.core.store.db import head_revision

KIOSK = [sys.executable, "-m", "kiosk"]


def run_kiosk(*args, env_extra=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, env=env, timeout=120)


def test_self_check_on_a_fresh_data_dir(tmp_path):
    result = run_kiosk("--self-check", "--data-dir", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True and summary["schema"] == head_revision()
    assert {"itsme", "eloket", "taxonweb"} <= set(summary["walkthroughs"])
    from kiosk.ui.staff.area import STAFF_SCREENS  # every screen, also those built only on first use

    assert set(summary["screens"]) == {"home", "walkthrough", "browser", *STAFF_SCREENS}
    assert (tmp_path / "fresh" / "digipunt.sqlite3").exists()
    assert (tmp_path / "fresh" / "digipunt.log").exists()


def test_startup_report_prints_the_moment_the_home_screen_is_idle_and_quits(tmp_path):
    """`--startup-report` (bench's startup_dist, or staff timing an old laptop): one JSON line once
    the home screen is shown and the event loop waits, then a clean exit."""
    started = time.time()
    result = run_kiosk("--startup-report", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert started < report["idle_at"] < time.time()
    assert report["rss"] > 50 * 2**20 and report["cpu"] > 0.1  # the whole kiosk was loaded
    assert (tmp_path / "data" / "digipunt.sqlite3").exists()


def test_data_dir_from_environment(tmp_path):
    result = run_kiosk("--self-check", env_extra={"DIGIPUNT_DATA_DIR": str(tmp_path / "via-env")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["data_dir"] == str(tmp_path / "via-env")


def test_unwritable_data_dir_is_a_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = run_kiosk("--self-check", "--data-dir", str(blocker / "data"))
    assert result.returncode == 2
    assert "kan niet worden aangemaakt of beschreven" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_database_warns_staff_and_starts(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "digipunt.sqlite3").write_bytes(b"garbage" * 1000)
    result = run_kiosk("--self-check", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert any("beschadigd" in w for w in summary["staff_warnings"])
    assert len(list(data.glob("digipunt.sqlite3.corrupt-*"))) == 1


def test_window_switches_language_live_and_mirrors_for_arabic(window, qapp):
    home = window.home
    dutch = home.greeting.text()
    window.prefs.set(language="fr")
    assert home.greeting.text() != dutch and "Bienvenue" in home.greeting.text()
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    window.prefs.set(language="ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.language_button.text() == LANGUAGES["ar"]
    window.prefs.reset()
    assert home.greeting.text() == dutch and qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_dari_is_right_to_left_with_the_afghan_locale(window, qapp):
    from PySide6.QtCore import QLocale

    window.prefs.set(language="fa")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().name() == "fa_AF" and QLocale().monthName(1) != QLocale("fa_IR").monthName(1)
    assert window.language_button.text() == "دری" and "خوش آمدید" in window.home.greeting.text()
    assert window.home.language_buttons["ru"].text() == "Русский"
    window.prefs.reset()


def test_language_buttons_show_own_names(window):
    assert [b.text() for b in window.home.language_buttons.values()] == list(LANGUAGES.values())


def wait_for_log(log_file, text: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_file.exists() and text in log_file.read_text(errors="replace"):
            return
        assert process.poll() is None, f"the kiosk ended early with {process.returncode}"
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared in {log_file}")


def test_sigterm_leaves_the_event_loop_and_the_kiosk_exits_cleanly(tmp_path):
    """What systemctl stop and an upgrade send: the kiosk (in kiosk mode, whose window refuses to
    close) leaves its loop and exits 0 instead of dying on the signal (exit status 143)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([*KIOSK, "--data-dir", str(tmp_path)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for_log(tmp_path / "digipunt.log", "started in", process)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "SIGTERM: stopping" in (tmp_path / "digipunt.log").read_text()
