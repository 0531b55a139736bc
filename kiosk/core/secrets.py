"""Secrets of this installation (device token, visitor-code key) in the OS keyring.

keyring silently resolves to backends that are not secure: `fail` (raises), `null` (pretends to
store and loses the secret), keyrings.alt's plaintext files. Those count as "no secure store". Then,
and only when staff explicitly allowed it (installation setting `allow_secret_file`, documented in
the README), secrets go to `secrets.json` in the data directory with owner-only permissions, and
staff keep seeing a warning that this machine has no secure key store.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

if sys.platform != "darwin":
    # keyring imports every backend to ask which one works. The macOS backend's module looks up the
    # macOS frameworks with ctypes.util.find_library, which on Linux runs ldconfig, gcc and ld: 0.1-0.15 s
    # after the first paint, when the help calls read their key. Off macOS that backend is never viable
    # (its priority says so before it uses the module); without the module its import fails, which
    # keyring expects and ignores.
    sys.modules.setdefault("keyring.backends.macOS.api", None)  # type: ignore[arg-type]

log = logging.getLogger(__name__)

SERVICE = "digipunt"
FALLBACK_FILE = "secrets.json"
DEVICE_TOKEN = "device-token"  # secret name of the central server's device token (kiosk/sync/engine.py)
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
INSECURE_WARNING = (
    "Deze computer heeft geen veilige sleutelbos (zoals Windows Referentiebeheer of GNOME Keyring). "
    "De geheimen van Digipunt staan daarom in een beschermd bestand in de gegevensmap. Vraag de "
    "beheerder om een sleutelbos te installeren."
)


class NoSecureStoreError(Exception):
    """No secure keyring, and the file fallback was not allowed. The message is Dutch, for staff."""


def is_secure_backend(backend: KeyringBackend) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is not None:  # the chainer is as good as what it chains
        return any(is_secure_backend(b) for b in backends)
    module = type(backend).__module__
    return not module.startswith(_INSECURE_MODULES) and "plaintext" not in type(backend).__name__.lower()


class SecretStore:
    """Made on the UI thread, used on workers too. keyring (20 ms and 2 MiB to import) is imported
    by the first one made, not at start-up: a kiosk without a server and without a help-call key
    never needs it (kiosk/ui/shared/calls.py). Never on a worker: see tests/test_store.py."""

    def __init__(self, data_dir: Path, *, backend: KeyringBackend | None = None, allow_file: bool = False):
        import keyring
        import keyring.errors

        self._error = keyring.errors.KeyringError  # what get, set and delete catch, without an import there
        self._backend = backend or keyring.get_keyring()
        self._file = data_dir / FALLBACK_FILE
        self.secure = is_secure_backend(self._backend)
        self.allow_file = allow_file

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__

    @property
    def uses_file(self) -> bool:
        return not self.secure and self.allow_file

    def _require_store(self) -> None:
        if not self.secure and not self.allow_file:
            raise NoSecureStoreError(
                "Er is geen veilige sleutelbos op deze computer. Installeer er een, of laat de "
                "coördinator in de instellingen toestaan dat geheimen in een beschermd bestand staan."
            )

    def get(self, name: str) -> str | None:
        if self.secure:
            try:
                return self._backend.get_password(SERVICE, name)
            except self._error as exc:
                log.error("keyring read failed for %s: %s", name, type(exc).__name__)
                raise NoSecureStoreError("De sleutelbos kon niet gelezen worden. Probeer opnieuw.") from exc
        self._require_store()
        return self._read_file().get(name)

    def set(self, name: str, value: str) -> None:
        if self.secure:
            try:
                self._backend.set_password(SERVICE, name, value)
                return
            except self._error as exc:
                log.error("keyring write failed for %s: %s", name, type(exc).__name__)
                raise NoSecureStoreError("De sleutelbos kon niet beschreven worden. Probeer opnieuw.") from exc
        self._require_store()
        data = self._read_file()
        data[name] = value
        self._write_file(data)

    def delete(self, name: str) -> None:
        if self.secure:
            with contextlib.suppress(self._error):  # already absent
                self._backend.delete_password(SERVICE, name)
            return
        self._require_store()
        data = self._read_file()
        if data.pop(name, None) is not None:
            self._write_file(data)

    def _read_file(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._file.read_text(encoding="utf-8"))
            return data
        except FileNotFoundError:
            return {}

    def _write_file(self, data: dict[str, str]) -> None:
        tmp = self._file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self._file)
