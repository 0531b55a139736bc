"""The console's Vormingen page: a coordinator plans a workshop at their location, the kiosks'
attendance shows per session and per month, a future session can be called off."""
from __future__ import annotations

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
