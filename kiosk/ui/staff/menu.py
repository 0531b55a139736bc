"""Staff screen "staff-menu": large buttons to everything in the helper area.

Buttons for screens other parts of the kiosk register ("staff-settings", "staff-sync") and for
leaving the kiosk (`window.exit_kiosk()`) appear only when those exist; coordinators-only buttons
only for coordinators.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton

from kiosk.core.api import MenuStatus
from kiosk.ui.shared.dialogs import ChoiceDialog
from kiosk.ui.shared.screen import as_widget
from kiosk.ui.shared.widgets import big_button, role_label

if TYPE_CHECKING:
    from kiosk.ui.staff.help_form import HelpFormScreen
from kiosk.ui.staff.widgets import StaffScreen


class StaffMenuScreen(StaffScreen):
    COLUMNS = 3

    def __init__(self, window):
        super().__init__(window, with_menu=False)
        self.status = role_label("", "subtitle")
        self.body.addWidget(self.status)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.open_calls = 0
        self.shift_running = False
        self.exit_dialog: ChoiceDialog | None = None
        # All buttons are made once; offered() decides which this user sees on this kiosk.
        self.buttons: dict[str, QPushButton] = {}
        for name, role in (("form", "primary"), ("today", None), ("shift", None), ("calls", None),
                           ("lending", None), ("workshops", None), ("overview", None), ("accounts", None),
                           ("settings", None), ("sync", None), ("call-key", None), ("exit", "danger")):
            button = big_button("", role)
            button.setMinimumHeight(96)
            button.clicked.connect(lambda _=False, n=name: self.open(n))
            self.buttons[name] = button
        window.staff.calls_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Menu voor medewerkers"))
        b = self.buttons
        b["form"].setText(self.tr("Hulpvraag registreren"))
        b["today"].setText(self.tr("Hulpvragen van vandaag"))
        b["shift"].setText(self.tr("Spreekuur (loopt)") if self.shift_running else self.tr("Spreekuur"))
        b["calls"].setText(self.tr("Oproepen ({n})").format(n=self.open_calls))
        b["overview"].setText(self.tr("Overzicht"))
        b["lending"].setText(self.tr("Uitlenen"))
        b["workshops"].setText(self.tr("Vorming registreren"))
        coordinator = self.user is not None and self.user.is_coordinator
        b["accounts"].setText(self.tr("Medewerkers") if coordinator else self.tr("Mijn pincode"))
        b["settings"].setText(self.tr("Instellingen"))
        b["sync"].setText(self.tr("Synchronisatie"))
        b["call-key"].setText(self.tr("Sleutel voor oproepen"))
        b["exit"].setText(self.tr("Kiosk afsluiten"))

    def offered(self) -> list[str]:
        user, screens = self.user, self.window_.screens
        coordinator = user is not None and user.is_coordinator
        wanted = {"form": True, "today": True, "shift": True, "calls": True, "lending": "staff-lending" in screens,
                  "workshops": "staff-workshops" in screens,
                  "overview": coordinator,
                  "accounts": True,  # a digihelper: their own PIN (kiosk.core.accounts.HelperList.rows_for)
                  "settings": coordinator and "staff-settings" in screens, "sync": "staff-sync" in screens,
                  "call-key": coordinator,
                  "exit": coordinator and hasattr(self.window_, "exit_kiosk")}
        return [name for name, ok in wanted.items() if ok]

    def shown(self) -> None:
        super().shown()
        self.retranslate()  # a button's text may depend on who logged in
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
        for index, name in enumerate(self.offered()):
            self.grid.addWidget(self.buttons[name], index // self.COLUMNS, index % self.COLUMNS)
            self.buttons[name].show()
        self.refresh()

    def refresh(self) -> None:
        user = self.user
        if user is None:
            return
        api = self.window_.api
        self.window_.db_tasks.run(lambda: api.menu_status(user), self._show_status)

    def _show_status(self, status: MenuStatus) -> None:
        self.open_calls, shift = status.open_calls, status.shift
        self.shift_running = shift is not None
        clock = self.window_.api.clock
        parts = []
        if shift is not None:
            parts.append(self.tr("Je spreekuur loopt sinds {time} ({place}).")
                         .format(time=clock.local(shift.started_at).strftime("%H:%M"), place=shift.place))
        else:
            parts.append(self.tr("Je hebt geen spreekuur gestart."))
        if self.open_calls:
            parts.append(self.tr("Er wacht een bezoeker op hulp.") if self.open_calls == 1 else
                         self.tr("Er wachten {n} bezoekers op hulp.").format(n=self.open_calls))
        if status.taken_calls:
            parts.append(self.tr("Registreer nog de hulp bij je aangenomen oproep (bij Oproepen)."))
        self.status.setText(" ".join(parts))
        self.retranslate()

    def open(self, name: str) -> None:
        window = self.window_
        if name == "form":
            cast("HelpFormScreen", window.screens["staff-help-form"]).start_new()
        elif name == "exit":
            self.confirm_exit()
        else:
            target = {"today": "staff-today", "shift": "staff-shift", "calls": "staff-calls",
                      "overview": "staff-overview", "accounts": "staff-accounts", "settings": "staff-settings",
                      "sync": "staff-sync", "call-key": "staff-call-key", "lending": "staff-lending",
                      "workshops": "staff-workshops"}[name]
            screen = window.screens[target]
            if hasattr(screen, "back_to"):
                screen.back_to = "staff-menu"
            window.show_screen(target)

    def confirm_exit(self) -> None:
        dialog = self.exit_dialog = ChoiceDialog(
            as_widget(self.window_), self.tr("Kiosk afsluiten?"),
            self.tr("Digipunt stopt. Bezoekers kunnen deze computer dan niet meer gebruiken tot iemand "
                    "Digipunt opnieuw start."))
        dialog.add_button(self.tr("Nee, blijf open"), QDialog.DialogCode.Rejected, default=True)
        dialog.add_button(self.tr("Ja, afsluiten"), QDialog.DialogCode.Accepted, "danger")
        dialog.finished.connect(self._exit_answered)
        dialog.open()

    def _exit_answered(self, result: int) -> None:
        self.exit_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.window_.exit_kiosk()
