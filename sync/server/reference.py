"""Reference data (locations, helpers, topics, settings) and the change log kiosks pull from."""
from __future__ import annotations

import json

from pydantic import BaseModel
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sync.protocol import ReferenceChange, ReferencePage
from sync.server.db import utcnow
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


def reference_page(session: Session, since: int, limit: int) -> ReferencePage:
    """Changes after `since`, only the latest one per entity/key, in seq order."""
    newest = session.scalar(select(func.max(ChangeRow.seq))) or 0
    if since > newest:
        since = 0  # a cursor from a server database that was restored or replaced: start over
    latest = (select(func.max(ChangeRow.seq)).where(ChangeRow.seq > since)
              .group_by(ChangeRow.entity, ChangeRow.key))
    rows = session.scalars(select(ChangeRow).where(ChangeRow.seq.in_(latest))
                           .order_by(ChangeRow.seq).limit(limit + 1)).all()
    page = rows[:limit]
    return ReferencePage(
        server_time=utcnow(),
        cursor=page[-1].seq if page else since,
        has_more=len(rows) > limit,
        changes=[ReferenceChange(entity=r.entity, key=r.key, deleted=r.deleted,
                                 data=None if r.data is None else json.loads(r.data)) for r in page],
    )
