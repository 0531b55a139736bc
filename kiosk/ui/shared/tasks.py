"""Background work off the UI thread, results back on it through signals (as Anki's taskman).

Store work runs on one serialised worker so writes never race each other; network work (sync)
uses its own worker so a slow server never delays a save.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.core.secrets import NoSecureStoreError
from sync.errors import DutchError

log = logging.getLogger(__name__)
# Failures that are answers, not faults: Dutch for the person at the kiosk (sync/errors.py), or
# no secure key store on this computer (kiosk/core/secrets.py).
EXPECTED = (DutchError, NoSecureStoreError)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self._fn, self._relay = fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except EXPECTED as exc:  # a rule or the machine said no: the screen says why, no traceback needed
            log.info("background task refused: %s", type(exc).__name__)
            self._relay.failed.emit(exc)
        except Exception as exc:  # delivered to the UI thread, which shows a Dutch message
            log.exception("background task failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


class TaskRunner(QObject):
    """`run(fn, on_done, on_error)`: fn runs on the worker; the callbacks run on the UI thread."""

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName(name)
        self._relays: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], object] | None = None,
            on_error: Callable[[Exception], None] | None = None) -> None:
        relay = _Relay(self)  # lives on the UI thread, so its signals are delivered there
        self._relays.add(relay)

        @Slot(object)
        def finished(value, callback=on_done):
            self._relays.discard(relay)
            relay.deleteLater()
            if callback:
                callback(value)

        @Slot(object)
        def failed(exc, callback=on_error):
            self._relays.discard(relay)
            relay.deleteLater()
            if callback:
                callback(exc)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
