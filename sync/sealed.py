"""Sealed boxes: text that a kiosk can seal to the coordinators' public key but never read back.

Used for the one piece of personal data in Digipunt, a borrower's contact (kiosk/core/lending.py
seals it, the console opens it: sync/server/lending.py). The construction is the libsodium sealed
box's, with the primitives of `cryptography`: a fresh X25519 key pair per message; its public half,
the recipient's public key and the shared secret go through HKDF-SHA256 to a one-time key for
ChaCha20-Poly1305. The sealer throws its half away, so only the holder of the private key opens
the box; a changed byte fails the tag. Sealing the same text twice gives different boxes.

Wire form: base64url (no padding) of ephemeral public key (32 bytes) + ciphertext with its tag.
"""
from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"digipunt sealed box v1"
_NONCE = bytes(12)  # every key is used for exactly one message
_RAW = serialization.Encoding.Raw


class SealError(ValueError):
    """A key or box that cannot be used (wrong length, damaged, for another key)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise SealError("not base64url") from None


def new_private_key() -> bytes:
    """32 random bytes: an X25519 private key."""
    return X25519PrivateKey.generate().private_bytes(_RAW, serialization.PrivateFormat.Raw,
                                                     serialization.NoEncryption())


def public_key_of(private_key: bytes) -> str:
    """The public key that goes to every kiosk, as hex."""
    return _private(private_key).public_key().public_bytes(_RAW, serialization.PublicFormat.Raw).hex()


def _private(private_key: bytes) -> X25519PrivateKey:
    if len(private_key) != 32:
        raise SealError("a private key is 32 bytes")
    return X25519PrivateKey.from_private_bytes(private_key)


def _public(public_key_hex: str) -> bytes:
    try:
        raw = bytes.fromhex(public_key_hex)
    except ValueError:
        raise SealError("a public key is 64 hex digits") from None
    if len(raw) != 32:
        raise SealError("a public key is 64 hex digits")
    return raw


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=_INFO + ephemeral + recipient).derive(shared)


def seal(public_key_hex: str, text: str) -> str:
    recipient = _public(public_key_hex)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    box = ChaCha20Poly1305(_key(shared, ephemeral_public, recipient)).encrypt(_NONCE, text.encode("utf-8"), None)
    return _b64(ephemeral_public + box)


def open_sealed(private_key: bytes, sealed: str) -> str:
    key = _private(private_key)
    raw = _unb64(sealed)
    if len(raw) < 32 + 16:
        raise SealError("too short for a sealed box")
    ephemeral_public, box = raw[:32], raw[32:]
    recipient = key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        return ChaCha20Poly1305(_key(shared, ephemeral_public, recipient)).decrypt(_NONCE, box, None).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        raise SealError("damaged, or sealed to another key") from None
