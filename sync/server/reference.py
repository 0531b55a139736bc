"""Reference data (locations, helpers, topics, settings, schedules, notices) and the change log
kiosks pull from.

One change log for all kiosks; each page is cut for the device that asks: a kiosk receives only
the helpers who work at its location (or everywhere), and only its location's schedule and
notices. Any other helper's, schedule's or notice's change reaches it as a deletion, so a kiosk
drops a helper who leaves its location. Entities newer than protocol v1 (schedule, notice) go only
to a kiosk that asks for them: an older kiosk would refuse the page."""
from __future__ import annotations

import json

from pydantic import BaseModel
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sync.protocol import PER_LOCATION_ENTITIES, V1_REFERENCE_ENTITIES, ReferenceChange, ReferencePage
from sync.server.db import utcnow
from sync.server.models import Device, Helper, HelperLocation, NoticeLocation
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
    newest = session.scalar(select(func.max(ChangeRow.seq))) or 0
    if since > newest:
        since = 0  # a cursor from a server database that was restored or replaced: start over
    latest = (select(func.max(ChangeRow.seq))
              .where(ChangeRow.seq > since, ChangeRow.entity.in_(sorted(V1_REFERENCE_ENTITIES | extra)))
              .group_by(ChangeRow.entity, ChangeRow.key))
    rows = session.scalars(select(ChangeRow).where(ChangeRow.seq.in_(latest))
                           .order_by(ChangeRow.seq).limit(limit + 1)).all()
    page = rows[:limit]
    hidden: set[tuple[str, str]] = set()
    if device_id is not None:
        hidden = {("helper", key) for key in hidden_helpers(session, device_id,
                                                             [r.key for r in page if r.entity == "helper"])}
        for entity in PER_LOCATION_ENTITIES:
            hidden |= {(entity, key) for key in hidden_placed(session, device_id, entity,
                                                               [r.key for r in page if r.entity == entity])}
    return ReferencePage(
        server_time=utcnow(),
        cursor=page[-1].seq if page else since,
        has_more=len(rows) > limit,
        changes=[_for_device(r, hidden) for r in page],
    )


def _for_device(row: ChangeRow, hidden: set[tuple[str, str]]) -> ReferenceChange:
    if (row.entity, row.key) in hidden:
        return ReferenceChange(entity=row.entity, key=row.key, deleted=True)
    return ReferenceChange(entity=row.entity, key=row.key, deleted=row.deleted,
                           data=None if row.data is None else json.loads(row.data))


def hidden_helpers(session: Session, device_id: str, helper_ids: list[str]) -> set[str]:
    """Of `helper_ids`, those who do not work at the device's location (a helper without
    locations works everywhere; a device without a location sees only those)."""
    if not helper_ids:
        return set()
    location = session.scalar(select(Device.location_id).where(Device.id == device_id))
    placed = set(session.scalars(select(HelperLocation.helper_id).where(HelperLocation.helper_id.in_(helper_ids))
                                 .distinct()))
    here = set(session.scalars(select(HelperLocation.helper_id).where(HelperLocation.helper_id.in_(helper_ids),
                                                                      HelperLocation.location_id == location)))
    known = set(session.scalars(select(Helper.id).where(Helper.id.in_(helper_ids))))
    return (placed - here) | (set(helper_ids) - known)


def hidden_placed(session: Session, device_id: str, entity: str, keys: list[str]) -> set[str]:
    """Of these schedule keys (location ids) or notice keys, those not for the device's location:
    a kiosk holds only its own location's schedule and notices (sync/server/schedule.py)."""
    if not keys:
        return set()
    location = session.scalar(select(Device.location_id).where(Device.id == device_id))
    if entity == "schedule":
        return {key for key in keys if key != location}
    shown = set(session.scalars(select(NoticeLocation.notice_id).where(NoticeLocation.notice_id.in_(keys),
                                                                       NoticeLocation.location_id == location)))
    return set(keys) - shown
