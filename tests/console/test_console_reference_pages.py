"""The console's digihelpers, locations, topics and settings pages against a live server: each
action, who may do it (admin, coordinator of one location, viewer), what kiosks then receive, and
the audit log."""
from __future__ import annotations

import json
import re

from sqlalchemy import select

from sync.server import admin
from sync.server.models import AuditEntry, Helper, Location, Setting, Topic
from sync.server.reference import reference_page

SCRIPT = '<script>alert("x")</script>'


def helper_named(server, name: str) -> Helper:
    return server.admin(lambda s: s.scalar(select(Helper).where(Helper.display_name == name)))


def actions(server) -> list[tuple[str, str]]:
    return server.admin(lambda s: [(a.username, a.action) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                                   if a.action not in ("login",)])


def latest_helper_change(server, helper_id: str):
    page = server.admin(reference_page, 0, 1000)
    return next(c for c in page.changes if c.entity == "helper" and c.key == helper_id)


def test_a_coordinator_adds_helpers_only_at_their_own_locations(console):
    library, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    coord = console.as_user("coord")
    page = coord.get("/console/digihelpers")
    assert page.status_code == 200 and "Digibus Noord" not in page.text  # not even as a choice

    added = coord.post("/console/digihelpers", {"name": "Dina Nieuw", "role": "digihelper", "location_id": library})
    assert added.status_code == 200
    code = re.search(r'class="bigcode">([A-Z0-9-]{14})<', added.text).group(1)
    assert "Ik heb een instelcode" in added.text and "7 dagen" in added.text
    dina = helper_named(console.server, "Dina Nieuw")
    assert dina.pin_hash is None and admin.secret_hash(admin.normalize_code(code)) not in added.text
    assert console.server.admin(admin.helper_location_ids, dina.id) == {library}
    listed = coord.get("/console/digihelpers").text
    assert "Dina Nieuw" in listed and code not in listed  # the code is shown once
    assert ("coord", "add-helper") in actions(console.server)

    assert coord.post("/console/digihelpers", {"name": "Elders", "role": "digihelper",
                                               "location_id": bus}).status_code == 403
    everywhere = coord.post("/console/digihelpers", {"name": "Overal", "role": "digihelper"})
    assert everywhere.status_code == 422 and "Kies minstens één locatie" in everywhere.text
    bad_role = coord.post("/console/digihelpers", {"name": "Baas", "role": "admin", "location_id": library})
    assert bad_role.status_code == 422 and "digihelper of coördinator" in bad_role.text
    assert helper_named(console.server, "Elders") is None and helper_named(console.server, "Overal") is None


def test_who_may_change_which_helper(console):
    library, bus = console.places["Bibliotheek Leuven"], console.places["Digibus Noord"]
    city = console.server.admin(lambda s: admin.add_helper(s, "Stad Wide", "coordinator", "135790").id)
    busser = console.server.admin(lambda s: admin.add_helper(s, "Bus Bert", "digihelper", "975310", [bus]).id)
    both = console.server.admin(lambda s: admin.add_helper(s, "Twee Plekken", "digihelper", "864209",
                                                           [library, bus]).id)
    coord = console.as_user("coord")
    listed = coord.get("/console/digihelpers").text
    assert "Stad Wide" in listed and "Twee Plekken" in listed and "Bus Bert" not in listed
    for helper in (city, busser):
        for path, data in (("instelcode", {}), ("actief", {"active": "0"}), ("locaties", {"location_id": library})):
            assert coord.post(f"/console/digihelpers/{helper}/{path}", data).status_code == 403, (helper, path)
    assert coord.post("/console/digihelpers/00000000-0000-0000-0000-000000000000/actief",
                      {"active": "0"}).status_code == 403
    assert coord.post(f"/console/digihelpers/{both}/locaties", {"location_id": bus}).status_code == 403

    # Unticking the library keeps the helper's digibus: a coordinator changes only their own places.
    assert coord.post(f"/console/digihelpers/{both}/locaties", {}).status_code == 303
    assert console.server.admin(admin.helper_location_ids, both) == {bus}
    assert coord.post(f"/console/digihelpers/{both}/actief", {"active": "0"}).status_code == 403  # not theirs now

    # Switched off and on: kiosks get a deletion, then the account again.
    boss = console.as_user("admin")
    assert boss.post(f"/console/digihelpers/{busser}/actief", {"active": "0"}).status_code == 303
    assert not helper_named(console.server, "Bus Bert").active
    assert latest_helper_change(console.server, busser).deleted
    assert boss.post(f"/console/digihelpers/{busser}/actief", {"active": "1"}).status_code == 303
    assert latest_helper_change(console.server, busser).data["display_name"] == "Bus Bert"
    # A reset: a new code, while the old PIN keeps working.
    reset = boss.post(f"/console/digihelpers/{city}/instelcode")
    assert reset.status_code == 200 and re.search(r'class="bigcode">[A-Z0-9-]{14}<', reset.text)
    assert helper_named(console.server, "Stad Wide").pin_hash
    assert "de oude pincode werkt tot de code gebruikt is" in boss.get("/console/digihelpers").text
    assert boss.post(f"/console/digihelpers/{city}/locaties", {"location_id": library}).status_code == 303
    assert {("admin", "deactivate-helper"), ("admin", "activate-helper"), ("admin", "helper-setup-code"),
            ("admin", "helper-locations"), ("coord", "helper-locations")} <= set(actions(console.server))


