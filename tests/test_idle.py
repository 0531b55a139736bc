"""Idle detection: the clock waits for the first input, the question's default keeps the session,
only the countdown (or an explicit stop) resets. Times are injected in milliseconds."""
from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

_moves = itertools.count()


def touch(window):
    """Real platform input: a mouse move through the window system, as a visitor's hand makes.
    Each move goes somewhere new: Qt drops a move that does not change the position."""
    QTest.mouseMove(window.windowHandle(), QPoint(600 + next(_moves) % 200, 740))


def fast_idle(window, idle_ms=150, countdown_ms=10_000):
    session = window.session
    session.idle.idle_ms = lambda: idle_ms
    session.countdown_ms = lambda: countdown_ms
    return session


def test_idle_clock_does_not_run_before_the_first_input(window, qtbot):
    session = fast_idle(window)
    qtbot.wait(400)  # well past the idle time, nobody touched the kiosk
    assert not session.idle.running and session.idle_dialog is None
    touch(window)
    assert session.idle.running
    qtbot.waitUntil(lambda: session.idle_dialog is not None and session.idle_dialog.isVisible(), timeout=3000)


def test_input_keeps_pushing_the_question_back(window, qtbot):
    session = fast_idle(window, idle_ms=300)
    for _ in range(6):  # 6 x 100 ms of activity: longer than the idle time in total
        touch(window)
        qtbot.wait(100)
    assert session.idle_dialog is None
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)


def test_the_default_answer_keeps_the_session(window, qtbot):
    session = fast_idle(window)
    window.prefs.set(text_size="large")
    resets = []
    window.visitor_session_reset.connect(lambda: resets.append(1))
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    dialog = session.idle_dialog
    assert dialog.keep_button.isDefault() and not dialog.stop_button.isDefault()
    assert dialog.keep_button.text() == "Ja, ik ben er nog"
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # a stray Enter must not wipe the visitor's work
    assert not dialog.isVisible() and session.idle_dialog is None
    assert session.idle.running and resets == [] and window.prefs.text_size == "large"

    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)  # asked again later
    QTest.keyClick(session.idle_dialog, Qt.Key.Key_Escape)  # Escape is no choice to stop either
    assert resets == [] and window.prefs.text_size == "large"


def test_countdown_reaching_zero_resets_and_waits_for_the_next_visitor(window, qtbot):
    session = fast_idle(window, countdown_ms=400)
    window.prefs.set(language="fr")
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    assert session.idle_dialog.countdown.text() == "Encore 1 seconde."
    with qtbot.waitSignal(window.visitor_session_reset, timeout=3000):
        pass
    assert window.prefs.language == window.runtime.settings.default_language
    assert session.idle_dialog is None and not session.idle.running  # no endless reset loop
    qtbot.wait(300)
    assert session.idle_dialog is None


def test_explicit_stop_in_the_question_resets(window, qtbot):
    session = fast_idle(window)
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    with qtbot.waitSignal(window.visitor_session_reset, timeout=1000):
        qtbot.mouseClick(session.idle_dialog.stop_button, Qt.MouseButton.LeftButton)


def test_the_question_is_read_aloud_when_read_aloud_is_on(window, qtbot, monkeypatch):
    session = fast_idle(window)
    spoken = []
    monkeypatch.setattr(window.read_aloud, "say", lambda text, language: spoken.append((text, language)))
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    assert spoken == []  # read-aloud is off
    session.idle_dialog.done(session.idle_dialog.KEEP)
    window.read_aloud.enabled = True
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    assert len(spoken) == 1 and spoken[0][1] == "nl"
    assert "Ben je er nog?" in spoken[0][0] and "Ja, ik ben er nog" in spoken[0][0]
