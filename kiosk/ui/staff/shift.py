"""Staff screen "staff-shift": start consultation hours at a place (for the digibus: today's stop,
chosen from the recent ones or typed), see how long it runs, end it."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from kiosk.core.shifts import ShiftContext, ShiftInfo
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, hbox, role_label
from kiosk.ui.staff.widgets import ChipGroup, StaffScreen
from sync import labels

TICK_MS = 30_000


class ShiftScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.context = ShiftContext(None)
        self.status = role_label("", "subtitle")
        self.body.addWidget(self.status)
        self.warning = MessageLine()  # the core's ShiftContext.warning: a shift open elsewhere, no place yet
        self.body.addWidget(self.warning)
        self.place_label = role_label("", "subtitle")
        self.location = ChipGroup()
        self.location.changed.connect(self._location_changed)
        self.stop_label = role_label("", "subtitle")
        self.stops = ChipGroup()
        self.stops.changed.connect(self._update)
        self.other_stop = QLineEdit()
        self.other_stop.setMaxLength(120)
        self.other_stop.textEdited.connect(lambda _text: self.stops.set_selected(None))
        self.other_stop.textChanged.connect(self._update)
        for widget in (self.place_label, self.location, self.stop_label, self.stops, self.other_stop):
            self.body.addWidget(widget)
        self.start_button = big_button("", "primary")
        self.start_button.clicked.connect(self.start)
        self.end_button = big_button("", "danger")
        self.end_button.clicked.connect(self.end)
        for button in (self.start_button, self.end_button):
            button.setMinimumHeight(80)
            button.setMinimumWidth(320)
        self.body.addLayout(hbox(self.start_button, self.end_button, stretch_at=2))
        self.message = MessageLine()
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._show_running)
        self.retranslate()
        self._show(ShiftContext(None))

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Spreekuur"))
        self.place_label.setText(self.tr("Waar ben je vandaag?"))
        self.stop_label.setText(self.tr("Welke halte?"))
        self.other_stop.setPlaceholderText(self.tr("Andere halte: typ de naam van de plek"))
        self.start_button.setText(self.tr("Spreekuur starten"))
        self.end_button.setText(self.tr("Spreekuur beëindigen"))
        self._show_running()

    def shown(self) -> None:
        super().shown()
        self.message.say("")
        self.refresh()

    def refresh(self) -> None:
        user, api = self.user, self.window_.api
        if user is None:
            return
        self.window_.db_tasks.run(lambda: api.shift_context(user), self._show, self._failed)

    @property
    def shift(self) -> ShiftInfo | None:
        return self.context.shift

    def _show(self, context: ShiftContext) -> None:
        self.context = context
        self.warning.say(context.warning)
        self.location.set_options((loc_id, name) for loc_id, name, _kind in context.locations)
        if self.location.value() is None:
            self.location.set_selected(context.default_location_id)
        running = context.shift is not None
        for widget in (self.place_label, self.location):
            widget.setVisible(not running)
        self.start_button.setVisible(not running)
        self.end_button.setVisible(running)
        if running:
            self._tick.start()
        else:
            self._tick.stop()
        self._location_changed()
        self._show_running()

    def _location_changed(self) -> None:
        chosen = self.location.value()
        is_bus = self.shift is None and self.context.needs_stop(chosen)
        self.stops.set_options((stop, stop) for stop in self.context.stops(chosen))
        for widget in (self.stop_label, self.other_stop):
            widget.setVisible(is_bus)
        self.stops.setVisible(is_bus and bool(self.stops.buttons))
        self._update()

    def _stop(self) -> str | None:
        return self.stops.value() or self.other_stop.text().strip() or None

    def _update(self) -> None:
        chosen = self.location.value()
        ready = chosen is not None and (not self.context.needs_stop(chosen) or self._stop() is not None)
        self.start_button.setEnabled(ready)

    def _show_running(self) -> None:
        shift, clock = self.shift, self.window_.api.clock
        if shift is None:
            self.status.setText(self.tr("Je hebt geen spreekuur gestart. Kies waar je bent en tik op "
                                        "'Spreekuur starten'."))
            return
        minutes = int(shift.duration(clock).total_seconds() // 60)
        self.status.setText(self.tr("Je spreekuur loopt sinds {time} ({place}). Al {duration}.")
                            .format(time=clock.local(shift.started_at).strftime("%H:%M"), place=shift.place,
                                    duration=labels.minutes(minutes)))

    def start(self) -> None:
        user, api = self.user, self.window_.api
        location_id, stop = self.location.value(), self._stop()
        self.window_.db_tasks.run(lambda: api.start_shift(user, location_id, stop),
                                  self._started, self._failed)

    def _started(self, shift: ShiftInfo) -> None:
        self.other_stop.clear()
        self.message.say(self.tr("Je spreekuur is gestart."), "marker")
        self.refresh()

    def end(self) -> None:
        user, api = self.user, self.window_.api
        self.window_.db_tasks.run(lambda: api.end_shift(user), self._ended, self._failed)

    def _ended(self, shift: ShiftInfo) -> None:
        self.window_.staff.record_saved()
        minutes = int(shift.duration(self.window_.api.clock).total_seconds() // 60)
        self.message.say(self.tr("Opgeslagen: je spreekuur duurde {duration}.")
                         .format(duration=labels.minutes(minutes)), "marker")
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))

    def forget(self) -> None:
        self.other_stop.clear()
        self.message.say("")
        self._show(ShiftContext(None))
