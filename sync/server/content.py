"""Guide bundles on the server: the signing keys (files, never the database), publishing (the same
checks as `python -m kiosk.content check`, then a signed manifest) and what kiosks download.

Keys: the file named by `--content-key` or DIGIPUNT_CONTENT_KEY (default: `content-key.pem` in the
server's data folder) holds the current Ed25519 private key; `<file>.next` holds the next one.
Kiosks pin both public keys; `rotate` makes the next key current and makes a new next key, so a
kiosk that pinned the pair keeps accepting bundles across one rotation.
"""
from __future__ import annotations

import io
import os
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

import platformdirs
import tomli_w
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.content_bundle import (
    MAX_BUNDLE_FILES,
    MAX_FILE_BYTES,
    Manifest,
    ManifestFile,
    SignedManifest,
    build_manifest,
    folder_files,
    key_id,
    public_key_text,
    sign,
)
from sync.content_format import load_walkthroughs
from sync.content_problems import Problem
from sync.private_files import FILE_MODE, private_dir
from sync.server.models import ContentBlob, ContentBundle

KEY_ENV = "DIGIPUNT_CONTENT_KEY"
DEFAULT_LIFETIME = timedelta(days=365)  # a kiosk refuses an older signature (freeze attack)
MAX_ZIP_BYTES = 16 * 1024 * 1024  # a guide with its pictures; the server reads it before the login check


class ContentError(Exception):
    """Refused: a message for the person at the CLI or console (with `errors`, the checks' problems)."""

    def __init__(self, message: str, errors: list[Problem] | None = None):
        super().__init__(message)
        self.errors = errors or []


# --- keys ----------------------------------------------------------------------------------------
def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the content key file does not hold an Ed25519 key")
    return key


def default_key_path() -> Path:
    configured = os.environ.get(KEY_ENV)
    if configured:
        return Path(configured)
    return platformdirs.user_data_path("digipunt-server", appauthor=False) / "content-key.pem"


def next_key_path(path: Path) -> Path:
    return path.with_name(path.name + ".next")


def _write_key(path: Path, key: Ed25519PrivateKey) -> None:
    """Written to a 0600 temporary file beside it, then moved in: never readable by others, never half."""
    private_dir(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_key_pem(key))
        fh.flush()
        os.fsync(fh.fileno())
    if os.name == "posix":
        os.chmod(tmp, FILE_MODE)
    os.replace(tmp, path)


def read_key(path: Path) -> Ed25519PrivateKey:
    try:
        return load_private_key(path.read_bytes())
    except FileNotFoundError:
        raise ContentError(f"no content key at {path}; make one with `digipunt-server content-key init`") from None
    except ValueError as exc:
        raise ContentError(f"{path}: {exc}") from None


def init_keys(path: Path) -> list[str]:
    """The current and the next key; refuses to overwrite (kiosks pinned the old ones)."""
    if path.exists() or next_key_path(path).exists():
        raise ContentError(f"{path} already exists; `content-key rotate` replaces a key")
    _write_key(next_key_path(path), Ed25519PrivateKey.generate())
    _write_key(path, Ed25519PrivateKey.generate())
    return pinned_keys(path)


def pinned_keys(path: Path) -> list[str]:
    """The public keys kiosks must pin, current first."""
    keys = [public_key_text(read_key(path).public_key())]
    if next_key_path(path).exists():
        keys.append(public_key_text(read_key(next_key_path(path)).public_key()))
    return keys


def enrollment_keys(path: Path) -> list[str]:
    """What a kiosk learns at enrollment (over verified HTTPS): the pinned pair, or none without keys."""
    try:
        return pinned_keys(path)
    except ContentError:
        return []


def rotate_keys(path: Path) -> list[str]:
    """The next key becomes current (kiosks already pin it); a new next key is made. The old current
    private key is overwritten: nothing signs with it again."""
    following = next_key_path(path)
    read_key(path)
    if not following.exists():
        raise ContentError(f"{following} is missing; make one with `digipunt-server content-key init` on a new file")
    read_key(following)
    os.replace(following, path)
    _write_key(following, Ed25519PrivateKey.generate())
    return pinned_keys(path)


