"""Summary tables: what the console and the reports read instead of every version of every record.

`help_request_heads` has one row per help request: its latest version's fields, dated by its first
version, with how many versions it has and whether it was corrected, keyed like `records` by the
latest version's (id, device). It is derived from `records` by the chain rule (`chains_of`, the one
reading of a request's versions, for the monthly report, the console and the benchmark's seeder
alike) and kept in the same transaction as the records it comes from:
- ingest (sync/server/records.py) and a quarantine restore call `refresh` with the ids they stored;
- migration s0008 and the benchmark's seeder build it from scratch (`head_rows` over every chain).

`refresh` re-derives every chain a stored id belongs to, whichever order its versions arrive in (a
correction before the version it corrects, or after), so the table always equals what `chains_of`
says of all of `records`; tests/test_summaries.py checks that against the direct computation.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol, cast
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Connection, String, Table, and_, any_, bindparam, delete, insert, select, text, union_all
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from sync.server.models import HelpRequestHead, StoredRecord, SummaryChange


class Version(Protocol):
    """A stored version of a help request, as VERSION_COLUMNS read it."""

    @property
    def id(self) -> str: ...
    @property
    def supersedes(self) -> str | None: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def payload(self) -> str: ...
    @property
    def device_id(self) -> str: ...
    @property
    def location_id(self) -> str: ...


VERSION_COLUMNS = (StoredRecord.id, StoredRecord.supersedes, StoredRecord.occurred_at, StoredRecord.received_at,
                   StoredRecord.payload, StoredRecord.device_id, StoredRecord.location_id)
HEADS = cast(Table, HelpRequestHead.__table__)
CHANGES = cast(Table, SummaryChange.__table__)
ZONE = ZoneInfo("Europe/Brussels")

# Topic codes are printable (sync.protocol), so this separator never occurs inside one: a filter
# on "\x1f<code>\x1f" is exact.
TOPIC_SEPARATOR = "\x1f"


def topics_text(codes: Iterable[str]) -> str:
    return TOPIC_SEPARATOR.join(["", *codes, ""])


def topic_codes(text: str) -> list[str]:
    return text.split(TOPIC_SEPARATOR)[1:-1]


def _key(version: Version) -> tuple[str, str]:
    return version.id, version.device_id


def chains_of(rows: Sequence[Version]) -> Iterator[tuple[Version, ...]]:
    """Every help request among `rows` as its versions, first to latest (a correction or a
    cancellation is a new version that supersedes the one before): a version that no other
    supersedes is a latest, and its chain follows `supersedes` back as far as `rows` go. Ids are
    scoped per device: when two devices hold the id a version supersedes, it supersedes the one of
    its own device, else the first received at its location (the server refuses a version that
    supersedes one of another location only). The result does not depend on the order of `rows`."""
    rows = sorted(rows, key=lambda r: (r.received_at, r.device_id))  # first received first
    holders: dict[tuple[str, str], list[Version]] = {}  # (location, id) -> its versions
    for row in rows:
        holders.setdefault((row.location_id, row.id), []).append(row)

    def previous(version: Version) -> Version | None:
        held = holders.get((version.location_id, version.supersedes or ""), [])
        return next((r for r in held if r.device_id == version.device_id), held[0] if held else None)

    superseded = {_key(before) for before in map(previous, rows) if before is not None}
    for latest in rows:
        if _key(latest) in superseded:
            continue
        chain = [latest]
        seen = {_key(latest)}
        while (before := previous(chain[-1])) is not None and _key(before) not in seen:
            chain.append(before)
            seen.add(_key(before))
        yield tuple(reversed(chain))


def _content(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in ("id", "supersedes", "status")}


def corrected(payloads: Sequence[dict[str, Any]]) -> bool:
    """Changed in anything but its status (a cancellation alone is no correction)."""
    if len(payloads) < 2:  # most requests: one version (a microsecond per head row)
        return False
    return any(_content(a) != _content(b) for a, b in zip(payloads, payloads[1:], strict=False))


def head_row(chain: tuple[Version, ...], parsed: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """`parsed`: payload texts already read (text -> what json.loads makes of it), not parsed again."""
    payloads = [_read(version.payload, parsed) for version in chain]
    latest = payloads[-1]
    return {"id": chain[-1].id, "device_id": chain[-1].device_id, "location_id": latest["location_id"],
            "occurred_at": chain[0].occurred_at,
            "helper_id": latest["helper_id"], "outcome": latest["outcome"], "channel": latest["channel"],
            "status": latest["status"], "topics": topics_text(latest["topics"]),
            "visitor_code": latest.get("visitor_code"), "versions": len(chain), "corrected": corrected(payloads)}


def _read(payload: str, parsed: Mapping[str, dict[str, Any]] | None) -> dict[str, Any]:
    found = parsed.get(payload) if parsed else None
    return found if found is not None else cast(dict[str, Any], json.loads(payload))


def head_rows(rows: Sequence[Version], parsed: Mapping[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    return [head_row(chain, parsed) for chain in _chains(rows)]


def _chains(rows: Sequence[Version]) -> Iterable[tuple[Version, ...]]:
    if not any(row.supersedes for row in rows):
        # Nothing supersedes anything: every version is a request of its own, as chains_of says
        # (a batch of new requests; tests/test_summaries.py checks the two agree).
        return [(row,) for row in sorted(rows, key=lambda r: (r.received_at, r.device_id))]
    return chains_of(rows)


_RECORDS = cast(Table, StoredRecord.__table__)
_LINK_COLUMNS = (*(_RECORDS.c[column.key] for column in VERSION_COLUMNS), _RECORDS.c.kind)


@functools.lru_cache(maxsize=64)
def _links_query(postgres: bool, by_id: bool, children: bool, others: int) -> Any:
    """One SELECT per link, as a UNION (PostgreSQL plans an OR of them as a scan of every help
    request), built once per shape with named parameters: `by_id`, `children`, and `mine<i>` with
    `device<i>` per other device. Building and keying the statement anew cost about three times the
    look-up itself on a sync's batch of 25 (bench/README.md, server_load). `column IN values` is, on
    PostgreSQL, `column = ANY(array)`, one parameter: an IN list of a batch's 500 ids is a query
    text that psycopg parses again on every batch (it caches only short ones), which cost more than
    the look-up itself."""
    def among(column: Any, name: str) -> ColumnElement[bool]:
        if postgres:
            return cast(ColumnElement[bool], column == any_(bindparam(name, type_=ARRAY(String))))
        return cast(ColumnElement[bool], column.in_(bindparam(name, expanding=True)))

    links = ([among(_RECORDS.c.id, "by_id")] if by_id else []) + (
        [among(_RECORDS.c.supersedes, "children")] if children else []) + [
        and_(among(_RECORDS.c.id, f"mine{i}"), _RECORDS.c.device_id != bindparam(f"device{i}")) for i in range(others)]
    return union_all(*(select(*_LINK_COLUMNS).where(link) for link in links))


def linked_versions(session: Session | Connection, ids: Collection[str],
                    known: Sequence[Version] = ()) -> list[Version]:
    """The stored help request versions with the ids `ids` (every device's) and `known` (versions
    at hand) with every version linked to them: the versions they supersede, those that supersede
    them, and every other device's version of the same id (which one a correction supersedes
    depends on all of them). `chains_of` over the result gives their requests exactly as over all
    of `records`. Chains are short: a few index look-ups; for new versions that correct nothing,
    one that finds nothing (what is at hand is not read again)."""
    found: dict[tuple[str, str], Version] = {_key(row): row for row in known}
    others: dict[str, set[str]] = {}  # device -> ids of its versions at hand: the other devices' to read
    for row in known:
        others.setdefault(row.device_id, set()).add(row.id)
    by_id = set(ids) | {row.supersedes for row in known if row.supersedes}
    children = set(ids) | {row.id for row in known}  # to read the versions that supersede these
    read_ids = {row.id for row in known}
    read_children: set[str] = set()
    bind = session if isinstance(session, Connection) else session.get_bind()
    postgres = bind.dialect.name == "postgresql"
    while by_id or children or others:
        query = _links_query(postgres, bool(by_id), bool(children), len(others))
        params: dict[str, Any] = {"by_id": sorted(by_id), "children": sorted(children)}
        for i, (device, mine) in enumerate(others.items()):
            params |= {f"mine{i}": sorted(mine), f"device{i}": device}
        # The kind is checked here, not in SQL: with `kind = ...` in the query, planner statistics a
        # little behind a growing table (the first minute after a burst of syncs) made PostgreSQL read
        # every help request through the kind index instead of looking the ids up.
        new = [row for row in session.execute(query, params).all()
               if row.kind == "help_request" and _key(row) not in found]
        found.update((_key(row), row) for row in new)
        read_ids |= by_id
        read_children |= children
        others = {}
        by_id = {row.id for row in new} | {row.supersedes for row in new if row.supersedes}
        by_id -= read_ids
        children = {row.id for row in new} - read_children
    return list(found.values())


def month_of(moment: datetime) -> str:
    """The calendar month (YYYY-MM, Europe/Brussels) reports file a moment under."""
    return moment.astimezone(ZONE).strftime("%Y-%m")


def months_of(moments: Iterable[datetime]) -> set[str]:
    """{month_of(m) for m in moments}, converted once per hour: Brussels is a whole number of hours
    from UTC, so its months begin on the hour and two moments of one UTC hour share their month."""
    hours = {int(moment.timestamp() // 3600): moment for moment in moments}
    return {month_of(moment) for moment in hours.values()}


class StoredVersion(NamedTuple):
    """A stored version as `head_rows` reads it (also what bench/console_seed.py builds)."""

    id: str
    supersedes: str | None
    occurred_at: datetime
    received_at: datetime
    payload: str
    device_id: str
    location_id: str


def versions(rows: Iterable[Mapping[str, Any]], device_id: str, received_at: datetime) -> list[StoredVersion]:
    """The help request versions among rows `device_id` stores (as `stored` takes them)."""
    return [StoredVersion(row["id"], row["supersedes"], row["occurred_at"], received_at, row["payload"], device_id,
                          row["location_id"]) for row in rows if row["kind"] == "help_request"]


def lone_heads(new: Iterable[Version],
               parsed: Mapping[str, dict[str, Any]] | None = None) -> dict[tuple[str, str], str]:
    """The head row each version has when it is a request of its own (nothing supersedes it and it
    supersedes nothing stored), as the heads INSERT's JSON, by (id, device). Ingest makes these
    before it takes the device's lock, and `refresh` uses those its look-up confirms: on one
    device's critical path, a batch of new requests then only looks up, inserts and commits."""
    return {_key(version): _head_json(head_row((version,), parsed)) for version in new}


