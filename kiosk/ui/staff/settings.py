"""Staff screen "staff-settings": the installation settings (settings.json), with Dutch messages.

Only reachable from the staff menu, for coordinators (kiosk/ui/staff/area.py sends anyone not logged
in to the PIN login). Validation is the same pydantic model that
checks the file at start-up (kiosk/core/settings.py); the file is written off the UI thread.
"""
from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.settings import LANGUAGES, TEXT_SIZES, Settings, field_errors, save_settings
from kiosk.core.theme import palette
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.ui.staff.widgets import StaffScreen

# The fields staff edit here; the rest of settings.json (e.g. server_url) is kept as it is.
EDITABLE = ("default_language", "idle_seconds", "idle_countdown_seconds", "eloket_url", "browser_home_url",
            "official_domains", "default_text_size", "default_high_contrast", "allow_secret_file")


def dutch_errors(exc: ValidationError) -> dict[str, str]:
    """Field name -> one Dutch sentence (kiosk/core/settings.py words every error)."""
    return {field: text[:1].upper() + text[1:] + "." for field, text in field_errors(exc).items()}


def _spin(minimum: int, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setFixedWidth(240)
    # The kiosk style leaves the arrows a few pixels wide: give them room.
    box.setStyleSheet("QSpinBox { padding-right: 40px; } QSpinBox::up-button, QSpinBox::down-button { width: 36px; }")
    return box


class StaffSettingsScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        outer = self.body
        self.intro = role_label("", "muted")
        outer.addWidget(self.intro)

        fields = self.fields = {}
        fields["default_language"] = self.language = QComboBox()
        for code, own_name in LANGUAGES.items():
            self.language.addItem(own_name, code)
        fields["idle_seconds"] = self.idle_seconds = _spin(*_range("idle_seconds"))
        fields["idle_countdown_seconds"] = self.countdown_seconds = _spin(*_range("idle_countdown_seconds"))
        fields["eloket_url"] = self.eloket_url = QLineEdit()
        fields["browser_home_url"] = self.browser_home_url = QLineEdit()
        fields["official_domains"] = self.official_domains = QPlainTextEdit()
        self.official_domains.setMinimumHeight(120)
        fields["default_text_size"] = self.text_size = QComboBox()
        fields["default_high_contrast"] = self.high_contrast = QCheckBox()
        fields["allow_secret_file"] = self.allow_secret_file = QCheckBox()
        for name in ("eloket_url", "browser_home_url", "official_domains"):
            fields[name].setMaximumWidth(640)
        for name in ("default_language", "default_text_size"):
            fields[name].setFixedWidth(320)

        host = QWidget()
        self.form = QFormLayout(host)
        self.form.setSpacing(10)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        for name in EDITABLE:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(fields[name])
            error = role_label("", "error")
            error.hide()
            column.addWidget(error)
            self.errors[name] = error
            self.labels[name] = role_label(wrap=False)
            self.form.addRow(self.labels[name], column)
        scroll = scroll_area(host)
        outer.addWidget(scroll, 1)

        self.status = role_label("", "banner")
        self.status.hide()
        outer.addWidget(self.status)
        self.save_button = big_button("", "primary")
        self.undo_button = big_button()
        self.back_button = big_button()
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.load)
        self.back_button.clicked.connect(lambda: self.window_.show_screen("staff-menu"))
        outer.addLayout(hbox(self.back_button, self.undo_button, self.save_button, stretch_at=1))
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Instellingen van deze computer"))
        self.intro.setText(self.tr("Deze instellingen gelden voor elke bezoeker van deze computer. "
                                   "Nieuwe standaardwaarden gelden vanaf de volgende bezoeker."))
        texts = {
            "default_language": self.tr("Standaardtaal"),
            "idle_seconds": self.tr("Tijd zonder activiteit voor 'Ben je er nog?'"),
            "idle_countdown_seconds": self.tr("Aftelling voor alles gewist wordt"),
            "eloket_url": self.tr("Adres van het e-loket van de stad"),
            "browser_home_url": self.tr("Startpagina van de browser"),
            "official_domains": self.tr("Officiële websites (één domein per regel)"),
            "default_text_size": self.tr("Standaard tekstgrootte"),
            "default_high_contrast": self.tr("Standaard hoog contrast"),
            "allow_secret_file": self.tr("Geheimen in een bestand toestaan"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            self.fields[name].setAccessibleName(text)
        for box in (self.idle_seconds, self.countdown_seconds):
            box.setSuffix(self.tr(" seconden"))
        current = self.text_size.currentData()
        self.text_size.clear()
        for size, name in zip(TEXT_SIZES, (self.tr("Normaal"), self.tr("Groot"), self.tr("Heel groot")), strict=True):
            self.text_size.addItem(name, size)
        if current is not None:
            self.text_size.setCurrentIndex(TEXT_SIZES.index(current))
        self.high_contrast.setText(self.tr("Aan"))
        self.allow_secret_file.setText(self.tr("Alleen als deze computer geen veilige sleutelbos heeft"))
        self.official_domains.setPlaceholderText("vlaanderen.be\nbelgium.be")
        self.save_button.setText(self.tr("Opslaan"))
        self.undo_button.setText(self.tr("Wijzigingen ongedaan maken"))
        self.back_button.setText(self.tr("Terug"))
        style = f'QLabel[role="error"] {{ color: {palette(self.window_.prefs.theme)["danger"]}; font-weight: bold; }}'
        if style != self.styleSheet():  # restyling a whole screen is slow: only when the theme changed
            self.setStyleSheet(style)

    # --- form <-> settings -----------------------------------------------------------------------
    def load(self) -> None:
        """Fill the form from the settings in use; forget unsaved edits and messages."""
        s = self.window_.runtime.settings
        self.language.setCurrentIndex(self.language.findData(s.default_language))
        self.idle_seconds.setValue(s.idle_seconds)
        self.countdown_seconds.setValue(s.idle_countdown_seconds)
        self.eloket_url.setText(s.eloket_url)
        self.browser_home_url.setText(s.browser_home_url)
        self.official_domains.setPlainText("\n".join(s.official_domains))
        self.text_size.setCurrentIndex(TEXT_SIZES.index(s.default_text_size))
        self.high_contrast.setChecked(s.default_high_contrast)
        self.allow_secret_file.setChecked(s.allow_secret_file)
        self._show_errors({})
        self.status.hide()

    def form_values(self) -> dict:
        return {
            "default_language": self.language.currentData(),
            "idle_seconds": self.idle_seconds.value(),
            "idle_countdown_seconds": self.countdown_seconds.value(),
            "eloket_url": self.eloket_url.text().strip(),
            "browser_home_url": self.browser_home_url.text().strip(),
            "official_domains": [line.strip() for line in self.official_domains.toPlainText().splitlines()
                                 if line.strip()],
            "default_text_size": self.text_size.currentData(),
            "default_high_contrast": self.high_contrast.isChecked(),
            "allow_secret_file": self.allow_secret_file.isChecked(),
        }

    def save(self) -> None:
        try:
            new = Settings.model_validate({**self.window_.runtime.settings.model_dump(), **self.form_values()})
        except ValidationError as exc:
            self._show_errors(dutch_errors(exc))
            self._show_status(self.tr("Niet opgeslagen. Verbeter wat in het rood staat en probeer opnieuw."))
            return
        self._show_errors({})
        self.save_button.setEnabled(False)
        data_dir = self.window_.runtime.data_dir
        self.window_.db_tasks.run(lambda: save_settings(data_dir, new),
                                  on_done=lambda _: self._saved(new), on_error=self._save_failed)

    def _saved(self, new: Settings) -> None:
        self.save_button.setEnabled(True)
        self.window_.runtime.settings = new
        self.window_.prefs.use_settings(new)
        self.load()
        self._show_status(self.tr("Opgeslagen. Nieuwe standaardwaarden gelden vanaf de volgende bezoeker."))

    def _save_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self._show_status(self.tr("Opslaan is mislukt: {reason}. Controleer of de gegevensmap beschreven kan "
                                  "worden en probeer opnieuw.").format(reason=exc))

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def shown(self) -> None:
        super().shown()
        self.load()

    def forget(self) -> None:
        self.load()


def _range(field: str) -> tuple[int, int]:
    """The allowed range of an int setting, from the model itself."""
    metadata = Settings.model_fields[field].metadata
    low = next(m.ge for m in metadata if hasattr(m, "ge"))
    high = next(m.le for m in metadata if hasattr(m, "le"))
    return low, high
