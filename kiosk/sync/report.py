"""The kiosk's status report (sync.protocol.StatusReport), gathered from the store on the sync
worker: app, content and schema version, records waiting and parked, this computer's clock and the
last failed sync. `SyncEngine.sync` sends it once per run (POST /v1/status).

The last failure is kept in the meta table (`meta_keys.LAST_ERROR`), so a report after a run that
failed, or after a restart, still says what went wrong and when. Its text is the failure's short
Dutch reason, its kind and technical detail; the protocol's model cleans and bounds it and withholds
it when the note guard finds personal data.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime

from kiosk.core.store import Store, meta_keys
from kiosk.core.store.db import StoreError
from kiosk.sync.outbox import state_counts, waiting
from kiosk.sync.puller import get_meta, set_meta
from kiosk.sync.status import ContentState, SyncError
from kiosk.sync.view import SHORT_REASONS
from sync.protocol import StatusReport
from sync.version import __version__

log = logging.getLogger(__name__)


def error_text(error: SyncError) -> str:
    """'de server heeft een probleem [server]: HTTP 502'."""
    reason = SHORT_REASONS.get(error.kind, "synchroniseren mislukt")
    return f"{reason} [{error.kind}]" + (f": {error.detail}" if error.detail else "")


def remember_failure(store: Store, error: SyncError, at: datetime) -> None:
    """Keep the failure for the next report. Best effort: a store that cannot be written (a full
    disk) must not turn a failed sync into a crash; the report then names an older failure."""
    try:
        with store.transaction() as session:
            set_meta(session, meta_keys.LAST_ERROR, json.dumps({"at": at.isoformat(), "text": error_text(error)}))
    except StoreError as exc:
        log.warning("could not keep the sync failure for the status report: %s", exc)


def build_report(store: Store, now: datetime, content: ContentState) -> StatusReport:
    """The report as of `now` (this computer's clock). Raises pydantic's ValidationError only when a
    version cannot be sent (say, a content version that is not a version)."""
    with store.read() as session:
        counts = state_counts(session)
        saved = get_meta(session, meta_keys.LAST_ERROR)
    last = json.loads(saved) if saved else {}
    return StatusReport(
        kiosk_time=now, app_version=__version__, content_version=content.version, content_error=content.error,
        schema_version=store.schema_revision(), records_waiting=waiting(counts),
        records_parked=counts.get("parked", 0), last_error=last.get("text"),
        last_error_at=datetime.fromisoformat(last["at"]) if "at" in last else None,
    )
