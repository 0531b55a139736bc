"""Console accounts, logins and the audit log: who may do what, decided on the server.

Roles: **admin** (the city: every location, every action, the console users), **coordinator**
(their own locations, for data and actions), **viewer** (read-only; their locations, or all of
them). Passwords exist only as argon2id hashes. Wrong passwords are rate-limited per username and
per client address with a growing wait (ratelimit.py). A login is a row in `console_sessions`; the
cookie holds a random token whose SHA-256 is that row's id.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.pins import hash_secret, secret_matches
from sync.server import ratelimit
from sync.server.models import AuditEntry, ConsoleSession, ConsoleUser, ConsoleUserLocation, Location

ROLES = ("admin", "coordinator", "viewer")
ROLE_LABELS = {"admin": "stadsbeheerder", "coordinator": "locatiecoördinator", "viewer": "alleen lezen"}
MIN_PASSWORD_LENGTH = 10
SESSION_IDLE = timedelta(hours=1)
SESSION_MAX = timedelta(hours=10)
# A hash to verify against when the username is unknown, so that both answers take as long.
_DUMMY_HASH = hash_secret("digipunt-no-such-user")


class ConsoleError(ValueError):
    """A request the console refuses; the message is Dutch and says what to do."""


class LoginRefused(ConsoleError):
    def __init__(self, message: str, wait_seconds: float = 0.0):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class Forbidden(Exception):
    """The logged-in person may not see or do this (answered 403)."""


@dataclass(frozen=True)
class Viewer:
    """The logged-in person as every route sees them. `location_ids` None means every location."""

    user_id: str
    username: str
    display_name: str
    role: str
    location_ids: frozenset[str] | None
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "coordinator")

    def sees(self, location_id: str | None) -> bool:
        return self.location_ids is None or location_id in self.location_ids

    def check_location(self, location_id: str | None) -> None:
        if not self.sees(location_id):
            raise Forbidden("location")

    def check_edit(self, location_id: str | None = None) -> None:
        if not self.can_edit:
            raise Forbidden("read-only")
        self.check_location(location_id)

    def check_admin(self) -> None:
        if not self.is_admin:
            raise Forbidden("admin")

    def csrf_ok(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token, self.csrf_token)


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- users -------------------------------------------------------------------------------------
def check_password_rules(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConsoleError(f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens. Een zin van een paar "
                           "woorden is sterk en makkelijk te onthouden.")
    if password.casefold() == username.casefold() or len(set(password)) < 4:
        raise ConsoleError("Dit wachtwoord is te makkelijk te raden. Kies een ander.")


def normalize_username(username: str) -> str:
    name = username.strip().casefold()
    if not 2 <= len(name) <= 64 or not all(ch.isalnum() or ch in "._-@" for ch in name):
        raise ConsoleError("Een gebruikersnaam heeft 2 tot 64 tekens: letters, cijfers en . _ - @.")
    return name


def create_user(session: Session, username: str, display_name: str, password: str, role: str,
                location_ids: list[str], *, all_locations: bool = False, now: datetime) -> ConsoleUser:
    name = normalize_username(username)
    if role not in ROLES:
        raise ConsoleError("Kies een rol: stadsbeheerder, locatiecoördinator of alleen lezen.")
    if session.scalar(select(ConsoleUser.id).where(ConsoleUser.username == name)):
        raise ConsoleError(f"De gebruikersnaam {name} bestaat al. Kies een andere.")
    check_password_rules(password, name)
    shown = display_name.strip() or name
    if len(shown) > 120:
        raise ConsoleError("Een naam heeft hoogstens 120 tekens.")
    user = ConsoleUser(id=str(uuid.uuid4()), username=name, display_name=shown, password_hash=hash_secret(password),
                       role=role, all_locations=role == "admin" or (role == "viewer" and all_locations),
                       active=True, created_at=now)
    session.add(user)
    session.flush()
    set_user_locations(session, user, location_ids)
    return user


def set_user_locations(session: Session, user: ConsoleUser, location_ids: list[str]) -> None:
    known = set(session.scalars(select(Location.id).where(Location.id.in_(location_ids))))
    if unknown := set(location_ids) - known:
        raise ConsoleError(f"Onbekende locatie(s): {', '.join(sorted(unknown))}.")
    if user.role == "coordinator" and not known:
        raise ConsoleError("Een locatiecoördinator heeft minstens één locatie. Kies er een.")
    session.execute(delete(ConsoleUserLocation).where(ConsoleUserLocation.user_id == user.id))
    session.add_all(ConsoleUserLocation(user_id=user.id, location_id=loc) for loc in sorted(known))


def user_location_ids(session: Session, user: ConsoleUser) -> frozenset[str] | None:
    if user.all_locations:
        return None
    return frozenset(session.scalars(select(ConsoleUserLocation.location_id)
                                     .where(ConsoleUserLocation.user_id == user.id)))


# --- logging in --------------------------------------------------------------------------------
def login(session: Session, username: str, password: str, client: str, now: datetime) -> tuple[str, ConsoleUser]:
    """A new session's cookie token for the right password. Raises LoginRefused with one message
    for an unknown user and a wrong password (no oracle), and while the rate limit makes it wait.
    The caller commits also on failure: the failure must count."""
    name = username.strip().casefold()
    keys = ratelimit.login_keys(name, client)
    wait = ratelimit.wait_seconds(session, keys, now)
    if wait > 0:
        raise LoginRefused(f"Te veel verkeerde pogingen. Wacht {_wait_text(wait)} en probeer dan opnieuw.", wait)
    user = session.scalar(select(ConsoleUser).where(ConsoleUser.username == name, ConsoleUser.active))
    if not secret_matches(user.password_hash if user else _DUMMY_HASH, password) or user is None:
        ratelimit.note_failure(session, keys, now)
        audit(session, None, "login-refused", name, {"client": client}, now=now)
        raise LoginRefused("Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Probeer opnieuw. "
                           "Wachtwoord vergeten? Vraag de stadsbeheerder om een nieuw.")
    ratelimit.clear(session, keys[0][0])
    token = secrets.token_urlsafe(32)
    session.add(ConsoleSession(id=_token_id(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                               created_at=now, last_seen_at=now, expires_at=now + SESSION_MAX))
    audit(session, _as_viewer(user, None, ""), "login", user.username, now=now)
    return token, user


def _wait_text(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} seconden"
    minutes = round(seconds / 60)
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


def viewer_for(session: Session, token: str | None, now: datetime) -> Viewer | None:
    """The person behind a cookie token, or None (no such login, expired, idle too long, or the
    account was deactivated). Keeps an active login alive."""
    if not token:
        return None
    row = session.get(ConsoleSession, _token_id(token))
    if row is None or row.expires_at <= now or now - row.last_seen_at > SESSION_IDLE:
        return None
    user = session.get(ConsoleUser, row.user_id)
    if user is None or not user.active:
        return None
    if now - row.last_seen_at > timedelta(minutes=1):
        row.last_seen_at = now
    return _as_viewer(user, user_location_ids(session, user), row.csrf_token)


def _as_viewer(user: ConsoleUser, location_ids: frozenset[str] | None, csrf_token: str) -> Viewer:
    return Viewer(user_id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                  location_ids=location_ids, csrf_token=csrf_token)


def logout(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(ConsoleSession).where(ConsoleSession.id == _token_id(token)))


def end_sessions_of(session: Session, user_id: str) -> None:
    """A deactivated user or a changed password logs that person out everywhere."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user_id))


