"""The guide editor in the console: a published guide edited through its forms (as a browser sends
them), a new guide from the skeleton, the shared checks' errors beside the fields with nothing typed
lost, publishing the result, roles, CSRF and escaping."""
from __future__ import annotations

import io
import tomllib
import zipfile
from html import unescape
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from sync.server import content
from sync.server.models import AuditEntry, ContentBundle, ContentDraft
from tests.console.guides import guide_zip
from tests.console.test_console_content import upload

GUIDE = "burgerprofiel-attest"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'


@pytest.fixture
def key(console, tmp_path):
    path = tmp_path / "keys" / "content.pem"
    content.init_keys(path)
    console.server.server.config.app.state.content_key = path  # what `serve --content-key` sets
    return path


class _Form(HTMLParser):
    """The fields a browser would send for the form posting to `action`: inputs (checked boxes only,
    no buttons or files), textareas, each select's chosen option."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside = action, False
        self.fields: list[tuple[str, str]] = []
        self._text = ""
        self._select: str | None = None
        self._textarea: str | None = None
        self._chosen: str | None = None
        self._first: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("type") not in ("file", "submit") and a.get("name"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], unescape(a.get("value") or "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""
        elif tag == "select":
            self._select, self._chosen, self._first = a["name"], None, None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self._chosen = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._chosen if self._chosen is not None else self._first or ""))
            self._select = None


def form_of(html: str, action: str) -> list[tuple[str, str]]:
    parser = _Form(action)
    parser.feed(html)
    assert parser.fields, action
    return parser.fields


def change(fields: list[tuple[str, str]], **new: str) -> list[tuple[str, str]]:
    """The form with some fields changed (names with dots passed as __ for dots)."""
    wanted = {name.replace("__", "."): value for name, value in new.items()}
    out = [(name, wanted.get(name, value)) for name, value in fields]
    out += [(name, value) for name, value in wanted.items() if name not in dict(fields)]
    return out


def submit(client, url: str, fields: list[tuple[str, str]], *, files=None, action: str = "save"):
    """Post a form as the browser does: multipart when it has a file input, the pressed button's value."""
    data = [*fields, ("action", action)]
    if files is not None:
        return client.request("POST", url, data=data, files=files or {"_": ("", b"")})
    return client.request("POST", url, data=data)


def draft_files(console, draft_id: str) -> dict[str, bytes]:
    return content.guide_from_zip(console.server.admin(lambda s: s.get(ContentDraft, draft_id).data))[1]


def published(console, key_path, admin) -> str:
    """burgerprofiel-attest published as version 1; its editor page (a new draft)."""
    draft = upload(admin, guide_zip()).headers["location"].rsplit("/", 1)[1]
    assert admin.post(f"/console/stappenplannen/concept/{draft}/publiceren").status_code == 303
    started = admin.post(f"/console/stappenplannen/gids/{GUIDE}/bewerken")
    assert started.status_code == 303, started.text
    return started.headers["location"]


