"""Visitor themes (colour palettes in resources/themes/*.json) and WCAG contrast arithmetic."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kiosk.core.paths import resources_dir

THEMES = {"default": "default.json", "high-contrast": "high-contrast.json"}
# Foreground/background pairs that carry text on visitor screens.
TEXT_PAIRS = (
    ("text", "window"), ("text", "surface"), ("muted_text", "surface"), ("muted_text", "window"),
    ("accent_text", "accent"), ("button_text", "button"), ("danger_text", "danger"),
    ("help_text", "help"),
    ("label_text", "label_bg"),
)
# Base font size in px per visitor text-size setting; headings scale from it.
FONT_PX = {"normal": 20, "large": 26, "extra-large": 34}


@cache
def palette(theme: str, root: Path | None = None) -> dict[str, str]:
    path = (root or resources_dir() / "themes") / THEMES[theme]
    colours: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return colours


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0."""
    lighter, darker = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
