"""Walkthrough content: the real bundled content, and the checker against broken copies."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.content import (
    MASTER_LANGUAGE,
    body_plain_text,
    directed,
    is_official,
    labels,
    load_walkthroughs,
    render_body_html,
)
from kiosk.core.paths import resources_dir
from kiosk.core.settings import LANGUAGES
from sync.content_format import unverified_labels

CONTENT = resources_dir() / "walkthroughs"


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.content", "check", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


def test_bundled_content_is_complete_in_every_language():
    report = load_walkthroughs(CONTENT)
    assert report.errors == []
    folders = sorted(p.name for p in CONTENT.iterdir() if p.is_dir())
    assert sorted(w.id for w in report.walkthroughs) == folders
    assert [w.id for w in report.walkthroughs][:3] == ["itsme", "eloket", "taxonweb"]
    for wt in report.walkthroughs:
        assert len(wt) >= 6
        for lang in LANGUAGES:
            assert report.missing[(wt.id, lang)] == [], (wt.id, lang)
    result = check(CONTENT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("complete") == len(folders) * len(LANGUAGES)


def test_every_translation_quotes_the_dutch_labels_verbatim():
    for wt in load_walkthroughs(CONTENT).walkthroughs:
        for index, step in enumerate(wt.meta.steps):
            dutch = sorted(labels(wt.step(MASTER_LANGUAGE, index).body))
            for lang in LANGUAGES:
                assert sorted(labels(wt.step(lang, index).body)) == dutch, (wt.id, step.id, lang)


def test_every_text_says_whether_a_native_speaker_reviewed_it(content_copy):
    """Each shipped text file states the flag (all machine-made: false); the check lists every
    unreviewed language and every label SOURCES.md marks unverified; true takes a language off."""
    for text_file in CONTENT.glob("*/text/*.toml"):
        assert "\nreviewed_by_native_speaker = false" in text_file.read_text(encoding="utf-8"), text_file
    out = check(CONTENT).stdout
    assert "  vdab: not reviewed by a native speaker: nl, fr, en, ar, uk, tr, ru, fa" in out
    assert "  vdab: unverified label [[Solliciteer]]" in out
    assert "  itsme: no SOURCES.md" in out
    _edit(content_copy / "vdab" / "text" / "fa.toml", "reviewed_by_native_speaker = false",
          "reviewed_by_native_speaker = true")
    reviewed = check(content_copy)
    assert reviewed.returncode == 0
    assert "  vdab: not reviewed by a native speaker: nl, fr, en, ar, uk, tr, ru\n" in reviewed.stdout
    _edit(content_copy / "vdab" / "text" / "ru.toml", "reviewed_by_native_speaker = false",
          'reviewed_by_native_speaker = "ja"')
    refused = check(content_copy)
    assert refused.returncode == 1 and "reviewed_by_native_speaker" in refused.stderr


def test_unverified_labels_are_read_from_the_sources_table(tmp_path):
    sources = tmp_path / "SOURCES.md"
    sources.write_text("""# Sources
| Label | Where | Status |
|---|---|---|
| [[Aanmelden]] | top right | verified on a stored copy |

## Screen labels (`[[...]]`)

| Label | Where | Status |
|---|---|---|
| [[Aanmelden]] | top right | **unverified** (no copy) |
| Profiel | FAQ | seen in a stored copy; not checked on the live site |
| Verzenden | mail | **not verified** |
| itsme | login | verified on the live site |

