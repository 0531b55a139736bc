"""What the guide checks (sync/content_format.py) find: each problem a code, where it is (guide,
file, step, field) and its parameters. `TEXTS` is the one place that says each problem in plain
Dutch with what to do next; the console's editor puts a problem beside its field by its place, the
list page, `python -m kiosk.content check`, `digipunt-server content publish` and the kiosk's log
show the same text (with the code, to look it up)."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from sync.labels import HELP_LANGUAGES
from sync.protocol import VISITOR_LANGUAGES

TEXTS: dict[str, str] = {
    # Files and folders
    "folder_missing": "De map met stappenplannen bestaat niet. Geef de map waarin de stappenplannen staan.",
    "no_guides": "Er staat geen stappenplan in de map. Elk stappenplan is een map met een walkthrough.toml.",
    "file_unreadable": "Dit bestand ontbreekt of is niet te lezen. Zet het bestand terug, of kopieer de map "
                       "opnieuw.",
    "not_utf8": "Dit bestand is niet als UTF-8 bewaard. Bewaar het opnieuw met de codering UTF-8.",
    "toml_syntax": "Dit bestand is geen geldige TOML ({place}). Kijk na of elke tekst "
                   "tussen aanhalingstekens staat en elke regel de vorm naam = waarde heeft.",
    "unknown_language": "Er is geen taal '{language}'. Noem het bestand naar een van deze talen: {known}; of haal "
                        "het weg.",
    "bundle_too_large": "Alle stappenplannen samen zijn te groot voor één versie: hoogstens {files} bestanden, "
                        "elk hoogstens {megabytes} MB. Maak afbeeldingen kleiner, of haal bestanden weg.",
    "file_name_refused": "Deze bestandsnamen kunnen niet mee naar de kiosks: {names}. Gebruik alleen letters, "
                         "cijfers, punten, - en _ (geen spaties), en / tussen mappen; hernoem ze en laad opnieuw op.",
    # The format's fields (walkthrough.toml, text/<taal>.toml)
    "field_missing": "Hier ontbreekt {what}. Vul het in.",
    "field_unknown": "Het veld '{key}' bestaat hier niet. Haal het weg, of kijk na hoe het geschreven is.",
    "wrong_type": "{what} heeft hier de verkeerde soort waarde: verwacht is {expected}. Verbeter de waarde.",
    "bad_id": "'{value}' is geen geldige naam: gebruik alleen kleine letters, cijfers en streepjes, "
              "bijvoorbeeld formulier-invullen.",
    "bad_practice_name": "'{value}' is geen geldige naam voor een oefenpagina: kleine letters, cijfers en "
                         "streepjes, met .html op het einde, bijvoorbeeld aanmelden.html.",
    "bad_kind": "De soort stap '{value}' bestaat niet. Kies step (gewone stap), choice (keuzestap) of end "
                "(eindstap).",
    "no_steps": "Een stappenplan heeft minstens één stap. Voeg een stap toe.",
    "text_empty": "Dit is leeg. Vul de tekst in.",
    "url_not_https": "Een webadres begint met https://, bijvoorbeeld https://www.vlaanderen.be. Of gebruik "
                     "{{eloket_url}} voor het e-loket van de stad.",
    "choice_too_few": "Een keuzestap heeft minstens twee antwoorden. Voeg een antwoord toe, of maak er een gewone "
                      "stap van.",
    "choices_not_allowed": "Alleen een keuzestap heeft antwoorden. Haal de antwoorden weg, of maak er een "
                           "keuzestap van.",
    "next_not_allowed": "Een keuzestap of eindstap heeft geen volgende stap: bij een keuzestap leiden de "
                        "antwoorden verder. Haal de volgende stap weg.",
    # The guide as a whole
    "id_differs": "De naam (id) '{id}' verschilt van de naam van de map, '{name}'. Geef ze dezelfde naam.",
    "duplicate_steps": "Meer dan één stap heet {steps}. Geef elke stap een eigen naam.",
    "icon_missing": "Het pictogram {icon} ontbreekt. Voeg het bestand toe, of kijk de naam na.",
    "image_missing": "De afbeelding {image} ontbreekt. Voeg het bestand toe (een SVG-tekening), of laad in de "
                     "editor een andere afbeelding op.",
    "master_missing": "De Nederlandse tekst (text/nl.toml) ontbreekt. Het Nederlands is de basis van elk "
                      "stappenplan: schrijf die eerst.",
    "master_step_missing": "De Nederlandse titel en tekst van deze stap ontbreken. Schrijf ze.",
    "steps_not_in_guide": "Deze tekst heeft stappen die niet in het stappenplan staan: {steps}. Haal ze weg uit de "
                          "tekst, of voeg de stappen toe.",
    "labels_differ": "Neem de schermlabels van het Nederlands letterlijk over, tussen [[ en ]]: {wanted} (nu: "
                     "{found}). Pas de vertaling aan, of maak titel en tekst van deze stap leeg: dan toont de "
                     "kiosk het Nederlands.",
    "answers_differ": "De antwoorden passen niet bij de keuzestap: nodig zijn {wanted}, er staan {found}. Geef elk "
                      "antwoord van de stap een tekst, en geen andere. In de editor: bewaar de stappen opnieuw.",
    # Where the visitor goes
    "unknown_target": "Leidt naar een stap die niet bestaat: {targets}. Kies een stap die wel bestaat.",
    "unreachable": "Geen stap of antwoord leidt hierheen: de bezoeker komt hier nooit. Laat een stap ernaar "
                   "leiden, of haal deze stap weg.",
    "loop": "Deze stappen lopen in een kring: {loop}. De bezoeker raakt er niet uit: laat een ervan naar een "
            "verdere stap of een eindstap leiden.",
    # Practice pages
    "practice_missing": "De oefenpagina practice/{page} ontbreekt. Voeg ze toe, of haal ze weg bij deze stap.",
    "practice_head_body": "Een oefenpagina heeft een <head> en een <body> nodig: de kiosk zet er het teken "
                          "'Oefening' in. Voeg ze toe.",
    "practice_link_outside": "Een oefenpagina linkt alleen naar bestanden in haar eigen map practice/, niet naar "
                             "'{ref}'. Verander de link of haal ze weg.",
    "practice_link_missing": "'{ref}' bestaat niet in de map practice/. Voeg het bestand toe, of verbeter de link.",
}

# A key of the format, in plain Dutch (the fields' problems name it); any other key is quoted as it is.
FIELD_NAMES = {
    "id": "de naam (id)", "order": "de volgorde", "topic": "het onderwerp", "icon": "het pictogram",
    "official_domains": "de officiële websites", "company_sites": "de websites van bedrijven",
    "steps": "de stappen", "image": "de afbeelding", "url": "het webadres", "practice": "de oefenpagina",
    "works_elsewhere": "'werkt op de gsm' (works_elsewhere)", "kind": "de soort stap", "next": "de volgende stap",
    "choices": "de antwoorden", "title": "de titel", "body": "de tekst", "summary": "de korte uitleg",
    "reviewed_by_native_speaker": "'nagelezen' (reviewed_by_native_speaker)",
}
# pydantic's error types for a wrong kind of value: what was expected, in Dutch.
EXPECTED = {
    "string_type": "tekst tussen aanhalingstekens", "int_type": "een geheel getal", "int_parsing": "een geheel getal",
    "int_from_float": "een geheel getal", "bool_type": "true of false", "bool_parsing": "true of false",
    "list_type": "een lijst tussen [ en ]", "dict_type": "een tabel", "model_type": "een tabel",
    "model_attributes_type": "een tabel",
}
# The format's own checks of a whole step, by the field they are about.
_STEP_CHECK_FIELDS = {"choice_too_few": "choices", "choices_not_allowed": "choices", "next_not_allowed": "next"}
_TEXT_FILE = re.compile(r"^text/([a-z]+)\.toml$")


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing the checks refuse. `root` is the folder of guides, `guide` the guide's folder name
    ("" for the folder itself), `file` the file inside the guide ("" for the guide as a whole),
    `step` the step's id, `field` the place inside the step or file ("url", "choices.bank.next",
    "title"), `params` the values its text names (lists are joined)."""
    code: str
    root: str = ""
    guide: str = ""
    file: str = ""
    step: str = ""
    field: str = ""
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEXTS:
            raise ValueError(f"no Dutch text for guide problem {self.code!r}")

    @property
    def language(self) -> str:
        """The language of the text file this problem is in; "" elsewhere."""
        found = _TEXT_FILE.match(self.file)
        return found.group(1) if found and found.group(1) in VISITOR_LANGUAGES else ""

    @property
    def text(self) -> str:
        """What is wrong and what to do next, in plain Dutch."""
        values = {name: ", ".join(map(str, value)) or "geen" if isinstance(value, list) else value
                  for name, value in self.params.items()}
        text = TEXTS[self.code].format(**values)
        return text[:1].upper() + text[1:]

    @property
    def where(self) -> str:
        """Where it is, in Dutch: "stappenplan 'itsme', tekst Frans, stap 'route'"."""
        parts = [f"stappenplan '{self.guide}'"] if self.guide else []
        if self.language:
            parts.append(f"tekst {HELP_LANGUAGES[self.language]}")  # type: ignore[index]
        elif self.file:
            parts.append(self.file)
        if self.step:
            parts.append(f"stap '{self.step}'")
        return ", ".join(parts)

    @property
    def path(self) -> str:
        return "/".join(part for part in (self.root, self.guide, self.file) if part)

    def __str__(self) -> str:
        """For a log or a terminal: the file, the step, the Dutch text and the code."""
        return f"{self.path}{f' [{self.step}]' if self.step else ''}: {self.text} ({self.code})"


