"""'Ik heb hulp nodig': visitors' calls for a digihelper, on this kiosk and the others of its location.

A call says only which guide and step the visitor was on and on which kiosk (the name the
coordinator gave it), never who the visitor is. Calls live in memory, in the `CallBoard`: they are
never stored, never synced as records, and a restart forgets them. A visitor session has at most
one call; the session's end withdraws it. The kiosks of one location exchange calls over the local
network (kiosk/net/calls.py), authenticated with the location's key (`location_key`): the server's
random key for the location on an enrolled kiosk, else the one a coordinator typed.

Whether anyone can come: a call reaches a helper only when a helper shift is open at this location,
on this kiosk (`shift_open_here`) or on another kiosk that answered. Otherwise the visitor is told
so, never that someone is coming.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.accounts import StaffUser, require_coordinator
from kiosk.core.clock import Clock
from kiosk.core.secrets import SecretStore
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import Meta, Shift
from sync.errors import DutchError

CALL_MAX_AGE = timedelta(hours=2)
LOCATION_KEY_NAME = "location-call-key"  # set by a coordinator on kiosks without a server
SERVER_CALL_KEY_NAME = "location-call-key-server"  # an enrolled kiosk's, from its server (hex)
LOCATION_KEY_CHARS = 24  # base32: 120 bits, short enough to type on each kiosk


class HelpCallError(DutchError):
    """A call cannot be taken or a key is not valid; the message is Dutch, for the helper."""


@dataclass(frozen=True)
class CallInfo:
    id: str
    created_at: datetime
    walkthrough_id: str | None
    step_index: int | None
    kiosk_name: str  # which kiosk the visitor sits at ("PC 3 bij het raam")
    here: bool = True  # made on this kiosk (False: received from another kiosk of the location)
    language: str | None = None  # the visitor's screen language: the helper knows what to speak


class CallBoard:
    """The open calls this kiosk knows of: its own visitor's (at most one per session) and those
    of the other kiosks of its location. Safe to use from the network threads and the UI."""

    def __init__(self, clock: Clock):
        self.clock = clock
        self._lock = threading.Lock()
        self._calls: dict[str, CallInfo] = {}
        self._own: str | None = None  # the current visitor session's call
        # Calls a helper took here and has not registered yet, per helper id: the form comes after
        # the help, so taking only marks the call (`taken_by`), registering it clears it (`registered`).
        self._taken: dict[str, dict[str, CallInfo]] = {}

    def make(self, walkthrough_id: str | None, step_index: int | None, kiosk_name: str,
             language: str | None = None) -> tuple[CallInfo, bool]:
        """The visitor's call, and whether it is new: a second tap gets the open call back."""
        with self._lock:
            own = self._calls.get(self._own) if self._own else None
            if own is not None:
                return own, False
            call = CallInfo(str(uuid.uuid4()), self.clock.now(), walkthrough_id, step_index, kiosk_name,
                            language=language)
            self._calls[call.id] = call
            self._own = call.id
            return call, True

    def own_call(self) -> CallInfo | None:
        with self._lock:
            return self._calls.get(self._own) if self._own else None

    def withdraw_own(self) -> CallInfo | None:
        """The visitor cancelled, or their session ended: their open call, now gone (None if none)."""
        with self._lock:
            call = self._calls.pop(self._own, None) if self._own else None
            self._own = None
            return call

    def received(self, call: CallInfo) -> bool:
        """A call from another kiosk; False when already known (it is announced again to newcomers)."""
        with self._lock:
            if call.id in self._calls:
                return False
            self._calls[call.id] = replace(call, here=False)
            return True

    def closed(self, call_id: str) -> CallInfo | None:
        """Another kiosk says the call was taken or withdrawn: the call, gone, or None if unknown."""
        with self._lock:
            if call_id == self._own:
                self._own = None
            return self._calls.pop(call_id, None)

    def take(self, call_id: str, helper_id: str) -> CallInfo:
        """A helper here takes the call. Only one helper can: a second one gets a clear message.
        The call waits in the helper's `taken_by` list until the help is registered."""
        call = self.closed(call_id)
        if call is None:
            raise HelpCallError("Een collega heeft deze oproep al aangenomen.")
        with self._lock:
            self._taken.setdefault(helper_id, {})[call.id] = call
        return call

    def taken_by(self, helper_id: str) -> list[CallInfo]:
        """The calls this helper took here and has not registered yet, oldest first (dropped after
        CALL_MAX_AGE, like open calls)."""
        since = self.clock.now() - CALL_MAX_AGE
        with self._lock:
            mine = self._taken.get(helper_id, {})
            for call_id in [i for i, c in mine.items() if c.created_at < since]:
                del mine[call_id]
            return sorted(mine.values(), key=lambda c: c.created_at)

    def registered(self, helper_id: str, call_id: str) -> None:
        """The help for this call is registered (or the helper says there is nothing to register)."""
        with self._lock:
            self._taken.get(helper_id, {}).pop(call_id, None)

    def open_calls(self) -> list[CallInfo]:
        """Calls nobody has taken yet, oldest first (who waits longest is helped first). A call
        older than CALL_MAX_AGE is dropped: that visitor has left or was helped without it."""
        since = self.clock.now() - CALL_MAX_AGE
        with self._lock:
            for call in [c for c in self._calls.values() if c.created_at < since]:
                self._calls.pop(call.id)
                if call.id == self._own:
                    self._own = None
            return sorted(self._calls.values(), key=lambda c: c.created_at)


