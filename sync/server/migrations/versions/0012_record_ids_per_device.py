"""Record ids are scoped per device: the key of `records` becomes (id, device_id), and one content
is stored once per id (a unique index on id and content_hash).

Revision ID: s0012
Revises: s0010
Create Date: 2026-11-30

Until now the first device to send an id held it, so a kiosk could take an id that another kiosk
of its location had not sent yet and park that kiosk's record as a conflict for good. Existing rows
keep their ids and devices; every existing id is unique, so both new keys hold at once.
"""
import sqlalchemy as sa
from alembic import op

revision = "s0012"
down_revision = "s0010"
branch_labels = None
depends_on = None


def _records(key: list[str]) -> sa.Table:
    """The table as s0001 made it, with `key` as its primary key (SQLite's rebuild copies into it)."""
    _ts = sa.DateTime(timezone=True)
    return sa.Table(
        "records", sa.MetaData(),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=False),
        sa.Column("received_at", _ts, nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("occurred_at", _ts, nullable=False),
        sa.Column("supersedes", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint(*key, name="records_pkey"),
        sa.Index("ix_records_kind_occurred_at", "kind", "occurred_at"),
    )


def _primary_key(columns: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("records", recreate="always", copy_from=_records(columns)):
            pass  # SQLite rebuilds the table in the new shape
    else:
        op.drop_constraint("records_pkey", "records", type_="primary")
        op.create_primary_key("records_pkey", "records", columns)


def upgrade() -> None:
    _primary_key(["id", "device_id"])
    op.create_index("uq_records_id_content_hash", "records", ["id", "content_hash"], unique=True)


def downgrade() -> None:
    # Fails while two devices hold the same id: which record to drop is not a migration's choice.
    op.drop_index("uq_records_id_content_hash", "records")
    _primary_key(["id"])
