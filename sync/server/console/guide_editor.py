"""The console's guide editor: a draft guide (ContentDraft: its zip) changed through forms instead of
a new upload. `Guide` is the draft's walkthrough.toml and text/<lang>.toml as plain dicts; the
`apply_*` functions take a posted form into it (what the editor itself can refuse: a number, a
domain, a picture), `field_errors` puts the shared checks' problems (sync/content_problems.py, run
by routes_content) beside the fields they are about, by their place, in their Dutch text. Written
back with tomli-w: comments in the TOML files do not survive an edit."""
from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import tomli_w
from starlette.datastructures import FormData, UploadFile

from sync.content_format import LANGUAGES, MASTER_LANGUAGE, labels
from sync.content_problems import Problem
from sync.server import content
from sync.server.console.web import form_list, form_text

KINDS = {"step": "gewone stap", "choice": "keuzestap (een vraag)", "end": "eindstap"}
MAX_IMAGE_BYTES = 512 * 1024  # a step picture is a drawing (SVG); a larger one is a mistake
NEW_ROWS = ("+1", "+2")  # blank answer rows under each step: a choice step needs two at once
NEW_STEP_TITLE = "Nieuwe stap"
NEW_STEP_BODY = "Schrijf hier wat de bezoeker doet."

Errors = dict[str, list[str]]  # field key -> messages; "" is about the whole guide


@dataclass
class Guide:
    id: str
    meta: dict[str, Any]
    texts: dict[str, dict[str, Any]]
    files: dict[str, bytes]
    raw: dict[str, str] = field(default_factory=dict)  # what was typed where it could not be taken in

    @classmethod
    def from_zip(cls, data: bytes) -> Guide:
        guide_id, files = content.guide_from_zip(data)
        meta = tomllib.loads(files["walkthrough.toml"].decode("utf-8"))
        texts: dict[str, dict[str, Any]] = {lang: tomllib.loads(files[f"text/{lang}.toml"].decode("utf-8"))
                 for lang in LANGUAGES if f"text/{lang}.toml" in files}
        return cls(guide_id, meta, texts, files)

    def to_files(self) -> dict[str, bytes]:
        files = {path: data for path, data in self.files.items()
                 if path not in {f"text/{lang}.toml" for lang in LANGUAGES}}
        files["walkthrough.toml"] = tomli_w.dumps(self.meta, multiline_strings=True).encode()
        for lang, text in self.texts.items():
            files[f"text/{lang}.toml"] = tomli_w.dumps(text, multiline_strings=True).encode()
        return files

    @property
    def steps(self) -> list[dict[str, Any]]:
        steps: list[dict[str, Any]] = self.meta["steps"]
        return steps

    def step_text(self, lang: str, step_id: str) -> dict[str, Any]:
        found: dict[str, Any] = self.texts.get(lang, {}).get("steps", {}).get(step_id, {})
        return found

    def title(self, lang: str = MASTER_LANGUAGE) -> str:
        return str(self.texts.get(lang, {}).get("title", ""))

    def image_used(self, path: str) -> bool:
        return path == self.meta.get("icon") or any(step.get("image") == path for step in self.steps)


