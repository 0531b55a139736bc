"""What a person types and is told, for visitors and staff alike: the big numeric keypad (a helper's
PIN, a visitor's birth date), the message line under a form, and the Dutch text of a failed task."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.core.api import StoreError
from kiosk.core.secrets import NoSecureStoreError
from kiosk.ui.shared.widgets import TextLabel, big_button
from sync.errors import DutchError


def error_text(exc: Exception) -> str:
    """What to show for a failed store task: our own Dutch messages as they are, else a safe default
    (an unexpected exception's text may be English or hold input, so it only goes to the log)."""
    if isinstance(exc, (DutchError, NoSecureStoreError, StoreError)):
        return str(exc)
    return QCoreApplication.translate("Staff", "Dat is niet gelukt. Probeer het opnieuw. Lukt het nog altijd "
                                               "niet? Meld het aan de coördinator.")


class MessageLine(TextLabel):
    """Tells the helper what happened. Roles: "banner" for a problem, "marker" for done, "muted"
    for a hint. Hidden while empty, unless `keep_space` (it sits in a row of buttons)."""

    def __init__(self, keep_space: bool = False):
        super().__init__()
        self.setWordWrap(True)
        self.keep_space = keep_space
        self.say("", "muted")

    @property
    def role(self) -> str:
        return self.property("role")

    def say(self, text: str, role: str = "banner") -> None:
        if self.property("role") != role:
            self.setProperty("role", role)
            # A new (empty) own style sheet makes Qt re-apply the application's, padding included;
            # unpolish/polish alone updates the colours but not the box.
            self.setStyleSheet(f"/* {role} */")
        self.setText(text)
        self.setVisible(self.keep_space or bool(text))


class Keypad(QWidget):
    """A big on-screen numeric keypad that also takes the keyboard's digits, Backspace and Enter.

    Holds the digits itself; `changed` after every key, `submitted` on Enter."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, max_length: int = 12, key_height: int = 64, *, visitor: bool = False):
        super().__init__()
        self.max_length = max_length
        self.key_height = key_height
        self.visitor = visitor  # a helper's keypad is Dutch, a visitor's speaks their language
        self._digits = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # 1 2 3 from the left in Arabic too, as on every phone
        grid = QGridLayout(self)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789"):
            self._add_key(grid, key, key, index // 3, index % 3)
        self.clear_key = self._add_key(grid, "clear", "", 3, 0)
        self._add_key(grid, "0", "0", 3, 1)
        self.back_key = self._add_key(grid, "back", "⌫", 3, 2)
        self.retranslate()

    def _add_key(self, grid: QGridLayout, name: str, text: str, row: int, column: int) -> QPushButton:
        key = big_button(text)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard keeps typing into the keypad
        key.setMinimumSize(96, self.key_height)
        key.setAutoRepeat(name == "back")
        key.clicked.connect(lambda: self.press(name))
        grid.addWidget(key, row, column)
        self.keys[name] = key
        return key

    def retranslate(self) -> None:
        if self.visitor:
            texts = self.tr("Wissen"), self.tr("Alles wissen"), self.tr("Laatste cijfer wissen")
        else:  # staff screens are Dutch, whatever language the visitor chose
            texts = "Wissen", "Alles wissen", "Laatste cijfer wissen"
        self.clear_key.setText(texts[0])
        self.clear_key.setAccessibleName(texts[1])
        self.back_key.setAccessibleName(texts[2])

    @property
    def digits(self) -> str:
        return self._digits

    def clear(self) -> None:
        self._digits = ""
        self.changed.emit()

    def press(self, key: str) -> None:
        if key == "clear":
            self._digits = ""
        elif key == "back":
            self._digits = self._digits[:-1]
        elif key.isdigit() and len(self._digits) < self.max_length:
            self._digits += key
        self.changed.emit()

    def keyPressEvent(self, event) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("back")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        else:
            super().keyPressEvent(event)