## Not verified (check these first)
| [[Elders]] | x | unverified |
""", encoding="utf-8")
    found = unverified_labels(sources)
    assert [item.label for item in found] == ["Aanmelden", "Profiel", "Verzenden"]
    assert found[0].status == "**unverified** (no copy)"
    assert unverified_labels(tmp_path / "missing.md") == []


def test_titles_in_a_right_to_left_language_start_with_a_right_to_left_mark():
    assert directed("itsme را بسازید", "fa") == "\u200fitsme را بسازید"
    assert directed("Mijn Gezondheid: بياناتك", "ar").startswith("\u200f")
    assert directed("Создать itsme", "ru") == "Создать itsme" and directed("", "fa") == ""


@pytest.fixture
def content_copy(tmp_path) -> Path:
    root = tmp_path / "walkthroughs"
    shutil.copytree(CONTENT, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_image_fails_the_check(content_copy):
    (content_copy / "itsme" / "images" / "01-need.svg").unlink()
    result = check(content_copy)
    assert result.returncode == 1 and "01-need.svg" in result.stderr


def test_a_step_picture_is_checked_per_language_as_the_kiosk_chooses_it(content_copy):
    """A language's own picture (images/<lang>/x) stands in for the common one for that language
    only (Walkthrough.image_path); the check follows that choice."""
    images = content_copy / "itsme" / "images"
    common = images / "01-need.svg"
    for lang in LANGUAGES:
        (images / lang).mkdir()
        shutil.copy(common, images / lang / common.name)
    common.unlink()
    assert not load_walkthroughs(content_copy).errors  # every language has its own
    (images / "ar" / common.name).unlink()  # Arabic falls back to the common one, which is gone
    errors = load_walkthroughs(content_copy).errors
    assert {(e.code, e.params["image"]) for e in errors} == {("image_missing", "images/01-need.svg")}
    assert sorted(e.step for e in errors) == ["need", "route"]  # the two steps that show it
    shutil.copy(images / "nl" / common.name, common)
    assert not load_walkthroughs(content_copy).errors
    (images / "ar" / common.name).mkdir()  # what the kiosk would choose for Arabic: a folder, no picture
    assert [e.code for e in load_walkthroughs(content_copy).errors] == ["image_missing", "image_missing"]
    wt = next(w for w in load_walkthroughs(content_copy).walkthroughs if w.id == "itsme")
    assert wt.image_path("uk", 0) == images / "uk" / common.name


def test_schema_error_fails_the_check(content_copy):
    _edit(content_copy / "itsme" / "walkthrough.toml", 'id = "need"', 'id = "Need Step"')
    result = check(content_copy)
    assert result.returncode == 1 and "walkthrough.toml" in result.stderr


def test_empty_step_fails_the_check(content_copy):
    path = content_copy / "taxonweb" / "text" / "fr.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('body = """', text.index("[steps.login]")) + len('body = """')
    end = text.index('"""', start)
    path.write_text(text[:start] + "\n   \n" + text[end:], encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1 and "fr.toml" in result.stderr


def test_changed_official_label_in_a_translation_fails_the_check(content_copy):
    _edit(content_copy / "eloket" / "text" / "en.toml", "[[Online aanvragen]]", "[[Apply online]]")
    result = check(content_copy)
    assert result.returncode == 1 and "(labels_differ)" in result.stderr
    assert "letterlijk over, tussen [[ en ]]: [[Online aanvragen]] (nu: [[Apply online]])" in result.stderr


def test_missing_translation_falls_back_to_dutch_marked(content_copy):
    path = content_copy / "itsme" / "text" / "tr.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[steps.safety]")
    path.write_text(text[:start], encoding="utf-8")
    report = load_walkthroughs(content_copy)
    assert report.errors == [] and report.missing[("itsme", "tr")] == ["safety"]
    wt = next(w for w in report.walkthroughs if w.id == "itsme")
    step = wt.step("tr", len(wt) - 1)
    assert step.is_fallback and step.language == "nl"
    assert step.body == wt.step("nl", len(wt) - 1).body
    result = check(content_copy)
    assert result.returncode == 0 and "-1 steps" in result.stdout


