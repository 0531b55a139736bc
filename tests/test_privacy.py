"""The note guard: personal data is refused with a Dutch message; look-alikes are allowed."""
from __future__ import annotations

import pytest

from sync.privacy import (
    EMAIL,
    IBAN,
    NATIONAL_NUMBER,
    PHONE,
    NoteRefused,
    eid_card_number_valid,
    find_personal_data,
    guard_note,
    iban_valid,
    national_number_valid,
)

REFUSED = [
    # national register numbers with valid check digits, as printed and run together
    ("Kaart 93.05.18-223.61 hernieuwd", [NATIONAL_NUMBER]),
    ("rrn 85073003328", [NATIONAL_NUMBER]),
    ("85 07 30 033 28", [NATIONAL_NUMBER]),
    ("kind 05.03.12-123.60", [NATIONAL_NUMBER]),  # born in 2005: the check uses the 2000 rule
    # e-mail addresses
    ("mail naar jan.peeters@telenet.be gestuurd", [EMAIL]),
    ("adres: fatima_92(at)gmail.com", [EMAIL]),
    ("Mail: ANNA@Example.ORG.", [EMAIL]),
    # ... and written out, so that a filter would miss it
    ("jan at telenet punt be", [EMAIL]),
    ("jan(at)telenet(dot)be", [EMAIL]),
    ("jan apenstaartje telenet punt be", [EMAIL]),
    ("mail: jan.peeters [at] gmail [dot] com, gelukt", [EMAIL]),
    ("Jan AT Telenet PUNT Be", [EMAIL]),
    ("jan at telenet.be", [EMAIL]),
    ("fatima (apenstaartje) hotmail punt com", [EMAIL]),
    # phone numbers, Belgian and international
    ("bel 0470 12 34 56", [PHONE]),
    ("gsm 0470123456", [PHONE]),
    ("tel 016/12.34.56", [PHONE]),
    ("02 123 45 67 na 17u", [PHONE]),
    ("+32 470 12 34 56", [PHONE]),
    ("+32 (0)470 12 34 56", [PHONE]),
    ("0032 2 123 45 67", [PHONE]),
    ("+31 6 12345678", [PHONE]),
    ("+1 (555) 123-4567", [PHONE]),
    ("duur 30 0470 12 34 56", [PHONE]),
    ("０４７０１２３４５６", [PHONE]),  # full-width digits
    # IBANs with valid check digits
    ("BE68 5390 0754 7034", [IBAN]),
    ("rekening be68539007547034 en verder", [IBAN]),
    ("NL91ABNA0417164300", [IBAN]),
    ("DE89 3704 0044 0532 0130 00", [IBAN]),
    ("GB29 NWBK 6016 1331 9268 19", [IBAN]),
    # several at once, named together
    ("jan@telenet.be, 0470 12 34 56, BE68 5390 0754 7034", [EMAIL, IBAN, PHONE]),
]

ALLOWED = [
    "Hulp bij itsme-app installeren; volgende week terug voor Tax-on-web",
    "rrn 85.07.30-033.29",  # wrong check digits: not a national number
    "93051822362",
    "BE68 5390 0754 7035",  # wrong check digits: not an IBAN
    "NL91ABNA0417164301",
    "BE68 5390 0754",  # too short for a Belgian IBAN
    "zie @ de balie",  # an @ without an address
    "mail ging naar jan@",
    "afspraak 12/03/2024 om 14.30",
    "postcode 3000, 45 min, 2 formulieren",
    "factuur 2024-0012",
    "ondernemingsnummer 0123.456.789",
    "tel 1207",  # too short for a phone number
    "gewerkt at home, punt 3 van de lijst",  # "at" and "punt" as words, no address
    "uitleg over mails, wachtwoord at least 8 tekens",
    "Ze zat at the desk. Punt.",
    "+32",
    "",
]


@pytest.mark.parametrize("note, kinds", REFUSED)
def test_personal_data_is_found(note, kinds):
    assert find_personal_data(note) == kinds


@pytest.mark.parametrize("note", ALLOWED)
def test_harmless_notes_pass(note):
    assert find_personal_data(note) == []
    assert guard_note(note) == (note.strip() or None)


def test_refusal_says_what_to_remove_and_never_repeats_the_note():
    note = "jan.peeters@telenet.be en 0470 12 34 56"
    with pytest.raises(NoteRefused) as caught:
        guard_note(note)
    message = str(caught.value)
    assert "een e-mailadres en een telefoonnummer" in message and "Haal dat weg" in message
    assert "telenet" not in message and "0470" not in message and note not in repr(caught.value)


def test_check_digit_rules():
    assert national_number_valid("85073003328") and not national_number_valid("85073003329")
    assert national_number_valid("05031212360") and not national_number_valid("05031212361")
    assert iban_valid("BE68 5390 0754 7034") and not iban_valid("BE68 5390 0754 7043")
    assert not iban_valid("XX68539007547034")


def test_empty_note_becomes_none():
    assert guard_note("   ") is None and guard_note(None) is None
    assert guard_note("  ok  ") == "ok"


@pytest.mark.parametrize("note", [
    "wachtwoord: zomer2024", "Wachtwoord is appelboom", "paswoord = Kat!9", "pincode 1234", "pin: 0000",
    "PUK 12345678", "code 48X7", "activatiecode: 8FJ2-KK", "sms-code 553201",
])
def test_a_secret_written_down_is_refused(note):
    assert find_personal_data(note) == ["secret"]


@pytest.mark.parametrize("note", [
    "wachtwoord vergeten, opnieuw ingesteld", "pincode vergeten", "pincode geblokkeerd, PUK aangevraagd",
    "code ontvangen per sms", "postcode 3000 ingevuld", "itsme-code ingevoerd", "wachtwoord gewijzigd",
    "afspraak op 12/03/2026 om 10u", "de brief van 3 maart 2026",
])
def test_ordinary_notes_about_passwords_and_dates_pass(note):
    assert find_personal_data(note) == []


def test_an_eid_card_number_with_valid_check_digits_is_refused():
    assert eid_card_number_valid("591123456753") and not eid_card_number_valid("591123456789")
    assert find_personal_data("kaart 591-1234567-53 verlopen") == ["eid_card"]
    assert find_personal_data("ticket 591-1234567-89") == []  # not a real card number


@pytest.mark.parametrize("note", ["geboren op 12/03/1950", "geboortedatum: 3 maart 1950", "geb. 12-3-50",
                                  "° 12.03.1950"])
def test_a_birth_date_is_refused(note):
    assert find_personal_data(note) == ["birth_date"]
