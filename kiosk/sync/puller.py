"""The puller: applies the server's reference data (locations, helpers, topics, settings) to the
kiosk's store. Each page and its cursor are written in ONE transaction, so the cursor is never
ahead of the data it covers (the CouchDB checkpoint rule): a crash means the page is fetched again.

Where it goes:
- locations, helpers, topics: the kiosk's tables, upserted by id/code. A deletion deactivates the
  row (records refer to it); a helper's local PIN lock-out state is kept until a new PIN arrives.
- settings: the meta table, key `setting.<name>`, value JSON; at its next start the kiosk uses them
  over its own settings.json (kiosk.core.settings.with_server_settings).
- the visitor-code key: the secret store (kiosk.core.visitor_code.install_key), never the database;
- the location's help-call key (`ReferencePage.call_key`): the secret store too.
  Every kiosk of the server gets the same key, so one visitor counts once across locations.
- this location's spreekuur schedule and notices (entities newer than protocol v1, asked for with
  `?with=`): the `schedules` and `notices` tables, replaced whole, deleted when withdrawn. The
  entities the cursor covers are stored with it; a kiosk that learned a new one starts over once.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import cast

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import lending
from kiosk.core.helpcalls import SERVER_CALL_KEY_NAME
from kiosk.core.secrets import SecretStore
from kiosk.core.store import Store, meta_keys
from kiosk.core.store.models import (
    Helper,
    Loan,
    LoanDevice,
    Location,
    Meta,
    Notice,
    OutboxEntry,
    Schedule,
    Topic,
    Workshop,
)
from kiosk.core.visitor_code import install_key
from kiosk.sync.client import ServerApi
from kiosk.sync.status import TransientError
from sync.protocol import (
    LENDING_PUBLIC_KEY,
    PER_LOCATION_ENTITIES,
    REFERENCE_DATA,
    REFERENCE_ENTITIES,
    V1_REFERENCE_ENTITIES,
    VISITOR_CODE_KEY,
    HelperData,
    LoanContactData,
    LoanDeviceData,
    NoticeData,
    ReferenceChange,
    ReferencePage,
    SettingData,
    WorkshopData,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 500
# What this kiosk asks for beyond protocol v1, and what its stored cursor must cover.
NEWER_ENTITIES = tuple(e for e in REFERENCE_ENTITIES if e not in V1_REFERENCE_ENTITIES)


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return None if row is None else row.value


def set_meta(session: Session, key: str, value: str | None) -> None:
    row = session.get(Meta, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def read_cursor(session: Session) -> int:
    """Where the next pull starts: 0 when the stored cursor does not cover every entity this
    kiosk now understands (it was updated), so what was published before arrives too."""
    covered = json.loads(get_meta(session, meta_keys.REFERENCE_ENTITIES) or "[]")
    if not set(NEWER_ENTITIES) <= set(covered):
        return 0
    return int(get_meta(session, meta_keys.REFERENCE_CURSOR) or 0)


class Puller:
    def __init__(self, store: Store, api: ServerApi, secrets: SecretStore | None = None, *,
                 page_size: int = PAGE_SIZE):
        self.store, self.api, self.secrets, self.page_size = store, api, secrets, page_size

    def pull(self, *, should_stop: Callable[[], bool] = lambda: False) -> int:
        """Fetch and apply pages until the server has no more; returns the changes applied."""
        applied = 0
        while True:
            with self.store.read() as session:
                since = read_cursor(session)
            page = self.api.reference(since, self.page_size, NEWER_ENTITIES)
            applied += self.apply(page, since)
            if not page.has_more or should_stop():
                return applied

    def apply(self, page: ReferencePage, since: int) -> int:
        try:
            parsed = [(c, None if c.deleted else REFERENCE_DATA[c.entity].model_validate(c.data))
                      for c in page.changes]
        except ValidationError as exc:
            raise TransientError("not-sync-server",
                                 f"reference data does not validate: {exc.error_count()} errors") from None
        if page.call_key:
            self._store_call_key(page.call_key)
        with self.store.transaction() as session:
            if read_cursor(session) != since:
                return 0  # applied meanwhile by someone else; the next pull continues from there
            for change, data in parsed:
                self._apply_one(session, change, data)
            set_meta(session, meta_keys.REFERENCE_CURSOR, str(page.cursor))
            set_meta(session, meta_keys.REFERENCE_ENTITIES, json.dumps(NEWER_ENTITIES))
        return len(parsed)

    def _apply_one(self, session: Session, change: ReferenceChange, data: BaseModel | None) -> None:
        key = change.key
        if change.entity == "setting":
            assert data is None or isinstance(data, SettingData)  # REFERENCE_DATA["setting"]
            if key == VISITOR_CODE_KEY:
                if data is not None:  # the server never withdraws it; the kiosk keeps its copy
                    self._store_visitor_key(data.value)
            elif key == LENDING_PUBLIC_KEY:  # public: the meta table is the right place
                set_meta(session, meta_keys.LENDING_PUBLIC_KEY, None if data is None else str(data.value))
            else:
                value = None if data is None else json.dumps(data.value)
                set_meta(session, meta_keys.SERVER_SETTING_PREFIX + key, value)
            return
        if change.entity in PER_LOCATION_ENTITIES:
            self._apply_placed(session, change.entity, key, data)
            return
        if change.entity == "workshop":
            assert data is None or isinstance(data, WorkshopData)
            _apply_workshop(session, key, data)
            return
        if change.entity == "loan_device":
            assert data is None or isinstance(data, LoanDeviceData)
            _apply_device(session, key, data)
            return
        if change.entity == "loan_contact":
            assert data is None or isinstance(data, LoanContactData)
            lending.apply_erasable(session, key, data)
            return
        models: dict[str, type[Location] | type[Helper] | type[Topic]] = {
            "location": Location, "helper": Helper, "topic": Topic}
        model = models[change.entity]
        row = cast("Location | Helper | Topic | None", session.get(model, key))  # an instance of `model`
        if data is None:
            if row is not None:
                row.active = False
            return
        if row is None:
            row = model(code=key) if model is Topic else model(id=key)
            if isinstance(row, Helper):
                row.failed_pins = 0
            session.add(row)
        elif isinstance(row, Helper) and isinstance(data, HelperData) and row.pin_hash != data.pin_hash:
            row.failed_pins, row.locked_until = 0, None  # a new PIN (a reset) ends a lock-out
        for name, value in data.model_dump().items():
            setattr(row, name, value)

    @staticmethod
    def _apply_placed(session: Session, entity: str, key: str, data: BaseModel | None) -> None:
        """A schedule or notice: replaced whole, or deleted (nothing refers to it)."""
        row = session.get(Schedule if entity == "schedule" else Notice, key)
        if row is not None:
            session.delete(row)
            session.flush()
        if data is None:
            return
        if isinstance(data, NoticeData):
            session.add(Notice(id=key, last_day=data.last_day, data=data.model_dump_json()))
        else:
            session.add(Schedule(location_id=key, data=data.model_dump_json()))

    def _store_call_key(self, key: str) -> None:
        """This location's help-call key (kiosk.core.helpcalls.location_key), written only when new."""
        if self.secrets is None:
            log.warning("no secret store: the location's call key from the server is not kept")
            return
        if self.secrets.get(SERVER_CALL_KEY_NAME) != key:
            self.secrets.set(SERVER_CALL_KEY_NAME, key)

    def _store_visitor_key(self, value: object) -> None:
        # Written before the page's transaction commits: if that commit fails the page comes again
        # and the same key is written again (idempotent).
        if self.secrets is None:
            log.warning("no secret store: the visitor-code key from the server is not kept")
            return
        try:
            key = bytes.fromhex(str(value))
            install_key(self.secrets, key)
        except ValueError:
            raise TransientError("not-sync-server", "the visitor-code key is not 32 bytes of hex") from None


