"""The console's Uitlenen page: devices added (one, or a CSV), overdue loans whose sealed contact a
coordinator of the location opens (logged, never by a viewer or for another location), conflicts
resolved, the history anonymous after the retention."""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from sync.protocol import BatchItem, LoanRecord, LoanReturnRecord, content_hash, record_payload
from sync.sealed import seal
from sync.server import admin, lending
from sync.server.console.web import ZONE
from sync.server.db import utcnow
from sync.server.models import AuditEntry, Loan, LoanDevice, Location, ReferenceChange
from sync.server.records import ingest
from tests.console.conftest import send

NAME, PHONE = "Jozefien Verhaegen", "0499 11 22 33"


@pytest.fixture
def keyed(console, tmp_path, monkeypatch):
    monkeypatch.setenv(lending.KEY_FILE_ENV, str(tmp_path / "keys" / "lending-key"))
    return console.server.admin(lending.init_key)


def device(console, tag: str, place: str, kind: str = "laptop") -> str:
    def add(session):
        return lending.add_device(session, tag, kind, console.places[place], model="HP 250").id
    return console.server.admin(add)


def lend(console, public_key: str, device_id: str, place: str, *, days_ago: int, name: str = NAME,
         visitor_code: str | None = None) -> LoanRecord:
    lent = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    record = LoanRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=console.places[place],
                        device_id=device_id, lent_at=lent, due_on=lent.date() + timedelta(days=14),
                        eligibility="jobseeker", visitor_code=visitor_code,
                        contact_sealed=seal(public_key, json.dumps({"name": name, "phone": PHONE})))
    send(console.server, console.places[place], record)
    return record


def test_devices_are_added_one_by_one_or_from_a_csv_within_the_coordinators_locations(console, keyed):
    coord = console.as_user("coord")
    page = coord.get("/console/uitlenen")
    assert page.status_code == 200 and "Nog geen toestellen" in page.text
    added = coord.post("/console/uitlenen/toestellen", {"tag": "LPT-001", "device_kind": "laptop",
                                                         "location_id": console.places["Bibliotheek Leuven"],
                                                         "accessory": ["charger", "mouse"]})
    assert added.status_code == 303
    page = coord.get("/console/uitlenen?gedaan=toestel")
    assert "LPT-001" in page.text and "Lader, Muis" in page.text
    again = coord.post("/console/uitlenen/toestellen", {"tag": "LPT-001", "device_kind": "laptop",
                                                         "location_id": console.places["Bibliotheek Leuven"]})
    assert again.status_code == 422 and "al een toestel met nummer LPT-001" in again.text
    other = coord.post("/console/uitlenen/toestellen", {"tag": "BUS-1", "device_kind": "tablet",
                                                         "location_id": console.places["Digibus Noord"]})
    assert other.status_code == 403

    bad = ("inventarisnummer;soort;model;serienummer;locatie;toebehoren\n"
           "TAB-1;tablet;Galaxy Tab;SN1;Bibliotheek Leuven;lader; hoes\n"
           "TAB-2;tablet;Galaxy Tab;SN2;Digibus Noord;\n")
    refused = coord.post("/console/uitlenen/toestellen/csv", files={"file": ("toestellen.csv", bad.encode())})
    assert refused.status_code == 422, refused.text[-3000:]
    assert "Regel 3" in refused.text and "Er is niets toegevoegd" in refused.text
    good = "\n".join([*bad.splitlines()[:2], "GSM-1;smartphone;Fairphone 4;;bibliotheek leuven;lader"])
    imported = coord.post("/console/uitlenen/toestellen/csv", files={"file": ("toestellen.csv", good.encode())})
    assert imported.status_code == 200 and "2 toestellen toegevoegd" in imported.text
    tags = console.server.admin(lambda s: sorted(s.scalars(select(LoanDevice.tag))))
    assert tags == ["GSM-1", "LPT-001", "TAB-1"]
    # "lader; hoes" unquoted in a file with ";" between the columns: both accessories, none lost.
    assert console.server.admin(lambda s: s.scalar(select(LoanDevice.accessories).where(
        LoanDevice.tag == "TAB-1"))) == '["case", "charger"]'
    assert console.as_user("lezer").post("/console/uitlenen/toestellen/csv", files={
        "file": ("t.csv", good.encode())}).status_code == 403


