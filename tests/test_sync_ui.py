"""The kiosk's sync service and the "staff-sync" screen against a real server (SQLite)."""
from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.core.accounts import AccountError, StaffUser
from kiosk.core.demo import DEMO_HELPER_NAME, DEMO_HELPER_PIN
from kiosk.core.secrets import SecretStore
from kiosk.core.store.models import Helper, OutboxEntry
from kiosk.sync.engine import SyncEngine
from kiosk.sync.status import Backoff
from kiosk.ui.shared.sync_service import SyncService
from sync.protocol import content_hash, record_payload
from sync.server import admin
from sync.server.db import make_server_engine, migrate
from sync.server.models import Device, StoredRecord
from tests.keyrings import MemoryKeyring
from tests.sync_support import help_request, outbox_states, queue, start_server

WAIT = 10_000


@pytest.fixture
def server_engine(tmp_path):
    engine = make_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def server(server_engine):
    live = start_server(server_engine)
    yield live
    live.stop()


@pytest.fixture
def services():
    made = []
    yield made
    for service in made:
        service.stop()
        service.runner.wait()


def coordinator(window) -> StaffUser:
    with window.runtime.store.read() as session:
        return StaffUser.of(session.scalar(select(Helper).where(Helper.display_name == DEMO_HELPER_NAME)))


def enrolled_service(window, server, services, **kwargs) -> SyncService:
    secrets = SecretStore(window.runtime.data_dir, backend=MemoryKeyring())
    SyncEngine(window.runtime.store, secrets).enroll(server.url, server.enroll_code(), "pc")
    service = SyncService(window, secrets=secrets, **kwargs)
    window.sync = service
    services.append(service)
    return service


def on_server(server) -> set[str]:
    return set(server.admin(lambda s: s.scalars(select(StoredRecord.id)).all()))



def place(server) -> str:
    """The location the server's enrollment codes are for: a kiosk records for its own place only."""
    return server.admin(lambda s: admin.ensure_location(s, "Bibliotheek Leuven")[0].id)

def test_a_kiosk_without_a_server_has_the_screen_but_no_service(window):
    assert window.sync is None
    assert "staff-sync" in window.screens


def test_a_kiosk_with_a_server_starts_its_sync_service_once_the_home_screen_is_up(
        qtbot, qapp, data_dir, server, memory_keyring, services):
    from kiosk.core.runtime import bootstrap
    from kiosk.ui.main_window import MainWindow

    (data_dir / "settings.json").write_text(json.dumps({"server_url": server.url}))
    runtime = bootstrap(data_dir, demo=True)
    window = MainWindow(runtime, qapp)
    qtbot.addWidget(window)
    assert window.sync is None  # not before the home screen is painted: it costs 0.15-0.25 s
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.sync is not None, timeout=WAIT)
    services.append(window.sync)
    assert window.windowHandle().isExposed() and window.current_screen_name() == "home"
    first = window.sync
    qtbot.wait(700)  # past the fallback timer: the service is started once
    assert window.sync is first
    window.close()
    runtime.close()


def test_coordinator_enrolls_on_the_screen_then_syncs_with_progress_and_sees_refusals(
        qtbot, window, server, memory_keyring, services):
    window.staff.logged_in(coordinator(window))
    screen = window.show_screen("staff-sync")
    assert screen.enroll_card.isVisible() and not screen.actions.isVisible()

    form = screen.enroll_form
    form.url_input.setText(server.url)
    form.code_input.setText("NOPE-NOPE-NOPE")
    form.submit_button.click()
    services.append(window.sync)
    qtbot.waitUntil(lambda: "klopt niet" in form.message.text(), timeout=WAIT)

    form.code_input.setText(server.enroll_code())
    form.submit_button.click()
    qtbot.waitUntil(lambda: screen.view.status is not None and screen.view.status.enrolled
                    and not screen.view.running, timeout=WAIT)
    assert "Gekoppeld" in form.message.text() and not screen.enroll_card.isVisible()
    assert "De 1 medewerker(s) die op deze computer gemaakt waren, kunnen zich niet meer aanmelden" in \
        form.message.text()
    with pytest.raises(AccountError, match="bestaat niet meer"):  # the server's helpers now
        window.api.login(coordinator(window).id, DEMO_HELPER_PIN)
    assert screen.state.text() == "Verbonden met de server" and screen.server.text() == server.url

    records = [help_request(place(server)) for _ in range(1200)]
    broken = record_payload(help_request(place(server))) | {"outcome": "maybe"}
    queue(window.runtime.store, *records)
    with window.runtime.store.transaction() as session:
        session.add(OutboxEntry(record_id=broken["id"], kind="help_request", payload=json.dumps(broken),
                                content_hash=content_hash(broken), state="pending", attempts=0))
    views = []
    window.sync.changed.connect(views.append)
    screen.sync_button.click()
    qtbot.waitUntil(lambda: not screen.view.running and screen.view.status.waiting == 0, timeout=WAIT)
    assert any(v.running and v.progress[1] > 0 for v in views)  # the bar showed real progress
    assert on_server(server) == {str(r.id) for r in records}
    assert screen.waiting.text() == "0" and screen.parked_card.isVisible()
    assert screen.parked_title.text() == "Geweigerde records (1)"
    assert "de server vindt het ongeldig (outcome" in screen.parked_list.itemAt(0).widget().text()


