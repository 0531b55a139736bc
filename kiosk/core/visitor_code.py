"""Visitor codes: count distinct people reached without knowing who they are.

The Digibanken subsidy is paid on the number of distinct visitors. To count a person once across
visits, the visitor (not the helper) may type two facts they always know: their initials and their
birth date. On this device we compute

    message = "digipunt-visitor-v1\\n" + INITIALS + "\\n" + YYYY-MM-DD
    code    = HMAC-SHA256(key, message), written as 64 lowercase hex characters

where INITIALS are the 1 to 4 letters typed, each written in Latin capitals by one fixed rule
(`INITIAL_IN_LATIN`), everything else dropped, and the date is the ISO form of the birth date:
- Latin letters: upper-cased, accents removed ("j.-m. D" -> "JMD", Turkish "Ş" -> "S", "ı" -> "I");
- Cyrillic: Ukraine's official transliteration (2010), in its form at the start of a word, Russian
  letters added ("ОП" -> "OP", "Ш" -> "SH", "Є" -> "YE");
- Arabic: one simple table of common Latin spellings ("م" -> "M", "ش" -> "SH", "ع" -> "A").
So a visitor who types their initials in their own script one day and in Latin letters another day
("ОП" and "OP") gets the same code. Letters of other scripts are refused. Only `code` is kept (in the
help request, and sent to the server). The initials and the date are never stored or logged: they
live in the dialog's fields for the few seconds of typing and are cleared right after hashing.

Why the code cannot be turned back into the facts without the key: initials and birth dates are few
(about 26 x 26 x 36,500, some 25 million combinations), so a plain hash could be reversed by trying
them all in seconds. HMAC mixes in `key`, 32 random bytes (256 bits) from `secrets.token_bytes`,
made once per installation and kept in the OS keyring (kiosk.core.secrets). Without the key every
guess needs the key too, and 2^256 keys cannot be tried. With the key, the small input space CAN be
searched: whoever holds the key and a code can find the initials and birth date behind it. So the
key is a secret of the organisation: never in the database, never in logs, never in exports.

The same person gets the same code on every kiosk that shares the key. Until the central server
hands out one key for all its kiosks (`install_key`), each installation has its own key and codes
only count distinct visitors per installation. Two people with the same initials and birth date
share a code; that rare collision makes the count slightly low, never high.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import unicodedata
from datetime import date

from kiosk.core.secrets import SecretStore
from sync.errors import DutchError

KEY_NAME = "visitor-code-key"
KEY_BYTES = 32
DOMAIN = "digipunt-visitor-v1"
MAX_INITIALS = 4
OLDEST_YEAR = 1900


class VisitorCodeError(DutchError):
    """The facts cannot make a code. The Dutch message never repeats what was typed; `reason`
    ("initials", "date-format", "date-invalid") lets the UI say it in the visitor's language."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


_CYRILLIC = dict(zip(
    "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЁЫЭЪ",
    ["A", "B", "V", "H", "G", "D", "E", "YE", "ZH", "Z", "Y", "I", "YI", "Y", "K", "L", "M", "N", "O", "P",
     "R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "", "YU", "YA", "YO", "Y", "E", ""], strict=True))
_ARABIC = dict(zip(
    "اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ",
    ["A", "A", "I", "A", "B", "T", "TH", "J", "H", "KH", "D", "DH", "R", "Z", "S", "SH", "S", "D", "T", "Z",
     "A", "GH", "F", "Q", "K", "L", "M", "N", "H", "W", "Y", "A", "H", "A", "W", "Y"], strict=True))
INITIAL_IN_LATIN = {**_CYRILLIC, **_ARABIC, "ı": "I", "I": "I"}  # Turkish dotless i


def _in_latin(letter: str) -> str | None:
    """One typed letter in Latin capitals, or None for a script without a rule."""
    upper = letter.upper()
    if upper in INITIAL_IN_LATIN or letter in INITIAL_IN_LATIN:
        return INITIAL_IN_LATIN.get(upper, INITIAL_IN_LATIN.get(letter))
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", upper) if not unicodedata.combining(ch))
    return plain if plain and all("A" <= ch <= "Z" for ch in plain) else None


def normalise_initials(typed: str) -> str:
    """The typed initials by the rule in the module docstring: 1 to 4 letters of any script with a rule."""
    letters = [ch for ch in typed if unicodedata.category(ch).startswith("L")]
    latin = [_in_latin(ch) for ch in letters]
    if not 1 <= len(letters) <= MAX_INITIALS or None in latin:
        raise VisitorCodeError(f"Typ de eerste letter van je voornaam en van je familienaam "
                               f"(1 tot {MAX_INITIALS} letters).", "initials")
    return "".join(part for part in latin if part)


def parse_birth_date(digits: str, today: date) -> date:
    """A birth date typed as 8 digits, day month year: "14031956" is 14 March 1956."""
    if len(digits) != 8 or not digits.isdigit():
        raise VisitorCodeError("Typ je geboortedatum met 8 cijfers: dag, maand, jaar. Bijvoorbeeld 05091948 voor "
                               "5 september 1948.", "date-format")
    try:
        born = date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        born = None
    if born is None or born > today or born.year < OLDEST_YEAR:
        raise VisitorCodeError("Deze datum bestaat niet. Kijk de dag, de maand en het jaar na.", "date-invalid")
    return born


def compute(key: bytes, initials: str, birth_date: date) -> str:
    if len(key) < KEY_BYTES:
        raise ValueError("the visitor-code key must be at least 32 bytes")
    message = f"{DOMAIN}\n{normalise_initials(initials)}\n{birth_date.isoformat()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def install_key(secret_store: SecretStore, key: bytes) -> None:
    """Replace this installation's key, e.g. with the one the central server shares with all kiosks."""
    if len(key) < KEY_BYTES:
        raise ValueError("the visitor-code key must be at least 32 bytes")
    secret_store.set(KEY_NAME, key.hex())


class VisitorCoder:
    """Computes codes with this installation's key, made on first use and kept in the keyring."""

    def __init__(self, secret_store: SecretStore):
        self._secrets = secret_store
        self._lock = threading.Lock()

    def key(self) -> bytes:
        with self._lock:  # two first uses at once must not make two different keys
            stored = self._secrets.get(KEY_NAME)
            if stored is None:
                stored = secrets.token_bytes(KEY_BYTES).hex()
                self._secrets.set(KEY_NAME, stored)
            return bytes.fromhex(stored)

    def code(self, initials: str, birth_date: date) -> str:
        return compute(self.key(), initials, birth_date)
