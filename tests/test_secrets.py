"""SecretStore against real keyring backend objects: an in-memory one, fail, null."""
from __future__ import annotations

import stat

import pytest
from keyring.backends import fail, null

from kiosk.core.secrets import FALLBACK_FILE, NoSecureStoreError, SecretStore, is_secure_backend
from tests.keyrings import MemoryKeyring


def test_secure_backend_keeps_secrets_out_of_the_data_dir(data_dir):
    backend = MemoryKeyring()
    store = SecretStore(data_dir, backend=backend)
    assert store.secure
    store.set("device-token", "s3cret")
    assert store.get("device-token") == "s3cret"
    assert not (data_dir / FALLBACK_FILE).exists()
    store.delete("device-token")
    assert store.get("device-token") is None


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_insecure_backends_are_refused_without_explicit_fallback(data_dir, backend):
    assert not is_secure_backend(backend)
    store = SecretStore(data_dir, backend=backend)
    with pytest.raises(NoSecureStoreError, match="geen veilige sleutelbos"):
        store.set("device-token", "s3cret")


def test_explicit_file_fallback_is_owner_only(data_dir):
    store = SecretStore(data_dir, backend=null.Keyring(), allow_file=True)
    assert store.uses_file
    store.set("device-token", "s3cret")
    path = data_dir / FALLBACK_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SecretStore(data_dir, backend=null.Keyring(), allow_file=True).get("device-token") == "s3cret"
