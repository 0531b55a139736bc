"""The location's spreekuur schedule and the home screen's notices, from the server.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedules",
        sa.Column("location_id", sa.String(36), primary_key=True),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_table(
        "notices",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_index("ix_notices_last_day", "notices", ["last_day"])


def downgrade() -> None:
    op.drop_index("ix_notices_last_day", "notices")
    op.drop_table("notices")
    op.drop_table("schedules")
