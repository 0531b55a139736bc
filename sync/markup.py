"""HTML escaping for the texts shown as rich text (guide steps, labels, printouts).

`html.escape` does the same, but importing the `html` package loads `html.entities` (2,231 entity
names, for `html.unescape`, which nothing here uses): 0.4 MiB at every kiosk start."""
from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """As `html.escape`: &, < and > always; " and ' too when `quote`."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
