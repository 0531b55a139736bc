"""The home screen's information area: when a digihelper is here (or where the digibus stops next),
the notices and the next workshops of this location, in the visitor's language with Dutch beside a
translated notice or workshop.

The lines come from kiosk/core/schedule.py and kiosk/core/workshops.py (`home_lines`, Qt-free);
this module only paints them. Any `InfoLine` kind shows: a title kind in bold, a line with Dutch
beside it as two labels. The store is read on `window.db_tasks` when the home screen shows and every
minute (what a sync brought, a session that ended, a day that turned); the words are made again on
a language change from what was read.

The area never pushes the guides below the fold: the home screen `fit`s it into the height it can
spare above the first row of tiles (at the largest text sizes its intro line gives way first); what
does not fit scrolls inside it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core import schedule, workshops
from kiosk.core.schedule import HomeInfo, InfoLine
from kiosk.core.workshops import WorkshopInfo
from kiosk.ui.shared.widgets import role_label, scroll_area

REFRESH_MS = 60_000
TITLES = frozenset({"schedule", "stops-title", "workshops-title"})
FOLLOWERS = frozenset({"stop", "workshop"})  # the lines under a title: no gap above them


def translate(text: str) -> str:
    """A Dutch source text of kiosk/core/schedule.py in the installed language."""
    return QCoreApplication.translate("Schedule", text)


def next_spreekuur_sentence(window, dutch: bool = False) -> str | None:
    """When a digihelper is next at this location, in the visitor's language (or Dutch), from the
    schedule the home screen already holds (no store read on the UI thread); None without one:
    never a guess. For the help call's "no digihelper now" and the take-home printout."""
    info: HomeInfo = window.home.info.info
    return schedule.next_session_text(info, window.api.clock.now(), schedule.dutch if dutch else translate)


class HomeInfoArea(QWidget):
    lines_changed = Signal()  # the home screen then fits the area again (fit)

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.card = QFrame()
        self.card.setProperty("role", "card")
        self._lines = QVBoxLayout(self.card)
        self._lines.setContentsMargins(18, 12, 18, 12)
        self._lines.setSpacing(6)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.card)
        column.addStretch(1)
        self.lines_area = scroll_area(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.lines_area)
        self.info = HomeInfo()
        self.workshops: tuple[WorkshopInfo, ...] = ()
        self.shown_lines: tuple[InfoLine, ...] = ()
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def refresh(self) -> None:
        """Read this location's schedule, workshops and notices again (on the store worker), then paint."""
        api = self.window_.api
        self.window_.db_tasks.run(lambda: (api.home_info(), api.upcoming_workshops()),
                                  lambda read: self.set_info(*read))

    def _tick(self) -> None:
        if self.window_.current_screen_name() == "home":  # other screens never show it
            self.refresh()

    def set_info(self, info: HomeInfo, coming: tuple[WorkshopInfo, ...] = ()) -> None:
        self.info, self.workshops = info, coming
        self.show_lines()

    def show_lines(self) -> None:
        now, language = self.window_.api.clock.now(), self.window_.prefs.language
        # The notices (a closed day...) before the workshops: what does not fit scrolls, last first.
        lines = (schedule.home_lines(self.info, now, translate, language)
                 + workshops.home_lines(self.workshops, now, translate, language))
        if lines == self.shown_lines:
            return
        self.shown_lines = lines
        while self._lines.count():
            old = self._lines.takeAt(0).widget()
            if old is not None:
                old.hide()  # at once: deleteLater waits for the event loop
                old.setParent(None)
                old.deleteLater()
        for index, line in enumerate(lines):
            if index and lines[index - 1].kind != line.kind and line.kind not in FOLLOWERS:
                self._lines.addSpacing(10)  # the schedule, the notices, the workshops: groups
            self._lines.addWidget(role_label(line.text, "heading" if line.kind in TITLES else None))
            if line.dutch:
                dutch = role_label(line.dutch, "muted")
                dutch.setAccessibleName(f"Nederlands: {line.dutch}")
                self._lines.addWidget(dutch)
        self.setVisible(bool(lines))
        self.lines_changed.emit()

    def first_line_height(self) -> int:
        """The height that shows the first line whole (0 without lines)."""
        first = self._lines.itemAt(0)
        if first is None or first.widget() is None:
            return 0
        margins = self._lines.contentsMargins()
        width = max(1, self.lines_area.viewport().width() - margins.left() - margins.right())
        return margins.top() + margins.bottom() + first.widget().heightForWidth(width) + 2 * self.card.frameWidth()

    def fit(self, room: int) -> None:
        """At most `room` px high (what the home screen can spare), else as high as the lines."""
        width = max(1, self.lines_area.viewport().width())
        card = self.card
        needed = (card.heightForWidth(width) if card.hasHeightForWidth() else card.sizeHint().height())
        self.setFixedHeight(max(0, min(needed, room)))
