"""Stappenplannen: guides uploaded as a zip (the folder format of resources/walkthroughs), checked with
the kiosk's own checks, previewed with the kiosk's own body markup, published as the next signed
bundle (sync/server/content.py). Coordinators upload and preview; a city admin publishes."""
from __future__ import annotations

import mimetypes
import tempfile
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
from sync.content_format import MASTER_LANGUAGE, load_walkthroughs, render_body_html
from sync.protocol import VISITOR_LANGUAGES
from sync.server import content
from sync.server.console.auth import Forbidden, Viewer, audit
from sync.server.console.web import DB, SECURITY_HEADERS, checked_form, current_viewer, page, see_other
from sync.server.db import utcnow
from sync.server.models import ContentBundle, ContentDraft

router = APIRouter(prefix="/console")
UPLOAD_PATH = "/console/stappenplannen/opladen"  # the one console request that may be large (app.py)
LANGUAGE_NAMES = {code: labels.HELP_LANGUAGES[code] for code in VISITOR_LANGUAGES}  # Dutch names, for staff
RTL = frozenset({"ar"})
# An uploaded SVG could carry a script: as a picture it never runs, opened on its own it may not either.
_FILE_HEADERS = {**SECURITY_HEADERS,
                 "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox"}


def _list_page(request: Request, session: Session, status: int = 200, **extra: Any) -> Response:
    bundles = session.scalars(select(ContentBundle).order_by(ContentBundle.version.desc()).limit(20)).all()
    manifests = {b.version: Manifest.model_validate_json(b.manifest) for b in bundles}
    drafts = session.scalars(select(ContentDraft).order_by(ContentDraft.uploaded_at.desc())).all()
    return page(request, "content.html", status=status, title="Stappenplannen", bundles=bundles,
                manifests=manifests, drafts=drafts, **extra)


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
                          "niet. Verbeter deze punten en laad het opnieuw op.", errors=errors)
    draft = ContentDraft(id=str(uuid.uuid4()), guide_id=guide_id, data=data, uploaded_by=viewer.username,
                         uploaded_at=utcnow())
    session.add(draft)
    audit(session, viewer, "guide-upload", guide_id, {"draft": draft.id}, now=utcnow())
    return see_other(f"/console/stappenplannen/concept/{draft.id}")


def _check_author(viewer: Viewer) -> None:
    """Guides are the same at every location: any coordinator or admin may author; readers may not."""
    if not viewer.can_edit:
        raise Forbidden("read-only")


def _check(files: dict[str, bytes]) -> list[str]:
    """`python -m kiosk.content check`'s errors for the next bundle (the shared code)."""
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
                          "body": render_body_html(step.body, rtl=step.language in RTL),
                          "rtl": step.language in RTL, "image": image, "kind": meta.kind,
                          "choices": [text for text, _to in wt.choices(lang, index)] if meta.kind == "choice" else []})
        title = wt.title(lang)
    return page(request, "content_preview.html", title=f"Voorbeeld: {title}", draft=draft, guide_title=title,
                steps=steps, lang=lang, languages=LANGUAGE_NAMES, total=len(steps))


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
                              "controle niet.", errors=exc.errors)
        return _list_page(request, session, 503, message="Niet gepubliceerd: de server kan niet ondertekenen. "
                          "Vraag wie de server beheert om de sleutel te maken (digipunt-server content-key init).",
                          errors=[str(exc)])
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
