"""The kiosk's sync service: runs kiosk/sync/engine.py on its own worker, never on the UI thread.

When it syncs: at start-up (after putting entries left inflight back to pending), a few seconds
after `window.record_saved` (one sync for a burst of saves), when the network comes back
(QNetworkInformation where the platform has a backend, else a cheap probe of the server every half
minute while offline), on a timer that re-arms after every attempt (backoff with full jitter after a
failure, every few minutes after a success), on "Nu synchroniseren", and once more when the
application quits. A 401 stops it until staff enroll again; nothing else ever makes it give up.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication

from kiosk.core.secrets import SecretStore
from kiosk.sync.status import (
    NETWORK_ERRORS,
    Backoff,
    EnrollResult,
    HelperSetup,
    SyncOutcome,
    SyncStatus,
    guides_content,
)
from kiosk.sync.view import NEEDS_ENROLLMENT, SyncResult, SyncView
from kiosk.ui.shared.screen import KioskWindow, as_widget
from kiosk.ui.shared.tasks import TaskRunner
from sync import content_bundle

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = (3.0, 5.0)  # connect, read: the last push at quit must not hold the kiosk up


class SyncService(QObject):
    changed = Signal(object)  # SyncView
    _progress = Signal(int, int)  # emitted on the worker, delivered on the UI thread

    THROTTLE_MS = 5_000
    PERIOD_MS = 5 * 60_000
    PROBE_MS = 30_000
    SHUTDOWN_SECONDS = 8.0

    def __init__(self, window: KioskWindow, *, secrets: SecretStore | None = None, backoff: Backoff | None = None,
                 use_network_information: bool = True):
        super().__init__(as_widget(window))
        from kiosk.sync.engine import SyncEngine  # the HTTP stack loads only on a kiosk that syncs

        content_bundle.load_crypto()  # here on the UI thread: the sync's workers verify bundles, never import
        runtime, self.api = window.runtime, window.api
        secrets = secrets or SecretStore(runtime.data_dir, allow_file=runtime.settings.allow_secret_file)
        self.engine = SyncEngine(runtime.store, secrets, default_url=runtime.settings.server_url,
                                 content=guides_content(runtime.content.walkthroughs, runtime.guides),
                                 guides=runtime.guides)
        self.runner = TaskRunner("sync", self)  # network work never waits behind (or delays) a save
        self._progress.connect(lambda done, total: self._show(progress=(done, total)))
        self.backoff = backoff or Backoff()
        self.view = SyncView()
        self._running = self._again = False
        self._stop_at: float | None = None
        self.attempts = 0  # syncs started, for tests and the log

        self._throttle = self._timer(self.THROTTLE_MS, self.sync_now)
        self._retry = self._timer(self.PERIOD_MS, self.sync_now)
        self._probe = self._timer(self.PROBE_MS, self._probe_server, single_shot=False)
        self.network = self._network_information() if use_network_information else None
        if self.network is not None:
            self.network.reachabilityChanged.connect(self._reachability_changed)
        window.record_saved.connect(self.record_saved)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.runner.run(self.engine.recover, lambda _count: self.sync_now(), self._failed)

    def _timer(self, interval: int, slot, single_shot: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single_shot)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    @staticmethod
    def _network_information() -> QNetworkInformation | None:
        if QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            return QNetworkInformation.instance()
        return None

    # --- triggers ------------------------------------------------------------------------------
    def record_saved(self) -> None:
        """A record was saved: sync soon, once for a burst of saves."""
        if not self._throttle.isActive():
            self._throttle.start()

    def _reachability_changed(self, reachability) -> None:
        if reachability == QNetworkInformation.Reachability.Online and self.view.online is not True:
            self.backoff.reset()
            self.sync_now()

    def _probe_server(self) -> None:
        if not self._running:
            self.runner.run(self.engine.probe, lambda up: self._connectivity_back() if up else None)

    def _connectivity_back(self) -> None:
        self.backoff.reset()
        self.sync_now()

    def sync_now(self) -> None:
        if self._stop_at is not None:
            return
        if self._running:
            self._again = True  # once more after this one: it may have missed the newest record
            return
        self._throttle.stop()
        self._retry.stop()
        self._running = True
        self.attempts += 1
        self._show(running=True, progress=(0, 0))
        engine = self.engine

        def work() -> tuple[SyncOutcome, SyncStatus]:
            outcome = engine.sync(should_stop=self._should_stop, on_progress=self._worker_progress)
            return outcome, engine.status()

        self.runner.run(work, self._finished, self._failed)

    def _should_stop(self) -> bool:  # read on the worker
        return self._stop_at is not None and time.monotonic() > self._stop_at

    def _worker_progress(self, done: int, total: int) -> None:
        self._progress.emit(done, total)

    # --- results -------------------------------------------------------------------------------
    def _finished(self, result: tuple[SyncOutcome, SyncStatus]) -> None:
        outcome, status = result
        self._running = False
        error = outcome.error.kind if outcome.error else None
        sent = outcome.sent
        done = SyncResult(outcome.finished_at or self.engine.clock(), error, sent.help_requests,
                          sent.sent - sent.help_requests)
        self._show(status=status, running=False, error=error, online=error not in NETWORK_ERRORS, result=done,
                   clock_offset=outcome.clock_offset if outcome.clock_offset is not None else self.view.clock_offset,
                   clock_skewed=outcome.clock_skewed or (outcome.clock_offset is None and self.view.clock_skewed))
        if error is None:
            self.backoff.reset()
            self._probe.stop()
            self._schedule(self.PERIOD_MS)
        elif error in NEEDS_ENROLLMENT:
            self._probe.stop()  # nothing to retry until staff enroll again
        else:
            self._schedule(round(self.backoff.next_delay() * 1000))
            if self.network is None and error in NETWORK_ERRORS:
                self._probe.start()
        if self._again:
            self._again = False
            self.sync_now()

    def _failed(self, exc: Exception) -> None:
        """Not a network problem (e.g. the store is locked or full): try again later."""
        log.error("sync task failed: %s", type(exc).__name__)
        self._running = False
        self._show(running=False, error="internal", result=SyncResult(self.engine.clock(), "internal"))
        self._schedule(round(self.backoff.next_delay() * 1000))
        self.refresh()

    def _schedule(self, msecs: int) -> None:
        if self._stop_at is None:
            self._retry.start(max(msecs, 1))

    def _show(self, **changes) -> None:
        self.view = replace(self.view, **changes)
        self.changed.emit(self.view)

    # --- for the staff screen ------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the outbox status again (e.g. when the staff screen opens)."""
        self.runner.run(self.engine.status, lambda status: self._show(status=status))

    def enroll(self, server_url: str, code: str, device_name: str,
               finished: Callable[[EnrollResult | Exception], None], *, first_run: bool = False) -> None:
        """Enroll on the worker; `finished` gets the EnrollResult or the exception that stopped it.
        `first_run`: only while the kiosk has no helpers and was never enrolled (the first-run
        screen), checked on the worker right before the single-use code is spent."""
        engine, api = self.engine, self.api

        def work() -> EnrollResult:
            if first_run:
                api.check_first_run_enrollment()
            return engine.enroll(server_url, code, device_name)

        def done(result: EnrollResult) -> None:
            self.backoff.reset()
            self._show(error=None, online=True, clock_offset=result.clock_offset, clock_skewed=result.clock_skewed)
            finished(result)
            self.sync_now()

        self.runner.run(work, done, finished)

    def setup_helper(self, code: str, pin: str, finished: Callable[[HelperSetup | Exception], None]) -> None:
        """A helper sets their PIN with a set-up code (SyncEngine.setup_helper) on the sync worker;
        `finished` gets the HelperSetup or the exception that stopped it."""
        engine = self.engine
        self.runner.run(lambda: engine.setup_helper(code, pin), finished, finished)

    def retry_parked(self) -> None:
        self.runner.run(self.engine.requeue_parked, lambda _count: self.sync_now())

    # --- the end ---------------------------------------------------------------------------------
    def stop(self, grace_seconds: float = 0.0) -> None:
        """No more syncs; one still running may go on for `grace_seconds` (it stops between batches)."""
        if self._stop_at is None:
            self._stop_at = time.monotonic() + grace_seconds
        for timer in (self._throttle, self._retry, self._probe):
            timer.stop()

    def shutdown(self) -> None:
        """When the kiosk quits: a last push of what is waiting, bounded in time."""
        if self._stop_at is not None:
            return
        self.stop(self.SHUTDOWN_SECONDS)
        if not self.view.needs_enrollment:
            engine = self.engine
            self.runner.run(lambda: engine.sync(should_stop=self._should_stop, timeout=SHUTDOWN_TIMEOUT, pull=False))
        self.runner.wait(round(self.SHUTDOWN_SECONDS * 1000) + 2000)


def service_for(window: KioskWindow) -> SyncService:
    """The kiosk's sync service; the first enrollment of a kiosk without a server starts it here
    (later starts find the enrollment in the store: kiosk.ui.shared.screen.has_server)."""
    if window.sync is None:
        window.sync = SyncService(window)
    return window.sync
