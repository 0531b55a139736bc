"""Staff screen "staff-workshops": after a workshop, record how many came, optionally each
attendee's visitor code (typed by the attendee in the visitor-code dialog: only its hash is kept)
and a note (the note guard). Saved offline; synced like every record (kiosk/core/workshops.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.core.workshops import WorkshopInfo
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, hbox, role_label
from kiosk.ui.staff.widgets import ChipGroup, StaffScreen
from kiosk.ui.visitor.visitor_code_dialog import VisitorCodeDialog
from sync.privacy import NoteRefused, guard_note
from sync.protocol import MAX_ATTENDEES


class WorkshopsScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.sessions: dict[str, WorkshopInfo] = {}
        self.codes: list[str] = []
        self.code_dialog: VisitorCodeDialog | None = None
        self.choose_label = role_label("", "subtitle", wrap=False)
        self.session = ChipGroup()
        self.session.changed.connect(self._update)
        self.empty = role_label("", "muted")
        self.count_label = role_label("", "subtitle", wrap=False)
        self.attendees = 0
        self.count = role_label("0", "title", wrap=False)  # taps on − and +, no keyboard needed
        self.count.setMinimumWidth(90)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fewer, self.more = big_button("−"), big_button("+")
        self.fewer.clicked.connect(lambda: self.set_attendees(self.attendees - 1))
        self.more.clicked.connect(lambda: self.set_attendees(self.attendees + 1))
        self.codes_label = role_label("", "muted")
        self.code_button = big_button()
        self.code_button.clicked.connect(self.ask_code)
        self.note = QLineEdit()
        self.note.setMaxLength(280)
        self.save_button = big_button("", "primary")
        self.save_button.clicked.connect(self.save)
        self.message = MessageLine()
        for widget in (self.choose_label, self.session, self.empty):
            self.body.addWidget(widget)
        self.body.addLayout(hbox(self.count_label, self.fewer, self.count, self.more, stretch_at=4))
        self.body.addLayout(hbox(self.code_button, self.codes_label, stretch_at=2))
        for widget in (self.note, self.save_button, self.message):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Vorming registreren"))
        self.choose_label.setText(self.tr("Welke vorming?"))
        self.empty.setText(self.tr("Er is geen vorming van de voorbije twee weken om te registreren."))
        self.count_label.setText(self.tr("Aantal deelnemers"))
        self.code_button.setText(self.tr("Deelnemer typt bezoekerscode"))
        self.fewer.setAccessibleName(self.tr("Eén deelnemer minder"))
        self.more.setAccessibleName(self.tr("Eén deelnemer meer"))
        self.note.setPlaceholderText(self.tr("Notitie (mag leeg, geen namen of telefoonnummers)"))
        self.save_button.setText(self.tr("Opslaan"))
        self._show_codes()

    def shown(self) -> None:
        super().shown()
        api = self.window_.api
        self.window_.db_tasks.run(api.workshops_to_record, self._show, self._failed)

    def _show(self, sessions: tuple[WorkshopInfo, ...]) -> None:
        self.sessions = {s.id: s for s in sessions}
        self.session.set_options((s.id, self._label(s)) for s in sessions)
        self.empty.setVisible(not sessions)
        self._update()

    def _label(self, workshop: WorkshopInfo) -> str:
        when = self.window_.api.clock.local(workshop.starts_at).strftime("%d/%m %H:%M")
        done = self.tr(" (al geregistreerd)") if workshop.recorded else ""
        # The title first: a label that starts with digits would read right to left when the
        # visitor chose Arabic (the chip takes its base direction from the application then).
        return f"{workshop.title}, {when}{done}"

    def set_attendees(self, count: int) -> None:
        self.attendees = min(max(count, len(self.codes)), MAX_ATTENDEES)  # at least one per code typed
        self.count.setText(str(self.attendees))

    def _update(self) -> None:
        self.save_button.setEnabled(self.session.value() is not None)

    def ask_code(self) -> None:
        dialog = self.code_dialog = VisitorCodeDialog(self.window_)
        dialog.code_ready.connect(self._add_code)
        dialog.finished.connect(self._code_dialog_closed)
        dialog.open()

    def _code_dialog_closed(self) -> None:
        assert self.code_dialog is not None
        self.code_dialog.deleteLater()
        self.code_dialog = None

    def _add_code(self, code: str) -> None:
        if code not in self.codes:
            self.codes.append(code)
        self.set_attendees(self.attendees)
        self._show_codes()

    def _show_codes(self) -> None:
        self.codes_label.setText(self.tr("{n} bezoekerscodes").format(n=len(self.codes)))

    def save(self) -> None:
        try:
            note = guard_note(self.note.text())  # on the UI thread: a refused note never leaves the screen
        except NoteRefused as exc:
            self.message.say(error_text(exc))
            return
        user, api, workshop_id = self.user, self.window_.api, self.session.value() or ""
        attendees, codes = self.attendees, tuple(self.codes)
        self.window_.db_tasks.run(lambda: api.record_workshop(user, workshop_id, attendees, codes, note),
                                  self._saved, self._failed)

    def _saved(self, _record_id: str) -> None:
        self.window_.staff.record_saved()
        self.forget()
        self.message.say(self.tr("Opgeslagen."), "marker")
        self.shown()

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))

    def forget(self) -> None:
        self.codes = []
        self.set_attendees(0)
        self.note.clear()
        self.session.set_selected(None)
        self.message.say("")
        self._show_codes()
