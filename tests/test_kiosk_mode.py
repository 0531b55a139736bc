"""Kiosk lockdown and the visitor-session reset (everything except the browser profile, which
tests/test_browser.py checks with a real page)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout

from kiosk.ui.lockdown import REFUSED_KEYS
from kiosk.ui.shared.screen import Screen
from kiosk.ui.visitor.downloads import SessionFolder


class KeyRecorder(QObject):
    def __init__(self):
        super().__init__()
        self.keys = []

    MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.KeyPress and event.key() not in self.MODIFIER_KEYS:
            self.keys.append((event.modifiers(), event.key()))
        return False


class FormScreen(Screen):
    """Stands for any screen where a visitor types."""

    def __init__(self, window):
        super().__init__(window)
        layout = QVBoxLayout(self)
        self.line, self.notes = QLineEdit(), QPlainTextEdit()
        layout.addWidget(self.line)
        layout.addWidget(self.notes)
        self.resets = 0

    def reset(self):
        self.resets += 1


def test_visitor_mode_refuses_close_minimise_and_the_usual_keys(window, qtbot):
    window.enter_kiosk_mode()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint

    assert window.close() is False and window.isVisible()

    form = window.add_screen("form", FormScreen(window))
    field = form.line
    window.show_screen("form")
    qtbot.wait(50)  # let the screen switch settle before placing the focus
    field.setFocus()
    assert window.windowHandle().focusObject() is field
    recorder = KeyRecorder()
    field.installEventFilter(recorder)
    handle = window.windowHandle()
    for modifiers, key in REFUSED_KEYS:
        QTest.keyClick(handle, key, modifiers)
    assert recorder.keys == [] and window.isVisible() and window.isFullScreen()
    QTest.keyClick(handle, Qt.Key.Key_A)  # ordinary typing still arrives
    assert recorder.keys == [(Qt.KeyboardModifier.NoModifier, Qt.Key.Key_A)]

    window.showMinimized()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=2000)
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)

    window.exit_kiosk()  # the staff menu's way out
    assert not window.isVisible()


def test_windowed_development_mode_can_close(window):
    assert window.close() is True


def test_staff_shortcut_and_long_corner_press_ask_for_the_staff_login(window, qtbot):
    calls = []
    window.request_staff_access = lambda: calls.append("pin")  # the helper area's PIN login
    handle = window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert calls == ["pin"]

    window.lock.long_press_ms = 250
    # Not the corner (the greeting).
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1000, 130))
    qtbot.wait(400)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1000, 130))
    # A tap in the corner.
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    qtbot.wait(50)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    qtbot.wait(400)
    assert calls == ["pin"]
    # Held in the corner.
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    qtbot.waitUntil(lambda: calls == ["pin", "pin"], timeout=2000)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    assert window.current_screen_name() == "home"  # the gesture itself opens nothing else


def test_stop_button_asks_once_and_its_default_keeps_the_session(window, qtbot):
    session = window.session
    resets = []
    window.visitor_session_reset.connect(lambda: resets.append(1))
    assert session.stop_button.isVisible() and session.stop_button.text() == "Stop en wis alles"
    qtbot.mouseClick(session.stop_button, Qt.MouseButton.LeftButton)
    dialog = session.stop_dialog
    assert dialog.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert resets == [] and not dialog.isVisible()
    qtbot.mouseClick(session.stop_button, Qt.MouseButton.LeftButton)
    yes = next(b for b in session.stop_dialog.findChildren(type(session.stop_button)) if b.text() == "Ja, wis alles")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert resets == [1]


def test_reset_leaves_nothing_of_the_visitor_outside_the_browser(window, qtbot):
    form = window.add_screen("form", FormScreen(window))
    clipboard = QApplication.clipboard()

    # A visitor's session: typing, copying, a guide half-way, their own display choices, a dialog.
    window.walkthroughs.open("itsme", 3)
    window.show_screen("form")
    form.line.setText("mijn geheim")
    form.notes.setPlainText("BE71 0961 2345 6769")
    window.browser.address.setText("mijnbank.be")
    clipboard.setText("gekopieerd wachtwoord")
    window.prefs.set(language="ar", text_size="extra-large", high_contrast=True)
    window.read_aloud.enabled = True
    window.session.confirm_stop()
    window.session.idle._timer.start(60_000)  # the idle clock runs
    assert window.session.idle.running

    with qtbot.waitSignal(window.visitor_session_reset, timeout=1000):
        window.reset_visitor_session()

    assert clipboard.text(QClipboard.Mode.Clipboard) == ""
    assert form.line.text() == "" and form.notes.toPlainText() == "" and form.resets == 1
    assert window.browser.address.text() == ""
    assert window.walkthroughs.view.walkthrough is None  # walkthrough position forgotten
    s = window.runtime.settings
    assert (window.prefs.language, window.prefs.text_size, window.prefs.high_contrast) == \
        (s.default_language, s.default_text_size, s.default_high_contrast)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.read_aloud.enabled is False
    assert window.current_screen_name() == "home"
    assert not any(d.isVisible() for d in window.findChildren(QDialog))
    assert not window.session.idle.running  # waits for the next visitor's first touch


def test_reset_calls_every_screen_reset_and_refills_prefilled_fields(window):
    settings_screen = window.screens["staff-settings"]
    settings_screen.eloket_url.setText("https://typed.example/by-visitor")
    window.reset_visitor_session()
    assert settings_screen.eloket_url.text() == window.runtime.settings.eloket_url


def test_session_folders_left_by_a_crash_are_purged_at_start(tmp_path):
    live = SessionFolder(tmp_path)
    live_path = live.path()
    (live_path / "attest.pdf").write_bytes(b"%PDF-1.4 visitor")
    crashed = tmp_path / "session-crashed"  # its kiosk is gone: nobody holds its lock
    crashed.mkdir()
    (crashed / "belastingen.pdf").write_bytes(b"%PDF-1.4 earlier visitor")

    purged = SessionFolder(tmp_path).purge_stale()

    assert purged == 1 and not crashed.exists()
    assert live.files() == [live_path / "attest.pdf"]  # a running session keeps its files
    live.wipe()
    assert not live_path.exists() and live.files() == []
