"""Start-up of the Qt-free core: data directory, logging, settings, store, content, and the API.

The UI receives a ready `Runtime` and does its store work through `runtime.api` (kiosk/core/api.py);
tests build one without a QApplication.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.api import KioskApi
from kiosk.core.bundles import GuideBundles, load_guides
from kiosk.core.content import ContentReport
from kiosk.core.demo import seed_demo, seed_topics
from kiosk.core.paths import ensure_writable, resources_dir
from kiosk.core.settings import Settings, load_settings, with_server_settings
from kiosk.core.store import Store, open_store
from sync.private_files import PrivateRotatingFileHandler

LOG_FILE = "digipunt.log"


@dataclass
class Runtime:
    data_dir: Path
    settings: Settings
    store: Store
    content: ContentReport
    api: KioskApi  # the UI's one way to the store
    guides: GuideBundles  # signed guide bundles installed by the sync (kiosk/core/bundles.py)
    content_floor: Path  # the installer's guides, under any bundle
    # Dutch messages for staff: a recovered database, a bad setting, broken content.
    staff_warnings: list[str] = field(default_factory=list)
    # The installed bundle when the guides were loaded (also when it was damaged and the floor shown).
    content_pointer: int = 0
    # Whether the help calls ask the keyring for the location's key when they start
    # (Api.location_key_may_be_stored: False on a kiosk known to have none).
    call_key_may_be_stored: bool = True

    def reload_content(self) -> bool:
        """Take in a guide bundle installed since the guides were loaded. Only between visitors
        (the session's reset): nobody is switched in the middle of a guide. True when reloaded."""
        pointer = self.guides.installed_version()
        if pointer == self.content_pointer:
            return False
        self.content, self.content_pointer = load_guides(self.content_floor, self.guides), pointer
        logging.getLogger(__name__).info("guides reloaded: bundle %s, %d walkthroughs",
                                         self.content.version, len(self.content.walkthroughs))
        return True

    def close(self) -> None:
        self.store.close()


def setup_logging(data_dir: Path, level: int = logging.INFO) -> None:
    """Rotating log in the data directory. Never log visitor input or note text."""
    root = logging.getLogger()
    if any(h.get_name() == "digipunt" for h in root.handlers):
        return
    handler = PrivateRotatingFileHandler(data_dir / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.set_name("digipunt")  # marks it as ours: a second call adds no second handler
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def bootstrap(data_dir: Path, *, demo: bool = False, content_root: Path | None = None) -> Runtime:
    """Raises DataDirError or StoreError (Dutch messages) when the kiosk cannot start."""
    data_dir = ensure_writable(data_dir)
    setup_logging(data_dir)
    settings, problems = load_settings(data_dir)
    store = open_store(data_dir)
    settings, server_problems = with_server_settings(settings, store)
    problems += server_problems
    seed_topics(store)
    if demo:
        seed_demo(store)
    floor = content_root or resources_dir() / "walkthroughs"
    guides = GuideBundles.for_kiosk(data_dir, settings.content_keys, store)
    pointer = guides.installed_version()
    content = load_guides(floor, guides)
    warnings = [*store.warnings, *problems]
    if content.errors:
        warnings.append(f"{len(content.errors)} fouten in de inhoud van de stappenplannen; zie het logbestand.")
        for error in content.errors:
            logging.getLogger(__name__).error("content: %s", error)
    logging.getLogger(__name__).info("started: data dir %s, schema %s, %d walkthroughs",
                                     data_dir, store.schema_revision(), len(content.walkthroughs))
    api = KioskApi(store)
    return Runtime(data_dir=data_dir, settings=settings, store=store, content=content,
                   api=api, guides=guides, content_floor=floor, staff_warnings=warnings,
                   content_pointer=pointer, call_key_may_be_stored=api.location_key_may_be_stored())
