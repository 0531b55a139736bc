"""Announce to the kiosks, per lending device, its latest loan whose borrower's contact the server
still holds (reference entity `loan_contact`), so that any kiosk of the location can have it erased.
From now on `lending.publish_device` keeps it current; this covers the loans returned before.

Revision ID: s0020
Revises: s0008
Create Date: 2026-11-30
"""
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "s0020"
down_revision = "s0008"
branch_labels = None
depends_on = None


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)  # SQLite: naive UTC


def upgrade() -> None:
    from sync.protocol import LoanContactData  # the wire format: versions only add to it

    conn = op.get_bind()
    loans = sa.table("loans", sa.column("id"), sa.column("device_id"), sa.column("lent_at", sa.DateTime(timezone=True)),
                     sa.column("returned_at", sa.DateTime(timezone=True)), sa.column("contact_sealed"))
    latest: dict[str, Any] = {}
    for row in conn.execute(sa.select(loans).where(loans.c.device_id.is_not(None), loans.c.lent_at.is_not(None))
                            .order_by(loans.c.device_id, loans.c.lent_at.desc())):
        latest.setdefault(row.device_id, row)
    now = datetime.now(UTC)
    if conn.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    changes = sa.table("reference_changes", sa.column("entity"), sa.column("key"), sa.column("deleted"),
                       sa.column("data"), sa.column("changed_at", sa.DateTime(timezone=True)))
    rows = [{"entity": "loan_contact", "key": device_id, "deleted": False, "changed_at": now,
             "data": json.dumps(LoanContactData(loan_id=loan.id, lent_at=_utc(loan.lent_at),
                                                returned_at=_utc(loan.returned_at)).model_dump(mode="json"))}
            for device_id, loan in sorted(latest.items())
            if loan.returned_at is not None and loan.contact_sealed is not None]
    if rows:
        op.bulk_insert(changes, rows)


def downgrade() -> None:
    op.execute("DELETE FROM reference_changes WHERE entity = 'loan_contact'")