CSV = ("naam,rol,locaties\n"
       "Lies Claes,digihelper,Bibliotheek Leuven\n"
       "Jan Baas,baas,Bibliotheek Leuven\n"
       "Eva Twee,coördinator,Bibliotheek Leuven;Digibus Noord\n"
       ",digihelper,Nergens\n"
       "Lies Claes,digihelper,bibliotheek leuven\n"
       "Stan Stad,digihelper,\n")


def upload(client, text: str, name: str = "helpers.csv"):
    return client.request("POST", "/console/digihelpers/csv", data={"csrf_token": client.csrf},
                          files={"file": (name, text.encode("utf-8"), "text/csv")})


def test_bulk_add_from_a_csv_preview_then_create_with_codes(console):
    coord = console.as_user("coord")
    preview = upload(coord, CSV)
    assert preview.status_code == 200
    rows = re.findall(r"<tr( class=\"bad\")?><td class=\"num\">(\d+)</td>.*?</tr>", preview.text, re.S)
    assert [(line, bool(bad)) for bad, line in rows] == [("2", False), ("3", True), ("4", True), ("5", True),
                                                         ("6", True), ("7", True)]
    for problem in ("De rol is digihelper of coördinator.", "Digibus Noord is geen locatie van jou.",
                    "Onbekende locatie: Nergens.", "De naam ontbreekt", "Deze naam staat al hoger in het bestand.",
                    "Vul minstens één van jouw locaties in."):
        assert problem in preview.text, problem
    assert helper_named(console.server, "Lies Claes") is None  # a preview changes nothing

    text = re.search(r'name="csv_text" value="([^"]*)"', preview.text, re.S).group(1)
    created = coord.post("/console/digihelpers/csv/aanmaken", {"csv_text": text.replace("&#34;", '"')})
    assert created.status_code == 200
    assert "1 digihelper toegevoegd. 5 regels met een fout zijn overgeslagen." in created.text
    assert re.findall(r'class="slip-name">([^<]+)<', created.text) == ["Lies Claes"]
    assert len(re.findall(r'class="bigcode">[A-Z0-9-]{14}<', created.text)) == 1
    assert console.server.admin(admin.helper_location_ids, helper_named(console.server, "Lies Claes").id) == {
        console.places["Bibliotheek Leuven"]}

    # An admin's file: Excel's ";" columns, city-wide rows allowed; a second upload does not add twice.
    boss = console.as_user("admin")
    excel = 'naam;rol;locaties\r\nLies Claes;digihelper;Bibliotheek Leuven\r\nStan Stad;Coördinator;\r\n' \
            'Bo Bus;digihelper;"Digibus Noord;Bibliotheek Leuven"\r\n'
    preview = upload(boss, excel)
    assert "Er is al een actieve digihelper met deze naam." in preview.text and "2 van de 3 regels" in preview.text
    created = boss.post("/console/digihelpers/csv/aanmaken", {"csv_text": excel})
    assert re.findall(r'class="slip-name">([^<]+)<', created.text) == ["Stan Stad", "Bo Bus"]
    assert console.server.admin(admin.helper_location_ids, helper_named(console.server, "Stan Stad").id) == set()
    assert helper_named(console.server, "Stan Stad").role == "coordinator"
    assert upload(boss, "naam,wachtwoord\nx,y\n").status_code == 422
    assert upload(boss, "").status_code == 422


