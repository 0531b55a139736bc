"""The walkthrough viewer with real widgets offscreen: navigation, keys, read-aloud, a11y, themes."""
from __future__ import annotations

import ctypes.util
import shutil
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit

from kiosk.core.paths import resources_dir
from kiosk.core.runtime import bootstrap
from kiosk.core.theme import FONT_PX, TEXT_PAIRS, contrast_ratio, palette
from kiosk.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox)


def open_itsme(window, qtbot):
    tile = window.home._tiles[0][0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "walkthrough"
    return window.walkthroughs.view


def test_tile_opens_step_one_with_counter_and_progress(window, qtbot):
    view = open_itsme(window, qtbot)
    assert view.walkthrough.id == "itsme"
    assert view.counter.text() == "Stap 1"  # a question follows: how many steps depends on the answer
    assert (view.progress.value(), view.progress.maximum()) == (1, 9)
    assert not view.previous_button.isEnabled()


def test_buttons_and_keys_move_between_steps(window, qtbot):
    view = open_itsme(window, qtbot)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.index == 1 and view.counter.text() == "Stap 2"
    qtbot.mouseClick(view.choice_buttons[0], Qt.MouseButton.LeftButton)  # "Met mijn eID en een kaartlezer"
    assert view.index == 2
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.index == 3
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.index == 4
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.index == 3
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.index == 2


@pytest.mark.parametrize("language", ["ar", "fa"])  # Arabic and Dari
def test_arrow_keys_follow_reading_direction_in_arabic(window, qtbot, language):
    view = open_itsme(window, qtbot)
    window.prefs.set(language=language)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClick(view, Qt.Key.Key_Left)  # "forward" when reading right to left
    assert view.index == 1
    assert view.text.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_last_step_says_done_and_returns_home(window, qtbot):
    view = open_itsme(window, qtbot)
    view.show_step(len(view.walkthrough) - 1)
    assert view.next_button.text() == "Klaar"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "home"


def test_translation_is_marked_and_dutch_can_be_shown_beside_it(window, qtbot):
    view = open_itsme(window, qtbot)
    assert view.translation_marker.isHidden() and view.dutch_toggle.isHidden()
    window.prefs.set(language="fr")
    assert view.translation_marker.isVisibleTo(window) and view.dutch_text.isHidden()
    qtbot.mouseClick(view.dutch_toggle, Qt.MouseButton.LeftButton)
    assert view.dutch_text.isVisibleTo(window)
    assert view.dutch_text.title.text() == view.walkthrough.step("nl", 0).title
    assert view.text.title.text() == view.walkthrough.step("fr", 0).title != view.dutch_text.title.text()


def test_missing_translation_shows_dutch_with_a_marker(tmp_path, qtbot, qapp):
    content = tmp_path / "walkthroughs"
    shutil.copytree(resources_dir() / "walkthroughs", content)
    uk = content / "itsme" / "text" / "uk.toml"
    text = uk.read_text(encoding="utf-8")
    uk.write_text(text[:text.index("[steps.need]")] + text[text.index("[steps.eid-website]"):], encoding="utf-8")
    runtime = bootstrap(tmp_path / "data", content_root=content)
    window = MainWindow(runtime, qapp)
    qtbot.addWidget(window)
    window.show()
    window.prefs.set(language="uk")
    window.walkthroughs.open("itsme")
    view = window.walkthroughs.view
    assert view.fallback_marker.isVisibleTo(window) and view.translation_marker.isHidden()
    assert view.text.title.text() == view.walkthrough.step("nl", 0).title
    window.prefs.reset()
    runtime.close()


@pytest.fixture
def mock_speech_window(monkeypatch, runtime, qapp, qtbot):
    monkeypatch.setenv("DIGIPUNT_TTS_ENGINE", "mock")  # Qt's headless engine: English voices only
    window = MainWindow(runtime, qapp)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.prefs.reset()


# On Linux, Qt's text-to-speech library itself links libpulse.so.0 (Debian's libpulse0): without it
# read-aloud cannot exist on the machine at all, not even with Qt's mock engine.
NO_SPEECH_LIBRARY = sys.platform.startswith("linux") and ctypes.util.find_library("pulse") is None


@pytest.mark.skipif(NO_SPEECH_LIBRARY, reason="libpulse0 is missing: Qt's text-to-speech cannot load on this "
                                              "machine (apt-get install libpulse0)")
def test_read_aloud_only_where_a_voice_exists_and_stops_on_step_change(mock_speech_window, qtbot):
    window = mock_speech_window
    view = open_itsme(window, qtbot)
    assert view.read_button.isHidden()  # the mock engine has no Dutch voice: hidden, not broken
    window.prefs.set(language="en")
    assert view.read_button.isVisibleTo(window)
    assert not window.read_aloud.enabled
    qtbot.mouseClick(view.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.read_aloud.is_speaking, timeout=2000)
    assert window.read_aloud.enabled  # the idle question will be read aloud too
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.read_aloud.is_speaking(), timeout=2000)


