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
    is_official,
    labels,
    load_walkthroughs,
    render_body_html,
)
from kiosk.core.paths import resources_dir
from kiosk.core.settings import LANGUAGES

CONTENT = resources_dir() / "walkthroughs"


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.content", "check", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


def test_bundled_content_is_complete_in_six_languages():
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
    assert result.returncode == 1 and "verbatim" in result.stderr


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
