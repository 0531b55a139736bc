"""The monthly export speaks Dutch: every header, every label, every sheet name, cell by cell
(xlsx opened with openpyxl, csv read back), on SQLite and on PostgreSQL."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy.orm import sessionmaker

from sync import labels
from sync.protocol import (
    CHANNELS,
    OUTCOMES,
    BatchItem,
    BatchRequest,
    HelpRequestRecord,
    ShiftRecord,
    content_hash,
    record_payload,
)
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.records import ingest
from tests.sync_support import help_request, shift

NOV = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def stored_month(engine) -> None:
    """Two locations, four topics (one labelled then removed, one the server never labelled),
    every outcome, three channels, two shifts; pushed through the server's own ingest."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        bib, _ = admin.ensure_location(session, "Bibliotheek Leuven", "fixed")
        bus, _ = admin.ensure_location(session, "Digibus", "digibus")
        device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, bib)[0], "balie-pc")
        bus_device, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, bus)[0], "bus-laptop")
        admin.set_topic(session, "itsme", "itsme en inloggen")
        admin.set_topic(session, "taxonweb", "Belastingen (Tax-on-web)")
        admin.set_topic(session, "e-loket", "E-loket van de stad")
        admin.remove_topic(session, "e-loket")  # removed later: its old records keep its label
    visitor = "a" * 64
    records: list[HelpRequestRecord | ShiftRecord] = [
        help_request(bib.id, when=NOV, topics=["itsme", "taxonweb"], outcome="solved", channel="spreekuur"),
        help_request(bib.id, when=NOV, topics=["itsme"], outcome="partly", channel="walk-in", visitor_code=visitor),
        help_request(bib.id, when=NOV, topics=["e-loket"], outcome="not-solved", channel="spreekuur"),
        help_request(bus.id, when=NOV, topics=["fietsherstel"], outcome="solved", channel="digibus",
                     visitor_code=visitor),
        shift(bib.id, NOV, 90), shift(bus.id, NOV, 60),
    ]
    for sender, place in ((device, bib), (bus_device, bus)):  # each kiosk sends for its own location
        items = []
        for record in records:
            if str(record.location_id) == place.id:
                payload = record_payload(record)
                items.append(BatchItem(id=record.id, kind=record.kind, content_hash=content_hash(payload),
                                       payload=payload))
        batch = BatchRequest(device_time=NOV, items=items)
        with sessions.begin() as session:
            results = ingest(session, sender.id, batch.items, datetime.now(UTC))
        assert [r.status for r in results] == ["created"] * len(items)


def test_the_xlsx_has_dutch_headers_and_labels_in_every_cell(server_engine, tmp_path):
    stored_month(server_engine)
    url = server_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "nov.xlsx"
    assert server_cli(["--database-url", url, "export", "--month", "2026-11", "--format", "xlsx",
                       "--output", str(out)]) == 0
    book = load_workbook(out)
    sheets = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    assert sheets == {
        "Overzicht 2026-11": [
            ["Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers"],
            ["Bibliotheek Leuven", 3, 1, 1.5, 1],
            ["Digibus", 1, 1, 1, 1],
            ["Totaal", 4, 2, 2.5, 1],
        ],
        "Onderwerpen": [
            ["Locatie", "Onderwerp", "Hulpvragen"],
            ["Bibliotheek Leuven", "Belastingen (Tax-on-web)", 1],
            ["Bibliotheek Leuven", "E-loket van de stad", 1],
            ["Bibliotheek Leuven", "itsme en inloggen", 2],
            ["Digibus", "fietsherstel", 1],  # no label was ever set on the server: the code, the only name it has
            ["Totaal", "Belastingen (Tax-on-web)", 1],
            ["Totaal", "E-loket van de stad", 1],
            ["Totaal", "fietsherstel", 1],
            ["Totaal", "itsme en inloggen", 2],
        ],
        "Resultaat": [
            ["Locatie", "Resultaat", "Hulpvragen"],
            ["Bibliotheek Leuven", "Opgelost", 1],
            ["Bibliotheek Leuven", "Deels opgelost", 1],
            ["Bibliotheek Leuven", "Niet opgelost", 1],
            ["Digibus", "Opgelost", 1],
            ["Totaal", "Opgelost", 2],
            ["Totaal", "Deels opgelost", 1],
            ["Totaal", "Niet opgelost", 1],
        ],
        "Hoe geholpen": [
            ["Locatie", "Hoe geholpen", "Hulpvragen"],
            ["Bibliotheek Leuven", "Spreekuur", 2],
            ["Bibliotheek Leuven", "Binnengelopen", 1],
            ["Digibus", "Digibus", 1],
            ["Totaal", "Spreekuur", 2],
            ["Totaal", "Binnengelopen", 1],
            ["Totaal", "Digibus", 1],
        ],
    }
    # The same texts come from sync/labels.py, the one place kiosk, server and console share.
    assert sheets["Overzicht 2026-11"][0] == list(labels.EXPORT_SUMMARY_COLUMNS)
    for (title, header) in (labels.EXPORT_TOPIC_SHEET, labels.EXPORT_OUTCOME_SHEET, labels.EXPORT_CHANNEL_SHEET):
        assert sheets[title][0] == list(header)
    # No wire code where a label exists ("digibus" is both a code and its own label: Digibus).
    codes = set(OUTCOMES) | set(CHANNELS) | {"itsme", "taxonweb", "e-loket"}
    assert not [cell for rows in sheets.values() for row in rows for cell in row if cell in codes]
    assert all(cell.font.bold for sheet in book.worksheets for cell in sheet[1])


def test_the_csv_has_the_same_dutch_summary(server_engine, tmp_path):
    stored_month(server_engine)
    url = server_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "nov.csv"
    assert server_cli(["--database-url", url, "export", "--month", "2026-11", "--output", str(out)]) == 0
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))) == [
        ["Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers"],
        ["Bibliotheek Leuven", "3", "1", "1.5", "1"],
        ["Digibus", "1", "1", "1.0", "1"],
        ["Totaal", "4", "2", "2.5", "1"],
    ]