def _new_id(taken: set[str], stem: str) -> str:
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _is_svg(data: bytes) -> bool:
    """An SVG drawing, by its content, never by its name: the kiosk draws a step's picture with Qt's
    SVG renderer only (kiosk/ui/visitor/walkthrough.py), so a photo would stay blank there."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return re.search(r"<svg[\s>]", text[:4096]) is not None


def structure_values(guide: Guide) -> dict[str, str]:
    """The guide-wide fields as the form shows them (one domain or company site per line)."""
    sites = guide.meta.get("company_sites", {})
    return {"topic": str(guide.meta.get("topic", "")), "order": str(guide.meta.get("order", 100)),
            "domains": "\n".join(guide.meta.get("official_domains", [])),
            "sites": "\n".join(f"{domain} = {name}" for domain, name in sites.items())}


_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def _domain(text: str) -> str:
    return text.strip().lower().removeprefix("https://").removeprefix("http://").split("/")[0]


async def apply_structure(guide: Guide, form: FormData) -> Errors:
    """walkthrough.toml from the structure form, then the form's action (add, remove or move a step).
    The guide holds what was typed even where there are errors, so the form comes back with it."""
    errors: Errors = defaultdict(list)
    guide.raw = {name: form_text(form, name) for name in ("topic", "order", "domains", "sites", "new_step")}
    meta = guide.meta
    meta["topic"] = guide.raw["topic"]
    if not meta["topic"]:
        errors["topic"].append("Geef het onderwerp, bijvoorbeeld: belastingen.")
    try:
        meta["order"] = int(guide.raw["order"])
    except ValueError:
        errors["order"].append("De volgorde is een getal, bijvoorbeeld 10: lagere getallen komen eerst.")
    domains = [_domain(line) for line in guide.raw["domains"].splitlines() if line.strip()]
    if bad := [d for d in domains if not _DOMAIN.match(d)]:
        errors["domains"].append(f"Geen domeinnaam: {', '.join(bad)}. Schrijf zoals www.vlaanderen.be, één per regel.")
    meta["official_domains"] = domains
    sites: dict[str, str] = {}
    for line in guide.raw["sites"].splitlines():
        if line.strip():
            domain, _, name = line.partition("=")
            if not _DOMAIN.match(_domain(domain)) or not name.strip():
                errors["sites"].append(f"Schrijf een bedrijfssite als: itsme-id.com = itsme (niet: {line.strip()}).")
            sites[_domain(domain)] = name.strip()
    meta["company_sites"] = sites

    by_id = {step["id"]: step for step in guide.steps}
    order = form_list(form, "step")
    if sorted(order) != sorted(by_id):
        errors[""].append("De stappen zijn intussen veranderd. Laad de pagina opnieuw.")
        return errors
    steps = []
    for step_id in order:
        steps.append(await _apply_step(guide, by_id[step_id], form, errors))
    meta["steps"] = steps
    _apply_action(guide, form_text(form, "action"), errors)
    for path in [p for p in guide.files if p.startswith("images/") and "/" not in p[7:]]:
        if not guide.image_used(path):
            del guide.files[path]  # a picture no step shows any more
    return errors


async def _apply_step(guide: Guide, old: dict[str, Any], form: FormData, errors: Errors) -> dict[str, Any]:
    step_id = old["id"]
    key = f"{step_id}."
    step: dict[str, Any] = {"id": step_id, "image": old["image"]}
    if "practice" in old:
        step["practice"] = old["practice"]
    if url := form_text(form, key + "url"):
        step["url"] = url
    if form.get(key + "works_elsewhere"):
        step["works_elsewhere"] = True
    kind = form_text(form, key + "kind")
    kind = kind if kind in KINDS else "step"
    if kind != "step":
        step["kind"] = kind
    elif target := form_text(form, key + "next"):
        step["next"] = target
    answers: dict[str, str] = {}
    if kind == "choice":
        choices = []
        for choice_id in form_list(form, key + "choice"):
            if form.get(f"{key}{choice_id}.remove"):
                continue
            answer, target = form_text(form, f"{key}{choice_id}.answer"), form_text(form, f"{key}{choice_id}.next")
            if not answer:
                errors[f"{key}{choice_id}.answer"].append("Schrijf het antwoord, of vink 'weghalen' aan.")
            choices.append({"id": choice_id, "next": target})
            answers[choice_id] = answer
        for row in NEW_ROWS:
            answer, target = form_text(form, f"{key}{row}.answer"), form_text(form, f"{key}{row}.next")
            if not answer:
                continue
            choice_id = _new_id({c["id"] for c in choices}, "antwoord")
            if not target:
                errors[f"{key}{choice_id}.next"].append("Kies naar welke stap dit antwoord leidt.")
            choices.append({"id": choice_id, "next": target})
            answers[choice_id] = answer
        step["choices"] = choices
    _answers_in_texts(guide, step_id, answers if kind == "choice" else None)
    upload = form.get(key + "image")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_IMAGE_BYTES + 1)
        if len(data) > MAX_IMAGE_BYTES:
            errors[key + "image"].append(f"Deze afbeelding is te groot: hoogstens {MAX_IMAGE_BYTES // 1024} kB. "
                                         "Maak de tekening eenvoudiger of kleiner.")
        elif not _is_svg(data):
            errors[key + "image"].append("Dit is geen SVG-tekening. De kiosk toont bij een stap alleen SVG: "
                                         "bewaar de afbeelding als SVG (bijvoorbeeld met Inkscape) en kies ze opnieuw.")
        else:
            step["image"] = f"images/{step_id}.svg"
            guide.files[step["image"]] = data
    return step


def _answers_in_texts(guide: Guide, step_id: str, answers: dict[str, str] | None) -> None:
    """A choice step's answers in every text: Dutch as typed; a translation keeps its answers, a new
    answer is empty there (the kiosk shows the Dutch one) and a removed one goes. No choices: none."""
    for lang, text in guide.texts.items():
        step_text = text.get("steps", {}).get(step_id)
        if step_text is None:
            continue
        if answers is None:
            step_text.pop("choices", None)
        elif lang == MASTER_LANGUAGE:
            step_text["choices"] = dict(answers)
        else:
            known = step_text.get("choices", {})
            step_text["choices"] = {choice_id: known.get(choice_id, "") for choice_id in answers}


def _apply_action(guide: Guide, action: str, errors: Errors) -> None:
    steps = guide.steps
    ids = [step["id"] for step in steps]
    verb, _, step_id = action.partition(":")
    if verb == "add":
        new_id = guide.raw["new_step"] or _new_id(set(ids), "stap")
        if not re.match(content.GUIDE_ID, new_id):
            errors["new_step"].append("Een stapnaam heeft alleen kleine letters, cijfers en streepjes, "
                                      "bijvoorbeeld: formulier-invullen.")
        elif new_id in ids:
            errors["new_step"].append(f"Er is al een stap '{new_id}'. Kies een andere naam.")
        else:
            steps.append({"id": new_id, "image": steps[-1]["image"]})
            guide.texts.setdefault(MASTER_LANGUAGE, {"title": "", "steps": {}}).setdefault("steps", {})[new_id] = {
                "title": NEW_STEP_TITLE, "body": NEW_STEP_BODY}
            guide.raw["new_step"] = ""
            guide.raw["anchor"] = f"stap-{new_id}"
    elif verb in ("up", "down") and step_id in ids:
        index = ids.index(step_id)
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
        guide.raw["anchor"] = f"stap-{step_id}"
    elif verb == "remove" and step_id in ids:
        if len(steps) == 1:
            errors[""].append("Een stappenplan heeft minstens één stap.")
            return
        del steps[ids.index(step_id)]
        for text in guide.texts.values():
            text.get("steps", {}).pop(step_id, None)


def text_values(guide: Guide, lang: str) -> dict[str, str]:
    """A language's texts as its form shows them: field name -> value."""
    text = guide.texts.get(lang, {})
    values = {"title": str(text.get("title", "")), "summary": str(text.get("summary", ""))}
    for step in guide.steps:
        found = guide.step_text(lang, step["id"])
        values[f"{step['id']}.title"] = str(found.get("title", ""))
        values[f"{step['id']}.body"] = str(found.get("body", ""))
        for choice in step.get("choices", []):
            values[f"{step['id']}.{choice['id']}.answer"] = str(found.get("choices", {}).get(choice["id"], ""))
    return values