def test_an_overdue_contact_opens_for_a_coordinator_of_its_location_and_every_opening_is_logged(console, keyed):
    leuven = device(console, "LPT-7", "Bibliotheek Leuven")
    bus = device(console, "BUS-7", "Digibus Noord")
    late = lend(console, keyed, leuven, "Bibliotheek Leuven", days_ago=20)
    elsewhere = lend(console, keyed, bus, "Digibus Noord", days_ago=20)
    coord = console.as_user("coord")
    page = coord.get("/console/uitlenen")
    assert "Te laat (1)" in page.text and "LPT-7" in page.text and "BUS-7" not in page.text
    assert NAME not in page.text and "Contact openen" in page.text
    opened = coord.post(f"/console/uitlenen/{late.id}/contact")
    assert opened.status_code == 200 and NAME in opened.text and PHONE in opened.text
    assert opened.headers["Cache-Control"] == "no-store"
    (entry,) = console.server.admin(lambda s: s.scalars(select(AuditEntry).where(
        AuditEntry.action == "open-loan-contact")).all())
    assert (entry.username, entry.target) == ("coord", str(late.id))
    assert NAME not in entry.detail and PHONE not in entry.detail
    assert coord.post(f"/console/uitlenen/{elsewhere.id}/contact").status_code == 403
    lezer = console.as_user("lezer")
    assert "Contact openen" not in lezer.get("/console/uitlenen").text
    assert lezer.post(f"/console/uitlenen/{late.id}/contact").status_code == 403
    assert console.as_user("admin").post(f"/console/uitlenen/{elsewhere.id}/contact").status_code == 200

    # After the return and the retention, the history keeps the loan without its contact.
    console.server.admin(lambda s: setattr(s.get(Loan, str(late.id)), "returned_at",
                                           datetime.now(UTC) - timedelta(days=31)))
    assert console.server.admin(lending.purge_contacts, datetime.now(UTC)) == 1
    history = coord.get("/console/uitlenen").text
    assert "gewist op" in history and "LPT-7" in history
    assert NAME not in coord.post(f"/console/uitlenen/{late.id}/contact").text


def test_a_device_lent_twice_offline_shows_as_a_conflict_until_resolved(console, keyed):
    laptop = device(console, "LPT-9", "Bibliotheek Leuven")
    lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=3)
    lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=2, name="Karel Claes")
    coord = console.as_user("coord")
    page = coord.get("/console/uitlenen")
    assert "Conflicten (1)" in page.text and "Toestel LPT-9" in page.text
    assert coord.post(f"/console/uitlenen/conflicten/{laptop}/opgelost", {"note": "tweede was een vergissing"}
                      ).status_code == 303
    assert "Conflicten" not in coord.get("/console/uitlenen").text


def test_the_digibanken_report_counts_loans_under_access_and_a_person_once(console, keyed):
    from tests.sync_support import help_request

    leuven = console.places["Bibliotheek Leuven"]
    person, borrower_only = "c" * 64, "d" * 64
    laptop, tablet, phone = (device(console, tag, "Bibliotheek Leuven") for tag in ("LPT-1", "TAB-1", "GSM-1"))
    now = datetime.now(UTC).replace(microsecond=0)
    loans = [LoanRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=leuven, device_id=device_id,
                        lent_at=now - timedelta(hours=2), due_on=now.date() + timedelta(days=7),
                        eligibility="newcomer", visitor_code=code)
             for device_id, code in ((laptop, person), (tablet, borrower_only), (phone, None))]
    send(console.server, leuven, help_request(leuven, when=now - timedelta(hours=3), visitor_code=person), *loans)
    today = now.astimezone(ZONE).date()
    period = f"start={(today - timedelta(days=1)).isoformat()}&end={today.isoformat()}"
    summary = console.as_user("coord").get(f"/console/rapporten/digibanken.csv?{period}").content.decode("utf-8-sig")
    assert "Bereikte mensen (verschillende bezoekerscodes),2" in summary  # the person in both counts once
    assert "Uitlenen van toestellen,3" in summary and "Ondersteuning bij essentiële online diensten,1" in summary


