"""Help calls for helpers: the "staff-calls" screen and the alert strip.

"staff-calls" lists the visitors who tapped "Ik heb hulp nodig", on this kiosk or another kiosk of
the location (kiosk/ui/shared/calls.py), oldest first, with the guide, the step and the kiosk.
Taking a call ("Aannemen") clears it on every kiosk; the helper then goes and helps. The call stays
under "Door jou aangenomen" until, after the help, "Hulp registreren" opens the help-request form
with the guide's topic and the visitor's language (or "Niets te registreren" lets it go).

`CallAlert` is the strip at the top of the window while a helper is logged in: a new call plays a
short chime and says where, until the helper opens the list or someone takes it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.core.helpcalls import CallInfo
from kiosk.core.paths import resources_dir
from kiosk.ui.shared.calls import describe
from kiosk.ui.shared.entry import error_text
from kiosk.ui.shared.screen import KioskWindow
from kiosk.ui.shared.widgets import big_button, role_label

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from kiosk.ui.staff.help_form import HelpFormScreen
from kiosk.ui.staff.widgets import StaffScreen, clear_layout

CALLS_SCREEN = "staff-calls"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpCallsScreen", text)


class HelpCallsScreen(StaffScreen):
    def __init__(self, window):
        super().__init__(window)
        self.calls: tuple[CallInfo, ...] = ()
        self.taken: tuple[CallInfo, ...] = ()  # taken by this helper, help not registered yet
        self.add_list()
        window.staff.calls_changed.connect(self._calls_changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Oproepen"))
        self.empty.setText(self.tr("Er zijn geen oproepen. Als een bezoeker op 'Ik heb hulp nodig' tikt, "
                                   "hier of op een andere computer van deze locatie, verschijnt dat hier."))

    def shown(self) -> None:
        super().shown()
        self.message.say("")
        self.refresh()

    def _calls_changed(self) -> None:
        if self.window_.stack.currentWidget() is self:
            self.refresh()

    def refresh(self) -> None:
        if self.user is None:
            return
        api = self.window_.api  # in memory: no store work
        self._show(api.open_calls(), api.taken_calls(self.user))

    def describe(self, call: CallInfo) -> tuple[str, str]:
        return describe(self.window_, call)

    def _show(self, calls: tuple[CallInfo, ...], taken: tuple[CallInfo, ...]) -> None:
        self.calls, self.taken = calls, taken
        clear_layout(self.rows, keep=1)
        rows = [self._row(call, taken=False) for call in calls]
        if taken:
            rows.append(role_label(self.tr("Door jou aangenomen: registreer de hulp als je klaar bent"), "subtitle"))
            rows += [self._row(call, taken=True) for call in taken]
        for index, row in enumerate(rows):
            self.rows.insertWidget(index, row)
        self.empty.setVisible(not calls and not taken)

    def _row(self, call: CallInfo, *, taken: bool) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QHBoxLayout(card)
        layout.setContentsMargins(20, 12, 20, 12)
        text = QVBoxLayout()
        what, when = self.describe(call)
        text.addWidget(role_label(what, "subtitle"))
        text.addWidget(role_label(when, "muted"))
        layout.addLayout(text, 1)
        if taken:
            drop = big_button(self.tr("Niets te registreren"))
            drop.clicked.connect(lambda: self.drop(call))
            layout.addWidget(drop)
        button = big_button(self.tr("Hulp registreren") if taken else self.tr("Aannemen"), "primary")
        button.setMinimumWidth(200)
        button.clicked.connect(lambda: self.register(call) if taken else self.take(call))
        layout.addWidget(button)
        return card

    def take(self, call: CallInfo) -> None:
        """The helper goes to the visitor now; the form comes after the help (`register`)."""
        try:
            taken = self.window_.api.take_call(call.id, self.user)
        except Exception as exc:  # a colleague was first: say so, show what is left
            self._failed(exc)
            return
        self.window_.calls.taken(taken)  # gone on every kiosk of the location
        self.message.say(self.tr("Aangenomen. Ga naar {kiosk}. Registreer de hulp hier als je klaar bent.")
                         .format(kiosk=taken.kiosk_name), "marker")
        self.refresh()

    def register(self, call: CallInfo) -> None:
        guide = self.window_.staff.walkthrough(call.walkthrough_id)
        what, _when = self.describe(call)
        cast("HelpFormScreen", self.window_.screens["staff-help-form"]).start_new(
            topics=[guide.meta.topic] if guide is not None else [],
            context=self.tr("Oproep: {what}.").format(what=what), language=call.language, call_id=call.id)

    def drop(self, call: CallInfo) -> None:
        if self.user is not None:
            self.window_.api.call_registered(self.user, call.id)
        self.message.say("")
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self.message.say(error_text(exc))
        self.refresh()

    def forget(self) -> None:
        self._show((), ())
        self.message.say("")


class CallAlert(QFrame):
    """The strip a logged-in helper sees (and hears) when a visitor of the location calls."""

    def __init__(self, window: KioskWindow):
        super().__init__()
        self.window_ = window
        self.sound: QSoundEffect | None = None  # made at the first call (QtMultimedia loads only then)
        self.setProperty("role", "call-banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        self.text = role_label("", "subtitle")
        layout.addWidget(self.text, 1)
        self.button = big_button(_tr("Bekijken"), "primary")
        self.button.clicked.connect(lambda: window.show_screen(CALLS_SCREEN))
        layout.addWidget(self.button)
        self.hide()
        window.calls.changed.connect(window.staff.calls_changed)
        window.calls.changed.connect(self.update_alert)
        window.calls.arrived.connect(self._arrived)
        window.stack.currentChanged.connect(self.update_alert)

    def _arrived(self, call: CallInfo) -> None:
        if self.window_.staff_user is None:
            return  # a visitor uses this kiosk: calls are for helpers only
        self.chime()
        self.update_alert()

    def chime(self) -> None:
        if self.sound is None:
            from PySide6.QtMultimedia import QSoundEffect  # on the UI thread, at the first call

            self.sound = QSoundEffect(self)
            self.sound.setSource(QUrl.fromLocalFile(str(resources_dir() / "sounds" / "call.wav")))
            self.sound.setVolume(0.8)
        self.sound.play()

    def update_alert(self, _index: int = 0) -> None:
        calls = self.window_.api.open_calls()
        screen = self.window_.current_screen_name() or ""
        shown = bool(calls) and self.window_.staff_user is not None and screen != CALLS_SCREEN
        if shown:
            what, when = describe(self.window_, calls[-1])  # the newest: the one the chime was for
            more = _tr(" (en nog {n})").format(n=len(calls) - 1) if len(calls) > 1 else ""
            self.text.setText(_tr("Oproep: {what}. {when}{more}").format(what=what, when=when, more=more))
        self.setVisible(shown)
