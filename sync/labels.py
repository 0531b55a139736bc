"""Dutch labels of the protocol's vocabularies, and the monthly export's headers: the one place the
kiosk's staff screens, the server's export and the web console take them from.

Keyed by the codes of sync.protocol; tests/test_labels.py fails when a code has no label or a label
no code. Plain Dutch strings: staff screens stay Dutch whatever the visitor's language (see
tests/test_translations.py). Qt-free; imports only sync.protocol. Topics are not here: they are
reference data, each with its own `label_nl`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync import protocol
from sync.protocol import (
    Accessory,
    Channel,
    DeviceCondition,
    DeviceKind,
    DeviceStatus,
    EligibilityBasis,
    FirstVisit,
    HelpLanguage,
    LocationKind,
    Outcome,
    RecordKind,
    Referral,
    Role,
    Status,
    TargetGroup,
)

RECORD_KINDS: dict[RecordKind, str] = {"help_request": "Hulpvraag", "shift": "Spreekuur",
                                       "loan_device": "Uitleentoestel", "loan": "Uitlening",
                                       "loan_return": "Teruggebracht", "loan_extension": "Verlenging",
                                       "loan_contact_erase": "Contact gewist", "workshop_session": "Vorming"}
STATUSES: dict[Status, str] = {"active": "Actief", "cancelled": "Geannuleerd"}
CHANNELS: dict[Channel, str] = {
    "spreekuur": "Spreekuur", "walk-in": "Binnengelopen", "home-visit": "Huisbezoek", "digibus": "Digibus"}
OUTCOMES: dict[Outcome, str] = {"solved": "Opgelost", "partly": "Deels opgelost", "not-solved": "Niet opgelost"}
REFERRALS: dict[Referral, str] = {
    "digibuddy": "Digibuddy", "workshop": "Workshop of vorming", "laptop-loan": "Laptop lenen",
    "social-internet": "Sociaal internet", "social-services": "OCMW of sociale dienst", "other": "Iets anders"}
FIRST_VISIT: dict[FirstVisit, str] = {"yes": "Ja, eerste keer", "no": "Nee, al eens geweest", "unknown": "Weet niet"}
TARGET_GROUPS: dict[TargetGroup, str] = {
    "senior": "Senior (65+)", "jobseeker": "Werkzoekend", "newcomer": "Nieuwkomer", "poverty": "In armoede"}
HELP_LANGUAGES: dict[HelpLanguage, str] = {
    "nl": "Nederlands", "fr": "Frans", "en": "Engels", "ar": "Arabisch", "uk": "Oekraïens", "tr": "Turks",
    "ru": "Russisch", "fa": "Dari of Perzisch", "ps": "Pasjtoe", "ti": "Tigrinya", "ro": "Roemeens", "pl": "Pools",
    "other": "Andere taal"}
LOCATION_KINDS: dict[LocationKind, str] = {"fixed": "Vaste digipunt", "digibus": "Digibus"}
ROLES: dict[Role, str] = {"digihelper": "Digihelper", "coordinator": "Coördinator"}
# Lending (uitleendienst)
DEVICE_KINDS: dict[DeviceKind, str] = {"laptop": "Laptop", "tablet": "Tablet", "smartphone": "Smartphone",
                                       "hotspot": "Hotspot", "other": "Ander toestel"}
DEVICE_STATUSES: dict[DeviceStatus, str] = {"available": "Beschikbaar", "lent": "Uitgeleend",
                                            "repair": "In herstelling", "retired": "Afgeschreven"}
ACCESSORIES: dict[Accessory, str] = {"charger": "Lader", "case": "Hoes", "mouse": "Muis"}
DEVICE_CONDITIONS: dict[DeviceCondition, str] = {"good": "Goed", "worn": "Gebruikssporen", "damaged": "Beschadigd"}
ELIGIBILITY_BASES: dict[EligibilityBasis, str] = {
    "social-services": "Cliënt OCMW of sociale dienst", "increased-allowance": "Verhoogde tegemoetkoming",
    "uitpas-reduced": "UiTPAS met kansentarief", "jobseeker": "Werkzoekend", "newcomer": "Nieuwkomer",
    "referral": "Doorverwezen door een partner", "other": "Andere reden"}


def device_kind_label(code: str) -> str:
    """Kinds are open codes: a coordinator's own kind is shown as it is."""
    return next((label for kind, label in DEVICE_KINDS.items() if kind == code), code)

# Each vocabulary: its codes (sync.protocol, in display order) and their labels.
VOCABULARIES: dict[str, tuple[tuple[str, ...], Mapping[Any, str]]] = {
    "record kind": (protocol.RECORD_KINDS, RECORD_KINDS), "status": (protocol.STATUSES, STATUSES),
    "channel": (protocol.CHANNELS, CHANNELS), "outcome": (protocol.OUTCOMES, OUTCOMES),
    "referral": (protocol.REFERRALS, REFERRALS), "first visit": (protocol.FIRST_VISIT, FIRST_VISIT),
    "target group": (protocol.TARGET_GROUPS, TARGET_GROUPS),
    "help language": (protocol.HELP_LANGUAGES, HELP_LANGUAGES),
    "location kind": (protocol.LOCATION_KINDS, LOCATION_KINDS), "role": (protocol.ROLES, ROLES),
    "device kind": (protocol.DEVICE_KINDS, DEVICE_KINDS), "device status": (protocol.DEVICE_STATUSES, DEVICE_STATUSES),
    "accessory": (protocol.ACCESSORIES, ACCESSORIES), "condition": (protocol.DEVICE_CONDITIONS, DEVICE_CONDITIONS),
    "eligibility": (protocol.ELIGIBILITY_BASES, ELIGIBILITY_BASES),
}


