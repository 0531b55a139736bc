"""Every problem the guide checks can report (sync/content_problems.py): a broken guide for each
code, its plain Dutch text, and the place the console's editor gives it: beside its field, or at the
top with where it is; never English."""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import tomli_w
from markupsafe import escape

from sync import content_format, content_problems
from sync.content_bundle import MAX_BUNDLE_FILES
from sync.content_problems import TEXTS, Problem
from sync.server import content
from sync.server.console import guide_editor, routes_content
from sync.server.console.web import templates

GUIDE = "proef"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
PAGE = b'<html><head><title>Oefenen</title></head><body><a href="%s">Verder</a></body></html>'


def good_guide() -> dict[str, Any]:
    """A small guide that passes: a plain step with a website and a practice page, a question with
    two answers, a detour, an end; Dutch and French texts that quote the label [[Aanmelden]]."""
    steps: list[dict[str, Any]] = [
        {"id": "start", "image": "images/start.svg", "url": "https://www.vlaanderen.be", "practice": "start.html"},
        {"id": "route", "image": "images/route.svg", "kind": "choice",
         "choices": [{"id": "kort", "next": "klaar"}, {"id": "lang", "next": "omweg"}]},
        {"id": "omweg", "image": "images/omweg.svg", "next": "klaar"},
        {"id": "klaar", "image": "images/klaar.svg", "kind": "end"},
    ]
    meta = {"id": GUIDE, "order": 5, "topic": "proef", "icon": "icon.svg", "official_domains": ["vlaanderen.be"],
            "steps": steps}

    def text(title: str, words: tuple[str, str, str, str], answers: dict[str, str]) -> dict[str, Any]:
        bodies = [f"{words[0]} [[Aanmelden]].", *words[1:]]
        texts: dict[str, dict[str, Any]] = {
            step["id"]: {"title": f"{title} {i}", "body": body}
            for i, (step, body) in enumerate(zip(steps, bodies, strict=True))}
        texts["route"]["choices"] = answers
        return {"title": title, "summary": "", "reviewed_by_native_speaker": False, "steps": texts}

    texts = {"nl": text("Proef", ("Klik op", "Kies.", "Nog even.", "Klaar."), {"kort": "Kort", "lang": "Lang"}),
             "fr": text("Essai", ("Cliquez sur", "Choisissez.", "Encore.", "Fini."), {"kort": "Court", "lang": "Long"})}
    files = {"icon.svg": SVG, **{step["image"]: SVG for step in steps},
             "practice/start.html": PAGE % b"andere.html", "practice/andere.html": PAGE % b"start.html"}
    return {"meta": meta, "texts": texts, "files": files, "skip": set(), "root": GUIDE}


def guide_files(guide: dict[str, Any]) -> dict[str, bytes]:
    files = {"walkthrough.toml": tomli_w.dumps(guide["meta"]).encode()}
    files |= {f"text/{lang}.toml": tomli_w.dumps(text).encode() for lang, text in guide["texts"].items()}
    files |= guide["files"]
    return {path: data for path, data in files.items() if path not in guide["skip"]}


def step(guide: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in guide["meta"]["steps"] if s["id"] == step_id)


def text_step(guide: dict[str, Any], lang: str, step_id: str) -> dict[str, Any]:
    return guide["texts"][lang]["steps"][step_id]  # type: ignore[no-any-return]


