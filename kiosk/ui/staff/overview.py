"""Staff screen "staff-overview" (coordinators): requests and hours today and this month, volunteer
hours per helper per month, and how many records still wait to be synced."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.api import CoordinatorOverview
from kiosk.core.stats import HelperHours, Overview, Period
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, role_label, scroll_area
from kiosk.ui.staff.widgets import StaffScreen, clear_layout
from sync import labels


class PeriodCard(QFrame):
    def __init__(self):
        super().__init__()
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.heading = role_label("", "subtitle")
        self.requests = role_label("", "title")
        self.hours = role_label("", "muted")
        for label in (self.heading, self.requests, self.hours):
            layout.addWidget(label)


class OverviewScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.month = (0, 0)
        self.figures: Overview | None = None
        cards = QHBoxLayout()
        cards.setSpacing(18)
        self.today_card, self.month_card = PeriodCard(), PeriodCard()
        cards.addWidget(self.today_card, 1)
        cards.addWidget(self.month_card, 1)
        self.body.addLayout(cards)
        self.waiting = role_label("", "subtitle")
        self.body.addWidget(self.waiting)
        self.message = MessageLine()
        self.body.addWidget(self.message)

        months = QHBoxLayout()
        self.hours_title = role_label("", "subtitle", wrap=False)
        self.previous_button = big_button("◀")
        self.previous_button.clicked.connect(lambda: self.move_month(-1))
        self.month_label = role_label("", "subtitle", wrap=False)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.month_label.setMinimumWidth(240)
        self.next_button = big_button("▶")
        self.next_button.clicked.connect(lambda: self.move_month(1))
        months.addWidget(self.hours_title, 1)
        for widget in (self.previous_button, self.month_label, self.next_button):
            months.addWidget(widget)
        self.body.addLayout(months)
        host = QWidget()
        self.table = QGridLayout(host)
        self.table.setHorizontalSpacing(32)
        self.table.setVerticalSpacing(8)
        self.table.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = scroll_area(host)
        self.body.addWidget(scroll, 1)
        self.hours: tuple[HelperHours, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Overzicht"))
        self.hours_title.setText(self.tr("Vrijwilligersuren per medewerker"))
        self.previous_button.setAccessibleName(self.tr("Vorige maand"))
        self.next_button.setAccessibleName(self.tr("Volgende maand"))
        self._show_figures()
        self._show_hours()

    def shown(self) -> None:
        super().shown()
        today = self.window_.api.clock.today()
        self.month = (today.year, today.month)
        self.refresh()

    def move_month(self, step: int) -> None:
        year, month = self.month
        index = year * 12 + month - 1 + step
        self.month = (index // 12, index % 12 + 1)
        self.refresh()

    def refresh(self) -> None:
        user = self.user
        if user is None or not user.is_coordinator:
            return
        api, (year, month) = self.window_.api, self.month
        self.window_.db_tasks.run(lambda: api.overview(year, month), self._loaded,
                                  lambda exc: self.message.say(error_text(exc)))

    def _loaded(self, overview: CoordinatorOverview) -> None:
        self.figures, self.hours = overview.figures, overview.hours
        self._show_figures()
        self._show_hours()

    def _fill_card(self, card: PeriodCard, heading: str, period: Period | None) -> None:
        card.heading.setText(heading)
        if period is None:
            card.requests.setText("")
            card.hours.setText("")
            return
        card.requests.setText(self.tr("1 hulpvraag") if period.requests == 1 else
                              self.tr("{n} hulpvragen").format(n=period.requests))
        card.hours.setText(self.tr("{help} hulp gegeven · {shift} spreekuur")
                           .format(help=labels.minutes(period.help_minutes),
                                   shift=labels.minutes(period.shift_minutes)))

    def _show_figures(self) -> None:
        figures = self.figures
        self._fill_card(self.today_card, self.tr("Vandaag"), figures.today if figures else None)
        self._fill_card(self.month_card, self.tr("Deze maand"), figures.month if figures else None)
        if figures is None:
            self.waiting.setText("")
        elif figures.waiting_to_sync:
            self.waiting.setText(self.tr("{n} records wachten om gesynchroniseerd te worden.")
                                 .format(n=figures.waiting_to_sync))
        else:
            self.waiting.setText(self.tr("Alles is gesynchroniseerd."))

    def _show_hours(self) -> None:
        year, month = self.month
        if year:
            self.month_label.setText(f"{QLocale(QLocale.Language.Dutch).standaloneMonthName(month)} {year}")
        clear_layout(self.table)
        headers = (self.tr("Medewerker"), self.tr("Uren"), self.tr("Spreekuren"), self.tr("Automatisch gesloten"))
        for column, text in enumerate(headers):
            self.table.addWidget(role_label(text, "muted", wrap=False), 0, column)
        for row, helper in enumerate(self.hours, start=1):
            cells = (helper.display_name, labels.minutes(helper.minutes), str(helper.shifts),
                     str(helper.auto_closed) if helper.auto_closed else "–")
            for column, text in enumerate(cells):
                self.table.addWidget(role_label(text, wrap=False), row, column)

    def forget(self) -> None:
        self.figures, self.hours = None, ()
        self.message.say("")
        self._show_figures()
        self._show_hours()