def test_a_device_goes_to_repair_and_back_and_a_lent_one_is_not_retired(console, keyed):
    laptop, tablet = device(console, "LPT-1", "Bibliotheek Leuven"), device(console, "TAB-1", "Bibliotheek Leuven")
    bus = device(console, "BUS-1", "Digibus Noord")
    coord = console.as_user("coord")
    assert coord.post(f"/console/uitlenen/toestellen/{laptop}/staat", {"status": "repair", "condition": "damaged"}
                      ).status_code == 303
    page = coord.get("/console/uitlenen?gedaan=staat").text
    assert "De staat van het toestel is bewaard" in page and "In herstelling" in page and "Beschadigd" in page
    stored = console.server.admin(lambda s: (s.get(LoanDevice, laptop).status, s.get(LoanDevice, laptop).condition))
    assert stored == ("repair", "damaged")
    # What the kiosks of the location get: the status, so that they refuse to lend it.
    published = console.server.admin(lambda s: json.loads(s.scalars(select(ReferenceChange.data).where(
        ReferenceChange.entity == "loan_device", ReferenceChange.key == laptop).order_by(
        ReferenceChange.seq.desc())).first()))
    assert published["status"] == "repair" and published["condition"] == "damaged"
    (entry,) = console.server.admin(lambda s: s.scalars(select(AuditEntry).where(
        AuditEntry.action == "set-loan-device-status")).all())
    assert entry.username == "coord" and entry.target == "LPT-1" and "repair" in entry.detail
    assert coord.post(f"/console/uitlenen/toestellen/{laptop}/staat", {"status": "available", "condition": "worn"}
                      ).status_code == 303
    assert console.server.admin(lambda s: s.get(LoanDevice, laptop).status) == "available"

    # Another location's device, an unknown one, or a viewer: refused, by the URL as by the form.
    for path in (f"/console/uitlenen/toestellen/{bus}/staat", f"/console/uitlenen/toestellen/{uuid.uuid4()}/staat"):
        assert coord.post(path, {"status": "retired", "condition": "good"}).status_code == 403
    assert console.as_user("lezer").post(f"/console/uitlenen/toestellen/{laptop}/staat",
                                         {"status": "retired", "condition": "good"}).status_code == 403
    assert console.server.admin(lambda s: s.get(LoanDevice, bus).status) == "available"
    assert "BUS-1" not in coord.get("/console/uitlenen").text

    # A device that is out comes back on a kiosk first; "lent" is never set by hand.
    loan = lend(console, keyed, tablet, "Bibliotheek Leuven", days_ago=2)
    refused = coord.post(f"/console/uitlenen/toestellen/{tablet}/staat", {"status": "retired", "condition": "good"})
    assert refused.status_code == 422
    assert f"Toestel TAB-1 is uitgeleend (terug op {loan.due_on.strftime('%d-%m-%Y')}). Neem het eerst terug op " \
           "de kiosk; daarna kan je het afschrijven." in refused.text
    assert coord.post(f"/console/uitlenen/toestellen/{tablet}/staat", {"status": "lent", "condition": "good"}
                      ).status_code == 422
    assert console.server.admin(lambda s: s.get(LoanDevice, tablet).status) == "available"
    # The inventory per location: only the coordinator's own, one lent, one available.
    page = coord.get("/console/uitlenen").text
    counts = "".join(f'<td class="num">{n}</td>' for n in (2, 1, 1, 0, 0, 0))
    assert f'<th scope="row">Bibliotheek Leuven</th>{counts}' in page and "Digibus Noord" not in page
    assert coord.post(f"/console/uitlenen/conflicten/{bus}/opgelost", {"note": "x"}).status_code == 403


