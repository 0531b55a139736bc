"""Where the kiosk finds its bundled resources and keeps its data."""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

from sync.private_files import private_dir

APP_NAME = "Digipunt"
DATA_DIR_ENV = "DIGIPUNT_DATA_DIR"


def resources_dir() -> Path:
    """Bundled content, translations and themes: next to the code, or inside a PyInstaller build."""
    override = os.environ.get("DIGIPUNT_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def default_data_dir() -> Path:
    """Per-machine data (the store, logs, settings). Override it with --data-dir or DIGIPUNT_DATA_DIR,
    e.g. to a persistent partition on PCs that restore themselves at reboot."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs  # only here (about 5 ms and 1 MiB): installed kiosks name their data directory

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DataDirError(Exception):
    """The data directory cannot be created or written. The message is Dutch, for staff."""


def ensure_writable(data_dir: Path) -> Path:
    data_dir = data_dir.expanduser()
    try:
        private_dir(data_dir)  # PIN hashes, notes, the log: for this account only
        probe = data_dir / f".write-test-{uuid.uuid4().hex}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise DataDirError(
            f"De gegevensmap {data_dir} kan niet worden aangemaakt of beschreven ({exc.strerror or exc}). "
            "Kies een map waar deze gebruiker mag schrijven, met --data-dir of DIGIPUNT_DATA_DIR, "
            "of vraag de beheerder om de rechten aan te passen. Er zijn geen gegevens verloren."
        ) from exc
    return data_dir
