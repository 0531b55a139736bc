"""What `digipunt-server` tells an admin: devices they recognise, topics, times in Belgian time."""
from __future__ import annotations

import re

import pytest
import requests

from kiosk.sync.client import ServerApi
from sync.labels import DEFAULT_TOPICS
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.models import Device


def cli(database_url: str, *args: str) -> int:
    return server_cli(["--database-url", database_url, *args])


def test_last_seen_counts_a_pull_and_a_device_can_be_named(live_server, capsys):
    code = live_server.enroll_code("Bibliotheek Leuven")
    enrolled = requests.post(f"{live_server.url}/v1/enroll", json={"code": code, "device_name": "vm"}).json()
    assert live_server.admin(lambda s: s.get(Device, enrolled["device_id"]).last_seen_at) is None
    ServerApi(live_server.url, enrolled["token"]).reference(0, 10)  # a pull, no push
    assert live_server.admin(lambda s: s.get(Device, enrolled["device_id"]).last_seen_at) is not None

    url = live_server.engine.url.render_as_string(hide_password=False)
    assert cli(url, "rename-device", enrolled["device_id"], "PC 3 bij het raam") == 0
    assert cli(url, "devices") == 0
    listing = capsys.readouterr().out
    assert "PC 3 bij het raam @ Bibliotheek Leuven" in listing and "never" not in listing
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d \(CES?T, UTC\+0[12]00\)", listing)


@pytest.mark.parametrize("bad", ["", "x" * 121, "pc\x001"])
def test_a_device_name_must_be_printable(live_server, bad):
    code = live_server.enroll_code()
    device_id = requests.post(f"{live_server.url}/v1/enroll", json={"code": code}).json()["device_id"]
    with pytest.raises(admin.AdminError):
        live_server.admin(admin.rename_device, device_id, bad)


def test_empty_lists_say_so_and_topics_are_listed(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert cli(url, "devices") == 0 and "no devices yet" in capsys.readouterr().out
    assert cli(url, "topics") == 0  # a new server starts with the default topics
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [code for code, _ in DEFAULT_TOPICS]
    assert cli(url, "set-topic", "eid", "eID en itsme", "--sort-order", "2") == 0
    capsys.readouterr()
    assert cli(url, "topics") == 0
    lines = capsys.readouterr().out.splitlines()
    assert next(line for line in lines if line.startswith("eid ")).endswith("eID en itsme")


def test_enroll_code_expiry_is_in_belgian_time(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert cli(url, "enroll-code", "--location", "Digibus", "--kind", "digibus") == 0
    out = capsys.readouterr().out
    assert re.search(r"valid until \d{4}-\d\d-\d\d \d\d:\d\d \(CES?T, UTC\+0[12]00\)", out), out
