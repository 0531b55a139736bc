"""Staff screen "staff-pin-setup": a new helper (or one whose PIN was reset) types the one-time
set-up code from the console and chooses a PIN, twice, on the keypad. Nobody else sees the PIN: the
kiosk hashes it and the server keeps only the hash.

Reached from the login screen ("Ik heb een instelcode") on a kiosk connected to a server. The work
runs on the sync service's worker (kiosk.sync.engine.SyncEngine.setup_helper): check the code at the
server, then pull the account so the helper can log in at once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout

from kiosk.core import accounts
from kiosk.sync.status import AuthError, HelperSetup, SyncError
from kiosk.ui.shared.widgets import big_button, hbox, role_label
from kiosk.ui.staff.widgets import MessageLine, PinEntry, StaffScreen
from sync.errors import DutchError
from sync.pins import MIN_PIN_LENGTH

PIN_MAX = 12
NO_CONNECTION = ("offline", "timeout", "tls", "server", "not-sync-server")


if TYPE_CHECKING:
    from kiosk.ui.staff.login import StaffLoginScreen


class StaffPinSetupScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window, with_menu=False)
        self.first_pin: str | None = None  # only until the second entry matches or differs
        self.busy = False
        row = QHBoxLayout()
        row.setSpacing(40)
        self.body.addLayout(row, 1)

        left = QVBoxLayout()
        left.setSpacing(14)
        self.intro = role_label("", "muted")
        left.addWidget(self.intro)
        form = QGridLayout()
        form.setHorizontalSpacing(16)
        self.code_label = role_label("", wrap=False)
        self.code_input = QLineEdit()
        self.code_input.setMaxLength(20)
        self.code_input.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase
                                            | Qt.InputMethodHint.ImhNoPredictiveText)
        self.code_input.setPlaceholderText("ABCD-EFGH-JKLM")
        self.code_input.returnPressed.connect(lambda: self.keypad.setFocus())
        self.code_label.setBuddy(self.code_input)
        form.addWidget(self.code_label, 0, 0)
        form.addWidget(self.code_input, 0, 1)
        form.setColumnStretch(1, 1)
        left.addLayout(form)
        self.message = MessageLine()
        left.addWidget(self.message)
        left.addStretch(1)
        row.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(12)
        self.step = role_label("", "subtitle")
        self.pin_entry = PinEntry(PIN_MAX)
        self.keypad = self.pin_entry.keypad
        self.keypad.changed.connect(self._update)
        self.keypad.submitted.connect(self.next_step)
        self.code_input.textChanged.connect(self._update)
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(lambda: self.window_.show_screen("staff-login"))
        self.next_button = big_button("", "primary")
        self.next_button.clicked.connect(self.next_step)
        right.addWidget(self.step)
        right.addWidget(self.pin_entry)
        right.addLayout(hbox(self.cancel_button, self.next_button))
        right.addStretch(1)
        row.addLayout(right, 2)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Je pincode instellen"))
        self.intro.setText(self.tr("Typ de instelcode die je van de coördinator kreeg. Kies daarna zelf een pincode "
                                   "van minstens {n} cijfers en typ hem twee keer. Niemand anders ziet hem.")
                           .format(n=MIN_PIN_LENGTH))
        self.code_label.setText(self.tr("Instelcode"))
        self.cancel_button.setText(self.tr("Annuleren"))
        self.keypad.retranslate()
        self._update()

    # --- steps -----------------------------------------------------------------------------------
    def _update(self) -> None:
        again = self.first_pin is not None
        self.step.setText(self.tr("Typ dezelfde pincode nog eens.") if again else self.tr("Typ je nieuwe pincode."))
        self.next_button.setText(self.tr("Pincode instellen") if again else self.tr("Volgende"))
        self.keypad.setEnabled(not self.busy)
        self.code_input.setEnabled(not self.busy)
        self.next_button.setEnabled(not self.busy and len(self.keypad.digits) >= MIN_PIN_LENGTH
                                    and bool(self.code_input.text().strip()))

    def next_step(self) -> None:
        if not self.next_button.isEnabled():
            if not self.code_input.text().strip():
                self.message.say(self.tr("Typ eerst de instelcode."))
            return
        digits = self.keypad.digits
        self.keypad.clear()
        if self.first_pin is None:
            try:
                accounts.check_pin_rules(digits)  # plain arithmetic: say it now, not after typing it twice
            except DutchError as exc:
                self.message.say(str(exc))
                self._update()
                return
            self.first_pin = digits
            self.message.say("")
            self._update()
            self.keypad.setFocus()
            return
        first, self.first_pin = self.first_pin, None
        if digits != first:
            self.message.say(self.tr("De twee pincodes zijn niet gelijk. Typ je nieuwe pincode opnieuw."))
            self._update()
            return
        sync = self.window_.sync
        if sync is None:
            self.message.say(self._error_text(AuthError("not-enrolled")))
            self._update()
            return
        self.busy = True
        self.message.say(self.tr("Bezig..."), "muted")
        self._update()
        sync.setup_helper(self.code_input.text(), digits, self._finished)

    def _finished(self, result: HelperSetup | Exception) -> None:
        self.busy = False
        self._update()
        if self.window_.stack.currentWidget() is not self:
            return  # the session was reset meanwhile
        if isinstance(result, HelperSetup):
            self.forget()
            cast("StaffLoginScreen", self.window_.screens["staff-login"]).welcome(result)
            self.window_.show_screen("staff-login")
        else:
            self.message.say(self._error_text(result))

    def _error_text(self, exc: Exception) -> str:
        if isinstance(exc, DutchError):
            return str(exc)
        kind = exc.kind if isinstance(exc, SyncError) else "internal"
        if kind in NO_CONNECTION:
            return self.tr("Dit kan alleen als de kiosk verbonden is met de server. Kijk of het internet werkt en "
                           "probeer opnieuw, of vraag een collega.")
        texts = {
            "setup-code-refused": self.tr("Deze instelcode klopt niet, is al gebruikt of is verlopen (een code is 7 "
                                          "dagen geldig). Kijk de code na, of vraag de coördinator een nieuwe."),
            "setup-other-location": self.tr("Deze instelcode hoort bij iemand die niet op deze locatie werkt. Stel je "
                                            "pincode in op een kiosk van je eigen locatie, of vraag de coördinator "
                                            "om je aan deze locatie toe te voegen."),
            "too-many-attempts": self.tr("Er zijn te veel verkeerde codes geprobeerd. Wacht een kwartier en probeer "
                                         "dan opnieuw."),
            "not-enrolled": self.tr("Deze kiosk is niet verbonden met de server, dus een instelcode werkt hier niet. "
                                    "Vraag de coördinator om de kiosk te koppelen."),
            "unauthorized": self.tr("Deze kiosk is losgekoppeld van de server. Vraag de coördinator om hem opnieuw "
                                    "te koppelen."),
        }
        return texts.get(kind, self.tr("Dat is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het "
                                       "aan de coördinator."))

    def shown(self) -> None:
        super().shown()
        self.code_input.setFocus()

    def forget(self) -> None:
        self.first_pin = None
        self.code_input.clear()
        self.keypad.clear()
        self.message.say("")
        self._update()
