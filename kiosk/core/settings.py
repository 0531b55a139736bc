"""Installation settings: one JSON file in the data directory, validated at start-up.

A coordinator or installer may edit the file (or later receive values from the central server).
A bad value never stops the kiosk: that field falls back to its default and staff see why.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from pydantic import Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from sqlalchemy import select

from kiosk.core.bundles import check_keys
from kiosk.core.store.meta_keys import SERVER_SETTING_PREFIX
from kiosk.core.store.models import Meta
from sync.protocol import SHARED_SETTINGS, SharedSettings, check_url
from sync.protocol import TEXT_SIZES as TEXT_SIZES  # the UI's choices come from here with LANGUAGES

if TYPE_CHECKING:
    from kiosk.core.store import Store

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
LANGUAGES: dict[str, str] = {
    # code -> the language's own name, as shown in the language switcher
    "nl": "Nederlands",
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "tr": "Türkçe",
}
RTL_LANGUAGES = frozenset({"ar"})

FIELD_LABELS_NL = {
    "default_language": "standaardtaal",
    "idle_seconds": "tijd zonder activiteit (seconden)",
    "idle_countdown_seconds": "aftelling 'Ben je er nog?' (seconden)",
    "phone_idle_seconds": "tijd voor werk op de gsm (seconden)",
    "eloket_url": "adres van het e-loket van de stad",
    "browser_home_url": "startpagina van de browser",
    "official_domains": "officiële websites",
    "default_text_size": "standaard tekstgrootte",
    "default_high_contrast": "standaard hoog contrast",
    "server_url": "adres van de centrale server",
    "allow_secret_file": "geheimen in een bestand toestaan",
    "kiosk_name": "naam van deze computer",
    "calls_interface": "netwerkadres voor oproepen",
    "content_keys": "sleutels van de stappenplannen",
}


class Settings(SharedSettings):
    server_url: str | None = None
    # Explicit, documented fallback for machines without a secure keyring (see kiosk/core/secrets.py).
    allow_secret_file: bool = False
    # What helpers read on a call from this kiosk ("PC 3 bij het raam"); empty: the computer's name.
    kiosk_name: str = Field("", max_length=60)
    # The IPv4 address whose network carries the help calls (a computer with two networks); empty: all.
    calls_interface: str = ""
    # The public keys whose signature a guide bundle needs (kiosk/core/bundles.py): the server's
    # current and next key, from `digipunt-server content-key show`. Only here, never from the
    # server's settings: whoever controls the server's database cannot choose them. Empty: this
    # kiosk installs no bundle and shows the installer's guides.
    content_keys: list[str] = Field(default_factory=list)

    @field_validator("content_keys")
    @classmethod
    def _content_keys(cls, value: list[str]) -> list[str]:
        return check_keys(value)

    @field_validator("server_url")
    @classmethod
    def _server_https(cls, value: str | None) -> str | None:
        return None if value in (None, "") else check_url(value)


def error_text(error: ErrorDetails) -> str:
    """One pydantic error on a setting as a Dutch phrase for staff (no capital, no full stop).
    pydantic's own messages are English; our validators' ValueErrors already speak Dutch."""
    kind, ctx = error["type"], error.get("ctx", {})
    field = str(error["loc"][0]) if error["loc"] else ""
    if kind == "value_error":
        return str(ctx["error"])  # not error["msg"]: pydantic prefixes it with "Value error, "
    if kind in ("greater_than_equal", "less_than_equal"):
        metadata = Settings.model_fields[field].metadata
        limits = {k: getattr(m, k) for m in metadata for k in ("ge", "le") if hasattr(m, k)}
        if len(limits) == 2:
            return f"moet tussen {limits['ge']} en {limits['le']} liggen"
        return f"moet minstens {ctx['ge']} zijn" if kind == "greater_than_equal" else f"mag hoogstens {ctx['le']} zijn"
    if kind == "literal_error":
        choices = ", ".join(f"'{c}'" for c in get_args(Settings.model_fields[field].annotation))
        return f"moet een van deze waarden zijn: {choices}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "moet een geheel getal zijn, zonder aanhalingstekens (bijvoorbeeld 120)"
    if kind in ("bool_type", "bool_parsing"):
        return "moet true of false zijn"
    if kind == "string_type":
        return "moet tekst tussen aanhalingstekens zijn"
    if kind == "list_type":
        return 'moet een lijst zijn, bijvoorbeeld ["vlaanderen.be", "belgium.be"]'
    if kind == "extra_forbidden":
        return "deze instelling bestaat niet: controleer de schrijfwijze"
    return "deze waarde is niet geldig"


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Field name -> the Dutch phrase of its first error."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        errors.setdefault(str(error["loc"][0]) if error["loc"] else "", error_text(error))
    return errors


def load_settings(data_dir: Path) -> tuple[Settings, list[str]]:
    """Read settings.json (writing the defaults if absent). Returns the settings and Dutch problem
    messages for staff; each invalid field falls back to its default."""
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        save_settings(data_dir, Settings())
        return Settings(), []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("verwacht een JSON-object")
    except (OSError, ValueError) as exc:
        return Settings(), [f"{path} kan niet gelezen worden ({exc}). De standaardinstellingen worden gebruikt."]
    try:
        return Settings.model_validate(raw), []
    except ValidationError as exc:
        problems = []
        errors = field_errors(exc)
        for field, text in errors.items():
            if field in FIELD_LABELS_NL:
                problems.append(f"Instelling {FIELD_LABELS_NL[field]} in {path}: {text}. "
                                "De standaardwaarde wordt gebruikt.")
            else:
                problems.append(f"Instelling '{field}' in {path}: {text}. Ze wordt niet gebruikt.")
        kept = {k: v for k, v in raw.items() if k not in errors and k in Settings.model_fields}
        return Settings.model_validate(kept), problems


def save_settings(data_dir: Path, settings: Settings) -> None:
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(settings.model_dump(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def allow_secret_file(data_dir: Path, in_use: Settings) -> Settings:
    """The documented fallback for a computer without a secure key store (kiosk/core/secrets.py),
    chosen by staff on the screen that needs it: `allow_secret_file` set in settings.json (the
    file's own values kept, not the central server's), and returned set in the settings in use."""
    on_file, _problems = load_settings(data_dir)
    save_settings(data_dir, on_file.model_copy(update={"allow_secret_file": True}))
    log.warning("staff allowed secrets in a file in %s (no secure key store)", data_dir)
    return in_use.model_copy(update={"allow_secret_file": True})


def with_server_settings(settings: Settings, store: Store) -> tuple[Settings, list[str]]:
    """The central server's values (kept in the meta table by the sync puller) override
    settings.json. Only shared settings count; a value that does not validate is skipped and
    staff see why. Values pulled while the kiosk runs apply at its next start."""
    with store.read() as session:
        rows = session.execute(select(Meta.key, Meta.value).where(Meta.key.startswith(SERVER_SETTING_PREFIX))).all()
    problems = []
    for key, raw in rows:
        name = key.removeprefix(SERVER_SETTING_PREFIX)
        if name not in SHARED_SETTINGS:
            continue
        try:
            settings = Settings.model_validate({**settings.model_dump(), name: json.loads(raw)})
        except ValidationError as exc:
            problems.append(f"Instelling {FIELD_LABELS_NL[name]} van de centrale server: "
                            f"{error_text(exc.errors()[0])}. De waarde van deze computer wordt gebruikt.")
    return settings, problems
