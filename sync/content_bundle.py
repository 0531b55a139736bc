"""Signed guide bundles: the manifest format, signing and verification, shared by the server (which
builds and signs) and the kiosk (which verifies before it installs). One implementation.

A bundle is a walkthroughs folder (the format of `sync/content_format.py`) plus a manifest: its
version (strictly increasing), an expiry, and for every file its path, SHA-256 and length. The
manifest travels as the exact JSON text that was signed (Ed25519), with the signature and the id of
the key. A kiosk pins at most two public keys (the current and the next one, for rotation) and
accepts a manifest only when one of them verifies it, its version is above the installed one and
it has not expired; then every file must match its hash and length. Threat model: ARCHITECTURE.md.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator

MANIFEST_FORMAT: Literal[1] = 1
MAX_PINNED_KEYS = 2  # the current key and the next one
MAX_BUNDLE_FILES = 5000
MAX_FILE_BYTES = 50 * 1024 * 1024
# A file's path in a bundle: relative, forward slashes, plain names (no "..", no hidden files, no
# drive letters): a kiosk writes these paths below its staging folder.
_PATH = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")
_KEY_ID_BYTES = 8

RejectReason = Literal["tampered", "wrong-key", "rollback", "expired", "invalid"]
# What staff read on the kiosk and the console (Dutch, with what to do next).
REJECT_TEXT: dict[RejectReason, str] = {
    "tampered": "De handtekening of een bestand klopt niet: het pakket is onderweg veranderd. "
                "Publiceer het opnieuw in de console.",
    "wrong-key": "Het pakket is ondertekend met een sleutel die deze kiosk niet kent. "
                 "Controleer de sleutels (digipunt-server content-key show) en de instellingen van de kiosk.",
    "rollback": "Het pakket is niet nieuwer dan wat de kiosk al heeft. Publiceer een nieuwe versie.",
    "expired": "Het pakket is verlopen. Publiceer het opnieuw in de console.",
    "invalid": "Het pakket is onleesbaar of onvolledig. Publiceer het opnieuw in de console.",
}


class BundleRejected(Exception):
    """The kiosk refuses a bundle; `reason` is one of `RejectReason`, `text` the Dutch sentence."""

    def __init__(self, reason: RejectReason, version: int | None, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.version, self.detail = reason, version, detail

    @property
    def text(self) -> str:
        return REJECT_TEXT[self.reason]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ManifestFile(_Strict):
    path: str = Field(max_length=300)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    length: int = Field(ge=0, le=MAX_FILE_BYTES)

    @field_validator("path")
    @classmethod
    def _safe(cls, value: str) -> str:
        if not _PATH.match(value):
            raise ValueError("a bundle path is relative, with plain names separated by /")
        return value


class Manifest(_Strict):
    format: Literal[1] = MANIFEST_FORMAT
    version: int = Field(ge=1)
    created_at: AwareDatetime
    expires_at: AwareDatetime
    files: list[ManifestFile] = Field(min_length=1, max_length=MAX_BUNDLE_FILES)

    @field_validator("files")
    @classmethod
    def _unique(cls, files: list[ManifestFile]) -> list[ManifestFile]:
        paths = [f.path.lower() for f in files]  # case-insensitive: the same file on Windows
        if len(set(paths)) != len(paths):
            raise ValueError("a path occurs twice")
        return files

    @property
    def total_bytes(self) -> int:
        return sum(f.length for f in self.files)


class SignedManifest(_Strict):
    """What `GET /v1/content/manifest` answers: the manifest's exact JSON text (what was signed),
    the Ed25519 signature (base64) and which key made it."""
    manifest: str = Field(max_length=2_000_000)
    signature: str = Field(max_length=200)
    key_id: str = Field(max_length=64)


# --- keys ----------------------------------------------------------------------------------------
def public_key_text(key: Ed25519PublicKey) -> str:
    """A public key as kiosks pin it: the 32 raw bytes in base64."""
    return base64.b64encode(key.public_bytes_raw()).decode()


def key_id(public_text: str) -> str:
    """A short name of a public key (hex of its SHA-256), shown by `content-key show` and in manifests."""
    return hashlib.sha256(base64.b64decode(public_text)).hexdigest()[:2 * _KEY_ID_BYTES]


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Raises ValueError for anything that is not a base64 Ed25519 public key."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise ValueError("geen geldige publieke sleutel (32 bytes in base64)") from exc


# --- building and signing (server) -----------------------------------------------------------------
def file_entry(path: str, data: bytes) -> ManifestFile:
    return ManifestFile(path=path, sha256=hashlib.sha256(data).hexdigest(), length=len(data))


def folder_files(root: Path) -> dict[str, bytes]:
    """Every file below `root` by its bundle path (sorted), skipping hidden files and folders."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[relative.as_posix()] = path.read_bytes()
    return files


