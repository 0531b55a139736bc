"""Helper accounts: PINs are only ever kept as argon2id hashes."""
from __future__ import annotations

import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.store.models import Helper

ROLES = ("digihelper", "coordinator")
MIN_PIN_LENGTH = 6

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class AccountError(ValueError):
    """A rule about accounts was broken; the message is Dutch, for staff."""


def check_pin_rules(pin: str) -> None:
    if not pin.isdigit() or len(pin) < MIN_PIN_LENGTH:
        raise AccountError(f"Een pincode heeft minstens {MIN_PIN_LENGTH} cijfers, en alleen cijfers.")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise AccountError("Deze pincode is te makkelijk te raden. Kies een andere reeks cijfers.")


def hash_pin(pin: str) -> str:
    check_pin_rules(pin)
    return _hasher.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def create_helper(session: Session, display_name: str, role: str, pin: str) -> Helper:
    name = display_name.strip()
    if not name:
        raise AccountError("Geef een naam op die collega's herkennen.")
    if role not in ROLES:
        raise AccountError(f"Onbekende rol '{role}'.")
    helper = Helper(id=str(uuid.uuid4()), display_name=name, role=role, pin_hash=hash_pin(pin),
                    active=True, failed_pins=0)
    session.add(helper)
    return helper


def active_helpers(session: Session) -> list[Helper]:
    return list(session.scalars(select(Helper).where(Helper.active).order_by(Helper.display_name)))
