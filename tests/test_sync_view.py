"""What the "staff-sync" screen shows (kiosk/sync/view.py), decided without Qt."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.core.secrets import INSECURE_WARNING
from kiosk.sync.status import ParkedRecord, SyncStatus
from kiosk.sync.view import (
    LONG_OFFLINE,
    PARKED_SHOWN,
    Banner,
    SyncResult,
    SyncView,
    result_text,
    staff_banner,
    sync_panel,
)
from tests.staffdata import MovableClock

CLOCK = MovableClock().clock  # 2026-11-24 10:00 in Brussels
URL = "https://sync.digipunt.be"


def enrolled(**changes) -> SyncStatus:
    return SyncStatus(**{"server_url": URL, "enrolled": True, "waiting": 3, **changes})


def panel(view: SyncView, coordinator: bool = True, enroll_open: bool = False):
    return sync_panel(view, coordinator=coordinator, enroll_open=enroll_open, clock=CLOCK)


def test_a_kiosk_never_enrolled():
    for view in (SyncView(), SyncView(status=SyncStatus(server_url=URL), error="not-enrolled")):
        shown = panel(view)
        assert shown.state == "Nog niet gekoppeld met de centrale server" and not shown.known
        assert shown.problems == ("", "", "") and not shown.can_sync  # "not-enrolled" is the state itself
        assert shown.show_enroll_form and not shown.show_reenroll
        assert shown.not_enrolled.endswith("zodra de computer gekoppeld is.")
    helper = panel(SyncView(), coordinator=False)
    assert not helper.show_enroll_form and helper.not_enrolled.endswith("om deze computer te koppelen.")
    assert (helper.waiting, helper.last_success, helper.server) == ("-", "-", "geen")


def test_states_of_an_enrolled_kiosk():
    assert panel(SyncView(status=enrolled())).state == "Nog niet geprobeerd"
    connected = panel(SyncView(status=enrolled(), online=True))
    assert connected.state == "Verbonden met de server" and connected.known and connected.can_sync
    assert connected.show_reenroll and not connected.show_enroll_form
    assert (connected.waiting, connected.last_success, connected.server) == ("3", "nog nooit", URL)
    offline = panel(SyncView(status=enrolled(), online=False, error="offline"))
    assert offline.state == "Geen verbinding met de server" and offline.problems[0].startswith("Geen verbinding")
    assert panel(SyncView(status=enrolled(), error="weird")).problems[0].startswith("Er ging iets mis")


def test_a_revoked_kiosk_asks_to_enroll_again():
    shown = panel(SyncView(status=enrolled(), online=True, error="unauthorized"))
    assert shown.state == "Koppel deze computer opnieuw" and shown.known and not shown.can_sync
    assert "nieuwe code" in shown.problems[0] and shown.show_enroll_form and not shown.show_reenroll
    assert not panel(SyncView(status=enrolled(), error="unauthorized"), coordinator=False).show_enroll_form


def test_running_with_and_without_a_known_size():
    unknown = panel(SyncView(status=enrolled(), online=True, running=True))
    assert unknown.state == "Bezig met synchroniseren..." and not unknown.can_sync
    assert unknown.progress == (0, 0) and unknown.progress_text == ""
    sized = panel(SyncView(status=enrolled(), running=True, progress=(40, 120)))
    assert sized.progress == (40, 120) and sized.progress_text == "40 van 120"
    assert panel(SyncView(status=enrolled(), progress=(40, 120))).progress is None  # finished: hidden


def test_last_success_today_or_with_its_date():
    today = panel(SyncView(status=enrolled(last_success=datetime(2026, 11, 24, 8, 5, tzinfo=UTC))))
    assert today.last_success == "vandaag om 09:05"
    earlier = panel(SyncView(status=enrolled(last_success=datetime(2026, 11, 20, 8, 5, tzinfo=UTC))))
    assert earlier.last_success == "20/11/2026 09:05"


def test_clock_and_secret_store_warnings():
    ahead = panel(SyncView(status=enrolled(insecure_secrets=True), clock_offset=timedelta(minutes=-7),
                           clock_skewed=True))
    assert ahead.problems[1].startswith("De klok van deze computer loopt 7 minuten voor op de server. Vraag")
    assert ahead.problems[2] == INSECURE_WARNING
    behind = panel(SyncView(status=enrolled(), clock_offset=timedelta(minutes=12), clock_skewed=True))
    assert "12 minuten achter op de server" in behind.problems[1] and behind.problems[2] == ""
    assert panel(SyncView(status=enrolled(), clock_offset=timedelta(minutes=12))).problems[1] == ""


def test_parked_records_are_explained_and_capped():
    at = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    parked = [ParkedRecord("help_request", at, "server: conflict: other hash"),
              ParkedRecord("shift", at, "server: invalid: outcome: not allowed"),
              ParkedRecord("help_request", at, "local: payload is not JSON")]
    shown = panel(SyncView(status=enrolled(parked=parked)))
    assert shown.parked_title == "Geweigerde records (3)" and shown.parked_more == ""
    assert shown.parked_lines == (
        "Hulpvraag, 23/11 15:30: op de server staat al een andere versie van dit record",
        "Spreekuur, 23/11 15:30: de server vindt het ongeldig (outcome: not allowed)",
        "Hulpvraag, 23/11 15:30: het is op deze computer beschadigd (payload is not JSON)")
    many = panel(SyncView(status=enrolled(parked=parked * 10)))
    assert len(many.parked_lines) == PARKED_SHOWN and many.parked_more == "en nog 10 andere"
    assert panel(SyncView(status=enrolled())).parked_lines == ()


# --- "Nu synchroniseren": busy, then the result with its time ---------------------------------------
AT = datetime(2026, 11, 24, 13, 32, tzinfo=UTC)  # 14:32 in Brussels


def test_the_sync_button_says_it_is_busy_and_the_result_says_what_happened_and_when():
    busy = panel(SyncView(status=enrolled(), online=True, running=True, result=SyncResult(AT)))
    assert busy.sync_button == "Bezig met synchroniseren..." and not busy.can_sync and busy.result == ""
    done = panel(SyncView(status=enrolled(), online=True, result=SyncResult(AT, None, 3)))
    assert done.sync_button == "Nu synchroniseren" and done.result == "Gelukt om 14:32: 3 hulpvragen verstuurd."
    assert result_text(SyncResult(AT, None, 1, 1), CLOCK) == "Gelukt om 14:32: 1 hulpvraag en 1 spreekuur verstuurd."
    assert result_text(SyncResult(AT), CLOCK) == "Gelukt om 14:32: alles was al verstuurd."
    assert result_text(SyncResult(AT, "offline"), CLOCK) == ("Niet gelukt om 14:32: geen verbinding. Digipunt "
                                                            "probeert het zelf opnieuw.")
    assert result_text(SyncResult(AT, "unauthorized"), CLOCK).endswith("Koppel deze computer opnieuw.")
    assert result_text(SyncResult(AT, "internal"), CLOCK).startswith("Niet gelukt om 14:32: er ging iets mis.")
    assert panel(SyncView(status=enrolled())).result == ""


# --- the banner on every staff screen -------------------------------------------------------------------
def banner(view: SyncView, coordinator: bool = True):
    return staff_banner(view, coordinator=coordinator, clock=CLOCK)


def test_no_banner_while_all_is_well_unknown_or_busy():
    assert banner(SyncView()) == Banner()  # not read yet
    assert banner(SyncView(status=enrolled(last_success=CLOCK.now()), online=True)).text == ""
    assert banner(SyncView(status=enrolled(last_success=CLOCK.now()), online=False, error="offline")).text == ""
    assert banner(SyncView(status=enrolled(), error="unauthorized", running=True)).text == ""


def test_a_revoked_or_unconnected_kiosk_tells_the_coordinator_to_reconnect_and_the_helper_whom_to_ask():
    for view, what in ((SyncView(status=enrolled(), error="unauthorized"), "niet meer gekoppeld"),
                       (SyncView(status=SyncStatus(server_url=URL), error="not-enrolled"), "nog niet gekoppeld")):
        coordinator = banner(view)
        assert what in coordinator.text and "veilig bewaard" in coordinator.text
        assert (coordinator.action, coordinator.button) == ("reconnect", "Opnieuw koppelen")
        helper = banner(view, coordinator=False)
        assert what in helper.text and helper.text.endswith("Vraag een coördinator om deze computer opnieuw te "
                                                            "koppelen.")
        assert (helper.action, helper.button) == ("", "")


def test_long_offline_with_records_waiting_says_since_when_and_what_to_do():
    yesterday = CLOCK.now() - LONG_OFFLINE - timedelta(minutes=1)
    shown = banner(SyncView(status=enrolled(waiting=5, last_success=yesterday), online=False, error="offline"))
    assert shown.text.startswith("Al sinds 23/11/2026 09:59 geen verbinding met de server. 5 records wachten")
    assert "Kijk of het internet werkt" in shown.text and (shown.action, shown.button) == ("sync", "Synchronisatie")
    assert banner(SyncView(status=enrolled(waiting=1, last_success=yesterday)), coordinator=False).text.endswith(
        "Meld het aan een coördinator.")
    assert banner(SyncView(status=enrolled(waiting=0, last_success=yesterday))).text == ""  # nothing waits
    recent = CLOCK.now() - LONG_OFFLINE + timedelta(minutes=1)
    assert banner(SyncView(status=enrolled(waiting=5, last_success=recent))).text == ""