Break = Callable[[dict[str, Any]], object]
# code -> how to break the good guide, and where the editor shows it: "need.next" beside a field of
# the steps page, "fr:need.body" beside one of the French page, "fr:" at the top of the French page,
# "" at the top of every page.
CASES: dict[str, tuple[Break, str]] = {
    "folder_missing": (lambda g: g.update(root="bestaat-niet"), ""),
    "no_guides": (lambda g: g.update(root=""), ""),
    "file_unreadable": (lambda g: g["skip"].add("walkthrough.toml"), ""),
    "not_utf8": (lambda g: g["files"].update({"text/fr.toml": b'title = "\xff"\n'}), "fr:"),
    "toml_syntax": (lambda g: g["files"].update({"text/fr.toml": b"title = \n"}), "fr:"),
    "unknown_language": (lambda g: g["texts"].update(xx=g["texts"]["fr"]), ""),
    "field_missing": (lambda g: g["meta"].pop("topic"), "topic"),
    "field_unknown": (lambda g: step(g, "start").update(kleur="rood"), "start.step"),
    "wrong_type": (lambda g: g["meta"].update(order="tien"), "order"),
    "bad_id": (lambda g: step(g, "omweg").update(id="Om Weg"), "Om Weg.step"),
    "bad_practice_name": (lambda g: step(g, "start").update(practice="../geheim.html"), "start.step"),
    "bad_kind": (lambda g: step(g, "omweg").update(kind="vraag"), "omweg.kind"),
    "no_steps": (lambda g: g["meta"].update(steps=[]), ""),
    "text_empty": (lambda g: text_step(g, "nl", "start").update(title="  "), "nl:start.title"),
    "url_not_https": (lambda g: step(g, "start").update(url="http://www.vlaanderen.be"), "start.url"),
    "choice_too_few": (lambda g: step(g, "route")["choices"].pop(), "route.choices"),
    "choices_not_allowed": (lambda g: step(g, "omweg").update(choices=[{"id": "a", "next": "klaar"}]),
                            "omweg.choices"),
    "next_not_allowed": (lambda g: step(g, "klaar").update(next="start"), "klaar.next"),
    "id_differs": (lambda g: g["meta"].update(id="ander"), ""),
    "duplicate_steps": (lambda g: g["meta"]["steps"].append(dict(step(g, "omweg"))), ""),
    "icon_missing": (lambda g: g["skip"].add("icon.svg"), ""),
    "image_missing": (lambda g: g["skip"].add("images/omweg.svg"), "omweg.image"),
    "master_missing": (lambda g: g["texts"].pop("nl"), "nl:"),
    "master_step_missing": (lambda g: g["texts"]["nl"]["steps"].pop("omweg"), "nl:omweg.step"),
    "steps_not_in_guide": (lambda g: g["texts"]["fr"]["steps"].update(extra={"title": "x", "body": "y"}), "fr:"),
    "labels_differ": (lambda g: text_step(g, "fr", "start").update(body="Cliquez sur [[Se connecter]]."),
                      "fr:start.body"),
    "answers_differ": (lambda g: text_step(g, "fr", "route")["choices"].pop("lang"), "fr:route.step"),
    "unknown_target": (lambda g: step(g, "omweg").update(next="nergens"), "omweg.next"),
    "unreachable": (lambda g: step(g, "route")["choices"][1].update(next="klaar"), "omweg.step"),
    "loop": (lambda g: step(g, "omweg").update(next="route"), "route.step"),
    "practice_missing": (lambda g: g["skip"].add("practice/start.html"), "start.step"),
    "practice_head_body": (lambda g: g["files"].update({"practice/andere.html": b"<p>kaal</p>"}), ""),
    "practice_link_outside": (lambda g: g["files"].update({"practice/start.html": PAGE % b"https://example.org"}),
                              ""),
    "practice_link_missing": (lambda g: g["files"].update({"practice/start.html": PAGE % b"weg.html"}), ""),
}


# Codes of the files as one bundle (content.bundle_problems, before anything is written or checked).
BUNDLE_CASES: dict[str, dict[str, bytes]] = {
    "bundle_too_large": {f"proef/images/{i}.svg": SVG for i in range(MAX_BUNDLE_FILES + 1)},
    "file_name_refused": {"proef/images/foto 1.svg": SVG, "proef/walkthrough.toml": b""},
}


def checked(tmp_path: Path, guide: dict[str, Any]) -> list[Problem]:
    """`content.check_folder` (what publishing and the editor run) on a folder with this guide."""
    root = tmp_path / "gidsen"
    root.mkdir(parents=True)
    if guide["root"] not in ("", "bestaat-niet"):
        for path, data in guide_files(guide).items():
            target = root / guide["root"] / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return content.check_folder(root if guide["root"] != "bestaat-niet" else root / "bestaat-niet")


def editor_guide(guide: dict[str, Any]) -> guide_editor.Guide:
    """The guide as the editor reads its draft; the good one where the broken files do not parse."""
    try:
        return guide_editor.Guide.from_zip(content.guide_zip(GUIDE, guide_files(guide)))
    except Exception:  # noqa: BLE001 - any file the editor cannot read: it never wrote such a draft
        return editor_guide(good_guide())


def rendered(template: str, context: dict[str, Any]) -> str:
    """A page of the editor as the console renders it (without the navigation of a login)."""
    request = SimpleNamespace(query_params={}, url=SimpleNamespace(path="/console/stappenplannen"))
    return templates.env.get_template(template).render(request=request, viewer=None, now=datetime.now(UTC),
                                                       **context)


def test_every_code_has_its_dutch_text_and_a_broken_guide_here():
    assert set(CASES) | set(BUNDLE_CASES) == set(TEXTS) and not set(CASES) & set(BUNDLE_CASES)
    # Every code the checks name in their source has its text (a new check cannot skip the table).
    sources = [Path(module.__file__).read_text(encoding="utf-8")  # type: ignore[arg-type]
               for module in (content_format, content_problems, content)]
    named = {code for source in sources
             for code in re.findall(r'(?:_problem|Problem|PydanticCustomError)\(\s*"(\w+)"', source)}
    named |= {code for source in sources for code in re.findall(r'"(\w+)": "\w+"', source)
              if code in content_problems._STEP_CHECK_FIELDS}
    assert named and named <= set(TEXTS), named - set(TEXTS)
    # The schema's own checks raise their code; a plain ValueError would reach people as "wrong_type".
    assert "raise ValueError" not in sources[0]
    with pytest.raises(ValueError):
        Problem("no_such_problem")


