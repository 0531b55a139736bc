"""Lending: the devices of this kiosk's location and the loans made here; the planned workshops of
this location (reference data) and which of them this kiosk recorded.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loan_devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("tag", sa.String(40), nullable=False, index=True),
        sa.Column("device_kind", sa.String(30), nullable=False),
        sa.Column("serial", sa.String(80), nullable=False),
        sa.Column("model", sa.String(120), nullable=False),
        sa.Column("accessories", sa.JSON(), nullable=False),
        sa.Column("condition", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("open_loan_id", sa.String(36), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "loans",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False, index=True),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False),
        sa.Column("lent_at", sa.String(32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("accessories", sa.JSON(), nullable=False),
        sa.Column("eligibility", sa.String(24), nullable=False),
        sa.Column("contact_sealed", sa.Text(), nullable=True),
        sa.Column("returned_at", sa.String(32), nullable=True),
        sa.Column("return_condition", sa.String(16), nullable=True),
        sa.Column("accessories_back", sa.JSON(), nullable=True),
    )


    op.create_table(
        "workshops",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("topic", sa.String(120), nullable=False),
        sa.Column("starts_at", sa.String(32), nullable=False, index=True),
        sa.Column("location_id", sa.String(36), nullable=False),
        sa.Column("stop_name", sa.String(120), nullable=True),
        sa.Column("trainer", sa.String(120), nullable=False),
        sa.Column("max_places", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("recorded_id", sa.String(36), nullable=True),  # the attendance record made here
    )


def downgrade() -> None:
    op.drop_table("workshops")
    op.drop_table("loans")
    op.drop_table("loan_devices")
