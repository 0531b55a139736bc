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
# The entities the cursor covers (JSON list). A kiosk that learned a new entity (an update) pulls
# from the start once, or it would never get what was published before its cursor.
REFERENCE_ENTITIES = "sync.reference_entities"
LAST_SUCCESS = "sync.last_success"  # ISO time of the last complete sync
# The last failed sync, for the status report (kiosk/sync/report.py): JSON {"at": ISO time, "text": ...}.
LAST_ERROR = "sync.last_error"
# `setting.<name>`: a setting from the server, value JSON (the puller writes them,
# kiosk.core.settings.with_server_settings reads them).
SERVER_SETTING_PREFIX = "setting."
# The guide-signing public keys the server gave at enrollment, JSON list (kiosk/core/bundles.py);
# used only when settings.json names no `content_keys`.
CONTENT_KEYS = "content.keys"
# The coordinators' public key (hex) that borrowers' contacts are sealed to; public, from the
# server's reference data (kiosk/sync/puller.py), read by kiosk/core/lending.py.
LENDING_PUBLIC_KEY = "lending.public_key"
# Whether a coordinator's help-call key may be in the secret store (kiosk/core/helpcalls.py): "1"
# from just before one is stored, "0" once a read found none; absent (a store from before
# 2026-12-01, or a key put in place by hand) means unknown, and the next start asks the store.
CALL_KEY_STORED = "calls.key_stored"
