"""The keys of the kiosk's meta table (`kiosk.core.store.models.Meta`), each defined here only.

Kiosk store keys, not wire data: the server never sees them.
"""
from __future__ import annotations

# Written at enrollment (kiosk/sync/engine.py). A kiosk with a device id is enrolled: the server
# then supplies its helpers (kiosk.core.accounts refuses local changes).
SERVER_URL = "sync.server_url"
DEVICE_ID = "sync.device_id"
LOCATION_ID = "sync.location_id"  # where this kiosk stands, as the server said; preselected in forms
# The puller's cursor in the server's reference change log (kiosk/sync/puller.py).
REFERENCE_CURSOR = "sync.reference_cursor"
LAST_SUCCESS = "sync.last_success"  # ISO time of the last complete sync
# `setting.<name>`: a setting from the server, value JSON (the puller writes them,
# kiosk.core.settings.with_server_settings reads them).
SERVER_SETTING_PREFIX = "setting."
# The coordinators' public key (hex) that borrowers' contacts are sealed to; public, from the
# server's reference data (kiosk/sync/puller.py), read by kiosk/core/lending.py.
LENDING_PUBLIC_KEY = "lending.public_key"
