"""The Registraties and Rapporten pages: filters, paging, a correction's history, downloads that
follow the filters (read back cell by cell), a coordinator kept to their locations, notes escaped,
and reports with the export's own figures. On SQLite and on PostgreSQL."""
from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from sync import labels
from sync.server import export

NOV = "start=2026-11-01&end=2026-11-30"
OCT = "start=2026-10-01&end=2026-10-31"


def rows_of(html: str) -> list[str]:
    """The records table's rows (not its header, not the empty detail slots), as plain text."""
    body = html[html.index('<table class="records">'):html.index("</table>")]
    rows = re.findall(r"<tr(?: class=\"cancelled\")?>\s*(.*?)</tr>", body[body.index("<tbody>"):], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows if "colspan" not in row]


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> dict[str, list[list]]:
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_help_requests_show_as_their_latest_version_in_plain_dutch(console, console_records):
    page = console.as_user("admin").get(f"/console/registraties?{NOV}").text
    rows = rows_of(page)
    assert len(rows) == 4 and "4 hulpvragen van 01-11-2026 tot en met 30-11-2026" in page
    corrected = next(row for row in rows if "gecorrigeerd" in row)
    assert corrected.startswith("10-11-2026 15:00 Bibliotheek Leuven Hanne Helper")  # Brussels time
    assert "itsme en inloggen, Belastingen (Tax-on-web)" in corrected and "Opgelost" in corrected
    assert "Geschiedenis" in corrected and "20 min" in corrected
    assert "geannuleerd" in next(row for row in rows if "16:00" in row)  # marked, not hidden
    assert "Digibus Noord Markt Bert Bus" in next(row for row in rows if "Digibus" in row)
    assert console_records.ids["first"] not in page  # an older version is no row of its own
    shifts = rows_of(console.as_user("admin").get(f"/console/registraties?kind=shift&{NOV}").text)
    assert len(shifts) == 2 and any("1 u 30 min Bibliotheek Leuven" in row for row in shifts)


def test_every_filter_narrows_the_table(console, console_records):
    client = console.as_user("admin")
    places, helpers = console.places, console_records.helpers

    def count(query: str, period: str = NOV) -> int:
        return len(rows_of(client.get(f"/console/registraties?{period}&{query}").text))
    assert count("topic=taxonweb") == 3  # the correction added it; the cancelled one; the bus
    assert count("outcome=not-solved") == 1
    assert count(f"helper={helpers['Bert']}") == 1
    assert count("status=active") == 3 and count("status=cancelled") == 1
    assert count(f"location={places['Digibus Noord']}") == 1
    assert count(f"location={places['Bibliotheek Leuven']}&topic=itsme&status=active") == 2
    empty = client.get("/console/registraties?start=2026-11-11&end=2026-11-30").text
    assert rows_of(empty) == [] and "Geen hulpvragen met deze filters." in empty
    shifts = client.get(f"/console/registraties?kind=shift&{NOV}&location={places['Digibus Noord']}").text
    assert len(rows_of(shifts)) == 1 and "Digibus Noord" in rows_of(shifts)[0]


def test_pages_of_fifty_with_the_total(console, console_records):
    client = console.as_user("admin")
    first = client.get(f"/console/registraties?{OCT}").text
    assert "120 hulpvragen" in first and "pagina 1 van 3" in first and len(rows_of(first)) == 50
    assert rows_of(first)[0].startswith("02-10-2026 05:50")  # newest first: 03:50 UTC the next day
    assert "page=2" in first and "Vorige" not in first
    last = client.get(f"/console/registraties?{OCT}&page=3").text
    assert "pagina 3 van 3" in last and len(rows_of(last)) == 20 and "Volgende" not in last
    assert rows_of(last)[-1].startswith("01-10-2026 10:00")  # the oldest last (08:00 UTC)
    assert "pagina 3 van 3" in client.get(f"/console/registraties?{OCT}&page=99").text
    assert "pagina 1 van 3" in client.get(f"/console/registraties?{OCT}&page=nul").text
    together = {row for n in (1, 2, 3) for row in rows_of(client.get(f"/console/registraties?{OCT}&page={n}").text)}
    assert len(together) == 120  # every request once over the pages