def _visible_interactive(root, window):
    return [w for w in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit) + root.findChildren(QComboBox)
            if w.isVisibleTo(window)]


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_visitor_control_has_an_accessible_name(window, qtbot, language):
    window.prefs.set(language=language)
    for screen in ("home", "walkthrough"):
        if screen == "walkthrough":
            window.walkthroughs.open("eloket")
        widgets = _visible_interactive(window, window)
        assert widgets
        unnamed = [w for w in widgets if not w.accessibleName().strip()]
        assert unnamed == [], [type(w).__name__ + ":" + w.text() for w in unnamed]


def test_keyboard_alone_reaches_every_walkthrough_control(window, qtbot):
    window.walkthroughs.open("itsme", 2)
    window.prefs.set(language="fr")  # shows the Dutch toggle too
    window.activateWindow()
    view = window.walkthroughs.view
    view.next_button.setFocus()
    reached = []
    for _ in range(40):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    wanted = [view.next_button, view.previous_button, view.help_button, view.dutch_toggle,
              window.home_button, window.language_button, *window.size_buttons.values(), window.contrast_button]
    missing = [w.accessibleName() for w in wanted if w not in reached]
    assert missing == []
    order = [w for w in dict.fromkeys(reached) if w in (view.next_button, view.previous_button, view.help_button)]
    assert order == [view.next_button, view.previous_button, view.help_button]


def test_high_contrast_theme_reaches_7_to_1_and_default_reaches_aa():
    high, default = palette("high-contrast"), palette("default")
    for fg, bg in TEXT_PAIRS:
        assert contrast_ratio(high[fg], high[bg]) >= 7.0, (fg, bg)
        assert contrast_ratio(default[fg], default[bg]) >= 4.5, (fg, bg)
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0


def test_text_size_and_contrast_apply_to_visitor_screens(window, qtbot):
    view = open_itsme(window, qtbot)
    sizes = []
    for size in FONT_PX:
        qtbot.mouseClick(window.size_buttons[size], Qt.MouseButton.LeftButton)
        sizes.append(view.text.body.font().pixelSize())
        assert [s for s, b in window.size_buttons.items() if b.isChecked()] == [size]
    assert sizes == sorted(sizes) and len(set(sizes)) == 3
    qtbot.mouseClick(window.contrast_button, Qt.MouseButton.LeftButton)
    assert window.prefs.high_contrast
    assert palette("high-contrast")["window"] in QApplication.instance().styleSheet()
    assert view.next_button.minimumSizeHint().height() >= 48 and view.next_button.height() >= 48


