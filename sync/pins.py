"""Secrets people type, kept only as argon2id hashes: helper PINs (the same on both sides) and
console passwords (the server only).

Only a PIN's hash travels (`protocol.HelperData.pin_hash`): the server hashes a PIN its admin sets,
the kiosk hashes one a helper types, and the kiosk verifies either at login.
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sync.errors import DutchError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PIN_LENGTH = 6


@cache
def load_argon2() -> tuple[PasswordHasher, tuple[type[Exception], ...]]:
    """The hasher (argon2id with the library's current recommended parameters) and the errors of a
    hash that does not match. argon2 and cffi load on first use: a kiosk's start-up does not pay
    for them (0.4 MiB). The kiosk calls this on its UI thread when it builds a staff screen, the
    only way to a PIN, before a worker hashes or checks one: PySide6's import hook is not
    thread-safe (tests/test_store.py). Once loaded, this imports nothing."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    return PasswordHasher(), (VerificationError, InvalidHashError)


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
    return load_argon2()[0].hash(value)


def secret_matches(stored_hash: str, value: str) -> bool:
    hasher, mismatch = load_argon2()
    try:
        return hasher.verify(stored_hash, value)
    except mismatch:
        return False
