"""Issue 22's check: the whole city flow with real processes. A server (SQLite, and PostgreSQL in
CI), a library kiosk and a digibus kiosk each enrolled with a code, one helper running a spreekuur on
both (overlapping), help requests with visitor codes, a correction and a cancellation; then the
monthly export, checked cell by cell."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from sync.server import admin
from sync.server.cli import main as server_cli

ROOT = Path(__file__).resolve().parents[1]
PIN = "482915"


def run_kiosk(tmp_path: Path, name: str, url: str, code: str, plan: dict) -> dict:
    kiosk = subprocess.run([sys.executable, "-m", "tests.console.kiosk_process", str(tmp_path / name), url, code,
                            "Hanne Helper", PIN, json.dumps(plan)], capture_output=True, text=True, timeout=180,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert kiosk.returncode == 0, kiosk.stderr[-3000:]
    return json.loads(kiosk.stdout.splitlines()[-1])


def test_two_kiosks_one_helper_corrections_and_the_export_cell_by_cell(live_server, tmp_path):
    def setup(session):
        admin.set_topic(session, "itsme", "itsme en inloggen")
        admin.set_topic(session, "taxonweb", "Belastingen (Tax-on-web)")
        admin.set_topic(session, "jobs", "Werk zoeken")
        admin.add_helper(session, "Hanne Helper", "digihelper", PIN)
        library, _ = admin.ensure_location(session, "Bibliotheek Leuven", "fixed")
        bus, _ = admin.ensure_location(session, "Digibus", "digibus")
        return admin.create_enroll_code(session, library)[0], admin.create_enroll_code(session, bus)[0]
    library_code, bus_code = live_server.admin(setup)

    library = run_kiosk(tmp_path, "library", live_server.url, library_code, {
        "start": "2026-11-10T09:00:00+01:00", "minutes": 180, "requests": [
            {"topics": ["itsme"], "outcome": "solved", "visitor": ["AB", "1950-03-01"], "correct_topics": ["taxonweb"]},
            {"topics": ["taxonweb"], "outcome": "partly", "visitor": ["CD", "1988-07-14"]},
            {"topics": ["itsme"], "outcome": "solved", "cancel": True}]})
    bus = run_kiosk(tmp_path, "bus", live_server.url, bus_code, {
        "start": "2026-11-10T11:00:00+01:00", "minutes": 120, "stop": "Markt", "requests": [
            {"topics": ["jobs"], "outcome": "solved", "visitor": ["AB", "1950-03-01"]},  # the same person
            {"topics": ["itsme"], "outcome": "not-solved", "visitor": ["ÉF", "2000-01-31"]}]})
    assert library["created"] == 6 and bus["created"] == 3  # versions and shifts, each once

    url = live_server.engine.url.render_as_string(hide_password=False)
    xlsx = tmp_path / "nov.xlsx"
    assert server_cli(["--database-url", url, "export", "--month", "2026-11", "--format", "xlsx",
                       "--output", str(xlsx)]) == 0
    book = load_workbook(xlsx)
    summary = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert summary == [
        ["Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers"],
        ["Bibliotheek Leuven", 2, 1, 3, 2],  # the cancelled one does not count; the correction once
        ["Digibus", 2, 1, 1, 2],  # 11:00-13:00, of which 11:00-12:00 she was already counted for
        ["Totaal", 4, 2, 4, 3],  # AB at both places is one person
    ]
    topics = [list(row) for row in book["Onderwerpen"].iter_rows(values_only=True)]
    assert topics[0] == ["Locatie", "Onderwerp", "Hulpvragen"]
    assert ["Bibliotheek Leuven", "Belastingen (Tax-on-web)", 2] in topics  # corrected to taxonweb
    assert ["Digibus", "Werk zoeken", 1] in topics and ["Digibus", "itsme en inloggen", 1] in topics
    assert ["Totaal", "itsme en inloggen", 1] in topics and not any(row[1] == "itsme" for row in topics)
