"""The console's Registraties (records) and Rapporten (reports) pages and their downloads.

Read-only for every role; every figure and row is limited to the viewer's locations, and a filter
naming another location is answered 403 (record_table.parse_filters). The downloads take the same
filters through the same query as the pages.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.orm import Session

from sync import labels
from sync.protocol import OUTCOMES, STATUSES
from sync.server import export
from sync.server.console import record_table, reports
from sync.server.console.auth import Viewer
from sync.server.console.overview import parse_period
from sync.server.console.web import DB, SECURITY_HEADERS, ZONE, current_viewer, page, visible_locations
from sync.server.db import utcnow

router = APIRouter(prefix="/console")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _today() -> date:
    return utcnow().astimezone(ZONE).date()


def download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'})


# --- Registraties --------------------------------------------------------------------------------
def _filters(request: Request, viewer: Viewer) -> tuple[record_table.RecordFilters, list[str]]:
    return record_table.parse_filters(viewer, request.query_params, _today())


@router.get("/registraties")
def records(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB) -> Response:
    filters, problems = _filters(request, viewer)
    try:
        number = int(request.query_params.get("page", "1"))
    except ValueError:
        number = 1
    result = record_table.page_of(session, viewer, filters, record_table.Names.read(session), number)
    return page(request, "records.html", title="Registraties", filters=filters, problems=problems,
                result=result, locations=visible_locations(session, viewer),
                topics=record_table.topic_choices(session), helpers=record_table.helper_choices(session, viewer),
                outcomes=[(code, labels.OUTCOMES[code]) for code in OUTCOMES],
                statuses=[(code, labels.STATUSES[code]) for code in STATUSES])


def _filename(filters: record_table.RecordFilters, extension: str) -> str:
    kind = labels.RECORD_SHEETS[filters.kind].lower()
    return f"digipunt-{kind}-{filters.start.isoformat()}-tot-{filters.end.isoformat()}.{extension}"


def _download(request: Request, viewer: Viewer, media_type: str, extension: str,
              write: Callable[[Iterator[record_table.Row], str], Iterator[bytes]]) -> Response:
    """The matching records, streamed as they are read and written. The rows are read in a
    transaction of their own: the route's ends before the answer is sent."""
    filters, _problems = _filters(request, viewer)

    def body() -> Iterator[bytes]:
        with request.app.state.sessions.begin() as session:
            rows = record_table.find_records(session, viewer, filters, record_table.Names.read(session))
            yield from write(rows, filters.kind)

    return StreamingResponse(body(), media_type=media_type, headers={
        **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{_filename(filters, extension)}"'})


@router.get("/registraties.csv")
def records_csv(request: Request, viewer: Viewer = Depends(current_viewer)) -> Response:
    return _download(request, viewer, CSV, "csv", record_table.to_csv)


@router.get("/registraties.xlsx")
def records_xlsx(request: Request, viewer: Viewer = Depends(current_viewer)) -> Response:
    return _download(request, viewer, XLSX, "xlsx", record_table.to_xlsx)


@router.get("/registraties/{record_id}")
def record(request: Request, record_id: str, viewer: Viewer = Depends(current_viewer),
           session: Session = DB) -> Response:
    """One record with its history: a table row for htmx (the expandable row), a page otherwise."""
    history = record_table.record_history(session, viewer, record_id, record_table.Names.read(session),
                                          request.query_params.get("apparaat", ""))
    if "hx-request" in request.headers:
        return page(request, "_record_row.html", history=history)
    return page(request, "record.html", title="Registratie", history=history)


# --- Rapporten -----------------------------------------------------------------------------------
def _month(text: str, today: date) -> tuple[str, str]:
    """The chosen month (YYYY-MM), by default this one, and a Dutch problem."""
    if text:
        try:
            export.month_bounds(text)
            return text, ""
        except ValueError:
            pass
    return f"{today:%Y-%m}", "Kies een maand (jjjj-mm), bijvoorbeeld 2026-11." if text else ""


def _range(start: str, end: str, today: date) -> tuple[date, date, str]:
    """The Digibanken period, by default this calendar year until today."""
    return parse_period(start, end, date(today.year, 1, 1), today)


@router.get("/rapporten")
def report_page(request: Request, viewer: Viewer = Depends(current_viewer), session: Session = DB,
                month: str = "", start: str = "", end: str = "") -> Response:
    today = _today()
    month, month_problem = _month(month, today)
    first, last, range_problem = _range(start, end, today)
    monthly = reports.visible_monthly_report(session, viewer, month)
    return page(request, "reports.html", title="Rapporten", monthly=monthly, breakdowns=export.breakdowns(monthly),
                digibanken=reports.digibanken_report(session, viewer, first, last),
                problems=[p for p in (month_problem, range_problem) if p], not_registered=labels.NOT_REGISTERED_YET,
                summary_columns=labels.EXPORT_SUMMARY_COLUMNS)


@router.get("/rapporten/maand.csv")
def monthly_csv(viewer: Viewer = Depends(current_viewer), session: Session = DB, month: str = "") -> Response:
    month, _ = _month(month, _today())
    report = reports.visible_monthly_report(session, viewer, month)
    return download(("\ufeff" + export.to_csv(report)).encode("utf-8"), CSV, f"digipunt-maandrapport-{month}.csv")


@router.get("/rapporten/maand.xlsx")
def monthly_xlsx(viewer: Viewer = Depends(current_viewer), session: Session = DB, month: str = "") -> Response:
    month, _ = _month(month, _today())
    report = reports.visible_monthly_report(session, viewer, month)
    return download(export.to_xlsx(report), XLSX, f"digipunt-maandrapport-{month}.xlsx")


def _digibanken(viewer: Viewer, session: Session, start: str, end: str) -> reports.DigibankenReport:
    first, last, _ = _range(start, end, _today())
    return reports.digibanken_report(session, viewer, first, last)


@router.get("/rapporten/digibanken.csv")
def digibanken_csv(viewer: Viewer = Depends(current_viewer), session: Session = DB,
                   start: str = "", end: str = "") -> Response:
    report = _digibanken(viewer, session, start, end)
    return download(reports.digibanken_csv(report), CSV,
                    f"digipunt-digibanken-{report.start.isoformat()}-tot-{report.end.isoformat()}.csv")


@router.get("/rapporten/digibanken.xlsx")
def digibanken_xlsx(viewer: Viewer = Depends(current_viewer), session: Session = DB,
                    start: str = "", end: str = "") -> Response:
    report = _digibanken(viewer, session, start, end)
    return download(reports.digibanken_xlsx(report), XLSX,
                    f"digipunt-digibanken-{report.start.isoformat()}-tot-{report.end.isoformat()}.xlsx")
