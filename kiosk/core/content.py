"""Walkthrough content on the kiosk. The folder format, its loader and checks and the body markup
live in `sync/content_format.py` (shared with the server's publishing); this module adds what only
the kiosk does with guides: which sites get the "officiële website" mark or a company's name.
"""
from __future__ import annotations

import hashlib
from urllib.parse import urlparse

from sync.content_format import MASTER_LANGUAGE as MASTER_LANGUAGE
from sync.content_format import ContentReport as ContentReport
from sync.content_format import LocalisedStep as LocalisedStep
from sync.content_format import Walkthrough as Walkthrough
from sync.content_format import body_plain_text as body_plain_text
from sync.content_format import labels as labels
from sync.content_format import load_walkthroughs as load_walkthroughs
from sync.content_format import render_body_html as render_body_html


def is_official(url_host: str | None, domains: list[str]) -> bool:
    """True when host is one of the domains or a subdomain of one."""
    if not url_host:
        return False
    host = url_host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def official_domains(configured: list[str], eloket_url: str, walkthroughs: list[Walkthrough]) -> list[str]:
    """Every domain that gets the "officiële website" mark: the installation's list, each
    walkthrough's domains, and the host of this city's configured e-loket."""
    domains = {*configured, *(d for wt in walkthroughs for d in wt.meta.official_domains)}
    host = urlparse(eloket_url).hostname
    if host:
        domains.add(host.removeprefix("www."))
    return sorted(domains)


def company_site(url_host: str | None, walkthroughs: list[Walkthrough]) -> str | None:
    """The company whose own site this is (a walkthrough's company_sites), or None."""
    for wt in walkthroughs:
        for domain, name in wt.meta.company_sites.items():
            if is_official(url_host, [domain]):
                return name
    return None


def content_version(walkthroughs: list[Walkthrough]) -> str:
    """A fingerprint of the guides in use when no signed bundle is installed (the installer's
    guides), for the kiosk's status report: "sha256:" and 12 hex digits over every file of every
    loaded guide, path and bytes. Kiosks with the same guides report the same value."""
    digest = hashlib.sha256()
    for wt in sorted(walkthroughs, key=lambda w: w.id):
        for path in sorted(p for p in wt.root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(wt.root.parent).as_posix().encode() + b"\0")
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:  # gone or unreadable since start-up: still a value, and a different one
                digest.update(b"unreadable")
    return f"sha256:{digest.hexdigest()[:12]}"