def apply_texts(guide: Guide, lang: str, form: FormData) -> Errors:
    """One language's texts from its form. In a translation an empty step is left out (the kiosk shows
    the Dutch one, marked); half a step (a title without text) is refused."""
    errors: Errors = defaultdict(list)
    values = {name: form_text(form, name).replace("\r\n", "\n") for name in text_values(guide, lang)}
    guide.raw = values
    master = lang == MASTER_LANGUAGE
    steps: dict[str, Any] = {}
    for step in guide.steps:
        key = f"{step['id']}."
        title, body = values[key + "title"], values[key + "body"]
        answers = {c["id"]: values[f"{key}{c['id']}.answer"] for c in step.get("choices", [])}
        if not master and not title and not body and not any(answers.values()):
            continue
        if not title or not body:
            errors[key + ("title" if not title else "body")].append(
                "Vul de titel en de tekst van deze stap in." if master else
                "Vul de titel en de tekst in, of laat allebei leeg: dan toont de kiosk het Nederlands.")
        if master:
            for choice_id, answer in answers.items():
                if not answer:
                    errors[f"{key}{choice_id}.answer"].append("Schrijf het antwoord.")
        steps[step["id"]] = {"title": title, "body": body} | ({"choices": answers} if answers else {})
    if master:
        _rename_labels(guide, steps)
    if not master and not steps and not values["title"] and not values["summary"]:
        guide.texts.pop(lang, None)  # nothing translated: the whole guide in Dutch
        return errors
    if not values["title"]:
        errors["title"].append("Geef het stappenplan een titel.")
    guide.texts[lang] = {"title": values["title"], "summary": values["summary"],
                         "reviewed_by_native_speaker": bool(form.get("reviewed")), "steps": steps}
    return errors


