"""The console's Uitlenen page: devices added (one, or a CSV), overdue loans whose sealed contact a
coordinator of the location opens (logged, never by a viewer or for another location), conflicts
resolved, the history anonymous after the retention."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from sync.protocol import LoanRecord
from sync.sealed import seal
from sync.server import lending
from sync.server.console.web import ZONE
from sync.server.models import AuditEntry, Loan, LoanDevice
from tests.console.conftest import send

NAME, PHONE = "Jozefien Verhaegen", "0499 11 22 33"


@pytest.fixture
def keyed(console, tmp_path, monkeypatch):
    monkeypatch.setenv(lending.KEY_FILE_ENV, str(tmp_path / "keys" / "lending-key"))
    return console.server.admin(lending.init_key)


def device(console, tag: str, place: str) -> str:
    def add(session):
        return lending.add_device(session, tag, "laptop", console.places[place], model="HP 250").id
    return console.server.admin(add)


def lend(console, public_key: str, device_id: str, place: str, *, days_ago: int, name: str = NAME) -> LoanRecord:
    lent = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    record = LoanRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=console.places[place],
                        device_id=device_id, lent_at=lent, due_on=lent.date() + timedelta(days=14),
                        eligibility="jobseeker",
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