def minutes(total: int) -> str:
    """A duration the way people say it: "45 min", "1 u 30 min"."""
    hours, rest = divmod(max(total, 0), 60)
    if not hours:
        return f"{rest} min"
    if not rest:
        return f"{hours} u"
    return f"{hours} u {rest} min"


# --- the monthly export (sync/server/export.py) ---------------------------------------------------
EXPORT_SUMMARY_SHEET = "Overzicht {month}"  # {month}: YYYY-MM
EXPORT_SUMMARY_COLUMNS = ("Locatie", "Hulpvragen", "Spreekuren", "Vrijwilligersuren", "Unieke bezoekers")
EXPORT_TOTAL = "Totaal"
EXPORT_UNKNOWN_LOCATION = "Onbekende locatie {id}"
# The xlsx sheets of help requests per topic, outcome and channel, per location: the sheet's name and
# its columns (location, the value's label, help requests).
EXPORT_TOPIC_SHEET = ("Onderwerpen", ("Locatie", "Onderwerp", "Hulpvragen"))
EXPORT_OUTCOME_SHEET = ("Resultaat", ("Locatie", "Resultaat", "Hulpvragen"))
EXPORT_CHANNEL_SHEET = ("Hoe geholpen", ("Locatie", "Hoe geholpen", "Hulpvragen"))

# The help-request topics a new server (and a kiosk without a server) starts with: code, Dutch label.
# Codes never change (records keep them); coordinators rename, add and remove topics later.
DEFAULT_TOPICS: tuple[tuple[str, str], ...] = (
    ("itsme", "itsme"),
    ("certificates", "Attesten en e-loket (Mijn Burgerprofiel)"),
    ("taxonweb", "Belastingen (Tax-on-web, MyMinfin)"),
    ("email", "E-mail"),
    ("smartphone", "Smartphone of tablet"),
    ("computer-basics", "Computer: basis (bestanden, printen)"),
    ("banking", "Online bankieren"),
    ("health", "Gezondheid (ziekenfonds, Mijn Gezondheid)"),
    ("jobs", "Werk zoeken (VDAB)"),
    ("school", "School-apps"),
    ("benefits-energy", "Sociale voordelen en energie"),
    ("transport", "Tickets en vervoer"),
    ("other", "Iets anders"),
)

# --- the console's records (Registraties) and reports (Rapporten) -------------------------------
# Columns of the records download, one row per help request (its latest version) or shift.
RECORD_HELP_COLUMNS = ("Datum", "Tijd", "Locatie", "Halte", "Digihelper", "Hoe geholpen", "Onderwerpen", "Taal",
                       "Duur (min)", "Resultaat", "Doorverwezen naar", "Eerste bezoek", "Doelgroepen", "Notitie",
                       "Bezoekerscode", "Status", "Gecorrigeerd", "Versies", "Registratie-id")
RECORD_SHIFT_COLUMNS = ("Datum", "Begin", "Einde", "Duur (min)", "Locatie", "Halte", "Digihelper",
                        "Automatisch afgesloten", "Registratie-id")
RECORD_SHEETS: dict[str, str] = {"help_request": "Hulpvragen", "shift": "Spreekuren"}  # the xlsx's sheet
UNKNOWN_HELPER = "Onbekende digihelper"
YES, NO = "ja", "nee"

# The Digibanken subsidy's objectives, in the report's order: (code, Dutch label, the record kind
# counted under it, or None while Digipunt does not register that service yet). Lending and
# workshops get their record kind here once the kiosk registers them.
DIGIBANKEN_OBJECTIVES: tuple[tuple[str, str, RecordKind | None], ...] = (
    ("online-services", "Ondersteuning bij essentiële online diensten", "help_request"),
    ("lending", "Uitlenen van toestellen", "loan"),
    ("workshops", "Vormingen en workshops", "workshop_session"),
)
NOT_REGISTERED_YET = "nog niet geregistreerd"
DIGIBANKEN_SUMMARY_SHEET = "Samenvatting"
DIGIBANKEN_OBJECTIVE_SHEET = ("Doelstellingen", ("Doelstelling", "Aantal", "Bereikte mensen"))
# per location the people are those of the help requests (loans and workshops are counted in the whole)
DIGIBANKEN_LOCATION_SHEET = ("Per locatie", ("Locatie", "Hulpvragen", "Mensen met een hulpvraag",
                                             "Vrijwilligersuren"))
DIGIBANKEN_TOPIC_SHEET = ("Onderwerpen", ("Onderwerp", "Hulpvragen"))
DIGIBANKEN_SUMMARY_ROWS = {
    "start": "Van", "end": "Tot en met", "people": "Bereikte mensen (verschillende bezoekerscodes)",
    "help_requests": "Hulpvragen", "hours": "Vrijwilligersuren", "threshold": "Drempel {threshold} mensen",
    "reached": "bereikt", "not_reached": "nog {missing} te gaan",
}
