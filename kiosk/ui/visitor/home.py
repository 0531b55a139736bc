"""Home screen for visitors: pick your language, then a large tile for what you came to do."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.settings import LANGUAGES
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.widgets import Tile, big_button, role_label, scroll_area


class HomeScreen(Screen):
    COLUMNS = 2

    def __init__(self, window):
        super().__init__(window)
        self._tiles: list[tuple[Tile, Callable[[], tuple[str, str]]]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.setSpacing(18)

        self.greeting = role_label("", "title")
        self.intro = role_label("", "muted")
        outer.addWidget(self.greeting)
        outer.addWidget(self.intro)

        self.language_row = QHBoxLayout()
        self.language_row.setSpacing(10)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, own_name in LANGUAGES.items():
            button = big_button(own_name)
            button.setCheckable(True)
            # The language's own name is what a visitor recognises, in any UI language.
            button.setAccessibleName(own_name)
            button.clicked.connect(lambda _=False, c=code: self.window_.prefs.set(language=c))
            self.language_buttons[code] = button
            self.language_row.addWidget(button)
        self.language_row.addStretch(1)
        outer.addLayout(self.language_row)

        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setSpacing(20)
        self.grid.setContentsMargins(0, 8, 0, 8)
        scroll = scroll_area(grid_host)
        outer.addWidget(scroll, 1)
        self.retranslate()

    def add_tile(self, icon: Path | None, texts: Callable[[], tuple[str, str]],
                 on_click: Callable[[], object]) -> Tile:
        """texts() returns (title, summary) in the current language; it is asked again on every
        language change."""
        tile = Tile(icon)
        tile.clicked.connect(lambda: on_click())
        index = len(self._tiles)
        self.grid.addWidget(tile, index // self.COLUMNS, index % self.COLUMNS)
        self._tiles.append((tile, texts))
        self.grid.setRowStretch(index // self.COLUMNS + 1, 1)  # tiles stay at the top
        tile.set_texts(*texts())
        return tile

    def replace_tiles(self, old: list[Tile], add: Callable[[], list[Tile]]) -> list[Tile]:
        """Put the tiles `add()` makes where `old` were (the guides changed: kiosk/ui/visitor/
        walkthrough.py); the other tiles keep their places."""
        first = next((i for i, (tile, _texts) in enumerate(self._tiles) if tile in old), len(self._tiles))
        for tile, _texts in self._tiles:
            self.grid.removeWidget(tile)
        kept = [entry for entry in self._tiles if entry[0] not in old]
        for tile in old:
            tile.deleteLater()
        self._tiles = kept[:first]
        new = add()
        self._tiles += kept[first:]
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for index, (tile, _texts) in enumerate(self._tiles):
            self.grid.addWidget(tile, index // self.COLUMNS, index % self.COLUMNS)
        self.grid.setRowStretch((len(self._tiles) - 1) // self.COLUMNS + 1, 1)
        return new

    def retranslate(self) -> None:
        self.greeting.setText(self.tr("Welkom. Waarmee kunnen we je helpen?"))
        self.intro.setText(self.tr("Kies eerst je taal. Tik daarna op een tegel. Alles is gratis."))
        for tile, texts in self._tiles:
            tile.set_texts(*texts())
        current = self.window_.prefs.language
        for code, button in self.language_buttons.items():
            button.setChecked(code == current)
