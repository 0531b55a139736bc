"""Stappenplannen: guides uploaded as a zip (the folder format of resources/walkthroughs), checked with
the kiosk's own checks, previewed with the kiosk's own body markup, published as the next signed
bundle (sync/server/content.py). Coordinators upload and preview; a city admin publishes."""
from __future__ import annotations

import mimetypes
import re
import tempfile
import tomllib
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sync import labels
from sync.content_bundle import Manifest
from sync.content_format import MASTER_LANGUAGE, RTL_LANGUAGES, load_walkthroughs, render_body_html
from sync.content_problems import Problem
from sync.protocol import VISITOR_LANGUAGES
from sync.server import content
from sync.server.console import guide_editor
from sync.server.console.auth import Forbidden, Viewer, audit
from sync.server.console.web import (
    DB,
    SECURITY_HEADERS,
    checked_form,
    current_viewer,
    form_text,
    page,
    see_other,
)
from sync.server.db import utcnow
from sync.server.models import ContentBundle, ContentDraft

router = APIRouter(prefix="/console")
UPLOAD_PATH = "/console/stappenplannen/opladen"
# The console requests that may be as large as a guide (app.py): the zip upload and the editor's
# forms, which carry step pictures.
LARGE_REQUEST_PATHS = (UPLOAD_PATH, "/console/stappenplannen/concept/")
# Dutch names, for staff
LANGUAGE_NAMES: dict[str, str] = {code: labels.HELP_LANGUAGES[code] for code in VISITOR_LANGUAGES}
# An uploaded SVG could carry a script: as a picture it never runs, opened on its own it may not either.
_FILE_HEADERS = {**SECURITY_HEADERS,
                 "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox"}


def _list_page(request: Request, session: Session, status: int = 200, **extra: Any) -> Response:
    bundles = session.scalars(select(ContentBundle).order_by(ContentBundle.version.desc()).limit(20)).all()
    manifests = {b.version: Manifest.model_validate_json(b.manifest) for b in bundles}
    drafts = session.scalars(select(ContentDraft).order_by(ContentDraft.uploaded_at.desc())).all()
    published = {guide_id: _dutch_title(files) for guide_id, files in content.published_guides(session).items()}
    return page(request, "content.html", status=status, title="Stappenplannen", bundles=bundles,
                manifests=manifests, drafts=drafts, published=published, **extra)


