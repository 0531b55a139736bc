"""The help-call service: the visitor's call on this kiosk, and the calls of the location's other
kiosks, between `window.api.calls` (kiosk.core.helpcalls.CallBoard) and the local network
(kiosk.net.calls.CallLink).

Network work runs on its own worker ("calls") and the link's threads, never on the UI thread;
whatever the link receives reaches the UI through this object's signals (queued to the UI thread).
Without a location key (a kiosk neither enrolled nor given one by a coordinator) calls stay on this
kiosk. An enrolled kiosk also reports its visitor's call to the central server (for the helpers'
phone page) and, while calls are open, asks it every SERVER_POLL_MS which were taken there; offline,
the kiosks go on among themselves.
"""
from __future__ import annotations

import logging
import socket
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.core.helpcalls import CallInfo
from kiosk.core.secrets import SecretStore
from kiosk.ui.shared.screen import KioskWindow, as_widget
from kiosk.ui.shared.tasks import TaskRunner
from sync.protocol import CallReport, CallState

if TYPE_CHECKING:
    from kiosk.net.calls import CallLink, CallMessage, Peer

log = logging.getLogger(__name__)

# kiosk.net.calls (zeroconf, ifaddr, urllib: 20-30 ms and 4 MiB) is imported on the UI thread when
# the link starts, so only by a kiosk that has a location key; without one, calls stay on this kiosk
# and nothing needs it. The link's threads only use it after that (no import on a worker: see
# tests/test_store.py).
_net: ModuleType | None = None


def _net_calls() -> ModuleType:
    global _net
    if _net is None:
        from kiosk.net import calls

        _net = calls
    return _net

ON_DUTY_EVERY_MS = 20_000  # how fresh "is a shift open here" is when another kiosk asks
SERVER_POLL_MS = 10_000  # while calls are open: which did a helper take on their phone?


