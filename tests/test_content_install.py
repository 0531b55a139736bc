"""Signed guide bundles from a real server (uvicorn on 127.0.0.1) to the kiosk: install, every
refusal, kill -9 during the download and during the switch, a full disk, and a 20 MB bundle over a
link that drops."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import delete, update

from kiosk.core.bundles import ContentStatus, GuideBundles, content_status, load_guides
from kiosk.core.paths import resources_dir
from kiosk.core.runtime import bootstrap
from kiosk.core.secrets import SecretStore
from kiosk.core.store import open_store
from kiosk.sync.client import ServerApi
from kiosk.sync.content import fetch_guides
from kiosk.sync.engine import SyncEngine
from kiosk.sync.status import SyncError
from sync.content_bundle import Manifest, build_manifest, folder_files, sign
from sync.server import admin, content
from sync.server.models import ContentBlob, ContentBundle
from tests.keyrings import MemoryKeyring
from tests.reliability.faultproxy import FaultProxy

ROOT = Path(__file__).parents[1]
CONTENT = resources_dir() / "walkthroughs"
CHANGED_TITLE = "Attest downloaden (nieuw)"


def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def keys(tmp_path) -> tuple[Path, list[str]]:
    path = tmp_path / "keys" / "content.pem"
    return path, content.init_keys(path)


@pytest.fixture
def token(live_server) -> str:
    code = live_server.enroll_code()
    return live_server.admin(lambda s: admin.redeem_enroll_code(s, code, "pc")[1])


def guides_v2() -> dict[str, bytes]:
    """The bundled guides with one changed (its Dutch title) and one new guide."""
    files = folder_files(CONTENT)
    nl = "burgerprofiel-attest/text/nl.toml"
    files[nl] = files[nl].replace(b'title = "Attest downloaden in Mijn Burgerprofiel"',
                                  f'title = "{CHANGED_TITLE}"'.encode(), 1)
    for path, data in list(files.items()):
        if path.startswith("ebox/"):
            new = data.replace(b'id = "ebox"', b'id = "ebox-nieuw"') if path.endswith("walkthrough.toml") else data
            files["ebox-nieuw/" + path.removeprefix("ebox/")] = new
    return files


def publish(server, files: dict[str, bytes], key: Path, **kwargs) -> int:
    return server.admin(lambda s: content.publish(s, files, key, actor="test", now=now(), **kwargs).version)


def install(server, token: str, bundles: GuideBundles) -> int | None:
    api = ServerApi(server.url, token)
    try:
        return fetch_guides(api, bundles, now())
    finally:
        api.close()


def test_a_published_bundle_is_installed_and_loaded_over_the_floor(live_server, token, keys, data_dir):
    key, pinned = keys
    bundles = GuideBundles(data_dir, pinned)
    assert install(live_server, token, bundles) is None  # nothing published yet
    assert publish(live_server, guides_v2(), key) == 1
    assert install(live_server, token, bundles) == 1
    assert install(live_server, token, bundles) is None  # up to date: no refusal either
    report = load_guides(CONTENT, bundles)
    ids = [w.id for w in report.walkthroughs]
    assert "ebox-nieuw" in ids and len(ids) == len(set(ids)) == len(load_guides(CONTENT, None).walkthroughs) + 1
    assert next(w for w in report.walkthroughs if w.id == "burgerprofiel-attest").title("nl") == CHANGED_TITLE
    assert report.version == 1 and not report.errors
    assert content_status(data_dir) == ContentStatus(1, None)
    # No keys pinned: the installer's guides only, whatever is on disk.
    assert load_guides(CONTENT, GuideBundles(data_dir, [])).version == 0


def test_the_keys_come_from_enrollment_and_the_engine_fetches_after_the_pull(live_server, keys, data_dir):
    """A kiosk whose settings name no keys pins the pair the server gives at enrollment (over the
    verified connection), keeps it across a restart, and installs bundles on sync."""
    key, pinned = keys
    live_server.server.config.app.state.content_key = key  # what `serve --content-key` sets
    publish(live_server, guides_v2(), key)
    store = open_store(data_dir)
    try:
        guides = GuideBundles.for_kiosk(data_dir, [], store)
        assert guides.pinned == []
        engine = SyncEngine(store, SecretStore(data_dir, backend=MemoryKeyring()), guides=guides)
        engine.enroll(live_server.url, live_server.enroll_code(), "pc")
        assert guides.pinned == pinned
        assert engine.sync().error is None
        assert GuideBundles.for_kiosk(data_dir, [], store).pinned == pinned  # after a restart
        # Keys in settings.json (the installer's) win over the server's.
        other = content.init_keys(key.with_name("other.pem"))
        mine = GuideBundles.for_kiosk(data_dir, other, store)
        engine.guides = mine
        engine.enroll(live_server.url, live_server.enroll_code(), "pc")
        assert mine.pinned == other
    finally:
        store.close()
    assert content_status(data_dir).version == 1


def refused(data_dir: Path, pinned: list[str], reason_text: str) -> None:
    """The kiosk still has bundle 1, complete, and staff/status see the refusal."""
    bundles = GuideBundles(data_dir, pinned)
    status = bundles.status()
    assert status.version == 1 and bundles.installed_dir() is not None
    assert status.error is not None and reason_text in status.error, status.error
    assert load_guides(CONTENT, bundles).version == 1


def test_each_refusal_keeps_the_last_good_bundle(live_server, token, keys, data_dir, tmp_path):
    key, pinned = keys
    bundles = GuideBundles(data_dir, pinned)
    publish(live_server, guides_v2(), key)
    assert install(live_server, token, bundles) == 1
    files = guides_v2()

    # Tampered manifest: a file's hash changed after signing.
    publish(live_server, files, key)

    def change_manifest(session):
        row = session.get(ContentBundle, 2)
        row.manifest = row.manifest.replace('"length":', '"length": ', 1)
    live_server.admin(change_manifest)
    assert install(live_server, token, bundles) is None
    refused(data_dir, pinned, "onderweg veranderd")

    # Tampered file: the bytes on the server differ from the signed hash.
    live_server.admin(lambda s: s.execute(delete(ContentBundle).where(ContentBundle.version == 2)))
    files["ebox-nieuw/icon.svg"] = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    publish(live_server, files, key)
    sha = Manifest.model_validate_json(
        live_server.admin(lambda s: s.get(ContentBundle, 2).manifest)).files[0].sha256
    live_server.admin(lambda s: s.execute(update(ContentBlob).where(ContentBlob.sha256 == sha)
                                          .values(data=b"evil")))
    assert install(live_server, token, bundles) is None
    refused(data_dir, pinned, "onderweg veranderd")
    assert not list((data_dir / "content" / "staging").glob("*/**/*.toml"))  # nothing of it kept
    live_server.admin(lambda s: s.execute(delete(ContentBlob).where(ContentBlob.sha256 == sha)))

    # Signed with a key the kiosk does not pin.
    live_server.admin(lambda s: s.execute(delete(ContentBundle).where(ContentBundle.version == 2)))
    other = tmp_path / "other" / "key.pem"
    content.init_keys(other)
    publish(live_server, guides_v2(), other)
    assert install(live_server, token, bundles) is None
    refused(data_dir, pinned, "sleutel die deze kiosk niet kent")

    # Expired (a frozen old signature).
    live_server.admin(lambda s: s.execute(delete(ContentBundle).where(ContentBundle.version == 2)))
    publish(live_server, guides_v2(), key, lifetime=timedelta(seconds=-1))
    assert install(live_server, token, bundles) is None
    refused(data_dir, pinned, "verlopen")

    # Rollback: the same version with other content, then an older one.
    live_server.admin(lambda s: s.execute(delete(ContentBundle).where(ContentBundle.version == 2)))
    same = sign(build_manifest(guides_v2(), 1, now(), timedelta(days=1)), content.read_key(key))

    def replace_latest(session):
        session.add(ContentBundle(version=2, manifest=same.manifest, signature=same.signature, key_id=same.key_id,
                                  published_at=now(), published_by="attacker", note=""))
    live_server.admin(replace_latest)
    assert install(live_server, token, bundles) is None
    refused(data_dir, pinned, "niet nieuwer")

    # The next good bundle installs and clears the refusal; signed with the next key (a rotation).
    live_server.admin(lambda s: s.execute(delete(ContentBundle).where(ContentBundle.version == 2)))
    content.rotate_keys(key)
    assert publish(live_server, guides_v2(), key) == 2
    assert install(live_server, token, bundles) == 2
    assert content_status(data_dir) == ContentStatus(2, None)
    assert sorted(p.name for p in (data_dir / "content" / "bundles").iterdir()) == ["2"]  # the old one removed


def child(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.bundle_child", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def state(data_dir: Path, pinned: list[str]) -> dict:
    done = child("state", str(data_dir), ",".join(pinned))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("kill_at", ["file:20", "renamed:1", "switched:1"])  # mid-download, mid-switch, after it
def test_kill_9_during_download_or_switch_leaves_old_or_new_never_a_mix(live_server, token, keys, data_dir, kill_at):
    key, pinned = keys
    publish(live_server, folder_files(CONTENT), key)
    first = child("install", str(data_dir), live_server.url, token, ",".join(pinned))
    assert json.loads(first.stdout) == {"installed": 1}, first.stderr
    publish(live_server, guides_v2(), key)
    killed = child("install", str(data_dir), live_server.url, token, ",".join(pinned), "--kill-at", kill_at)
    assert killed.returncode == -9
    after = state(data_dir, pinned)
    expected = 2 if kill_at == "switched:1" else 1  # the pointer is the switch
    assert after["version"] == after["loaded"] == expected and after["complete"]
    assert ("ebox-nieuw" in after["guides"]) == (expected == 2)
    # The next sync finishes the job (or has nothing to do) and leaves nothing behind.
    again = child("install", str(data_dir), live_server.url, token, ",".join(pinned))
    assert again.returncode == 0, again.stderr
    final = state(data_dir, pinned)
    assert final["version"] == final["loaded"] == 2 and final["complete"] and final["error"] is None
    assert final["leftovers"] == [] and "ebox-nieuw" in final["guides"]
    assert sorted(p.name for p in (data_dir / "content" / "bundles").iterdir()) == ["2"]


def test_a_full_disk_during_staging_keeps_the_old_bundle(live_server, token, keys, tmp_path):
    """A real full file system: a 4 MiB tmpfs mounted in a private user and mount namespace
    (`unshare -rm`, no root needed), holding the kiosk's data dir; bundle 2 brings 6 MiB more."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("no user namespaces here (unshare -rm)")
    key, pinned = keys
    publish(live_server, folder_files(CONTENT), key)
    big = guides_v2()
    big["ebox-nieuw/images/big.bin"] = os.urandom(6 * 2**20)
    data_dir = tmp_path / "small-disk"
    data_dir.mkdir()
    py = f"{sys.executable} -m tests.bundle_child"
    joined = ",".join(pinned)
    script = (f"mount -t tmpfs -o size=4m tmpfs {data_dir} && "
              f"{py} install {data_dir} {live_server.url} {token} {joined} && "  # bundle 1 fits
              f"{py} state {data_dir} {joined} && "
              "echo PUBLISH && read line && "
              f"{py} install {data_dir} {live_server.url} {token} {joined}; "  # bundle 2 does not
              f"{py} state {data_dir} {joined}")
    proc = subprocess.Popen(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None and proc.stdin is not None
    lines = []
    while (line := proc.stdout.readline().strip()) != "PUBLISH":
        assert line, proc.stderr.read() if proc.stderr else ""
        lines.append(line)
    publish(live_server, big, key)
    proc.stdin.write("go\n")
    proc.stdin.flush()
    out, err = proc.communicate(timeout=120)
    lines += out.splitlines()
    assert json.loads(lines[0]) == {"installed": 1}, err
    assert json.loads(lines[1])["version"] == 1
    assert json.loads(lines[2]) == {"installed": None}, err
    final = json.loads(lines[3])
    assert final["version"] == final["loaded"] == 1 and final["complete"]
    assert "schijfruimte" in final["error"] and final["leftovers"] == []  # the space is given back


def test_a_20_mb_bundle_over_a_link_that_drops_resumes(live_server, token, keys, data_dir):
    """One guide and a 20 MiB file; every request through the seeded fault proxy (one connection per
    request: refused, dropped, cut short at a random byte, 502, a captive portal's page...). Each
    sync resumes: finished files stay in staging, a cut file continues from its last byte."""
    key, pinned = keys
    files = {path: data for path, data in folder_files(CONTENT).items() if path.startswith("ebox/")}
    payload = os.urandom(20 * 2**20)
    files["ebox/images/large.bin"] = payload
    publish(live_server, files, key)
    port = int(live_server.url.rsplit(":", 1)[1])
    proxy = FaultProxy(port, seed=16, fault_rate=0.4, max_delay=0.05)
    bundles = GuideBundles(data_dir, pinned)
    attempts = 0
    try:
        while content_status(data_dir).version is None:
            attempts += 1
            assert attempts <= 100, proxy.counts
            api = ServerApi(f"http://127.0.0.1:{proxy.port}", token, timeout=(5.0, 30.0))
            try:
                fetch_guides(api, bundles, now())
            except SyncError:
                pass  # the next sync resumes
            finally:
                api.close()
    finally:
        proxy.close()
    assert proxy.counts["truncate"] > 0 and proxy.counts["drop_after"] + proxy.counts["refuse"] > 0, proxy.counts
    assert attempts > 1
    folder = bundles.installed_dir()
    assert folder is not None and (folder / "ebox" / "images" / "large.bin").read_bytes() == payload
    assert content_status(data_dir) == ContentStatus(1, None)


def test_a_download_resumes_where_it_stopped(live_server, token, keys, tmp_path):
    """`Range: bytes=N-` against the real server: the kiosk asks only for what it lacks."""
    key, _pinned = keys
    files = folder_files(CONTENT)
    files["ebox/images/large.bin"] = payload = os.urandom(3 * 2**20 + 7)
    publish(live_server, files, key)
    manifest = Manifest.model_validate_json(live_server.admin(lambda s: s.get(ContentBundle, 1).manifest))
    entry = next(f for f in manifest.files if f.path == "ebox/images/large.bin")
    part = tmp_path / "large.bin.part"
    part.write_bytes(payload[:2**20])
    api = ServerApi(live_server.url, token)
    try:
        api.fetch_file(entry.sha256, part, entry.length)
    finally:
        api.close()
    assert part.read_bytes() == payload


def test_new_guides_appear_at_the_next_reset_never_during_a_visit(window, live_server, token, keys, qtbot):
    key, pinned = keys
    runtime = window.runtime
    runtime.guides = GuideBundles(runtime.data_dir, pinned)
    before = [tile.title.text() for tile, _texts in window.home._tiles]
    window.walkthroughs.open("burgerprofiel-attest")  # a visitor in the middle of a guide
    view = window.walkthroughs.view
    view.next()
    shown = view.walkthrough
    publish(live_server, guides_v2(), key)
    assert install(live_server, token, runtime.guides) == 1  # the sync worker's part
    view.next()
    assert window.current_screen_name() == "walkthrough" and view.walkthrough is shown and view.index == 2
    assert [tile.title.text() for tile, _texts in window.home._tiles] == before
    window.reset_visitor_session()
    after = [tile.title.text() for tile, _texts in window.home._tiles]
    assert len(after) == len(before) + 1 and CHANGED_TITLE in after and after[-1] == before[-1]  # Internet last
    assert runtime.content.version == 1
    qtbot.mouseClick(window.home._tiles[after.index(CHANGED_TITLE)][0], Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "walkthrough" and view.walkthrough.title("nl") == CHANGED_TITLE
    window.reset_visitor_session()
    assert [tile.title.text() for tile, _texts in window.home._tiles] == after  # no second reload


def test_a_damaged_installed_bundle_falls_back_to_the_installers_guides(data_dir, keys):
    """Checked against its signed manifest at every load: a file changed on the kiosk's disk means
    the installer's guides, and the session reset does not try again and again."""
    key, pinned = keys
    files = guides_v2()
    signed = sign(build_manifest(files, 1, now(), timedelta(days=1)), content.read_key(key))
    bundles = GuideBundles(data_dir, pinned)
    assert bundles.install(signed, lambda entry, part: part.write_bytes(files[entry.path]), now()) == 1
    (data_dir / "settings.json").write_text(json.dumps({"content_keys": pinned}))
    runtime = bootstrap(data_dir)
    try:
        assert runtime.content.version == 1 and "ebox-nieuw" in [w.id for w in runtime.content.walkthroughs]
        (data_dir / "content" / "bundles" / "1" / "ebox-nieuw" / "walkthrough.toml").write_text('id = "x"')
        assert load_guides(CONTENT, bundles).version == 0
        restarted = bootstrap(data_dir)
        assert restarted.content.version == 0 and "ebox-nieuw" not in [w.id for w in restarted.content.walkthroughs]
        assert not restarted.reload_content()  # the same pointer: nothing to take in
        restarted.close()
    finally:
        runtime.close()
