"""Server base: reference data and its change log, devices and enrollment codes, records.

Revision ID: s0001
Revises:
Create Date: 2026-11-23
"""
import json
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "locations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "helpers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "topics",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("label_nl", sa.String(120), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    changes = op.create_table(
        "reference_changes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("changed_at", _ts, nullable=False),
    )
    op.create_index("ix_reference_changes_entity_key", "reference_changes", ["entity", "key"])
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("enrolled_at", _ts, nullable=False),
        sa.Column("revoked_at", _ts, nullable=True),
        sa.Column("last_seen_at", _ts, nullable=True),
    )
    op.create_table(
        "enroll_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False),
        sa.Column("created_at", _ts, nullable=False),
        sa.Column("expires_at", _ts, nullable=False),
        sa.Column("used_at", _ts, nullable=True),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=True),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=False),
        sa.Column("received_at", _ts, nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("occurred_at", _ts, nullable=False),
        sa.Column("supersedes", sa.String(36), nullable=True),
    )
    op.create_index("ix_records_kind_occurred_at", "records", ["kind", "occurred_at"])

    # The installation's visitor-code key, made once here so every kiosk receives the same one.
    value = json.dumps(secrets.token_hex(32))
    op.bulk_insert(settings, [{"key": "visitor_code_key", "value": value}])
    now = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    op.bulk_insert(changes, [{"entity": "setting", "key": "visitor_code_key", "deleted": False,
                              "data": json.dumps({"value": json.loads(value)}), "changed_at": now}])


def downgrade() -> None:
    for table in ("records", "enroll_codes", "devices", "reference_changes", "settings", "topics",
                  "helpers", "locations"):
        op.drop_table(table)
