"""The latest status report of each kiosk (POST /v1/status), for the console's kiosks page.

Revision ID: s0007
Revises: s0006
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "s0007"
down_revision = "s0006"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "device_status",
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), primary_key=True),
        sa.Column("received_at", _ts, nullable=False),
        sa.Column("report_version", sa.Integer, nullable=False),
        sa.Column("clock_offset_seconds", sa.Float, nullable=False),
        sa.Column("app_version", sa.String(64), nullable=True),
        sa.Column("content_version", sa.String(64), nullable=True),
        sa.Column("content_error", sa.String(200), nullable=True),
        sa.Column("schema_version", sa.String(64), nullable=True),
        sa.Column("records_waiting", sa.Integer, nullable=True),
        sa.Column("records_parked", sa.Integer, nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.Column("last_error_at", _ts, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("device_status")
