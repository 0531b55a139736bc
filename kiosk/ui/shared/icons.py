"""The home screen's SVG icons, rasterised once and kept in the data directory.

Rendering an SVG loads Qt's SVG icon engine and QtSvg (about 2 MiB and 10-20 ms of a start, for
14 tile icons and the call banner's hand). `icon_pixmap` renders an icon the first time exactly as
before (`QIcon(svg).pixmap(size)`) and keeps the pixels as they are (premultiplied ARGB, so that
loading them gives the very same pixmap; a PNG's round trip would not); later starts load them.
The file's name is the SVG's SHA-256 with the size and device pixel ratio: a changed icon (a new
guide bundle, an update) is a new file, so it is rendered again. A cache that cannot be read or
written only costs the rendering.
"""
from __future__ import annotations

import hashlib
import logging
import os
import struct
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap

log = logging.getLogger(__name__)

CACHE_DIR = "icon-cache"  # in the data directory
MAX_KEPT = 200  # the 15 icons of many guide bundles and updates; beyond it the oldest go (about 30 KB each)
_HEADER = struct.Struct("<4sIIIId")  # magic, width, height, bytes per line, QImage format, device pixel ratio
_MAGIC = b"DPI1"
_folder: Path | None = None


def cache_in(data_dir: Path) -> None:
    """Keep rendered icons under data_dir (the main window sets it; without it nothing is kept)."""
    global _folder
    _folder = data_dir / CACHE_DIR


def icon_pixmap(svg: Path, size: int) -> QPixmap:
    """The icon at size x size logical pixels, at the application's device pixel ratio, as
    `QIcon(str(svg)).pixmap(QSize(size, size))` renders it."""
    if _folder is None:
        return _render(svg, size)
    ratio = cast(QGuiApplication, QGuiApplication.instance()).devicePixelRatio()  # what QIcon.pixmap uses
    try:
        digest = hashlib.sha256(svg.read_bytes()).hexdigest()[:32]
    except OSError:
        return _render(svg, size)
    path = _folder / f"{digest}-{size}-{ratio:g}.pixels"
    pixmap = _load(path)
    if pixmap is None:
        pixmap = _render(svg, size)
        _save(path, pixmap)
    return pixmap


def _render(svg: Path, size: int) -> QPixmap:
    return QIcon(str(svg)).pixmap(QSize(size, size))


def _load(path: Path) -> QPixmap | None:
    try:
        data = path.read_bytes()
        magic, width, height, per_line, fmt, ratio = _HEADER.unpack_from(data)
        pixels = data[_HEADER.size:]
        if magic != _MAGIC or len(pixels) != per_line * height:
            return None
        image = QImage(pixels, width, height, per_line, QImage.Format(fmt)).copy()  # owns its pixels
    except (OSError, struct.error, ValueError):
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _save(path: Path, pixmap: QPixmap) -> None:
    image = pixmap.toImage()
    header = _HEADER.pack(_MAGIC, image.width(), image.height(), image.bytesPerLine(), image.format().value,
                          pixmap.devicePixelRatio())
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(header + bytes(image.constBits()))  # type: ignore[call-overload]
        tmp.replace(path)  # whole or not at all: a start that reads it never sees half an icon
        _prune(path.parent)
    except OSError as exc:
        log.info("icon not cached (%s): %s", path.name, exc)
        tmp.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Only a new icon adds a file (an update, a guide bundle, another screen scale): keep the newest
    MAX_KEPT, so that years of bundles do not fill the data directory."""
    kept = sorted(folder.glob("*.pixels"), key=lambda file: file.stat().st_mtime_ns, reverse=True)
    for old in kept[MAX_KEPT:]:
        old.unlink(missing_ok=True)
