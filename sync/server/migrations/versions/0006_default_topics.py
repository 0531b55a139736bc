"""A new server starts with the default help-request topics (sync/labels.py), announced to kiosks.

Revision ID: s0006
Revises: s0005
Create Date: 2026-11-29

Only when the server has no topics yet: a server whose coordinators already made their own list
keeps it. Kiosks that enroll take the server's list as theirs (kiosk/sync/engine.py).
"""
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "s0006"
down_revision = "s0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sync.labels import DEFAULT_TOPICS  # the list as it is now

    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM topics")).scalar():
        return
    now = datetime.now(UTC)
    if conn.dialect.name == "sqlite":  # naive UTC there, as the UTCDateTime column type keeps it
        now = now.replace(tzinfo=None)
    topics = sa.table("topics", sa.column("code"), sa.column("label_nl"), sa.column("sort_order"), sa.column("active"))
    changes = sa.table("reference_changes", sa.column("entity"), sa.column("key"), sa.column("deleted"),
                       sa.column("data"), sa.column("changed_at", sa.DateTime(timezone=True)))
    op.bulk_insert(topics, [{"code": code, "label_nl": label, "sort_order": order, "active": True}
                            for order, (code, label) in enumerate(DEFAULT_TOPICS)])
    op.bulk_insert(changes, [{"entity": "topic", "key": code, "deleted": False, "changed_at": now,
                              "data": json.dumps({"label_nl": label, "sort_order": order, "active": True})}
                             for order, (code, label) in enumerate(DEFAULT_TOPICS)])


def downgrade() -> None:
    pass  # the topics stay: records may use them