def _rename_labels(guide: Guide, steps: dict[str, Any]) -> None:
    """A Dutch screen label corrected in place ([[Aanmelden]] -> [[Inloggen]], as many labels as
    before) is corrected in every translation that quoted the old one, which must quote the Dutch
    labels verbatim. A label added or taken away is left to the translators (the check says where)."""
    for step_id, new in steps.items():
        old, now = labels(guide.step_text(MASTER_LANGUAGE, step_id).get("body", "")), labels(new["body"])
        renamed = [(a, b) for a, b in zip(old, now, strict=False) if a != b] if len(old) == len(now) else []
        for lang, text in guide.texts.items():
            translated = text.get("steps", {}).get(step_id)
            if lang == MASTER_LANGUAGE or not renamed or translated is None:
                continue
            if sorted(labels(translated["body"])) == sorted(old):
                for before, after in renamed:
                    translated["body"] = translated["body"].replace(f"[[{before}]]", f"[[{after}]]")


# --- the shared checks' problems beside their fields ---------------------------------------------
# A problem's field in walkthrough.toml (sync/content_problems.py) -> the structure form's field.
_GUIDE_FIELDS = {"topic": "topic", "order": "order", "official_domains": "domains", "company_sites": "sites"}
_STEP_FIELDS = {"next": "next", "url": "url", "image": "image", "choices": "choices", "kind": "kind"}


def field_errors(guide: Guide, problems: list[Problem]) -> Errors:
    """The problems of `content.check_folder` for the next bundle, keyed by the field they are about
    (by their place, never by their words): a structure field ("need.next"), a text field behind its
    language ("fr:need.body"), a step ("need.step"), a language's page ("fr:"); "" for the rest,
    which the summary at the top shows with where it is."""
    errors: Errors = defaultdict(list)
    for problem in problems:
        key = _field_key(guide, problem)
        if key.rpartition(":")[2]:
            errors[key].append(problem.text)
        else:  # at the top: say where (a language's page names its language itself)
            where = problem.where if problem.guide != guide.id else problem.where.partition(", ")[2]
            errors[key].append(f"{where[:1].upper()}{where[1:]}: {problem.text}" if where and not key else problem.text)
    return errors


def _field_key(guide: Guide, problem: Problem) -> str:
    if problem.guide != guide.id:
        return ""  # another guide in the next bundle
    steps = {step["id"]: step for step in guide.steps}
    step = steps.get(problem.step)
    first, _, rest = problem.field.partition(".")
    if problem.language:
        prefix = f"{problem.language}:"
        if step is None:
            return prefix + (first if not problem.step and first in ("title", "summary") else "")
        if first in ("title", "body"):
            return f"{prefix}{step['id']}.{first}"
        choice = rest.partition(".")[0]
        if first == "choices" and choice in {c["id"] for c in step.get("choices", [])}:
            return f"{prefix}{step['id']}.{choice}.answer"
        return f"{prefix}{step['id']}.step"
    if problem.file != "walkthrough.toml":
        return ""
    if step is None:
        return "" if problem.step else _GUIDE_FIELDS.get(first, "")
    choice, _, inner = rest.partition(".")
    if first == "choices" and inner == "next" and choice in {c["id"] for c in step.get("choices", [])}:
        return f"{step['id']}.{choice}.next"
    return f"{step['id']}.{_STEP_FIELDS.get(first, 'step')}"