def schema_problem(error: Any, raw: Any, *, root: str, guide: str, file: str) -> Problem:
    """A pydantic error of the format's schema (one of `exc.errors()`) as a Problem: the step by its
    id and the field as a dotted path, answers by their id ("choices.bank.next")."""
    loc = list(error["loc"])
    step = ""
    if loc[:1] == ["steps"] and len(loc) > 1:
        if isinstance(loc[1], int):  # walkthrough.toml: a list of steps
            step_raw = _item(raw, "steps", loc[1])
            step = str(step_raw.get("id", "")) if isinstance(step_raw, dict) else ""
            raw = step_raw
        else:  # a text: a table of steps by id
            step, raw = str(loc[1]), _item(raw, "steps", loc[1])
        loc = loc[2:]
    path = []
    for index, part in enumerate(loc):
        if isinstance(part, int) and index and loc[index - 1] == "choices":
            choice = _item(raw, "choices", part)
            path.append(str(choice.get("id", part)) if isinstance(choice, dict) else str(part))
        else:
            path.append(str(part))
    kind = error["type"]
    if not path and kind in _STEP_CHECK_FIELDS:
        path = [_STEP_CHECK_FIELDS[kind]]
    key = path[-1] if path else ""
    params: dict[str, Any] = {"key": key, "what": FIELD_NAMES.get(key, f"'{key}'")}
    if kind in TEXTS:
        code = kind  # the format's own checks (sync/content_format.py) raise their code
    elif kind == "missing":
        code = "field_missing"
    elif kind == "extra_forbidden":
        code = "field_unknown"
    elif kind == "string_pattern_mismatch":
        code, params["value"] = ("bad_practice_name" if key == "practice" else "bad_id"), error.get("input", "")
    elif kind == "literal_error":
        code, params["value"] = "bad_kind", error.get("input", "")
    elif kind == "too_short":
        code = "no_steps" if path == ["steps"] and not step else "text_empty"
    else:
        code, params["expected"] = "wrong_type", EXPECTED.get(kind, "een andere soort waarde")
    return Problem(code, root, guide, file, step, ".".join(path), params)


def _item(raw: Any, name: str, index: Any) -> Any:
    """raw[name][index], or None where the file does not have it."""
    try:
        return raw[name][index]
    except (KeyError, IndexError, TypeError):
        return None
