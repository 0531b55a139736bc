"""'Ik heb hulp nodig' across the kiosks of a location (kiosk/core/helpcalls.py, kiosk/net/calls.py,
kiosk/ui/shared/calls.py): the board's rules, the location key, the authenticated exchange, and
two real kiosk processes on 127.0.0.1 finding each other over mDNS."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from keyring.backends.null import Keyring as NullKeyring
from keyring.errors import KeyringLocked

from kiosk.core.api import KioskApi
from kiosk.core.helpcalls import (
    LOCATION_KEY_NAME,
    SERVER_CALL_KEY_NAME,
    CallBoard,
    HelpCallError,
    location_key,
    normalise_key_code,
    set_location_key,
    shift_open_here,
)
from kiosk.core.secrets import NoSecureStoreError, SecretStore
from kiosk.core.shifts import start_shift
from kiosk.core.store import meta_keys
from kiosk.core.store.models import Meta
from kiosk.core.visitor_code import install_key
from kiosk.net.calls import MAC_HEADER, PATH, CallLink, CallMessage, seal
from tests.keyrings import MemoryKeyring

REPO = Path(__file__).parents[1]
KEY = b"k" * 32


# --- the board ---------------------------------------------------------------------------------------
def test_one_call_per_visitor_session_withdrawn_at_its_end(clock):
    board = CallBoard(clock.clock)
    call, new = board.make("itsme", 2, "PC 3 bij het raam")
    again, new_again = board.make("taxonweb", 0, "PC 3 bij het raam")
    assert new and not new_again and again == call  # a second tap: the open call
    assert board.open_calls() == [call] and board.own_call() == call
    assert board.withdraw_own() == call and board.open_calls() == [] and board.withdraw_own() is None
    assert board.make("itsme", 2, "PC 3")[1]  # the next visitor can call again


def test_calls_from_other_kiosks_are_taken_once_and_expire(clock):
    board = CallBoard(clock.clock)
    old, _ = board.make("itsme", 1, "PC 1")
    clock.advance(hours=3)
    other = CallBoard(clock.clock).make("taxonweb", 4, "PC 2")[0]
    assert board.received(other) and not board.received(other)  # announced again: known
    assert board.open_calls()[0].here is False and [c.id for c in board.open_calls()] == [other.id]  # old expired
    assert board.own_call() is None and old.id != other.id
    assert board.take(other.id, "helper-a").kiosk_name == "PC 2"
    with pytest.raises(HelpCallError, match="al aangenomen"):
        board.take(other.id, "helper-b")
    # Taken is not done: the call waits for the help to be registered, for its helper only.
    assert [c.id for c in board.taken_by("helper-a")] == [other.id] and board.taken_by("helper-b") == []
    board.registered("helper-a", other.id)
    assert board.taken_by("helper-a") == []
    board.received(CallBoard(clock.clock).make("eloket", 0, "PC 4")[0])
    forgotten = board.take(board.open_calls()[0].id, "helper-a")
    clock.advance(hours=3)  # never registered: gone with the visitor
    assert board.taken_by("helper-a") == [] and forgotten.kiosk_name == "PC 4"


def test_a_shift_open_at_this_location_is_someone_who_can_come(store, staff, clock):
    with store.read() as session:
        assert not shift_open_here(session)
    start_shift(store, staff.helper, staff.fixed, None, clock.clock)
    with store.read() as session:
        assert shift_open_here(session)
    with store.transaction() as session:  # enrolled at another location: that shift is not here
        session.add(Meta(key=meta_keys.LOCATION_ID, value=staff.bus))
    with store.read() as session:
        assert not shift_open_here(session)


# --- the location key --------------------------------------------------------------------------------
def test_location_key_from_the_coordinator_or_the_servers_random_key(store, data_dir):
    secrets = SecretStore(data_dir, backend=MemoryKeyring())
    with store.read() as session:
        assert location_key(secrets, session) is None  # not enrolled, no key: calls stay here
    assert set_location_key(secrets, "abcd efgh ijkl mnop qrst uvwx") == "ABCD EFGH IJKL MNOP QRST UVWX"
    assert secrets.get(LOCATION_KEY_NAME) == "ABCDEFGHIJKLMNOPQRSTUVWX"
    with store.read() as session:
        typed = location_key(secrets, session)
    assert typed is not None and len(typed) == 32
    with pytest.raises(HelpCallError, match="24 letters"):
        normalise_key_code("abc18")

    # Enrolled: only the key the server made for this location counts (none before the first pull),
    # never one computed from what every kiosk of the server holds (the visitor-code key).
    install_key(secrets, bytes(range(32)))
    with store.transaction() as session:
        session.add(Meta(key=meta_keys.DEVICE_ID, value="device-1"))
        session.add(Meta(key=meta_keys.LOCATION_ID, value="loc-a"))
    with store.read() as session:
        assert location_key(secrets, session) is None
    secrets.set(SERVER_CALL_KEY_NAME, "ab" * 32)
    with store.read() as session:
        assert location_key(secrets, session) == bytes.fromhex("ab" * 32)


class _RefusingKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise KeyringLocked("locked")


def test_only_a_kiosk_known_to_have_no_key_skips_the_keyring_and_a_key_stored_is_always_read(store, staff, data_dir):
    """Start-up asks the keyring for the location's key only when the store does not know there is
    none (Runtime.call_key_may_be_stored): a kiosk that has a key must always find it."""
    api, keyring_ = KioskApi(store), MemoryKeyring()
    secrets = SecretStore(data_dir, backend=keyring_)
    assert api.location_key_may_be_stored()  # unknown (a store from before the note): ask
    assert api.location_key(secrets) is None
    assert not api.location_key_may_be_stored()  # asked, nothing there: the next starts skip it
    # A coordinator's key is noted before it is stored; from then on every start reads it.
    api.set_call_key(secrets, staff.coordinator, "")
    assert api.location_key_may_be_stored() and api.location_key(secrets) is not None
    with store.transaction() as session:  # a store from before the note, with a key: read and noted
        session.delete(session.get(Meta, meta_keys.CALL_KEY_STORED))
    assert api.location_key_may_be_stored() and api.location_key(secrets) is not None
    assert api.location_key_may_be_stored()
    # A keyring that cannot be read (no secure store, no file allowed) notes nothing: the next start asks again.
    with store.transaction() as session:
        session.delete(session.get(Meta, meta_keys.CALL_KEY_STORED))
    with pytest.raises(NoSecureStoreError):
        api.location_key(SecretStore(data_dir, backend=NullKeyring()))
    assert api.location_key_may_be_stored()
    # A key noted but never stored (the keyring refused it) is asked for at every start: no harm.
    api.location_key(secrets)
    keyring_.items.clear()
    assert api.location_key(secrets) is None and api.location_key_may_be_stored()  # "1" stays
    with store.transaction() as session:
        session.merge(Meta(key=meta_keys.CALL_KEY_STORED, value="0"))
    with pytest.raises(NoSecureStoreError):
        api.set_call_key(SecretStore(data_dir, backend=_RefusingKeyring()), staff.coordinator, "")
    assert api.location_key_may_be_stored()


# --- the exchange ------------------------------------------------------------------------------------
# Kiosks find each other over mDNS on 127.0.0.1: two of the tests below at once would see each
# other's kiosks (several use the same key), so they run one at a time under pytest-xdist.
MDNS = pytest.mark.exclusive("mdns")


def _wait(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def links():
    made = []

    def make(key, name, on_duty=False):
        received = []
        link = CallLink(key, name, on_message=received.append, on_duty=lambda: on_duty, interface="127.0.0.1")
        link.start()
        made.append(link)
        return link, received

    yield make
    for link in made:
        link.close()


def _post(port, body, mac):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{PATH}", data=body, method="POST",
                                     headers={MAC_HEADER: mac})
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@MDNS
def test_links_find_each_other_and_refuse_a_wrong_key_and_a_replay(links):
    a, _ = links(KEY, "PC 1")
    b, at_b = links(KEY, "PC 2", on_duty=True)
    stranger, at_stranger = links(b"x" * 32, "PC elders")
    _wait(lambda: [p.kiosk_name for p in a.peers()] == ["PC 2"] and len(b.peers()) == 1)
    assert stranger.peers() == []  # another location's key: never a peer
    message = CallMessage("made", "c1", "PC 1", "2026-11-24T10:00:00+00:00", "itsme", 2)
    assert a.send(message) == [True]  # PC 2 accepted it and has a helper shift open
    assert at_b == [message]
    body, mac = seal(b"x" * 32, {"kind": "made", "call_id": "c2", "kiosk_name": "PC elders",
                                 "created_at": "2026-11-24T10:00:00+00:00"})
    assert _post(b.port, body, mac) == 403  # the wrong location key
    body, mac = seal(KEY, {"kind": "made", "call_id": "c3", "kiosk_name": "PC 1",
                           "created_at": "2026-11-24T10:00:00+00:00"})
    assert _post(b.port, body, mac) == 200
    assert _post(b.port, body, mac) == 403  # the same message again: a replay
    stale = json.loads(body) | {"ts": time.time() - 600, "nonce": "n" * 32}
    stale_body = json.dumps(stale).encode()
    assert _post(b.port, stale_body, seal.__globals__["mac"](KEY, stale_body)) == 403  # too old
    assert [m.call_id for m in at_b] == ["c1", "c3"] and at_stranger == []


# --- two real kiosk processes ------------------------------------------------------------------------
class KioskProcess:
    def __init__(self, data_dir: Path, name: str, key_code: str):
        data_dir.mkdir()
        (data_dir / "settings.json").write_text(json.dumps(
            {"kiosk_name": name, "calls_interface": "127.0.0.1", "allow_secret_file": True}))
        (data_dir / "secrets.json").write_text(json.dumps({LOCATION_KEY_NAME: key_code}))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.call_kiosk", str(data_dir)], cwd=REPO, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        assert self.read() == {"ready": True}

    def read(self) -> dict:
        while True:
            line = self.stdout.readline()
            if not line:
                raise AssertionError("the kiosk process ended")
            if line.startswith("{"):
                return json.loads(line)

    def do(self, command: str) -> dict:
        self.stdin.write(command + "\n")
        self.stdin.flush()
        return self.read()

    def wait_for(self, predicate, timeout=20.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            state = self.do("state")
            if predicate(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; last state {state}")
            time.sleep(0.1)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.do("quit")
                self.proc.wait(timeout=10)
            except (AssertionError, BrokenPipeError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def kiosks(tmp_path):
    started = []

    def start(name, key_code="ABCDEFGHIJKLMNOPQRSTUVWX"):
        kiosk = KioskProcess(tmp_path / name.replace(" ", "-"), name, key_code)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.close()


@pytest.mark.timeout(120)
@MDNS
def test_two_kiosk_processes_share_a_call_and_taking_it_clears_both(kiosks):
    visitor, helper = kiosks("PC 1 bij de deur"), kiosks("PC 3 bij het raam")
    visitor.wait_for(lambda s: s["peers"] == 1)
    helper.wait_for(lambda s: s["peers"] == 1)

    # Nobody has a shift: the visitor is told so, and no call stays open anywhere.
    visitor.do("call")
    state = visitor.wait_for(lambda s: s["banner"] == "nobody")
    assert state["banner_text"] == "Vraag het aan de balie." and state["calls"] == []
    visitor.do("cancel")

    helper.do("login")
    helper.do("shift")
    helper.do("state")  # the shift is read on the helper's store worker
    time.sleep(0.5)
    visitor.do("call")
    assert visitor.wait_for(lambda s: s["banner"] == "reached")["calls"] == [["PC 1 bij de deur", "itsme", 2]]
    state = helper.wait_for(lambda s: s["alert"])
    assert state["calls"] == [["PC 1 bij de deur", "itsme", 2]]
    assert "PC 1 bij de deur" in state["alert_text"] and "stap 3" in state["alert_text"]

    helper.do("take")
    # Taken, not yet helped: the helper's list keeps it for "Hulp registreren" after the help.
    helper.wait_for(lambda s: s["calls"] == [] and not s["alert"] and s["screen"] == "staff-calls"
                    and s["taken"] == [["PC 1 bij de deur", "itsme", 2]])
    state = visitor.wait_for(lambda s: s["calls"] == [] and s["banner"] == "taken")
    assert state["banner_text"] == "Blijf gerust zitten."


@pytest.mark.timeout(120)
@MDNS
def test_a_kiosk_with_another_key_never_sees_the_call_and_a_reset_withdraws_it(kiosks):
    visitor, helper, elsewhere = kiosks("PC 1"), kiosks("PC 2"), kiosks("PC X", "QRSTQRSTQRSTQRSTQRSTQRST")
    visitor.wait_for(lambda s: s["peers"] == 1)
    helper.do("login")
    helper.do("shift")
    elsewhere.do("login")
    elsewhere.do("shift")
    time.sleep(0.5)
    visitor.do("call")
    visitor.wait_for(lambda s: s["banner"] == "reached")
    helper.wait_for(lambda s: s["alert"])
    visitor.do("reset")  # the visitor left: the call is withdrawn everywhere
    assert visitor.wait_for(lambda s: s["banner"] is None)["calls"] == []
    helper.wait_for(lambda s: s["calls"] == [] and not s["alert"])
    assert elsewhere.wait_for(lambda s: s["peers"] == 0)["calls"] == []  # its link runs, alone
