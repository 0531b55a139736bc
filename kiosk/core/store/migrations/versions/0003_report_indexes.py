"""Indexes for the coordinator's day and month counts and the helper's list of today.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_help_requests_created_at", "help_requests", ["created_at"])
    op.create_index("ix_shifts_started_at", "shifts", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_shifts_started_at", "shifts")
    op.drop_index("ix_help_requests_created_at", "help_requests")
