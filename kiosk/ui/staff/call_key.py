"""Staff screen "staff-call-key" (coordinators): the key the kiosks of this location share for
help calls ("Ik heb hulp nodig" on one kiosk reaches the helpers on the others).

An enrolled kiosk gets its location's key from the central server: nothing to type. On kiosks
without a server a coordinator makes a key on one kiosk and types the same key on each of the
others (kiosk/core/helpcalls.py: `set_key_by_coordinator`); the calls then start using it at once.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.core.helpcalls import KeyState
from kiosk.core.secrets import SecretStore
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, hbox, role_label
from kiosk.ui.staff.widgets import StaffScreen


class CallKeyScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.state: KeyState | None = None
        self.explain = role_label("", "muted")
        self.body.addWidget(self.explain)
        self.current = role_label("", "subtitle")
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.addWidget(self.current)
        self.typed = QLineEdit()
        self.typed.setMaxLength(40)
        self.typed.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhPreferUppercase)
        self.typed.returnPressed.connect(self.save)
        self.save_button = big_button("", "primary")
        self.save_button.clicked.connect(self.save)
        self.new_button = big_button()
        self.new_button.clicked.connect(self.make_new)
        self.body.addLayout(hbox(self.typed, self.save_button))
        self.body.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = MessageLine()
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.retranslate()

    def _secrets(self) -> SecretStore:
        runtime = self.window_.runtime
        return SecretStore(runtime.data_dir, allow_file=runtime.settings.allow_secret_file)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Sleutel voor oproepen"))
        self.typed.setPlaceholderText(self.tr("Typ de sleutel van de andere computer"))
        self.typed.setAccessibleName(self.tr("Sleutel"))
        self.save_button.setText(self.tr("Opslaan"))
        self.new_button.setText(self.tr("Nieuwe sleutel maken"))
        self._show(self.state)

    def shown(self) -> None:
        super().shown()
        self.message.say("")
        self.typed.clear()
        secrets, api = self._secrets(), self.window_.api
        self.window_.db_tasks.run(lambda: api.call_key_state(secrets), self._show, self._failed)

    def _show(self, state: KeyState | None) -> None:
        self.state = state
        from_server = state is not None and state.from_server
        if from_server:
            self.explain.setText(self.tr("Deze computer is verbonden met de centrale server. De server geeft de "
                                         "sleutel aan de computers van deze locatie. Je hoeft niets te typen."))
        else:
            self.explain.setText(self.tr("Met dezelfde sleutel op elke computer van deze locatie komt een oproep "
                                         "van een bezoeker op alle computers toe. Maak hier een sleutel en typ "
                                         "hem over op de andere computers, of typ de sleutel van een andere "
                                         "computer."))
        code = state.code if state is not None else None
        self.current.setText(self.tr("Sleutel van deze computer: {code}").format(code=code) if code else
                             "" if from_server else self.tr("Nog geen sleutel: oproepen blijven op deze computer."))
        for widget in (self.typed, self.save_button, self.new_button):
            widget.setVisible(state is not None and not from_server)

    def save(self) -> None:
        self._set(self.typed.text())

    def make_new(self) -> None:
        self._set("")

    def _set(self, typed: str) -> None:
        secrets, api, user = self._secrets(), self.window_.api, self.user
        self.window_.db_tasks.run(lambda: api.set_call_key(secrets, user, typed), self._saved, self._failed)

    def _saved(self, state: KeyState) -> None:
        self.typed.clear()
        self._show(state)
        self.message.say(self.tr("Opgeslagen. Oproepen gebruiken deze sleutel nu."), "marker")
        self.window_.calls.restart()  # the link starts again with the new key

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))