def test_a_correction_shows_its_history_oldest_first(console, console_records):
    client = console.as_user("coord")
    ids = console_records.ids
    page = client.get(f"/console/registraties/{ids['first']}")  # any version leads to the whole history
    assert page.status_code == 200 and "<html" in page.text
    text = page.text
    assert text.index("Versie 1") < text.index("Versie 2") and "gecorrigeerd" in text
    outcome = re.search(r'<th scope="row">Resultaat</th>(.*?)</tr>', text, re.S).group(1)
    assert [text.strip() for text in re.findall(r"<td[^>]*>([^<]*)", outcome)] == ["Deels opgelost", "Opgelost"]
    assert '<td class="changed">Opgelost' in outcome and "(gewijzigd)" in outcome
    assert '<td>Hanne Helper</td><td>Hanne Helper</td>' in text  # unchanged: not marked
    fragment = client.get(f"/console/registraties/{ids['corrected']}", headers={"HX-Request": "true"}).text
    assert fragment.startswith(f'<tr id="d-{ids["corrected"]}" class="detail">') and "<html" not in fragment
    cancelled = client.get(f"/console/registraties/{ids['cancelled']}").text
    assert "geannuleerd" in cancelled and "gecorrigeerd" not in cancelled.split("<table")[0]


def test_downloads_follow_the_filters(console, console_records):
    client = console.as_user("admin")
    query = f"{NOV}&topic=taxonweb&status=active"
    page = client.get(f"/console/registraties?{query}").text
    assert 'href="/console/registraties.xlsx?kind=help_request&amp;start=2026-11-01&amp;end=2026-11-30' in page
    sheets = xlsx_rows(client.get(f"/console/registraties.xlsx?{query}"))
    assert list(sheets) == ["Hulpvragen"]
    header, *rows = sheets["Hulpvragen"]
    assert tuple(header) == labels.RECORD_HELP_COLUMNS
    by_place = {row[2]: dict(zip(header, row, strict=True)) for row in rows}
    assert sorted(by_place) == ["Bibliotheek Leuven", "Digibus Noord"]  # the cancelled one is filtered out
    leuven = by_place["Bibliotheek Leuven"]
    assert leuven["Datum"].date().isoformat() == "2026-11-10" and leuven["Tijd"] == "15:00"
    assert leuven["Onderwerpen"] == "itsme en inloggen, Belastingen (Tax-on-web)" and leuven["Resultaat"] == "Opgelost"
    assert (leuven["Gecorrigeerd"], leuven["Versies"], leuven["Registratie-id"]) == ("ja", 2,
                                                                                     console_records.ids["corrected"])
    assert (leuven["Digihelper"], leuven["Bezoekerscode"], leuven["Status"]) == ("Hanne Helper", "ja", "Actief")
    assert by_place["Digibus Noord"]["Hoe geholpen"] == "Digibus" and by_place["Digibus Noord"]["Halte"] == "Markt"

    cancelled_only = csv_rows(client.get(f"/console/registraties.csv?{NOV}&status=cancelled"))
    assert [row[-1] for row in cancelled_only[1:]] == [console_records.ids["cancelled"]]
    assert cancelled_only[1][15] == "Geannuleerd"
    shifts = xlsx_rows(client.get(f"/console/registraties.xlsx?kind=shift&{NOV}"))["Spreekuren"]
    assert shifts[0][:4] == ["Datum", "Begin", "Einde", "Duur (min)"]
    assert sorted(row[3] for row in shifts[1:]) == [60, 90]
    assert len(csv_rows(client.get(f"/console/registraties.csv?{OCT}"))) == 121  # every page, not just the first