def test_edit_a_published_guide_and_publish_it(console, key):
    boss = console.as_user("admin")
    coord = console.as_user("coord")
    edit_url = published(console, key, boss)
    draft_id = edit_url.split("/")[-2]
    base = f"/console/stappenplannen/concept/{draft_id}"

    # Structure: an image for "need", a new step after it turned into a choice step.
    steps = coord.get(edit_url).text
    fields = form_of(steps, edit_url)
    assert ("open.url", "https://www.vlaanderen.be") in fields
    saved = submit(coord, edit_url, fields, files={"need.image": ("tekening.svg", SVG, "image/svg+xml")})
    assert saved.status_code == 303, saved.text
    assert draft_files(console, draft_id)["images/need.svg"] == SVG
    assert "images/01-need.svg" not in draft_files(console, draft_id)  # no step shows it any more
    added = submit(coord, edit_url, change(form_of(coord.get(edit_url).text, edit_url), new_step="keuze"),
                   action="add")
    assert added.status_code == 303 and added.headers["location"].endswith("#stap-keuze"), added.text
    for _ in ("valid", "download"):  # moved up before "valid", as a plain step: no loop on the way
        assert submit(coord, edit_url, form_of(coord.get(edit_url).text, edit_url),
                      action="up:keuze").status_code == 303
    fields = change(form_of(coord.get(edit_url).text, edit_url), **{
        "keuze__kind": "choice", "keuze__+1.answer": "Ik wil het nakijken", "keuze__+1.next": "valid",
        "keuze__+2.answer": "Ik ben klaar", "keuze__+2.next": "logout"})
    saved = submit(coord, edit_url, fields)
    assert saved.status_code == 303, saved.text
    meta = tomllib.loads(draft_files(console, draft_id)["walkthrough.toml"].decode())
    assert [s["id"] for s in meta["steps"]][-4:] == ["download", "keuze", "valid", "logout"]
    keuze = next(s for s in meta["steps"] if s["id"] == "keuze")
    assert keuze["kind"] == "choice" and [c["next"] for c in keuze["choices"]] == ["valid", "logout"]

    # Dutch: the guide's title; French: a step's text (the Dutch master is shown beside it).
    nl_url, fr_url = f"{base}/tekst/nl", f"{base}/tekst/fr"
    nl = change(form_of(coord.get(nl_url).text, nl_url), title="Attest downloaden (bewerkt)")
    assert submit(coord, nl_url, nl).status_code == 303
    french_page = coord.get(fr_url).text
    assert 'class="master" lang="nl"' in french_page and "Wat heb je nodig?" in french_page
    fr = change(form_of(french_page, fr_url), **{"need__title": "Ce qu'il vous faut"})
    assert submit(coord, fr_url, fr).status_code == 303
    arabic = coord.get(f"{base}/tekst/ar").text
    assert 'dir="rtl"' in arabic and 'name="need.body" rows="7" lang="ar" dir="rtl"' in arabic

    # Publish: the bundle has every change.
    published_now = boss.post(f"{base}/publiceren")
    assert published_now.status_code == 303 and "versie=2" in published_now.headers["location"], published_now.text
    files = console.server.admin(lambda s: content.bundle_files(s, s.get(ContentBundle, 2)))
    assert files[f"{GUIDE}/images/need.svg"] == SVG
    assert tomllib.loads(files[f"{GUIDE}/text/nl.toml"].decode())["title"] == "Attest downloaden (bewerkt)"
    french = tomllib.loads(files[f"{GUIDE}/text/fr.toml"].decode())
    assert french["steps"]["need"]["title"] == "Ce qu'il vous faut"
    assert french["steps"]["open"]["body"].startswith("1. Allez sur le **site de la Flandre**")  # kept as it was
    dutch = tomllib.loads(files[f"{GUIDE}/text/nl.toml"].decode())
    assert dutch["steps"]["keuze"]["choices"] == {"antwoord-1": "Ik wil het nakijken", "antwoord-2": "Ik ben klaar"}
    actions = console.server.admin(lambda s: list(s.scalars(select(AuditEntry.action).where(
        AuditEntry.action == "guide-edit"))))
    assert len(actions) == 7