def build_manifest(files: dict[str, bytes], version: int, now: datetime, lifetime: timedelta) -> Manifest:
    return Manifest(version=version, created_at=now, expires_at=now + lifetime,
                    files=[file_entry(path, files[path]) for path in sorted(files)])


def sign(manifest: Manifest, key: Ed25519PrivateKey) -> SignedManifest:
    text = manifest.model_dump_json()
    signature = base64.b64encode(key.sign(text.encode())).decode()
    return SignedManifest(manifest=text, signature=signature, key_id=key_id(public_key_text(key.public_key())))


# --- verifying (kiosk) -----------------------------------------------------------------------------
def check_signature(signed: SignedManifest, pinned: Iterable[str]) -> Manifest:
    """The manifest, if one of the pinned keys signed exactly this text. Raises BundleRejected
    ("tampered", "wrong-key" or "invalid") otherwise."""
    keys = {key_id(text): parse_public_key(text) for text in pinned}
    if not keys:
        raise BundleRejected("wrong-key", None, "no keys pinned")
    version = _claimed_version(signed.manifest)
    try:
        signature = base64.b64decode(signed.signature, validate=True)
    except ValueError:
        raise BundleRejected("tampered", version, "the signature is not base64") from None
    for key in keys.values():
        try:
            key.verify(signature, signed.manifest.encode())
            break
        except InvalidSignature:
            continue
    else:
        # A key we pin whose signature does not match: the text or the signature was changed.
        # Any other key: someone else signed it.
        if signed.key_id in keys:
            raise BundleRejected("tampered", version, "the signature does not match the manifest")
        raise BundleRejected("wrong-key", version, f"signed with key {signed.key_id[:16]!r}")
    try:
        return Manifest.model_validate_json(signed.manifest)
    except ValidationError as exc:
        raise BundleRejected("invalid", version, f"{exc.error_count()} errors in the manifest") from None


def verify_manifest(signed: SignedManifest, pinned: Iterable[str], installed_version: int, now: datetime) -> Manifest:
    """The manifest, if one of the pinned keys signed exactly this text, its version is above
    `installed_version` and it has not expired. Raises BundleRejected otherwise."""
    manifest = check_signature(signed, pinned)
    if manifest.version <= installed_version:
        raise BundleRejected("rollback", manifest.version, f"version {manifest.version}, installed {installed_version}")
    if manifest.expires_at <= now:
        raise BundleRejected("expired", manifest.version, f"expired at {manifest.expires_at.isoformat()}")
    return manifest


def _claimed_version(text: str) -> int | None:
    """The version the (not yet verified) manifest claims, for the rejection record only."""
    found = re.search(r'"version"\s*:\s*(\d{1,12})', text)
    return int(found.group(1)) if found else None


def check_file(entry: ManifestFile, path: Path) -> None:
    """Raises BundleRejected("tampered") unless the file at `path` has the entry's length and hash."""
    digest = hashlib.sha256()
    length = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            length += len(chunk)
    if length != entry.length or digest.hexdigest() != entry.sha256:
        raise BundleRejected("tampered", None, f"{entry.path}: length or SHA-256 differs from the manifest")