def test_a_coordinator_adds_a_kind_of_their_own(console, keyed):
    coord = console.as_user("coord")
    assert coord.post("/console/uitlenen/toestellen", {"tag": "ER-1", "device_kind": "e-reader",
                                                       "location_id": console.places["Bibliotheek Leuven"]}
                      ).status_code == 303
    page = coord.get("/console/uitlenen").text
    assert '<option value="e-reader">e-reader</option>' in page  # now offered for the next device and the filter
    refused = coord.post("/console/uitlenen/toestellen", {"tag": "ER-2", "device_kind": "E Reader!",
                                                          "location_id": console.places["Bibliotheek Leuven"]})
    assert refused.status_code == 422 and "kleine letters" in refused.text


def history_csv(client, query: str = "") -> list[list[str]]:
    response = client.get("/console/uitlenen/uitleningen.csv" + query)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_loan_history_follows_the_filters_into_its_csv_and_never_holds_a_contact(console, keyed):
    laptop = device(console, "LPT-1", "Bibliotheek Leuven")
    tablet = device(console, "TAB-1", "Bibliotheek Leuven", "tablet")
    bus = device(console, "BUS-1", "Digibus Noord")
    code = "f" * 64
    old = lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=60, visitor_code=code)
    console.server.admin(lambda s: setattr(s.get(Loan, str(old.id)), "returned_at",
                                           datetime.now(UTC) - timedelta(days=40)))
    assert console.server.admin(lending.purge_contacts, datetime.now(UTC)) == 1
    late = lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=20, visitor_code=code)
    lend(console, keyed, tablet, "Bibliotheek Leuven", days_ago=3, name="Karel Claes")
    lend(console, keyed, bus, "Digibus Noord", days_ago=5)
    coord = console.as_user("coord")

    everything = history_csv(coord)
    assert everything[0][:3] == ["Inventarisnummer", "Soort", "Locatie"]
    assert [row[0] for row in everything[1:]] == ["TAB-1", "LPT-1", "LPT-1"]  # newest first, not the bus's
    assert everything[3][5] and everything[3][-1].startswith("gewist op")
    assert everything[2][-1] == "bewaard tot de terugkeer + 30 dagen"
    text = coord.get("/console/uitlenen/uitleningen.csv").content.decode("utf-8-sig")
    for secret in (NAME, PHONE, "Karel Claes", code, str(late.contact_sealed)[:40], str(late.helper_id)):
        assert secret not in text

    assert [r[0] for r in history_csv(coord, "?toestand=te-laat")[1:]] == ["LPT-1"]
    assert [r[0] for r in history_csv(coord, "?toestand=terug")[1:]] == ["LPT-1"]
    assert [r[0] for r in history_csv(coord, "?soort=tablet")[1:]] == ["TAB-1"]
    assert [r[0] for r in history_csv(coord, "?toestel=LPT-1")[1:]] == ["LPT-1", "LPT-1"]
    today = datetime.now(ZONE).date()
    period = f"?van={(today - timedelta(days=30)).isoformat()}&tot={(today - timedelta(days=10)).isoformat()}"
    assert [r[0] for r in history_csv(coord, period)[1:]] == ["LPT-1"]
    page = coord.get("/console/uitlenen" + period + "&toestand=open")
    assert "<caption>1 uitlening</caption>" in page.text and 'value="open" selected' in page.text
    # The download link carries the same filters.
    assert f'href="/console/uitlenen/uitleningen.csv{period.replace("&", "&amp;")}&amp;toestand=open"' in page.text
    wrong = coord.get("/console/uitlenen?van=gisteren")
    assert wrong.status_code == 200 and "De begindatum is geen datum" in wrong.text

    # Another location: refused as a filter, and all of them for an admin.
    elsewhere = f"?locatie={console.places['Digibus Noord']}"
    assert coord.get("/console/uitlenen" + elsewhere).status_code == 403
    assert coord.get("/console/uitlenen/uitleningen.csv" + elsewhere).status_code == 403
    assert [r[0] for r in history_csv(console.as_user("admin"), elsewhere)[1:]] == ["BUS-1"]
    assert len(history_csv(console.as_user("lezer"))) == 4  # a viewer reads the history too


