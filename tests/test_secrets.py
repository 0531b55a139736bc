"""SecretStore against real keyring backend objects: an in-memory one, fail, null."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

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


@pytest.mark.skipif(sys.platform == "darwin", reason="on macOS keyring's macOS backend is the one to use")
def test_keyring_resolves_the_same_backend_without_looking_up_macos_frameworks():
    """Off macOS, kiosk.core.secrets keeps keyring from importing its macOS backend's module, whose
    framework look-ups run ldconfig, gcc and ld on Linux (0.1-0.15 s): keyring picks the backend it
    picks without that, and no library is looked up."""
    code = ("import sys, ctypes.util\n"
            "if sys.argv[1] == 'kiosk': import kiosk.core.secrets\n"
            "import keyring\n"
            "looked_up, find = [], ctypes.util.find_library\n"
            "ctypes.util.find_library = lambda name: looked_up.append(name) or find(name)\n"
            "backend = keyring.get_keyring()\n"
            "print(type(backend).__module__, type(backend).__name__, len(looked_up))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    outs = {side: subprocess.run([sys.executable, "-c", code, side], capture_output=True, text=True, env=env,
                                 check=True).stdout.split() for side in ("keyring", "kiosk")}
    assert outs["kiosk"][:2] == outs["keyring"][:2]  # the same backend
    assert int(outs["keyring"][2]) > 0 and outs["kiosk"][2] == "0"