def test_saves_in_a_burst_make_one_sync(qtbot, window, server, services):
    service = enrolled_service(window, server, services)
    qtbot.waitUntil(lambda: service.attempts == 1 and not service.view.running, timeout=WAIT)  # start-up
    service._throttle.setInterval(100)
    records = [help_request(place(server)) for _ in range(5)]
    for record in records:
        queue(window.runtime.store, record)
        window.record_saved.emit()
    qtbot.waitUntil(lambda: on_server(server) == {str(r.id) for r in records}, timeout=WAIT)
    qtbot.wait(300)
    assert service.attempts == 2


def test_offline_it_keeps_retrying_and_the_probe_notices_the_server_is_back(qtbot, window, server, services):
    service = enrolled_service(window, server, services, backoff=Backoff(base=0.05, cap=0.2, floor=0.01),
                               use_network_information=False)
    qtbot.waitUntil(lambda: service.view.error is None and service.view.online is True, timeout=WAIT)
    server.stop()
    queue(window.runtime.store, *(help_request(place(server)) for _ in range(3)))
    before = service.attempts
    service.sync_now()
    qtbot.waitUntil(lambda: service.attempts >= before + 4, timeout=WAIT)  # the timer re-arms, again and again
    assert service.view.error == "offline" and service.view.online is False

    # Now long pauses: the cheap probe, not the retry timer, must notice the server is back.
    service.backoff = Backoff(base=3600)
    service._retry.stop()
    qtbot.waitUntil(lambda: not service.view.running, timeout=WAIT)  # a retry in flight holds them inflight
    assert set(outbox_states(window.runtime.store).values()) == {"pending"}
    service._probe.setInterval(100)
    service._probe.start()
    port = int(server.url.rsplit(":", 1)[1])
    again = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    again.bind(("127.0.0.1", port))
    again.listen(16)
    revived = start_server(server.engine, again)
    try:
        qtbot.waitUntil(lambda: service.view.status is not None and service.view.status.waiting == 0
                        and service.view.online, timeout=WAIT)
        assert not service._probe.isActive()
    finally:
        revived.stop()


def test_revoked_kiosk_stops_and_asks_to_enroll_again(qtbot, window, server, services):
    service = enrolled_service(window, server, services)
    qtbot.waitUntil(lambda: service.view.online is True and not service.view.running, timeout=WAIT)
    server.admin(admin.revoke_device, server.admin(lambda s: s.scalars(select(Device.id)).one()))
    queue(window.runtime.store, help_request(place(server)))
    service.sync_now()
    qtbot.waitUntil(lambda: service.view.needs_enrollment and not service.view.running, timeout=WAIT)
    assert not service._retry.isActive() and not service._probe.isActive()
    assert set(outbox_states(window.runtime.store).values()) == {"pending"}
    window.staff.logged_in(coordinator(window))
    screen = window.show_screen("staff-sync")
    assert screen.enroll_card.isVisible() and "nieuwe code" in screen.error.text()


def test_shutdown_pushes_what_is_waiting(qtbot, window, server, services):
    service = enrolled_service(window, server, services)
    qtbot.waitUntil(lambda: service.view.online is True and not service.view.running, timeout=WAIT)
    records = [help_request(place(server)) for _ in range(4)]
    queue(window.runtime.store, *records)
    service.shutdown()  # blocks until the last push is done (bounded)
    assert on_server(server) == {str(r.id) for r in records}
    service.sync_now()
    assert not service.view.running  # nothing starts after shutdown


