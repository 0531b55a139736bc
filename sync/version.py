"""The version of this Digipunt installation, from one source: the package metadata (pyproject.toml's
`version`). Kiosk and server both report it (`--version`, the self-check, the kiosk's User-Agent);
the PyInstaller build ships the metadata (installer/digipunt-kiosk.spec), so the frozen kiosk reads
the same value."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

UNKNOWN = "0+unknown"  # a source tree that was never installed (pip install -e . fixes it)


def digipunt_version() -> str:
    try:
        return version("digipunt")
    except PackageNotFoundError:
        return UNKNOWN


__version__ = digipunt_version()