def test_step_text_height_follows_new_text_and_text_size(window, qtbot):
    """The body label remembers its height per width (a step change asks ~10 times); a new text
    or a bigger text size must still give the right height."""
    view = open_itsme(window, qtbot)
    body = view.text.body
    width = 400
    step_text, normal = body.text(), body.heightForWidth(width)
    body.setText(step_text + "<p>" + "Nog een lange zin met veel woorden. " * 20 + "</p>")
    assert body.heightForWidth(width) > normal
    body.setText(step_text)
    assert body.heightForWidth(width) == normal
    qtbot.mouseClick(window.size_buttons["extra-large"], Qt.MouseButton.LeftButton)
    assert body.text() == step_text  # the same text, only the font changed
    assert body.heightForWidth(width) > normal
    fresh = type(body)()  # an uncached label with the same text and font answers the same
    fresh.setWordWrap(True)
    fresh.setFont(body.font())
    fresh.setText(body.text())
    assert fresh.heightForWidth(width) == body.heightForWidth(width)
    qtbot.mouseClick(window.size_buttons["normal"], Qt.MouseButton.LeftButton)
    assert body.heightForWidth(width) == normal


def test_step_text_keeps_the_scroll_bar_place_and_shows_it_only_when_needed(window, qtbot):
    from PySide6.QtWidgets import QScrollArea

    view = open_itsme(window, qtbot)
    scroll = view.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible())
    width_before = scroll.viewport().width()
    assert not bar.isEnabled()  # a short step: nothing to scroll, the bar draws nothing
    qtbot.mouseClick(window.size_buttons["extra-large"], Qt.MouseButton.LeftButton)
    window.prefs.set(language="fr")
    qtbot.mouseClick(view.dutch_toggle, Qt.MouseButton.LeftButton)
    view.show_step(3)
    qtbot.waitUntil(lambda: bar.isEnabled())  # two long texts in big letters: now it scrolls
    assert bar.maximum() > 0
    qtbot.mouseClick(window.size_buttons["normal"], Qt.MouseButton.LeftButton)
    window.prefs.set(language="nl")
    qtbot.waitUntil(lambda: not bar.isEnabled())
    assert scroll.viewport().width() == width_before  # the text column never changed width


