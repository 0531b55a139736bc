"""Guide bundles over the sync API: after the reference pull, fetch the server's latest signed
manifest and let kiosk/core/bundles.py verify, download (resuming) and switch. Qt-free."""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from kiosk.core.bundles import Checkpoint, GuideBundles
from kiosk.sync.client import ServerApi
from sync.content_bundle import ManifestFile

log = logging.getLogger(__name__)


def fetch_guides(api: ServerApi, bundles: GuideBundles, now: datetime,
                 checkpoint: Checkpoint = lambda _step: None) -> int | None:
    """The new bundle's version once installed; None when there is nothing new or it was refused
    (recorded in the content folder). Raises SyncError when the network fails: the next sync
    resumes the download."""
    signed = api.content_manifest()
    if signed is None:
        return None

    def fetch(entry: ManifestFile, part_path: Path) -> None:
        api.fetch_file(entry.sha256, part_path, entry.length)

    return bundles.install(signed, fetch, now, checkpoint)
