"""Reference data (locations, helpers, topics, settings, schedules, notices) and the change log
kiosks pull from.

One change log for all kiosks; each page is cut for the device that asks: a kiosk receives only
the helpers who work at its location (or everywhere), and only its location's schedule and
notices. Any other helper's, schedule's or notice's change reaches it as a deletion, so a kiosk
drops a helper who leaves its location. Entities newer than protocol v1 (schedule, notice) go only
to a kiosk that asks for them: an older kiosk would refuse the page."""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence

from pydantic import AwareDatetime, BaseModel, TypeAdapter
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sync.protocol import (
    DEVICE_KEYED_ENTITIES,
    PER_LOCATION_ENTITIES,
    V1_REFERENCE_ENTITIES,
    ReferenceChange,
    ReferencePage,
)
from sync.server.callkeys import call_key_for_location
from sync.server.db import utcnow
from sync.server.models import Device, Helper, HelperLocation, LoanDevice, NoticeLocation, Workshop
from sync.server.models import ReferenceChange as ChangeRow


def record_change(session: Session, entity: str, key: str, data: BaseModel | None) -> None:
    """Append a change (data None = deleted) in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # A sequence hands out numbers at insert, not at commit: without this lock a reader could
        # see seq 11 committed while seq 10 is still open, move its cursor past 10 and never see
        # it. The lock (self-conflicting, readers unaffected) makes commit order follow seq order.
        # SQLite needs nothing: it has one writer at a time.
        session.execute(text("LOCK TABLE reference_changes IN SHARE ROW EXCLUSIVE MODE"))
    session.add(ChangeRow(entity=entity, key=key, deleted=data is None,
                          data=None if data is None else json.dumps(data.model_dump(mode="json")),
                          changed_at=utcnow()))


def reference_page(session: Session, since: int, limit: int, device_id: str | None = None,
                   extra: frozenset[str] = frozenset()) -> ReferencePage:
    """Changes after `since`, only the latest one per entity/key, in seq order, as the device
    `device_id` may see them (None: unfiltered, for tools). Entities newer than protocol v1 only
    when the kiosk asked for them (`extra`, from `?with=`)."""
    newest = session.scalar(_NEWEST) or 0
    if device_id is None:
        return _page(session, since, limit, extra, newest, filtered=False, location_id=None)
    location_id = session.scalar(select(Device.location_id).where(Device.id == device_id))
    return _page(session, since, limit, extra, newest, filtered=True, location_id=location_id)


_NEWEST = select(func.max(ChangeRow.seq))
_TIME = TypeAdapter(AwareDatetime)


class PageCache:
    """A kiosk's reference pages as the JSON it receives, per (location, since, limit, entities),
    kept while the change log has no newer change: every kiosk of a location pulling `since=0`,
    or the same cursor, gets the same page, so one process builds it once per change instead of
    ten queries per pull. A page depends on nothing else: every write that changes what a location
    sees (a helper's locations, a notice's, a device's or workshop's data) appends a change in the
    same transaction, and the change log's lock orders commits by seq, so a newer change than the
    page's is the only way it can be out of date. Only `server_time` differs per answer."""

    MAX_BYTES = 32 * 1024 * 1024  # at most 1,000 changes a page: a few big pages, or many small ones

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str | None, int, int, frozenset[str], int], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def page_json(self, session: Session, since: int, limit: int, location_id: str | None,
                  extra: frozenset[str]) -> bytes:
        """The page `reference_page` gives a device of `location_id`, serialised."""
        newest = session.scalar(_NEWEST) or 0
        key = (location_id, 0 if since > newest else since, limit, extra, newest)
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
        if body is None:
            page = _page(session, since, limit, extra, newest, filtered=True, location_id=location_id)
            body = page.model_dump_json(exclude={"server_time"}).encode()
            with self._lock:
                if key not in self._pages:
                    self._pages[key] = body
                    self._bytes += len(body)
                while self._bytes > self.MAX_BYTES and len(self._pages) > 1:
                    self._bytes -= len(self._pages.popitem(last=False)[1])
        return b'{"server_time":' + _TIME.dump_json(utcnow()) + b"," + body[1:]


