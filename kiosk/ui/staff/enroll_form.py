"""Connecting this kiosk with the central server: server address + enrollment code.

One form, two hosts: "staff-sync" (a coordinator connects or reconnects the kiosk) and the first-run
screen "staff-setup" (a brand-new kiosk in a city with a central server). The enrollment itself runs
on the SyncService's worker (kiosk.sync.engine.SyncEngine.enroll); the first enrollment of a kiosk starts
that service. The host places `submit_button` (next to its own buttons) and listens to `enrolled`.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSysInfo, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.secrets import NoSecureStoreError
from kiosk.core.settings import Settings, allow_secret_file
from kiosk.sync.status import EnrollResult, SyncError
from kiosk.ui.shared.entry import MessageLine
from kiosk.ui.shared.sync_service import SyncService, service_for
from kiosk.ui.shared.widgets import big_button, role_label
from sync.errors import DutchError


class EnrollForm(QWidget):
    enrolled = Signal(object)  # EnrollResult
    started = Signal(object)  # the SyncService doing the work (new on a kiosk's first enrollment)
    busy_changed = Signal(bool)

    def __init__(self, window, *, first_run: bool = False):
        super().__init__()
        self.window_ = window
        self.first_run = first_run
        self.busy = False
        self._service: SyncService | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.intro = role_label("", "muted")
        layout.addWidget(self.intro)
        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.url_label, self.code_label = role_label("", wrap=False), role_label("", wrap=False)
        self.url_input, self.code_input = QLineEdit(), QLineEdit()
        self.url_input.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly
                                           | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.code_input.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase
                                            | Qt.InputMethodHint.ImhNoPredictiveText)
        self.code_input.setMaxLength(64)
        self.code_input.returnPressed.connect(self.submit)
        for row, (label, field) in enumerate(((self.url_label, self.url_input), (self.code_label, self.code_input))):
            label.setBuddy(field)
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)
        self.message = MessageLine()
        layout.addWidget(self.message)
        # The documented fallback, offered right here when the computer has no secure key store.
        self.allow_file = QCheckBox()
        self.allow_file.hide()
        self.allow_file.toggled.connect(self._allow_file_toggled)
        layout.addWidget(self.allow_file)
        self.submit_button = big_button("", "primary")
        self.submit_button.clicked.connect(self.submit)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Vraag de coördinator van de centrale server een koppelcode (een code is 24 uur "
                                   "geldig en werkt één keer). Typ daarna het adres van de server en de code."))
        self.url_label.setText(self.tr("Adres van de server"))
        self.code_label.setText(self.tr("Koppelcode"))
        self.url_input.setPlaceholderText("https://sync.digipunt.be")
        self.code_input.setPlaceholderText("ABCD-EFGH-JKLM")
        self.submit_button.setText(self.tr("Koppelen"))
        self.allow_file.setText(self.tr("Geheimen in een bestand toestaan (in de gegevensmap, alleen leesbaar voor "
                                        "deze gebruiker)"))

    def prefill(self, url: str | None) -> None:
        """The address the kiosk already knows (settings.json or an earlier enrollment)."""
        if not self.url_input.text() and url:
            self.url_input.setText(url)

    def forget(self) -> None:
        self.code_input.clear()
        self.message.say("", "muted")
        self._offer_file(False)

    # --- no secure key store: the fallback -----------------------------------------------------------
    def _offer_file(self, offer: bool) -> None:
        self.allow_file.blockSignals(True)
        self.allow_file.setChecked(False)
        self.allow_file.setEnabled(True)
        self.allow_file.blockSignals(False)
        self.allow_file.setVisible(offer)

    def _allow_file_toggled(self, checked: bool) -> None:
        if not checked:
            return
        runtime = self.window_.runtime
        data_dir, in_use = runtime.data_dir, runtime.settings
        self.allow_file.setEnabled(False)
        self.window_.db_tasks.run(lambda: allow_secret_file(data_dir, in_use), self._file_allowed,
                                  self._file_refused)

    def _file_allowed(self, settings: Settings) -> None:
        """In use at once (no restart): the settings, and the secret store of the sync service."""
        self.window_.runtime.settings = settings
        if self._service is not None:
            self._service.engine.secrets.allow_file = True
        self.message.say(self.tr("Toegestaan. De sleutel van de server komt in een beschermd bestand in {folder}. "
                                 "Tik nu opnieuw op 'Koppelen'.").format(folder=self.window_.runtime.data_dir),
                         "marker")

    def _file_refused(self, exc: Exception) -> None:
        self._offer_file(True)
        self.message.say(self.tr("Dat kon niet in settings.json geschreven worden ({reason}). Kijk of de gegevensmap "
                                 "{folder} beschreven kan worden.").format(reason=type(exc).__name__,
                                                                          folder=self.window_.runtime.data_dir))

    # --- enrolling -------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy:
            return
        url, code = self.url_input.text().strip(), self.code_input.text().strip()
        if not url or not code:
            self.message.say(self.tr("Vul het adres van de server en de koppelcode in."))
            return
        self._service = service_for(self.window_)
        self._set_busy(True)
        self.message.say(self.tr("Bezig met koppelen..."), "muted")
        self.started.emit(self._service)
        self._service.enroll(url, code, QSysInfo.machineHostName() or "kiosk", self._finished,
                             first_run=self.first_run)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.submit_button.setEnabled(not busy)
        self.busy_changed.emit(busy)

    def _finished(self, result: EnrollResult | Exception) -> None:
        self._set_busy(False)
        if isinstance(result, EnrollResult):
            self.code_input.clear()
            self._offer_file(False)
            done = self.tr("Gekoppeld. Deze computer synchroniseert nu met de server.")
            if result.local_helpers_deactivated:
                done += " " + self.tr("De medewerkers komen voortaan van de server. De {n} medewerker(s) die op "
                                      "deze computer gemaakt waren, kunnen zich niet meer aanmelden: meld je af en "
                                      "meld je aan met je naam en pincode van de server.").format(
                    n=result.local_helpers_deactivated)
            self.message.say(done, "marker")
            self.enrolled.emit(result)
        else:
            self.message.say(self.error_text(result))
            self._offer_file(isinstance(result, NoSecureStoreError) and self._no_key_store())

    def _no_key_store(self) -> bool:
        return self._service is not None and not self._service.engine.secrets.secure

    # --- texts -----------------------------------------------------------------------------------
    def _minutes(self, seconds: int) -> str:
        minutes = max(1, -(-seconds // 60))
        return self.tr("1 minuut") if minutes == 1 else self.tr("{n} minuten").format(n=minutes)

    def error_text(self, exc: Exception) -> str:
        if isinstance(exc, NoSecureStoreError):
            if self._no_key_store():
                return self.tr("Deze computer heeft geen veilige sleutelbos (zoals Windows Referentiebeheer of "
                               "GNOME Keyring), dus Digipunt kan de sleutel van de server niet veilig bewaren. "
                               "Installeer een sleutelbos en probeer opnieuw. Of, als de beheerder dat risico "
                               "aanvaardt: vink hieronder 'Geheimen in een bestand toestaan' aan. De sleutel komt "
                               "dan in een beschermd bestand in de gegevensmap {folder} (in settings.json daar: "
                               "\"allow_secret_file\": true).").format(folder=self.window_.runtime.data_dir)
            return str(exc)
        if isinstance(exc, DutchError):  # before ValueError: DutchError is one
            return str(exc)
        if isinstance(exc, ValueError):  # the address (kiosk.core.settings.check_url says why)
            return self.tr("Dit serveradres kan niet: het {reason}. Bijvoorbeeld: https://sync.digipunt.be").format(
                reason=str(exc))
        kind = exc.kind if isinstance(exc, SyncError) else "internal"
        if kind == "too-many-attempts":
            seconds = int(exc.detail) if isinstance(exc, SyncError) and exc.detail.isdigit() else 60
            return self.tr("Er zijn te veel verkeerde codes geprobeerd. Wacht {wait} en typ dan de code "
                           "opnieuw, precies zoals de coördinator hem gaf.").format(wait=self._minutes(seconds))
        texts = {
            "code-refused": self.tr("Deze code klopt niet, is al gebruikt of is verlopen (een code is 24 uur geldig). "
                                    "Vraag de coördinator een nieuwe code."),
            "offline": self.tr("Digipunt vindt de server niet. Kijk of het internet werkt (wifi of kabel) en of het "
                               "adres van de server juist is. Probeer daarna opnieuw."),
            "timeout": self.tr("De server antwoordt niet op tijd. Probeer het over een paar minuten opnieuw."),
            "tls": self.tr("De beveiligde verbinding met de server is niet in orde (certificaat). Kijk of het adres "
                           "juist is. Klopt het? Vraag dan de beheerder om het certificaat na te kijken."),
            "server": self.tr("De server heeft een probleem. Probeer het over een paar minuten opnieuw."),
            "not-sync-server": self.tr("Op dit adres antwoordt geen Digipunt-server. Kijk het adres na. Moet je eerst "
                                       "inloggen op de wifi? Doe dat dan eerst in de browser."),
        }
        return texts.get(kind, self.tr("Het koppelen is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? "
                                       "Meld het aan de beheerder."))