def test_errors_are_shown_beside_the_fields_and_nothing_typed_is_lost(console, key):
    coord = console.as_user("coord")
    edit_url = published(console, key, console.as_user("admin"))
    draft_id = edit_url.split("/")[-2]
    before = console.server.admin(lambda s: s.get(ContentDraft, draft_id).data)
    fields = form_of(coord.get(edit_url).text, edit_url)
    refused = submit(coord, edit_url, change(fields, **{"need__next": "bestaat-niet", "topic": "attest typed",
                                                        "order": "vier"}))
    assert refused.status_code == 400
    page = refused.text
    assert "Leidt naar een stap die niet bestaat: bestaat-niet" in page and "Niet bewaard" in page
    assert 'id="fout-need.next"' in page and 'aria-describedby="fout-need.next"' in page
    assert "De volgorde is een getal" in page  # the form's own errors and the checks', at once
    assert 'value="attest typed"' in page and 'value="vier"' in page  # nothing typed is lost
    assert '<option value="bestaat-niet" selected>bestaat-niet (bestaat niet)</option>' in page
    # The format's schema: checked first (the paths are checked once the schema holds).
    refused = submit(coord, edit_url, change(fields, **{"open__url": "http://www.vlaanderen.be"}))
    assert refused.status_code == 400 and "Een webadres begint met https://" in refused.text
    assert 'value="http://www.vlaanderen.be"' in refused.text
    assert console.server.admin(lambda s: s.get(ContentDraft, draft_id).data) == before

    # A Dutch screen label corrected: every translation that quoted it follows (they quote it verbatim).
    nl_url = f"/console/stappenplannen/concept/{draft_id}/tekst/nl"
    fields = form_of(coord.get(nl_url).text, nl_url)
    body = dict(fields)["open.body"]
    renamed = submit(coord, nl_url, change(fields, **{"open__body": body.replace("[[Aanmelden]]", "[[Inloggen]]")}))
    assert renamed.status_code == 303, renamed.text
    french = tomllib.loads(draft_files(console, draft_id)["text/fr.toml"].decode())
    assert "[[Inloggen]]" in french["steps"]["open"]["body"] and "[[Aanmelden]]" not in french["steps"]["open"]["body"]
    # A label added in Dutch alone: saved, and every translation of that step is left to correct
    # (each named, with a link to its field); publishing refuses the draft until they all quote it.
    fields = form_of(coord.get(nl_url).text, nl_url)
    body = dict(fields)["open.body"]
    saved = submit(coord, nl_url, change(fields, **{"open__body": body + "\n[[Nieuw]]"}))
    assert saved.status_code == 303, saved.text
    page = coord.get(saved.headers["location"]).text
    assert "Bewaard in het concept." in page and "het doorstaat de controle" not in page
    assert "Nog te doen voor het gepubliceerd kan worden" in page
    translated = [lang for lang in ("fr", "en", "ar", "uk", "tr", "ru", "fa")
                  if "open" in tomllib.loads(draft_files(console, draft_id)[f"text/{lang}.toml"].decode())["steps"]]
    assert len(translated) == 7
    for lang in translated:
        assert f'href="/console/stappenplannen/concept/{draft_id}/tekst/{lang}#veld-open.body"' in page, lang
    assert ("Tekst Frans, stap 2: Neem de schermlabels van het Nederlands letterlijk over, tussen [[ en ]]: "
            "[[Inloggen]], [[Mijn Burgerprofiel]], [[Nieuw]] (nu: [[Inloggen]], [[Mijn Burgerprofiel]])") in page
    refused = console.as_user("admin").post(f"/console/stappenplannen/concept/{draft_id}/publiceren")
    assert refused.status_code == 400 and "Niet gepubliceerd" in refused.text
    where = "<strong>Stappenplan &#39;burgerprofiel-attest&#39;, tekst Frans, stap &#39;open&#39;</strong>"
    assert where in refused.text
    preview = coord.get(f"/console/stappenplannen/concept/{draft_id}").text
    assert "Nog niet klaar om te publiceren" in preview and where in preview
    fr_url = f"/console/stappenplannen/concept/{draft_id}/tekst/fr"
    fr_page = coord.get(fr_url).text
    assert '<p class="field-error" id="fout-open.body">Neem de schermlabels' in fr_page  # beside the field
    # On the French page, French labels that differ keep the French text from being saved; the
    # other languages still to do do not.
    french = dict(form_of(fr_page, fr_url))["open.body"]
    wrong = submit(coord, fr_url, change(form_of(fr_page, fr_url), **{"open__body": french + " [[Neuf]]"}))
    assert wrong.status_code == 400 and "Niet bewaard" in wrong.text
    right = submit(coord, fr_url, change(form_of(fr_page, fr_url), **{"open__body": french + " [[Nieuw]]"}))
    assert right.status_code == 303, right.text
    assert 'id="fout-open.body"' not in coord.get(fr_url).text
    # The Dutch label taken away again: now French is the one to correct.
    fields = form_of(coord.get(nl_url).text, nl_url)
    assert submit(coord, nl_url, change(fields, **{"open__body": body})).status_code == 303
    for lang in translated:
        assert ('id="fout-open.body"' in coord.get(f"/console/stappenplannen/concept/{draft_id}/tekst/{lang}").text) \
            == (lang == "fr"), lang
    fr_page = coord.get(fr_url).text
    assert submit(coord, fr_url, change(form_of(fr_page, fr_url), **{"open__body": french})).status_code == 303
    assert "Nog te doen" not in coord.get(nl_url).text
    assert "Nog niet klaar" not in coord.get(f"/console/stappenplannen/concept/{draft_id}").text
    # Half a translated step is refused; an empty one falls back to Dutch.
    fr_page = coord.get(fr_url).text
    half = submit(coord, fr_url, change(form_of(fr_page, fr_url), **{"need__body": ""}))
    assert half.status_code == 400 and "of laat allebei leeg" in half.text
    empty = submit(coord, fr_url, change(form_of(fr_page, fr_url), **{"need__body": "", "need__title": ""}))
    assert empty.status_code == 303
    assert "need" not in tomllib.loads(draft_files(console, draft_id)["text/fr.toml"].decode())["steps"]


