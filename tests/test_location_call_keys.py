"""Each location's help-call key is random, kept on the server and given only to that location's
kiosks (sync/server/callkeys.py, kiosk/sync/puller.py, kiosk/core/helpcalls.location_key): real
server on 127.0.0.1, real kiosk stores enrolled through the sync engine, SQLite and PostgreSQL."""
from __future__ import annotations

import hashlib
import hmac

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from kiosk.core.helpcalls import SERVER_CALL_KEY_NAME, location_key
from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.core.visitor_code import KEY_NAME as VISITOR_KEY_NAME
from kiosk.sync.engine import SyncEngine
from sync.server import admin
from sync.server.db import MIGRATIONS_DIR, migrate
from sync.server.models import Location, LocationCallKey
from tests.keyrings import MemoryKeyring


def enrolled_kiosk(server, tmp_path, name: str, place: str, kind: str = "fixed") -> tuple[bytes | None, SecretStore]:
    """A kiosk enrolled at `place`: its location key as its help calls would use it."""
    data_dir = tmp_path / name
    data_dir.mkdir()
    store = open_store(data_dir)
    secrets = SecretStore(data_dir, backend=MemoryKeyring())
    try:
        SyncEngine(store, secrets).enroll(server.url, server.enroll_code(place, kind), name)
        with store.read() as session:
            return location_key(secrets, session), secrets
    finally:
        store.close()


def old_derivation(secrets: SecretStore, location_id: str) -> bytes:
    """What kiosks used to compute, and any kiosk of the server could: never the key any more."""
    return hmac.new(bytes.fromhex(secrets.get(VISITOR_KEY_NAME)), b"digipunt-calls-v1\n" + location_id.encode(),
                    hashlib.sha256).digest()


def test_kiosks_of_one_location_share_a_random_key_no_other_location_can_compute(live_server, tmp_path):
    door, door_secrets = enrolled_kiosk(live_server, tmp_path, "pc-1", "Bibliotheek Leuven")
    window, _ = enrolled_kiosk(live_server, tmp_path, "pc-2", "Bibliotheek Leuven")
    bus, bus_secrets = enrolled_kiosk(live_server, tmp_path, "bus-1", "Digibus Noord", "digibus")
    assert door is not None and len(door) == 32 and door == window
    assert bus is not None and bus != door
    library = live_server.admin(lambda s: s.scalar(select(Location.id).where(Location.name == "Bibliotheek Leuven")))
    # Nothing a kiosk of the bus holds gives the library's key: not the shared visitor-code key.
    assert bus_secrets.get(VISITOR_KEY_NAME) == door_secrets.get(VISITOR_KEY_NAME)
    assert old_derivation(bus_secrets, library) != door
    # The server keeps it, and hands each kiosk only its own location's.
    kept = live_server.admin(lambda s: s.get(LocationCallKey, library).key)
    assert bytes.fromhex(kept) == door and door_secrets.get(SERVER_CALL_KEY_NAME) == kept
    assert bus_secrets.get(SERVER_CALL_KEY_NAME) != kept


def test_locations_made_before_the_keys_get_one_from_the_migration(server_engine):
    live = server_engine
    migrate(live)
    with live.begin() as conn:
        conn.execute(text("DELETE FROM location_call_keys"))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with live.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "s0006")
    with live.begin() as conn:
        for name in ("Bibliotheek", "Digibus"):
            conn.execute(text("INSERT INTO locations (id, name, kind, active) VALUES (:i, :n, 'fixed', true)"),
                         {"i": f"id-{name}", "n": name})
    migrate(live)
    with live.begin() as conn:
        keys = dict(conn.execute(text("SELECT location_id, key FROM location_call_keys")).all())
    assert sorted(keys) == ["id-Bibliotheek", "id-Digibus"]
    assert len({keys["id-Bibliotheek"], keys["id-Digibus"]}) == 2 and all(len(k) == 64 for k in keys.values())


def test_a_new_location_gets_its_key_with_it(live_server):
    place = live_server.admin(admin.add_location, "Wijkhuis", "fixed")
    assert len(live_server.admin(lambda s: s.get(LocationCallKey, place.id).key)) == 64
