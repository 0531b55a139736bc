"""Lending: per device, the latest returned loan whose borrower's contact the server still holds,
so that any kiosk of the location can have it erased on request (reference entity `loan_contact`).

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasable_loans",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("loan_id", sa.String(36), nullable=False),
        sa.Column("lent_at", sa.String(32), nullable=True),
        sa.Column("returned_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("erasable_loans")
