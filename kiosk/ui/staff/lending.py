"""Staff screen "staff-lending": lend a device, take it back, extend a loan, see what is out, erase
a borrower's contact on request.

Every action starts from the inventory tag: typed, or read by a USB barcode scanner (it types the
tag and presses Enter). Lending is a few taps: the due date comes from the settings, the device's
accessories are ticked, the eligibility is a category (never a document). The borrower's name and
phone go straight into `window.api.lend`, which seals them (kiosk/core/lending.py): after "Uitlenen"
the fields are cleared and this kiosk can no longer read them. The borrower may type a visitor code
(the visitor-code dialog: only its hash is kept), so the loan counts them as a distinct person.
"Contact wissen" erases a borrower's sealed contact before the retention ends, after a question.
The rules are in the core; this screen only collects taps.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

import sync.sealed  # noqa: F401  (cryptography, for sealing a contact on the store worker: loaded here, on the UI thread)
from kiosk.core.lending import DeviceInfo, LendingContext, LoanInfo, LoanInput, nothing_to_erase
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.screen import as_widget
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.ui.staff.widgets import ChipGroup, StaffScreen, VisitorCodeControls

MODES = ("lend", "return", "extend", "out", "erase")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumHeight(56)
    edit.setMaximumWidth(260)
    return edit


class LendingScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.context: LendingContext | None = None
        self.device: DeviceInfo | None = None
        self.erase_dialog: ChoiceDialog | None = None
        self.mode = ChipGroup()
        self.mode.changed.connect(self._mode_changed)
        self.body.addWidget(self.mode)
        self.tag_label = role_label("", "subtitle")
        self.tag = QLineEdit()
        self.tag.setMaxLength(40)
        self.tag.returnPressed.connect(self.look_up)  # a USB scanner types the tag and presses Enter
        self.find_button = big_button()
        self.find_button.clicked.connect(self.look_up)
        self.device_text = role_label("", "muted")
        self.body.addLayout(hbox(self.tag_label, self.tag, self.find_button))
        self.body.addWidget(self.device_text)

        host = QWidget()
        column = QVBoxLayout(host)
        column.setContentsMargins(0, 0, 0, 0)
        self.sections: dict[str, QWidget] = {}

        lend = self.sections["lend"] = QWidget()
        columns = QHBoxLayout(lend)  # what about the loan | who borrows: fits 1366x768 without scrolling
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(32)
        form, contact = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(contact, 2)
        form.setSpacing(8)
        contact.setSpacing(8)
        self.due_label, self.due = role_label("", "subtitle", wrap=False), _date_edit()
        self.accessories_label, self.accessories = role_label("", "subtitle", wrap=False), ChipGroup(multiple=True)
        # The two column headings wrap: at A++ the columns share 1366 px only that way.
        self.eligibility_label, self.eligibility = role_label("", "subtitle"), ChipGroup()
        self.eligibility.changed.connect(self._update)
        self.contact_label = role_label("", "subtitle")
        self.contact_hint = role_label("", "muted")
        self.name, self.phone = QLineEdit(), QLineEdit()
        self.name.setMaxLength(80)
        self.phone.setMaxLength(30)
        for field in (self.name, self.phone):
            field.textChanged.connect(self._update)
        self.code = VisitorCodeControls(window, self)  # the borrower types it: a distinct person in the counts
        self.lend_button = big_button("", "primary")
        self.lend_button.clicked.connect(self.lend)
        form.addLayout(hbox(self.due_label, self.due, stretch_at=2))
        for widget in (self.accessories_label, self.accessories, self.eligibility_label, self.eligibility):
            form.addWidget(widget)
        form.addStretch(1)
        for widget in (self.contact_label, self.contact_hint, self.name, self.phone):
            contact.addWidget(widget)
        contact.addLayout(hbox(self.code.button, self.code.remove, stretch_at=2))  # one shows at a time
        contact.addWidget(self.code.state)
        contact.addWidget(self.lend_button)
        contact.addStretch(1)

        back = self.sections["return"] = QWidget()
        form = QVBoxLayout(back)
        form.setContentsMargins(0, 0, 0, 0)
        self.condition_label, self.condition = role_label("", "subtitle", wrap=False), ChipGroup()
        self.condition.changed.connect(self._update)
        self.back_label, self.accessories_back = role_label("", "subtitle", wrap=False), ChipGroup(multiple=True)
        self.return_button = big_button("", "primary")
        self.return_button.clicked.connect(self.take_back)
        for widget in (self.condition_label, self.condition, self.back_label, self.accessories_back,
                       self.return_button):
            form.addWidget(widget)

        extend = self.sections["extend"] = QWidget()
        form = QVBoxLayout(extend)
        form.setContentsMargins(0, 0, 0, 0)
        self.new_due_label, self.new_due = role_label("", "subtitle", wrap=False), _date_edit()
        self.extend_button = big_button("", "primary")
        self.extend_button.clicked.connect(self.extend)
        for widget in (self.new_due_label, self.new_due, self.extend_button):
            form.addWidget(widget)

        self.sections["out"] = self.out_list = role_label("")

        erase = self.sections["erase"] = QWidget()
        form = QVBoxLayout(erase)
        form.setContentsMargins(0, 0, 0, 0)
        self.erase_hint = role_label("")
        self.erase_button = big_button("", "danger")
        self.erase_button.clicked.connect(self.ask_erase)
        form.addWidget(self.erase_hint)
        form.addLayout(hbox(self.erase_button, stretch_at=1))
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch(1)
        self.body.addWidget(scroll_area(host), 1)
        self.message = MessageLine()
        self.body.addWidget(self.message)
        self.retranslate()
        self.mode.set_selected("lend")

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Uitlenen"))
        self.mode.set_options(zip(MODES, (self.tr("Uitlenen"), self.tr("Terugbrengen"), self.tr("Verlengen"),
                                          self.tr("Uitgeleend"), self.tr("Contact wissen")), strict=True))
        self.tag_label.setText(self.tr("Inventarisnummer"))
        self.tag.setPlaceholderText(self.tr("Scan het toestel of typ het nummer, bijvoorbeeld LPT-001"))
        self.find_button.setText(self.tr("Zoek"))
        self.due_label.setText(self.tr("Terugbrengen op"))
        self.accessories_label.setText(self.tr("Meegegeven"))
        self.eligibility_label.setText(self.tr("Waarom mag deze persoon lenen?"))
        self.contact_label.setText(self.tr("Contact van de ontlener"))
        self.contact_hint.setText(self.tr("Naam en telefoon worden meteen versleuteld: deze computer kan ze daarna "
                                          "niet meer lezen. Alleen de coördinator opent ze, als het toestel te laat "
                                          "is."))
        self.name.setPlaceholderText(self.tr("Naam"))
        self.phone.setPlaceholderText(self.tr("Telefoonnummer"))
        self.code.set_texts(self.tr("Bezoekerscode"), self.tr("Weghalen"), self.tr("Code toegevoegd."),
                            self.tr("De ontlener typt ze (mag leeg)."))
        self.lend_button.setText(self.tr("Uitlenen"))
        self.condition_label.setText(self.tr("In welke staat is het toestel?"))
        self.back_label.setText(self.tr("Teruggebracht"))
        self.return_button.setText(self.tr("Terugnemen"))
        self.new_due_label.setText(self.tr("Nieuwe terugbrengdatum"))
        self.extend_button.setText(self.tr("Verlengen"))
        self.erase_hint.setText(self.tr("Wil de ontlener dat naam en telefoonnummer nu al gewist worden? Scan het "
                                        "toestel: het contact van de laatste uitlening ervan wordt gewist, hier en "
                                        "op de centrale server. Het contact van een eerdere uitlening wist de "
                                        "coördinator in de Digipunt-console, bij Uitlenen."))
        self.erase_button.setText(self.tr("Contact nu wissen"))

    def shown(self) -> None:
        super().shown()
        self.message.say("")
        loan_days = self.window_.runtime.settings.loan_days
        api = self.window_.api
        self.window_.db_tasks.run(lambda: api.lending_context(loan_days), self._show_context, self._failed)
        self._mode_changed()

    def _show_context(self, context: LendingContext) -> None:
        self.context = context
        self.due.setDate(_qdate(context.default_due_on))
        self.eligibility.set_options(context.eligibility)
        self.condition.set_options(context.conditions)
        self.accessories.set_options(context.accessories)
        self.accessories_back.set_options(context.accessories)
        if not context.can_lend:
            self.message.say(context.why_not)
        self._update()

    def _mode_changed(self) -> None:
        mode = self.mode.value() or "lend"
        for name, section in self.sections.items():
            section.setVisible(name == mode)
        for widget in (self.tag_label, self.tag, self.find_button, self.device_text):
            widget.setVisible(mode != "out")
        if mode == "out":
            api = self.window_.api
            self.window_.db_tasks.run(api.open_loans, self._show_out, self._failed)
        else:
            self.tag.setFocus()
        self._say_nothing_to_erase()
        self._update()

    def look_up(self) -> None:
        api, tag = self.window_.api, self.tag.text()
        self.window_.db_tasks.run(lambda: api.find_loan_device(tag), self._found, self._not_found)

    def _found(self, device: DeviceInfo) -> None:
        self.device = device
        text = " ".join(p for p in (device.kind_label, device.model) if p)
        if device.status == "lent" and device.due_on is not None:
            text += self.tr(" — uitgeleend, terug op {day}").format(day=device.due_on.strftime("%d/%m/%Y"))
            self.new_due.setDate(_qdate(device.due_on))
        elif device.erasable_returned_at is not None:  # the loan "Contact wissen" reaches
            clock = self.window_.api.clock
            end = clock.local(device.erasable_returned_at).strftime("%d/%m/%Y")
            if device.erasable_lent_at is None:  # taken back here, lent on another kiosk: not yet told when
                text += self.tr(" — laatst teruggebracht op {day}").format(day=end)
            else:
                start = clock.local(device.erasable_lent_at).strftime("%d/%m/%Y")
                text += self.tr(" — laatste uitlening van {start} tot {end}").format(start=start, end=end)
        self.device_text.setText(text)
        self.accessories.set_selected(device.accessories)
        self.accessories_back.set_selected(device.accessories)
        self.condition.set_selected(device.condition)
        self.message.say("")
        self._say_nothing_to_erase()
        self._update()

    def _say_nothing_to_erase(self) -> None:
        """In "Contact wissen": a device whose borrower's contact is no longer kept says so at once."""
        problem = nothing_to_erase(self.device) if self.device is not None else None
        if self.mode.value() == "erase" and problem:
            self.message.say(problem)
        elif problem and self.message.text() == problem:  # left the mode
            self.message.say("")

    def _not_found(self, exc: Exception) -> None:
        self.device = None
        self.device_text.setText("")
        self._failed(exc)

    def _update(self) -> None:
        found = self.device is not None and self.device.tag == self.tag.text().strip()
        lendable = found and self.context is not None and self.context.can_lend
        self.lend_button.setEnabled(bool(lendable and self.eligibility.value() and self.name.text().strip()
                                         and self.phone.text().strip()))
        self.return_button.setEnabled(found and self.condition.value() is not None)
        self.extend_button.setEnabled(found)
        self.erase_button.setEnabled(found and self.device is not None and nothing_to_erase(self.device) is None)

    def lend(self) -> None:
        user, api = self.user, self.window_.api
        data = LoanInput(tag=self.tag.text(), due_on=self.due.date().toPython(),
                         eligibility=self.eligibility.value() or "", contact_name=self.name.text(),
                         contact_phone=self.phone.text(), accessories=tuple(self.accessories.selected()),
                         visitor_code=self.code.code)
        self.window_.db_tasks.run(lambda: api.lend(user, data), lambda _id: self._done(self.tr("Uitgeleend.")),
                                  self._failed)

    def take_back(self) -> None:
        user, api, tag = self.user, self.window_.api, self.tag.text()
        condition, back = self.condition.value() or "", tuple(self.accessories_back.selected())
        self.window_.db_tasks.run(lambda: api.return_device(user, tag, condition, back),
                                  lambda _id: self._done(self.tr("Teruggenomen.")), self._failed)

    def extend(self) -> None:
        user, api, tag, due = self.user, self.window_.api, self.tag.text(), self.new_due.date().toPython()
        self.window_.db_tasks.run(lambda: api.extend_loan(user, tag, due),
                                  lambda _id: self._done(self.tr("Verlengd.")), self._failed)

    def ask_erase(self) -> None:
        tag = self.tag.text().strip()
        dialog = self.erase_dialog = ChoiceDialog(
            as_widget(self.window_), self.tr("Contact van de ontlener van {tag} wissen?").format(tag=tag),
            self.tr("Naam en telefoonnummer van de laatste uitlening van dit toestel worden gewist, hier en op de "
                    "centrale server. De coördinator kan de ontlener daarna niet meer bellen. De uitlening zelf "
                    "blijft geteld."))
        dialog.add_button(self.tr("Nee, houden"), QDialog.DialogCode.Rejected, default=True)
        dialog.add_button(self.tr("Ja, wissen"), QDialog.DialogCode.Accepted, "danger")
        dialog.finished.connect(lambda result: self._erase_answered(result, tag))
        dialog.open()

    def _erase_answered(self, result: int, tag: str) -> None:
        self.erase_dialog = None
        if result != QDialog.DialogCode.Accepted or self.user is None:
            return
        user, api = self.user, self.window_.api
        self.window_.db_tasks.run(lambda: api.erase_loan_contact(user, tag),
                                  lambda _id: self._done(self.tr("Contact gewist.")), self._failed)

    def _done(self, text: str) -> None:
        self.window_.staff.record_saved()
        self.forget()
        self.message.say(text, "marker")
        self.tag.setFocus()

    def _show_out(self, loans: tuple[LoanInfo, ...]) -> None:
        if not loans:
            self.out_list.setText(self.tr("Er is nu geen toestel uitgeleend."))
            return
        lines = []
        for loan in loans:
            due = loan.due_on.strftime("%d/%m/%Y")
            late = (self.tr(" — {n} dagen te laat").format(n=loan.overdue_days) if loan.overdue_days else "")
            lines.append(f"{loan.tag}  {loan.device_label}  " + self.tr("terug op {day}").format(day=due) + late)
        self.out_list.setText("\n".join(lines))

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))

    def forget(self) -> None:
        """The contact never stays in a field: cleared after lending, on every reset and log-out."""
        self.device = None
        for field in (self.tag, self.name, self.phone):
            field.clear()
        self.device_text.setText("")
        self.eligibility.set_selected(None)
        self.accessories.set_selected(None)
        self.accessories_back.set_selected(None)
        self.condition.set_selected(None)
        self.code.set(None)
        self.message.say("")
        if self.context is not None:
            self.due.setDate(_qdate(self.context.default_due_on))
        self._update()
