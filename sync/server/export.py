"""The monthly report: per location, help requests, shifts, volunteer hours and distinct visitors.

Counting rules (documented in the README):
- A help request counts once, as its latest version: a version superseded by a later one is not
  counted, and a chain whose latest version is cancelled is not counted at all.
- The month of a help request is the month of its first version (a correction made in April of
  help given in March stays in March). Months are calendar months in Europe/Brussels.
- Volunteer hours are the union of each helper's shifts that started in the month: overlapping
  shifts of one helper (two kiosks, a shift left open) count each hour once (`volunteer_time`).
- Distinct visitors are distinct visitor codes among the counted help requests; the total is
  distinct over all locations (one person at two locations is one person), not a sum.

Every header and value is Dutch (sync/labels.py); a topic shows its label from the topics table
(its code only when the server never knew a label for it).
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from sync import labels
from sync.protocol import CHANNELS, OUTCOMES
from sync.server.models import Location, StoredRecord, Topic

ZONE = ZoneInfo("Europe/Brussels")


@dataclass
class LocationFigures:
    name: str
    location_id: str | None = None  # None for the total
    help_requests: int = 0
    shifts: int = 0
    volunteer_seconds: float = 0.0
    visitor_codes: set[str] = field(default_factory=set)
    topics: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    overlapping_shifts: int = 0  # shifts that overlapped an earlier one of the same helper

    @property
    def volunteer_hours(self) -> float:
        return round(self.volunteer_seconds / 3600, 2)

    def row(self) -> tuple[str, int, int, float, int]:
        return (self.name, self.help_requests, self.shifts, self.volunteer_hours, len(self.visitor_codes))

    def add(self, other: LocationFigures) -> None:
        self.help_requests += other.help_requests
        self.shifts += other.shifts
        self.volunteer_seconds += other.volunteer_seconds
        self.visitor_codes |= other.visitor_codes
        self.topics.update(other.topics)
        self.outcomes.update(other.outcomes)
        self.channels.update(other.channels)
        self.overlapping_shifts += other.overlapping_shifts


@dataclass
class MonthlyReport:
    month: str
    locations: list[LocationFigures]  # by name, then the total (last)
    topic_labels: dict[str, str]  # code -> Dutch label, every topic the server knows


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """'2026-11' -> its first instant and the next month's, in Europe/Brussels."""
    year, number = (int(part) for part in month.split("-"))
    if not 1 <= number <= 12:
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    start = datetime(year, number, 1, tzinfo=ZONE)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=ZONE)
    return start, end


# A stored version of a help request, as help_request_chains reads it.
# id, supersedes, occurred_at, received_at, payload, device_id, location_id
Version = Row[str, str | None, datetime, datetime, str, str, str]


def help_request_chains(session: Session, location_ids: Collection[str] | None = None) -> Iterator[tuple[Version, ...]]:
    """Every help request as its stored versions, first to latest (a correction or a cancellation
    is a new version that supersedes the one before). Each version has id, supersedes, occurred_at,
    received_at, payload, device_id and location_id. `location_ids` keeps chains whole: the server
    refuses a version that supersedes one of another location. Ids are scoped per device: when two
    devices hold the id a version supersedes, it is the one of the version's own device, else the
    first received at its location."""
    # Versions are few per request; reading all help requests keeps the chain logic simple and
    # exact. A month's export of a city's records takes well under a second.
    query = select(StoredRecord.id, StoredRecord.supersedes, StoredRecord.occurred_at, StoredRecord.received_at,
                   StoredRecord.payload, StoredRecord.device_id, StoredRecord.location_id,
                   ).where(StoredRecord.kind == "help_request").order_by(StoredRecord.received_at,
                                                                          StoredRecord.device_id)
    if location_ids is not None:
        query = query.where(StoredRecord.location_id.in_(location_ids))
    rows = session.execute(query).all()
    holders: dict[tuple[str, str], list[Version]] = {}  # (location, id) -> its versions, first received first
    for row in rows:
        holders.setdefault((row.location_id, row.id), []).append(row)

    def previous(version: Version) -> Version | None:
        held = holders.get((version.location_id, version.supersedes or ""), [])
        return next((r for r in held if r.device_id == version.device_id), held[0] if held else None)

    superseded = {(r.device_id, r.id) for r in filter(None, map(previous, rows))}
    for latest in rows:
        if (latest.device_id, latest.id) in superseded:
            continue
        chain = [latest]
        seen = {(latest.device_id, latest.id)}
        while (before := previous(chain[-1])) is not None and (before.device_id, before.id) not in seen:
            chain.append(before)
            seen.add((before.device_id, before.id))
        yield tuple(reversed(chain))


def counted_help_requests(session: Session, start: datetime, end: datetime) -> Iterator[dict[str, Any]]:
    """The help requests that count in [start, end): the latest version of each request whose
    first version falls in the period, unless that latest version cancels it."""
    for chain in help_request_chains(session):
        if not start <= chain[0].occurred_at < end:
            continue
        payload = json.loads(chain[-1].payload)
        if payload["status"] != "cancelled":
            yield payload