def _page(session: Session, since: int, limit: int, extra: frozenset[str], newest: int, *, filtered: bool,
          location_id: str | None) -> ReferencePage:
    """The page after `since` (the change log's newest seq is `newest`); `filtered`: as a device of
    `location_id` (None: one without a location) may see it."""
    if since > newest:
        since = 0  # a cursor from a server database that was restored or replaced: start over
    latest = (select(func.max(ChangeRow.seq))
              .where(ChangeRow.seq > since, ChangeRow.entity.in_(sorted(V1_REFERENCE_ENTITIES | extra)))
              .group_by(ChangeRow.entity, ChangeRow.key))
    rows = session.scalars(select(ChangeRow).where(ChangeRow.seq.in_(latest))
                           .order_by(ChangeRow.seq).limit(limit + 1)).all()
    page = rows[:limit]
    hidden: set[tuple[str, str]] = set()
    if filtered:
        hidden = {("helper", key) for key in hidden_helpers(session, location_id,
                                                             [r.key for r in page if r.entity == "helper"])}
        for entity in PER_LOCATION_ENTITIES:
            hidden |= {(entity, key) for key in hidden_placed(session, location_id, entity,
                                                               [r.key for r in page if r.entity == entity])}
        devices = [r.key for r in page if r.entity in DEVICE_KEYED_ENTITIES]
        workshops = [r.key for r in page if r.entity == "workshop"]
        lending = hidden_by_location(session, location_id, devices, workshops)  # the location's own only
        hidden |= {(entity, key) for key in devices if key in lending for entity in DEVICE_KEYED_ENTITIES}
        hidden |= {("workshop", key) for key in workshops if key in lending}
    return ReferencePage(
        server_time=utcnow(),
        cursor=page[-1].seq if page else since,
        has_more=len(rows) > limit,
        changes=[_for_device(r, hidden) for r in page],
        call_key=call_key_for_location(session, location_id) if filtered else None,
    )


def _for_device(row: ChangeRow, hidden: set[tuple[str, str]]) -> ReferenceChange:
    if (row.entity, row.key) in hidden:
        return ReferenceChange(entity=row.entity, key=row.key, deleted=True)
    return ReferenceChange(entity=row.entity, key=row.key, deleted=row.deleted,
                           data=None if row.data is None else json.loads(row.data))


def hidden_helpers(session: Session, location: str | None, helper_ids: list[str]) -> set[str]:
    """Of `helper_ids`, those who do not work at `location` (a helper without locations works
    everywhere; a device without a location sees only those)."""
    if not helper_ids:
        return set()
    placed = set(session.scalars(select(HelperLocation.helper_id).where(HelperLocation.helper_id.in_(helper_ids))
                                 .distinct()))
    here = set(session.scalars(select(HelperLocation.helper_id).where(HelperLocation.helper_id.in_(helper_ids),
                                                                      HelperLocation.location_id == location)))
    known = set(session.scalars(select(Helper.id).where(Helper.id.in_(helper_ids))))
    return (placed - here) | (set(helper_ids) - known)


def hidden_placed(session: Session, location: str | None, entity: str, keys: list[str]) -> set[str]:
    """Of these schedule keys (location ids) or notice keys, those not for `location`: a kiosk
    holds only its own location's schedule and notices (sync/server/schedule.py)."""
    if not keys:
        return set()
    if entity == "schedule":
        return {key for key in keys if key != location}
    shown = set(session.scalars(select(NoticeLocation.notice_id).where(NoticeLocation.notice_id.in_(keys),
                                                                       NoticeLocation.location_id == location)))
    return set(keys) - shown


def hidden_by_location(session: Session, location_id: str | None, device_ids: Sequence[str],
                   workshop_ids: Sequence[str] = ()) -> set[str]:
    """Of the lending devices `device_ids` and planned `workshop_ids`, those a kiosk of
    `location_id` must not see (another location's)."""
    hidden: set[str] = set()
    for model, ids in ((LoanDevice, device_ids), (Workshop, workshop_ids)):
        if ids:
            here = set(session.scalars(select(model.id).where(model.id.in_(ids), model.location_id == location_id)))
            hidden |= set(ids) - here
    return hidden
