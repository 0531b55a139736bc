"""Everything a kiosk does to sync, Qt-free: enroll, push the outbox, pull reference data, report
status. The UI's SyncService runs these on its own worker thread; scripts call `sync_once`.

What the kiosk keeps in its meta table is listed in kiosk/core/store/meta_keys.py. The device token is in the
secret store (kiosk.core.secrets.DEVICE_TOKEN), never in the database or the log.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import CursorResult, select, update

from kiosk.core.accounts import hash_pin
from kiosk.core.bundles import GuideBundles, check_keys
from kiosk.core.lending import purge_expired_contacts
from kiosk.core.secrets import DEVICE_TOKEN, NoSecureStoreError, SecretStore
from kiosk.core.store import Store, meta_keys, open_store
from kiosk.core.store.models import Helper, OutboxEntry, Topic
from kiosk.sync.client import DEFAULT_TIMEOUT, ServerApi, check_server_url, utcnow
from kiosk.sync.content import fetch_guides
from kiosk.sync.outbox import (
    SENT_RETENTION,
    Sender,
    prune_sent,
    recover_inflight,
    requeue_parked,
    state_counts,
    waiting,
)
from kiosk.sync.puller import Puller, get_meta, set_meta
from kiosk.sync.report import build_report, remember_failure
from kiosk.sync.status import (
    NETWORK_ERRORS,
    AuthError,
    ContentState,
    EnrollResult,
    HelperSetup,
    ParkedRecord,
    RejectedError,
    SendReport,
    SyncError,
    SyncOutcome,
    SyncStatus,
)
from sync.protocol import CallReport
from sync.sqlite import truncate_wal

log = logging.getLogger(__name__)

def _valid_keys(keys: list[str]) -> list[str]:
    """The server's guide keys, if they are keys (a bad answer pins nothing, never fails the enrollment)."""
    try:
        return check_keys(keys)
    except ValueError:
        log.warning("the server sent guide keys that are not valid; this kiosk installs no guide bundles")
        return []


