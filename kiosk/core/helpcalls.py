"""'Ik heb hulp nodig': a visitor's call for a digihelper on this kiosk.

A call records only which guide and step the visitor was on, never who they are. Calls stay on this
kiosk (they are not synced). A call nobody took for CALL_MAX_AGE is no longer shown: the visitor
has left or was helped without it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.store import Store
from kiosk.core.store.models import HelpCall
from sync.errors import DutchError

CALL_MAX_AGE = timedelta(hours=2)


class HelpCallError(DutchError):
    """A call cannot be taken; the message is Dutch, for the helper."""


@dataclass(frozen=True)
class CallInfo:
    id: str
    created_at: datetime
    walkthrough_id: str | None
    step_index: int | None


def _info(call: HelpCall) -> CallInfo:
    return CallInfo(call.id, call.created_at, call.walkthrough_id, call.step_index)


def create_call(store: Store, walkthrough_id: str | None, step_index: int | None, clock: Clock) -> CallInfo:
    with store.transaction() as session:
        call = HelpCall(id=str(uuid.uuid4()), created_at=clock.now(), walkthrough_id=walkthrough_id,
                        step_index=step_index)
        session.add(call)
        return _info(call)


def open_calls(session: Session, clock: Clock) -> list[CallInfo]:
    """Calls nobody has taken yet, oldest first (who waits longest is helped first)."""
    since = clock.now() - CALL_MAX_AGE
    return [_info(c) for c in session.scalars(select(HelpCall).where(HelpCall.taken_by.is_(None),
                                                                      HelpCall.created_at >= since)
                                               .order_by(HelpCall.created_at))]


def take_call(store: Store, call_id: str, user: StaffUser, clock: Clock) -> CallInfo:
    """Mark the call taken by `user`. Only one helper can take a call: the update only touches a
    call that is still open, so a second helper gets a clear message instead."""
    with store.transaction() as session:
        taken = cast("CursorResult[Any]", session.execute(  # an UPDATE's result has a rowcount
            update(HelpCall).where(HelpCall.id == call_id, HelpCall.taken_by.is_(None))
            .values(taken_by=user.id, taken_at=clock.now()))).rowcount
        if taken != 1:
            raise HelpCallError("Een collega heeft deze oproep al aangenomen.")
        return _info(session.get_one(HelpCall, call_id))
