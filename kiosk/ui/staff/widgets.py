"""Building blocks of the helper screens: tap-only choices (chips), the PIN entry, and the base
class of every staff screen (header with the helper's name, back to the menu, log out)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.shared.entry import Keypad, MessageLine
from kiosk.ui.shared.screen import Screen
from kiosk.ui.shared.widgets import FlowLayout, big_button, role_label, scroll_area
from sync.pins import load_argon2

if TYPE_CHECKING:
    from kiosk.ui.visitor.visitor_code_dialog import VisitorCodeDialog


def discard(widget: QWidget) -> None:
    """Remove a widget now: hidden at once, deleted when control returns to the event loop."""
    widget.hide()
    widget.deleteLater()


def clear_layout(layout: QLayout, keep: int = 0) -> None:
    """Discard the widgets of a layout, keeping its last `keep` items (e.g. a closing stretch)."""
    while layout.count() > keep:
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:  # a stretch or spacer has no widget
            discard(widget)


class ChipGroup(QWidget):
    """A row of large toggle buttons for one field: single choice (a value) or multiple choice."""

    changed = Signal()

    def __init__(self, multiple: bool = False):
        super().__init__()
        self.multiple = multiple
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(not multiple)
        self._group.buttonToggled.connect(lambda *_: self.changed.emit())
        self._flow = FlowLayout(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_options(self, options: Iterable[tuple[str, str]]) -> None:
        """(code, label) pairs. Keeps the selection of codes that are still offered."""
        keep = self.selected()
        for button in self.buttons.values():
            self._group.removeButton(button)
            self._flow.removeWidget(button)
            discard(button)
        self.buttons = {}
        for code, label in options:
            button = big_button(label)
            button.setCheckable(True)
            self._group.addButton(button)
            self._flow.addWidget(button)
            button.show()  # at once, not at the next event loop pass (Qt's default for late children)
            self.buttons[code] = button
        self.set_selected(c for c in keep if c in self.buttons)

    def set_labels(self, labels: dict[str, str]) -> None:
        for code, button in self.buttons.items():
            if code in labels:
                button.setText(labels[code])
                button.setAccessibleName(labels[code])

    def selected(self) -> list[str]:
        return [code for code, button in self.buttons.items() if button.isChecked()]

    def value(self) -> str | None:
        chosen = self.selected()
        return chosen[0] if chosen else None

    def set_selected(self, codes: Iterable[str] | str | None) -> None:
        wanted = {codes} if isinstance(codes, str) else set(codes or ())
        self.blockSignals(True)
        self._group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
        for code, button in self.buttons.items():
            button.setChecked(code in wanted)
        self._group.setExclusive(not self.multiple)
        self.blockSignals(False)
        self.changed.emit()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._flow.heightForWidth(width)


class PinEntry(QWidget):
    """A PIN as dots above the big keypad. Only the keypad holds the digits; the dots show how many."""

    def __init__(self, max_length: int = 12):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.display = role_label("", "title", wrap=False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(56)
        self.keypad = Keypad(max_length)
        self.keypad.changed.connect(self._show_dots)
        layout.addWidget(self.display)
        layout.addWidget(self.keypad)
        self._show_dots()

    def _show_dots(self) -> None:
        typed = len(self.keypad.digits)
        self.display.setText("●" * typed if typed else "–")
        self.display.setAccessibleName(self.tr("{n} cijfers getypt").format(n=typed))


class StaffScreen(Screen):
    """A screen behind the PIN. Header: title, who is logged in, "Menu" and "Afmelden"; under it the
    sync banner (kiosk/ui/staff/banner.py) when the kiosk cannot sync.

    reset() (visitor-session reset, idle) logs the helper out and forgets what the screen showed."""

    def __init__(self, window, *, with_menu: bool = True):
        super().__init__(window)
        load_argon2()  # here, on the UI thread: every way to a PIN passes a staff screen; workers never import
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 18, 40, 16)
        outer.setSpacing(14)
        header = QHBoxLayout()
        header.setSpacing(12)
        self.title = role_label("", "title")
        header.addWidget(self.title, 1)
        self.who = role_label("", "muted", wrap=False)
        header.addWidget(self.who)
        self.menu_button = big_button()
        self.menu_button.clicked.connect(lambda: self.window_.show_screen("staff-menu"))
        self.menu_button.setVisible(with_menu)
        header.addWidget(self.menu_button)
        self.logout_button = big_button()
        self.logout_button.clicked.connect(lambda: self.window_.staff.logout())
        header.addWidget(self.logout_button)
        outer.addLayout(header)
        # The banner's module (kiosk.sync's status and view) loads with the first staff screen, not at
        # start-up: the home screen imports this module for the help calls' alert (staff/help_calls.py).
        from kiosk.ui.staff.banner import SyncBanner

        self.banner = SyncBanner(window)  # the kiosk cannot sync: every staff screen says so
        outer.addWidget(self.banner)
        self.body = QVBoxLayout()
        self.body.setSpacing(14)
        outer.addLayout(self.body, 1)

    @property
    def user(self):
        return self.window_.staff_user

    def retranslate(self) -> None:
        self.menu_button.setText(self.tr("Menu"))
        self.menu_button.setAccessibleName(self.tr("Terug naar het menu voor medewerkers"))
        self.logout_button.setText(self.tr("Afmelden"))
        self._show_who()

    def shown(self) -> None:
        self._show_who()
        self.banner.refresh()

    def _show_who(self) -> None:
        user = self.user
        self.who.setText(self.tr("Aangemeld: {name}").format(name=user.display_name) if user else "")
        self.logout_button.setVisible(user is not None)

    def reset(self) -> None:
        self.window_.staff.logout()
        self.forget()

    def forget(self) -> None:
        """Clear what this screen shows about the logged-in helper's work."""

    def add_list(self) -> None:
        """A message line, an "empty list" hint and a scrolling column of rows (`self.rows`, ending
        in a stretch) under the header: the body of the staff screens that list things."""
        self.message = MessageLine()
        self.body.addWidget(self.message)
        self.empty = role_label("", "muted")
        self.body.addWidget(self.empty)
        host = QWidget()
        self.rows = QVBoxLayout(host)
        self.rows.setSpacing(12)
        self.rows.addStretch(1)
        self.body.addWidget(scroll_area(host), 1)



