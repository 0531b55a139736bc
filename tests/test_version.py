"""One version, from the package metadata, everywhere: --version of both programs, the self-check,
the kiosk's User-Agent (the built program: tests/test_dist.py; the Windows installer reads the
build's VERSION file)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path

import pytest

from kiosk.sync.client import ServerApi, SyncError
from sync.version import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_version_is_the_package_metadata_which_is_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == version("digipunt") == declared


@pytest.mark.parametrize(("module", "program"), [("kiosk", "digipunt-kiosk"), ("sync.server.cli", "digipunt-server")])
def test_both_programs_print_their_version(module, program):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", module, "--version"], check=False, capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{program} {__version__}"


def test_kiosk_user_agent_carries_the_version():
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers["User-Agent"])
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        api = ServerApi(f"http://127.0.0.1:{server.server_address[1]}")
        with pytest.raises(SyncError):
            api.health()
        api.close()
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [f"digipunt-kiosk/{__version__}"]