def _apply_device(session: Session, key: str, data: LoanDeviceData | None) -> None:
    """A lending device of this location (a deletion: it left the location or was removed). The
    server's word wins, except that a loan made here and not yet known there stays "lent"."""
    row = session.get(LoanDevice, key)
    if data is None:
        if row is not None:
            row.status = "retired"
        return
    values = data.model_dump()
    values["location_id"] = str(data.location_id)
    values["open_loan_id"] = None if data.open_loan_id is None else str(data.open_loan_id)
    pending = session.scalar(select(Loan).join(OutboxEntry, OutboxEntry.record_id == Loan.id)
                             .where(Loan.device_id == key, Loan.returned_at.is_(None), OutboxEntry.state != "sent"))
    if pending is not None and data.open_loan_id is None and data.status == "available":
        values.update(status="lent", open_loan_id=pending.id, due_on=pending.due_on)
    if row is None:
        row = LoanDevice(id=key)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)


def _apply_workshop(session: Session, key: str, data: WorkshopData | None) -> None:
    """A planned workshop of this location (a deletion: it moved elsewhere); what this kiosk
    recorded for it stays."""
    row = session.get(Workshop, key)
    if data is None:
        if row is not None:
            row.cancelled = True
        return
    if row is None:
        row = Workshop(id=key)
        session.add(row)
    for name, value in data.model_dump().items():
        setattr(row, name, str(value) if name == "location_id" else value)
