"""The privacy guard on help-request notes.

A note is where a visitor's identity leaks in. Before a note is saved it is checked for a Belgian
national register number (with valid check digits), an eID card number (with valid check digits),
an e-mail address (also written out: "jan at telenet punt be"), a phone number (Belgian or
international), an IBAN (with valid check digits), a birth date ("geboren op ...") and a
password, PIN or code written down ("pincode 1234"). The kiosk runs it before saving and the
server again on every record it receives (the same code). A note
with any of them is refused with a Dutch message that names what to remove. The refused text is
never saved and never logged: the exception below carries only the kinds found, never the text.

Numbers whose check digits do not add up are allowed: they are not a real national number or
account, and refusing every 11-digit string would block harmless notes (ticket numbers, amounts).
"""
from __future__ import annotations

import re
import unicodedata

from sync.errors import DutchError

NATIONAL_NUMBER = "national_number"
EMAIL = "email"
PHONE = "phone"
IBAN = "iban"
SECRET = "secret"
EID_CARD = "eid_card"
BIRTH_DATE = "birth_date"

_WHAT_NL = {
    NATIONAL_NUMBER: "een rijksregisternummer",
    EMAIL: "een e-mailadres",
    PHONE: "een telefoonnummer",
    IBAN: "een rekeningnummer (IBAN)",
    SECRET: "een wachtwoord, pincode of code",
    EID_CARD: "een kaartnummer van een identiteitskaart",
    BIRTH_DATE: "een geboortedatum",
}

_SEP = r"[ .\-/]?"
# YY MM DD SSS CC, the way it is printed on an eID ("85.07.30-033.28") or run together.
_NATIONAL = re.compile(rf"(?<![\d])(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{3}}){_SEP}(\d{{2}})(?![\d])")
# An e-mail address, also written out so a filter would miss it: "jan at telenet punt be",
# "jan(at)telenet(dot)be", "jan apenstaartje telenet punt be". A spelled "at" or "punt" counts only
# between words (so "thuis at" or "punt 3" alone is fine), and the address must end in a domain part.
_AT_WORDS = r"at|apenstaartje|aapje|arobase"
_DOT_WORDS = r"dot|punt|point"
_AT = rf"(?:\s*(?:@|\(\s*(?:{_AT_WORDS})\s*\)|\[\s*(?:{_AT_WORDS})\s*\])\s*|\s+(?:{_AT_WORDS})\s+)"
_DOT = rf"(?:\.|\s*(?:\(\s*(?:{_DOT_WORDS})\s*\)|\[\s*(?:{_DOT_WORDS})\s*\])\s*|\s+(?:{_DOT_WORDS})\s+)"
_EMAIL = re.compile(rf"[\w.%+\-]+{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*?{_DOT}[a-z]{{2,6}}\b", re.IGNORECASE)
# Groups of digits separated by at most one space, dot, dash or slash, optionally in brackets
# ("+32 (0)470 12 34 56"); not glued to letters (the digits inside an IBAN or a reference).
_DIGIT_RUN = re.compile(r"(?<!\w)\+?\(?\d+\)?(?:(?:[ .\-/]|(?<=\)))\(?\d+\)?)*")
# A password, PIN or code written down: the word, then ":" "=" "is" or "was" and any value that is not
# one of the words that say what happened to it; or the word directly followed by a value with a
# digit in it ("pincode 1234", "code 48X7"). "wachtwoord vergeten, opnieuw ingesteld" passes.
_SECRET_WORD = (r"(?<![\w-])(?:wachtwoord|paswoord|passwoord|password|wachtzin|pin|pincode|puk|pukcode|code|"
                r"toegangscode|activatiecode|beveiligingscode|verificatiecode|sms-code|smscode)")
_SECRET = re.compile(_SECRET_WORD + r"(?:\s*(?:[:=]|\s(?:is|was))\s*(?P<stated>[^\s,;.]{3,})"
                     r"|\s+(?P<bare>(?=[^\s,;.]*\d)[^\s,;.]{4,}))", re.IGNORECASE)
_NOT_A_SECRET = {"vergeten", "kwijt", "gewijzigd", "veranderd", "gereset", "opnieuw", "ingesteld", "aangemaakt",
                 "geblokkeerd", "verlopen", "fout", "verkeerd", "onbekend", "niet", "nieuw", "aangevraagd",
                 "ontvangen", "gevonden", "juist", "ok", "oké", "goed"}
# A Belgian eID card number as printed: 3-7-2 digits ("591-1234567-89"); check = first 10 mod 97.
_EID_CARD = re.compile(r"(?<!\d)(\d{3})[ .\-]?(\d{7})[ .\-]?(\d{2})(?!\d)")
# A date right after "geboren (op)", "geboortedatum", "geb." or the genealogical "°".
_DATE = r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{1,2}\s+[a-z]+\.?\s+\d{4}"
_BIRTH = re.compile(rf"(?:geboren(?:\s+op)?|geboortedatum|geb\.|°)\s*:?\s*(?:{_DATE})", re.IGNORECASE)
_IBAN_START = re.compile(r"\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,32})", re.IGNORECASE)

# IBAN length per country (ISO 13616 registry); a candidate is cut to its country's length.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}


