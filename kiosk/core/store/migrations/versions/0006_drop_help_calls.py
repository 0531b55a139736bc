"""Help calls live in memory only (kiosk/core/helpcalls.py: never stored, withdrawn at the session's
reset): the table from the first design goes, with anything an old version left in it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("help_calls")


def downgrade() -> None:
    op.create_table(
        "help_calls",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("walkthrough_id", sa.String(40), nullable=True),
        sa.Column("step_index", sa.Integer(), nullable=True),
        sa.Column("taken_by", sa.String(36), sa.ForeignKey("helpers.id"), nullable=True),
        sa.Column("taken_at", sa.String(32), nullable=True),
    )
