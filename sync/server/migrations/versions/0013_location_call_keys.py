"""A random help-call key per location, for its kiosks only (sync/server/callkeys.py); the help
calls enrolled kiosks report for the helpers' phone page (sync/server/helpcalls.py), and the
phone page's one-time codes and sessions (sync/server/phone.py).

Revision ID: s0013
Revises: s0009
Create Date: 2026-11-30

Kiosks used to derive their location's call key from the visitor-code key, which every kiosk of
the server holds, and the location id: any kiosk could compute another location's key. Every
existing location gets a random key here; new locations get theirs when they are made.
"""
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "s0013"
down_revision = "s0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "location_call_keys",
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "server_help_calls",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("location_id", sa.String(36), sa.ForeignKey("locations.id"), nullable=False, index=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("kiosk_name", sa.String(120), nullable=False),
        sa.Column("walkthrough_id", sa.String(64), nullable=True),
        sa.Column("step_index", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("taken_by", sa.String(36), nullable=True),
    )
    op.create_table(
        "helper_phone_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "helper_phone_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("helper_id", sa.String(36), sa.ForeignKey("helpers.id"), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    conn = op.get_bind()
    now = datetime.now(UTC)
    if conn.dialect.name == "sqlite":  # naive UTC there, as the UTCDateTime column type keeps it
        now = now.replace(tzinfo=None)
    for (location_id,) in conn.execute(sa.text("SELECT id FROM locations")).all():
        conn.execute(sa.text("INSERT INTO location_call_keys (location_id, key, created_at) VALUES (:l, :k, :t)"),
                     {"l": location_id, "k": secrets.token_hex(32), "t": now})


def downgrade() -> None:
    op.drop_table("helper_phone_sessions")
    op.drop_table("helper_phone_codes")
    op.drop_table("server_help_calls")
    op.drop_table("location_call_keys")