def shift_open_here(session: Session) -> bool:
    """Is a helper shift open on this kiosk at its own location? (A kiosk whose location is not
    known from enrollment counts any open shift: it has only its own place.)"""
    query = select(Shift.id).where(Shift.ended_at.is_(None))
    location = session.get(Meta, meta_keys.LOCATION_ID)
    if location is not None:
        query = query.where(Shift.location_id == location.value)
    return session.scalar(query.limit(1)) is not None


# --- the location's key -------------------------------------------------------------------------------
def normalise_key_code(typed: str) -> str:
    """A location key as typed by a coordinator: letters and digits, case and spaces ignored."""
    code = "".join(ch for ch in typed.upper() if ch.isalnum())
    try:
        if len(code) != LOCATION_KEY_CHARS:
            raise ValueError
        base64.b32decode(code)
    except ValueError:
        raise HelpCallError(f"Een sleutel heeft {LOCATION_KEY_CHARS} letters en cijfers (2 tot 7). "
                            "Typ hem over zoals hij op de andere computer staat.") from None
    return code


def new_key_code() -> str:
    return base64.b32encode(secrets.token_bytes(LOCATION_KEY_CHARS * 5 // 8)).decode()


def set_location_key(secret_store: SecretStore, typed: str) -> str:
    """The coordinator's key for this location (the same on each of its kiosks); returns it grouped."""
    code = normalise_key_code(typed)
    secret_store.set(LOCATION_KEY_NAME, code)
    return group_key_code(code)


@dataclass(frozen=True)
class KeyState:
    """What the coordinator's "Oproepsleutel" screen shows."""

    from_server: bool  # enrolled: the server gives the key, nothing to type
    code: str | None  # the coordinator's key, grouped, to type on the location's other kiosks


def key_state(secret_store: SecretStore, session: Session) -> KeyState:
    if session.get(Meta, meta_keys.DEVICE_ID) is not None:
        return KeyState(True, None)
    code = secret_store.get(LOCATION_KEY_NAME)
    return KeyState(False, group_key_code(code) if code else None)


def set_key_by_coordinator(secret_store: SecretStore, store: Store, user: StaffUser, typed: str) -> KeyState:
    """A coordinator types (or makes, `typed` empty) the location's key on a kiosk without a server."""
    with store.transaction() as session:
        require_coordinator(session, user, "de sleutel voor oproepen instellen")  # the store's role, not the login's
        if session.get(Meta, meta_keys.DEVICE_ID) is not None:
            raise HelpCallError("Deze computer krijgt de sleutel van de centrale server. Je hoeft niets te typen.")
        code = normalise_key_code(typed or new_key_code())
        # Noted (committed) before the key is written: a stored key is never one the next start skips.
        session.merge(Meta(key=meta_keys.CALL_KEY_STORED, value="1"))
    set_location_key(secret_store, code)
    with store.read() as session:
        return key_state(secret_store, session)


def group_key_code(code: str) -> str:
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def location_key(secret_store: SecretStore, session: Session) -> bytes | None:
    """The key the kiosks of this location share, or None (calls then stay on this kiosk).

    An enrolled kiosk uses the key its server made for its location (random, given only to that
    location's kiosks with the reference data: sync/server/callkeys.py); until its first pull it
    has none. A kiosk without a server uses the key a coordinator typed on each kiosk."""
    if session.get(Meta, meta_keys.DEVICE_ID) is not None:
        server_key = secret_store.get(SERVER_CALL_KEY_NAME)
        return bytes.fromhex(server_key) if server_key else None
    code = secret_store.get(LOCATION_KEY_NAME)
    if code:
        return hashlib.sha256(b"digipunt-calls-key-v1\n" + code.encode()).digest()
    return None


# Asking the OS keyring at start-up costs about 30 ms and 7 MiB (on Linux it loads secretstorage and
# cryptography), for a key most kiosks without a server never get. The store notes whether a
# coordinator's key may be there (meta_keys.CALL_KEY_STORED), so a kiosk that never had one skips it.
def location_key_note(session: Session) -> bool | None:
    """What the store knows without asking the secret store: True when a location key may be there
    (an enrolled kiosk's server key, or a coordinator's key noted), False on a kiosk without a
    server known to hold none, None when nothing is noted (a store from before the note: ask)."""
    if session.get(Meta, meta_keys.DEVICE_ID) is not None:
        return True  # the server's key comes with a pull; the sync reads the keyring anyway
    noted = session.get(Meta, meta_keys.CALL_KEY_STORED)
    return None if noted is None else noted.value == "1"


def note_location_key_read(session: Session, found: bool) -> None:
    """After `location_key` on a kiosk without a server: what it found, unless noted meanwhile."""
    if location_key_note(session) is None:
        session.add(Meta(key=meta_keys.CALL_KEY_STORED, value="1" if found else "0"))
