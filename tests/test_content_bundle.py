"""Signed guide bundles on the server side: keys (files, 0600, rotation), publishing (the content
checks shared with `python -m kiosk.content check`) and the manifest's verification rules."""
from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import sessionmaker

from kiosk.core.paths import resources_dir
from sync.content_bundle import (
    BundleRejected,
    Manifest,
    ManifestFile,
    SignedManifest,
    build_manifest,
    folder_files,
    public_key_text,
    sign,
    verify_manifest,
)
from sync.server import content
from sync.server.db import make_server_engine, migrate

CONTENT = resources_dir() / "walkthroughs"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def server(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", "--database-url", f"sqlite:///{tmp_path}/s.db",
                           "--content-key", str(tmp_path / "keys" / "content.pem"), *args],
                          capture_output=True, text=True, timeout=120)


def test_content_key_init_show_rotate(tmp_path):
    made = server(tmp_path, "content-key", "init")
    assert made.returncode == 0, made.stderr
    key_file = tmp_path / "keys" / "content.pem"
    for path in (key_file, content.next_key_path(key_file)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = content.pinned_keys(key_file)
    assert len(first) == 2 and first[0] in made.stdout and first[1] in made.stdout
    again = server(tmp_path, "content-key", "init")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert content.pinned_keys(key_file) == first  # nothing overwritten
    shown = server(tmp_path, "content-key", "show")
    assert first[0] in shown.stdout and first[1] in shown.stdout
    assert server(tmp_path, "content-key", "rotate").returncode == 0
    after = content.pinned_keys(key_file)
    assert after[0] == first[1] and after[1] not in first  # the next key is current: kiosks already pin it
    assert stat.S_IMODE(content.next_key_path(key_file).stat().st_mode) == 0o600


def test_the_key_is_never_in_the_database(tmp_path):
    assert server(tmp_path, "content-key", "init").returncode == 0
    assert server(tmp_path, "content-publish", str(CONTENT)).returncode == 0
    pem = (tmp_path / "keys" / "content.pem").read_bytes()
    secret = b"".join(pem.splitlines()[1:-1])
    database = b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))
    assert secret not in database and b"PRIVATE KEY" not in database


def test_publishing_runs_the_content_checks(tmp_path):
    assert server(tmp_path, "content-key", "init").returncode == 0
    broken = tmp_path / "broken"
    shutil.copytree(CONTENT, broken)
    guide = next(p for p in broken.iterdir() if p.is_dir())
    (guide / "text" / "nl.toml").unlink()
    done = server(tmp_path, "content-publish", str(broken))
    assert done.returncode == 1
    missing = "De Nederlandse tekst (text/nl.toml) ontbreekt"
    assert missing in done.stderr and "(master_missing)" in done.stderr  # as `python -m kiosk.content check`
    check = subprocess.run([sys.executable, "-m", "kiosk.content", "check", "--root", str(broken)],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 1 and missing in check.stderr
    ok = server(tmp_path, "content-publish", str(CONTENT))
    assert ok.returncode == 0 and "version 1" in ok.stdout, ok.stderr
    assert "version 2" in server(tmp_path, "content-publish", str(CONTENT)).stdout


def test_publish_without_a_key_stores_nothing(tmp_path):
    engine = make_server_engine(f"sqlite:///{tmp_path}/s.db")
    migrate(engine)
    with sessionmaker(engine).begin() as session, pytest.raises(content.ContentError, match="content-key init"):
        content.publish_folder(session, CONTENT, tmp_path / "none.pem", actor="t", now=NOW)
    with sessionmaker(engine)() as session:
        assert content.latest(session) is None
    engine.dispose()


def signed(key: Ed25519PrivateKey, version: int = 2, expires: timedelta = timedelta(days=30)) -> SignedManifest:
    return sign(build_manifest({"a/walkthrough.toml": b"x"}, version, NOW, expires), key)


def test_verify_accepts_either_pinned_key_and_refuses_the_rest():
    current, following, stranger = (Ed25519PrivateKey.generate() for _ in range(3))
    pinned = [public_key_text(current.public_key()), public_key_text(following.public_key())]
    assert verify_manifest(signed(current), pinned, 1, NOW).version == 2
    assert verify_manifest(signed(following), pinned, 1, NOW).version == 2  # after a rotation
    cases = {
        "wrong-key": signed(stranger),
        "rollback": signed(current, version=1),
        "expired": signed(current, expires=timedelta(seconds=-1)),
    }
    good = signed(current)
    cases["tampered"] = good.model_copy(update={"manifest": good.manifest.replace('"version":2', '"version":9')})
    for reason, bundle in cases.items():
        with pytest.raises(BundleRejected) as refused:
            verify_manifest(bundle, pinned, 1, NOW)
        assert refused.value.reason == reason
        assert refused.value.text  # the Dutch sentence staff read


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a/../b", ".hidden", "a\\b", "C:/x", "a//b", ""])
def test_a_manifest_path_cannot_leave_the_bundle(path):
    with pytest.raises(ValueError):
        ManifestFile(path=path, sha256="0" * 64, length=0)


def test_the_bundled_content_makes_a_valid_manifest():
    files = folder_files(CONTENT)
    manifest = build_manifest(files, 1, NOW, timedelta(days=1))
    assert Manifest.model_validate_json(manifest.model_dump_json()) == manifest
    assert {f.path.split("/")[0] for f in manifest.files} == {p.name for p in CONTENT.iterdir() if p.is_dir()}