def test_compact_guide_text_sits_on_the_card_colour(window, qtbot):
    """Docked beside a website the guide is a card; its text area must not paint the screen's
    colour over it (a grey block on the white card; in high contrast it must stay black)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout

    from kiosk.ui.visitor.walkthrough import WalkthroughView

    card = QFrame()
    card.setProperty("role", "card")
    view = WalkthroughView(window, compact=True)
    QVBoxLayout(card).addWidget(view)
    card.resize(420, 720)
    card.show()
    qtbot.addWidget(card)
    view.open("itsme", 2)
    viewport = view.findChild(QScrollArea).viewport()
    for high_contrast in (False, True):
        window.prefs.set(high_contrast=high_contrast)
        qtbot.wait(50)
        corner = viewport.mapTo(card, QPoint(viewport.width() - 3, viewport.height() - 3))  # below the text
        expected = QColor(palette(window.prefs.theme)["surface"])
        assert card.grab().toImage().pixelColor(corner).name() == expected.name()


@pytest.mark.parametrize("language", ["ar", "fa"])  # Arabic and Dari
def test_arabic_lines_that_start_with_a_latin_word_stay_right_to_left(window, qtbot, language):
    from PySide6.QtGui import QTextDocument

    view = open_itsme(window, qtbot)
    window.prefs.set(language=language)
    latin_first = 0
    for index in range(len(view.walkthrough)):
        view.show_step(index)
        # Titles too ("itsme را چطور می‌سازید؟"): a right-to-left mark first, else Qt lays them out
        # left to right from their first letter.
        assert view.text.title.text().startswith("\u200f") and view.guide_title.text().startswith("\u200f")
        document = QTextDocument()
        document.setHtml(view.text.body.text())
        block = document.begin()
        while block.isValid():
            if block.text().strip("\u200f")[:1].isascii() and block.text().strip("\u200f")[:1].isalpha():
                latin_first += 1
            assert block.textDirection() == Qt.LayoutDirection.RightToLeft, block.text()
            block = block.next()
    assert latin_first  # the itsme guide has such lines ("itsme ...")


def test_a_question_leads_where_the_answer_says_and_back_the_same_way(window, qtbot):
    view = open_itsme(window, qtbot)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.walkthrough.meta.steps[view.index].id == "route"
    assert view.next_button.isHidden()  # the answers lead on
    eid, bank = view.choice_buttons
    assert (eid.text(), bank.text()) == ("Met mijn eID en een kaartlezer", "Met mijn bankkaart")
    qtbot.keyClick(view, Qt.Key.Key_Right)  # no way past a question without an answer
    assert view.walkthrough.meta.steps[view.index].id == "route"
    qtbot.mouseClick(bank, Qt.MouseButton.LeftButton)
    assert view.walkthrough.meta.steps[view.index].id == "bank" and eid.isHidden()
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.walkthrough.meta.steps[view.index].id == "route"
    qtbot.mouseClick(eid, Qt.MouseButton.LeftButton)
    for expected in ("eid-sign", "eid-app", "itsme-code"):  # the eID route skips the bank's step
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
        assert view.walkthrough.meta.steps[view.index].id == expected
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.walkthrough.meta.steps[view.index].id == "eid-app"


def test_the_counter_follows_the_visitors_way_through_a_branched_guide(window, qtbot):
    view = open_itsme(window, qtbot)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.counter.text() == "Stap 2"  # a question ahead decides how many steps follow
    eid, bank = view.choice_buttons
    qtbot.mouseClick(bank, Qt.MouseButton.LeftButton)  # the bank's way: 6 steps, not the guide's 9
    assert view.counter.text() == "Stap 3 van 6" and (view.progress.value(), view.progress.maximum()) == (3, 6)
    for n in (4, 5, 6):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
        assert view.counter.text() == f"Stap {n} van 6"
    while view.index != view.walkthrough.index_of("route"):
        qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(eid, Qt.MouseButton.LeftButton)  # the eID's way: 8 steps
    assert view.counter.text() == "Stap 3 van 8"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.counter.text() == "Stap 4 van 8"
    # Opened at a step without the way there (the guide docked beside a website): the shortest way counts.
    window.walkthroughs.open("taxonweb", 9)
    assert view.walkthrough.meta.steps[9].id == "done" and view.counter.text() == "Stap 6 van 6"
    window.prefs.set(language="uk")
    window.walkthroughs.open("taxonweb", 0)
    assert view.counter.text() == "Крок 1"


def test_a_tile_goes_on_where_the_visitor_was_and_starts_afresh_after_klaar(window, qtbot):
    view = open_itsme(window, qtbot)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.choice_buttons[1], Qt.MouseButton.LeftButton)  # the bank's way
    window.go_home()
    open_itsme(window, qtbot)
    assert view.walkthrough.meta.steps[view.index].id == "bank" and view.counter.text() == "Stap 3 van 6"
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)  # the way back is kept too
    assert view.walkthrough.meta.steps[view.index].id == "route"
    view.show_step(len(view.walkthrough) - 1)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)  # "Klaar"
    assert window.current_screen_name() == "home"
    assert open_itsme(window, qtbot).index == 0
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    window.reset_visitor_session()  # the next visitor starts at step 1
    assert open_itsme(window, qtbot).index == 0


def test_an_end_step_says_done_and_goes_home(window, qtbot):
    screen = window.walkthroughs
    screen.open("taxonweb", 0)
    view = screen.view
    view.show_step(view.walkthrough.index_of("all-good"))
    window.prefs.set(language="tr")
    yes, _no = view.choice_buttons
    assert yes.text() == "Evet, her şey doğru"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert view.text.title.text() == "Bitti: başka bir şey yapmanız gerekmiyor"
    assert view.next_button.text() == QApplication.translate("WalkthroughView", "Klaar") != "Klaar"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_name() == "home"