def test_a_step_image_must_be_a_small_picture(console, key):
    coord = console.as_user("coord")
    edit_url = published(console, key, console.as_user("admin"))
    fields = form_of(coord.get(edit_url).text, edit_url)
    # The kiosk draws a step's picture as SVG only: a photo (or anything named .svg that is not) is refused.
    for name, data in (("foto.png", PNG), ("x.svg", b"MZ\x90\0 not a picture")):
        refused = submit(coord, edit_url, fields, files={"need.image": (name, data, "image/svg+xml")})
        assert refused.status_code == 400 and "Dit is geen SVG-tekening" in refused.text, name
    too_big = submit(coord, edit_url, fields, files={"need.image": ("x.svg", SVG + b" " * 600_000, "image/svg+xml")})
    assert too_big.status_code == 400 and "te groot" in too_big.text
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert submit(coord, edit_url, fields, files={"open.image": ("a.svg", svg, "image/svg+xml")}).status_code == 303
    served = coord.get(edit_url.replace("/bewerken", "/bestand/images/open.svg"))
    assert served.content == svg and "sandbox" in served.headers["content-security-policy"]


def test_a_new_guide_starts_from_a_valid_skeleton(console, key):
    coord = console.as_user("coord")
    bad = coord.post("/console/stappenplannen/nieuw", {"guide_id": "Met Spaties", "title": "Mijn pensioen"})
    assert bad.status_code == 400 and "kleine letters" in bad.text and 'value="Mijn pensioen"' in bad.text
    started = coord.post("/console/stappenplannen/nieuw", {"guide_id": "mypension", "title": "Mijn pensioen"})
    assert started.status_code == 303
    again = coord.post("/console/stappenplannen/nieuw", {"guide_id": "mypension", "title": "x"})
    assert again.status_code == 400 and "Er is al een stappenplan of concept" in again.text
    draft_id = started.headers["location"].split("/")[-2]
    assert "Mijn pensioen" in coord.get(started.headers["location"]).text
    boss = console.as_user("admin")
    assert boss.post(f"/console/stappenplannen/concept/{draft_id}/publiceren").status_code == 303
    files = console.server.admin(lambda s: content.bundle_files(s, content.latest(s)))
    assert "mypension/walkthrough.toml" in files and "mypension/images/start.svg" in files


def test_roles_and_csrf(console, key):
    edit_url = published(console, key, console.as_user("admin"))
    base = edit_url.removesuffix("/bewerken")
    reader = console.as_user("lezer")
    page = reader.get(edit_url)
    assert page.status_code == 200 and "<fieldset class=\"bare\" disabled>" in page.text
    assert reader.get(f"{base}/tekst/fr").status_code == 200
    for path in (edit_url, f"{base}/tekst/fr", "/console/stappenplannen/nieuw",
                 f"/console/stappenplannen/gids/{GUIDE}/bewerken"):
        assert reader.post(path, {"title": "x"}).status_code == 403, path
    coord = console.as_user("coord")
    fields = form_of(coord.get(edit_url).text, edit_url)
    forged = [(n, "vals" if n == "csrf_token" else v) for n, v in fields]
    assert submit(coord, edit_url, forged).status_code == 403
    assert coord.post(f"{base}/tekst/fr", {"csrf_token": "vals"}).status_code == 403
    assert coord.get("/console/stappenplannen/concept/bestaat-niet/tekst/fr").status_code == 404
    assert coord.get(f"{base}/tekst/xx").status_code == 404