# --- the audit log -----------------------------------------------------------------------------
# What each logged action is called on the console's Logboek and in its CSV (the stored code stays
# English and stable; tests/console/test_console_audit.py finds every `audit` call's action here).
AUDIT_ACTIONS = {
    "login": "Aangemeld", "login-refused": "Aanmelden geweigerd",
    "create-admin (cli)": "Beheerder gemaakt (opdrachtregel)",
    "add-user": "Gebruiker toegevoegd", "activate-user": "Gebruiker ingeschakeld",
    "deactivate-user": "Gebruiker uitgeschakeld",
    "add-location": "Locatie toegevoegd", "rename-location": "Locatie hernoemd",
    "activate-location": "Locatie ingeschakeld", "deactivate-location": "Locatie uitgeschakeld",
    "enroll-code": "Koppelcode voor een kiosk gemaakt", "rename-device": "Kiosk hernoemd",
    "revoke-device": "Kiosk ingetrokken",
    "add-helper": "Digihelper toegevoegd", "activate-helper": "Digihelper ingeschakeld",
    "deactivate-helper": "Digihelper uitgeschakeld", "helper-locations": "Locaties van een digihelper gewijzigd",
    "helper-setup-code": "Instelcode voor een digihelper gemaakt",
    "helper-phone-code": "Gsm-code voor een digihelper gemaakt",
    "add-topic": "Onderwerp toegevoegd", "change-topic": "Onderwerp gewijzigd", "remove-topic": "Onderwerp verwijderd",
    "set-setting": "Instelling gewijzigd", "unset-setting": "Instelling teruggezet",
    "add-schedule-line": "Spreekuur toegevoegd", "change-schedule-line": "Spreekuur gewijzigd",
    "remove-schedule-line": "Spreekuur verwijderd",
    "add-notice": "Mededeling toegevoegd", "change-notice": "Mededeling gewijzigd",
    "remove-notice": "Mededeling verwijderd",
    "plan-workshop": "Workshop gepland", "cancel-workshop": "Workshop geannuleerd",
    "add-loan-device": "Uitleentoestel toegevoegd", "import-loan-devices": "Uitleentoestellen uit een CSV",
    "set-loan-device-status": "Staat van een uitleentoestel gewijzigd",
    "open-loan-contact": "Contact van een ontlener geopend", "erase-loan-contact": "Contact van een ontlener gewist",
    "resolve-loan-conflict": "Dubbele uitlening opgelost",
    "guide-new": "Nieuw stappenplan begonnen", "guide-upload": "Stappenplan opgeladen",
    "guide-edit-start": "Stappenplan in bewerking genomen", "guide-edit": "Stappenplan bewerkt",
    "guide-publish": "Stappenplan gepubliceerd", "guide-discard": "Concept weggegooid",
    "content publish (cli)": "Stappenplannen gepubliceerd (opdrachtregel)",
    "content-key init (cli)": "Ondertekensleutels gemaakt (opdrachtregel)",
    "content-key rotate (cli)": "Ondertekensleutel vervangen (opdrachtregel)",
    "quarantine-restore": "Record uit quarantaine teruggezet",
    "quarantine-discard": "Record uit quarantaine weggegooid",
}


def action_label(action: str) -> str:
    """The Dutch name of a logged action; an action of a newer or older version, as it was stored."""
    return AUDIT_ACTIONS.get(action, action)


def audit(session: Session, viewer: Viewer | None, action: str, target: str = "",
          detail: dict[str, object] | None = None, *, now: datetime) -> None:
    session.add(AuditEntry(at=now, user_id=viewer.user_id if viewer else None,
                           username=viewer.username if viewer else "-", action=action, target=target[:200],
                           detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))
