"""Staff screen "staff-today": today's help requests with "Corrigeren" and "Annuleren".

A helper sees their own requests, a coordinator everyone's. Both actions store a new version
(kiosk/core/helplog.py); cancelling asks first.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.helplog import SavedRequest, TodayList
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.entry import error_text
from kiosk.ui.shared.screen import as_widget
from kiosk.ui.shared.widgets import big_button, role_label
from kiosk.ui.staff.widgets import StaffScreen, clear_layout
from sync import labels
from sync.protocol import HelpLanguage, Outcome

if TYPE_CHECKING:
    pass


if TYPE_CHECKING:
    from kiosk.ui.staff.help_form import HelpFormScreen


class TodayScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.listed = TodayList((), ())
        self.cancel_dialog: ChoiceDialog | None = None
        self._notice = ""  # said once when the screen is next shown (open_with)
        self.add_list()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Hulpvragen van vandaag"))
        self.empty.setText(self.tr("Nog geen hulpvragen vandaag."))

    def shown(self) -> None:
        super().shown()
        self.message.say(self._notice, "marker" if self._notice else "muted")
        self._notice = ""
        self.refresh()

    def open_with(self, notice: str) -> None:
        """Show the list with `notice` above it (e.g. "Gecorrigeerd." after a correction)."""
        self._notice = notice
        self.window_.show_screen("staff-today")

    def refresh(self) -> None:
        user, api = self.user, self.window_.api
        if user is None:
            return
        self.window_.db_tasks.run(lambda: api.todays_requests(user), self._show, self._failed)

    def _show(self, today: TodayList) -> None:
        self.listed = today
        clear_layout(self.rows, keep=1)
        for index, request in enumerate(today.requests):
            self.rows.insertWidget(index, self._row(request))
        self.empty.setVisible(not today.requests)

    def _row(self, request: SavedRequest) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QHBoxLayout(card)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(16)
        data = request.data
        when = self.window_.api.clock.local(request.created_at).strftime("%H:%M")
        topics = self.listed.topics_text(request)
        text = QVBoxLayout()
        text.addWidget(role_label(f"{when}  {topics}", "subtitle"))
        # A saved request holds the protocol's values; the form's input type says only str.
        details = [labels.minutes(data.duration_min), labels.OUTCOMES[cast(Outcome, data.outcome)],
                   labels.HELP_LANGUAGES.get(cast(HelpLanguage, data.language), data.language)]
        if self.user is not None and self.user.is_coordinator:
            details.append(request.helper_name)
        text.addWidget(role_label(" · ".join(details), "muted"))
        layout.addLayout(text, 1)
        correct = big_button(self.tr("Corrigeren"))
        correct.clicked.connect(
            lambda: cast("HelpFormScreen", self.window_.screens["staff-help-form"]).start_correction(request))
        cancel = big_button(self.tr("Annuleren"))
        cancel.clicked.connect(lambda: self.confirm_cancel(request, card))
        layout.addWidget(correct)
        layout.addWidget(cancel)
        return card

    def confirm_cancel(self, request: SavedRequest, row: QWidget | None = None) -> None:
        """Asks about this request by its time and topics, beside its row (`row`), not over it."""
        when = self.window_.api.clock.local(request.created_at).strftime("%H:%M")
        dialog = self.cancel_dialog = ChoiceDialog(
            as_widget(self.window_), self.tr("Hulpvraag van {time} annuleren?").format(time=when),
            self.tr("{topics}, {duration}. De hulpvraag telt dan niet meer mee. De oude versie blijft bewaard, "
                    "met de vermelding dat ze geannuleerd is.").format(
                topics=self.listed.topics_text(request), duration=labels.minutes(request.data.duration_min)),
            avoid=row)
        dialog.add_button(self.tr("Nee, houden"), QDialog.DialogCode.Rejected, default=True)
        dialog.add_button(self.tr("Ja, annuleren"), QDialog.DialogCode.Accepted, "danger")
        dialog.finished.connect(lambda result: self._cancel_answered(result, request))
        dialog.open()

    def _cancel_answered(self, result: int, request: SavedRequest) -> None:
        self.cancel_dialog = None
        if result != QDialog.DialogCode.Accepted or self.user is None:
            return
        api, user = self.window_.api, self.user
        self.window_.db_tasks.run(lambda: api.cancel_help_request(user, request.id),
                                  self._cancelled, self._failed)

    def _cancelled(self, _version_id: str) -> None:
        self.window_.staff.record_saved()
        self.refresh()
        self.message.say(self.tr("Geannuleerd."), "marker")

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc), "banner")

    def forget(self) -> None:
        self._show(TodayList((), ()))
