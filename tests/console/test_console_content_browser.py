"""Stappenplannen in a real browser (Debian's Chromium, Playwright): a coordinator uploads a changed
guide and a new one, previews them, a city admin publishes both; then a real kiosk process installs
the bundle and has both, and refuses a bundle tampered with on the server. axe on every page."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sync.server import admin, content
from sync.server.models import ContentBundle
from tests.console.test_console_browser import CHROMIUM, chromium, log_in, shots  # noqa: F401 - fixtures
from tests.console.test_console_content import NEW_TITLE, guide_zip

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
ROOT = Path(__file__).parents[2]


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def kiosk(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.bundle_child", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode in (0, 3), done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_publish_a_changed_and_a_new_guide_and_a_kiosk_installs_them(console, chromium, tmp_path, shots):  # noqa: F811
    key = tmp_path / "keys" / "content.pem"
    pinned = ",".join(content.init_keys(key))
    console.server.server.config.app.state.content_key = key
    base = console.server.url
    changed, new = tmp_path / "changed.zip", tmp_path / "new.zip"
    changed.write_bytes(guide_zip())
    new.write_bytes(guide_zip(rename="attest-nieuw", title="Een nieuw attest"))

    coord = log_in(chromium, base, "coord")
    admin_page = log_in(chromium, base, "admin")
    for upload, title in ((changed, NEW_TITLE), (new, "Een nieuw attest")):
        coord.goto(f"{base}/console/stappenplannen")
        assert serious(coord) == []
        coord.get_by_label("Zip-bestand met één stappenplan", exact=False).set_input_files(str(upload))
        coord.get_by_role("button", name="Opladen en controleren").click()
        coord.wait_for_url(f"{base}/console/stappenplannen/concept/**")
        assert coord.get_by_role("heading", name=f"Voorbeeld: {title}").is_visible()
        assert coord.get_by_role("button", name="Publiceren naar alle kiosks").count() == 0  # admins publish
        assert serious(coord) == []
        coord.get_by_role("link", name="Arabisch").click()
        assert coord.locator('section.kiosk-frame[dir="rtl"]').count() > 0
        coord.screenshot(path=shots / f"guide-preview-ar-{upload.stem}.png", full_page=True)
        admin_page.goto(coord.url)
        admin_page.get_by_role("button", name="Publiceren naar alle kiosks").click()
        admin_page.wait_for_url(f"{base}/console/stappenplannen?**")
        assert "Gepubliceerd als versie" in admin_page.get_by_role("status").inner_text()
    assert admin_page.get_by_role("row").count() == 3  # the header and versions 2 and 1
    assert serious(admin_page) == []
    admin_page.screenshot(path=shots / "guides-published.png", full_page=True)

    code = console.server.enroll_code("Bibliotheek Leuven")
    token = console.server.admin(lambda s: admin.redeem_enroll_code(s, code, "PC 2")[1])
    data = str(tmp_path / "kiosk")
    assert kiosk("install", data, base, token, pinned) == {"installed": 2}
    state = kiosk("state", data, pinned)
    assert state["version"] == 2 and {"attest-nieuw", "burgerprofiel-attest"} <= set(state["guides"])

    # A bundle changed on the server after signing is refused; the kiosk keeps version 2.
    coord.goto(f"{base}/console/stappenplannen")
    coord.get_by_label("Zip-bestand met één stappenplan", exact=False).set_input_files(str(changed))
    coord.get_by_role("button", name="Opladen en controleren").click()
    coord.wait_for_url(f"{base}/console/stappenplannen/concept/**")
    admin_page.goto(coord.url)
    admin_page.get_by_role("button", name="Publiceren naar alle kiosks").click()
    admin_page.wait_for_url(f"{base}/console/stappenplannen?**")

    def tamper(session):
        row = session.get(ContentBundle, 3)
        row.manifest = row.manifest.replace('"expires_at":"', '"expires_at":"2', 1)
    console.server.admin(tamper)
    assert kiosk("install", data, base, token, pinned) == {"installed": None}
    state = kiosk("state", data, pinned)
    assert state["version"] == 2 and "onderweg veranderd" in state["error"]