class CallService(QObject):
    changed = Signal()  # the open calls changed (made, received, taken, withdrawn)
    arrived = Signal(object)  # a new CallInfo, from this kiosk or another: helpers hear it
    own_outcome = Signal(object, bool)  # (the visitor's call, whether a helper was reached)
    own_taken = Signal(object)  # a helper took the visitor's call, here or on another kiosk
    _incoming = Signal(object)  # a CallMessage from the link's threads, delivered on the UI thread

    def __init__(self, window: KioskWindow):
        super().__init__(as_widget(window))
        self.window = window
        settings = window.runtime.settings
        self.kiosk_name = settings.kiosk_name or socket.gethostname()
        self.net_tasks = TaskRunner("calls", self)
        self.link: CallLink | None = None
        self._on_duty = False  # read by the link's threads: a plain bool, refreshed below
        self._duty_timer = QTimer(self)
        self._duty_timer.timeout.connect(self.refresh_on_duty)
        window.visitor_session_reset.connect(self.withdraw)
        self._incoming.connect(self.receive)  # a bound method of this QObject: queued to its thread
        self._poll_timer = QTimer(self)
        self._poll_timer.timeout.connect(self.poll_server)
        self.changed.connect(self._poll_while_open)

    @property
    def board(self):
        return self.window.api.calls

    # --- starting and stopping -------------------------------------------------------------------
    def start(self) -> None:
        """Read the location's key (store + keyring) and start the link, both off the UI thread. A
        kiosk that the store knows has no key (noted at start-up: Runtime.call_key_may_be_stored)
        asks no keyring: that would cost its start 30 ms and 7 MiB for nothing."""
        self.refresh_on_duty()
        self._duty_timer.start(ON_DUTY_EVERY_MS)
        if self.window.runtime.call_key_may_be_stored:
            self._read_key()
        else:
            log.info("help calls stay on this kiosk: no location key")

    def _read_key(self) -> None:
        runtime = self.window.runtime
        secrets = SecretStore(runtime.data_dir, allow_file=runtime.settings.allow_secret_file)
        self.window.db_tasks.run(lambda: self.window.api.location_key(secrets), self._start_link,
                                 lambda exc: log.warning("help calls stay on this kiosk: %s", exc))

    def _start_link(self, key: bytes | None) -> None:
        if key is None:
            log.info("help calls stay on this kiosk: no location key")
            return
        # The first use imports kiosk.net.calls: here, on the UI thread, before the link's threads exist.
        link = _net_calls().CallLink(key, self.kiosk_name, on_message=self._incoming.emit,
                                     on_duty=lambda: self._on_duty, on_peer=self._peer_joined,
                                     interface=self.window.runtime.settings.calls_interface)

        def started(_result) -> None:
            self.link = link

        self.net_tasks.run(link.start, started, lambda exc: log.warning("help calls: network failed: %s", exc))

    def close(self) -> None:
        self._duty_timer.stop()
        self._poll_timer.stop()
        self.withdraw()
        self.net_tasks.wait()
        if self.link is not None:
            self.link.close()
            self.link = None

    def restart(self) -> None:
        """A new location key (a coordinator typed one): the link starts again with it."""
        self.net_tasks.wait()
        if self.link is not None:
            self.link.close()
            self.link = None
        self._read_key()

    def refresh_on_duty(self) -> None:
        self.window.db_tasks.run(self.window.api.helper_on_duty, lambda on: setattr(self, "_on_duty", on))

    # --- the visitor's call ----------------------------------------------------------------------
    def make(self, walkthrough_id: str | None, step_index: int | None) -> None:
        """The visitor's new call; `own_outcome` says whether anyone was reached."""
        api = self.window.api
        language = self.window.prefs.language
        self.window.db_tasks.run(lambda: api.call_for_help(walkthrough_id, step_index, self.kiosk_name, language),
                                 self._made, self._failed)

    def _made(self, result: tuple[CallInfo, bool, bool]) -> None:
        call, new, on_duty_here = result
        self._on_duty = on_duty_here
        if not new:  # a second tap raced the first: the banner shows the open call already
            return
        self.changed.emit()
        self.arrived.emit(call)
        self._report(call, "open")
        link = self.link
        if link is None:
            self._reached(call, on_duty_here)
            return
        message = _message("made", call)
        self.net_tasks.run(lambda: link.send(message),
                           lambda answers: self._reached(call, on_duty_here or any(answers)),
                           lambda _exc: self._reached(call, on_duty_here))

    def _reached(self, call: CallInfo, reached: bool) -> None:
        if self.board.own_call() != call:
            return  # cancelled or taken meanwhile
        if not reached:  # nobody can come: no call stays open that nobody answers
            self.withdraw()
        self.own_outcome.emit(call, reached)

    def _failed(self, exc: Exception) -> None:
        log.warning("help call failed: %s", exc)
        self.own_outcome.emit(None, False)

    def withdraw(self) -> None:
        """The visitor cancels, or the session ends: the open call is gone everywhere."""
        call = self.board.withdraw_own()
        if call is not None:
            self.changed.emit()
            self._broadcast("withdrawn", call)
            self._report(call, "withdrawn")

    def own_call(self) -> CallInfo | None:
        return self.board.own_call()

    # --- helpers taking calls --------------------------------------------------------------------
    def taken(self, call: CallInfo) -> None:
        """A helper here took `call` (window.api.take_call): clear it on every kiosk."""
        self.changed.emit()
        if call.here:
            self.own_taken.emit(call)
        self._broadcast("taken", call)
        self._report(call, "taken")

    def _broadcast(self, kind: str, call: CallInfo) -> None:
        link = self.link
        if link is not None:
            message = _message(kind, call)
            self.net_tasks.run(lambda: link.send(message))

    # --- the central server (enrolled kiosks): the helpers' phone page ----------------------------
    def _server(self):
        sync = getattr(self.window, "sync", None)  # kiosk.ui.shared.sync_service: only with a server
        return None if sync is None else sync.engine

    def _report(self, call: CallInfo, state: CallState) -> None:
        """Tell the server of a call made or ended here (a call from another kiosk is that kiosk's)."""
        engine = self._server()
        if engine is None or not call.here:
            return
        report = CallReport(id=call.id, state=state, kiosk_name=call.kiosk_name[:120],
                            walkthrough_id=call.walkthrough_id, step_index=call.step_index,
                            what=describe(self.window, call)[0][:200], created_at=call.created_at)
        self.net_tasks.run(lambda: engine.report_call(report), self._closed_on_server,
                           lambda exc: log.info("help call not reported to the server: %s", exc))

    def poll_server(self) -> None:
        engine = self._server()
        if engine is not None:
            self.net_tasks.run(lambda: engine.report_call(None), self._closed_on_server,
                               lambda exc: log.info("help calls: server not asked: %s", exc))

    def _poll_while_open(self) -> None:
        if self.board.open_calls() and self._server() is not None:
            if not self._poll_timer.isActive():
                self._poll_timer.start(SERVER_POLL_MS)
        else:
            self._poll_timer.stop()

    def _closed_on_server(self, closed: set[str]) -> None:
        """Calls the server has as taken (on a helper's phone) or ended: cleared here too."""
        for call in self.board.open_calls():
            if call.id in closed and self.board.closed(call.id) is not None:
                self.changed.emit()
                if call.here:
                    self.own_taken.emit(call)

    # --- from the network (on the UI thread, through `_incoming`) ------------------------------------
    def receive(self, message: CallMessage) -> None:
        """A message from another kiosk of the location (or a screenshot's stand-in)."""
        if message.kind == "made":
            call = CallInfo(message.call_id, datetime.fromisoformat(message.created_at), message.walkthrough_id,
                            message.step_index, message.kiosk_name, here=False, language=message.language)
            if self.board.received(call):
                self.changed.emit()
                self.arrived.emit(call)
            return
        call = self.board.closed(message.call_id)
        if call is not None:
            self.changed.emit()
            if call.here and message.kind == "taken":
                self.own_taken.emit(call)

    def _peer_joined(self, peer: Peer) -> None:
        """A kiosk of the location appeared (or came back): tell it the call it missed."""
        own = self.board.own_call()
        if own is not None and self.link is not None:
            self.link.send(_message("made", own), [peer])