def _dutch_title(files: dict[str, bytes]) -> str:
    try:
        return str(tomllib.loads(files[f"text/{MASTER_LANGUAGE}.toml"].decode("utf-8")).get("title", ""))
    except (KeyError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""


@router.get("/stappenplannen")
def guides(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    return _list_page(request, session)


@router.post(UPLOAD_PATH.removeprefix("/console"))
async def upload(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    upload = form.get("zip")
    if not isinstance(upload, UploadFile):
        return _list_page(request, session, 400, message="Kies een zip-bestand met één stappenplan.")
    data = await upload.read(content.MAX_ZIP_BYTES + 1)
    try:
        guide_id, files = content.guide_from_zip(data)
        errors = _check(content.with_guide(session, guide_id, files))
    except content.ContentError as exc:
        return _list_page(request, session, 400, message=f"Niet opgeladen: {exc}.")
    if errors:
        return _list_page(request, session, 400, message="Niet opgeladen: het stappenplan doorstaat de controle "
                          "niet. Verbeter deze punten en laad het opnieuw op.", problems=errors)
    draft = ContentDraft(id=str(uuid.uuid4()), guide_id=guide_id, data=data, uploaded_by=viewer.username,
                         uploaded_at=utcnow())
    session.add(draft)
    audit(session, viewer, "guide-upload", guide_id, {"draft": draft.id}, now=utcnow())
    return see_other(f"/console/stappenplannen/concept/{draft.id}")


def _check_author(viewer: Viewer) -> None:
    """Guides are the same at every location: any coordinator or admin may author; readers may not."""
    if not viewer.can_edit:
        raise Forbidden("read-only")


def _check(files: dict[str, bytes]) -> list[Problem]:
    """`python -m kiosk.content check`'s problems in the next bundle (the shared code); first, and
    before any file is written, the names and sizes a bundle allows (a zip may name "../x")."""
    if refused := content.bundle_problems(files):
        return refused
    with tempfile.TemporaryDirectory(prefix="digipunt-check-") as tmp:
        _write(Path(tmp), files)
        return content.check_folder(Path(tmp))


def _write(root: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@router.get("/stappenplannen/concept/{draft_id}")
def preview(request: Request, draft_id: str, viewer: Viewer = Depends(current_viewer),
            session: Session = DB) -> Response:
    """Each step as the kiosk shows it: its title, the body through the kiosk's own markup renderer
    (right to left in Arabic), the picture for that language, the answers of a choice step."""
    draft = session.get(ContentDraft, draft_id)
    if draft is None:
        return _list_page(request, session, 404, message="Dit concept bestaat niet (meer).")
    lang = request.query_params.get("taal", MASTER_LANGUAGE)
    lang = lang if lang in VISITOR_LANGUAGES else MASTER_LANGUAGE
    _guide_id, files = content.guide_from_zip(draft.data)
    with tempfile.TemporaryDirectory(prefix="digipunt-preview-") as tmp:
        root = Path(tmp)
        _write(root / draft.guide_id, files)
        report = load_walkthroughs(root)
        wt = report.walkthroughs[0]
        steps = []
        for index, meta in enumerate(wt.meta.steps):
            step = wt.step(lang, index)
            image = wt.image_path(lang, index).relative_to(root / draft.guide_id).as_posix()
            steps.append({"number": index + 1, "title": step.title, "fallback": step.is_fallback,
                          "body": render_body_html(step.body, rtl=step.language in RTL_LANGUAGES),
                          "rtl": step.language in RTL_LANGUAGES, "image": image, "kind": meta.kind,
                          "choices": [text for text, _to in wt.choices(lang, index)] if meta.kind == "choice" else []})
        title = wt.title(lang)
    return page(request, "content_preview.html", title=f"Voorbeeld: {title}", draft=draft, guide_title=title,
                steps=steps, lang=lang, languages=LANGUAGE_NAMES, total=len(steps), problems=report.errors)


@router.get("/stappenplannen/concept/{draft_id}/bestand/{path:path}")
def draft_file(draft_id: str, path: str, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    """A picture of the draft, for the preview."""
    draft = session.get(ContentDraft, draft_id)
    files = content.guide_from_zip(draft.data)[1] if draft is not None else {}
    if path not in files:
        return Response("Niet gevonden", status_code=404, headers=_FILE_HEADERS)
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Response(files[path], media_type=kind, headers=_FILE_HEADERS)


@router.post("/stappenplannen/concept/{draft_id}/publiceren")
def publish(request: Request, draft_id: str, _form: FormData = Depends(checked_form),
            session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    viewer.check_admin()
    draft = session.get(ContentDraft, draft_id)
    if draft is None:
        return _list_page(request, session, 404, message="Dit concept bestaat niet (meer).")
    guide_id, files = content.guide_from_zip(draft.data)
    try:
        with session.begin_nested():
            bundle = content.publish(session, content.with_guide(session, guide_id, files),
                                     request.app.state.content_key, actor=viewer.username, now=utcnow(),
                                     note=f"{guide_id} ({viewer.username})")
    except content.ContentError as exc:
        if exc.errors:
            return _list_page(request, session, 400, message="Niet gepubliceerd: de stappenplannen doorstaan de "
                              "controle niet.", problems=exc.errors)
        return _list_page(request, session, 503, message="Niet gepubliceerd: de server kan niet ondertekenen. "
                          "Vraag wie de server beheert om de sleutel te maken (digipunt-server content-key init).",
                          detail=str(exc))
    session.delete(draft)
    audit(session, viewer, "guide-publish", guide_id, {"version": bundle.version}, now=utcnow())
    return see_other(f"/console/stappenplannen?gedaan=gepubliceerd&versie={bundle.version}")


@router.post("/stappenplannen/concept/{draft_id}/weggooien")
def discard(request: Request, draft_id: str, _form: FormData = Depends(checked_form),
            session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    draft = session.get(ContentDraft, draft_id)
    if draft is not None:
        session.delete(draft)
        audit(session, viewer, "guide-discard", draft.guide_id, now=utcnow())
    return see_other("/console/stappenplannen?gedaan=weggegooid")


def _review_rows(files: dict[str, bytes], source: str) -> list[dict[str, Any]]:
    """What a coordinator checks first in these guides: the languages no native speaker has read
    (`reviewed_by_native_speaker`) and the screen labels SOURCES.md has not seen on the live site."""
    with tempfile.TemporaryDirectory(prefix="digipunt-review-") as tmp:
        root = Path(tmp)
        _write(root, files)
        return [{"id": wt.id, "title": wt.title(MASTER_LANGUAGE), "source": source,
                 "unreviewed": [LANGUAGE_NAMES[lang] for lang in wt.unreviewed()],
                 "has_sources": wt.has_sources(), "labels": wt.unverified_labels()}
                for wt in load_walkthroughs(root).walkthroughs]


@router.get("/stappenplannen/nakijken")
def review(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    """The published guides and the drafts: unreviewed translations and unverified labels."""
    bundle = content.latest(session)
    rows = _review_rows(content.bundle_files(session, bundle), f"versie {bundle.version}") if bundle else []
    for draft in session.scalars(select(ContentDraft).order_by(ContentDraft.uploaded_at.desc())):
        guide_id, files = content.guide_from_zip(draft.data)
        rows += _review_rows({f"{guide_id}/{path}": data for path, data in files.items()}, "concept")
    return page(request, "content_review.html", title="Stappenplannen nakijken", rows=rows, bundle=bundle)


# --- the editor: a draft changed through forms (guide_editor.py) -------------------------------------
def _new_draft(session: Session, viewer: Viewer, guide_id: str, files: dict[str, bytes], action: str) -> Response:
    draft = ContentDraft(id=str(uuid.uuid4()), guide_id=guide_id, data=content.guide_zip(guide_id, files),
                         uploaded_by=viewer.username, uploaded_at=utcnow())
    session.add(draft)
    audit(session, viewer, action, guide_id, {"draft": draft.id}, now=utcnow())
    return see_other(f"/console/stappenplannen/concept/{draft.id}/bewerken")


@router.post("/stappenplannen/nieuw")
def new_guide(request: Request, form: FormData = Depends(checked_form), session: Session = DB) -> Response:
    """A new guide: a draft from the smallest guide that passes the checks, to fill in."""
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    guide_id, title = form_text(form, "guide_id"), form_text(form, "title")
    taken = set(content.published_guides(session)) | set(session.scalars(select(ContentDraft.guide_id)))
    message = ("Geef het stappenplan een naam: kleine letters, cijfers en streepjes, bijvoorbeeld mypension."
               if not re.match(content.GUIDE_ID, guide_id) else
               f"Er is al een stappenplan of concept '{guide_id}'. Kies Bewerken, of een andere naam."
               if guide_id in taken else "Geef het stappenplan een titel." if not title else "")
    if message:
        return _list_page(request, session, 400, message=message, new_form={"guide_id": guide_id, "title": title})
    return _new_draft(session, viewer, guide_id, content.skeleton(guide_id, title), "guide-new")


@router.post("/stappenplannen/gids/{guide_id}/bewerken")
def edit_published(request: Request, guide_id: str, _form: FormData = Depends(checked_form),
                   session: Session = DB) -> Response:
    """A published guide as a new draft; publishing it replaces the guide in the next bundle. When a
    draft of it exists, that one opens: two drafts of one guide would undo each other's changes."""
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    existing = session.scalar(select(ContentDraft.id).where(ContentDraft.guide_id == guide_id)
                              .order_by(ContentDraft.uploaded_at.desc()).limit(1))
    if existing is not None:
        return see_other(f"/console/stappenplannen/concept/{existing}/bewerken?gedaan=bestaand")
    files = content.published_guides(session).get(guide_id)
    if files is None:
        return _list_page(request, session, 404, message="Dit stappenplan is niet gepubliceerd.")
    return _new_draft(session, viewer, guide_id, files, "guide-edit-start")


def _editor_draft(session: Session, draft_id: str) -> tuple[ContentDraft, guide_editor.Guide] | None:
    draft = session.get(ContentDraft, draft_id)
    return (draft, guide_editor.Guide.from_zip(draft.data)) if draft is not None else None


def _steps_page(request: Request, draft: ContentDraft, guide: guide_editor.Guide, errors: guide_editor.Errors,
                status: int = 200, todo: guide_editor.Errors | None = None) -> Response:
    return page(request, "content_edit.html", status=status, **steps_context(draft, guide, errors, todo))


def steps_context(draft: ContentDraft, guide: guide_editor.Guide, errors: guide_editor.Errors,
                  todo: guide_editor.Errors | None = None) -> dict[str, Any]:
    """What content_edit.html shows (the tests render it with errors of every kind): `errors` kept
    the form from being saved, `todo` keeps the draft from being published (_blocks)."""
    values = guide_editor.structure_values(guide) | guide.raw
    return {"title": f"Bewerken: {guide.title() or guide.id}", "draft": draft, "guide": guide, "values": values,
            "errors": _beside(errors, todo), "kinds": guide_editor.KINDS, "languages": LANGUAGE_NAMES,
            "new_rows": guide_editor.NEW_ROWS, "max_image_kb": guide_editor.MAX_IMAGE_BYTES // 1024,
            "summary": _summary(draft, guide, errors, None), "todo": _summary(draft, guide, todo or {}, None)}


def _beside(errors: guide_editor.Errors, todo: guide_editor.Errors | None) -> guide_editor.Errors:
    """Both kinds beside their fields."""
    both = {key: list(messages) for key, messages in errors.items()}
    for key, messages in (todo or {}).items():
        both.setdefault(key, []).extend(messages)
    return both


def _summary(draft: ContentDraft, guide: guide_editor.Guide, errors: guide_editor.Errors,
             lang: str | None) -> list[tuple[str, str]]:
    """Every error above the form, with the step it is about and a link to its field (on this page
    or on the page of its language or the steps)."""
    base = f"/console/stappenplannen/concept/{draft.id}"
    numbers = {step["id"]: index + 1 for index, step in enumerate(guide.steps)}
    rows = []
    for key, messages in errors.items():
        where, _, name = key.rpartition(":") if ":" in key else ("", "", key)
        number = numbers.get(name.split(".")[0])
        field = f"#veld-{name}" if name else ""
        page_name, href = "", field
        if where and where != lang:
            page_name, href = f"Tekst {LANGUAGE_NAMES.get(where, where)}", f"{base}/tekst/{where}{field}"
        elif not where and lang is not None and key:
            page_name, href = "Stappen", f"{base}/bewerken{field}"
        label = ", ".join(part for part in (page_name, f"stap {number}" if number else "") if part)
        rows += [(href, f"{label[:1].upper()}{label[1:]}: {message}" if label else message) for message in messages]
    return rows


@router.get("/stappenplannen/concept/{draft_id}/bewerken")
def edit_steps(request: Request, draft_id: str, viewer: Viewer = Depends(current_viewer),
               session: Session = DB) -> Response:
    """walkthrough.toml in a form: topic, order, official domains, company sites and the steps."""
    found = _editor_draft(session, draft_id)
    if found is None:
        return _list_page(request, session, 404, message="Dit concept bestaat niet (meer).")
    draft, guide = found
    return _steps_page(request, draft, guide, {}, todo=_outstanding(guide))


@router.post("/stappenplannen/concept/{draft_id}/bewerken")
async def save_steps(request: Request, draft_id: str, form: FormData = Depends(checked_form),
                     session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    found = _editor_draft(session, draft_id)
    if found is None:
        return _list_page(request, session, 404, message="Dit concept bestaat niet (meer).")
    draft, guide = found
    errors, todo = _save(session, viewer, draft, guide, "stappen", form_text(form, "action") or "save",
                         await guide_editor.apply_structure(guide, form))
    if errors:
        return _steps_page(request, draft, guide, errors, 400, todo)
    anchor = guide.raw.get("anchor")
    return see_other(f"/console/stappenplannen/concept/{draft.id}/bewerken?gedaan=bewaard"
                     + (f"#{anchor}" if anchor else ""))


# A save on one page lets a problem of another language's text through when it is only that a
# Dutch screen label was added or taken away: the translators correct that step, or empty it (the
# kiosk then shows the Dutch one). No other way round works: a translation cannot quote a label the
# Dutch text does not have yet. The kiosk must never show a stale label, so publishing (the full
# checks) refuses the draft until every translation quotes the Dutch labels again.
_TRANSLATORS_TODO = "labels_differ"


def _blocks(problem: Problem, where: str) -> bool:
    """Does this problem keep the page `where` (a language, or "stappen") from being saved?"""
    return problem.code != _TRANSLATORS_TODO or problem.language == where


def _outstanding(guide: guide_editor.Guide) -> guide_editor.Errors:
    """What keeps the draft as it is from being published: the checks on this guide alone (the
    published guides beside it passed them)."""
    return guide_editor.field_errors(guide, _check({f"{guide.id}/{path}": data
                                                    for path, data in guide.to_files().items()}))


def _save(session: Session, viewer: Viewer, draft: ContentDraft, guide: guide_editor.Guide, where: str,
          action: str, errors: guide_editor.Errors) -> tuple[guide_editor.Errors, guide_editor.Errors]:
    """The shared checks on the next bundle with this guide, beside the form's own `errors` (all are
    shown at once); when there are none, the draft holds the guide. Also returned: what the save
    lets through but publishing will not (_blocks)."""
    files = guide.to_files()
    problems = _check(content.with_guide(session, guide.id, files))
    checked = guide_editor.field_errors(guide, [problem for problem in problems if _blocks(problem, where)])
    todo = guide_editor.field_errors(guide, [problem for problem in problems if not _blocks(problem, where)])
    own = {key.rpartition(":")[2] for key in errors}
    for key, messages in checked.items():
        if key.rpartition(":")[2] not in own:  # the form's own word on a field comes first
            errors[key] = messages
    if not errors:
        draft.data = content.guide_zip(guide.id, files)
        audit(session, viewer, "guide-edit", guide.id, {"draft": draft.id, "page": where, "action": action},
              now=utcnow())
    return errors, todo


def _texts_page(request: Request, draft: ContentDraft, guide: guide_editor.Guide, lang: str,
                errors: guide_editor.Errors, values: dict[str, str], status: int = 200,
                todo: guide_editor.Errors | None = None) -> Response:
    return page(request, "content_texts.html", status=status,
                **texts_context(draft, guide, lang, errors, values, todo))


def texts_context(draft: ContentDraft, guide: guide_editor.Guide, lang: str, errors: guide_editor.Errors,
                  values: dict[str, str], todo: guide_editor.Errors | None = None) -> dict[str, Any]:
    """What content_texts.html shows for one language (the tests render it with errors of every
    kind); `errors` and `todo` as on the steps page."""
    fields = {key.removeprefix(f"{lang}:"): messages for key, messages in _beside(errors, todo).items()
              if key.startswith(f"{lang}:")}
    return {"title": f"Teksten {LANGUAGE_NAMES[lang]}: {guide.title() or guide.id}", "draft": draft, "guide": guide,
            "lang": lang, "rtl": lang in RTL_LANGUAGES, "values": values,
            "master": guide_editor.text_values(guide, MASTER_LANGUAGE), "errors": fields,
            "summary": _summary(draft, guide, errors, lang), "todo": _summary(draft, guide, todo or {}, lang),
            "languages": LANGUAGE_NAMES}


@router.get("/stappenplannen/concept/{draft_id}/tekst/{lang}")
def edit_texts(request: Request, draft_id: str, lang: str, viewer: Viewer = Depends(current_viewer),
               session: Session = DB) -> Response:
    """One language's texts: the guide's title and summary, each step's title and body, the answers;
    the Dutch master beside each field of a translation."""
    found = _editor_draft(session, draft_id) if lang in LANGUAGE_NAMES else None
    if found is None:
        return _list_page(request, session, 404, message="Dit concept of deze taal bestaat niet (meer).")
    draft, guide = found
    return _texts_page(request, draft, guide, lang, {}, guide_editor.text_values(guide, lang), todo=_outstanding(guide))


@router.post("/stappenplannen/concept/{draft_id}/tekst/{lang}")
def save_texts(request: Request, draft_id: str, lang: str, form: FormData = Depends(checked_form),
               session: Session = DB) -> Response:
    viewer: Viewer = request.state.viewer
    _check_author(viewer)
    found = _editor_draft(session, draft_id) if lang in LANGUAGE_NAMES else None
    if found is None:
        return _list_page(request, session, 404, message="Dit concept of deze taal bestaat niet (meer).")
    draft, guide = found
    errors, todo = _save(session, viewer, draft, guide, lang, "save", guide_editor.apply_texts(guide, lang, form))
    if errors:
        return _texts_page(request, draft, guide, lang, errors, guide.raw, 400, todo)
    return see_other(f"/console/stappenplannen/concept/{draft.id}/tekst/{lang}?gedaan=bewaard")