def test_a_download_reads_slice_after_slice_and_stops_cleanly(console, console_records, server_engine, monkeypatch):
    """The rows a download writes (read ahead by a thread on PostgreSQL) are the pages' rows in the
    pages' order over many slices; a download left halfway (the client gone) ends its reader and
    leaves the transaction usable."""
    from datetime import date

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from sync.server.console import record_table
    from sync.server.console.auth import Viewer
    from sync.server.models import StoredRecord

    monkeypatch.setattr(record_table, "SLICE", 7)
    everyone = Viewer("u", "u", "U", "admin", None, "csrf")
    october = record_table.RecordFilters("help_request", date(2026, 10, 1), date(2026, 10, 31))
    with Session(server_engine) as session, session.begin():
        names = record_table.Names.read(session)
        rows = list(record_table.find_records(session, everyone, october, names))
        pages = [row for number in (1, 2, 3)
                 for row in record_table.page_of(session, everyone, october, names, number).rows]
        assert len(rows) == 120 and [r.cells() for r in rows] == [r.cells() for r in pages]
        assert rows[0].when > rows[-1].when
        halfway = record_table.find_records(session, everyone, october, names)
        assert len([next(halfway) for _ in range(10)]) == 10
        halfway.close()
        assert session.scalar(select(func.count()).select_from(StoredRecord)) > 120


def test_a_coordinator_sees_only_their_locations_records(console, console_records):
    bus = console.places["Digibus Noord"]
    for username in ("coord", "lezer"):
        client = console.as_user(username)
        page = client.get(f"/console/registraties?{NOV}").text
        assert len(rows_of(page)) == 3 and "Digibus Noord" not in page and "Bert Bus" not in page
        assert client.get(f"/console/registraties?{NOV}&location={bus}").status_code == 403
        assert client.get(f"/console/registraties.csv?{NOV}&location={bus}").status_code == 403
        assert client.get(f"/console/registraties.xlsx?{NOV}&location={bus}").status_code == 403
        assert client.get(f"/console/registraties?kind=shift&{NOV}&location={bus}").status_code == 403
        assert client.get(f"/console/registraties/{console_records.ids['bus']}").status_code == 403
        assert client.get("/console/registraties/no-such-record").status_code == 403  # alike: no probing
        downloaded = csv_rows(client.get(f"/console/registraties.csv?{NOV}"))
        assert len(downloaded) == 4 and not any("Digibus" in cell for row in downloaded for cell in row)
        shifts = client.get(f"/console/registraties?kind=shift&{NOV}").text
        assert len(rows_of(shifts)) == 1 and "Digibus Noord" not in shifts
        # a helper of another location is no filter choice, and filtering on one shows nothing of theirs
        assert "Bert Bus" not in page
        assert rows_of(client.get(f"/console/registraties?{NOV}&helper={console_records.helpers['Bert']}").text) == []
    city = console.as_user("stad")
    assert len(rows_of(city.get(f"/console/registraties?{NOV}").text)) == 4


def test_notes_are_escaped(console, console_records):
    client = console.as_user("admin")
    for path in (f"/console/registraties?{NOV}", f"/console/registraties/{console_records.ids['script']}"):
        text = client.get(path).text
        assert "<script>alert" not in text, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; meer" in text, path
    fragment = client.get(f"/console/registraties/{console_records.ids['script']}", headers={"HX-Request": "1"}).text
    assert "<script>alert" not in fragment and "&lt;script&gt;" in fragment


def test_bad_filters_are_said_in_dutch(console, console_records):
    client = console.as_user("admin")
    page = client.get("/console/registraties?start=gisteren&outcome=stuk&kind=boek")
    assert page.status_code == 200 and "Kies een periode" in page.text
    assert 'name="kind" value="help_request"' in page.text
    reports = client.get("/console/rapporten?month=2026-13&start=2026-12-01&end=2026-01-01").text
    assert "Kies een maand" in reports and "Kies een periode" in reports


def test_the_monthly_report_has_the_exports_figures(console, console_records):
    admin_client = console.as_user("admin")
    page = admin_client.get("/console/rapporten?month=2026-11").text
    assert "Maandrapport 2026-11" in page
    expected = console.server.admin(export.monthly_report, "2026-11")
    assert csv_rows(admin_client.get("/console/rapporten/maand.csv?month=2026-11")) == list(
        csv.reader(io.StringIO(export.to_csv(expected))))
    sheets = xlsx_rows(admin_client.get("/console/rapporten/maand.xlsx?month=2026-11"))
    assert sheets["Overzicht 2026-11"] == [
        ["Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers"],
        ["Bibliotheek Leuven", 2, 1, 1.5, 1],
        ["Digibus Noord", 1, 1, 1, 1],
        ["Totaal", 3, 2, 2.5, 1],  # one person at two places
    ]
    coord = console.as_user("coord")
    assert xlsx_rows(coord.get("/console/rapporten/maand.xlsx?month=2026-11"))["Overzicht 2026-11"][1:] == [
        ["Bibliotheek Leuven", 2, 1, 1.5, 1], ["Totaal", 2, 1, 1.5, 1]]
    assert "Digibus Noord" not in coord.get("/console/rapporten?month=2026-11").text


