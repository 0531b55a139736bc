"""The spreekuur schedule of each location (weekly hours, closed days, extra sessions, digibus
stops) and the notices for the kiosks' home screens.

Revision ID: s0010
Revises: s0007
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "s0010"
down_revision = "s0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedule_entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("start", sa.String(5), nullable=True),
        sa.Column("end", sa.String(5), nullable=True),
        sa.Column("address", sa.String(160), nullable=True),
    )
    op.create_index("ix_schedule_entries_location_id", "schedule_entries", ["location_id"])
    op.create_table(
        "notices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notice_locations",
        sa.Column("notice_id", sa.String(36), sa.ForeignKey("notices.id"), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("notice_locations")
    op.drop_table("notices")
    op.drop_index("ix_schedule_entries_location_id", "schedule_entries")
    op.drop_table("schedule_entries")
