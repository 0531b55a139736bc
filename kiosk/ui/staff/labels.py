"""Dutch labels of the help-request vocabularies (the codes are in sync.protocol), for the form,
the lists and the overview."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # under this name lupdate still finds the strings


def channels() -> dict[str, str]:
    return {"spreekuur": translate("StaffLabels", "Spreekuur"),
            "walk-in": translate("StaffLabels", "Binnengelopen"),
            "home-visit": translate("StaffLabels", "Huisbezoek"),
            "digibus": translate("StaffLabels", "Digibus")}


def outcomes() -> dict[str, str]:
    return {"solved": translate("StaffLabels", "Opgelost"),
            "partly": translate("StaffLabels", "Deels opgelost"),
            "not-solved": translate("StaffLabels", "Niet opgelost")}


def referrals() -> dict[str, str]:
    return {"digibuddy": translate("StaffLabels", "Digibuddy"),
            "workshop": translate("StaffLabels", "Workshop of vorming"),
            "laptop-loan": translate("StaffLabels", "Laptop lenen"),
            "social-internet": translate("StaffLabels", "Sociaal internet"),
            "social-services": translate("StaffLabels", "OCMW of sociale dienst"),
            "other": translate("StaffLabels", "Iets anders")}


def first_visit() -> dict[str, str]:
    return {"yes": translate("StaffLabels", "Ja, eerste keer"),
            "no": translate("StaffLabels", "Nee, al eens geweest"),
            "unknown": translate("StaffLabels", "Weet niet")}


def target_groups() -> dict[str, str]:
    return {"senior": translate("StaffLabels", "Senior (65+)"),
            "jobseeker": translate("StaffLabels", "Werkzoekend"),
            "newcomer": translate("StaffLabels", "Nieuwkomer"),
            "poverty": translate("StaffLabels", "In armoede")}


def help_languages() -> dict[str, str]:
    return {"nl": translate("StaffLabels", "Nederlands"), "fr": translate("StaffLabels", "Frans"),
            "en": translate("StaffLabels", "Engels"), "ar": translate("StaffLabels", "Arabisch"),
            "uk": translate("StaffLabels", "Oekraïens"), "tr": translate("StaffLabels", "Turks"),
            "ru": translate("StaffLabels", "Russisch"), "fa": translate("StaffLabels", "Dari of Perzisch"),
            "ps": translate("StaffLabels", "Pasjtoe"), "ti": translate("StaffLabels", "Tigrinya"),
            "ro": translate("StaffLabels", "Roemeens"), "pl": translate("StaffLabels", "Pools"),
            "other": translate("StaffLabels", "Andere taal")}


def minutes(total: int) -> str:
    """A duration the way people say it: "45 min", "1 u 30 min"."""
    hours, rest = divmod(max(total, 0), 60)
    if not hours:
        return translate("StaffLabels", "{m} min").format(m=rest)
    if not rest:
        return translate("StaffLabels", "{h} u").format(h=hours)
    return translate("StaffLabels", "{h} u {m} min").format(h=hours, m=rest)
