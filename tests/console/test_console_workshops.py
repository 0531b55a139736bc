"""The console's Vormingen page: a coordinator plans a workshop at their location, the kiosks'
attendance shows per session and per month, a future session can be called off."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from sync.protocol import WorkshopSessionRecord
from sync.server.console.web import ZONE
from sync.server.models import Workshop
from tests.console.conftest import send


def test_plan_a_workshop_record_its_attendance_and_call_one_off(console):
    coord = console.as_user("coord")
    assert "Nog geen vormingen gepland" in coord.get("/console/vormingen").text
    leuven, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    yesterday = (datetime.now(ZONE) - timedelta(days=1)).date().isoformat()
    form = {"title": "Veilig online bankieren", "topic": "Bankieren", "date": yesterday, "time": "14:00",
            "location_id": leuven, "trainer": "Lies", "max_places": "12"}
    assert coord.post("/console/vormingen", form).status_code == 303
    assert coord.post("/console/vormingen", form | {"location_id": bus}).status_code == 403
    refused = coord.post("/console/vormingen", form | {"max_places": "0"})
    assert refused.status_code == 422 and "aantal plaatsen" in refused.text
    assert coord.post("/console/vormingen", form | {"time": ""}).status_code == 422
    later = (datetime.now(ZONE) + timedelta(days=7)).date().isoformat()
    assert coord.post("/console/vormingen", form | {"title": "Werken met itsme", "date": later}).status_code == 303
    planned = console.server.admin(lambda s: {w.title: w for w in s.scalars(select(Workshop))})
    assert planned["Veilig online bankieren"].starts_at.astimezone(ZONE).strftime("%H:%M") == "14:00"

    past = planned["Veilig online bankieren"]
    send(console.server, leuven, WorkshopSessionRecord(
        id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=leuven, workshop_id=past.id,
        recorded_at=datetime.now(UTC), held_at=past.starts_at, attendees=9, visitor_codes=["e" * 64]))
    page = coord.get("/console/vormingen").text
    assert '<td class="num">9</td>' in page and "nog niet ingevuld" in page  # the future one
    assert "Sessies en deelnemers" in page and "Bankieren" in page
    assert console.as_user("lezer").post(f"/console/vormingen/{planned['Werken met itsme'].id}/afgelast"
                                         ).status_code == 403
    assert coord.post(f"/console/vormingen/{planned['Werken met itsme'].id}/afgelast").status_code == 303
    assert "(afgelast)" in coord.get("/console/vormingen").text


def test_the_reports_count_workshops_per_month_and_a_person_once_across_help_lending_and_workshops(console):
    from sync.protocol import LoanRecord
    from sync.server import lending, workshops
    from tests.sync_support import help_request

    leuven = console.places["Bibliotheek Leuven"]
    everywhere, borrower, attendee = "a" * 64, "b" * 64, "c" * 64
    now = datetime.now(UTC).replace(microsecond=0)
    held = now - timedelta(hours=3)

    def plan(session):
        laptop = lending.add_device(session, "LPT-1", "laptop", leuven).id
        tablet = lending.add_device(session, "TAB-1", "tablet", leuven).id
        return laptop, tablet, workshops.plan_workshop(session, "Mails sturen", held, leuven, 10, topic="E-mail").id
    laptop, tablet, workshop_id = console.server.admin(plan)
    bus = console.places["Digibus Noord"]
    bus_workshop = console.server.admin(lambda s: workshops.plan_workshop(s, "Itsme op de bus", held, bus, 6,
                                                                          topic="Itsme", stop_name="Markt").id)
    send(console.server, bus, WorkshopSessionRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=bus,
                                                    workshop_id=bus_workshop, recorded_at=now, held_at=held,
                                                    attendees=4, visitor_codes=["d" * 64]))
    loans = [LoanRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=leuven, device_id=device_id,
                        lent_at=now - timedelta(hours=2), due_on=now.date() + timedelta(days=7),
                        eligibility="newcomer", visitor_code=code)
             for device_id, code in ((laptop, everywhere), (tablet, borrower))]
    attendance = WorkshopSessionRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=leuven,
                                       workshop_id=workshop_id, recorded_at=now, held_at=held, attendees=6,
                                       visitor_codes=[everywhere, attendee])
    send(console.server, leuven, help_request(leuven, when=now - timedelta(hours=4), visitor_code=everywhere),
         *loans, attendance)

    today = now.astimezone(ZONE).date()
    period = f"start={(today - timedelta(days=1)).isoformat()}&end={today.isoformat()}"
    coord = console.as_user("coord")
    page = coord.get(f"/console/rapporten?{period}").text
    assert re.search(r'<span class="big">3</span> bereikte mensen', page)  # a, b and c: a once
    assert re.search(r'Vormingen en workshops</th><td class="num">6</td><td class="num">2</td>', page)
    assert re.search(r'Uitlenen van toestellen</th><td class="num">2</td><td class="num">2</td>', page)
    assert "(1 sessie)" in page
    month = held.astimezone(ZONE).strftime("%Y-%m")
    row = (f'<th scope="row">{month}</th><td>Bibliotheek Leuven</td><td>E-mail</td><td class="num">1</td>'
           '<td class="num">6</td>')
    assert row in page
    assert row in coord.get("/console/vormingen").text  # the same table on the Vormingen page
    summary = coord.get(f"/console/rapporten/digibanken.csv?{period}").content.decode("utf-8-sig")
    assert "Bereikte mensen (verschillende bezoekerscodes),3" in summary
    assert "Bereikte mensen (verschillende bezoekerscodes): Vormingen en workshops,2" in summary
    # The bus's session is another location's: not for this coordinator, in the admin's report.
    assert "Itsme" not in page and "Itsme" not in coord.get("/console/vormingen").text
    assert coord.post(f"/console/vormingen/{bus_workshop}/afgelast").status_code == 403
    everything = console.as_user("admin").get(f"/console/rapporten?{period}").text
    assert (f'<th scope="row">{month}</th><td>Digibus Noord, Markt</td><td>Itsme</td><td class="num">1</td>'
            '<td class="num">4</td>') in everything
    assert re.search(r'<span class="big">4</span> bereikte mensen', everything)
    # The overview's subsidy figure counts the same people: help, lending and workshops, each once.
    assert re.search(r'<span class="big">3</span> verschillende mensen', coord.get(f"/console/overzicht?{period}").text)
    overview = console.as_user("admin").get(f"/console/overzicht?{period}").text
    assert re.search(r'<span class="big">4</span> verschillende mensen', overview)