def give_back(console, loan: LoanRecord, place: str, *, days_ago: int) -> None:
    send(console.server, console.places[place], LoanReturnRecord(
        id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=console.places[place], loan_id=loan.id,
        device_id=loan.device_id, returned_at=datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago),
        condition="good"))


def test_a_coordinator_erases_the_contact_of_an_older_loan_on_request(console, keyed):
    """A borrower whose loan was followed by another one of the same device asks to be forgotten:
    no kiosk reaches that loan, the console does. A question first; only a coordinator or admin of
    the loan's location, with the form's CSRF token; logged once; a second erase changes nothing;
    a resend of the loan record does not bring the contact back; retention goes on for the rest."""
    laptop, bus = device(console, "LPT-3", "Bibliotheek Leuven"), device(console, "BUS-3", "Digibus Noord")
    older = lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=20)
    give_back(console, older, "Bibliotheek Leuven", days_ago=10)
    latest = lend(console, keyed, laptop, "Bibliotheek Leuven", days_ago=5, name="Karel Claes")
    give_back(console, latest, "Bibliotheek Leuven", days_ago=1)
    elsewhere = lend(console, keyed, bus, "Digibus Noord", days_ago=5)
    kept = lend(console, keyed, device(console, "TAB-3", "Bibliotheek Leuven"), "Bibliotheek Leuven", days_ago=4)
    give_back(console, kept, "Bibliotheek Leuven", days_ago=2)

    def contact(loan: LoanRecord) -> str | None:
        return console.server.admin(lambda s: s.get(Loan, str(loan.id)).contact_sealed)

    def offered() -> list[tuple[bool, str | None]]:  # what the kiosks of Leuven are told to offer
        return console.server.admin(lambda s: [(row.deleted, row.data and json.loads(row.data)["loan_id"])
                                               for row in s.scalars(select(ReferenceChange).where(
                                                   ReferenceChange.entity == "loan_contact",
                                                   ReferenceChange.key == laptop).order_by(ReferenceChange.seq))])

    assert offered()[-1] == (False, str(latest.id))  # a kiosk reaches only the latest
    coord, lezer = console.as_user("coord"), console.as_user("lezer")
    page = coord.get("/console/uitlenen?toestel=LPT-3").text
    history = page.split('id="geschiedenis"')[1]  # the devices above list every device
    assert history.count(">Contact nu wissen</a>") == 2 and "BUS-3" not in page and "TAB-3" not in history
    assert f'href="/console/uitlenen/{older.id}/wissen?toestel=LPT-3"' in page  # back to this list after
    assert ">Contact nu wissen</a>" not in lezer.get("/console/uitlenen").text

    question = coord.get(f"/console/uitlenen/{older.id}/wissen")
    assert question.status_code == 200 and "Ja, contact wissen" in question.text and "LPT-3" in question.text
    assert NAME not in question.text and contact(older) is not None  # asking changes nothing
    for client, loan in ((lezer, older), (coord, elsewhere)):
        assert client.get(f"/console/uitlenen/{loan.id}/wissen").status_code == 403
        assert client.post(f"/console/uitlenen/{loan.id}/wissen").status_code == 403
    assert coord.get(f"/console/uitlenen/{uuid.uuid4()}/wissen").status_code == 403
    assert coord.post(f"/console/uitlenen/{older.id}/wissen", csrf=False).status_code == 403
    assert coord.post(f"/console/uitlenen/{older.id}/wissen", {"csrf_token": lezer.csrf}).status_code == 403
    assert contact(older) is not None and contact(elsewhere) is not None

    question = coord.get(f"/console/uitlenen/{older.id}/wissen?toestel=LPT-3").text
    assert f'action="/console/uitlenen/{older.id}/wissen?toestel=LPT-3"' in question
    erased = coord.post(f"/console/uitlenen/{older.id}/wissen?toestel=LPT-3")
    assert erased.status_code == 303
    assert erased.headers["Location"] == "/console/uitlenen?toestel=LPT-3&gedaan=gewist#geschiedenis"
    assert contact(older) is None and contact(latest) is not None
    today = datetime.now(ZONE).strftime("%d-%m-%Y")
    page = coord.get(erased.headers["Location"]).text
    assert "Het contact van de ontlener is gewist" in page and f"gewist op {today}" in page
    assert page.count(">Contact nu wissen</a>") == 1  # the latest loan's (TAB-3 is filtered out)
    assert offered()[-1] == (False, str(latest.id))  # not the loan the kiosks offer: nothing to tell them
    (entry,) = console.server.admin(lambda s: s.scalars(select(AuditEntry).where(
        AuditEntry.action == "erase-loan-contact")).all())
    assert (entry.username, entry.target) == ("coord", str(older.id)) and NAME not in entry.detail
    erased_at = console.server.admin(lambda s: s.get(Loan, str(older.id)).contact_erased_at)

    again = coord.post(f"/console/uitlenen/{older.id}/wissen")  # twice (a second tab, a reload): no change
    assert again.status_code == 303 and "gedaan=al-gewist" in again.headers["Location"]
    assert "was al gewist" in coord.get(again.headers["Location"]).text
    assert "is al gewist" in coord.get(f"/console/uitlenen/{older.id}/wissen").text
    assert console.server.admin(lambda s: s.get(Loan, str(older.id)).contact_erased_at) == erased_at
    assert console.server.admin(lambda s: len(s.scalars(select(AuditEntry).where(
        AuditEntry.action == "erase-loan-contact")).all())) == 1

    # The kiosk's loan record again (its acknowledgement was lost): a duplicate, the contact stays gone.
    def resend(session):
        kiosk, _ = admin.redeem_enroll_code(session, admin.create_enroll_code(session, session.get(
            Location, console.places["Bibliotheek Leuven"]))[0], "kiosk")
        payload = record_payload(older)
        return [r.status for r in ingest(session, kiosk.id, [BatchItem(
            id=older.id, kind=older.kind, content_hash=content_hash(payload), payload=payload)], utcnow())]
    assert console.server.admin(resend) == ["duplicate"] and contact(older) is None

    # The latest loan, the one the kiosks offer: they are told there is nothing left (as by the retention).
    assert coord.post(f"/console/uitlenen/{latest.id}/wissen").status_code == 303
    assert contact(latest) is None and offered()[-1] == (True, None)
    assert console.as_user("admin").post(f"/console/uitlenen/{elsewhere.id}/wissen").status_code == 303
    assert contact(elsewhere) is None
    # The retention still takes the rest, and only the rest.
    assert console.server.admin(lending.purge_contacts, datetime.now(UTC) + timedelta(days=27)) == 0
    assert console.server.admin(lending.purge_contacts, datetime.now(UTC) + timedelta(days=60)) == 1
    assert contact(kept) is None
    assert console.server.admin(lambda s: s.get(Loan, str(older.id)).contact_erased_at) == erased_at
