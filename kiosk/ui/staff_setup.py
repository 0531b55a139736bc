"""Staff screen "staff-setup": first-run setup on a machine with no helpers that never synced.

Creates the first coordinator and this kiosk's location in one transaction, then logs them in.
This is the only staff screen with typing: the installer sets up the machine with a keyboard.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit

from kiosk.core import accounts
from kiosk.core.accounts import StaffUser
from kiosk.ui.staff_widgets import ChipGroup, MessageLine, StaffScreen, error_text
from kiosk.ui.widgets import big_button, hbox, role_label


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setMaxLength(12)
    field.setInputMethodHints(Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText)
    return field


class StaffSetupScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window, with_menu=False)
        self.intro = role_label("", "muted")
        self.body.addWidget(self.intro)
        form = QFormLayout()
        form.setSpacing(14)
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.location = QLineEdit()
        self.location.setMaxLength(120)
        self.kind = ChipGroup()
        self.pin = _pin_field()
        self.pin_again = _pin_field()
        self.labels = [role_label("", wrap=False) for _ in range(5)]
        for label, field in zip(self.labels, (self.name, self.location, self.kind, self.pin, self.pin_again)):
            form.addRow(label, field)
        self.body.addLayout(form)
        self.message = MessageLine()
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(self.window_.go_home)
        self.create_button = big_button("", "primary")
        self.create_button.clicked.connect(self.create)
        self.body.addLayout(hbox(self.cancel_button, self.create_button, stretch_at=0))
        self.kind.set_options([("fixed", ""), ("digibus", "")])
        self.retranslate()
        self.forget()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Eerste keer instellen"))
        self.intro.setText(self.tr("Op deze computer zijn nog geen medewerkers. Maak de eerste coördinator "
                                   "aan. Daarna meld je je aan met je naam en pincode."))
        for label, text in zip(self.labels, (self.tr("Jouw naam"), self.tr("Naam van deze plek"),
                                             self.tr("Soort plek"), self.tr("Pincode (minstens 6 cijfers)"),
                                             self.tr("Pincode nog eens"))):
            label.setText(text)
        self.location.setPlaceholderText(self.tr("bijvoorbeeld: Digipunt Bibliotheek Tweebronnen"))
        self.kind.set_labels({"fixed": self.tr("Vaste digipunt"), "digibus": self.tr("Digibus")})
        self.cancel_button.setText(self.tr("Annuleren"))
        self.create_button.setText(self.tr("Coördinator aanmaken"))

    def create(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.message.say(self.tr("De twee pincodes zijn niet gelijk. Typ ze opnieuw."))
            self.pin.clear()
            self.pin_again.clear()
            return
        store = self.window_.runtime.store
        name, place, kind, pin = self.name.text(), self.location.text(), self.kind.value() or "", self.pin.text()
        self.pin.clear()
        self.pin_again.clear()
        self.create_button.setEnabled(False)
        self.window_.db_tasks.run(lambda: accounts.create_first_coordinator(store, name, pin, place, kind),
                                  self._created, self._failed)

    def _created(self, user: StaffUser) -> None:
        self.forget()
        self.window_.staff.logged_in(user)

    def _failed(self, exc: Exception) -> None:
        self.create_button.setEnabled(True)
        self.message.say(error_text(exc))

    def forget(self) -> None:
        for field in (self.name, self.location, self.pin, self.pin_again):
            field.clear()
        self.kind.set_selected("fixed")
        self.create_button.setEnabled(True)
        self.message.say("")
