"""Embedded defaults for `make run`: a demo location, a demo digihelper and the default topics."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from kiosk.core.accounts import create_helper
from kiosk.core.store import Store
from kiosk.core.store.models import Helper, Location, Topic
from sync.labels import DEFAULT_TOPICS

DEMO_HELPER_NAME = "Demo Digihelper"
DEMO_HELPER_PIN = "246810"  # printed in the README; only ever seeded with --demo
DEMO_LOCATIONS = (("Digipunt Bibliotheek (demo)", "fixed"), ("Digibus (demo)", "digibus"))

# Default topic list from the digibanken's common questions; the central server replaces it.


def seed_topics(store: Store) -> None:
    with store.transaction() as session:
        if session.scalar(select(Topic.code).limit(1)) is None:
            session.add_all(Topic(code=code, label_nl=label, sort_order=i, active=True)
                            for i, (code, label) in enumerate(DEFAULT_TOPICS))


def seed_demo(store: Store) -> None:
    """Add the demo location(s) and helper, once; never touches a store that already has helpers."""
    with store.transaction() as session:
        if session.scalar(select(Helper.id).limit(1)) is not None:
            return
        session.add_all(Location(id=str(uuid.uuid4()), name=name, kind=kind, active=True)
                        for name, kind in DEMO_LOCATIONS)
        create_helper(session, DEMO_HELPER_NAME, "coordinator", DEMO_HELPER_PIN)
