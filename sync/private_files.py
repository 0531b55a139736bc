"""Data files readable only by the account that runs the program (kiosk and server alike).

The store holds PIN hashes and notes, the server's database the visitor-code key: on POSIX their
folder is 0700 and the files 0600, whatever the umask. On Windows these modes mean little; the
installer gives the data folder an ACL for the kiosk account instead (installer/README.md).
"""
from __future__ import annotations

import logging.handlers
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700, unless it is a shared folder: one
    with the sticky bit (/tmp) or of another account. Closing /tmp to everyone else broke other
    programs (a server database put in /tmp did that); the files inside are 0600 all the same."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        info = path.stat()
        if info.st_mode & stat.S_ISVTX or info.st_uid != os.geteuid():
            log.warning("%s is a shared folder: its mode is left as it is, only the data files are private", path)
        else:
            os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if it is missing, and make it 0600. SQLite gives its -wal and -shm files
    the mode of the database file, so doing this before the first connection covers them too."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE))
    if os.name == "posix":
        os.chmod(path, FILE_MODE)
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files, also those made at a rollover, are 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # the one hook FileHandler offers for this
        private_file(Path(self.baseFilename))
        return super()._open()