def test_the_texts_are_dutch_and_say_what_to_do():
    english = re.compile(r"\b(the|must|does not|is not|found|needs|missing|step|steps|should|cannot)\b")
    for code, text in TEXTS.items():
        words = re.sub(r"\{+\w+\}+", "", text).replace("step (gewone stap)", "")  # without its parameters
        assert not english.search(words), code
        assert text.rstrip().endswith("."), code
        assert len(re.findall(r"[.:] ", text)) >= 1, code  # what is wrong, then what to do


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_problem_is_raised_and_shown_in_dutch_beside_its_field_or_at_the_top(tmp_path, code):
    breaks, expected_key = CASES[code]
    guide = good_guide()
    assert checked(tmp_path / "goed", guide) == []
    breaks(guide)
    problems = checked(tmp_path / "kapot", guide)
    assert code in {p.code for p in problems}, [str(p) for p in problems]
    for problem in problems:
        assert not re.search(r"\{(?!eloket_url\})", problem.text) and not problem.text[:1].islower(), problem
        assert f"({problem.code})" in str(problem)

    editor = editor_guide(guide)
    errors = guide_editor.field_errors(editor, problems)
    mine = [p for p in problems if p.code == code]
    keys = {key for key, messages in errors.items() for p in mine if any(p.text in m for m in messages)}
    assert expected_key in keys, (keys, errors)
    shown = [message for messages in errors.values() for message in messages]
    assert all(any(p.text in message for message in shown) for p in problems)  # nothing dropped
    assert not any("controle meldt" in message for message in shown)

    draft = SimpleNamespace(id="concept")
    lang, _, name = expected_key.rpartition(":")
    if lang:
        values = guide_editor.text_values(editor, lang)
        html = rendered("content_texts.html", routes_content.texts_context(draft, editor, lang, errors, values))
    else:
        html = rendered("content_edit.html", routes_content.steps_context(draft, editor, errors))
    summary = html[html.index('role="alert"'):html.index("</div>", html.index('role="alert"'))]
    for message in errors[expected_key]:
        assert str(escape(message)) in summary  # every error is listed at the top
        if name:  # and this one beside its field as well
            beside = f'<p class="field-error" id="fout-{escape(name)}">{escape(message)}</p>'
            assert beside in html, beside


@pytest.mark.parametrize("code", sorted(BUNDLE_CASES))
def test_a_bundle_kiosks_would_refuse_is_refused_before_it_is_written_or_checked(code):
    problems = content.bundle_problems(BUNDLE_CASES[code])
    assert [p.code for p in problems] == [code]
    if code == "file_name_refused":
        assert problems[0].params == {"names": ["proef/images/foto 1.svg"]}
        assert "Deze bestandsnamen kunnen niet mee naar de kiosks: proef/images/foto 1.svg." in problems[0].text
    assert guide_editor.field_errors(editor_guide(good_guide()), problems) == {"": [problems[0].text]}
    assert content.bundle_problems(guide_files(good_guide())) == []


def test_an_answer_that_leads_nowhere_is_shown_beside_that_answer(tmp_path):
    guide = good_guide()
    step(guide, "route")["choices"][0]["next"] = "nergens"
    problems = checked(tmp_path, guide)
    assert [(p.code, p.step, p.field, p.params) for p in problems] == [
        ("unknown_target", "route", "choices.kort.next", {"targets": ["nergens"]})]
    errors = guide_editor.field_errors(editor_guide(guide), problems)
    assert errors == {"route.kort.next": ["Leidt naar een stap die niet bestaat: nergens. Kies een stap die wel "
                                          "bestaat."]}


def test_a_problem_of_another_guide_is_shown_at_the_top_with_its_place(tmp_path):
    guide = good_guide()
    other = Problem("image_missing", "", "itsme", "walkthrough.toml", "need", "image", {"image": "images/x.svg"})
    errors = guide_editor.field_errors(editor_guide(guide), [other])
    assert errors == {"": ["Stappenplan 'itsme', walkthrough.toml, stap 'need': De afbeelding images/x.svg "
                           "ontbreekt. Voeg het bestand toe (een SVG-tekening), of laad in de editor een andere "
                           "afbeelding op."]}


def test_the_schema_problems_name_the_step_by_its_id_and_the_field_by_its_path(tmp_path):
    guide = good_guide()
    step(guide, "route")["choices"][1]["volgende"] = "klaar"
    text_step(guide, "fr", "route")["choices"]["lang"] = 3
    problems = {(p.code, p.file, p.step, p.field) for p in checked(tmp_path, guide)}
    assert ("field_unknown", "walkthrough.toml", "route", "choices.lang.volgende") in problems
    assert ("wrong_type", "text/fr.toml", "route", "choices.lang") not in problems  # walkthrough.toml first
    del step(guide, "route")["choices"][1]["volgende"]
    problems = {(p.code, p.file, p.step, p.field) for p in checked(tmp_path / "2", guide)}
    assert problems == {("wrong_type", "text/fr.toml", "route", "choices.lang")}
    fixed = copy.deepcopy(guide)
    text_step(fixed, "fr", "route")["choices"]["lang"] = "Long"
    assert checked(tmp_path / "3", fixed) == []
