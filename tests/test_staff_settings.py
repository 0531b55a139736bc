"""The staff settings screen: Dutch validation, saved to settings.json off the UI thread, applied."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QUrl

from kiosk.core.accounts import StaffUser
from kiosk.core.settings import SETTINGS_FILE, Settings, load_settings


@pytest.fixture
def coordinator(window):
    """As after a coordinator's PIN login (tests/test_helper_ui.py covers the login itself)."""
    window.staff_user = StaffUser("coordinator-1", "Coördinator", "coordinator")
    return window.staff_user


def test_a_visitor_cannot_open_the_settings(window, qtbot):
    window.show_screen("staff-settings")
    qtbot.waitUntil(lambda: window.current_screen_name() in ("staff-login", "staff-setup"), timeout=3000)


def test_bad_values_are_refused_in_dutch_and_nothing_is_written(window, coordinator, data_dir):
    screen = window.show_screen("staff-settings")
    before = (data_dir / SETTINGS_FILE).read_text(encoding="utf-8")
    screen.eloket_url.setText("http://www.leuven.be/e-loket")
    screen.official_domains.setPlainText("vlaanderen.be\nbelgium")
    screen.save()
    assert screen.errors["eloket_url"].isVisible()
    assert screen.errors["eloket_url"].text() == "Moet een https://-adres zijn."
    assert screen.errors["official_domains"].text().startswith("'belgium' is geen domeinnaam")
    assert not screen.errors["idle_seconds"].isVisible()
    assert screen.status.text().startswith("Niet opgeslagen")
    assert (data_dir / SETTINGS_FILE).read_text(encoding="utf-8") == before


def test_saved_settings_reach_the_file_the_idle_clock_and_the_next_visitor(window, coordinator, data_dir, qtbot):
    screen = window.show_screen("staff-settings")
    screen.language.setCurrentIndex(screen.language.findData("fr"))
    screen.idle_seconds.setValue(300)
    screen.countdown_seconds.setValue(45)
    screen.eloket_url.setText("https://www.gent.be/e-loket")
    screen.official_domains.setPlainText("vlaanderen.be\n\n Gent.be \n")
    screen.text_size.setCurrentIndex(1)
    screen.high_contrast.setChecked(True)
    screen.save()
    qtbot.waitUntil(lambda: screen.status.isVisible() and screen.status.text().startswith("Opgeslagen"),
                    timeout=3000)

    on_disk = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert on_disk["default_language"] == "fr" and on_disk["idle_seconds"] == 300
    assert on_disk["official_domains"] == ["vlaanderen.be", "gent.be"]
    assert on_disk["default_text_size"] == "large" and on_disk["default_high_contrast"] is True
    reloaded, problems = load_settings(data_dir)
    assert problems == [] and reloaded == window.runtime.settings
    assert window.session.idle.idle_ms() == 300_000 and window.session.countdown_ms() == 45_000

    assert window.prefs.language == "nl"  # the visitor now at the kiosk keeps their choices
    window.reset_visitor_session()  # also logs the coordinator out
    assert window.staff_user is None and window.current_screen_name() == "home"
    assert (window.prefs.language, window.prefs.text_size, window.prefs.high_contrast) == ("fr", "large", True)
    assert window.browser.is_official(QUrl("https://stad.gent.be/"))  # the new e-loket's city
    # The app-wide translator outlives this window: leave it Dutch, also after the fixture's reset.
    window.prefs.use_settings(Settings())
    window.prefs.reset()


def test_unsaved_edits_are_undone(window, coordinator):
    screen = window.show_screen("staff-settings")
    screen.idle_seconds.setValue(999)
    screen.browser_home_url.setText("https://typed.example")
    screen.undo_button.click()
    assert screen.idle_seconds.value() == window.runtime.settings.idle_seconds
    assert screen.browser_home_url.text() == window.runtime.settings.browser_home_url
