"""The walkthrough folder format, Qt-free and shared: the kiosk loads guides with it, `python -m
kiosk.content check` and the server's publishing check them with it (one implementation).

Loaded from resources/walkthroughs/<id>/ (or an installed bundle), validated by a pydantic schema.

Layout of one walkthrough (coordinators add one without touching Python):
    walkthrough.toml        id, order, topic, icon, official_domains, company_sites, [[steps]] (id, image, url,
                            practice, works_elsewhere, kind, next, choices)
    text/<lang>.toml        title, summary, reviewed_by_native_speaker, [steps.<step-id>] title + body
    SOURCES.md              facts and screen labels with their sources; a label row whose status says
                            "unverified" is one a coordinator checks first (`unverified_labels`)
    images/...              one image per step (SVG preferred); images/<lang>/<name> overrides it
    practice/...            optional practice pages ("Oefenen"): a step's `practice` names one of them;
                            Dutch HTML/CSS/SVG served by the kiosk itself, only relative links

Body markup: lines, "- " bullets, "1. " numbered lines, **bold**, [[Official Dutch label]].
Dutch is the master text; any other language may be missing and falls back to Dutch, marked.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sync.content_problems import Problem, schema_problem
from sync.markup import escape
from sync.protocol import VISITOR_LANGUAGES, VisitorLanguage

MASTER_LANGUAGE = "nl"
LANGUAGES = VISITOR_LANGUAGES  # a text file per language: text/<lang>.toml
# The languages written from right to left (Arabic; Dari, "fa"), for the kiosk and the console's preview.
WRITING_DIRECTION: dict[str, Literal["rtl"]] = {"ar": "rtl", "fa": "rtl"}
RTL_LANGUAGES = frozenset(WRITING_DIRECTION)
URL_PLACEHOLDERS = ("{eloket_url}",)
PRACTICE_DIR = "practice"
PRACTICE_PAGE = r"^[a-z0-9][a-z0-9-]*\.html$"  # a practice page: a plain name in practice/
_LABEL = re.compile(r"\[\[(.+?)\]\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    next: str  # the step this answer leads to


class StepMeta(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    image: str
    url: str | None = None
    # A practice page in practice/ ("login.html"), shown beside this step in practice mode.
    practice: str | None = Field(default=None, pattern=PRACTICE_PAGE)
    # The visitor works on their phone or in the eID PIN window here, which the kiosk does not see
    # as input: the idle question offers "Ik ben bezig op mijn gsm" (kiosk/ui/visitor/session.py).
    works_elsewhere: StrictBool = False
    # "step" goes on to `next`, else the following step; "choice" asks and goes where the answer
    # leads (`choices`, labels in the texts); "end" is a last step: the visitor is done.
    kind: Literal["step", "choice", "end"] = "step"
    next: str | None = None
    choices: list[Choice] = []

    @model_validator(mode="after")
    def _kind(self) -> StepMeta:
        # The codes are sync/content_problems.py's: the message is the code's Dutch text.
        if self.kind == "choice" and len(self.choices) < 2:
            raise PydanticCustomError("choice_too_few", "a choice step needs at least 2 choices")
        if self.kind != "choice" and self.choices:
            raise PydanticCustomError("choices_not_allowed", "only a choice step has choices")
        if self.kind != "step" and self.next is not None:
            raise PydanticCustomError("next_not_allowed", "a choice or end step has no next")
        return self

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None or value in URL_PLACEHOLDERS:
            return value
        if urlparse(value).scheme != "https":
            raise PydanticCustomError("url_not_https", "url must be https:// or one of {placeholders}",
                                      {"placeholders": ", ".join(URL_PLACEHOLDERS)})
        return value


class WalkthroughMeta(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    order: int = 100
    topic: str
    icon: str
    official_domains: list[str] = []  # government sites: the "officiële website" mark
    # A company's own site (itsme is a company): domain -> the company's name, for the calm mark
    # "website van itsme", never "officieel".
    company_sites: dict[str, str] = {}
    steps: list[StepMeta] = Field(min_length=1)


class StepText(_Strict):
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    choices: dict[str, str] = {}  # a choice step's answers: choice id -> button text

    @field_validator("title", "body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_empty", "empty text")
        return value


class WalkthroughText(_Strict):
    title: str = Field(min_length=1)
    summary: str = ""
    # Has someone whose own language this is read the text? Machine- or LLM-made: false. Missing
    # counts as not reviewed; the check lists the unreviewed ones, the console shows them.
    reviewed_by_native_speaker: StrictBool = False
    steps: dict[str, StepText]


@dataclass(frozen=True)
class LocalisedStep:
    title: str
    body: str
    language: str  # the language actually shown
    is_fallback: bool  # True when the visitor's language was missing and Dutch is shown


@dataclass
class Walkthrough:
    root: Path
    meta: WalkthroughMeta
    texts: dict[str, WalkthroughText]

    @property
    def id(self) -> str:
        return self.meta.id

    def __len__(self) -> int:
        return len(self.meta.steps)

    def title(self, lang: str) -> str:
        return self.texts.get(lang, self.texts[MASTER_LANGUAGE]).title

    def unreviewed(self) -> list[VisitorLanguage]:
        """The languages of this guide that no native speaker has reviewed, in LANGUAGES order."""
        return [lang for lang in LANGUAGES if lang in self.texts and not self.texts[lang].reviewed_by_native_speaker]

    def unverified_labels(self) -> list[UnverifiedLabel]:
        return unverified_labels(self.root / SOURCES_FILE)

    def has_sources(self) -> bool:
        return (self.root / SOURCES_FILE).is_file()

    def summary(self, lang: str) -> str:
        return self.texts.get(lang, self.texts[MASTER_LANGUAGE]).summary

    def step(self, lang: str, index: int) -> LocalisedStep:
        step_id = self.meta.steps[index].id
        text = self.texts.get(lang)
        if text is not None and step_id in text.steps:
            found = text.steps[step_id]
            return LocalisedStep(found.title, found.body, lang, False)
        master = self.texts[MASTER_LANGUAGE].steps[step_id]
        return LocalisedStep(master.title, master.body, MASTER_LANGUAGE, lang != MASTER_LANGUAGE)

    def image_path(self, lang: str, index: int) -> Path:
        image = Path(self.meta.steps[index].image)
        localised = self.root / image.parent / lang / image.name
        return localised if localised.exists() else self.root / image

    def icon_path(self) -> Path:
        return self.root / self.meta.icon

    def index_of(self, step_id: str) -> int:
        return next(i for i, step in enumerate(self.meta.steps) if step.id == step_id)

    def next_index(self, index: int) -> int | None:
        """Where "Volgende" leads from a plain step: its `next`, else the following step; None when
        the visitor is done (an end step, or the last one). A choice step goes by its answers."""
        step = self.meta.steps[index]
        if step.kind == "end":
            return None
        if step.next is not None:
            return self.index_of(step.next)
        return index + 1 if index + 1 < len(self) else None

    def depth(self, index: int) -> int:
        """How many steps lie before this one on the shortest way from the first step (0 for the
        first): the step's place on the visitor's path when the way they came is not known."""
        seen, frontier, depth = {0}, [0], 0
        while frontier and index not in frontier:
            following = []
            for i in frontier:
                step = self.meta.steps[i]
                targets = [self.index_of(c.next) for c in step.choices] if step.kind == "choice" else \
                    [t for t in (self.next_index(i),) if t is not None]
                following += [t for t in targets if t not in seen]
                seen.update(targets)
            frontier, depth = following, depth + 1
        return depth

    def steps_left(self, index: int) -> int | None:
        """How many steps follow this one on the way to the end, or None when a question lies ahead
        (the visitor's answer decides): a branched guide has no fixed number of steps."""
        left, i = 0, index
        while True:
            if self.meta.steps[i].kind == "choice":
                return None
            following = self.next_index(i)
            if following is None:
                return left
            left, i = left + 1, following

    def choices(self, lang: str, index: int) -> list[tuple[str, int]]:
        """A choice step's answers in `lang` (Dutch where missing) and the step each leads to."""
        step = self.meta.steps[index]
        shown = self.step(lang, index).language
        texts = self.texts[shown].steps[step.id].choices
        master = self.texts[MASTER_LANGUAGE].steps[step.id].choices
        return [(texts.get(c.id) or master[c.id], self.index_of(c.next)) for c in step.choices]

    def step_url(self, index: int, eloket_url: str) -> str | None:
        url = self.meta.steps[index].url
        return eloket_url if url == "{eloket_url}" else url

    @property
    def has_practice(self) -> bool:
        return any(step.practice for step in self.meta.steps)

    def practice_page(self, index: int) -> str | None:
        """The practice page beside this step: its own, else the nearest earlier step's."""
        return next((step.practice for step in reversed(self.meta.steps[:index + 1]) if step.practice),
                    None)

    def practice_step(self, page: str, index: int) -> int | None:
        """The step a practice page belongs to, seen from step `index`: this step when it shows the
        page, else the first step after it that names the page, else the first one before it."""
        if self.practice_page(index) == page:
            return index
        named = [i for i, step in enumerate(self.meta.steps) if step.practice == page]
        return next((i for i in named if i > index), named[0] if named else None)

    def real_start(self, eloket_url: str) -> tuple[int, str] | None:
        """Where "Nu echt doen?" leads after practising: the first step with a real website."""
        return next(((i, url) for i in range(len(self)) if (url := self.step_url(i, eloket_url))), None)


@dataclass
class ContentReport:
    walkthroughs: list[Walkthrough] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # str(problem): file, step, Dutch text, code
    # (walkthrough id, language) -> step ids missing in that language
    missing: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    version: int = 0  # the guide bundle these come from (kiosk/core/bundles.py); 0: the installer's only


class TomlCache:
    """Parsed TOML files kept as JSON in one file, by the SHA-256 of each file's bytes. Python's
    tomllib is pure Python: parsing the 117 guide files took about 50 ms of the kiosk's start-up
    (most of it the long strings); reading and hashing them takes about 2. The same bytes always
    parse the same, so a changed, added or replaced file (a new bundle) simply misses. A file whose
    content JSON cannot hold exactly (TOML dates) is parsed every time. The cache lives in the
    kiosk's data directory, which is trusted as its settings are (they pin the guide keys)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        self._entries: dict[str, Any] = entries if isinstance(entries, dict) else {}
        self._used: dict[str, Any] = {}

    def parse(self, data: bytes) -> dict[str, Any]:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._entries:
            self._used[digest] = parsed = self._entries[digest]
            return parsed  # type: ignore[no-any-return]
        parsed = tomllib.loads(data.decode())
        if json.loads(json.dumps(parsed)) == parsed:
            self._used[digest] = parsed
        return parsed

    def save(self) -> None:
        """Keep what this load used (files no longer read drop out); nothing when nothing changed.
        A failed write costs only the next start-up's parse."""
        if self._used.keys() == self._entries.keys():
            return
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self._used, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            return
        self._entries = dict(self._used)


def _problem(code: str, folder: Path, file: str = "", step: str = "", field: str = "", **params: Any) -> Problem:
    """A problem of the guide in `folder` (its file, step and field: sync/content_problems.py)."""
    return Problem(code, str(folder.parent), folder.name, file, step, field, params)


def _file_in(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _load_toml(folder: Path, path: Path, errors: list[Problem],
               cache: TomlCache | None = None) -> dict[str, Any] | None:
    try:
        if cache is not None:
            return cache.parse(path.read_bytes())
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError:
        errors.append(_problem("file_unreadable", folder, _file_in(folder, path)))
    except UnicodeDecodeError:
        errors.append(_problem("not_utf8", folder, _file_in(folder, path)))
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        errors.append(_problem("toml_syntax", folder, _file_in(folder, path),
                               place=f"regel {place.group(1)}, kolom {place.group(2)}" if place else "aan het einde"))
    return None


def _schema_errors(folder: Path, path: Path, raw: dict[str, Any], exc: ValidationError) -> list[Problem]:
    return [schema_problem(e, raw, root=str(folder.parent), guide=folder.name, file=_file_in(folder, path))
            for e in exc.errors()]


SOURCES_FILE = "SOURCES.md"
_TABLE_ROW = re.compile(r"^\|(.+)\|\s*$")


_UNVERIFIED = ("unverified", "not verified", "not checked")


@dataclass(frozen=True)
class UnverifiedLabel:
    label: str
    status: str  # the source note's words, e.g. "**unverified** (not seen on a stored copy)"


def unverified_labels(sources: Path) -> list[UnverifiedLabel]:
    """The screen labels a guide's SOURCES.md has not checked on the live site: the rows of its
    "## Screen labels" table (| Label | Where | Status |) whose status says "unverified", "not
    verified" or "not checked". No file: none listed (the caller says the note is missing)."""
    try:
        lines = sources.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found: list[UnverifiedLabel] = []
    in_labels = False
    for line in lines:
        if line.startswith("## "):
            in_labels = line[3:].strip().lower().startswith("screen labels")
            continue
        row = _TABLE_ROW.match(line.strip()) if in_labels else None
        if row is None:
            continue
        cells = [cell.strip() for cell in row.group(1).split("|")]
        if len(cells) > 1 and any(word in cells[-1].lower() for word in _UNVERIFIED):
            label = _LABEL.search(cells[0])
            found.append(UnverifiedLabel(label.group(1) if label else cells[0].strip("`* "), cells[-1]))
    return found


def labels(text: str) -> list[str]:
    """The official Dutch button labels quoted in a text as [[Label]]."""
    return _LABEL.findall(text)


def _check_walkthrough(wt: Walkthrough, report: ContentReport) -> None:
    errors = report.errors
    step_ids = [s.id for s in wt.meta.steps]
    if doubles := sorted({s for s in step_ids if step_ids.count(s) > 1}):
        errors.append(_problem("duplicate_steps", wt.root, "walkthrough.toml", steps=doubles))
    if not wt.icon_path().is_file():
        errors.append(_problem("icon_missing", wt.root, "walkthrough.toml", field="icon", icon=wt.meta.icon))
    for lang, text in wt.texts.items():
        extra = set(text.steps) - set(step_ids)
        if extra:
            errors.append(_problem("steps_not_in_guide", wt.root, f"text/{lang}.toml", steps=sorted(extra)))
        report.missing[(wt.id, lang)] = [s for s in step_ids if s not in text.steps]
    for lang in LANGUAGES:
        report.missing.setdefault((wt.id, lang), list(step_ids))
    master = wt.texts.get(MASTER_LANGUAGE)
    if master is None:
        errors.append(_problem("master_missing", wt.root, f"text/{MASTER_LANGUAGE}.toml"))
        return
    files, folders = _tree(wt.root)
    for step in wt.meta.steps:
        image = PurePosixPath(step.image)
        # The folder a language's own picture is in, as text: one path object per step, not one per
        # step and language (about 1,600 pathlib joins for the bundled guides: 3-12 ms of the start).
        parent, common = image.parent.as_posix(), image.as_posix()
        prefix = "" if parent == "." else parent + "/"
        for lang in LANGUAGES:
            # What wt.image_path chooses, from one listing of the folder instead of two stats per step
            # and language (about 850 for the bundled guides: a third of loading them once parsed).
            localised = f"{prefix}{lang}/{image.name}"
            chosen = localised if localised in files or localised in folders else common
            if chosen not in files:
                errors.append(_problem("image_missing", wt.root, "walkthrough.toml", step.id, "image",
                                       image=step.image))
                break
        if step.id not in master.steps:
            continue  # reported as missing Dutch text below
        wanted = sorted(labels(master.steps[step.id].body))
        for lang, text in wt.texts.items():
            if lang != MASTER_LANGUAGE and step.id in text.steps:
                got = sorted(labels(text.steps[step.id].body))
                if got != wanted:
                    errors.append(_problem("labels_differ", wt.root, f"text/{lang}.toml", step.id, "body",
                                           wanted=[f"[[{label}]]" for label in wanted],
                                           found=[f"[[{label}]]" for label in got]))
    for step_id in report.missing[(wt.id, MASTER_LANGUAGE)]:
        errors.append(_problem("master_step_missing", wt.root, f"text/{MASTER_LANGUAGE}.toml", step_id))
    _check_paths(wt, errors)
    _check_practice(wt, errors)


def _tree(root: Path) -> tuple[set[str], set[str]]:
    """Every file and every folder under root, as relative POSIX paths."""
    files: set[str] = set()
    folders: set[str] = set()
    for top, dirs, names in os.walk(root):
        relative = Path(top).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        folders.update(prefix + name for name in dirs)
        files.update(prefix + name for name in names)
    return files, folders


def _check_paths(wt: Walkthrough, errors: list[Problem]) -> None:
    """Choices and `next` lead to steps that exist; every step can be reached from the first; no
    path goes round in a loop (every path ends); every answer has its Dutch text, and a translated
    choice step translates all its answers."""
    ids = {step.id for step in wt.meta.steps}
    edges: dict[str, list[str]] = {}
    for index, step in enumerate(wt.meta.steps):
        targets = [c.next for c in step.choices] + ([step.next] if step.next else [])
        for choice in step.choices:
            if choice.next not in ids:
                errors.append(_problem("unknown_target", wt.root, "walkthrough.toml", step.id,
                                       f"choices.{choice.id}.next", targets=[choice.next]))
        if step.next and step.next not in ids:
            errors.append(_problem("unknown_target", wt.root, "walkthrough.toml", step.id, "next", targets=[step.next]))
        if step.kind == "step" and step.next is None and index + 1 < len(wt.meta.steps):
            targets.append(wt.meta.steps[index + 1].id)
        edges[step.id] = [t for t in targets if t in ids]
        for lang, text in wt.texts.items():
            if step.id in text.steps:
                labels_ = text.steps[step.id].choices
                wanted = {c.id for c in step.choices}
                if set(labels_) != wanted:
                    errors.append(_problem("answers_differ", wt.root, f"text/{lang}.toml", step.id, "choices",
                                           wanted=sorted(wanted), found=sorted(labels_)))
    first = wt.meta.steps[0].id
    reached, todo = {first}, [first]
    while todo:
        for target in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    for step in wt.meta.steps:
        if step.id not in reached:
            errors.append(_problem("unreachable", wt.root, "walkthrough.toml", step.id))
    # A loop: a step that is on a path leading back to itself (depth-first, grey = on the path).
    state: dict[str, str] = {}

    def visit(step_id: str, path: list[str]) -> None:
        state[step_id] = "grey"
        for target in edges[step_id]:
            if state.get(target) == "grey":
                loop = path[path.index(target):] + [target] if target in path else [step_id, target]
                errors.append(_problem("loop", wt.root, "walkthrough.toml", loop[0], loop=" → ".join(loop)))
            elif target not in state:
                visit(target, [*path, target])
        state[step_id] = "black"

    visit(first, [first])


# Every address a practice page names: href, src, action, formaction, and CSS url().
_PRACTICE_REF = re.compile(r"""(?:\b(?:href|src|action|formaction)\s*=\s*["']?|url\(\s*["']?)([^"')\s>]*)""",
                           re.IGNORECASE)


def _check_practice(wt: Walkthrough, errors: list[Problem]) -> None:
    """Practice pages stay inside the kiosk: every page a step names exists, every page has a
    <head> and a <body> (the kiosk puts its "Oefening" mark there), and every address in them is a
    file of the same practice folder (no scheme, no "//", no way up)."""
    folder = wt.root / PRACTICE_DIR
    for step in wt.meta.steps:
        if step.practice and not (folder / step.practice).is_file():
            errors.append(_problem("practice_missing", wt.root, "walkthrough.toml", step.id, "practice",
                                   page=step.practice))
    if not folder.is_dir():
        return
    for page in sorted(p for p in folder.iterdir() if p.suffix in (".html", ".css")):
        file = _file_in(wt.root, page)
        try:
            text = page.read_text(encoding="utf-8")
        except OSError:
            errors.append(_problem("file_unreadable", wt.root, file))
            continue
        except UnicodeDecodeError:
            errors.append(_problem("not_utf8", wt.root, file))
            continue
        if page.suffix == ".html" and not (re.search(r"<head[\s>]", text) and re.search(r"<body[\s>]", text)):
            errors.append(_problem("practice_head_body", wt.root, file))
        for ref in _PRACTICE_REF.findall(text):
            target = ref.split("#")[0].split("?")[0]
            if not target:
                continue  # "#top", or a form that posts to its own page
            if ":" in target or target.startswith(("/", "\\")) or ".." in target or "/" in target:
                errors.append(_problem("practice_link_outside", wt.root, file, ref=ref))
            elif not (folder / target).is_file():
                errors.append(_problem("practice_link_missing", wt.root, file, ref=ref))


def load_walkthroughs(root: Path, cache: TomlCache | None = None) -> ContentReport:
    """Every walkthrough folder under root, checked; `cache` (the kiosk's) skips parsing TOML
    files seen before. The caller saves the cache."""
    report = ContentReport()
    if not root.is_dir():
        report.errors.append(Problem("folder_missing", str(root)))
        return report
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        raw = _load_toml(folder, folder / "walkthrough.toml", report.errors, cache)
        if raw is None:
            continue
        try:
            meta = WalkthroughMeta.model_validate(raw)
        except ValidationError as exc:
            report.errors.extend(_schema_errors(folder, folder / "walkthrough.toml", raw, exc))
            continue
        if meta.id != folder.name:
            report.errors.append(_problem("id_differs", folder, "walkthrough.toml", field="id", id=meta.id,
                                          name=folder.name))
        texts: dict[str, WalkthroughText] = {}
        for text_file in sorted((folder / "text").glob("*.toml")):
            lang = text_file.stem
            if lang not in LANGUAGES:
                report.errors.append(_problem("unknown_language", folder, _file_in(folder, text_file), language=lang,
                                              known=list(LANGUAGES)))
                continue
            raw_text = _load_toml(folder, text_file, report.errors, cache)
            if raw_text is None:
                continue
            try:
                texts[lang] = WalkthroughText.model_validate(raw_text)
            except ValidationError as exc:
                report.errors.extend(_schema_errors(folder, text_file, raw_text, exc))
        wt = Walkthrough(root=folder, meta=meta, texts=texts)
        _check_walkthrough(wt, report)
        if MASTER_LANGUAGE in texts and not report.missing[(wt.id, MASTER_LANGUAGE)]:
            report.walkthroughs.append(wt)
    report.walkthroughs.sort(key=lambda w: (w.meta.order, w.id))
    return report


def render_body_html(body: str, label_style: str = "", *, rtl: bool = False) -> str:
    """Body markup to the small HTML subset Qt's rich text understands. Official labels become
    quoted, styled spans (`label_style` is inline CSS: QLabel has no style sheet for rich text).

    Right-to-left text (`rtl`): every paragraph and list item says dir="rtl" and starts with a
    right-to-left mark, so a line that begins with a Latin word ("itsme", a Dutch label) still reads
    from the right, with its bullet and full stop on the right sides."""
    out: list[str] = []
    open_list: str | None = None
    direction, mark = (' dir="rtl"', "\u200f") if rtl else ("", "")
    for raw_line in body.strip().splitlines():
        line = escape(raw_line.strip(), quote=False)
        line = _BOLD.sub(r"<b>\1</b>", line)
        line = _LABEL.sub(rf'<span style="{label_style}">&#160;\1&#160;</span>', line)
        numbered = re.match(r"^\d+\.\s+(.*)$", line)
        kind: str | None
        if line.startswith("- "):
            kind, item = "ul", line[2:]
        else:
            kind, item = ("ol", numbered.group(1)) if numbered else (None, line)
        if kind != open_list:
            if open_list:
                out.append(f"</{open_list}>")
            if kind:
                out.append(f"<{kind}{direction}>")
            open_list = kind
        if kind:
            out.append(f"<li{direction}>{mark}{item}</li>")
        elif item:
            out.append(f"<p{direction}>{mark}{item}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)


def directed(text: str, language: str) -> str:
    """A title, summary or answer as the screen shows it: in a right-to-left language it starts with
    a right-to-left mark, so that one beginning with a Latin name ("itsme را بسازید", "Mijn
    Gezondheid: ...") still reads from the right instead of being laid out left to right."""
    return "\u200f" + text if language in RTL_LANGUAGES and text else text


def body_plain_text(body: str) -> str:
    """Body without markup, for read-aloud."""
    text = _LABEL.sub(r"\1", _BOLD.sub(r"\1", body))
    return "\n".join(re.sub(r"^(- |\d+\.\s+)", "", line.strip()) for line in text.strip().splitlines())
