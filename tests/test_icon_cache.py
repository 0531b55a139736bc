"""The home screen's icons are rendered once and kept in the data directory (kiosk/ui/shared/icons.py):
a later start loads the very same pixels, and an icon that changed is rendered again."""
from __future__ import annotations

import os

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from kiosk.core.paths import resources_dir
from kiosk.ui.shared import icons

HAND = resources_dir() / "icons" / "hand-up.svg"


def _kept(data_dir):
    return sorted((data_dir / icons.CACHE_DIR).glob("*.pixels"))


def test_an_icon_is_rendered_once_loaded_identical_and_rendered_again_when_it_changes(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(icons, "_folder", None)
    rendered = QIcon(str(HAND)).pixmap(QSize(56, 56)).toImage()
    icons.cache_in(tmp_path)
    first = icons.icon_pixmap(HAND, 56)
    [kept] = _kept(tmp_path)
    assert first.toImage() == rendered
    calls = []
    render = icons._render
    monkeypatch.setattr(icons, "_render", lambda svg, size: calls.append(svg) or render(svg, size))
    again = icons.icon_pixmap(HAND, 56)  # a later start: from the file, not rendered
    assert calls == [] and again.toImage() == rendered and again.devicePixelRatio() == first.devicePixelRatio()

    # A changed icon (an update, a guide bundle) is another file: rendered and kept beside the old one.
    changed = tmp_path / "hand-up.svg"
    changed.write_text(HAND.read_text(encoding="utf-8").replace("</svg>", "<circle r='3'/></svg>"), encoding="utf-8")
    assert icons.icon_pixmap(changed, 56).toImage() == QIcon(str(changed)).pixmap(QSize(56, 56)).toImage()
    assert calls == [changed] and len(_kept(tmp_path)) == 2

    # A damaged file is not trusted: the icon is rendered again and the file written anew.
    kept.write_bytes(kept.read_bytes()[:100])
    assert icons.icon_pixmap(HAND, 56).toImage() == rendered
    assert calls == [changed, HAND] and kept.stat().st_size > 100
    monkeypatch.setattr(icons, "_folder", None)


def test_the_cache_keeps_only_the_newest_icons(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(icons, "_folder", None)
    monkeypatch.setattr(icons, "MAX_KEPT", 3)
    folder = tmp_path / icons.CACHE_DIR
    folder.mkdir()
    for age in range(4):  # icons of old bundles, oldest last
        old = folder / f"{age:032x}-56-1.pixels"
        old.write_bytes(b"x")
        os.utime(old, ns=(1_000_000_000 * (100 - age),) * 2)
    icons.cache_in(tmp_path)
    icons.icon_pixmap(HAND, 56)  # a new icon: written, and the oldest beyond 3 go
    assert [file.name[:32] for file in _kept(tmp_path) if file.name.startswith("0")] == [f"{0:032x}", f"{1:032x}"]
    assert len(_kept(tmp_path)) == 3
    monkeypatch.setattr(icons, "_folder", None)
