"""The reminder before the last goodbye: a picture of an eID, a bank card and a phone, and "take
them with you", in the visitor's language. Cards left in the reader are a common loss at public
computers; "Stop en wis alles" and the idle question both show it (kiosk/ui/visitor/session.py, idle.py)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.paths import resources_dir
from kiosk.ui.shared.widgets import role_label

PICTURE = QSize(180, 82)


class TakeAlong(QWidget):
    def __init__(self):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        self.picture = QLabel()
        self.picture.setPixmap(QIcon(str(resources_dir() / "icons" / "take-along.svg")).pixmap(PICTURE))
        self.picture.setFixedSize(PICTURE)
        layout.addWidget(self.picture)
        self.text = role_label("", "subtitle")
        layout.addWidget(self.text, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.text.setText(self.tr("Neem je eID, je bankkaart en je gsm mee."))
        self.picture.setAccessibleName(self.tr("Identiteitskaart, bankkaart en gsm"))
