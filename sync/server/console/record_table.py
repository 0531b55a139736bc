"""The Registraties page: help requests and shifts, filtered, paged and downloaded.

`find_records` is the one query: the page shows a slice of what it returns and the CSV and XLSX
downloads write all of it, so a download always follows the filters on the screen. A help request
is its latest version (the monthly report's chain rule) dated by its first; a cancelled one is
shown, marked. Only the viewer's locations are ever read.

Help requests are read from the summary table `help_request_heads` (sync/server/summaries.py: one
row per request, kept at ingest), filtered, counted and paged in SQL, and joined to the latest
version's payload only for the rows shown: a page is a few index look-ups at a million records,
and a download streams (a server-side cursor read in slices, written as it goes).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

import orjson
from sqlalchemy import Executable, func, select, text
from sqlalchemy.orm import Session

from sync import labels
from sync.protocol import OUTCOMES, RECORD_KINDS, STATUSES, RecordKind
from sync.server.console.auth import Forbidden, Viewer
from sync.server.console.overview import parse_period, period_bounds
from sync.server.console.web import ZONE
from sync.server.export import stream_xlsx
from sync.server.models import Helper, HelperLocation, HelpRequestHead, Location, StoredRecord, Topic
from sync.server.summaries import chains_of, corrected, linked_versions, topics_text

PAGE_SIZE = 50


@dataclass(frozen=True)
class RecordFilters:
    kind: RecordKind
    start: date
    end: date
    location: str = ""
    topic: str = ""
    outcome: str = ""
    helper: str = ""
    status: str = ""

    def query(self, **changes: str) -> str:
        """These filters (with `changes`) as a query string, for paging links and downloads."""
        values = {f.name: str(getattr(self, f.name)) for f in fields(self)} | changes
        return urlencode({name: value for name, value in values.items() if value})


def parse_filters(viewer: Viewer, params: Mapping[str, str], today: date) -> tuple[RecordFilters, list[str]]:
    """The filters of a request's query, and the Dutch problems of what could not be used (that
    filter is then left out). Another location's id is refused (Forbidden), never just ignored."""
    kind = params.get("kind", "")
    start, end, problem = parse_period(params.get("start", ""), params.get("end", ""), today.replace(day=1), today)
    problems = [problem] if problem else []
    location = params.get("location", "")
    if location:
        viewer.check_location(location)
    outcome, status = params.get("outcome", ""), params.get("status", "")
    return RecordFilters(kind=kind if kind in RECORD_KINDS else "help_request", start=start, end=end,
                         location=location, topic=params.get("topic", ""),
                         outcome=outcome if outcome in OUTCOMES else "", helper=params.get("helper", ""),
                         status=status if status in STATUSES else ""), problems


@dataclass(frozen=True)
class Names:
    """What the codes and ids of records are called, read once per request."""

    locations: dict[str, str]
    helpers: dict[str, str]
    topics: dict[str, str]

    @classmethod
    def read(cls, session: Session) -> Names:
        return cls(dict(session.execute(select(Location.id, Location.name)).all()),
                   dict(session.execute(select(Helper.id, Helper.display_name)).all()),
                   dict(session.execute(select(Topic.code, Topic.label_nl)).all()))

    def location(self, location_id: str) -> str:
        return self.locations.get(location_id) or labels.EXPORT_UNKNOWN_LOCATION.format(id=location_id)

    def helper(self, helper_id: str) -> str:
        return self.helpers.get(helper_id, labels.UNKNOWN_HELPER)

    def topic_labels(self, codes: list[str]) -> tuple[str, ...]:
        return tuple([self.topics.get(code) or code for code in codes])


def _labelled(words: Mapping[Any, str], codes: list[str] | None) -> tuple[str, ...]:
    return tuple([words.get(code, code) for code in codes]) if codes else ()


