"""The built-in browser with the walkthrough guide docked beside a stand-in e-loket page, and beside
the kiosk's own practice pages ("Oefenen")."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from tools.screenshots.common import WORST_CASE_LANGUAGES, grab, wait

# A stand-in for a city e-loket (screenshots run without internet); it says it is one.
STAND_IN_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>E-loket (voorbeeld)</title>
<style>body{font-family:sans-serif;margin:0;color:#1a1a1a} header{background:#c8102e;color:#fff;padding:18px 32px;
display:flex;justify-content:space-between;align-items:center} header b{font-size:26px}
.login{background:#fff;color:#c8102e;padding:10px 18px;border-radius:4px;font-weight:bold}
main{padding:24px 32px} h1{font-size:30px} .card{border:1px solid #ccc;border-radius:6px;padding:16px;margin:12px 0}
.btn{display:inline-block;background:#1d4e89;color:#fff;padding:10px 16px;border-radius:4px;margin-top:8px}
small{color:#666}</style></head><body>
<header><b>Stad &middot; E-loket</b><span class="login">Aanmelden</span></header>
<main><small>Voorbeeldpagina voor schermafdrukken, geen echte website.</small>
<h1>Uittreksel uit het bevolkingsregister</h1>
<div class="card">Een uittreksel toont waar je woont. Het is gratis.<br><span class="btn">Online aanvragen</span></div>
<div class="card">Samenstelling van het gezin<br><span class="btn">Online aanvragen</span></div>
</main></body></html>"""


def render(window, outdir: Path) -> list[Path]:
    browser = window.browser
    tab = browser.open("about:blank", ("eloket", 1))
    tab.page().setHtml(STAND_IN_PAGE, QUrl(window.runtime.settings.eloket_url))
    wait(1000, tab.page().loadFinished)
    written = [grab(window, outdir / "browser-with-guide-nl.png")]
    browser.guide.set_shown(False)
    written.append(grab(window, outdir / "browser-guide-hidden-nl.png"))
    browser.guide.set_shown(True)
    window.prefs.set(language="ar")
    written.append(grab(window, outdir / "browser-with-guide-ar.png"))
    window.prefs.set(language="nl", text_size="extra-large", high_contrast=True)
    wait(1000)
    written.append(grab(window, outdir / "browser-with-guide-nl-high-contrast-extra-large.png"))
    for lang in WORST_CASE_LANGUAGES:
        window.prefs.set(language=lang, text_size="extra-large", high_contrast=lang == "ar")
        written.append(grab(window, outdir / f"browser-with-guide-{lang}-extra-large.png"))
    window.prefs.set(language="uk", text_size="extra-large", high_contrast=False)
    tab.load(QUrl("https://www.digipunt-screenshot.invalid/"))  # never resolves: the kiosk's own page
    wait(500, tab.page().loadFinished)
    written.append(grab(window, outdir / "browser-no-connection-uk-extra-large.png"))
    window.reset_visitor_session()
    return written


def render_practice(window, outdir: Path) -> list[Path]:
    """A practice page with its guide docked (Dutch and Arabic, normal and A++), the guide's
    "Oefenen" on its first step, and the end of practising: "Nu echt doen?"."""
    written = []
    for lang in ("nl", "ar"):
        for size in ("normal", "extra-large"):
            window.prefs.set(language=lang, text_size=size)
            window.walkthroughs.open("taxonweb")
            if size == "extra-large":
                written.append(grab(window, outdir / f"practice-offered-{lang}-{size}.png"))
            window.browser.open_practice("taxonweb", 2)
            wait(1500, window.browser.current_tab().page().loadFinished)
            written.append(grab(window, outdir / f"practice-taxonweb-{lang}-{size}.png"))
            window.browser.open_practice("itsme", 4)
            wait(1500, window.browser.current_tab().page().loadFinished)
            written.append(grab(window, outdir / f"practice-itsme-{lang}-{size}.png"))
            window.browser.open_practice("email", 3)
            wait(1500, window.browser.current_tab().page().loadFinished)
            written.append(grab(window, outdir / f"practice-email-{lang}-{size}.png"))
            window.browser.guide.view.show_step(8)  # the last step, then "Klaar"
            window.browser.guide.view.next()
            wait(800)
            written.append(grab(window, outdir / f"practice-end-{lang}-{size}.png"))
    window.reset_visitor_session()
    return written
