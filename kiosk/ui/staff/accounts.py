"""Staff screen "staff-accounts" (coordinators): the helpers of this kiosk, a new helper, a new
PIN, deactivating someone.

Only on a kiosk that was never enrolled: once enrolled the central server manages the helpers, and
the screen shows the list read-only with that explanation (kiosk/core/accounts.py refuses too).
A PIN is typed twice on the keypad by the person it belongs to; the screen asks to hand over the
computer. The first entry lives only in this screen until the second one matches, then only in the
task that hashes it.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core import accounts
from kiosk.core.accounts import HelperList, HelperRow, StaffUser
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.entry import MessageLine, error_text
from kiosk.ui.shared.screen import as_widget
from kiosk.ui.shared.widgets import big_button, hbox, role_label, scroll_area
from kiosk.ui.staff.widgets import ChipGroup, PinEntry, StaffScreen, clear_layout
from sync import labels
from sync.errors import DutchError
from sync.pins import MIN_PIN_LENGTH
from sync.protocol import ROLES

PIN_MAX = 12


def role_names() -> dict[str, str]:
    return {code: name for code, name in labels.ROLES.items()}


class StaffAccountsScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.listed = HelperList(enrolled=False)
        self.confirm_dialog: ChoiceDialog | None = None
        # The editor's state: "new" helper or "pin" of `target`; steps of the keypad.
        self.mode = "new"
        self.target: HelperRow | None = None
        self.steps: list[str] = []
        self.step = 0
        self.entered: dict[str, str] = {}
        self._busy = False

        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)
        self.pages.addWidget(self._list_page())
        self.pages.addWidget(self._editor_page())
        self.retranslate()

    # --- building ------------------------------------------------------------------------------
    def _list_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.intro = role_label("")
        self.add_button = big_button("", "primary")
        self.add_button.clicked.connect(self.start_new)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.intro, 1)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self.message = MessageLine()
        layout.addWidget(self.message)
        host = QWidget()
        self.rows = QVBoxLayout(host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(12)
        self.rows.addStretch(1)
        scroll = scroll_area(host)
        layout.addWidget(scroll, 1)
        return page

    def _editor_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(40)

        left = QVBoxLayout()
        left.setSpacing(12)
        self.editor_title = role_label("", "subtitle")
        left.addWidget(self.editor_title)
        self.name_label = role_label("")
        self.name = QLineEdit()
        self.name.setMaxLength(accounts.MAX_NAME_LENGTH)
        self.role_label = role_label("")
        self.role = ChipGroup()
        self.role.set_options((code, "") for code in ROLES)
        for widget in (self.name_label, self.name, self.role_label, self.role):
            left.addWidget(widget)
        left.addSpacing(8)
        self.hand_over = role_label("", "marker")
        left.addWidget(self.hand_over)
        left.addStretch(1)
        row.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(12)
        self.step_label = role_label("", "subtitle")
        self.pin_entry = PinEntry(PIN_MAX)
        self.keypad = self.pin_entry.keypad
        self.keypad.changed.connect(self._update_buttons)
        self.keypad.submitted.connect(self.next_step)
        self.cancel_button = big_button()
        self.cancel_button.clicked.connect(self.back_to_list)
        self.next_button = big_button("", "primary")
        self.next_button.clicked.connect(self.next_step)
        self.editor_message = MessageLine()
        right.addWidget(self.step_label)
        right.addWidget(self.pin_entry)
        right.addLayout(hbox(self.cancel_button, self.next_button))
        right.addWidget(self.editor_message)
        right.addStretch(1)
        row.addLayout(right, 2)
        return page

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Medewerkers"))
        self.intro.setText(accounts.ENROLLED_MESSAGE if self.listed.enrolled else
                           self.tr("Wie kan zich aanmelden op deze computer. Iemand stopt? Deactiveer de "
                                   "medewerker: wat die registreerde, blijft bewaard."))
        self.add_button.setText(self.tr("Nieuwe medewerker"))
        self.name_label.setText(self.tr("Naam, zoals collega's je kennen"))
        self.role_label.setText(self.tr("Rol"))
        self.role.set_labels(role_names())
        self.cancel_button.setText(self.tr("Annuleren"))
        self.keypad.retranslate()
        self._show_step()

    # --- the list ------------------------------------------------------------------------------
    def shown(self) -> None:
        super().shown()
        self.back_to_list()
        self.message.say("", "muted")
        self.refresh()

    def refresh(self) -> None:
        if self.user is None:
            return
        self.window_.db_tasks.run(self.window_.api.helpers, self._show_list, self._list_failed)

    @property
    def helpers(self) -> tuple[HelperRow, ...]:
        """The helpers listed now."""
        return self.listed.rows

    def _show_list(self, listed: HelperList) -> None:
        self.listed = listed
        clear_layout(self.rows, keep=1)
        for index, helper in enumerate(listed.rows_for(self.user)):
            self.rows.insertWidget(index, self._row(helper))
        self.add_button.setVisible(self.manages())
        self.retranslate()

    def manages(self) -> bool:
        """Whether this screen offers changes (core checks the same rules again)."""
        return self.listed.manageable_by(self.user)

    def _row(self, helper: HelperRow) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QHBoxLayout(card)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(16)
        text = QVBoxLayout()
        name = helper.display_name + (self.tr(" (jij)") if self.user and helper.id == self.user.id else "")
        text.addWidget(role_label(name, "subtitle"))
        details = [role_names().get(helper.role, helper.role)]
        if not helper.active:
            details.append(self.tr("niet meer actief"))
        elif helper.locked_minutes:
            details.append(self.tr("vergrendeld na te veel foute pincodes"))
        text.addWidget(role_label(" · ".join(details), "muted"))
        layout.addLayout(text, 1)
        if helper.active and self.listed.may_change_pin(self.user, helper.id):
            pin = big_button(self.tr("Pincode wijzigen"), accessible=self.tr("Pincode wijzigen van {name}")
                             .format(name=helper.display_name))
            pin.clicked.connect(lambda: self.start_pin(helper))
            layout.addWidget(pin)
        if self.manages() and helper.active:
            off = big_button(self.tr("Deactiveren"), accessible=self.tr("{name} deactiveren")
                             .format(name=helper.display_name))
            off.clicked.connect(lambda: self.confirm_deactivate(helper))
            layout.addWidget(off)
        return card

    def _list_failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))

    # --- new helper / new PIN ------------------------------------------------------------------
    def start_new(self) -> None:
        self._open_editor("new", None, ["new", "again"])
        self.name.clear()
        self.role.set_selected("digihelper")
        self.name.setFocus()

    def start_pin(self, helper: HelperRow) -> None:
        own = self.user is not None and helper.id == self.user.id
        self._open_editor("pin", helper, ["current", "new", "again"] if own else ["new", "again"])
        self.keypad.setFocus()

    def _open_editor(self, mode: str, target: HelperRow | None, steps: list[str]) -> None:
        self.mode, self.target, self.steps = mode, target, steps
        self.step, self.entered = 0, {}
        self.keypad.clear()
        self.editor_message.say("")
        for widget in (self.name_label, self.name, self.role_label, self.role):
            widget.setVisible(mode == "new")
        self._show_step()
        self.pages.setCurrentIndex(1)

    def _show_step(self) -> None:
        if not self.steps:
            return
        step, own = self.steps[self.step], "current" in self.steps
        name = self.target.display_name if self.target else ""
        if self.mode == "new":
            self.editor_title.setText(self.tr("Nieuwe medewerker"))
            self.hand_over.setText(self.tr("Typ de naam en tik op de rol. Geef de computer dan aan de nieuwe "
                                           "medewerker: die typt zelf een pincode van minstens {n} cijfers, "
                                           "twee keer. Kijk even weg.").format(n=MIN_PIN_LENGTH))
        elif own:
            self.editor_title.setText(self.tr("Je pincode wijzigen"))
            self.hand_over.setText(self.tr("Typ eerst je huidige pincode. Daarna typ je twee keer je nieuwe "
                                           "pincode, van minstens {n} cijfers.").format(n=MIN_PIN_LENGTH))
        else:
            self.editor_title.setText(self.tr("Nieuwe pincode voor {name}").format(name=name))
            self.hand_over.setText(self.tr("Geef de computer aan {name}: die typt zelf een nieuwe pincode van "
                                           "minstens {n} cijfers, twee keer. Kijk even weg.")
                                   .format(name=name, n=MIN_PIN_LENGTH))
        self.step_label.setText({
            "current": self.tr("Typ je huidige pincode."),
            "new": self.tr("Typ de nieuwe pincode."),
            "again": self.tr("Typ dezelfde pincode nog eens."),
        }[step])
        last = self.step == len(self.steps) - 1
        self.next_button.setText(self.tr("Opslaan") if last else self.tr("Volgende"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.keypad.setEnabled(not self._busy)
        self.cancel_button.setEnabled(not self._busy)
        self.next_button.setEnabled(not self._busy and len(self.keypad.digits) >= MIN_PIN_LENGTH)

    def next_step(self) -> None:
        if not self.next_button.isEnabled() or not self.steps:
            return
        if self.mode == "new" and not self.name.text().strip():
            self.editor_message.say(self.tr("Typ eerst de naam van de nieuwe medewerker."))
            self.name.setFocus()
            return
        step, digits = self.steps[self.step], self.keypad.digits
        self.keypad.clear()
        self.editor_message.say("")
        if step == "new":
            try:
                accounts.check_pin_rules(digits)  # plain arithmetic: say it now, not after typing it twice
            except DutchError as exc:
                self.editor_message.say(str(exc))
                return
        if step == "again" and digits != self.entered["new"]:
            self.entered.pop("new")
            self.step = self.steps.index("new")
            self._show_step()
            self.editor_message.say(self.tr("De twee pincodes zijn niet gelijk. Typ de nieuwe pincode opnieuw."))
            return
        self.entered[step] = digits
        if self.step < len(self.steps) - 1:
            self.step += 1
            self._show_step()
            self.keypad.setFocus()
            return
        self._save()

    def _save(self) -> None:
        api, actor, target = self.window_.api, self.user, self.target
        pin, current = self.entered["new"], self.entered.get("current")
        self.entered = {}  # from here on the PINs live only in the task
        mode, name, role = self.mode, self.name.text(), self.role.value() or "digihelper"

        def task() -> StaffUser | None:  # runs on the store worker: only the values captured here
            if mode == "new":
                return api.add_helper(actor, name, role, pin)
            assert target is not None  # a PIN reset has its helper
            api.reset_pin(actor, target.id, pin, current)
            return None

        self._busy = True
        self._update_buttons()
        self.window_.db_tasks.run(task, lambda added: self._saved(added, target), self._save_failed)

    def _saved(self, added: StaffUser | None, target: HelperRow | None) -> None:
        self._busy = False
        if self.user is None:
            return  # logged out meanwhile; forget() already cleared the screen
        if added is not None:
            done = self.tr("{name} is toegevoegd en kan zich nu aanmelden met de eigen pincode.").format(
                name=added.display_name)
        else:
            assert target is not None  # a PIN reset has its helper
            if target.id == self.user.id:
                done = self.tr("Je pincode is gewijzigd.")
            else:
                done = self.tr("De pincode van {name} is gewijzigd.").format(name=target.display_name)
        self.back_to_list()
        self.message.say(done, "marker")
        self.refresh()

    def _save_failed(self, exc: Exception) -> None:
        self._busy = False
        if self.user is None:
            return
        # Start the PIN steps again: whatever went wrong, nobody has to remember what was typed.
        self.step, self.entered = 0, {}
        self._show_step()
        self.editor_message.say(error_text(exc))

    def back_to_list(self) -> None:
        self.entered, self.steps, self.target = {}, [], None
        self.keypad.clear()
        self.editor_message.say("")
        self.pages.setCurrentIndex(0)

    # --- deactivating --------------------------------------------------------------------------
    def confirm_deactivate(self, helper: HelperRow) -> None:
        own = self.user is not None and helper.id == self.user.id
        dialog = self.confirm_dialog = ChoiceDialog(
            as_widget(self.window_), self.tr("{name} deactiveren?").format(name=helper.display_name),
            self.tr("Je kunt je daarna niet meer aanmelden en wordt meteen afgemeld. Wat je registreerde, "
                    "blijft bewaard.") if own else
            self.tr("{name} kan zich daarna niet meer aanmelden. Wat {name} registreerde, blijft bewaard.")
            .format(name=helper.display_name))
        dialog.add_button(self.tr("Nee, niet deactiveren"), QDialog.DialogCode.Rejected, default=True)
        dialog.add_button(self.tr("Ja, deactiveren"), QDialog.DialogCode.Accepted, "danger")
        dialog.finished.connect(lambda result: self._deactivate_answered(result, helper))
        dialog.open()

    def _deactivate_answered(self, result: int, helper: HelperRow) -> None:
        self.confirm_dialog = None
        if result != QDialog.DialogCode.Accepted or self.user is None:
            return
        api, actor = self.window_.api, self.user
        self.window_.db_tasks.run(lambda: api.deactivate(actor, helper.id),
                                  lambda _none: self._deactivated(helper), self._list_failed)

    def _deactivated(self, helper: HelperRow) -> None:
        if self.user is not None and helper.id == self.user.id:
            self.window_.staff.logout()
            return
        self.message.say(self.tr("{name} is gedeactiveerd.").format(name=helper.display_name), "marker")
        self.refresh()

    def forget(self) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.reject()
        self.back_to_list()
        self.name.clear()
        self.message.say("", "muted")
        self._show_list(HelperList(enrolled=False))