@dataclass(slots=True)  # not frozen: a year's download makes 300,000 of them, and frozen init is slow
class HelpRow:
    """A help request as people read it: its latest version (or, in a history, one version)."""

    id: str
    when: datetime  # local time of the first version
    location: str
    stop: str
    helper: str
    channel: str
    topics: tuple[str, ...]
    language: str
    minutes: int
    outcome: str
    referrals: tuple[str, ...]
    first_visit: str
    target_groups: tuple[str, ...]
    note: str
    has_visitor_code: bool
    cancelled: bool
    versions: int = 1
    corrected: bool = False
    device: str = ""  # of the version shown: ids are per device

    kind = "help_request"

    @classmethod
    def of(cls, record_id: str, payload: dict[str, Any], when: datetime, names: Names, device: str = "") -> HelpRow:
        # positional, without generators: a year's download makes 300,000 of these
        get = payload.get
        return cls(
            record_id, when.astimezone(ZONE), names.location(payload["location_id"]), get("stop_name") or "",
            names.helper(payload["helper_id"]), labels.CHANNELS.get(payload["channel"], payload["channel"]),
            names.topic_labels(payload["topics"]),
            labels.HELP_LANGUAGES.get(payload["language"], payload["language"]), payload["duration_min"],
            labels.OUTCOMES.get(payload["outcome"], payload["outcome"]), _labelled(labels.REFERRALS, get("referrals")),
            labels.FIRST_VISIT.get(get("first_visit", "unknown"), ""),
            _labelled(labels.TARGET_GROUPS, get("target_groups")), get("note") or "", bool(get("visitor_code")),
            payload["status"] == "cancelled", device=device)

    def cells(self) -> tuple[Any, ...]:
        """In the order of labels.RECORD_HELP_COLUMNS (the id last: downloads write it uncached)."""
        when = self.when
        return (when.date(), _CLOCK[when.hour * 60 + when.minute], self.location, self.stop,
                self.helper, self.channel,
                ", ".join(self.topics), self.language, self.minutes, self.outcome, ", ".join(self.referrals),
                self.first_visit, ", ".join(self.target_groups), self.note, _YES_NO[self.has_visitor_code],
                _CANCELLED[self.cancelled], _YES_NO[self.corrected], self.versions, self.id)


@dataclass(frozen=True)
class ShiftRow:
    id: str
    when: datetime  # local start
    ended: datetime
    location: str
    stop: str
    helper: str
    auto_closed: bool
    device: str = ""  # ids are per device

    kind = "shift"

    @classmethod
    def of(cls, record_id: str, payload: dict[str, Any], names: Names, device: str = "") -> ShiftRow:
        return cls(record_id, datetime.fromisoformat(payload["started_at"]).astimezone(ZONE),
                   datetime.fromisoformat(payload["ended_at"]).astimezone(ZONE),
                   names.location(payload["location_id"]), payload.get("stop_name") or "",
                   names.helper(payload["helper_id"]), payload.get("auto_closed", False), device)

    @property
    def minutes(self) -> int:
        return round((self.ended - self.when).total_seconds() / 60)

    def cells(self) -> tuple[Any, ...]:
        """In the order of labels.RECORD_SHIFT_COLUMNS."""
        return (self.when.date(), self.when.strftime("%H:%M"), self.ended.strftime("%H:%M"), self.minutes,
                self.location, self.stop, self.helper, _yes(self.auto_closed), self.id)


Row = HelpRow | ShiftRow


def _yes(value: bool) -> str:
    return labels.YES if value else labels.NO


_YES_NO = (labels.NO, labels.YES)
_CANCELLED = (labels.STATUSES["active"], labels.STATUSES["cancelled"])
_CLOCK = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(24 * 60)]  # "hh:mm" by minute of the day


def _location_ids(viewer: Viewer, filters: RecordFilters) -> list[str] | None:
    if filters.location:
        return [filters.location]  # parse_filters checked it is the viewer's
    return None if viewer.location_ids is None else sorted(viewer.location_ids)


