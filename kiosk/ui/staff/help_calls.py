"""Staff screen "staff-calls": visitors on this kiosk who tapped "Ik heb hulp nodig", oldest first,
with the guide and step they were on. Taking a call opens the help-request form with the guide's
topic already chosen."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.core.helpcalls import CallInfo
from kiosk.ui.shared.entry import error_text
from kiosk.ui.shared.widgets import big_button, role_label

if TYPE_CHECKING:
    from kiosk.ui.staff.help_form import HelpFormScreen
from kiosk.ui.staff.widgets import StaffScreen, clear_layout


class HelpCallsScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.calls: tuple[CallInfo, ...] = ()
        self.add_list()
        window.staff.calls_changed.connect(self._calls_changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Oproepen"))
        self.empty.setText(self.tr("Er zijn geen oproepen. Als een bezoeker op 'Ik heb hulp nodig' tikt, "
                                   "verschijnt dat hier."))

    def shown(self) -> None:
        super().shown()
        self.message.say("")
        self.refresh()

    def _calls_changed(self) -> None:
        if self.window_.stack.currentWidget() is self:
            self.refresh()

    def refresh(self) -> None:
        if self.user is None:
            return
        self.window_.db_tasks.run(self.window_.api.open_calls, self._show, self._failed)

    def describe(self, call: CallInfo) -> tuple[str, str]:
        """(what the visitor was doing, when) in Dutch: the helper reads it before walking over."""
        when = self.tr("sinds {time}").format(time=self.window_.api.clock.local(call.created_at).strftime("%H:%M"))
        guide = self.window_.staff.walkthrough(call.walkthrough_id)
        if guide is None:
            return self.tr("Een bezoeker vraagt hulp"), when
        if call.step_index is None or not 0 <= call.step_index < len(guide):
            return guide.title("nl"), when
        step = guide.step("nl", call.step_index)
        return (self.tr("{guide}, stap {n} van {total}: {step}")
                .format(guide=guide.title("nl"), n=call.step_index + 1, total=len(guide), step=step.title), when)

    def _show(self, calls: tuple[CallInfo, ...]) -> None:
        self.calls = calls
        clear_layout(self.rows, keep=1)
        for index, call in enumerate(calls):
            self.rows.insertWidget(index, self._row(call))
        self.empty.setVisible(not calls)

    def _row(self, call: CallInfo) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QHBoxLayout(card)
        layout.setContentsMargins(20, 12, 20, 12)
        text = QVBoxLayout()
        what, when = self.describe(call)
        text.addWidget(role_label(what, "subtitle"))
        text.addWidget(role_label(when, "muted"))
        layout.addLayout(text, 1)
        take = big_button(self.tr("Aannemen"), "primary")
        take.setMinimumWidth(200)
        take.clicked.connect(lambda: self.take(call))
        layout.addWidget(take)
        return card

    def take(self, call: CallInfo) -> None:
        api, user = self.window_.api, self.user
        self.window_.db_tasks.run(lambda: api.take_call(call.id, user), self._taken, self._failed)

    def _taken(self, call: CallInfo) -> None:
        self.window_.staff.calls_changed.emit()
        guide = self.window_.staff.walkthrough(call.walkthrough_id)
        what, _when = self.describe(call)
        cast("HelpFormScreen", self.window_.screens["staff-help-form"]).start_new(
            topics=[guide.meta.topic] if guide is not None else [],
            context=self.tr("Oproep: {what}.").format(what=what))

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))
        self.refresh()

    def forget(self) -> None:
        self._show(())
        self.message.say("")