def describe_keys(keys: list[str]) -> str:
    names = ("current", "next")
    lines = [f"{names[i]:7}  {key}  (id {key_id(key)})" for i, key in enumerate(keys)]
    return "\n".join(lines) + ('\nkiosk settings.json: "content_keys": [' + ", ".join(f'"{k}"' for k in keys) + "]")


# --- publishing ------------------------------------------------------------------------------------
def check_folder(root: Path) -> list[Problem]:
    """The problems `python -m kiosk.content check` finds in a walkthroughs folder (the shared code),
    and one when the folder holds no guide at all; their paths start inside the folder (it is often
    a temporary one)."""
    report = load_walkthroughs(root)
    if not report.walkthroughs and not report.errors:
        return [Problem("no_guides")]
    return [replace(problem, root="") for problem in report.errors]


def bundle_problems(files: dict[str, bytes]) -> list[Problem]:
    """What keeps these files from being a bundle a kiosk accepts, checked before any of them is
    written to a folder: too many or too large, or a name a manifest refuses (a space, a way up)."""
    if len(files) > MAX_BUNDLE_FILES or any(len(data) > MAX_FILE_BYTES for data in files.values()):
        return [Problem("bundle_too_large", params={"files": MAX_BUNDLE_FILES, "megabytes": MAX_FILE_BYTES // 2**20})]
    refused = []
    for path in sorted(files):
        try:
            ManifestFile(path=path, sha256="0" * 64, length=0)
        except ValueError:
            refused.append(path)
    return [Problem("file_name_refused", params={"names": refused})] if refused else []


def latest(session: Session) -> ContentBundle | None:
    return session.scalar(select(ContentBundle).order_by(ContentBundle.version.desc()).limit(1))


def bundle_files(session: Session, bundle: ContentBundle) -> dict[str, bytes]:
    manifest = Manifest.model_validate_json(bundle.manifest)
    blobs = {b.sha256: b.data for b in session.scalars(
        select(ContentBlob).where(ContentBlob.sha256.in_({f.sha256 for f in manifest.files})))}
    return {f.path: blobs[f.sha256] for f in manifest.files}


def publish(session: Session, files: dict[str, bytes], key_path: Path, *, actor: str, now: datetime,
            note: str = "", lifetime: timedelta = DEFAULT_LIFETIME) -> ContentBundle:
    """Check the files as a walkthroughs folder, then store them and a signed manifest with the next
    version. Raises ContentError with the checks' errors; nothing is stored then."""
    key = read_key(key_path)  # before anything else: no key, no bundle
    if refused := bundle_problems(files):
        raise ContentError("the guides do not pass the checks", refused)
    with tempfile.TemporaryDirectory(prefix="digipunt-publish-") as tmp:
        root = Path(tmp)
        for path, data in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        errors = check_folder(root)
    if errors:
        raise ContentError("the guides do not pass the checks", errors)
    # Serialised: the primary key refuses a second bundle with the same version.
    version = (session.scalar(select(func.max(ContentBundle.version))) or 0) + 1
    manifest = build_manifest(files, version, now, lifetime)  # its names and sizes: bundle_problems
    signed = sign(manifest, key)
    known = set(session.scalars(select(ContentBlob.sha256).where(
        ContentBlob.sha256.in_({f.sha256 for f in manifest.files}))))
    for entry in manifest.files:
        if entry.sha256 not in known:
            session.add(ContentBlob(sha256=entry.sha256, length=entry.length, data=files[entry.path]))
            known.add(entry.sha256)
    bundle = ContentBundle(version=version, manifest=signed.manifest, signature=signed.signature,
                           key_id=signed.key_id, published_at=now, published_by=actor, note=note)
    session.add(bundle)
    session.flush()
    return bundle


def publish_folder(session: Session, root: Path, key_path: Path, *, actor: str, now: datetime,
                   lifetime: timedelta = DEFAULT_LIFETIME) -> ContentBundle:
    """A whole walkthroughs folder as the next bundle (the CLI)."""
    if not root.is_dir():
        raise ContentError(f"{root} is not a folder")
    return publish(session, folder_files(root), key_path, actor=actor, now=now, lifetime=lifetime,
                   note=f"folder {root.name}")


def guide_from_zip(data: bytes) -> tuple[str, dict[str, bytes]]:
    """One walkthrough folder uploaded as a zip: its id (the folder name, or walkthrough.toml at the
    top) and its files by path inside the guide. Raises ContentError (Dutch: for the console)."""
    if len(data) > MAX_ZIP_BYTES:
        raise ContentError(f"de zip is groter dan {MAX_ZIP_BYTES // 2**20} MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [i for i in archive.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
        if len(entries) > MAX_BUNDLE_FILES or sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
            raise ContentError("de zip bevat te veel of te grote bestanden")
        names = {i.filename: archive.read(i) for i in entries}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ContentError(f"dit is geen leesbaar zip-bestand ({exc})") from None
    if "walkthrough.toml" in names:
        prefix = ""
    else:
        tops = {PurePosixPath(name).parts[0] for name in names}
        if len(tops) != 1 or f"{next(iter(tops))}/walkthrough.toml" not in names:
            raise ContentError("de zip moet één map met een stappenplan bevatten, met zijn walkthrough.toml")
        prefix = next(iter(tops)) + "/"
    try:
        guide_id = str(tomllib.loads(names[prefix + "walkthrough.toml"].decode("utf-8")).get("id", ""))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"walkthrough.toml is onleesbaar ({exc})") from None
    if not guide_id:
        raise ContentError("walkthrough.toml heeft geen id")
    files = {name.removeprefix(prefix): body for name, body in names.items()
             if not any(part.startswith(".") for part in PurePosixPath(name).parts)}
    return guide_id, files


def with_guide(session: Session, guide_id: str, guide_files: dict[str, bytes]) -> dict[str, bytes]:
    """The latest bundle's files with one guide added or replaced: the next bundle's contents."""
    current = latest(session)
    files = bundle_files(session, current) if current else {}
    files = {path: data for path, data in files.items() if not path.startswith(guide_id + "/")}
    files.update({f"{guide_id}/{path}": data for path, data in guide_files.items()})
    return files


@dataclass(frozen=True)
class Offer:
    """What kiosks download: the latest signed manifest."""
    signed: SignedManifest
    version: int


def offer(session: Session) -> Offer | None:
    bundle = latest(session)
    if bundle is None:
        return None
    return Offer(SignedManifest(manifest=bundle.manifest, signature=bundle.signature, key_id=bundle.key_id),
                 bundle.version)


def blob(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(ContentBlob.data).where(ContentBlob.sha256 == sha256))


# --- the console's guide editor ----------------------------------------------------------------------
GUIDE_ID = r"^[a-z0-9][a-z0-9-]*$"  # the format's id pattern (sync/content_format.py)
_PLACEHOLDER_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">'
                    b'<rect width="128" height="128" rx="16" fill="#F5F7FA"/></svg>\n')


def guide_zip(guide_id: str, files: dict[str, bytes]) -> bytes:
    """One guide's files as the zip a coordinator would upload (its folder inside): a draft's data."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            archive.writestr(f"{guide_id}/{path}", files[path])
    return buffer.getvalue()


def published_guides(session: Session) -> dict[str, dict[str, bytes]]:
    """The latest bundle's guides: id -> its files by path inside the guide."""
    current = latest(session)
    guides: dict[str, dict[str, bytes]] = {}
    for path, data in (bundle_files(session, current) if current else {}).items():
        guide_id, _, inner = path.partition("/")
        if inner:
            guides.setdefault(guide_id, {})[inner] = data
    return guides


def skeleton(guide_id: str, title: str) -> dict[str, bytes]:
    """The smallest guide that passes the checks: one step, its Dutch text, a plain icon and picture."""
    meta = {"id": guide_id, "order": 100, "topic": guide_id, "icon": "icon.svg", "official_domains": [],
            "steps": [{"id": "start", "image": "images/start.svg"}]}
    text = {"title": title, "summary": "", "reviewed_by_native_speaker": False,
            "steps": {"start": {"title": "Eerste stap", "body": "Schrijf hier wat de bezoeker doet."}}}
    return {"walkthrough.toml": tomli_w.dumps(meta).encode(), "text/nl.toml": tomli_w.dumps(text).encode(),
            "icon.svg": _PLACEHOLDER_SVG, "images/start.svg": _PLACEHOLDER_SVG}
