"""Home screen for visitors: pick your language, then a large tile for what you came to do. Between
the two, the location's spreekuur or digibus stops and its notices (home_info.py), never taking the
first row of tiles below the fold."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.settings import LANGUAGES
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.widgets import Tile, big_button, role_label, scroll_area
from kiosk.ui.visitor.home_info import HomeInfoArea


class HomeScreen(Screen):
    COLUMNS = 2
    MARGINS = (40, 24, 40, 24)
    SPACING = 18

    def __init__(self, window):
        super().__init__(window)
        self._tiles: list[tuple[Tile, Callable[[], tuple[str, str]]]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(*self.MARGINS)
        outer.setSpacing(self.SPACING)

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

        self.info = HomeInfoArea(window)  # more information lines go in there (kiosk/core/schedule.py)
        self.info.lines_changed.connect(self._fit_info)
        outer.addWidget(self.info)

        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setSpacing(20)
        self.grid.setContentsMargins(0, 8, 0, 8)
        self.tiles_area = scroll_area(grid_host)
        outer.addWidget(self.tiles_area, 1)
        self.retranslate()

    def shown(self) -> None:
        super().shown()
        self.info.refresh()

    def info_room(self, with_intro: bool = True) -> int:
        """How high the information area may be with the first row of tiles still whole on screen."""
        left, top, right, bottom = self.MARGINS
        width = max(1, self.width() - left - right)
        above = (top + self.greeting.heightForWidth(width)
                 + max(b.sizeHint().height() for b in self.language_buttons.values()) + 2 * self.SPACING)
        if with_intro:
            above += self.intro.heightForWidth(width) + self.SPACING
        first_row = [tile for tile, _texts in self._tiles[:self.COLUMNS]]
        row = max((t.heightForWidth(t.width() if t.width() > 1 else t.sizeHint().width()) for t in first_row),
                  default=0)
        margins = self.grid.contentsMargins()
        return self.height() - bottom - above - self.SPACING - (margins.top() + row + 2)

    def _fit_info(self) -> None:
        """At the largest text sizes the intro line ("Kies eerst je taal...") gives way when the
        information area could not show its first line otherwise; the tiles never move down."""
        room = self.info_room()
        wanted = self.info.first_line_height()
        show_intro = not self.info.shown_lines or room >= wanted
        self.intro.setVisible(show_intro)
        self.info.fit(room if show_intro else self.info_room(with_intro=False))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_info()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit_info)  # once the new text size is laid out

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
        self.info.show_lines()
        QTimer.singleShot(0, self, self._fit_info)