def _tr(text: str) -> str:  # the helpers' screen's words (staff screens stay Dutch)
    return QCoreApplication.translate("HelpCallsScreen", text)


def describe(window: KioskWindow, call: CallInfo) -> tuple[str, str]:
    """(what the visitor was doing, where and since when) in Dutch: the helper reads it before walking
    over, on the "staff-calls" screen and on their phone (the server gets `what`)."""
    when = _tr("{kiosk}, sinds {time}").format(kiosk=call.kiosk_name,
                                              time=window.api.clock.local(call.created_at).strftime("%H:%M"))
    guide = window.staff.walkthrough(call.walkthrough_id)
    if guide is None:
        return _tr("Een bezoeker vraagt hulp"), when
    if call.step_index is None or not 0 <= call.step_index < len(guide):
        return guide.title("nl"), when
    step = guide.step("nl", call.step_index)
    # Where the step lies on the visitor's way (walkthrough.py counts the same): no total to give
    # while a question lies ahead.
    n, left = guide.depth(call.step_index) + 1, guide.steps_left(call.step_index)
    text = (_tr("{guide}, stap {n}: {step}") if left is None else _tr("{guide}, stap {n} van {total}: {step}"))
    return text.format(guide=guide.title("nl"), n=n, total=n + (left or 0), step=step.title), when


def _message(kind, call: CallInfo) -> CallMessage:
    return _net_calls().CallMessage(kind, call.id, call.kiosk_name, call.created_at.isoformat(), call.walkthrough_id,
                                    call.step_index, call.language)
