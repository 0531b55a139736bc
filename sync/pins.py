"""Secrets people type, kept only as argon2id hashes: helper PINs (the same on both sides) and
console passwords (the server only).

Only a PIN's hash travels (`protocol.HelperData.pin_hash`): the server hashes a PIN its admin sets,
the kiosk hashes one a helper types, and the kiosk verifies either at login.
"""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sync.errors import DutchError

MIN_PIN_LENGTH = 6

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class PinRuleError(DutchError):
    """A PIN breaks a rule; the message never repeats the PIN."""


def check_pin_rules(pin: str) -> None:
    if not pin.isdigit() or len(pin) < MIN_PIN_LENGTH:
        raise PinRuleError(f"Een pincode heeft minstens {MIN_PIN_LENGTH} cijfers, en alleen cijfers.")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise PinRuleError("Deze pincode is te makkelijk te raden. Kies een andere reeks cijfers.")


def hash_pin(pin: str) -> str:
    check_pin_rules(pin)
    return hash_secret(pin)


def hash_secret(value: str) -> str:
    return _hasher.hash(value)


def secret_matches(stored_hash: str, value: str) -> bool:
    try:
        return _hasher.verify(stored_hash, value)
    except (VerificationError, InvalidHashError):
        return False
