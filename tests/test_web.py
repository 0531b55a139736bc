"""The browser's rules without Qt (kiosk/core/web.py)."""
from __future__ import annotations

from kiosk.core import web


def test_typed_addresses():
    assert web.web_address("vlaanderen.be") == "https://vlaanderen.be"
    assert web.web_address(" https://www.leuven.be/e-loket ") == "https://www.leuven.be/e-loket"
    assert web.web_address("http://127.0.0.1:8000/x") == "http://127.0.0.1:8000/x"
    for refused in ("", "belastingen aangifte", "itsme", "file:///etc/passwd", "javascript:alert(1)",
                    "https://", "https://vlaanderen.be:poort/", "ftp://files.example.org/"):
        assert web.web_address(refused) is None, refused


def test_a_page_opens_web_addresses_and_only_this_sessions_files(tmp_path):
    folder = tmp_path / "session-1"
    folder.mkdir()
    for scheme in ("http", "https", "data", "blob", "about"):
        assert web.may_open(scheme, "", None)
    for scheme in ("chrome", "view-source", "javascript", "ftp"):
        assert not web.may_open(scheme, "", folder)
    assert web.may_open("file", str(folder / "attest.pdf"), folder)
    assert not web.may_open("file", str(folder / "attest.pdf"), None)  # no session folder yet
    assert not web.may_open("file", "/etc/passwd", folder)
    assert not web.may_open("file", str(folder / ".." / "elders.pdf"), folder)  # no way out by ..


def test_official_mark_and_site_name(runtime):
    settings, walkthroughs = runtime.settings, runtime.content.walkthroughs
    assert web.is_official_site("https", "www.burgerprofiel.be", settings, walkthroughs)  # a walkthrough's
    assert web.is_official_site("https", "stad.leuven.be", settings, walkthroughs)  # the e-loket's city
    assert not web.is_official_site("http", "www.vlaanderen.be", settings, walkthroughs)  # not over https
    assert not web.is_official_site("https", "burgerprofiel.be.example.org", settings, walkthroughs)
    # MyMinfin and Tax-on-web live under minfin.fgov.be, their log-in under belgium.be.
    for host in ("eservices.minfin.fgov.be", "www.myminfin.be", "idp.iamfas.belgium.be"):
        assert web.is_official_site("https", host, settings, walkthroughs), host
    # itsme is a company: not official, but its own site is named, calmly.
    assert not web.is_official_site("https", "www.itsme-id.com", settings, walkthroughs)
    assert web.company_site("https", "www.itsme-id.com", walkthroughs) == "itsme"
    assert web.company_site("https", "itsme-id.com.example.org", walkthroughs) is None
    assert web.company_site("http", "www.itsme-id.com", walkthroughs) is None
    assert web.site_name("https", "www.burgerprofiel.be", "") == "burgerprofiel.be"
    assert web.site_name("file", "", "/tmp/session-1/attest.pdf") == "attest.pdf"
    assert web.site_name("about", "", "") == ""


def test_failed_loads_and_the_browsers_language():
    assert web.failure("connection", -105, True) == web.OFFLINE  # name not resolved
    assert web.failure("other", -312, True) == web.OFFLINE  # any Chromium error page
    assert web.failure("http-status", 404, False) == web.NOT_FOUND
    assert web.failure("http-status", 410, False) == web.NOT_FOUND
    assert web.failure("http-status", 403, False) == web.NOT_ALLOWED
    assert web.failure("http-status", 500, False) is None  # the site's own page stays
    assert web.failure("other", -3, False) is None  # a load replaced by the next one
    assert web.accept_language("nl") == "nl"
    assert web.accept_language("uk") == "uk,nl;q=0.8"
    assert web.accept_language("fa") == "fa-AF,fa;q=0.9,nl;q=0.8"  # Dari: Afghan usage first
