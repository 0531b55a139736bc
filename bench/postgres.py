"""A throwaway PostgreSQL cluster for the sync benchmarks, started the way .ci/run starts the test
one: initdb (as the postgres user when run as root), trust auth, 127.0.0.1 only, on its own port
(55433) so it never collides with the test cluster."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

PORT = 55433


def _bindir() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if versions:
        return versions[-1]
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed: sudo apt-get install postgresql")
    return Path(initdb).parent


@contextmanager
def local_postgres(port: int = PORT, keep: Path | None = None) -> Iterator[str]:
    """Yields a SQLAlchemy URL of an empty cluster; stops it and deletes its files afterwards.
    With `keep`, the cluster lives in that directory and stays there for the next run."""
    bindir = _bindir()
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    pgdata = keep or Path(tempfile.mkdtemp(prefix="digipunt-bench-pg-"))
    as_postgres: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(pgdata, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]

    def pg(*args: str) -> None:
        proc = subprocess.run([*as_postgres, *args], capture_output=True, text=True)
        if proc.returncode != 0:
            log = pgdata / "log"
            raise RuntimeError(f"{args[0]} failed: {proc.stderr.strip()} {log.read_text() if log.exists() else ''}")

    try:
        if not (pgdata / "PG_VERSION").exists():
            pg(str(bindir / "initdb"), "-D", str(pgdata), "-A", "trust", "-U", "postgres")
        pg(str(bindir / "pg_ctl"), "-D", str(pgdata), "-w", "-l", str(pgdata / "log"), "-o",
           f"-p {port} -k {pgdata} -c listen_addresses=127.0.0.1", "start")
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            pg(str(bindir / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "stop")
    finally:
        if keep is None:
            shutil.rmtree(pgdata, ignore_errors=True)


def postmaster_pid(engine: Engine) -> int:
    """The process id of the cluster's postmaster, the parent of every backend (for their CPU time)."""
    with engine.connect() as conn:
        data = conn.scalar(text("SHOW data_directory"))
    return int((Path(data) / "postmaster.pid").read_text().split()[0])
