"""The browser's home tile and its lazily built screen. Kept apart from kiosk/ui/visitor/browser.py so
that start-up does not load QtWebEngine (measured: a quarter of a second and ~30 MiB) for visitors
who never open the internet."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from kiosk.core.paths import resources_dir
from kiosk.ui.shared.screen import KioskWindow

ICON = resources_dir() / "icons" / "internet.svg"


def tile_texts() -> tuple[str, str]:
    # Translation context "BrowserScreen": the texts belong to the browser screen in the .ts files.
    return (QCoreApplication.translate("BrowserScreen", "Internet"),
            QCoreApplication.translate("BrowserScreen",
                                       "Surf op het internet. Als je stopt, wissen we alles wat je deed."))


def install(window: KioskWindow) -> None:
    window.screens.register("browser", "kiosk.ui.visitor.browser", "BrowserScreen")
    tile = window.home.add_tile(ICON, tile_texts, lambda: window.show_screen("browser"))
    # A head start: the press builds the screen and starts the start page (Chromium's start is most
    # of a first open) while the finger is still down; the release then only shows it. On the next
    # turn of the event loop, so that the tile is drawn pressed first.
    tile.pressed.connect(lambda: QTimer.singleShot(0, tile, lambda: window.browser.prepare()))