@pytest.mark.parametrize("where", ["steps", "texts"])
def test_script_typed_in_any_field_is_escaped(console, key, where):
    script = '<script>alert("x")</script>'
    coord = console.as_user("coord")
    edit_url = published(console, key, console.as_user("admin"))
    base = edit_url.removesuffix("/bewerken")
    url = edit_url if where == "steps" else f"{base}/tekst/fr"
    fields = form_of(coord.get(url).text, url)
    typed = [(n, v if n in ("csrf_token", "step") or n.endswith((".kind", ".next")) else script) for n, v in fields]
    typed += [("new_step", script)] if where == "steps" else []
    answer = submit(coord, url, typed)
    assert answer.status_code in (303, 400)
    pages = [answer.text] + [coord.get(p).text for p in (url, f"{base}/tekst/nl", edit_url, base,
                                                           "/console/stappenplannen")]
    for html in pages:
        assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in answer.text
    # The new guide form: its title on the editor's pages and the list, its name refused as typed.
    bad = coord.post("/console/stappenplannen/nieuw", {"guide_id": script, "title": script})
    assert bad.status_code == 400 and "<script>alert" not in bad.text and "&lt;script&gt;alert" in bad.text
    started = coord.post("/console/stappenplannen/nieuw", {"guide_id": f"nieuw-{where}", "title": script})
    new_base = started.headers["location"].removesuffix("/bewerken")
    for path in (f"{new_base}/bewerken", f"{new_base}/tekst/nl", f"{new_base}/tekst/fr", new_base,
                 "/console/stappenplannen/nakijken"):
        html = coord.get(path).text
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html, path
    assert "<script>alert" not in coord.get("/console/stappenplannen").text  # drafts listed by name


def test_editing_a_guide_that_has_a_draft_opens_that_draft(console, key):
    edit_url = published(console, key, console.as_user("admin"))
    again = console.as_user("coord").post(f"/console/stappenplannen/gids/{GUIDE}/bewerken")
    assert again.status_code == 303 and again.headers["location"] == edit_url + "?gedaan=bestaand"
    assert console.server.admin(lambda s: len(s.scalars(select(ContentDraft.id)).all())) == 1


def test_removing_a_step_takes_its_texts_and_picture_and_a_step_led_to_is_kept(console, key):
    coord = console.as_user("coord")
    edit_url = published(console, key, console.as_user("admin"))
    draft_id = edit_url.split("/")[-2]
    led_to = change(form_of(coord.get(edit_url).text, edit_url), need__next="valid")
    assert submit(coord, edit_url, led_to).status_code == 400  # open .. download cannot be reached now
    fields = change(form_of(coord.get(edit_url).text, edit_url), need__next="valid")
    refused = submit(coord, edit_url, fields, action="remove:valid")
    assert refused.status_code == 400 and "Leidt naar een stap die niet bestaat: valid" in refused.text
    removed = submit(coord, edit_url, form_of(coord.get(edit_url).text, edit_url), action="remove:valid")
    assert removed.status_code == 303, removed.text
    files = draft_files(console, draft_id)
    assert "valid" not in [s["id"] for s in tomllib.loads(files["walkthrough.toml"].decode())["steps"]]
    for lang in ("nl", "fr", "ar"):
        assert "valid" not in tomllib.loads(files[f"text/{lang}.toml"].decode())["steps"], lang
    assert "images/07-valid.svg" not in files


def test_the_draft_zip_round_trips(console, key):
    """What the editor writes is what the kiosk loads: one folder with walkthrough.toml inside."""
    edit_url = published(console, key, console.as_user("admin"))
    draft_id = edit_url.split("/")[-2]
    data = console.server.admin(lambda s: s.get(ContentDraft, draft_id).data)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert f"{GUIDE}/walkthrough.toml" in names and all(n.startswith(GUIDE + "/") for n in names)
