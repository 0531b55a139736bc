"""The built-in browser's rules, without Qt: what a typed address means, which addresses a page
may open, which sites get the "officiële website" mark, how a site is named above the page, which
failed loads get the kiosk's own page instead of Chromium's, and the browser's language.

The browser screen (kiosk/ui/visitor/browser.py) hands in a URL's parts as Qt parsed them.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from kiosk.core import content, practice
from kiosk.core.content import Walkthrough, is_official, official_domains
from kiosk.core.settings import LOCALES, Settings

# Web pages and what they make themselves; never file:, chrome:, view-source: or javascript:.
WEB_SCHEMES = frozenset({"http", "https", "data", "blob", "about"})


def web_address(text: str) -> str | None:
    """What the visitor typed in the address bar as a web address, or None (there is no search):
    "vlaanderen.be" becomes "https://vlaanderen.be"; words, or a name without a dot, are refused."""
    text = text.strip()
    if not text or " " in text:
        return None
    if "://" not in text:
        if "." not in text:
            return None
        text = "https://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def may_open(scheme: str, local_file: str, session_folder: Path | None, from_scheme: str = "",
             by_page: bool = False) -> bool:
    """A web address, the kiosk's practice pages, or a file of this visitor session's own download
    folder (none without one). A practice page's own links and forms (`by_page`, from `from_scheme`)
    lead only to practice pages: what a visitor types there never leaves the kiosk."""
    if from_scheme == practice.SCHEME and by_page:
        return scheme == practice.SCHEME
    if scheme in WEB_SCHEMES or scheme == practice.SCHEME:
        return True
    if scheme == "file" and session_folder is not None:
        return Path(local_file).resolve().is_relative_to(session_folder.resolve())
    return False


def is_official_site(scheme: str, host: str, settings: Settings, walkthroughs: list[Walkthrough]) -> bool:
    """The installation's official domains, the walkthroughs' and the e-loket's host, over https only."""
    domains = official_domains(settings.official_domains, settings.eloket_url, walkthroughs)
    return scheme == "https" and is_official(host, domains)


def company_site(scheme: str, host: str, walkthroughs: list[Walkthrough]) -> str | None:
    """The company whose own site this is ("itsme"), over https only; it gets a calm mark that
    names the company, never the official one."""
    return content.company_site(host, walkthroughs) if scheme == "https" else None


def site_name(scheme: str, host: str, local_file: str) -> str:
    """What the strip above the page says: the host without "www.", or a downloaded file's name."""
    if scheme in ("http", "https"):
        return host.removeprefix("www.")
    if scheme == "file":
        return Path(local_file).name
    return ""


# A failed load the visitor sees as a kiosk page in their language, never as Chromium's error page.
OFFLINE, NOT_FOUND, NOT_ALLOWED = "offline", "not-found", "not-allowed"


def failure(domain: str, code: int, chromium_error_page: bool) -> str | None:
    """What went wrong with a page load, as the kiosk tells it, or None (the site's own page stays).

    domain: "connection" (no connection, name not resolved, refused...), "http-status" (the site
    answered with this status code), or anything else Qt reports."""
    if domain == "http-status":
        if code in (404, 410):
            return NOT_FOUND
        if code in (401, 403):
            return NOT_ALLOWED
        return None
    if domain == "connection" or chromium_error_page:
        return OFFLINE
    return None


def accept_language(language: str) -> str:
    """The Accept-Language websites get: the visitor's language first, Dutch (the official text of
    Flemish sites) after it. A language with a region (Dari: fa-AF) names it first, then the bare code."""
    if language == "nl":
        return language
    region = LOCALES.get(language, "").replace("_", "-")
    return f"{region},{language};q=0.9,nl;q=0.8" if region else f"{language},nl;q=0.8"
