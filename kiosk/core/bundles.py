"""Guide bundles on the kiosk, Qt-free: install a signed bundle from the server only when it verifies,
switch to it atomically, and load the guides (the installer's guides are the floor).

On disk, in `<data dir>/content/`:
    bundles/<version>/   complete, verified bundles; `signed.json` beside the guide folders
    staging/<version>/   a download in progress (`<file>.part` while it grows; kept for resuming)
    current              which bundle is installed: {"version": N}, replaced with os.replace
    last-error.json      the last refusal or failure (version, reason, Dutch text, time), for staff
                         and the kiosk's status report (`content_status`)

The order makes a mix impossible: every file is checked against the signed manifest and fsynced
in staging; the staging folder is renamed into bundles/ (one rename); only then is `current`
replaced. A kill -9 at any point leaves `current` naming a complete bundle (or none: the floor),
and the next install clears what is left over. The HTTP side is kiosk/sync/content.py.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import Meta
from sync.content_bundle import (
    BundleRejected,
    Manifest,
    ManifestFile,
    SignedManifest,
    check_file,
    check_signature,
    parse_public_key,
    verify_manifest,
)
from sync.content_format import ContentReport, TomlCache, load_walkthroughs
from sync.private_files import private_dir

log = logging.getLogger(__name__)

CONTENT_DIR = "content"
PARSED_TOML = "parsed-toml.json"  # the guides' TOML files, parsed (sync.content_format.TomlCache)
SIGNED_FILE = "signed.json"
# Fetch one file's bytes into `part`, appending from its current size (a resumed download).
Fetch = Callable[[ManifestFile, Path], None]
# Called with the name of each step of an install; tests stop the process there (kill -9).
Checkpoint = Callable[[str], None]

DISK_FULL_TEXT = ("Te weinig schijfruimte om de nieuwe stappenplannen binnen te halen. "
                  "Maak ruimte vrij op deze computer; de kiosk probeert het bij de volgende synchronisatie opnieuw.")


@dataclass(frozen=True)
class ContentStatus:
    """For the kiosk's status report (`content_version`, `content_error`) and the staff screens."""
    version: int | None  # the installed bundle; None: only the installer's guides
    error: str | None  # the last refusal or failure, in Dutch with its version and time; None after a success


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class GuideBundles:
    """The bundles of one data directory, with the public keys this kiosk pins: those of its
    settings (`from_settings`, the installer's), else those the server gave at enrollment."""

    def __init__(self, data_dir: Path, pinned_keys: Iterable[str], *, from_settings: bool = True):
        self.root = data_dir / CONTENT_DIR
        self.pinned = [key for key in pinned_keys if key]
        self.from_settings = from_settings and bool(self.pinned)

    @classmethod
    def for_kiosk(cls, data_dir: Path, settings_keys: list[str], store: Store) -> GuideBundles:
        if settings_keys:
            return cls(data_dir, settings_keys)
        with store.read() as session:
            row = session.get(Meta, meta_keys.CONTENT_KEYS)
        try:
            enrolled = check_keys(json.loads(row.value)) if row is not None and row.value else []
        except (ValueError, TypeError):
            log.error("the guide keys from enrollment are not valid; no bundle will be installed")
            enrolled = []
        return cls(data_dir, enrolled, from_settings=False)

    def learn_keys(self, keys: list[str]) -> None:
        """The keys from an enrollment, unless the settings pinned keys (they win)."""
        if not self.from_settings:
            self.pinned = list(keys)

    # --- what is installed -------------------------------------------------------------------------
    def installed_version(self) -> int:
        """0 when no bundle is installed."""
        try:
            return int(json.loads((self.root / "current").read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0

    def installed_dir(self) -> Path | None:
        """The installed bundle's folder, if it is still complete and verifies against its signed
        manifest (a damaged disk or a hand-edited file falls back to the floor)."""
        version = self.installed_version()
        if not version:
            return None
        folder = self.root / "bundles" / str(version)
        try:
            signed = SignedManifest.model_validate_json((folder / SIGNED_FILE).read_text(encoding="utf-8"))
            manifest = check_signature(signed, self.pinned)  # expiry and version only matter when installing
            if manifest.version != version:
                raise BundleRejected("invalid", version, "the folder holds another version")
            for entry in manifest.files:
                check_file(entry, folder / entry.path)
        except (OSError, ValueError, BundleRejected) as exc:
            log.error("installed guide bundle %s is not usable, using the installer's guides: %s", version, exc)
            return None
        return folder

    def status(self) -> ContentStatus:
        error: str | None = None
        try:
            last = json.loads((self.root / "last-error.json").read_text(encoding="utf-8"))
            at = last["at"][:16].replace("T", " ")
            error = f"Stappenplannen versie {last['version'] or '?'} niet geïnstalleerd ({at} UTC): {last['text']}"
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return ContentStatus(self.installed_version() or None, error)

    def _note_error(self, version: int | None, reason: str, text: str, now: datetime, manifest_text: str = "") -> None:
        private_dir(self.root)
        _write_atomically(self.root / "last-error.json", json.dumps({
            "version": version, "reason": reason, "text": text, "at": now.isoformat(),
            "manifest": manifest_text}))

    def _is_installed(self, signed: SignedManifest) -> bool:
        """The server still offers what is installed: nothing to do (not a rollback)."""
        folder = self.root / "bundles" / str(self.installed_version())
        try:
            return SignedManifest.model_validate_json((folder / SIGNED_FILE).read_text(encoding="utf-8")) == signed
        except (OSError, ValueError):
            return False

    def _refused_before(self, signed: SignedManifest) -> bool:
        """The same manifest was refused already (not downloaded again at every sync)."""
        try:
            last = json.loads((self.root / "last-error.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return bool(last.get("manifest")) and last["manifest"] == signed.manifest

    # --- installing --------------------------------------------------------------------------------
    def install(self, signed: SignedManifest, fetch: Fetch, now: datetime,
                checkpoint: Checkpoint = lambda _step: None) -> int | None:
        """Verify, download into staging, check every file, switch. Returns the new version, or None
        when the bundle was refused (recorded for staff and the status report; the installed bundle
        stays). Network errors from `fetch` pass through: the download resumes at the next sync.
        A full disk is recorded and the staging folder removed (the old bundle stays)."""
        self._tidy()
        if self._refused_before(signed) or self._is_installed(signed):
            return None
        try:
            manifest = verify_manifest(signed, self.pinned, self.installed_version(), now)
        except BundleRejected as exc:
            self._refuse(exc, now, signed)
            return None
        private_dir(self.root)
        staging = private_dir(self.root / "staging")
        for old in staging.iterdir():  # an older download that was never finished
            if old.name != str(manifest.version):
                shutil.rmtree(old, ignore_errors=True)
        folder = private_dir(staging / str(manifest.version))
        try:
            for entry in manifest.files:
                self._stage(folder, entry, fetch)
                checkpoint("file")
            _write_atomically(folder / SIGNED_FILE, signed.model_dump_json())
            checkpoint("staged")
            self._switch(folder, manifest, checkpoint)
        except BundleRejected as exc:
            # A file that differs from the signed manifest: refused and removed, tried again at the
            # next sync (the refusal stays visible until one succeeds).
            shutil.rmtree(folder, ignore_errors=True)
            log.warning("guide bundle %s refused: %s", manifest.version, exc)
            self._note_error(manifest.version, exc.reason, exc.text, now)
            return None
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            shutil.rmtree(folder, ignore_errors=True)  # give the space back; the old bundle stays
            log.error("no disk space for guide bundle %s", manifest.version)
            self._note_error(manifest.version, "disk-full", DISK_FULL_TEXT, now)
            return None
        (self.root / "last-error.json").unlink(missing_ok=True)
        log.info("installed guide bundle %s (%d files)", manifest.version, len(manifest.files))
        return manifest.version

    def _refuse(self, exc: BundleRejected, now: datetime, signed: SignedManifest) -> None:
        log.warning("guide bundle %s refused: %s", exc.version, exc)
        self._note_error(exc.version, exc.reason, exc.text, now, signed.manifest)

    def _stage(self, folder: Path, entry: ManifestFile, fetch: Fetch) -> None:
        target = folder / entry.path
        if target.exists():
            try:
                check_file(entry, target)
                return  # fetched before an interruption
            except BundleRejected:
                target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        if part.exists() and part.stat().st_size > entry.length:
            part.unlink()
        fetch(entry, part)
        try:
            check_file(entry, part)
        except BundleRejected:
            part.unlink()  # a wrong file is never resumed
            raise
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)

    def _switch(self, folder: Path, manifest: Manifest, checkpoint: Checkpoint) -> None:
        for directory in sorted({(folder / e.path).parent for e in manifest.files}, reverse=True):
            _fsync_dir(directory)
        bundles = private_dir(self.root / "bundles")
        final = bundles / str(manifest.version)
        if final.exists():  # a switch interrupted after the rename: not current, replace it
            shutil.rmtree(final)
        os.replace(folder, final)
        _fsync_dir(bundles)
        checkpoint("renamed")
        _write_atomically(self.root / "current", json.dumps({"version": manifest.version}))
        checkpoint("switched")
        self._tidy()  # the previous bundle, kept until the switch was complete

    def _tidy(self) -> None:
        """Remove what an interrupted install left: bundles other than the current one, and staged
        downloads that are no longer newer (a newer one is kept: the download resumes)."""
        installed = self.installed_version()
        for old in (self.root / "bundles").glob("*"):
            if old.name != str(installed):
                shutil.rmtree(old, ignore_errors=True)
        for old in (self.root / "staging").glob("*"):
            if not old.name.isdigit() or int(old.name) <= installed:
                shutil.rmtree(old, ignore_errors=True)


def load_guides(floor: Path, bundles: GuideBundles | None) -> ContentReport:
    """The installer's guides (`floor`), with the installed bundle's guides added or replacing
    theirs by id. A bundle that is missing or damaged leaves the floor."""
    cache = TomlCache(bundles.root / PARSED_TOML) if bundles is not None else None
    report = load_walkthroughs(floor, cache)
    folder = bundles.installed_dir() if bundles is not None else None
    extra = load_walkthroughs(folder, cache) if folder is not None else None
    if cache is not None:
        cache.save()
    if extra is None:
        return report
    report.version = bundles.installed_version() if bundles is not None else 0
    replaced = {wt.id for wt in extra.walkthroughs}
    report.walkthroughs = sorted([wt for wt in report.walkthroughs if wt.id not in replaced] + extra.walkthroughs,
                                 key=lambda w: (w.meta.order, w.id))
    report.missing.update(extra.missing)
    report.errors += extra.errors  # their paths name the bundle's folder
    return report


def check_keys(keys: list[str]) -> list[str]:
    """The settings' `content_keys`: at most two valid public keys. Raises ValueError (Dutch)."""
    if len(keys) > 2:
        raise ValueError("hoogstens twee sleutels: de huidige en de volgende")
    for key in keys:
        parse_public_key(key)
    return keys


def content_status(data_dir: Path) -> ContentStatus:
    """The installed guide bundle version and the last refusal, without keys or a store (for the
    kiosk's status report)."""
    return GuideBundles(data_dir, ()).status()
