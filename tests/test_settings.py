from __future__ import annotations

import json

import pytest

from kiosk.core.settings import (
    FIELD_LABELS_NL,
    SETTINGS_FILE,
    Settings,
    allow_secret_file,
    load_settings,
    with_server_settings,
)
from kiosk.core.store.meta_keys import SERVER_SETTING_PREFIX
from kiosk.core.store.models import Meta


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


# Every kind of error a setting can have, with the Dutch text staff read (pydantic's is English).
@pytest.mark.parametrize(("field", "value", "text"), [
    ("idle_seconds", 3, "moet tussen 15 en 3600 liggen"),
    ("idle_seconds", 99999, "moet tussen 15 en 3600 liggen"),
    ("idle_countdown_seconds", "dertig", "moet een geheel getal zijn, zonder aanhalingstekens (bijvoorbeeld 120)"),
    ("idle_countdown_seconds", 12.5, "moet een geheel getal zijn, zonder aanhalingstekens (bijvoorbeeld 120)"),
    ("idle_countdown_seconds", None, "moet een geheel getal zijn, zonder aanhalingstekens (bijvoorbeeld 120)"),
    ("default_language", "de", "moet een van deze waarden zijn: 'nl', 'fr', 'en', 'ar', 'uk', 'tr', 'ru', 'fa'"),
    ("default_text_size", "huge", "moet een van deze waarden zijn: 'normal', 'large', 'extra-large'"),
    ("default_high_contrast", "misschien", "moet true of false zijn"),
    ("allow_secret_file", None, "moet true of false zijn"),
    ("eloket_url", 5, "moet tekst tussen aanhalingstekens zijn"),
    ("eloket_url", "http://example.org/e-loket", "moet een https://-adres zijn"),  # our ValueError, no "Value error, "
    ("server_url", "ftp://sync.example", "moet een https://-adres zijn"),
    ("official_domains", "vlaanderen.be", 'moet een lijst zijn, bijvoorbeeld ["vlaanderen.be", "belgium.be"]'),
    ("official_domains", ["vlaanderen.be", 5], "moet tekst tussen aanhalingstekens zijn"),
    ("official_domains", ["gent be"], "'gent be' is geen domeinnaam (bijvoorbeeld: vlaanderen.be)"),
])
def test_every_settings_error_reads_in_dutch(data_dir, field, value, text):
    (data_dir / SETTINGS_FILE).write_text(json.dumps({field: value}))
    settings, problems = load_settings(data_dir)
    assert getattr(settings, field) == getattr(Settings(), field)
    assert problems == [f"Instelling {FIELD_LABELS_NL[field]} in {data_dir / SETTINGS_FILE}: {text}. "
                        "De standaardwaarde wordt gebruikt."]


def test_an_unknown_setting_is_named_in_dutch(data_dir):
    (data_dir / SETTINGS_FILE).write_text(json.dumps({"idle_secnds": 60, "idle_countdown_seconds": 20}))
    settings, problems = load_settings(data_dir)
    assert settings.idle_countdown_seconds == 20
    assert problems == [f"Instelling 'idle_secnds' in {data_dir / SETTINGS_FILE}: deze instelling bestaat niet: "
                        "controleer de schrijfwijze. Ze wordt niet gebruikt."]


def test_every_setting_has_a_dutch_label():
    assert set(FIELD_LABELS_NL) == set(Settings.model_fields)


def test_a_bad_value_from_the_server_reads_in_dutch(runtime):
    with runtime.store.transaction() as session:
        session.add_all([Meta(key=SERVER_SETTING_PREFIX + "idle_seconds", value="5"),
                         Meta(key=SERVER_SETTING_PREFIX + "default_language", value='"de"'),
                         Meta(key=SERVER_SETTING_PREFIX + "default_high_contrast", value="true")])
    settings, problems = with_server_settings(Settings(), runtime.store)
    assert settings.default_high_contrast is True and settings.idle_seconds == 120
    assert sorted(problems) == [
        "Instelling standaardtaal van de centrale server: moet een van deze waarden zijn: 'nl', 'fr', 'en', 'ar', "
        "'uk', 'tr', 'ru', 'fa'. De waarde van deze computer wordt gebruikt.",
        "Instelling tijd zonder activiteit (seconden) van de centrale server: moet tussen 15 en 3600 liggen. "
        "De waarde van deze computer wordt gebruikt."]


def test_allowing_secrets_in_a_file_writes_only_that_flag_and_keeps_the_files_values(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"idle_seconds": 200}), encoding="utf-8")
    in_use = Settings(idle_seconds=300)  # e.g. the central server's value over the file's
    now = allow_secret_file(tmp_path, in_use)
    assert now.allow_secret_file and now.idle_seconds == 300
    on_file = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert on_file["allow_secret_file"] is True and on_file["idle_seconds"] == 200
