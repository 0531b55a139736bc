"""Lending: devices, and loans as the coordinator sees them (with the sealed borrower contact);
workshops as coordinators plan them (their attendance travels as workshop_session records).

Revision ID: s0011
Revises: s0013
Create Date: 2026-11-30

The records themselves stay in `records` (without the sealed contact); `loans` is what the records
of one loan add up to, whatever order they arrived in (sync/server/lending.py).
"""
import sqlalchemy as sa
from alembic import op

revision = "s0011"
down_revision = "s0013"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "loan_devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("tag", sa.String(40), nullable=False, index=True),
        sa.Column("device_kind", sa.String(30), nullable=False),
        sa.Column("serial", sa.String(80), nullable=False),
        sa.Column("model", sa.String(120), nullable=False),
        sa.Column("accessories", sa.Text(), nullable=False),
        sa.Column("condition", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False, index=True),
        sa.Column("recorded_at", _ts, nullable=True),
    )
    op.create_table(
        "loans",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=True, index=True),
        sa.Column("location_id", sa.String(36), nullable=True, index=True),
        sa.Column("helper_id", sa.String(36), nullable=True),
        sa.Column("lent_at", _ts, nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_set_at", _ts, nullable=True),
        sa.Column("accessories", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.String(24), nullable=True),
        sa.Column("visitor_code", sa.String(64), nullable=True),
        sa.Column("contact_sealed", sa.Text(), nullable=True),
        sa.Column("contact_erased_at", _ts, nullable=True),
        sa.Column("returned_at", _ts, nullable=True, index=True),
        sa.Column("return_condition", sa.String(16), nullable=True),
        sa.Column("accessories_back", sa.Text(), nullable=True),
        sa.Column("returns", sa.Integer(), nullable=False),
        sa.Column("conflict_resolved_at", _ts, nullable=True),
    )


    op.create_table(
        "workshops",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("topic", sa.String(120), nullable=False),
        sa.Column("starts_at", _ts, nullable=False, index=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False, index=True),
        sa.Column("stop_name", sa.String(120), nullable=True),
        sa.Column("trainer", sa.String(120), nullable=False),
        sa.Column("max_places", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workshops")
    op.drop_table("loans")
    op.drop_table("loan_devices")