class NoteRefused(DutchError):
    """The note holds personal data. str() is the Dutch message; the note itself is not kept."""

    def __init__(self, kinds: list[str]):
        self.kinds = kinds
        super().__init__(refusal_message(kinds))


def refusal_message(kinds: list[str]) -> str:
    what = [_WHAT_NL[k] for k in kinds]
    listed = what[0] if len(what) == 1 else ", ".join(what[:-1]) + " en " + what[-1]
    return (f"De notitie bevat {listed}. Haal dat weg en sla opnieuw op. "
            "Schrijf in een notitie alleen wat voor hulp je gaf, nooit wie de bezoeker is.")


def national_number_valid(digits: str) -> bool:
    """Belgian national register (or BIS) number check digits: 97 - (first 9 digits mod 97); for
    people born in 2000 or later the 9 digits are prefixed with a 2 before the division."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def iban_valid(candidate: str) -> bool:
    """ISO 13616: the right length for its country, and mod 97 of the rearranged number is 1."""
    iban = candidate.replace(" ", "").upper()
    if _IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


Span = tuple[int, int]


def _national_numbers(text: str) -> list[Span]:
    return [m.span() for m in _NATIONAL.finditer(text) if national_number_valid("".join(m.groups()))]


def _emails(text: str) -> list[Span]:
    return [m.span() for m in _EMAIL.finditer(text)]


def _ibans(text: str) -> list[Span]:
    spans = []
    for match in _IBAN_START.finditer(text):
        length = _IBAN_LENGTHS.get(match.group(1).upper())
        if length is None:
            continue
        # The pattern may run on into the next word: only the country's length counts.
        end, seen = match.start(), 0
        while end < len(text) and seen < length:
            seen += text[end] != " "
            end += 1
        if iban_valid(text[match.start():end]):
            spans.append((match.start(), end))
    return spans


def _secrets(text: str) -> list[Span]:
    spans = []
    for match in _SECRET.finditer(text):
        value = match.group("stated") or match.group("bare")
        if value.casefold().strip("\"'") not in _NOT_A_SECRET:
            spans.append(match.span())
    return spans


def eid_card_number_valid(digits: str) -> bool:
    if len(digits) != 12 or not digits.isdigit():
        return False
    check = int(digits[:10]) % 97 or 97
    return int(digits[10:]) == check


def _eid_cards(text: str) -> list[Span]:
    return [m.span() for m in _EID_CARD.finditer(text) if eid_card_number_valid("".join(m.groups()))]


def _birth_dates(text: str) -> list[Span]:
    return [m.span() for m in _BIRTH.finditer(text)]


def _is_belgian_phone(digits: str) -> bool:
    # Mobile: 04xx xx xx xx (10 digits). Landline and service numbers: 0 + 8 digits.
    return (len(digits) == 10 and digits.startswith("04")) or (len(digits) == 9 and digits[0] == "0"
                                                               and digits[1] != "0")


def _phones(text: str) -> list[Span]:
    spans = []
    for match in _DIGIT_RUN.finditer(text):
        run = match.group(0)
        # (separator before, digits) per group: "016/12.34.56" -> ("", "016"), ("/", "12"), ...
        groups = re.findall(r"(\D*)(\d+)", run)
        if run.startswith(("+", "00")):
            # International: + or 00, a country code and the number, 8 to 15 digits in all.
            digits = "".join(g for _, g in groups)
            digits = digits.removeprefix("00") if run.startswith("00") else digits
            if 8 <= len(digits) <= 15:
                spans.append(match.span())
            continue
        # A phone number may follow other figures in the same run ("duur 30 0470 12 34 56"), so
        # every group after a space may start one; digits after a dot or dash belong to the
        # number before them ("85.07.30-033.29" is one number).
        starts = [i for i, (sep, g) in enumerate(groups) if g.startswith("0") and (i == 0 or sep.endswith(" "))]
        for start in starts:
            digits = ""
            for _, group in groups[start:]:
                digits += group
                if _is_belgian_phone(digits) or len(digits) >= 10:
                    break
            if _is_belgian_phone(digits):
                spans.append(match.span())
                break
    return spans


# Order matters: what one check found is blanked before the next looks, so the digits of a
# national number or an IBAN are not reported a second time as a phone number.
_CHECKS = ((NATIONAL_NUMBER, _national_numbers), (EID_CARD, _eid_cards), (EMAIL, _emails), (IBAN, _ibans),
           (BIRTH_DATE, _birth_dates), (SECRET, _secrets), (PHONE, _phones))


def find_personal_data(note: str) -> list[str]:
    """The kinds of personal data found in a note, in a fixed order; empty when the note is fine."""
    # Fold look-alike characters (full-width digits, non-breaking spaces) before matching.
    text = unicodedata.normalize("NFKC", note)
    found = []
    for kind, spans_of in _CHECKS:
        spans = spans_of(text)
        if spans:
            found.append(kind)
            for start, end in spans:
                text = text[:start] + " " * (end - start) + text[end:]
    return found


def guard_note(note: str | None) -> str | None:
    """The note to save (stripped; None when empty), or NoteRefused when it holds personal data."""
    if note is None or not note.strip():
        return None
    kinds = find_personal_data(note)
    if kinds:
        raise NoteRefused(kinds)
    return note.strip()