def test_body_markup():
    body = "Klik op [[Aanmelden]].\n- een **eID**\n- een kaartlezer\n1. eerst\n2. dan"
    html = render_body_html(body, "color:red")
    assert '<span style="color:red">&#160;Aanmelden&#160;</span>' in html
    assert "<ul><li>een <b>eID</b></li><li>een kaartlezer</li></ul><ol><li>eerst</li><li>dan</li></ol>" in html
    assert render_body_html("<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"
    assert body_plain_text(body) == "Klik op Aanmelden.\neen eID\neen kaartlezer\neerst\ndan"


def test_official_domains_include_subdomains_only():
    assert is_official("www.myminfin.be", ["myminfin.be"])
    assert is_official("myminfin.be", ["myminfin.be"])
    assert not is_official("myminfin.be.evil.example", ["myminfin.be"])
    assert not is_official("notmyminfin.be", ["myminfin.be"])


def test_official_domains_combine_settings_walkthroughs_and_the_city_eloket():
    from kiosk.core.content import official_domains

    walkthroughs = load_walkthroughs(CONTENT).walkthroughs
    domains = official_domains(["vlaanderen.be"], "https://www.gent.be/e-loket", walkthroughs)
    assert {"vlaanderen.be", "burgerprofiel.be", "myminfin.be", "minfin.fgov.be", "gent.be"} <= set(domains)
    assert "itsme-id.com" not in domains  # a company: it gets its own calm mark (kiosk.core.web)
    assert is_official("stad.gent.be", domains) and not is_official("example.org", domains)


def test_right_to_left_body_reads_from_the_right_even_when_a_line_starts_in_latin():
    html = render_body_html("- itsme هو تطبيق.\nاضغط [[Aanmelden]].", rtl=True)
    assert html == ('<ul dir="rtl"><li dir="rtl">\u200fitsme هو تطبيق.</li></ul>'
                    '<p dir="rtl">\u200fاضغط <span style="">&#160;Aanmelden&#160;</span>.</p>')


def test_choice_and_end_steps_branch_the_bundled_guides():
    wts = {wt.id: wt for wt in load_walkthroughs(CONTENT).walkthroughs}
    itsme, tax = wts["itsme"], wts["taxonweb"]
    route = itsme.index_of("route")
    answers = itsme.choices("nl", route)
    assert [text for text, _ in answers] == ["Met mijn eID en een kaartlezer", "Met mijn bankkaart"]
    assert [itsme.meta.steps[i].id for _, i in answers] == ["eid-website", "bank"]
    assert itsme.next_index(itsme.index_of("eid-app")) == itsme.index_of("itsme-code")  # past the bank route
    assert itsme.next_index(itsme.index_of("bank")) == itsme.index_of("itsme-code")
    assert [t for t, _ in itsme.choices("uk", route)] == ["З eID і кардрідером", "З банківською карткою"]
    yes, no = tax.choices("nl", tax.index_of("all-good"))
    assert tax.meta.steps[yes[1]].kind == "end" and tax.next_index(yes[1]) is None  # nothing more to do
    assert tax.step("nl", yes[1]).title == "Klaar: je hoeft niets meer te doen"
    assert tax.meta.steps[no[1]].id == "fix"
    assert tax.next_index(tax.index_of("sign")) == tax.index_of("logout")  # filing ends by logging out
    assert tax.next_index(tax.index_of("logout")) is None


@pytest.mark.parametrize("old, new, error", [
    ('next = "itsme-code"', 'next = "nergens"', "[eid-app]: Leidt naar een stap die niet bestaat: nergens."),
    ('{ id = "bank", next = "bank" }', '{ id = "bank", next = "eid-website" }',
     "[bank]: Geen stap of antwoord leidt hierheen"),
    ('next = "itsme-code"', 'next = "need"',
     "[need]: Deze stappen lopen in een kring: need → route → eid-website → eid-sign → eid-app → need."),
    ('choices = [{ id = "eid", next = "eid-website" }, { id = "bank", next = "bank" }]',
     'choices = [{ id = "eid", next = "eid-website" }]', "[route]: Een keuzestap heeft minstens twee antwoorden"),
])
def test_the_checker_refuses_broken_paths(content_copy, old, new, error):
    _edit(content_copy / "itsme" / "walkthrough.toml", old, new)
    result = check(content_copy)
    assert result.returncode == 1 and error in result.stderr, result.stderr


def test_the_checker_wants_every_answer_in_every_translation(content_copy):
    _edit(content_copy / "itsme" / "text" / "tr.toml", 'bank = "Banka kartımla"\n', "")
    result = check(content_copy)
    assert result.returncode == 1
    assert ("tr.toml [route]: De antwoorden passen niet bij de keuzestap: nodig zijn bank, eid, er staan eid."
            in result.stderr)