class VisitorCodeControls(QObject):
    """The visitor code the visitor types in a dialog (the help form, the lend screen): a button
    that opens the dialog, one that takes the code away (one of the two shows), and a line that
    says whether there is one. The screen places the widgets and gives the texts."""

    def __init__(self, window: QWidget, parent: QObject):
        super().__init__(parent)
        self.window_ = window
        self.code: str | None = None
        self.dialog: VisitorCodeDialog | None = None
        self.added_text = self.empty_text = ""
        self.button = big_button()
        self.button.clicked.connect(self.ask)
        self.state = role_label("", "muted")
        self.remove = big_button()
        self.remove.clicked.connect(lambda: self.set(None))

    def set_texts(self, ask: str, remove: str, added: str, empty: str = "") -> None:
        self.button.setText(ask)
        self.remove.setText(remove)
        self.added_text, self.empty_text = added, empty
        self._show()

    def ask(self) -> None:
        from kiosk.ui.visitor.visitor_code_dialog import VisitorCodeDialog  # a staff screen starts without it

        dialog = self.dialog = VisitorCodeDialog(self.window_)
        dialog.code_ready.connect(self.set)
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        assert self.dialog is not None  # connected to this dialog's finished signal
        self.dialog.deleteLater()
        self.dialog = None

    def set(self, code: str | None) -> None:
        self.code = code
        self._show()

    def _show(self) -> None:
        has_code = self.code is not None
        self.state.setText(self.added_text if has_code else self.empty_text)
        self.remove.setVisible(has_code)
        self.button.setVisible(not has_code)
