"""Practice mode ("Oefenen"): the guides' practice pages, served by the kiosk itself under `oefen:`,
in the real browser screen with real QtWebEngine pages; a real local web server stands for
"outside the kiosk" and fails the test if anything reaches it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl

from kiosk.core import practice, web
from kiosk.core.content import load_walkthroughs
from kiosk.core.paths import resources_dir
from kiosk.ui.visitor import practice as practice_ui  # registers `oefen:` at collection, before any page
from tests.websupport import LocalSite

CONTENT = resources_dir() / "walkthroughs"
PRACTISED = ("itsme", "taxonweb", "email")


class Outside(LocalSite):
    """Anything that reaches this server left the kiosk."""

    def __init__(self):
        self.hits: list[str] = []
        super().__init__()

    def answer(self, request):
        self.hits.append(request.path)
        return self.send(request, b"<html><body>buiten</body></html>", "text/html")


def copy_guides(tmp_path: Path, *ids: str) -> Path:
    root = tmp_path / "walkthroughs"
    for guide in ids:
        shutil.copytree(CONTENT / guide, root / guide)
    return root


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.content", "check", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


# --- the format and the rules, without Qt -------------------------------------------------------
def test_the_bundled_guides_have_practice_pages_for_itsme_taxonweb_and_email():
    report = load_walkthroughs(CONTENT)
    assert report.errors == []
    practised = {wt.id for wt in report.walkthroughs if wt.has_practice}
    assert set(PRACTISED) <= practised
    for wt in report.walkthroughs:
        for step in wt.meta.steps:
            if step.practice:
                assert (wt.root / "practice" / step.practice).is_file()
    taxonweb = next(wt for wt in report.walkthroughs if wt.id == "taxonweb")
    assert taxonweb.practice_page(4) == "proposal.html"  # the question shows the page before it
    assert taxonweb.practice_step("taxonweb.html", 4) == 5  # "Aanpassen": the step after it
    assert taxonweb.real_start("https://stad.be/e-loket") == (0, "https://www.myminfin.be")


def test_the_check_refuses_practice_pages_that_reach_outside_or_are_missing(tmp_path):
    root = copy_guides(tmp_path, "email")
    assert check(root).returncode == 0
    pages = root / "email" / "practice"
    (pages / "write.html").write_text((pages / "write.html").read_text().replace(
        'action="attach.html"', 'action="https://mail.example.org/send"'))
    (pages / "inbox.html").write_text((pages / "inbox.html").read_text().replace(
        'href="message.html"', 'href="../../itsme/practice/start.html"'))
    (pages / "style.css").write_text("body{background:url(//tracker.example.org/x.png)}")
    (pages / "sent.html").write_text("<p>no head, no body</p>")
    (pages / "login.html").unlink()  # start.html links to it
    (pages / "account.html").unlink()  # a step names it
    result = check(root)
    assert result.returncode == 1
    for expected in ("niet naar 'https://mail.example.org/send'", "niet naar '../../itsme/practice/start.html'",
                     "style.css: Een oefenpagina linkt alleen naar bestanden in haar eigen map practice/, niet "
                     "naar '//tracker.example.org/x.png'", "sent.html: Een oefenpagina heeft een <head> en een <body>",
                     "start.html: 'login.html' bestaat niet in de map practice/",
                     "walkthrough.toml [account]: De oefenpagina practice/account.html ontbreekt"):
        assert expected in result.stderr, expected
    (root / "email" / "walkthrough.toml").write_text((root / "email" / "walkthrough.toml").read_text().replace(
        'practice = "start.html"', 'practice = "../secret.html"'))
    assert "'../secret.html' is geen geldige naam voor een oefenpagina" in check(root).stderr


def test_practice_files_come_only_from_the_guides_practice_folder_and_carry_the_mark():
    guides = load_walkthroughs(CONTENT).walkthroughs
    assert practice.file_for("taxonweb", "/start.html", guides) == CONTENT / "taxonweb" / "practice" / "start.html"
    for host, path in (("taxonweb", "/../walkthrough.toml"), ("taxonweb", "/%2e%2e/walkthrough.toml"),
                       ("taxonweb", "/text/nl.toml"), ("eloket", "/start.html"), ("nobody", "/start.html"),
                       ("taxonweb", "/missing.html"), ("taxonweb", "/")):
        assert practice.file_for(host, path, guides) is None, (host, path)
    page = practice.marked_page(b"<html><head><title>t</title></head><body class='x'><p>hoi</p></body></html>",
                                practice.Mark("تمرين", "ar", rtl=True))
    text = page.decode()
    assert text.index("Content-Security-Policy") < text.index("<title>")
    assert "form-action 'self'" in text and "connect-src 'none'" in text and "script-src 'none'" in text
    assert text.index('<div class="kiosk-oefen"') > text.index("<body class='x'>") and practice.MARK_NL in text
    assert '<span lang="ar" dir="rtl">تمرين</span>' in text
    # A practice page's own links and forms stay inside; the visitor's own address and Terug do not.
    assert not web.may_open("https", "", None, from_scheme="oefen", by_page=True)
    assert web.may_open("oefen", "", None, from_scheme="oefen", by_page=True)
    assert web.may_open("https", "", None, from_scheme="oefen", by_page=False)
    assert not web.may_open("file", "/etc/passwd", None, from_scheme="oefen", by_page=False)


# --- in the real browser ------------------------------------------------------------------------
def wait_for_page(qtbot, tab, name: str) -> None:
    qtbot.waitUntil(lambda: tab.url().path() == f"/{name}" and not tab.page().isLoading(), timeout=20_000)


def run_js(qtbot, tab, script: str):
    with qtbot.waitCallback(timeout=10_000) as callback:
        tab.page().runJavaScript(script, 0, callback)
    return callback.args[0]


def test_practice_beside_its_guide_without_the_official_mark_and_nothing_leaves(window, qtbot):
    outside = Outside()
    try:
        browser = window.browser
        window.prefs.set(language="ar")
        window.walkthroughs.open("taxonweb")
        view = window.walkthroughs.view
        assert view.practice_button.isVisible()  # the guide's start offers "Oefenen"
        qtbot.mouseClick(view.practice_button, Qt.MouseButton.LeftButton)
        assert window.current_screen_name() == "browser"
        tab = browser.current_tab()
        wait_for_page(qtbot, tab, "start.html")
        assert tab.url().scheme() == "oefen" and tab.url().host() == "taxonweb"
        # taxonweb's domains are official; the kiosk's practice page never gets that mark.
        assert not browser.is_official(tab.url()) and browser.official_mark.isVisible()
        official = QCoreApplication.translate("BrowserScreen", "✓ Officiële website")
        assert browser.official_mark.text() == QCoreApplication.translate("BrowserScreen", "Oefening") != official
        assert browser.site_label.text() == "" and browser.address.text() == ""
        mark = run_js(qtbot, tab, "document.querySelector('.kiosk-oefen').innerText")
        assert practice.MARK_NL in mark and practice_ui.mark_text() in mark
        assert practice_ui.mark_text() != practice.MARK_NL  # in Arabic beside the Dutch

        guide = browser.guide
        assert guide.is_shown() and guide.practising and guide.view.walkthrough.id == "taxonweb"
        assert not guide.view.website_button.isVisible()  # practising, not the real site
        guide.view.next()  # the guide's next step brings its practice page
        wait_for_page(qtbot, tab, "home.html")
        assert guide.view.index == 1
        run_js(qtbot, tab, "document.querySelector('a[href=\"proposal.html\"]').click()")
        wait_for_page(qtbot, tab, "proposal.html")  # and the page the visitor reached moves the guide
        assert guide.view.index == 2
        assert browser.official_mark.text() != official

        # Typed into a practice form and sent: the kiosk answers, nothing reaches the outside.
        tab.load(QUrl(practice.url("taxonweb", "taxonweb.html")))
        wait_for_page(qtbot, tab, "taxonweb.html")
        assert guide.view.index == 5
        with qtbot.waitSignal(browser.practice.pages.submitted, timeout=20_000) as sent:
            run_js(qtbot, tab, "document.getElementById('kids').value = '3'; document.forms[0].submit(); 1")
        assert sent.args == ["/calc.html"]
        wait_for_page(qtbot, tab, "calc.html")
        assert tab.url().query() == ""  # the typed value is in no address either
        # A page that tries anyway: a form to the outside, a fetch, an image, a link.
        tab.load(QUrl(practice.url("taxonweb", "taxonweb.html")))
        wait_for_page(qtbot, tab, "taxonweb.html")
        escape = outside.url("/stolen")
        run_js(qtbot, tab, f"""fetch('{escape}?f=1').catch(() => 0);
            new Image().src = '{escape}?i=1';
            const form = document.forms[0]; form.action = '{escape}'; form.method = 'get'; form.submit(); 1""")
        qtbot.wait(1500)
        run_js(qtbot, tab, f"location.href = '{escape}?l=1'; 1")
        qtbot.wait(1500)
        assert outside.hits == [] and tab.url().scheme() == "oefen"
        browser.address.setText(outside.url("/typed"))  # the visitor leaves practising themselves
        browser.address.returnPressed.emit()
        qtbot.waitUntil(lambda: "/typed" in outside.hits and not browser.practice.active, timeout=20_000)
        assert not [hit for hit in outside.hits if hit.startswith("/stolen")]
        assert not guide.practising and guide.view.index == 5
        browser.open_practice("taxonweb", 5)
        wait_for_page(qtbot, tab, "taxonweb.html")

        # The end of practising: "Nu echt doen?" opens the real site with the same guide.
        guide.view.show_step(7)  # "sign", then "logout": the end
        wait_for_page(qtbot, tab, "sign.html")
        guide.view.next()
        wait_for_page(qtbot, tab, "sent.html")
        guide.view.next()
        assert guide.practice_end.isVisible() and not guide.view.isVisible()
        qtbot.mouseClick(guide.real_button, Qt.MouseButton.LeftButton)
        assert tab.page().requestedUrl().toString().startswith("https://www.myminfin.be")
        assert not browser.practice.active and not guide.practising
        assert guide.view.isVisible() and guide.view.index == 0 and guide.view.walkthrough.id == "taxonweb"
        assert guide.view.website_button.isVisible()  # beside the real site: the real buttons again
    finally:
        outside.close()


def test_the_reset_wipes_what_was_typed_while_practising(window, qtbot):
    browser = window.browser
    browser.open_practice("email", 1)
    tab = browser.current_tab()
    wait_for_page(qtbot, tab, "account.html")
    run_js(qtbot, tab, "document.getElementById('first').value = 'Fatima'; 1")
    assert run_js(qtbot, tab, "document.getElementById('first').value") == "Fatima"  # the test would see it
    tab.load(QUrl(practice.url("email", "write.html")))
    wait_for_page(qtbot, tab, "write.html")
    assert tab.history().count() == 2 and browser.practice.active
    assert run_js(qtbot, tab, "document.querySelectorAll('.kiosk-oefen span').length") == 1  # Dutch only
    window.prefs.set(language="uk")  # the mark follows the visitor's language at once
    shown = "(document.querySelector('.kiosk-oefen') || {innerText: ''}).innerText"
    qtbot.waitUntil(lambda: (run_js(qtbot, tab, shown) or "").endswith(practice_ui.mark_text()), timeout=20_000)
    assert practice_ui.mark_text() != practice.MARK_NL

    window.reset_visitor_session()

    assert browser.tabs.count() == 0 and not browser.practice.active and browser.guide.view is None
    browser.open_practice("email", 1)
    fresh = browser.current_tab()
    wait_for_page(qtbot, fresh, "account.html")
    assert run_js(qtbot, fresh, "document.getElementById('first').value") == ""
    assert fresh.history().count() == 1 and not browser.back_button.isEnabled()
    assert browser.guide.view.index == 1 and browser.guide.view.history == []
