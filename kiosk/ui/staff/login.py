"""Staff screen "staff-login": tap your name, type your PIN on the big keypad (or the keyboard).

The PIN is checked on the store worker (argon2 takes a moment, and a wrong PIN is counted in the
store). Five wrong PINs lock that account for five minutes; the screen says how long to wait.
On a kiosk with a server, "Ik heb een instelcode" leads a new helper to "staff-pin-setup".
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.accounts import LoginResult
from kiosk.sync.status import HelperSetup
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.ui.staff.widgets import PinEntry, StaffScreen, discard
from sync.pins import MIN_PIN_LENGTH

PIN_MAX = 12


class StaffLoginScreen(StaffScreen):
    NAME_COLUMNS = 2

    def __init__(self, window):
        super().__init__(window, with_menu=False)
        self.helper_id: str | None = None
        self._busy = False
        self._welcome: HelperSetup | None = None
        row = QHBoxLayout()
        row.setSpacing(40)
        self.body.addLayout(row, 1)

        names = QVBoxLayout()
        names.setSpacing(12)
        self.names_intro = role_label("", "subtitle")
        names.addWidget(self.names_intro)
        host = QWidget()
        self.names_grid = QGridLayout(host)
        self.names_grid.setSpacing(12)
        self.names_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = scroll_area(host)
        names.addWidget(scroll, 1)
        self.setup_code_button = big_button()
        self.setup_code_button.clicked.connect(lambda: self.window_.show_screen("staff-pin-setup"))
        names.addWidget(self.setup_code_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.name_group = QButtonGroup(self)
        self.name_buttons: dict[str, QPushButton] = {}
        row.addLayout(names, 3)

        pin = QVBoxLayout()
        pin.setSpacing(12)
        self.pin_intro = role_label("", "subtitle")
        self.pin_entry = PinEntry(PIN_MAX)
        self.keypad = self.pin_entry.keypad
        self.keypad.changed.connect(self._pin_changed)
        self.keypad.submitted.connect(self.submit)
        self.login_button = big_button("", "primary")
        self.login_button.clicked.connect(self.submit)
        self.message = MessageLine()
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(self.window_.go_home)
        for widget in (self.pin_intro, self.pin_entry):
            pin.addWidget(widget)
        pin.addLayout(hbox(self.cancel_button, self.login_button))
        pin.addWidget(self.message)
        pin.addStretch(1)
        row.addLayout(pin, 2)
        self.retranslate()
        self._pin_changed()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Aanmelden voor medewerkers"))
        self.names_intro.setText(self.tr("1. Tik op je naam."))
        self.pin_intro.setText(self.tr("2. Typ je pincode."))
        self.login_button.setText(self.tr("Aanmelden"))
        self.cancel_button.setText(self.tr("Annuleren"))
        self.setup_code_button.setText(self.tr("Ik heb een instelcode"))
        self.setup_code_button.setAccessibleName(self.tr("Ik heb een instelcode: je pincode instellen"))
        self.keypad.retranslate()

    # --- names -----------------------------------------------------------------------------------
    def shown(self) -> None:
        super().shown()
        self.forget()
        self.names_intro.setText(self.tr("1. Tik op je naam."))
        # Set-up codes come from the server: only a kiosk with one offers them.
        self.setup_code_button.setVisible(self.window_.sync is not None)
        self.window_.db_tasks.run(self.window_.api.login_names, self._show_names, self._failed)

    def welcome(self, setup: HelperSetup) -> None:
        """Back from "staff-pin-setup": the helper's name is chosen, ready for the new PIN."""
        self._welcome = setup

    def _show_names(self, helpers: tuple[tuple[str, str], ...]) -> None:
        for button in self.name_buttons.values():
            self.name_group.removeButton(button)
            discard(button)
        self.name_buttons = {}
        for index, (helper_id, name) in enumerate(helpers):
            button = big_button(name)
            button.setCheckable(True)
            button.setMinimumHeight(72)
            button.clicked.connect(lambda _=False, h=helper_id: self.choose(h))
            self.name_group.addButton(button)
            self.names_grid.addWidget(button, index // self.NAME_COLUMNS, index % self.NAME_COLUMNS)
            button.show()  # at once, not at the next event loop pass
            self.name_buttons[helper_id] = button
        if not helpers:
            self.names_intro.setText(self.tr("Nog niemand kan zich op deze kiosk aanmelden. Kreeg je een instelcode "
                                             "van de coördinator? Tik dan op \"Ik heb een instelcode\"."))
        welcome, self._welcome = self._welcome, None
        if welcome is not None and welcome.helper_id in self.name_buttons:
            self.name_buttons[welcome.helper_id].click()
            self.message.say(self.tr("Je pincode is ingesteld, {name}. Typ hem nu om je aan te melden.")
                             .format(name=welcome.display_name), "marker")
        elif welcome is not None:
            self.message.say(self.tr("Je pincode is ingesteld. Je naam verschijnt hier zodra de kiosk "
                                     "gesynchroniseerd heeft; probeer het zo opnieuw."), "marker")
        elif len(helpers) == 1:
            self.name_buttons[helpers[0][0]].click()

    def choose(self, helper_id: str) -> None:
        self.helper_id = helper_id
        self.keypad.clear()
        self.message.say("")
        self.keypad.setFocus()

    # --- PIN -------------------------------------------------------------------------------------
    def _pin_changed(self) -> None:
        digits = len(self.keypad.digits)
        self.keypad.setEnabled(self.helper_id is not None and not self._busy)
        self.login_button.setEnabled(self.helper_id is not None and digits >= MIN_PIN_LENGTH
                                     and not self._busy)

    def submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        api, helper_id, pin = self.window_.api, self.helper_id, self.keypad.digits
        assert helper_id is not None  # the login button is enabled only once a name is chosen
        self.keypad.clear()  # the PIN lives on only in the task below
        self._busy = True
        self._pin_changed()
        self.window_.db_tasks.run(lambda: api.login(helper_id, pin), self._checked, self._failed)

    def _checked(self, result: LoginResult) -> None:
        self._busy = False
        self._pin_changed()
        if self.window_.stack.currentWidget() is not self:
            return  # the session was reset meanwhile: nobody is waiting for this login
        if result.user is not None:  # result.ok
            self.forget()
            self.window_.staff.logged_in(result.user)
        elif result.locked_minutes:
            self.message.say(self.tr("Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over "
                              "{n} minuten, of vraag een collega.").format(n=result.locked_minutes)
                      if result.locked_minutes > 1 else
                      self.tr("Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over "
                              "1 minuut, of vraag een collega."))
        else:
            self.message.say(self.tr("Deze pincode klopt niet. Je kunt het nog {n} keer proberen.")
                      .format(n=result.attempts_left))
        self.keypad.setFocus()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._pin_changed()
        self.message.say(error_text(exc))

    def forget(self) -> None:
        self.helper_id = None
        self.keypad.clear()
        self.message.say("")
        self.name_group.setExclusive(False)
        for button in self.name_buttons.values():
            button.setChecked(False)
        self.name_group.setExclusive(True)
        self._pin_changed()
