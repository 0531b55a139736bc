"""Practice mode ("Oefenen"), without Qt: the kiosk's own practice pages under the `oefen:` scheme.

A guide's practice pages live in its folder (`practice/`, checked by `sync/content_format.py`) and
are served by the kiosk itself (`kiosk/ui/visitor/practice.py`, a QtWebEngine scheme handler): no
socket, no port, no network. `oefen://<guide id>/<page>` is a file of that guide's practice folder.
Every page gets the kiosk's mark "Oefening — geen echte website" at the top of its body and a
Content-Security-Policy that keeps forms, images and scripts inside the kiosk; a form's submit is
answered with the next page and its body is never read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content import Walkthrough
from sync.content_format import PRACTICE_DIR
from sync.markup import escape

SCHEME = "oefen"
MARK_NL = "Oefening — geen echte website"

CONTENT_TYPES = {".html": "text/html;charset=utf-8", ".css": "text/css;charset=utf-8",
                 ".svg": "image/svg+xml", ".png": "image/png"}

# Nothing leaves the kiosk: no script, forms only to the practice pages, no fetch, no outside image.
POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'none'; "
          "connect-src 'none'; form-action 'self'; base-uri 'none'; frame-src 'none'; object-src 'none'")

# The mark's look: first in the page and sticking to its top while the page scrolls, over the rest.
MARK_STYLE = """
.kiosk-oefen{position:sticky;top:0;z-index:2147483647;display:flex;flex-wrap:wrap;
gap:4px 18px;justify-content:center;align-items:center;padding:8px 16px;background:#ffd43b;color:#1a1a1a;
border-bottom:3px solid #1a1a1a;font:bold 18px/1.3 sans-serif;text-align:center}
.kiosk-oefen span{white-space:normal}
"""


def url(guide_id: str, page: str) -> str:
    return f"{SCHEME}://{guide_id}/{page}"


def page_of(host: str, path: str) -> tuple[str, str] | None:
    """(guide id, page name) of a practice address's host and path, or None."""
    name = path.removeprefix("/")
    if not host or not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name) or ".." in name:
        return None
    return host, name


def file_for(host: str, path: str, walkthroughs: list[Walkthrough]) -> Path | None:
    """The practice file an `oefen:` address names: a plain file of that guide's practice folder
    with a known type, or None (the scheme handler then answers "not found")."""
    found = page_of(host, path)
    if found is None:
        return None
    guide_id, name = found
    wt = next((w for w in walkthroughs if w.id == guide_id), None)
    if wt is None:
        return None
    folder = (wt.root / PRACTICE_DIR).resolve()
    file = (folder / name).resolve()
    if file.parent != folder or file.suffix not in CONTENT_TYPES or not file.is_file():
        return None
    return file


@dataclass(frozen=True)
class Mark:
    """The mark's text in the visitor's language (`text`, `language`) beside the Dutch."""

    text: str
    language: str
    rtl: bool

    def html(self) -> str:
        parts = [f'<span lang="nl" dir="ltr">{escape(MARK_NL)}</span>']
        if self.language != "nl" and self.text != MARK_NL:
            direction = "rtl" if self.rtl else "ltr"
            parts.append(f'<span lang="{escape(self.language)}" dir="{direction}">{escape(self.text)}</span>')
        return f'<div class="kiosk-oefen" role="note">{"".join(parts)}</div>'


def marked_page(page: bytes, mark: Mark) -> bytes:
    """A practice page as the kiosk serves it: the policy and the mark's style first in <head>,
    the mark first in <body>."""
    text = page.decode("utf-8", errors="replace")
    head = (f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f"<style>{MARK_STYLE}</style>")
    text, heads = re.subn(r"<head(\s[^>]*)?>", lambda m: m.group(0) + head, text, count=1, flags=re.IGNORECASE)
    text, bodies = re.subn(r"<body(\s[^>]*)?>", lambda m: m.group(0) + mark.html(), text, count=1,
                           flags=re.IGNORECASE)
    if not heads or not bodies:  # not a page the content check let through: policy and mark anyway
        text = head + mark.html() + text
    return text.encode("utf-8")
