"""UI translations (resources/i18n/*.ts): every string a visitor can see is translated in every
language, and the compiled .qm translates visitor strings while staff strings stay Dutch.

Staff screens are Dutch-only by design: digihelpers work in Dutch, and an untranslated string shows
its Dutch source. Only the contexts below that a visitor can see must be translated.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from kiosk.core.paths import resources_dir
from kiosk.core.settings import LANGUAGES

I18N = resources_dir() / "i18n"
MAKEFILE = Path(__file__).resolve().parents[1] / "Makefile"
TRANSLATED = sorted(set(LANGUAGES) - {"nl"})  # Dutch is the source language

# What a visitor sees. Some live in staff modules but are shown to the visitor:
VISITOR_CONTEXTS = frozenset({
    "HomeScreen", "MainWindow",  # home screen and the visitor bar
    "VisitorSession", "IdleDialog",  # "Stop en wis alles" and "Ben je er nog?"
    "WalkthroughView", "BrowserScreen", "PdfViewer",  # guides, built-in browser, downloaded PDFs
    "CallBanner", "TakeAlong",  # the visitor's raised hand, the goodbye reminder
    "VisitorCodeDialog", "Keypad",  # the visitor types initials and birth date, on this keypad
    "Schedule",  # the home screen's spreekuur and digibus lines (kiosk/core/schedule.py)
    "GuidePrintout",  # the take-home printout of a guide
})
# Helper-only screens, Dutch on purpose. "Staff" is error_text(): it can also show in the
# visitor-code dialog, but it tells the helper to call the coordinator, and it shows on every staff
# screen, where a visitor's language would make it unreadable for the helper.
STAFF_CONTEXTS = frozenset({
    "Staff", "StaffScreen", "StaffLoginScreen", "PinEntry", "StaffSetupScreen", "StaffMenuScreen",
    "HelpFormScreen", "TodayScreen", "ShiftScreen", "HelpCallsScreen", "OverviewScreen",
    "StaffSettingsScreen", "StaffSyncScreen", "EnrollForm", "StaffAccountsScreen",
    "StaffPinSetupScreen", "CallKeyScreen", "LendingScreen", "WorkshopsScreen",
})
# What must survive translation unchanged: format fields, Qt place markers, markup.
_KEPT = re.compile(r"\{\w+\}|%(?:\d+|n)|<[^>]+>")


def contexts(language: str) -> dict[str, list[ET.Element]]:
    root = ET.parse(I18N / f"digipunt_{language}.ts").getroot()
    return {c.findtext("name"): c.findall("message") for c in root.iter("context")}


def translations(message: ET.Element) -> list[str]:
    """The translated text(s): one, or one per plural form."""
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def is_finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    texts = translations(message)
    return (translation is not None and translation.get("type") is None
            and bool(texts) and all(t.strip() for t in texts))


def test_every_context_is_classified_as_visitor_or_staff():
    found = set(contexts("fr"))
    unknown = found - VISITOR_CONTEXTS - STAFF_CONTEXTS
    assert not unknown, (f"new UI context(s) {sorted(unknown)}: add each to VISITOR_CONTEXTS (and translate "
                         f"it in resources/i18n) or to STAFF_CONTEXTS in {Path(__file__).name}")
    gone = VISITOR_CONTEXTS - found
    assert not gone, f"visitor context(s) {sorted(gone)} no longer in the .ts files: renamed? update the list"


def test_the_ts_files_hold_exactly_the_strings_of_the_code(tmp_path):
    """lupdate over the kiosk (as `make lupdate` runs it) finds no string the .ts files lack and
    none they hold in vain. A string behind a wrapper lupdate cannot see (`_tr(text)`) would be
    dropped with its translations by the next `make lupdate`; a new one would show in Dutch."""
    lupdate = (shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
               or shutil.which("pyside6-lupdate"))
    assert lupdate, "pyside6-lupdate not found (it comes with PySide6-Essentials)"
    ts = tmp_path / "digipunt_fr.ts"
    shutil.copy(I18N / ts.name, ts)
    sources = sorted(str(p) for p in (MAKEFILE.parent / "kiosk").rglob("*.py"))
    result = subprocess.run([lupdate, "-no-obsolete", *sources, "-ts", str(ts)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr

    def messages(path: Path) -> set[tuple[str, str]]:
        return {(c.findtext("name") or "", m.findtext("source") or "")
                for c in ET.parse(path).getroot().iter("context") for m in c.findall("message")}

    committed, found = messages(I18N / ts.name), messages(ts)
    assert found == committed, (f"run `make lupdate` (and translate visitor strings): new {sorted(found - committed)}, "
                                f"gone {sorted(committed - found)}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_visitor_string_is_translated(language):
    by_context = contexts(language)
    assert set(by_context) == set(contexts("fr")), "run `make lupdate`: the .ts files differ"
    missing = [(name, m.findtext("source")) for name in sorted(VISITOR_CONTEXTS)
               for m in by_context.get(name, []) if not is_finished(m)]
    assert not missing, f"{language}: {len(missing)} visitor string(s) without a finished translation: {missing}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_visitor_translations_keep_placeholders_markup_and_glyphs(language):
    wrong = []
    for name in sorted(VISITOR_CONTEXTS):
        for message in contexts(language).get(name, []):
            source = message.findtext("source")
            for text in translations(message):
                if (sorted(_KEPT.findall(text)) != sorted(_KEPT.findall(source))
                        or (source[:1] in "✓←→" and not text.startswith(source[:2]))):  # "✓ Officiële website"
                    wrong.append((name, source, text))
    assert not wrong, f"{language}: placeholders, markup or leading glyph changed: {wrong}"


def compile_like_the_build(ts: Path, qm: Path) -> None:
    """Run lrelease with the flags of the Makefile's .qm rule, so this checks what ships."""
    flags = re.search(r"pyside6-lrelease\s+(.*?)\s*\$<", MAKEFILE.read_text())
    assert flags, "the Makefile's pyside6-lrelease rule was not found"
    lrelease = (shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
                or shutil.which("pyside6-lrelease"))
    assert lrelease, "pyside6-lrelease not found (it comes with PySide6-Essentials)"
    result = subprocess.run([lrelease, *flags.group(1).split(), str(ts), "-qm", str(qm)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_translation_translates_visitors_and_leaves_staff_dutch(language, tmp_path, qapp):
    qm = tmp_path / f"digipunt_{language}.qm"
    compile_like_the_build(I18N / f"digipunt_{language}.ts", qm)
    translator = QTranslator()
    assert translator.load(str(qm))

    by_context = contexts(language)
    stop = next(m for m in by_context["VisitorSession"] if m.findtext("source") == "Stop en wis alles")
    expected = translations(stop)[0]
    assert expected and expected != "Stop en wis alles"
    assert translator.translate("VisitorSession", "Stop en wis alles") == expected

    # lupdate pre-fills unfinished entries with guesses from identical strings ("Terug" -> "Retour"):
    # the build must not ship them, or staff screens turn half translated. An empty answer makes Qt
    # show the Dutch source.
    unfinished = [m for name in STAFF_CONTEXTS for m in by_context.get(name, [])
                  if not is_finished(m)]
    assert unfinished, "no untranslated staff string left to check"
    unfinished.sort(key=lambda m: not any(t.strip() for t in translations(m)))  # guesses first
    staff = unfinished[0]
    context = next(name for name in STAFF_CONTEXTS if staff in by_context.get(name, []))
    shipped = translator.translate(context, staff.findtext("source"))
    assert shipped == "", f"staff string {staff.findtext('source')!r} ({context}) ships as {shipped!r}"
