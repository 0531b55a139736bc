"""The kiosk's local store: SQLite through SQLAlchemy 2, schema managed by Alembic."""
from kiosk.core.store.db import Store, open_store

__all__ = ["Store", "open_store"]