def test_the_digibanken_report_for_a_range(console, console_records):
    client = console.as_user("admin")
    query = "start=2026-10-01&end=2026-11-30"
    page = client.get(f"/console/rapporten?{query}").text
    tiles = re.findall(r'<div class="tile"><span class="big">([^<]+)</span> ([^<]+)</div>', page)
    assert tiles == [("1", "bereikte mensen"), ("123", "hulpvragen"), ("2.5", "vrijwilligersuren")]
    assert "1000 mensen: nog 999 te gaan" in page
    assert re.search(r'Uitlenen van toestellen</th><td class="num">0</td><td class="num">0</td>', page)  # no loans
    assert 'alt="Staafdiagram van de hulpvragen per onderwerp' in page  # with its table beside it
    assert re.search(r'<th scope="row">itsme en inloggen</th><td class="num">122</td>', page)

    summary = csv_rows(client.get(f"/console/rapporten/digibanken.csv?{query}"))
    assert summary == [
        ["Van", "2026-10-01"], ["Tot en met", "2026-11-30"], ["Bereikte mensen (verschillende bezoekerscodes)", "1"],
        ["Ondersteuning bij essentiële online diensten", "123"], ["Uitlenen van toestellen", "0"],
        ["Vormingen en workshops", "0"],
        ["Bereikte mensen (verschillende bezoekerscodes): Ondersteuning bij essentiële online diensten", "1"],
        ["Bereikte mensen (verschillende bezoekerscodes): Uitlenen van toestellen", "0"],
        ["Bereikte mensen (verschillende bezoekerscodes): Vormingen en workshops", "0"], ["Vrijwilligersuren", "2.5"],
        ["Drempel 1000 mensen", "nog 999 te gaan"], ["Drempel 1500 mensen", "nog 1499 te gaan"],
        ["Drempel 1750 mensen", "nog 1749 te gaan"]]
    sheets = xlsx_rows(client.get(f"/console/rapporten/digibanken.xlsx?{query}"))
    assert list(sheets) == ["Samenvatting", "Doelstellingen", "Per locatie", "Onderwerpen"]
    assert sheets["Samenvatting"][2] == ["Bereikte mensen (verschillende bezoekerscodes)", 1]
    assert sheets["Doelstellingen"] == [["Doelstelling", "Aantal", "Bereikte mensen"],
                                        ["Ondersteuning bij essentiële online diensten", 123, 1],
                                        ["Uitlenen van toestellen", 0, 0],
                                        ["Vormingen en workshops", 0, 0]]
    assert sheets["Per locatie"][1:] == [["Bibliotheek Leuven", 122, 1, 1.5], ["Digibus Noord", 1, 1, 1],
                                         ["Totaal", 123, 1, 2.5]]
    assert sheets["Onderwerpen"][1:] == [["itsme en inloggen", 122], ["Belastingen (Tax-on-web)", 2]]

    coord = console.as_user("coord")
    mine = xlsx_rows(coord.get(f"/console/rapporten/digibanken.xlsx?{query}"))
    assert mine["Per locatie"][1:] == [["Bibliotheek Leuven", 122, 1, 1.5], ["Totaal", 122, 1, 1.5]]



def test_a_payload_orjson_refuses_is_read_by_the_standard_parser():
    """Downloads parse payloads with orjson; a lone surrogate (which the standard encoder may have
    escaped into a stored payload) is read as json reads it, not an error."""
    import json

    from sync.server.console import record_table

    text = json.dumps({"note": "a\ud800b", "duration_min": 600, "topics": ["itsme"]})
    assert record_table._payload(text) == json.loads(text)
    assert record_table._payload('{"duration_min": 600, "note": "é"}') == {"duration_min": 600, "note": "é"}
