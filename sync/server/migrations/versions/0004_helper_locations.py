"""Helpers get locations, and set their own PIN with a one-time set-up code.

Revision ID: s0004
Revises: s0003
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("helpers") as batch:  # SQLite rebuilds the table
        batch.alter_column("pin_hash", existing_type=sa.String(255), nullable=True)
    op.create_table(
        "helper_locations",
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), primary_key=True),
    )
    op.create_table(
        "helper_setup_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False, index=True),
        sa.Column("created_at", _ts, nullable=False),
        sa.Column("expires_at", _ts, nullable=False),
        sa.Column("used_at", _ts, nullable=True),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("helper_setup_codes")
    op.drop_table("helper_locations")
    with op.batch_alter_table("helpers") as batch:
        batch.alter_column("pin_hash", existing_type=sa.String(255), nullable=False)