def test_locations_are_listed_per_viewer_and_changed_by_admins(console):
    coord = console.as_user("coord")
    listed = coord.get("/console/locaties").text
    assert "Bibliotheek Leuven" in listed and "Digibus Noord" not in listed and "Een locatie toevoegen" not in listed
    library = console.places["Bibliotheek Leuven"]
    assert coord.post("/console/locaties", {"name": "Nieuw", "kind": "fixed"}).status_code == 403
    assert coord.post(f"/console/locaties/{library}/naam", {"name": "Overgenomen"}).status_code == 403
    assert coord.post(f"/console/locaties/{library}/actief", {"active": "0"}).status_code == 403

    boss = console.as_user("admin")
    assert boss.post("/console/locaties", {"name": "Dienstencentrum Kessel-Lo", "kind": "fixed"}).status_code == 303
    twice = boss.post("/console/locaties", {"name": "Dienstencentrum Kessel-Lo", "kind": "fixed"})
    assert twice.status_code == 422 and "Er is al een locatie die Dienstencentrum Kessel-Lo heet" in twice.text
    assert boss.post("/console/locaties", {"name": "Bus", "kind": "boot"}).status_code == 422
    assert boss.post(f"/console/locaties/{library}/naam", {"name": "Bibliotheek Tweebronnen"}).status_code == 303
    assert boss.post(f"/console/locaties/{library}/actief", {"active": "0"}).status_code == 303
    location = console.server.admin(lambda s: s.get(Location, library))
    assert (location.name, location.active) == ("Bibliotheek Tweebronnen", False)
    change = [c for c in console.server.admin(reference_page, 0, 1000).changes if c.key == library][-1]
    assert change.data == {"name": "Bibliotheek Tweebronnen", "kind": "fixed", "active": False}
    assert "uitgeschakeld" in boss.get("/console/locaties?gedaan=uitgeschakeld").text
    assert {"add-location", "rename-location", "deactivate-location"} <= {a for _, a in actions(console.server)}


def test_topics_keep_their_code_and_only_admins_change_them(console):
    boss, coord = console.as_user("admin"), console.as_user("coord")
    assert boss.post("/console/onderwerpen", {"code": "mijn-burgerprofiel", "label": "Mijn Burgerprofiel",
                                              "sort_order": "10"}).status_code == 303
    bad = boss.post("/console/onderwerpen", {"code": "Mijn Code!", "label": "x"})
    assert bad.status_code == 422 and "kleine letters, cijfers en streepjes" in bad.text
    again = boss.post("/console/onderwerpen", {"code": "mijn-burgerprofiel", "label": "Dubbel"})
    assert again.status_code == 422 and "bestaat al" in again.text
    assert boss.post("/console/onderwerpen", {"code": "x", "label": "x", "sort_order": "tien"}).status_code == 422
    assert "Mijn Burgerprofiel" in coord.get("/console/onderwerpen").text  # everyone sees the list
    for path, data in (("/console/onderwerpen", {"code": "nieuw", "label": "Nieuw"}),
                       ("/console/onderwerpen/mijn-burgerprofiel", {"label": "Overgenomen"}),
                       ("/console/onderwerpen/mijn-burgerprofiel/verwijderen", {})):
        assert coord.post(path, data).status_code == 403, path

    assert boss.post("/console/onderwerpen/mijn-burgerprofiel", {"label": "Attesten (Mijn Burgerprofiel)",
                                                                "sort_order": "5"}).status_code == 303
    topic = console.server.admin(lambda s: s.get(Topic, "mijn-burgerprofiel"))
    assert (topic.label_nl, topic.sort_order, topic.active) == ("Attesten (Mijn Burgerprofiel)", 5, True)
    assert boss.post("/console/onderwerpen/mijn-burgerprofiel/verwijderen").status_code == 303
    assert not console.server.admin(lambda s: s.get(Topic, "mijn-burgerprofiel")).active
    change = [c for c in console.server.admin(reference_page, 0, 1000).changes if c.key == "mijn-burgerprofiel"][-1]
    assert change.deleted
    assert "Terugzetten" in boss.get("/console/onderwerpen").text
    restored = boss.post("/console/onderwerpen/mijn-burgerprofiel", {"label": "Terug", "sort_order": "5"})
    assert restored.status_code == 303
    assert console.server.admin(lambda s: s.get(Topic, "mijn-burgerprofiel")).active
    assert {"add-topic", "change-topic", "remove-topic"} <= {a for _, a in actions(console.server)}