class SyncEngine:
    """`content` tells the status report about the guides (called on the sync worker, once a run)."""

    def __init__(self, store: Store, secrets: SecretStore, *, default_url: str | None = None,
                 clock: Callable[[], datetime] = utcnow, content: Callable[[], ContentState] = ContentState,
                 guides: GuideBundles | None = None):
        self.store, self.secrets, self.default_url, self.clock = store, secrets, default_url, clock
        self.content = content
        self.guides = guides  # signed guide bundles: fetched after the pull when keys are pinned

    def server_url(self) -> str | None:
        with self.store.read() as session:
            return get_meta(session, meta_keys.SERVER_URL) or self.default_url

    def _token(self) -> str | None:
        try:
            return self.secrets.get(DEVICE_TOKEN)
        except NoSecureStoreError:
            return None

    def enroll(self, server_url: str, code: str, device_name: str) -> EnrollResult:
        """Raises ValueError (bad URL), NoSecureStoreError (nowhere to keep the token; checked before
        the single-use code is spent), SyncError (network; `code-refused` for a bad code)."""
        url = check_server_url(server_url)
        try:
            self.secrets.get(DEVICE_TOKEN)  # before the single-use code is spent
        except NoSecureStoreError:
            # Expected on a computer without a key store: staff are told what to do, no traceback.
            log.warning("enrollment not started: no secure key store (%s) and secrets in a file are not allowed",
                        self.secrets.backend_name)
            raise
        api = ServerApi(url, clock=self.clock)
        try:
            answer = api.enroll(code.strip(), device_name)
        except RejectedError as exc:
            raise SyncError("code-refused", str(exc)) from None
        finally:
            api.close()
        self.secrets.set(DEVICE_TOKEN, answer.token)
        with self.store.transaction() as session:
            enrolled_before = get_meta(session, meta_keys.DEVICE_ID) is not None
            previous = get_meta(session, meta_keys.SERVER_URL) if enrolled_before else None
            deactivated = 0
            if previous != url:
                # A first enrollment, or another server: its reference data from the start, and its
                # helpers only. The helpers made on this kiosk can no longer log in (kept: records
                # refer to them); the pull below brings the server's.
                set_meta(session, meta_keys.REFERENCE_CURSOR, None)
                deactivated = cast(CursorResult[Any], session.execute(
                    update(Helper).where(Helper.active).values(active=False))).rowcount
                # One topic list: the server's (the pull brings it); records keep their codes.
                session.execute(update(Topic).where(Topic.active).values(active=False))
            set_meta(session, meta_keys.SERVER_URL, url)
            set_meta(session, meta_keys.DEVICE_ID, str(answer.device_id))
            set_meta(session, meta_keys.LOCATION_ID, None if answer.location_id is None else str(answer.location_id))
            keys = _valid_keys(answer.content_keys)
            set_meta(session, meta_keys.CONTENT_KEYS, json.dumps(keys) if keys else None)
        if self.guides is not None:
            self.guides.learn_keys(keys)
        log.info("enrolled at %s as device %s", url, answer.device_id)
        # This kiosk's location, helpers and topics right away (the help log needs the location
        # row); if this fails the next sync fetches them.
        api = ServerApi(url, answer.token, clock=self.clock)
        try:
            Puller(self.store, api, self.secrets).pull()
        except SyncError as exc:
            log.warning("first reference pull failed: %s", exc)
        finally:
            api.close()
        return EnrollResult(str(answer.device_id), None if answer.location_id is None else str(answer.location_id),
                            self.secrets.uses_file, api.clock_offset, int(deactivated or 0))

    def setup_helper(self, code: str, pin: str) -> HelperSetup:
        """A helper's own PIN with the one-time set-up code from the console: hashed here (the PIN
        never leaves this task), the code checked by the server, then the account pulled so the
        helper can log in at once. Raises AccountError (PIN rules), AuthError (not enrolled or
        revoked), TransientError (no connection) or SyncError `setup-code-refused` /
        `setup-other-location`."""
        url, token = self.server_url(), self._token()
        if not url or not token:
            raise AuthError("not-enrolled")
        pin_hash = hash_pin(pin)
        api = ServerApi(url, token, clock=self.clock)
        try:
            try:
                answer = api.setup_helper(code.strip(), pin_hash)
            except RejectedError as exc:
                kind = "setup-other-location" if exc.error == "other-location" else "setup-code-refused"
                raise SyncError(kind, str(exc)) from None
            try:
                Puller(self.store, api, self.secrets).pull()
                available = True
            except SyncError as exc:
                log.warning("reference pull after a PIN set-up failed: %s", exc)
                available = False
        finally:
            api.close()
        log.info("helper %s set a PIN with a set-up code", answer.helper_id)
        return HelperSetup(str(answer.helper_id), answer.display_name, available)

    def recover(self) -> int:
        """Once at start-up, before any sync."""
        return recover_inflight(self.store)

    def requeue_parked(self) -> int:
        return requeue_parked(self.store)

    def probe(self, timeout: tuple[float, float] = (3.0, 3.0)) -> bool:
        """Is the server reachable? A cheap unauthenticated GET."""
        url = self.server_url()
        if url is None:
            return False
        api = ServerApi(url, timeout=timeout, clock=self.clock)
        try:
            api.health()
            return True
        except SyncError:
            return False
        finally:
            api.close()

    def sync(self, *, should_stop: Callable[[], bool] = lambda: False,
             on_progress: Callable[[int, int], None] | None = None,
             timeout: tuple[float, float] = DEFAULT_TIMEOUT, pull: bool = True) -> SyncOutcome:
        """Push the outbox, then pull reference data, then send the status report (also after a
        failure, when the server was reached; not when stopping). Never raises for sync failures:
        the outcome says what happened, the caller decides when to try again."""
        if purge_expired_contacts(self.store, self.clock()):  # online or not: the retention is over
            truncate_wal(self.store.engine)
        url, token = self.server_url(), self._token()
        if not url or not token:
            return SyncOutcome(error=AuthError("not-enrolled"), finished_at=self.clock())
        api = ServerApi(url, token, timeout=timeout, clock=self.clock)
        outcome = SyncOutcome()
        try:
            outcome.sent = Sender(self.store, api, clock=self.clock).send_pending(should_stop=should_stop,
                                                                                 on_progress=on_progress)
            if outcome.sent.contacts_forgotten:
                truncate_wal(self.store.engine)  # no old copy of the erased boxes in the WAL file
            if pull and not should_stop():
                outcome.pulled = Puller(self.store, api, self.secrets).pull(should_stop=should_stop)
            if pull and self.guides is not None and self.guides.pinned and not should_stop():
                self._fetch_guides(api)
            with self.store.transaction() as session:
                set_meta(session, meta_keys.LAST_SUCCESS, self.clock().isoformat())
            pruned = prune_sent(self.store, self.clock())
            if pruned:
                log.info("pruned %d outbox entries sent more than %d days ago", pruned, SENT_RETENTION.days)
        except SyncError as exc:
            log.warning("sync failed: %s", exc)
            outcome.error = exc
            remember_failure(self.store, exc, self.clock())
        try:
            error = outcome.error
            reached = error is None or not (isinstance(error, AuthError) or error.kind in NETWORK_ERRORS)
            if reached and not should_stop():
                outcome.status_sent = self._send_status(api)
        finally:
            outcome.clock_offset = api.clock_offset
            outcome.finished_at = self.clock()
            api.close()
        return outcome

    def _send_status(self, api: ServerApi) -> bool:
        """One POST /v1/status; whether the server took it. Its failure is not the sync's: a server
        from before status reports answers 404, and the next run sends a fresh report anyway."""
        try:
            api.post_status(build_report(self.store, self.clock(), self.content()))
        except (SyncError, ValidationError) as exc:
            log.info("status report not sent: %s", exc)
            return False
        return True

    def _fetch_guides(self, api: ServerApi) -> None:
        """A failed guide download does not fail the sync of records: it resumes next time."""
        assert self.guides is not None
        try:
            fetch_guides(api, self.guides, self.clock())
        except (SyncError, OSError) as exc:
            log.warning("guide bundle not fetched: %s", exc)

    def report_call(self, report: CallReport | None) -> set[str]:
        """Tell the server of a help call made or ended here (None: only ask), for the helpers'
        phone page; returns the ids of the location's calls that are no longer open there (taken on
        a phone). Raises SyncError when offline or not enrolled: the kiosks then go on among
        themselves (kiosk/net/calls.py)."""
        url, token = self.server_url(), self._token()
        if url is None or token is None:
            raise SyncError("not-enrolled", "this kiosk has no server")
        api = ServerApi(url, token, timeout=(3.0, 5.0), clock=self.clock)
        try:
            updates = api.report_call(report) if report is not None else api.call_updates()
        finally:
            api.close()
        return {str(call_id) for call_id in updates.closed}

    def status(self) -> SyncStatus:
        with self.store.read() as session:
            counts = state_counts(session)
            parked = session.execute(select(OutboxEntry.kind, OutboxEntry.created_at, OutboxEntry.last_error)
                                     .where(OutboxEntry.state == "parked").order_by(OutboxEntry.seq)).all()
            url = get_meta(session, meta_keys.SERVER_URL) or self.default_url
            enrolled = get_meta(session, meta_keys.DEVICE_ID) is not None
            last = get_meta(session, meta_keys.LAST_SUCCESS)
        return SyncStatus(
            server_url=url, enrolled=enrolled and self._token() is not None,
            waiting=waiting(counts),
            parked=[ParkedRecord(kind, created, reason or "") for kind, created, reason in parked],
            last_success=datetime.fromisoformat(last) if last else None,
            insecure_secrets=self.secrets.uses_file,
        )


def sync_once(data_dir: Path, server_url: str, token: str, *, pull: bool = False) -> SendReport:
    """For scripts and test harnesses: open the store in `data_dir` (a fresh process, so entries
    left inflight go back to pending), push everything pending, optionally pull. Raises SyncError."""
    store = open_store(data_dir)
    api = ServerApi(server_url, token)
    try:
        recover_inflight(store)
        report = Sender(store, api).send_pending()
        if pull:
            Puller(store, api).pull()
        return report
    finally:
        api.close()
        store.close()
