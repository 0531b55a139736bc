"""The idle clock waits for the phone (a step's `works_elsewhere`), and the goodbye reminds the
visitor to take their eID, bank card and phone (kiosk/ui/visitor/session.py, idle.py, goodbye.py)."""
from __future__ import annotations

import shutil

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.core.content import load_walkthroughs
from kiosk.core.paths import resources_dir
from kiosk.ui.visitor.goodbye import TakeAlong

_moves = iter(range(10_000))


def touch(window):
    QTest.mouseMove(window.windowHandle(), QPoint(600 + next(_moves) % 200, 740))


def fast_idle(window, idle_ms=150, countdown_ms=10_000, phone_s=1):
    session = window.session
    session.idle.idle_ms = lambda: idle_ms
    session.countdown_ms = lambda: countdown_ms
    window.runtime.settings = window.runtime.settings.model_copy(update={"phone_idle_seconds": phone_s})
    return session


def test_the_guides_mark_the_steps_done_on_the_phone(window):
    itsme = next(w for w in window.runtime.content.walkthroughs if w.id == "itsme")
    marked = [s.id for s in itsme.meta.steps if s.works_elsewhere]
    assert marked == ["eid-sign", "eid-app", "bank", "itsme-code", "login"]
    eid = next(w for w in window.runtime.content.walkthroughs if w.id == "eid-computer")
    assert [s.id for s in eid.meta.steps if s.works_elsewhere] == ["pin"]


def test_content_check_refuses_a_flag_that_is_not_true_or_false(tmp_path):
    root = tmp_path / "walkthroughs"
    shutil.copytree(resources_dir() / "walkthroughs" / "itsme", root / "itsme")
    toml = root / "itsme" / "walkthrough.toml"
    toml.write_text(toml.read_text().replace("works_elsewhere = true", 'works_elsewhere = "ja"', 1))
    report = load_walkthroughs(root)
    assert report.walkthroughs == []
    assert [(e.code, e.field) for e in report.errors] == [("wrong_type", "works_elsewhere")]
    assert "'werkt op de gsm' (works_elsewhere) heeft hier de verkeerde soort waarde: verwacht is true of false" \
        in report.errors[0].text


def test_on_a_phone_step_the_idle_question_waits_for_the_phone(window, qtbot):
    session = fast_idle(window)
    window.walkthroughs.open("itsme", 3)  # "Ga verder in de app"
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    dialog = session.idle_dialog
    assert dialog.phone_button.text() == "Ik ben bezig op mijn gsm" and dialog.phone_button.isDefault()
    assert dialog.countdown.isVisible() and not dialog.keep_button.isDefault()
    assert "Ik ben bezig op mijn gsm" in dialog.announcement()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # the default keeps the session, and waits longer
    assert session.idle_dialog is None and session.idle.running
    qtbot.wait(600)  # four times the usual idle time: no question while the visitor is on the phone
    assert session.idle_dialog is None
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)  # after phone_idle_seconds (1 s)
    session.idle_dialog.done(dialog.KEEP)
    touch(window)  # back at the kiosk: the usual idle time again
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=500)


def test_on_other_steps_there_is_no_phone_answer(window, qtbot):
    session = fast_idle(window)
    window.walkthroughs.open("itsme", 0)
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    assert session.idle_dialog.phone_button is None and session.idle_dialog.keep_button.isDefault()


def test_stop_and_idle_remind_the_visitor_of_their_cards_and_phone(window, qtbot):
    window.prefs.set(language="ar")
    window.session.confirm_stop()
    [reminder] = window.session.stop_dialog.findChildren(TakeAlong)
    assert reminder.isVisible() and not reminder.picture.pixmap().isNull()
    assert reminder.text.text() == "خذ بطاقة الهوية الإلكترونية وبطاقتك البنكية وهاتفك معك."
    window.session.stop_dialog.reject()
    session = fast_idle(window)
    touch(window)
    qtbot.waitUntil(lambda: session.idle_dialog is not None, timeout=3000)
    assert session.idle_dialog.findChildren(TakeAlong)[0].isVisible()
