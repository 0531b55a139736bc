"""Staff screen "staff-setup": first run, on a machine with no helpers that was never enrolled.

Two equal choices:
- "Deze kiosk verbinden met de centrale server" (cities with a central server): the enrollment form
  shared with "staff-sync" (kiosk/ui/staff/enroll_form.py). The helpers come from the server; on success
  the login lists them. The enrollment also starts the sync service.
- "Eerste coördinator aanmaken" (a kiosk without a server): the first coordinator and this kiosk's
  location in one transaction, then logs them in.

Connecting here is no less safe than creating the coordinator: both are open only while the machine
has no accounts and was never enrolled (create_first_coordinator checks that in its write
transaction, SyncService.enroll(first_run=True) on the worker right before the code is spent), and
whoever stands at such a blank kiosk could make themselves coordinator anyway; pointing it at a
server of their choice gives them no more than that.

This is the only staff screen with typing: the installer sets up the machine with a keyboard.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.accounts import StaffUser
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.widgets import Tile, big_button, hbox, role_label
from kiosk.ui.staff.enroll_form import EnrollForm
from kiosk.ui.staff.widgets import ChipGroup, StaffScreen
from sync import labels


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText)
    return field


def _page() -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(14)
    return page, layout


class StaffSetupScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window, with_menu=False)
        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)

        # The choice
        self.choice_page, choice = _page()
        self.choice_intro = role_label("", "muted")
        choice.addWidget(self.choice_intro)
        tiles = QHBoxLayout()
        tiles.setSpacing(24)
        self.connect_tile, self.create_tile = Tile(), Tile()
        self.connect_tile.clicked.connect(lambda: self.show_page(self.enroll_page))
        self.create_tile.clicked.connect(lambda: self.show_page(self.coordinator_page))
        for tile in (self.connect_tile, self.create_tile):
            # A button keeps its size hint's height, which ignores wrapped text: take room instead.
            tile.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            tiles.addWidget(tile, 1)
        choice.addLayout(tiles, 1)
        choice.addStretch(1)
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(self.window_.go_home)
        choice.addLayout(hbox(self.cancel_button, stretch_at=0))
        self.pages.addWidget(self.choice_page)

        # Connecting with the central server
        self.enroll_page, enroll = _page()
        self.enroll_form = EnrollForm(window, first_run=True)
        self.enroll_form.enrolled.connect(self._enrolled)
        self.enroll_form.busy_changed.connect(lambda busy: self.enroll_back.setEnabled(not busy))
        enroll.addWidget(self.enroll_form)
        enroll.addStretch(1)
        self.enroll_back = big_button()
        self.enroll_back.clicked.connect(self.show_choice)
        enroll.addLayout(hbox(self.enroll_back, self.enroll_form.submit_button, stretch_at=0))
        self.pages.addWidget(self.enroll_page)

        # The first coordinator
        self.coordinator_page, coordinator = _page()
        self.intro = role_label("", "muted")
        coordinator.addWidget(self.intro)
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
        for label, field in zip(self.labels, (self.name, self.location, self.kind, self.pin, self.pin_again),
                                strict=True):
            form.addRow(label, field)
        coordinator.addLayout(form)
        self.message = MessageLine()
        coordinator.addWidget(self.message)
        coordinator.addStretch(1)
        self.coordinator_back = big_button()
        self.coordinator_back.clicked.connect(self.show_choice)
        self.create_button = big_button("", "primary")
        self.create_button.clicked.connect(self.create)
        coordinator.addLayout(hbox(self.coordinator_back, self.create_button, stretch_at=0))
        self.pages.addWidget(self.coordinator_page)

        self.kind.set_options((code, "") for code in labels.LOCATION_KINDS)
        self.retranslate()
        self.forget()

    def retranslate(self) -> None:
        super().retranslate()
        self.choice_intro.setText(self.tr("Op deze computer zijn nog geen medewerkers. Kies hoe je deze kiosk "
                                          "instelt."))
        self.connect_tile.set_texts(
            self.tr("Deze kiosk verbinden met de centrale server"),
            self.tr("Voor steden en digibanken met een centrale server. De medewerkers komen dan van de server. "
                    "Je hebt het adres van de server en een koppelcode nodig."))
        self.create_tile.set_texts(
            self.tr("Eerste coördinator aanmaken"),
            self.tr("Voor een kiosk zonder server. Je maakt hier zelf de eerste coördinator aan en geeft deze "
                    "plek een naam."))
        self.cancel_button.setText(self.tr("Annuleren"))
        self.enroll_back.setText(self.tr("Terug"))
        self.intro.setText(self.tr("Maak de eerste coördinator van deze kiosk aan. Daarna meld je je aan met je "
                                   "naam en pincode."))
        for label, text in zip(self.labels, (self.tr("Jouw naam"), self.tr("Naam van deze plek"),
                                             self.tr("Soort plek"), self.tr("Pincode (minstens 6 cijfers)"),
                                             self.tr("Pincode nog eens")), strict=True):
            label.setText(text)
        self.location.setPlaceholderText(self.tr("bijvoorbeeld: Digipunt Bibliotheek Tweebronnen"))
        self.kind.set_labels(labels.LOCATION_KINDS)
        self.coordinator_back.setText(self.tr("Terug"))
        self.create_button.setText(self.tr("Coördinator aanmaken"))
        self._show_title()

    # --- pages -----------------------------------------------------------------------------------
    def shown(self) -> None:
        super().shown()
        self.show_choice()

    def show_choice(self) -> None:
        # While the server answers, stay on the form: no coordinator can be made meanwhile.
        if not self.enroll_form.busy:
            self.show_page(self.choice_page)

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._show_title()
        if page is self.enroll_page:
            self.enroll_form.prefill(self.window_.runtime.settings.server_url)
            self.enroll_form.url_input.setFocus()
        elif page is self.coordinator_page:
            self.name.setFocus()

    def _show_title(self) -> None:
        page = self.pages.currentWidget()
        self.title.setText(self.tr("Verbinden met de centrale server") if page is self.enroll_page
                           else self.tr("Eerste coördinator aanmaken") if page is self.coordinator_page
                           else self.tr("Eerste keer instellen"))

    # --- connecting --------------------------------------------------------------------------------
    def _enrolled(self, _result) -> None:
        """Connected: on to the login, where the server's helpers log in and a new one sets a PIN
        with a set-up code (the login says so when the server sent nobody yet)."""
        if self.window_.stack.currentWidget() is not self:
            return  # a session reset meanwhile: the gesture now opens the login
        self.forget()
        self.window_.show_screen("staff-login")

    # --- the first coordinator ---------------------------------------------------------------------
    def create(self) -> None:  # type: ignore[override]  # hides QWidget.create, which nothing here calls
        if self.pin.text() != self.pin_again.text():
            self.message.say(self.tr("De twee pincodes zijn niet gelijk. Typ ze opnieuw."))
            self.pin.clear()
            self.pin_again.clear()
            return
        api = self.window_.api
        name, place, kind, pin = self.name.text(), self.location.text(), self.kind.value() or "", self.pin.text()
        self.pin.clear()
        self.pin_again.clear()
        self.create_button.setEnabled(False)
        self.window_.db_tasks.run(lambda: api.create_first_coordinator(name, pin, place, kind),
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
        self.enroll_form.forget()
        self.show_choice()
