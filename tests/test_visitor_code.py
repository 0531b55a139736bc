"""Visitor codes: the documented HMAC, normalisation, the installation key in the keyring."""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest
from keyring.backends import null

from kiosk.core.secrets import FALLBACK_FILE, NoSecureStoreError, SecretStore
from kiosk.core.visitor_code import (
    KEY_NAME,
    VisitorCodeError,
    VisitorCoder,
    compute,
    install_key,
    normalise_initials,
    parse_birth_date,
)
from tests.keyrings import MemoryKeyring

KEY = bytes(range(32))
TODAY = date(2026, 11, 24)


def test_code_is_the_documented_hmac():
    expected = hmac.new(KEY, b"digipunt-visitor-v1\nJD\n1956-03-14", hashlib.sha256).hexdigest()
    assert compute(KEY, "j.d.", date(1956, 3, 14)) == expected
    assert len(expected) == 64 and "JD" not in expected


@pytest.mark.parametrize("typed, initials", [("jd", "JD"), ("J. D.", "JD"), ("j.-m. D", "JMD"),
                                              ("É Ö", "EO"), (" a ", "A")])
def test_initials_are_normalised(typed, initials):
    assert normalise_initials(typed) == initials


@pytest.mark.parametrize("typed, initials", [
    ("ОП", "OP"), ("о. п.", "OP"), ("Шевченко", None), ("Ш Ю", "SHYU"), ("Є І", "YEI"), ("Щ", "SHCH"),  # Cyrillic
    ("م ع", "MA"), ("ش.خ", "SHKH"),  # Arabic
    ("İŞ", "IS"), ("ı ğ", "IG"), ("Ç Ü", "CU"),  # Turkish
])
def test_initials_in_any_script_have_one_latin_form(typed, initials):
    if initials is None:  # a whole name: more than 4 letters
        with pytest.raises(VisitorCodeError):
            normalise_initials(typed)
    else:
        assert normalise_initials(typed) == initials


def test_the_same_initials_in_two_scripts_give_the_same_code_every_visit():
    born = date(1961, 8, 24)
    assert compute(KEY, "ОП", born) == compute(KEY, "OP", born) == compute(KEY, "о.п.", born)
    assert compute(KEY, "ИŞ", born) == compute(KEY, "YS", born)
    assert compute(KEY, "م ع", born) == compute(KEY, "MA", born)


@pytest.mark.parametrize("typed", ["", "123", "ABCDE", "...", "王", "ΑΒ"])
def test_unusable_initials_are_refused_without_echo(typed):
    with pytest.raises(VisitorCodeError) as caught:
        normalise_initials(typed)
    assert typed not in str(caught.value) or typed == ""


def test_same_person_same_code_different_facts_or_key_differ():
    code = compute(KEY, "JD", date(1956, 3, 14))
    assert compute(KEY, "j d", date(1956, 3, 14)) == code
    assert compute(KEY, "JD", date(1956, 3, 15)) != code
    assert compute(KEY, "JE", date(1956, 3, 14)) != code
    assert compute(bytes(32), "JD", date(1956, 3, 14)) != code


@pytest.mark.parametrize("digits, born", [("14031956", date(1956, 3, 14)), ("29022000", date(2000, 2, 29))])
def test_birth_date_from_eight_digits(digits, born):
    assert parse_birth_date(digits, TODAY) == born


@pytest.mark.parametrize("digits", ["1403195", "31022000", "01012030", "01011899", "14-03-56"])
def test_impossible_birth_dates_are_refused_without_echo(digits):
    with pytest.raises(VisitorCodeError) as caught:
        parse_birth_date(digits, TODAY)
    assert digits not in str(caught.value)


def test_installation_key_is_made_once_and_kept_in_the_keyring(data_dir):
    backend = MemoryKeyring()
    first = VisitorCoder(SecretStore(data_dir, backend=backend))
    code = first.code("JD", date(1956, 3, 14))
    stored = backend.items[("digipunt", KEY_NAME)]
    assert len(bytes.fromhex(stored)) == 32
    assert not (data_dir / FALLBACK_FILE).exists()
    # A restart (new objects, same keyring) gives the same code for the same person.
    assert VisitorCoder(SecretStore(data_dir, backend=backend)).code("J.D.", date(1956, 3, 14)) == code
    # Another installation, another key, another code.
    assert VisitorCoder(SecretStore(data_dir, backend=MemoryKeyring())).code("JD", date(1956, 3, 14)) != code


def test_server_key_replaces_the_local_one(data_dir):
    secrets = SecretStore(data_dir, backend=MemoryKeyring())
    install_key(secrets, KEY)
    assert VisitorCoder(secrets).code("JD", date(1956, 3, 14)) == compute(KEY, "JD", date(1956, 3, 14))
    with pytest.raises(ValueError):
        install_key(secrets, b"short")


def test_no_code_without_a_secure_key_store(data_dir):
    coder = VisitorCoder(SecretStore(data_dir, backend=null.Keyring()))
    with pytest.raises(NoSecureStoreError):
        coder.code("JD", date(1956, 3, 14))
