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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased

from sync import labels
from sync.markup import escape
from sync.protocol import CHANNELS, OUTCOMES
from sync.server.models import HelpRequestHead, Location, StoredRecord, Topic
from sync.server.summaries import topic_codes

ZONE = ZoneInfo("Europe/Brussels")


@dataclass
class LocationFigures:
    name: str
    location_id: str | None = None  # None for the total
    help_requests: int = 0
    shifts: int = 0
    volunteer_seconds: float = 0.0
    people: int = 0  # distinct visitor codes
    topics: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    overlapping_shifts: int = 0  # shifts that overlapped an earlier one of the same helper

    @property
    def volunteer_hours(self) -> float:
        return round(self.volunteer_seconds / 3600, 2)

    def row(self) -> tuple[str, int, int, float, int]:
        return (self.name, self.help_requests, self.shifts, self.volunteer_hours, self.people)

    def add(self, other: LocationFigures) -> None:
        self.help_requests += other.help_requests
        self.shifts += other.shifts
        self.volunteer_seconds += other.volunteer_seconds
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


def not_cancelled(heads: type[HelpRequestHead]) -> ColumnElement[bool]:
    """A help request that counts: not cancelled. The value is written into the SQL, not bound:
    SQLite uses a partial index (help_request_heads' people and visitor indexes) only when it can
    see that the query's condition is the index's."""
    return heads.status != literal_column("'cancelled'")


def figures_between(session: Session, start: datetime, end: datetime,
                    location_ids: Collection[str] | None = None, breakdown: bool = True) -> list[LocationFigures]:
    """One entry per location with activity (of `location_ids`, default all), by name, then their
    total (last). Help requests from the summary table (one row per request, latest version, dated
    by its first; a cancelled one does not count); shifts count in the period they started in.
    Without `breakdown`, the help requests are not counted per topic, outcome and channel (the
    console's overview shows none of them: that grouping is most of a month's cost)."""
    names = dict(session.execute(select(Location.id, Location.name)).all())
    figures: dict[str, LocationFigures] = {}

    def at(location_id: str) -> LocationFigures:
        if location_id not in figures:
            name = names.get(location_id) or labels.EXPORT_UNKNOWN_LOCATION.format(id=location_id)
            figures[location_id] = LocationFigures(name, location_id)
        return figures[location_id]

    heads = HelpRequestHead
    counted = [not_cancelled(heads), heads.occurred_at >= start, heads.occurred_at < end]
    if location_ids is not None:
        counted.append(heads.location_id.in_(location_ids))
    _roomy_hash(session)
    # help requests and distinct visitor codes (count DISTINCT leaves out the requests without one)
    for location_id, n, people in session.execute(
            select(heads.location_id, func.count(), func.count(heads.visitor_code.distinct()))
            .where(*counted).group_by(heads.location_id)):
        place = at(location_id)
        place.help_requests, place.people = n, people
    if breakdown:
        for location_id, outcome, channel, topics, n in session.execute(
                select(heads.location_id, heads.outcome, heads.channel, heads.topics, func.count())
                .where(*counted).group_by(heads.location_id, heads.outcome, heads.channel, heads.topics)):
            place = at(location_id)
            place.outcomes[outcome] += n
            place.channels[channel] += n
            for code in topic_codes(topics):
                place.topics[code] += n
    total_people = people_between(session, start, end, location_ids)

    shifts = [json.loads(raw) for raw in session.scalars(select(StoredRecord.payload).where(
        StoredRecord.kind == "shift", StoredRecord.occurred_at >= start, StoredRecord.occurred_at < end))]
    for payload, seconds, overlaps in volunteer_time(shifts):  # every helper's shifts: overlaps cross places
        if location_ids is not None and payload["location_id"] not in location_ids:
            continue
        place = at(payload["location_id"])
        place.shifts += 1
        place.volunteer_seconds += seconds
        place.overlapping_shifts += overlaps
    return with_total(sorted(figures.values(), key=lambda f: f.name), total_people)


def _counted_codes(start: datetime, end: datetime, location_ids: Collection[str] | None) -> Select[str | None]:
    """The distinct visitor codes of the help requests that count in [start, end)."""
    heads = HelpRequestHead
    query = select(heads.visitor_code).where(not_cancelled(heads), heads.occurred_at >= start,
                                             heads.occurred_at < end, heads.visitor_code.is_not(None)).distinct()
    return query if location_ids is None else query.where(heads.location_id.in_(location_ids))


def people_between(session: Session, start: datetime, end: datetime,
                   location_ids: Collection[str] | None = None) -> int:
    """Distinct visitor codes among the help requests that count in [start, end), over all of
    `location_ids` (one person at two places is one person). Exact, read from one index."""
    _roomy_hash(session)
    return session.scalar(select(func.count()).select_from(_counted_codes(start, end, location_ids).subquery())) or 0


def visitor_codes_between(session: Session, start: datetime, end: datetime,
                          location_ids: Collection[str] | None = None) -> set[str]:
    """The codes themselves, for counting people across help, lending and workshops (the
    Digibanken report: a person seen in all three counts once)."""
    return {code for code in session.scalars(_counted_codes(start, end, location_ids)) if code}