def stored(session: Session | Connection, rows: Iterable[Mapping[str, Any]], device_id: str,
           received_at: datetime, parsed: Mapping[str, dict[str, Any]] | None = None,
           ready: Mapping[tuple[str, str], str] | None = None) -> None:
    """Keep the summary tables with records just stored by `device_id` (each with id, kind,
    location_id, occurred_at, supersedes and payload, as `records` has them), in the transaction
    that stored them: the head rows of their help requests are derived again, and every month whose
    figures they change is marked (`summary_changes`). `parsed`: payload texts the caller has read
    already (text -> json.loads of it); `ready`: `lone_heads` of (some of) them, on PostgreSQL."""
    rows = list(rows)
    months = refresh(session, versions(rows, device_id, received_at), parsed, ready)
    months |= months_of(row["occurred_at"] for row in rows if row["kind"] == "shift")
    if months:
        session.execute(insert(CHANGES), [{"month": month} for month in sorted(months)])


def refresh(session: Session | Connection, new: Sequence[Version],
            parsed: Mapping[str, dict[str, Any]] | None = None,
            ready: Mapping[tuple[str, str], str] | None = None) -> set[str]:
    """Re-derive the head rows of every help request that one of the `new` versions (just stored)
    belongs to; the months of the head rows replaced and written. `ready`: head rows as
    `lone_heads` made them (PostgreSQL only), used for the requests that are one version alone."""
    if not new:
        return set()
    known = linked_versions(session, (), new)
    fresh = {_key(row) for row in new}
    # Only the older versions can have a head row already. Every version of such an id is among
    # `known`, so the head rows of these ids are exactly those `known` replaces.
    older = sorted({row.id for row in known if _key(row) not in fresh})
    months = set()
    if older:
        months |= months_of(session.scalars(select(HEADS.c.occurred_at).where(HEADS.c.id.in_(older))))
        session.execute(delete(HEADS).where(HEADS.c.id.in_(older)))
    rows, framed, firsts = [], [], []
    for chain in _chains(known):
        made = ready.get(_key(chain[0])) if ready is not None and len(chain) == 1 else None
        if made is None:
            rows.append(head_row(chain, parsed))
        else:
            framed.append(made)
        firsts.append(chain[0].occurred_at)
    _insert_heads(session, rows, framed)
    return months | months_of(firsts)


