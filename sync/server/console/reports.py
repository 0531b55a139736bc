"""The Rapporten page: the monthly report (export.monthly_report, the figures of `digipunt-server
export`) and the Digibanken report for any date range, both limited to the viewer's locations.

The Digibanken report counts with the export's rules and its summary table (export.figures_between): distinct people are
distinct visitor codes over all visible locations and services; help requests count under the
objectives of labels.DIGIBANKEN_OBJECTIVES, and an objective Digipunt does not register yet shows
as such, never as a number.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync import labels
from sync.server.console.auth import Viewer
from sync.server.console.overview import SUBSIDY_THRESHOLDS, bars_chart, period_bounds
from sync.server.console.web import ZONE
from sync.server.export import LocationFigures, MonthlyReport, figures_between, monthly_report, visitor_codes_between
from sync.server.lending import Access, access_between
from sync.server.models import Topic
from sync.server.workshops import MonthRow, Skills, per_month, skills_between


def visible_monthly_report(session: Session, viewer: Viewer, month: str) -> MonthlyReport:
    """The export's monthly report with only the viewer's locations (and their total)."""
    return monthly_report(session, month, viewer.location_ids)


@dataclass
class DigibankenReport:
    start: date
    end: date
    places: list[LocationFigures]  # the visible locations with activity, their total last
    topics: list[tuple[str, int]]  # (label, help requests), most first
    topics_chart: str  # base64 SVG of `topics`
    access: Access = Access()  # lending (sync/server/lending.py): loans and their borrowers' codes
    skills: Skills = Skills()  # workshops (sync/server/workshops.py): sessions, attendees, their codes
    help_codes: frozenset[str] = frozenset()  # the visitor codes of the help requests that count
    workshop_months: tuple[MonthRow, ...] = ()  # sessions and attendees per month, place and topic

    @property
    def total(self) -> LocationFigures:
        return self.places[-1]

    @property
    def people(self) -> int:
        # A person seen in help, lending and workshops counts once.
        return len(self.help_codes | self.access.visitor_codes | self.skills.visitor_codes)

    @property
    def objectives(self) -> list[tuple[str, int | None]]:
        """(label, help requests), None for an objective not registered yet."""
        counts = {"help_request": self.total.help_requests, "loan": self.access.loans,
                  "workshop_session": self.skills.attendees}
        return [(label, counts[kind] if kind else None) for _code, label, kind in labels.DIGIBANKEN_OBJECTIVES]

    @property
    def objective_people(self) -> list[tuple[str, int | None, int | None]]:
        """(label, count, distinct people) per objective: help requests, loans, workshop attendees;
        a person seen under several objectives counts under each, and once in `people`."""
        codes = {"help_request": self.help_codes, "loan": self.access.visitor_codes,
                 "workshop_session": self.skills.visitor_codes}
        return [(label, count, None if kind is None else len(codes[kind]))
                for (label, count), (_code, _label, kind) in zip(self.objectives, labels.DIGIBANKEN_OBJECTIVES,
                                                                 strict=True)]

    @property
    def thresholds(self) -> list[tuple[int, bool]]:
        return [(threshold, self.people >= threshold) for threshold in SUBSIDY_THRESHOLDS]


def digibanken_report(session: Session, viewer: Viewer, start: date, end: date) -> DigibankenReport:
    """The Digibanken figures from `start` to `end`, both days included."""
    places = figures_between(session, *period_bounds(start, end), viewer.location_ids)
    names = dict(session.execute(select(Topic.code, Topic.label_nl)).all())
    topics = sorted(((names.get(code) or code, n) for code, n in places[-1].topics.items()),
                    key=lambda item: (-item[1], item[0].casefold()))
    chart = bars_chart([name for name, _ in topics], [n for _, n in topics], "hulpvragen") if topics else ""
    period = period_bounds(start, end)
    return DigibankenReport(start, end, places, topics, chart, access_between(session, *period, viewer.location_ids),
                            skills_between(session, *period, viewer.location_ids),
                            frozenset(visitor_codes_between(session, *period, viewer.location_ids)),
                            tuple(per_month(session, ZONE, viewer.location_ids, *period)))


def _summary_rows(report: DigibankenReport) -> list[tuple[str, object]]:
    words = labels.DIGIBANKEN_SUMMARY_ROWS
    rows: list[tuple[str, object]] = [(words["start"], report.start), (words["end"], report.end),
                                      (words["people"], report.people)]
    rows += [(label, labels.NOT_REGISTERED_YET if count is None else count) for label, count in report.objectives]
    rows += [(f"{words['people']}: {label}", people) for label, _count, people in report.objective_people
             if people is not None]
    rows.append((words["hours"], report.total.volunteer_hours))
    rows += [(words["threshold"].format(threshold=threshold),
              words["reached"] if reached else words["not_reached"].format(missing=threshold - report.people))
             for threshold, reached in report.thresholds]
    return rows


def digibanken_csv(report: DigibankenReport) -> bytes:
    """The summary: one line per figure (period, people, each objective, hours, thresholds)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(_summary_rows(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def digibanken_xlsx(report: DigibankenReport) -> bytes:
    """A sheet per part: the summary, the objectives, per location, per topic."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = labels.DIGIBANKEN_SUMMARY_SHEET
    for row in _summary_rows(report):
        summary.append(row)
    for cell in summary["A"]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 48
    summary.column_dimensions["B"].width = 24
    parts: list[tuple[tuple[str, tuple[str, ...]], Sequence[tuple[object, ...]]]] = [
        (labels.DIGIBANKEN_OBJECTIVE_SHEET,
         [(label, labels.NOT_REGISTERED_YET if count is None else count, people)
          for label, count, people in report.objective_people]),
        (labels.DIGIBANKEN_LOCATION_SHEET,
         [(f.name, f.help_requests, f.people, f.volunteer_hours) for f in report.places]),
        (labels.DIGIBANKEN_TOPIC_SHEET, report.topics),
    ]
    for (title, header), lines in parts:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for line in lines:
            sheet.append(line)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 48
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