def codes_new_to_help(session: Session, start: datetime, end: datetime, location_ids: Collection[str] | None,
                      codes: Collection[str]) -> int:
    """How many of `codes` (borrowers' and workshop attendees' visitor codes) no help request that
    counts in [start, end) carries: added to `people_between`, a person seen in help, lending and
    workshops counts once."""
    wanted, known = sorted(codes), set[str | None]()
    for at in range(0, len(wanted), 1000):  # a few thousand at most; SQLite limits parameters
        chunk = wanted[at:at + 1000]
        known.update(session.scalars(_counted_codes(start, end, location_ids)
                                     .where(HelpRequestHead.visitor_code.in_(chunk))))
    return len(set(wanted) - known)


def people_outside(session: Session, start: datetime, end: datetime, kept_start: datetime, kept_end: datetime,
                   location_ids: Collection[str] | None = None) -> int:
    """Distinct visitor codes counted in [start, end) outside [kept_start, kept_end) that were not
    counted inside it, at `location_ids`: with the distinct count inside, the period's exact count."""
    heads, inside = HelpRequestHead, aliased(HelpRequestHead)
    seen = select(inside.id).where(inside.visitor_code == heads.visitor_code, inside.visitor_code.is_not(None),
                                   not_cancelled(inside), inside.occurred_at >= kept_start,
                                   inside.occurred_at < kept_end)
    outside = [and_(heads.occurred_at >= a, heads.occurred_at < b) for a, b in ((start, kept_start), (kept_end, end))
               if a < b]  # two ranges of one index, not a filter over the whole period
    if not outside:
        return 0
    query = select(heads.visitor_code).where(not_cancelled(heads), heads.visitor_code.is_not(None),
                                             or_(*outside))
    if location_ids is not None:
        query = query.where(heads.location_id.in_(location_ids))
        seen = seen.where(inside.location_id.in_(location_ids))
    query = query.where(~seen.exists()).distinct()
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _roomy_hash(session: Session) -> None:
    """Distinct visitor codes of a year are ~200,000 keys of 64 characters: with PostgreSQL's
    default 4 MB of work memory the hash spills to disk and takes three times as long."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL work_mem = '64MB'"))


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


def with_total(places: list[LocationFigures], people: int) -> list[LocationFigures]:
    """`places` and their total last, with `people` distinct over all of them (a person seen at two
    places counts once, so it is no sum)."""
    total = LocationFigures(labels.EXPORT_TOTAL)
    for place in places:
        total.add(place)
    total.people = people
    return [*places, total]


def monthly_report(session: Session, month: str, location_ids: Collection[str] | None = None) -> MonthlyReport:
    """The month's figures: one entry per location with activity (of `location_ids`, default all),
    by name, then the total."""
    topic_labels = dict(session.execute(select(Topic.code, Topic.label_nl)).all())
    return MonthlyReport(month, figures_between(session, *month_bounds(month), location_ids), topic_labels)


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


# --- a large table as a streamed xlsx ------------------------------------------------------------
# openpyxl writes about 80,000 cells a second even in write-only mode: a year of a city's help
# requests (330,000 rows of 19 cells) would take over a minute. A sheet of plain values needs little
# of the format (ECMA-376): the parts below, the cells as inline strings, numbers and dates (day
# numbers with a date style), zipped as they are made.
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        '</Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        '<Relationship Id="rId2" Target="styles.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/></Relationships>'),
    # style 1: bold (the header); style 2: a date (built-in format 14)
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def _cell(value: Any) -> str:
    if isinstance(value, str):
        if not value:
            return "<c/>"
        space = ' xml:space="preserve"' if value != value.strip() else ""  # most cells: 21 bytes less
        return f'<c t="inlineStr"><is><t{space}>{escape(value, quote=False)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c><v>{value}</v></c>"
    if isinstance(value, date):
        return f'<c s="2"><v>{value.toordinal() - _EXCEL_EPOCH}</v></c>'
    return "<c/>" if value is None else _cell(str(value))


class _Cells(dict[Any, str]):
    """Cell XML by value, made once: names, labels, dates and times repeat row after row."""

    def __missing__(self, value: Any) -> str:
        if len(self) > 100_000:  # many distinct notes: keep memory bounded
            self.clear()
        xml = self[value] = _cell(value)
        return xml


class _Chunks(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come (zipfile writes to it)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def stream_xlsx(sheet: str, header: Sequence[str], widths: Sequence[float],
                rows: Iterable[Sequence[Any]], unique: int = 0) -> Iterator[bytes]:
    """One sheet: `header` in bold and frozen, then `rows` (str, int, float, bool, date), yielded
    as the bytes of an xlsx file piece by piece, so memory stays small whatever the row count.
    The last `unique` columns differ on every row (ids): they are written without the cache."""
    import zipfile

    out = _Chunks()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as book:
        for name, text in _XLSX_PARTS.items():
            book.writestr(name, text)
        book.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        yield out.take()
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
                           for n, w in enumerate(widths, start=1))
            bold = "".join(f'<c t="inlineStr" s="1"><is><t>{escape(title, quote=False)}</t></is></c>'
                           for title in header)
            part.write((
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                f'state="frozen"/></sheetView></sheetViews><cols>{cols}</cols><sheetData><row>{bold}</row>'
            ).encode())
            batch: list[str] = []
            cells = _Cells()
            cached = len(header) - unique
            for row in rows:
                batch.append("<row>" + "".join([cells[value] for value in row[:cached]])
                             + "".join([_cell(value) for value in row[cached:]]) + "</row>")
                if len(batch) == 2000:
                    part.write("".join(batch).encode())
                    batch = []
                    yield out.take()
            part.write(("".join(batch) + "</sheetData></worksheet>").encode())
    yield out.take()
