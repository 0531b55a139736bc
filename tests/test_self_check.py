"""`digipunt-kiosk --self-check` proves the built-in browser runs, and reports version, sandbox,
key store and voices; `--self-check-log` leaves the same JSON where the Windows installer reads it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from sync.version import __version__

SECURE = "tests.keyrings.MemoryKeyring"  # a backend that is not one of the insecure kinds
NONE = "keyring.backends.fail.Keyring"  # what a Linux PC without a Secret Service daemon gets


def self_check(data_dir, *args, **env_extra):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIGIPUNT_TTS_ENGINE": "mock",
           "PYTHON_KEYRING_BACKEND": NONE, **env_extra}
    result = subprocess.run([sys.executable, "-m", "kiosk", "--self-check", "--data-dir", str(data_dir), *args],
                            check=False, capture_output=True, text=True, env=env, timeout=180)
    return result, json.loads(result.stdout.strip().splitlines()[-1])


def test_self_check_runs_a_page_in_the_browser_and_reports_what_the_installer_needs(tmp_path):
    log = tmp_path / "logs" / "self-check.json"
    result, summary = self_check(tmp_path / "data", "--self-check-log", str(log), PYTHON_KEYRING_BACKEND=SECURE)
    assert result.returncode == 0, result.stderr[-3000:]
    assert summary["ok"] is True and summary["version"] == __version__
    assert summary["webengine"]["ok"] is True and 0 < summary["webengine"]["seconds"] < 60
    # Tests run as root, where the kiosk turns Chromium's sandbox off (and says so).
    running_as_root = os.geteuid() == 0
    assert summary["sandbox"] == ("off" if running_as_root or "--no-sandbox" in os.environ.get(
        "QTWEBENGINE_CHROMIUM_FLAGS", "") else "on")
    assert summary["keystore"] == {"state": "secure", "backend": "MemoryKeyring"}
    assert "en" in summary["voices"] and "nl" not in summary["voices"]  # Qt's mock engine speaks English only
    assert json.loads(log.read_text(encoding="utf-8")) == summary
    assert not (tmp_path / "data" / "secrets.json").exists()  # the key store check writes nothing


def test_keystore_is_none_without_a_secure_store_and_insecure_with_the_allowed_file(tmp_path):
    _, summary = self_check(tmp_path / "data")
    assert summary["keystore"]["state"] == "none"
    (tmp_path / "data" / "settings.json").write_text(json.dumps({"allow_secret_file": True}))
    _, summary = self_check(tmp_path / "data")
    assert summary["keystore"]["state"] == "insecure"


def test_a_browser_that_cannot_start_fails_the_self_check(tmp_path):
    # The renderer process cannot start: what a broken sandbox, AppArmor rule or missing library does.
    log = tmp_path / "self-check.json"
    result, summary = self_check(tmp_path / "data", "--self-check-log", str(log), QTWEBENGINEPROCESS_PATH="/bin/false")
    assert result.returncode == 1
    assert summary["ok"] is False and summary["webengine"]["ok"] is False
    assert summary["reason"].startswith("browser: ")
    assert json.loads(log.read_text(encoding="utf-8"))["ok"] is False


def test_a_data_dir_that_cannot_be_made_is_in_the_log_too(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    log = tmp_path / "self-check.json"
    result = subprocess.run([sys.executable, "-m", "kiosk", "--self-check", "--data-dir", str(blocker / "d"),
                             "--self-check-log", str(log)], check=False, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    logged = json.loads(log.read_text(encoding="utf-8"))
    assert logged["ok"] is False and logged["version"] == __version__
    assert "kan niet worden aangemaakt of beschreven" in logged["reason"]