def _like(text: str) -> str:
    """`text` as a LIKE pattern that matches only itself (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matching(viewer: Viewer, filters: RecordFilters) -> tuple[Any, list[Any]]:
    """The table the records are read from (a help request: its summary row, latest version,
    dated by its first; a shift: its record) and the conditions of the filters on it."""
    start, end = period_bounds(filters.start, filters.end)
    location_ids = _location_ids(viewer, filters)
    table: Any
    if filters.kind == "shift":
        table = StoredRecord
        conditions = [StoredRecord.kind == "shift"]
        if filters.helper:  # canonical JSON: a key and its value are spelled exactly so once
            conditions.append(StoredRecord.payload.like(
                f'%{_like(json.dumps({"helper_id": filters.helper}, ensure_ascii=False)[1:-1])}%', escape="\\"))
    else:
        table = HelpRequestHead
        conditions = [column == value for column, value in (
            (HelpRequestHead.outcome, filters.outcome), (HelpRequestHead.helper_id, filters.helper),
            (HelpRequestHead.status, filters.status)) if value]
        if filters.topic:
            conditions.append(HelpRequestHead.topics.like(f"%{_like(topics_text([filters.topic]))}%", escape="\\"))
    conditions += [table.occurred_at >= start, table.occurred_at < end]
    if location_ids is not None:
        conditions.append(table.location_id.in_(location_ids))
    return table, conditions


def count_records(session: Session, viewer: Viewer, filters: RecordFilters, cap: int | None = None) -> int:
    """How many records match; with `cap`, counting stops after cap + 1 (a year of the whole city
    is 300,000 index entries: counting them all would cost more than the page)."""
    table, conditions = _matching(viewer, filters)
    matching = select(table.id).where(*conditions).limit(None if cap is None else cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(matching)) or 0


SLICE = 2000  # rows read at a time


def _payload(raw: str) -> dict[str, Any]:
    """A stored payload, parsed by orjson in a quarter of json's time (a year's download parses
    330,000). Its only number, duration_min, is at most 600, so both read the same values; what
    orjson refuses (a lone surrogate in a text) takes the standard parser."""
    try:
        return orjson.loads(raw)  # type: ignore[no-any-return]
    except orjson.JSONDecodeError:
        return json.loads(raw)  # type: ignore[no-any-return]


def _rows(session: Session, query: Executable, ahead: bool) -> Iterator[Any]:
    """The query's rows, read SLICE at a time (a server-side cursor on PostgreSQL). With `ahead`
    (a download), on PostgreSQL, a thread reads the next slice while this one is written: the
    database's work and the server's overlap instead of taking turns."""
    result = session.connection().execute(query.execution_options(yield_per=SLICE))
    if not ahead or session.get_bind().dialect.name != "postgresql":
        yield from result
        return
    with ThreadPoolExecutor(1) as reader:  # leaving (the end, or a client gone) waits for its read
        pending = reader.submit(result.fetchmany, SLICE)
        while batch := pending.result():
            pending = reader.submit(result.fetchmany, SLICE)
            yield from batch


def find_records(session: Session, viewer: Viewer, filters: RecordFilters, names: Names,
                 offset: int = 0, limit: int | None = None) -> Iterator[Row]:
    """The records that match, newest first (from `offset`, at most `limit`): the page's rows and
    the downloads' rows, read in slices as they are used (a server-side cursor on PostgreSQL)."""
    table, conditions = _matching(viewer, filters)
    if filters.kind == "shift":
        shifts = (select(StoredRecord.id, StoredRecord.device_id, StoredRecord.payload).where(*conditions)
                  .order_by(StoredRecord.occurred_at.desc(), StoredRecord.id.desc(), StoredRecord.device_id.desc())
                  .offset(offset).limit(limit))
        for record_id, device, raw in _rows(session, shifts, ahead=limit is None):
            yield ShiftRow.of(record_id, _payload(raw), names, device)
        return
    heads = HelpRequestHead
    order = (heads.occurred_at.desc(), heads.id.desc(), heads.device_id.desc())
    chosen = (heads.id, heads.device_id, heads.occurred_at, heads.versions, heads.corrected)
    requests: Executable
    if limit is None and offset == 0:
        # A download reads every matching row: joined to the payloads in one query that PostgreSQL,
        # told all rows will be read, answers with one pass over `records` in physical order (a
        # hash join) instead of a look-up per row: a year is 330,000 random reads otherwise, 13-30 s
        # on a cold cache against 3-4 s (bench/README.md, "a year's XLSX on a cold cache"). Its
        # sort (a year: 235 MB of payloads) is done in memory rather than on disk: 0.7-1.5 s less.
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET LOCAL cursor_tuple_fraction = 1"))
            session.execute(text("SET LOCAL work_mem = '256MB'"))
        requests = (select(*chosen, StoredRecord.payload)
                    .join(StoredRecord, (StoredRecord.id == heads.id) & (StoredRecord.device_id == heads.device_id))
                    .where(*conditions).order_by(*order))
    else:
        # A page: the rows are chosen (filtered, ordered, paged) in the summary table alone, and each
        # chosen row's payload is then looked up by its key: a join before the paging would make
        # PostgreSQL estimate a few rows and join a whole year by hash to keep 50 of them.
        shown = select(*chosen).where(*conditions).order_by(*order).offset(offset).limit(limit).subquery()
        payload = select(StoredRecord.payload).where(StoredRecord.id == shown.c.id,
                                                     StoredRecord.device_id == shown.c.device_id).scalar_subquery()
        requests = select(shown, payload).order_by(shown.c.occurred_at.desc(), shown.c.id.desc(),
                                                   shown.c.device_id.desc())
    for record_id, device, first_at, versions, changed, raw in _rows(session, requests, ahead=limit is None):
        row = HelpRow.of(record_id, _payload(raw), first_at, names, device)
        row.versions, row.corrected = versions, changed
        yield row


