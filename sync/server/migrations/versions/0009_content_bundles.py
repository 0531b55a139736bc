"""Signed guide bundles: published bundles, their files by hash, and guides uploaded in the console.

Revision ID: s0009
Revises: s0012
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "s0009"
down_revision = "s0012"
branch_labels = None
depends_on = None

_ts = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "content_bundles",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("manifest", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(200), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("published_at", _ts, nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
    )
    op.create_table(
        "content_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "content_drafts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("guide_id", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(64), nullable=False),
        sa.Column("uploaded_at", _ts, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("content_drafts")
    op.drop_table("content_blobs")
    op.drop_table("content_bundles")
