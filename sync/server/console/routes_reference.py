"""The console's pages for what every kiosk receives: locations, topics and the shared kiosk
settings. Changes are admin-only; everyone logged in sees the locations they may see and the
topics. Each change is a reference change (admin.py), so kiosks take it over at their next sync."""
from __future__ import annotations

import json
import typing
from dataclasses import dataclass

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.protocol import SharedSettings
from sync.server import admin
from sync.server.console import auth
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.web import DB, checked_form, current_viewer, form_text, page, see_other, visible_locations
from sync.server.db import utcnow
from sync.server.models import Device, HelperLocation, Location, Setting, Topic

router = APIRouter(prefix="/console")
KIND_LABELS = {"fixed": "vaste plaats", "digibus": "digibus"}


# --- locations -----------------------------------------------------------------------------------
def _locations_page(request: Request, session: Session, viewer: Viewer, status: int = 200,
                    **extra: typing.Any) -> Response:
    devices = dict(session.execute(select(Device.location_id, func.count()).where(Device.revoked_at.is_(None))
                                   .group_by(Device.location_id)).all())
    helpers = dict(session.execute(select(HelperLocation.location_id, func.count())
                                   .group_by(HelperLocation.location_id)).all())
    return page(request, "locations.html", status=status, title="Locaties",
                locations=visible_locations(session, viewer),
                devices=devices, helpers=helpers, kinds=KIND_LABELS, **extra)


def _location_for(session: Session, viewer: Viewer, location_id: str) -> Location:
    viewer.check_admin()
    location = session.get(Location, location_id)
    if location is None:
        raise Forbidden("location")
    return location