COUNT_CAP = 50_000  # a month of a whole city is counted exactly; beyond this the page says "meer dan"


@dataclass
class Page:
    rows: Sequence[Row]
    total: int  # exact, or COUNT_CAP when there are more
    number: int  # 1-based
    pages: int | None  # None when there are more than COUNT_CAP
    has_next: bool

    @property
    def more(self) -> bool:
        return self.pages is None


def page_of(session: Session, viewer: Viewer, filters: RecordFilters, names: Names, number: int) -> Page:
    """Page `number` (kept within the pages there are) of the matching records, with their count
    up to COUNT_CAP."""
    total = count_records(session, viewer, filters, COUNT_CAP)
    pages = max(1, -(-total // PAGE_SIZE)) if total <= COUNT_CAP else None
    number = max(number, 1) if pages is None else min(max(number, 1), pages)
    rows = list(find_records(session, viewer, filters, names, (number - 1) * PAGE_SIZE, PAGE_SIZE + 1))
    return Page(rows[:PAGE_SIZE], min(total, COUNT_CAP), number, pages, len(rows) > PAGE_SIZE)


# --- one record and its history ------------------------------------------------------------------
@dataclass
class History:
    """A record's versions, oldest first, each with when it reached the server and the columns that
    differ from the version before."""

    latest: Row
    versions: list[tuple[Row, datetime, frozenset[str]]] = field(default_factory=list)

    def table(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """One line per column: its name and, per version, the text shown and whether it changed.
        Whether the request was corrected and how many versions it has are the chain's facts,
        said above the table, not per version."""
        columns = _columns(self.latest.kind)
        lines = []
        for index, column in enumerate(columns):
            if column in _NOT_COMPARED[:-1]:
                continue
            cells = [(_text(row.cells()[index]), column in changed) for row, _received, changed in self.versions]
            lines.append((column, cells))
        return lines


def _text(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, date) else str(value)


_NOT_COMPARED = labels.RECORD_HELP_COLUMNS[-3:]  # corrected, versions, id: facts of the chain, not of a version


def record_history(session: Session, viewer: Viewer, record_id: str, names: Names, device: str = "") -> History:
    """The history of the request that `record_id` (any of its versions) of `device` belongs to; without
    a device, of the first received with that id at a location the viewer sees (ids are per device,
    so another location's kiosk may hold the same id). An unknown id and another location's answer
    alike (Forbidden): ids cannot be probed."""
    query = select(StoredRecord).where(StoredRecord.id == record_id)
    if device:
        query = query.where(StoredRecord.device_id == device)
    if viewer.location_ids is not None:
        query = query.where(StoredRecord.location_id.in_(viewer.location_ids))
    stored = session.scalars(query.order_by(StoredRecord.received_at, StoredRecord.device_id).limit(1)).first()
    if stored is None or not viewer.sees(stored.location_id):
        raise Forbidden("location")
    if stored.kind == "shift":
        shift = ShiftRow.of(stored.id, json.loads(stored.payload), names, stored.device_id)
        return History(shift, [(shift, stored.received_at, frozenset())])
    chain = next(chain for chain in chains_of(linked_versions(session, [record_id]))
                 if any((version.id, version.device_id) == (record_id, stored.device_id) for version in chain))
    versions: list[tuple[Row, datetime, frozenset[str]]] = []
    previous: tuple[Any, ...] | None = None
    for version in chain:
        row = HelpRow.of(version.id, json.loads(version.payload), chain[0].occurred_at, names, version.device_id)
        cells = row.cells()
        changed = frozenset() if previous is None else frozenset(
            name for name, old, new in zip(labels.RECORD_HELP_COLUMNS, previous, cells, strict=True)
            if old != new and name not in _NOT_COMPARED)
        versions.append((row, version.received_at, changed))
        previous = cells
    return History(replace(row, versions=len(chain), corrected=corrected([json.loads(v.payload) for v in chain])),
                   versions)


# --- what the filters offer ----------------------------------------------------------------------
def helper_choices(session: Session, viewer: Viewer) -> list[tuple[str, str]]:
    """(id, name) of the helpers the viewer may filter on: those of their locations and the
    city-wide ones (no location of their own); every helper for a viewer of all locations."""
    helpers = session.execute(select(Helper.id, Helper.display_name).order_by(Helper.display_name)).all()
    if viewer.location_ids is None:
        return list(helpers)
    places: dict[str, set[str]] = {}
    for helper_id, location_id in session.execute(select(HelperLocation.helper_id, HelperLocation.location_id)):
        places.setdefault(helper_id, set()).add(location_id)
    return [(hid, name) for hid, name in helpers if hid not in places or places[hid] & viewer.location_ids]


def topic_choices(session: Session) -> list[tuple[str, str]]:
    """(code, label) of every topic the server knows, the removed ones last."""
    topics = session.scalars(select(Topic).order_by(Topic.active.desc(), Topic.sort_order, Topic.label_nl))
    return [(t.code, t.label_nl if t.active else f"{t.label_nl} (verwijderd)") for t in topics]


# --- downloads -----------------------------------------------------------------------------------
def _columns(kind: str) -> tuple[str, ...]:
    return labels.RECORD_HELP_COLUMNS if kind == "help_request" else labels.RECORD_SHIFT_COLUMNS


_WIDTHS = (11, 7, 24, 16, 20, 16, 30, 12, 10, 15, 20, 18, 20, 40, 13, 12, 13, 8, 38)


def to_csv(rows: Iterable[Row], kind: str) -> Iterator[bytes]:
    """UTF-8 with a byte order mark, so that Excel reads the accents right; yielded in pieces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write("\ufeff")
    writer.writerow(_columns(kind))
    for number, row in enumerate(rows, start=1):
        writer.writerow(row.cells())
        if number % 2000 == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def to_xlsx(rows: Iterable[Row], kind: str) -> Iterator[bytes]:
    """One sheet, streamed as it is written (export.stream_xlsx): a year stays quick and small."""
    return stream_xlsx(labels.RECORD_SHEETS[kind], _columns(kind), _WIDTHS, (row.cells() for row in rows), unique=1)
