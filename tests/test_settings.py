from __future__ import annotations

import json

from kiosk.core.settings import SETTINGS_FILE, Settings, load_settings


def test_defaults_are_written_for_staff_to_edit(data_dir):
    settings, problems = load_settings(data_dir)
    assert problems == [] and settings == Settings()
    written = json.loads((data_dir / SETTINGS_FILE).read_text())
    assert written["idle_seconds"] == 120 and written["idle_countdown_seconds"] == 30


def test_bad_values_fall_back_per_field_with_a_dutch_message(data_dir):
    (data_dir / SETTINGS_FILE).write_text(json.dumps({
        "idle_seconds": 3, "eloket_url": "http://example.org/e-loket", "default_language": "fr",
    }))
    settings, problems = load_settings(data_dir)
    assert settings.default_language == "fr"  # the good value is kept
    assert settings.idle_seconds == 120 and settings.eloket_url == Settings().eloket_url
    assert len(problems) == 2
    assert any("tijd zonder activiteit" in p for p in problems)
    assert any("https://" in p for p in problems)


def test_unreadable_file_is_reported_not_fatal(data_dir):
    (data_dir / SETTINGS_FILE).write_text("{not json")
    settings, problems = load_settings(data_dir)
    assert settings == Settings() and "kan niet gelezen worden" in problems[0]