STAFF_SCREENS_WITH_A_USER = ("staff-menu", "staff-help-form", "staff-today", "staff-shift", "staff-calls",
                             "staff-overview", "staff-accounts", "staff-settings", "staff-sync")


def test_a_revoked_kiosk_says_so_on_every_staff_screen_with_the_reconnect_one_tap_away(
        qtbot, window, server, services):
    service = enrolled_service(window, server, services)
    qtbot.waitUntil(lambda: service.view.online is True and not service.view.running, timeout=WAIT)
    server.admin(admin.revoke_device, server.admin(lambda s: s.scalars(select(Device.id)).one()))
    queue(window.runtime.store, help_request(place(server)))
    service.sync_now()
    qtbot.waitUntil(lambda: service.view.needs_enrollment and not service.view.running, timeout=WAIT)

    window.staff.logged_in(StaffUser("helper-id", "Bo Buur", "digihelper"))
    for name in ("staff-menu", "staff-help-form", "staff-today", "staff-shift", "staff-calls", "staff-sync"):
        banner = window.show_screen(name).banner
        assert banner.isVisible(), name
        assert "niet meer gekoppeld" in banner.text.text() and "Vraag een coördinator" in banner.text.text()
        assert not banner.button.isVisible()
    window.staff.logout()

    window.staff.logged_in(coordinator(window))
    for name in STAFF_SCREENS_WITH_A_USER:
        banner = window.show_screen(name).banner
        assert banner.isVisible() and banner.button.isVisible() and banner.button.text() == "Opnieuw koppelen", name
    window.show_screen("staff-menu")
    qtbot.mouseClick(window.screens["staff-menu"].banner.button, Qt.MouseButton.LeftButton)
    sync = window.screens["staff-sync"]
    assert window.current_screen_name() == "staff-sync" and sync.enroll_card.isVisible()
    assert not sync.enroll_form.url_input.visibleRegion().isEmpty()  # scrolled into view, not below the fold
    assert sync.enroll_form.url_input.hasFocus()


def test_sync_now_shows_that_it_tries_then_the_result_with_the_time(qtbot, window, server, services):
    service = enrolled_service(window, server, services)
    qtbot.waitUntil(lambda: service.view.online is True and not service.view.running, timeout=WAIT)
    window.staff.logged_in(coordinator(window))
    screen = window.show_screen("staff-sync")
    queue(window.runtime.store, *(help_request(place(server)) for _ in range(3)))
    painted = []  # what the screen showed after each change (connected after the screen: runs after it)
    service.changed.connect(lambda view: painted.append(
        (view.running, screen.sync_button.text(), screen.sync_button.isEnabled(), screen.state.text(),
         screen.progress.isVisibleTo(screen))))
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not service.view.running, timeout=WAIT)
    assert painted[0] == (True, "Bezig met synchroniseren...", False, "Bezig met synchroniseren...", True)
    at = window.api.clock.local(service.view.result.at).strftime("%H:%M")
    assert screen.result.text() == f"Gelukt om {at}: 3 hulpvragen verstuurd."
    assert screen.sync_button.text() == "Nu synchroniseren" and screen.sync_button.isEnabled()

    server.stop()
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    assert not screen.sync_button.isEnabled()
    qtbot.waitUntil(lambda: not service.view.running, timeout=WAIT)
    at = window.api.clock.local(service.view.result.at).strftime("%H:%M")
    assert screen.result.text() == f"Niet gelukt om {at}: geen verbinding. Digipunt probeert het zelf opnieuw."
    assert not screen.banner.isVisible()  # offline for a moment is no reason for a banner


def test_enrolling_deactivates_the_kiosks_own_helpers_once_and_the_servers_helpers_log_in(
        window, server, memory_keyring):
    store = window.runtime.store
    local = coordinator(window)
    server_helper = server.admin(admin.add_helper, "Sara Server", "digihelper", "592817")
    engine = SyncEngine(store, SecretStore(window.runtime.data_dir, backend=MemoryKeyring()))
    first = engine.enroll(server.url, server.enroll_code(), "pc")
    assert first.local_helpers_deactivated == 1
    with pytest.raises(AccountError, match="bestaat niet meer"):
        window.api.login(local.id, DEMO_HELPER_PIN)
    assert window.api.login_names() == ((str(server_helper.id), "Sara Server"),)
    again = engine.enroll(server.url, server.enroll_code(), "pc")  # the same server (after a revoke)
    assert again.local_helpers_deactivated == 0
    assert window.api.login_names() == ((str(server_helper.id), "Sara Server"),)
