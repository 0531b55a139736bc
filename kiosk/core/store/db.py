"""Opening the local store: integrity check, SQLite pragmas, automatic migrations."""
from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection

from sync.private_files import private_file
from sync.sqlite import make_sqlite_engine

if TYPE_CHECKING:  # alembic is imported only when a migration runs
    from alembic.config import Config

log = logging.getLogger(__name__)

DB_FILE = "digipunt.sqlite3"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """The store cannot be opened or written. The message is Dutch, for staff."""


@dataclass
class Store:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    # Where a damaged database was moved to at this start-up, for the staff warning.
    moved_aside: Path | None = None
    warnings: list[str] = field(default_factory=list)
    # Store.write's connection: kept checked out of the pool, since checking one out and back in
    # cost about a tenth of a save's CPU. Dropped when the engine is disposed or a rollback fails.
    _writer: PoolProxiedConnection | None = field(default=None, init=False, repr=False)
    _writer_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "engine_disposed", lambda _engine: self._drop_writer())

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE): committed on success, rolled back on error.
        A full disk, a read-only or broken file and a lock held too long become a StoreError with
        a Dutch message; nothing of the transaction is kept and earlier commits are untouched."""
        with _storage_errors(), self.session_factory.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """`transaction` for a save made of plain statements (store/rows.py), on a bare sqlite3
        connection of the pool: same pragmas, lock, commit and errors, without a Session, whose
        set-up and commit cost about as much CPU as the save's own statements."""
        with self._writer_lock, _storage_errors():
            if self._writer is None:
                self._writer = self.engine.raw_connection()
            conn = cast(sqlite3.Connection, self._writer.driver_connection)
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                try:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                except sqlite3.Error:
                    self._drop_writer()  # in an unknown state: the next write takes a fresh one
                raise

    def _drop_writer(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.invalidate()  # closed, not handed back: a disposed pool would keep it open

    def read(self) -> Session:
        """A session for reading: its transaction is DEFERRED, so readers never hold the write lock
        (WAL lets them read while a writer commits). Use it as a context manager."""
        return Session(self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False)

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return stored_revision(cast(sqlite3.Connection, conn.connection.driver_connection))

    def close(self) -> None:
        self.engine.dispose()  # drops the writer too (engine_disposed)


_STORAGE_PROBLEMS = {
    "SQLITE_FULL": "De schijf van deze computer is vol. Dit is niet opgeslagen; wat eerder is opgeslagen, "
                   "is veilig. Vraag de beheerder om ruimte vrij te maken en probeer dan opnieuw.",
    "SQLITE_READONLY": "De databank is alleen-lezen. Dit is niet opgeslagen; wat eerder is opgeslagen, is "
                       "veilig. Vraag de beheerder om de rechten op de gegevensmap na te kijken.",
    "SQLITE_IOERR": "De schijf gaf een fout bij het opslaan. Dit is niet opgeslagen; probeer opnieuw. "
                    "Gebeurt het weer? Meld het aan de beheerder.",
    "SQLITE_BUSY": "De databank is even bezet. Dit is niet opgeslagen; probeer het over een paar seconden opnieuw.",
}


@contextmanager
def _storage_errors() -> Iterator[None]:
    """Storage failures (from SQLAlchemy or from sqlite3 itself) as a StoreError; others pass."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        error = exc.orig if isinstance(exc, DBAPIError) else exc
        message = _storage_problem(error)
        if message is None:
            raise
        log.error("store write failed: %s", getattr(error, "sqlite_errorname", type(error).__name__))
        raise StoreError(message) from exc


def _storage_problem(error: BaseException | None) -> str | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, message in _STORAGE_PROBLEMS.items():
        if name == prefix or name.startswith(prefix + "_"):
            return message
    return None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None  # the kiosk ships its migrations
    return head


_REVISION = re.compile(r"""^revision\s*=\s*["']([^"']+)["']\s*$""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision\s*=\s*(?:None|["']([^"']+)["'])\s*$""", re.MULTILINE)


def script_head() -> str | None:
    """The newest revision, read from the version files without importing Alembic: importing it
    costs about 0.1 s and 10 MiB at every start of an old laptop, and on most starts the database is
    already at head. None when the files are not a plain chain (a merge, a branch): Alembic decides."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """The revision the database is at (Alembic's version table), None for a new database."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no version table yet
        return None
    return row[0] if row else None


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def check_integrity(path: Path) -> Path | None:
    """Run PRAGMA quick_check on an existing database. A damaged file (and its -wal/-shm) is moved
    aside with a timestamp, never deleted; returns where it went, or None when the file is fine."""
    if not path.exists():
        return None
    problem = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                problem = "; ".join(str(r[0]) for r in rows[:5])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            shutil.move(src, Path(f"{target}{suffix}"))
    log.error("database %s failed its integrity check (%s); moved to %s", path, problem, target)
    return target


def migrate(engine: Engine) -> None:
    """Upgrade to head. Alembic is imported only when the database is not at head already."""
    head = script_head()
    if head is not None:
        with engine.connect() as conn:
            if stored_revision(cast(sqlite3.Connection, conn.connection.driver_connection)) == head:
                return
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(data_dir: Path) -> Store:
    """Open (or create) the store in `data_dir`, recovering from a damaged file, migrated to head."""
    path = data_dir / DB_FILE
    try:
        moved = check_integrity(path)
        private_file(path)
        engine = make_sqlite_engine(path)
        migrate(engine)
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(
            f"De databank {path} kan niet geopend worden ({reason}). Controleer de schijfruimte en de "
            "rechten op de gegevensmap. Bestaande gegevens zijn niet gewist."
        ) from exc
    store = Store(path=path, engine=engine, session_factory=sessionmaker(engine, expire_on_commit=False),
                  moved_aside=moved)
    if moved is not None:
        store.warnings.append(
            f"De databank was beschadigd. Ze is bewaard als {moved.name} en er is een nieuwe, lege "
            "databank gemaakt. Records die nog niet gesynchroniseerd waren, staan in het bewaarde "
            "bestand: meld dit aan de coördinator."
        )
    return store
