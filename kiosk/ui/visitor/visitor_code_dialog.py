"""The visitor-code dialog: the VISITOR types their initials and birth date; only the code is kept.

The facts are read from the fields, checked, and the fields are cleared before the code is computed
(kiosk/core/visitor_code.py explains the code). They are never stored, logged or sent anywhere.
"""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout
from shiboken6 import isValid

from kiosk.core.visitor_code import MAX_INITIALS, VisitorCodeError, normalise_initials, parse_birth_date
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.entry import Keypad, MessageLine, error_text
from kiosk.ui.shared.widgets import big_button, role_label

DATE_TEMPLATE = "dd-mm-jjjj"
_DIGIT_PLACES = (0, 1, 3, 4, 6, 7, 8, 9)  # where the 8 typed digits go in the template


class VisitorCodeDialog(ChoiceDialog):
    code_ready = Signal(str)
    WIDTH = 900
    FOR_VISITOR = True  # the visitor types, in their language, on the helper's form

    def __init__(self, window):
        super().__init__(window, self.tr("Bezoekerscode"),
                         self.tr("Voor de bezoeker: typ zelf je initialen en je geboortedatum. We bewaren ze "
                                 "niet. We maken er een code van die niemand kan terugrekenen. Zo tellen we "
                                 "hoeveel verschillende mensen we helpen."))
        self.window_ = window
        fields = QHBoxLayout()
        fields.setSpacing(30)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(role_label(self.tr("Je initialen (bijvoorbeeld: JP)"), "subtitle"))
        self.initials = QLineEdit()
        self.initials.setMaxLength(MAX_INITIALS * 3)  # room for dots and spaces
        self.initials.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\p{L} .\-]*"), self.initials))
        self.initials.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.initials.setAccessibleName(self.tr("Je initialen"))
        left.addWidget(self.initials)
        left.addSpacing(10)
        left.addWidget(role_label(self.tr("Je geboortedatum: dag, maand, jaar"), "subtitle"))
        self.birth_display = role_label("", "title", wrap=False)
        left.addWidget(self.birth_display)
        left.addStretch(1)
        fields.addLayout(left, 1)
        self.keypad = Keypad(8, key_height=56, visitor=True)
        self.keypad.changed.connect(self._show_birth)
        self.keypad.submitted.connect(self.make_code)
        fields.addWidget(self.keypad)
        self.body.insertLayout(2, fields)
        self.error_line = MessageLine()
        self.body.insertWidget(3, self.error_line)
        self.add_button(self.tr("Annuleren"), QDialog.DialogCode.Rejected)
        self.make_button = big_button(self.tr("Code maken"), "primary")
        self.make_button.setAutoDefault(False)
        self.make_button.clicked.connect(self.make_code)
        self.buttons.addWidget(self.make_button, 1)
        self.finished.connect(lambda _result: self._clear())
        self._show_birth()

    def showEvent(self, event) -> None:
        self._fit_height()
        super().showEvent(event)

    def _fit_height(self) -> None:
        # adjustSize() caps a window at 2/3 of the screen; the keypad must never be squeezed, also
        # not when a message line appears under it.
        layout = self.layout()
        assert layout is not None  # set in __init__
        self.setMinimumHeight(layout.totalHeightForWidth(self.width()))

    def _say(self, text: str) -> None:
        self.error_line.say(text)
        self._fit_height()

    def _date_template(self) -> str:
        template = self.tr("dd-mm-jjjj", "10 characters: day, month, year letters with dashes at places 3 and 6")
        shaped = len(template) == len(DATE_TEMPLATE) and template[2] == template[5] == "-"
        return template if shaped else DATE_TEMPLATE

    def _reason(self, exc: VisitorCodeError) -> str:
        """The core's Dutch message, in the visitor's language."""
        texts = {
            "initials": self.tr("Typ de eerste letter van je voornaam en van je familienaam (1 tot {n} letters).")
                        .format(n=MAX_INITIALS),
            "date-format": self.tr("Typ je geboortedatum met 8 cijfers: dag, maand, jaar. Bijvoorbeeld 05091948 "
                                   "voor 5 september 1948."),
            "date-invalid": self.tr("Deze datum bestaat niet. Kijk de dag, de maand en het jaar na."),
        }
        return texts.get(exc.reason, str(exc))

    def _show_birth(self) -> None:
        digits = self.keypad.digits
        shown = list(self._date_template())
        for position, digit in zip(_DIGIT_PLACES, digits, strict=False):
            shown[position] = digit
        self.birth_display.setText("".join(shown))
        self.birth_display.setAccessibleName(self.tr("{n} van 8 cijfers getypt").format(n=len(digits)))

    def make_code(self) -> None:
        today = self.window_.api.clock.today()
        try:
            initials = normalise_initials(self.initials.text())
            born = parse_birth_date(self.keypad.digits, today)
        except VisitorCodeError as exc:
            self._say(self._reason(exc))
            return
        self._clear()  # from here on the facts live only in the task below
        self.make_button.setEnabled(False)
        coder = self.window_.staff.visitor_coder
        self.window_.db_tasks.run(lambda: coder.code(initials, born), self._made, self._failed)

    def _made(self, code: str) -> None:
        if not isValid(self) or not self.isVisible():
            return  # closed meanwhile (the visitor session was reset): the code is not wanted
        self.code_ready.emit(code)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self.make_button.setEnabled(True)
        self._say(error_text(exc))

    def _clear(self) -> None:
        self.initials.clear()
        self.keypad.clear()