# PostgreSQL: the rows travel as one JSON parameter, as records.py sends a batch (thousands of
# placeholders cost psycopg more than the insert itself).
_PG_INSERT = text("""
    INSERT INTO help_request_heads (id, device_id, location_id, occurred_at, helper_id, outcome, channel, status,
                                    topics, visitor_code, versions, corrected)
    SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS r(
        id text, device_id text, location_id text, occurred_at timestamptz, helper_id text, outcome text, channel text,
        status text, topics text, visitor_code text, versions int, corrected boolean)""")


def _head_json(row: dict[str, Any]) -> str:
    """orjson: a tenth of the time of json.dumps; the time as RFC 3339 (with its offset when it has one,
    as isoformat writes it), which PostgreSQL reads as a timestamptz."""
    return orjson.dumps(row).decode()


def _insert_heads(session: Session | Connection, rows: list[dict[str, Any]], framed: Sequence[str] = ()) -> None:
    """`framed`: more rows, already as `_head_json` (PostgreSQL only)."""
    if not rows and not framed:
        return
    bind = session if isinstance(session, Connection) else session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(_PG_INSERT, {"rows": "[" + ",".join([*framed, *map(_head_json, rows)]) + "]"})
    elif framed:
        raise ValueError("head rows framed as JSON are for PostgreSQL only")
    else:
        session.execute(insert(HEADS), rows)


def rebuild(conn: Session | Connection) -> None:
    """The head rows from scratch (migration s0008): every help request of `records`; no month
    summary is kept yet."""
    conn.execute(delete(HEADS))
    rows = head_rows(conn.execute(select(*VERSION_COLUMNS).where(StoredRecord.kind == "help_request")).all())
    for start in range(0, len(rows), 5000):
        _insert_heads(conn, rows[start:start + 5000])