def figures_between(session: Session, start: datetime, end: datetime) -> list[LocationFigures]:
    """One entry per location with activity, by name, then the total (last). Shifts count in the
    period they started in."""
    names = dict(session.execute(select(Location.id, Location.name)).all())
    figures: dict[str, LocationFigures] = {}

    def at(location_id: str) -> LocationFigures:
        if location_id not in figures:
            name = names.get(location_id) or labels.EXPORT_UNKNOWN_LOCATION.format(id=location_id)
            figures[location_id] = LocationFigures(name, location_id)
        return figures[location_id]

    for payload in counted_help_requests(session, start, end):
        place = at(payload["location_id"])
        place.help_requests += 1
        place.topics.update(payload["topics"])
        place.outcomes[payload["outcome"]] += 1
        place.channels[payload["channel"]] += 1
        if payload.get("visitor_code"):
            place.visitor_codes.add(payload["visitor_code"])

    shifts = [json.loads(raw) for raw in session.scalars(select(StoredRecord.payload).where(
        StoredRecord.kind == "shift", StoredRecord.occurred_at >= start, StoredRecord.occurred_at < end))]
    for payload, seconds, overlaps in volunteer_time(shifts):
        place = at(payload["location_id"])
        place.shifts += 1
        place.volunteer_seconds += seconds
        place.overlapping_shifts += overlaps
    return with_total(sorted(figures.values(), key=lambda f: f.name))


def volunteer_time(shifts: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], float, bool]]:
    """Each shift with the seconds it adds to its helper's volunteer time, and whether it overlapped
    one of theirs that started earlier: a helper's hours are the union of their shifts, never the
    sum (a spreekuur left open on one kiosk while another runs on the digibus counts once). The
    overlap goes to the shift that started first."""
    by_helper: dict[str, list[dict[str, Any]]] = {}
    for payload in shifts:
        by_helper.setdefault(payload["helper_id"], []).append(payload)
    for own in by_helper.values():
        covered_until: datetime | None = None
        for payload in sorted(own, key=lambda p: (datetime.fromisoformat(p["started_at"]), p["id"])):
            started, ended = datetime.fromisoformat(payload["started_at"]), datetime.fromisoformat(payload["ended_at"])
            overlaps = covered_until is not None and started < covered_until
            counted_from = max(started, covered_until) if covered_until is not None else started
            yield payload, max(0.0, (ended - counted_from).total_seconds()), overlaps
            covered_until = ended if covered_until is None else max(covered_until, ended)


def with_total(places: list[LocationFigures]) -> list[LocationFigures]:
    """`places` and their total last (a person seen at two places counts once)."""
    total = LocationFigures(labels.EXPORT_TOTAL)
    for place in places:
        total.add(place)
    return [*places, total]


def monthly_report(session: Session, month: str) -> MonthlyReport:
    """The month's figures: one entry per location with activity, by name, then the total."""
    topic_labels = dict(session.execute(select(Topic.code, Topic.label_nl)).all())
    return MonthlyReport(month, figures_between(session, *month_bounds(month)), topic_labels)


def to_csv(report: MonthlyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(labels.EXPORT_SUMMARY_COLUMNS)
    writer.writerows(f.row() for f in report.locations)
    return out.getvalue()


def breakdowns(report: MonthlyReport) -> list[tuple[str, tuple[str, ...], list[tuple[str, str, int]]]]:
    """The xlsx sheets after the summary: help requests per topic, outcome and channel, per location,
    as (sheet name, header, rows of location, Dutch label, count). Topics by label, outcomes and
    channels in the protocol's order."""
    topic = report.topic_labels.get
    by_topic = [(f.name, topic(code) or code, n) for f in report.locations
                for code, n in sorted(f.topics.items(), key=lambda item: (topic(item[0]) or item[0]).casefold())]
    by_outcome = [(f.name, labels.OUTCOMES[code], f.outcomes[code]) for f in report.locations
                  for code in OUTCOMES if f.outcomes[code]]
    by_channel = [(f.name, labels.CHANNELS[code], f.channels[code]) for f in report.locations
                  for code in CHANNELS if f.channels[code]]
    return [(*labels.EXPORT_TOPIC_SHEET, by_topic), (*labels.EXPORT_OUTCOME_SHEET, by_outcome),
            (*labels.EXPORT_CHANNEL_SHEET, by_channel)]


def to_xlsx(report: MonthlyReport) -> bytes:
    """The summary per location, then help requests per topic, outcome and channel per location."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = labels.EXPORT_SUMMARY_SHEET.format(month=report.month)
    summary.append(labels.EXPORT_SUMMARY_COLUMNS)
    for f in report.locations:
        summary.append(f.row())
    sheets = [summary]
    for title, header, rows in breakdowns(report):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["B"].width = 36
        sheets.append(sheet)
    for sheet in sheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
