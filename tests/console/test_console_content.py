"""Stappenplannen in the console: upload a guide as a zip, the shared checks, the preview with the
kiosk's own body markup, publishing by a city admin only (signed, audit-logged)."""
from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from sqlalchemy import select

from sync.content_bundle import SignedManifest, check_signature
from sync.server import content
from sync.server.models import AuditEntry, ContentBundle, ContentDraft
from tests.console.guides import NEW_TITLE, guide_zip


@pytest.fixture
def key(console, tmp_path):
    path = tmp_path / "keys" / "content.pem"
    keys = content.init_keys(path)
    console.server.server.config.app.state.content_key = path  # what `serve --content-key` sets
    return keys


def upload(client, data: bytes):
    return client.post("/console/stappenplannen/opladen", files={"zip": ("gids.zip", data, "application/zip")})


def test_upload_preview_and_publish(console, key):
    coord = console.as_user("coord")
    sent = upload(coord, guide_zip())
    assert sent.status_code == 303, sent.text
    preview_url = sent.headers["location"]
    preview = coord.get(preview_url)
    assert preview.status_code == 200 and NEW_TITLE in preview.text
    # The kiosk's renderer: an official label becomes a quoted span, numbered lines a list.
    assert '<span style="">&#160;' in preview.text and "<ol>" in preview.text
    arabic = coord.get(preview_url + "?taal=ar").text
    assert 'dir="rtl"' in arabic and "\u200f" in arabic
    image = re.search(r'<img src="(/console/stappenplannen/concept/[^"]+)"', preview.text).group(1)
    picture = coord.get(image)
    assert picture.status_code == 200 and picture.headers["content-type"].startswith("image/svg")
    assert "sandbox" in picture.headers["content-security-policy"]  # an uploaded SVG never runs script here

    draft_id = preview_url.rsplit("/", 1)[1]
    assert coord.post(f"/console/stappenplannen/concept/{draft_id}/publiceren").status_code == 403
    boss = console.as_user("admin")
    published = boss.post(f"/console/stappenplannen/concept/{draft_id}/publiceren")
    assert published.status_code == 303 and "versie=1" in published.headers["location"]
    listing = boss.get(published.headers["location"]).text
    assert "Gepubliceerd als versie 1" in listing and "burgerprofiel-attest (admin)" in listing

    bundle = console.server.admin(lambda s: s.get(ContentBundle, 1))
    manifest = check_signature(SignedManifest(manifest=bundle.manifest, signature=bundle.signature,
                                              key_id=bundle.key_id), key)
    assert {f.path.split("/")[0] for f in manifest.files} == {"burgerprofiel-attest"}
    assert console.server.admin(lambda s: s.get(ContentDraft, draft_id)) is None
    actions = console.server.admin(lambda s: list(s.scalars(select(AuditEntry.action))))
    assert "guide-upload" in actions and "guide-publish" in actions


def test_a_guide_that_fails_the_checks_is_not_kept(console, key):
    coord = console.as_user("coord")
    refused = upload(coord, guide_zip(drop="burgerprofiel-attest/text/nl.toml"))
    assert refused.status_code == 400
    assert "doorstaat de controle" in refused.text
    assert ("<strong>Stappenplan &#39;burgerprofiel-attest&#39;, tekst Nederlands</strong>: De Nederlandse tekst "
            "(text/nl.toml) ontbreekt" in refused.text)
    assert upload(coord, b"not a zip").status_code == 400
    # A name a kiosk's manifest refuses (a space): refused at the upload, not at publishing.
    named = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(guide_zip())) as source, zipfile.ZipFile(named, "w") as target:
        for item in source.infolist():
            data = source.read(item).replace(b'"images/01-need.svg"', b'"images/01 need.svg"')
            target.writestr(item.filename.replace("01-need.svg", "01 need.svg"), data)
    refused = upload(coord, named.getvalue())
    assert refused.status_code == 400
    assert "Deze bestandsnamen kunnen niet mee naar de kiosks: burgerprofiel-attest/images/01 need.svg." in refused.text
    assert console.server.admin(lambda s: s.scalar(select(ContentDraft.id))) is None


def test_a_reader_uploads_nothing_and_publishing_needs_the_key(console, tmp_path):
    assert upload(console.as_user("lezer"), guide_zip()).status_code == 403
    console.server.server.config.app.state.content_key = tmp_path / "missing.pem"
    boss = console.as_user("admin")
    draft = upload(boss, guide_zip()).headers["location"].rsplit("/", 1)[1]
    refused = boss.post(f"/console/stappenplannen/concept/{draft}/publiceren")
    assert refused.status_code == 503 and "content-key init" in refused.text
    assert "wie de server beheert: <code>no content key at " in refused.text and "missing.pem" in refused.text
    assert console.server.admin(lambda s: s.scalar(select(ContentBundle.version))) is None


def test_a_guide_with_large_pictures_fits_but_not_without_limit(console, key):
    """Sync requests stay limited to 1 MB; only the upload may carry a guide with its pictures."""
    coord = console.as_user("coord")
    assert upload(coord, guide_zip(extra=os.urandom(3 * 2**20))).status_code == 303
    too_big = upload(coord, guide_zip(extra=os.urandom(content.MAX_ZIP_BYTES + 2**20)))
    assert too_big.status_code == 413
    refused = console.client().post("/console/login", {"x": "y" * 2_000_000}, csrf=False)
    assert refused.status_code == 413 and "Er is niets\nbewaard" in refused.text  # a Dutch page, not JSON
    # The editor's forms carry step pictures: as large as a guide may be, and then the login check.
    editor = console.client().post("/console/stappenplannen/concept/x/bewerken", {"x": "y" * 2_000_000},
                                   csrf=False)
    assert editor.status_code == 401


def test_the_review_page_lists_unreviewed_languages_and_unverified_labels(console, key):
    """What a coordinator checks first: per guide, the languages no native speaker read and the
    labels its SOURCES.md did not see on the live site (the published bundle and the drafts)."""
    coord = console.as_user("coord")
    empty = coord.get("/console/stappenplannen/nakijken")
    assert empty.status_code == 200 and "Geen stappenplannen gepubliceerd en geen concepten" in empty.text
    upload(coord, guide_zip())
    page = coord.get("/console/stappenplannen/nakijken").text
    assert NEW_TITLE in page and "concept" in page
    assert "Dari of Perzisch" in page and "Russisch" in page  # every text says reviewed_by_native_speaker = false
    assert "<code>Attesten en toelatingen</code>" in page and "<code>Aanmelden</code>" in page
    reviewed = guide_zip(rename="gids-nagelezen", reviewed=("ru",))
    upload(coord, reviewed)
    rows = coord.get("/console/stappenplannen/nakijken").text.split("<tr>")
    row = next(r for r in rows if "gids-nagelezen" in r)
    assert "Dari of Perzisch" in row and "Russisch" not in row
    draft = re.search(r'concept/([^"]+)">gids-nagelezen<', coord.get("/console/stappenplannen").text).group(1)
    assert console.as_user("admin").post(f"/console/stappenplannen/concept/{draft}/publiceren").status_code == 303
    published = coord.get("/console/stappenplannen/nakijken").text.split("<tr>")
    assert any("gids-nagelezen" in r and "versie 1" in r for r in published)