@router.get("/locaties")
def locations(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _locations_page(request, session, viewer)


@router.post("/locaties")
def add_location(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    try:
        with session.begin_nested():
            location = admin.add_location(session, form_text(form, "name"), form_text(form, "kind"))
    except admin.AdminError as exc:
        return _locations_page(request, session, viewer, 422, message=str(exc), form=form)
    auth.audit(session, viewer, "add-location", location.name, {"id": location.id, "kind": location.kind}, now=utcnow())
    return see_other("/console/locaties?gedaan=toegevoegd")


@router.post("/locaties/{location_id}/naam")
def rename_location(request: Request, location_id: str, form: FormData = Depends(checked_form),
                    session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location = _location_for(session, viewer, location_id)
    old = location.name
    try:
        with session.begin_nested():
            admin.rename_location(session, location, form_text(form, "name"))
    except admin.AdminError as exc:
        return _locations_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "rename-location", location.id, {"from": old, "to": location.name}, now=utcnow())
    return see_other("/console/locaties?gedaan=naam")


@router.post("/locaties/{location_id}/actief")
def set_location_active(request: Request, location_id: str, form: FormData = Depends(checked_form),
                        session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    location = _location_for(session, viewer, location_id)
    active = form_text(form, "active") == "1"
    admin.set_location_active(session, location, active)
    auth.audit(session, viewer, "activate-location" if active else "deactivate-location", location.name,
               {"id": location.id}, now=utcnow())
    return see_other("/console/locaties?gedaan=" + ("ingeschakeld" if active else "uitgeschakeld"))


# --- topics --------------------------------------------------------------------------------------
def _topics_page(request: Request, session: Session, viewer: Viewer, status: int = 200,
                 **extra: typing.Any) -> Response:
    topics = session.scalars(select(Topic).order_by(Topic.active.desc(), Topic.sort_order, Topic.label_nl)).all()
    return page(request, "topics.html", status=status, title="Onderwerpen", topics=topics, **extra)


def _sort_order(form: FormData) -> int:
    text = form_text(form, "sort_order") or "0"
    try:
        return int(text)
    except ValueError:
        raise admin.AdminError("De volgorde is een heel getal, bijvoorbeeld 10. Lager staat eerst.") from None


@router.get("/onderwerpen")
def topics(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _topics_page(request, session, viewer)


@router.post("/onderwerpen")
def add_topic(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    code = form_text(form, "code").lower()
    try:
        if session.get(Topic, code) is not None:
            raise admin.AdminError(f"De code {code} bestaat al. Pas dat onderwerp aan in de lijst, of kies een "
                                   "andere code.")
        with session.begin_nested():
            topic = admin.set_topic(session, code, form_text(form, "label"), _sort_order(form))
    except admin.AdminError as exc:
        return _topics_page(request, session, viewer, 422, message=str(exc), form=form)
    auth.audit(session, viewer, "add-topic", topic.code, {"label": topic.label_nl}, now=utcnow())
    return see_other("/console/onderwerpen?gedaan=toegevoegd")


def _topic_for(session: Session, viewer: Viewer, code: str) -> Topic:
    viewer.check_admin()
    topic = session.get(Topic, code)
    if topic is None:
        raise Forbidden("location")
    return topic


@router.post("/onderwerpen/{code}")
def change_topic(request: Request, code: str, form: FormData = Depends(checked_form),
                 session: Session = DB) -> Response:
    """A new label and place (also brings a removed topic back); the code stays."""
    viewer: Viewer = request.state.viewer
    topic = _topic_for(session, viewer, code)
    old = topic.label_nl
    try:
        with session.begin_nested():
            admin.set_topic(session, topic.code, form_text(form, "label"), _sort_order(form))
    except admin.AdminError as exc:
        return _topics_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "change-topic", topic.code, {"from": old, "to": topic.label_nl,
                                                             "sort_order": topic.sort_order}, now=utcnow())
    return see_other("/console/onderwerpen?gedaan=aangepast")


@router.post("/onderwerpen/{code}/verwijderen")
def remove_topic(request: Request, code: str, _form: FormData = Depends(checked_form),
                 session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    topic = _topic_for(session, viewer, code)
    try:
        admin.remove_topic(session, topic.code)
    except admin.AdminError as exc:
        return _topics_page(request, session, viewer, 422, message=str(exc))
    auth.audit(session, viewer, "remove-topic", topic.code, {"label": topic.label_nl}, now=utcnow())
    return see_other("/console/onderwerpen?gedaan=verwijderd")


# --- shared kiosk settings -----------------------------------------------------------------------
# What people read for each key of `SharedSettings`; a key missing here still gets a field.
SETTING_TEXTS = {
    "default_language": ("Taal bij de start", "De taal waarin de kiosk begint voor elke nieuwe bezoeker."),
    "idle_seconds": ("Wachttijd zonder aanraking (seconden)",
                     "Zo lang mag niemand de kiosk aanraken voor hij vraagt: \"Ben je er nog?\"."),
    "idle_countdown_seconds": ("Tijd om te antwoorden (seconden)",
                               "Zo lang blijft de vraag \"Ben je er nog?\" staan; daarna wist de kiosk alles."),
    "eloket_url": ("Adres van het e-loket", "Waar de tegel e-loket naartoe gaat. Een https://-adres."),
    "browser_home_url": ("Startpagina van de browser", "Een https://-adres."),
    "official_domains": ("Officiële websites", ("Eén domeinnaam per regel, bijvoorbeeld vlaanderen.be. Deze sites "
                                                "en hun subdomeinen krijgen het teken \"officiële website\".")),
    "default_text_size": ("Tekstgrootte bij de start", "Bezoekers kunnen ze zelf groter maken."),
    "default_high_contrast": ("Hoog contrast bij de start", "Aangevinkt: elke bezoeker begint met hoog contrast."),
    "loan_days": ("Uitleentermijn (dagen)", "De terugbrengdatum die de kiosk voorstelt bij een nieuwe uitlening."),
    "loan_contact_retention_days": ("Contact van een ontlener bewaren (dagen na de terugkeer)",
                                    "Daarna wist de server de versleutelde naam en het telefoonnummer."),
}
CHOICE_LABELS = {"nl": "Nederlands", "fr": "Frans", "en": "Engels", "ar": "Arabisch", "uk": "Oekraïens",
                 "tr": "Turks", "ru": "Russisch", "fa": "Dari", "normal": "normaal", "large": "groot",
                 "extra-large": "extra groot"}


@dataclass(frozen=True)
class SettingField:
    key: str
    label: str
    hint: str
    kind: str  # "number", "choice", "check", "lines", "text"
    default: object
    value: object  # what kiosks use now: the server's value, else the default
    is_set: bool
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def shown(self, value: object) -> str:
        if self.kind == "lines":
            return "\n".join(typing.cast("list[str] | None", value) or ())  # a list setting
        if self.kind == "check":
            return "aan" if value else "uit"
        return CHOICE_LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def _kind(annotation: object) -> tuple[str, tuple[str, ...]]:
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", typing.get_args(annotation)
    if annotation is bool:
        return "check", ()
    if annotation is int:
        return "number", ()
    if typing.get_origin(annotation) is list:
        return "lines", ()
    return "text", ()


def setting_fields(session: Session) -> list[SettingField]:
    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    defaults = SharedSettings()
    fields = []
    for key, info in SharedSettings.model_fields.items():
        kind, choices = _kind(info.annotation)
        label, hint = SETTING_TEXTS.get(key, (key, ""))
        minimum = next((m.ge for m in info.metadata if isinstance(m, Ge) and isinstance(m.ge, int)), None)
        maximum = next((m.le for m in info.metadata if isinstance(m, Le) and isinstance(m.le, int)), None)
        default = getattr(defaults, key)
        fields.append(SettingField(key, label, hint, kind, default, stored.get(key, default), key in stored,
                                   tuple((c, CHOICE_LABELS.get(c, c)) for c in choices), minimum, maximum))
    return fields


def _form_value(field: SettingField, form: FormData) -> object:
    """The form's text as the value `SharedSettings` validates (it converts "300" to 300)."""
    if field.kind == "check":
        return form_text(form, "value") == "1"
    if field.kind == "lines":
        return [line.strip() for line in form_text(form, "value").splitlines() if line.strip()]
    return form_text(form, "value")


def _settings_page(request: Request, session: Session, status: int = 200, **extra: typing.Any) -> Response:
    return page(request, "settings.html", status=status, title="Instellingen van de kiosks",
                fields=setting_fields(session), **extra)


def _setting_field(session: Session, viewer: Viewer, key: str) -> SettingField | None:
    viewer.check_admin()
    return next((f for f in setting_fields(session) if f.key == key), None)


def _no_such_setting(request: Request) -> Response:
    return page(request, "error.html", status=404, title="Onbekende instelling",
                message="Deze instelling bestaat niet. Kies er een op de pagina Instellingen.")


@router.get("/instellingen")
def settings(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    viewer.check_admin()
    return _settings_page(request, session)


@router.post("/instellingen/{key}")
def set_setting(request: Request, key: str, form: FormData = Depends(checked_form),
                session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    field = _setting_field(session, viewer, key)
    if field is None:
        return _no_such_setting(request)
    value = _form_value(field, form)
    try:
        with session.begin_nested():
            admin.set_setting_value(session, key, value)
    except admin.SettingRefused as exc:
        return _settings_page(request, session, 422, errors={key: exc.problem},
                              typed={key: form_text(form, "value")})
    stored = json.loads(session.get_one(Setting, key).value)
    auth.audit(session, viewer, "set-setting", key, {"value": stored}, now=utcnow())
    return see_other(f"/console/instellingen?gedaan=opgeslagen#{key}")


@router.post("/instellingen/{key}/standaard")
def unset_setting(request: Request, key: str, _form: FormData = Depends(checked_form),
                  session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    field = _setting_field(session, viewer, key)
    if field is None:
        return _no_such_setting(request)
    if field.is_set:
        admin.unset_setting(session, key)
        auth.audit(session, viewer, "unset-setting", key, now=utcnow())
    return see_other(f"/console/instellingen?gedaan=standaard#{key}")