def stored_settings(server) -> dict:
    return server.admin(lambda s: {r.key: json.loads(r.value) for r in s.scalars(select(Setting))})


def test_shared_settings_are_validated_by_the_protocol_model_with_dutch_errors(console):
    boss = console.as_user("admin")
    page = boss.get("/console/instellingen")
    for key in ("default_language", "idle_seconds", "idle_countdown_seconds", "eloket_url", "browser_home_url",
                "official_domains", "default_text_size", "default_high_contrast"):
        assert f'action="/console/instellingen/{key}"' in page.text, key
    assert 'type="number" inputmode="numeric" class="short" min="15" max="3600"' in page.text

    too_low = boss.post("/console/instellingen/idle_seconds", {"value": "5"})
    assert too_low.status_code == 422
    assert '<p class="field-error" id="error-idle_seconds">Minstens 15.</p>' in too_low.text
    assert 'value="5"' in too_low.text  # what was typed stays
    assert boss.post("/console/instellingen/idle_seconds", {"value": "vijf"}).status_code == 422
    http = boss.post("/console/instellingen/eloket_url", {"value": "http://leuven.be"})
    assert "moet een https://-adres zijn." in http.text
    domains = boss.post("/console/instellingen/official_domains", {"value": "leuven.be\nniet een domein"})
    assert "&#39;niet een domein&#39; is geen domeinnaam (bijvoorbeeld: vlaanderen.be)." in domains.text
    assert stored_settings(console.server) == {"visitor_code_key": stored_settings(console.server)["visitor_code_key"]}

    for key, value in (("idle_seconds", "300"), ("official_domains", " Leuven.be\n\nvlaanderen.be \n"),
                       ("default_language", "fr"), ("default_high_contrast", "1")):
        assert boss.post(f"/console/instellingen/{key}", {"value": value}).status_code == 303, key
    stored = stored_settings(console.server)
    assert (stored["idle_seconds"], stored["official_domains"], stored["default_language"],
            stored["default_high_contrast"]) == (300, ["leuven.be", "vlaanderen.be"], "fr", True)
    assert boss.post("/console/instellingen/default_high_contrast", {}).status_code == 303  # unticked
    assert stored_settings(console.server)["default_high_contrast"] is False
    assert "Terug naar de standaard" in boss.get("/console/instellingen").text
    assert boss.post("/console/instellingen/idle_seconds/standaard").status_code == 303
    assert "idle_seconds" not in stored_settings(console.server)
    changes = {c.key: c for c in console.server.admin(reference_page, 0, 1000).changes if c.entity == "setting"}
    assert changes["idle_seconds"].deleted and changes["default_language"].data == {"value": "fr"}
    assert boss.post("/console/instellingen/geen_sleutel", {"value": "1"}).status_code == 404
    assert {"set-setting", "unset-setting"} <= {a for _, a in actions(console.server)}

    coord = console.as_user("coord")
    assert coord.get("/console/instellingen").status_code == 403
    assert coord.post("/console/instellingen/idle_seconds", {"value": "300"}).status_code == 403
    assert "/console/instellingen" not in coord.get("/console/overzicht").text  # no link either


def test_free_text_is_escaped_on_these_pages(console):
    boss = console.as_user("admin")
    assert boss.post("/console/digihelpers", {"name": SCRIPT, "role": "digihelper"}).status_code == 200
    assert boss.post("/console/locaties", {"name": SCRIPT, "kind": "fixed"}).status_code == 303
    assert boss.post("/console/onderwerpen", {"code": "xss", "label": SCRIPT}).status_code == 303
    upload_page = upload(boss, f"naam,rol,locaties\n{SCRIPT.replace(',', '')},digihelper,{SCRIPT}\n")
    assert "<script>alert" not in upload_page.text and "&lt;script&gt;alert" in upload_page.text
    for path in ("/console/digihelpers", "/console/locaties", "/console/onderwerpen", "/console/instellingen",
                 "/console/kiosks"):
        text = boss.get(path).text
        assert "<script>alert" not in text, path
        if path != "/console/instellingen":
            assert "&lt;script&gt;alert" in text, path
