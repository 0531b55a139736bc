"""Kiosk-side processes of a reliability trial, killed with SIGKILL at random by the harness.

    python -m tests.reliability.worker write DATA_DIR QUOTA SEED
    python -m tests.reliability.worker send DATA_DIR URL TOKEN SEED CRASH_RATE

`write` saves help requests, shifts, lending records (devices, loans with a sealed contact,
extensions, returns, contact erasures) and workshop attendance (the workshops the server planned;
recording one again is a correction) through the real help log, lending register and workshops until the
store holds QUOTA records (so a restarted writer goes on where the killed one stopped). `send` pushes the outbox
through the real Sender in a loop; with CRASH_RATE it also kills itself at the worst moments:
right before posting a batch, and after the server answered but before the answer is stored.
"""
from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from kiosk.core import lending, workshops
from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.helplog import HelpRequestInput, save_help_request
from kiosk.core.shifts import end_shift, offered_locations, open_shift, start_shift
from kiosk.core.store import open_store
from kiosk.core.store.models import Helper, OutboxEntry, Topic
from kiosk.sync.client import ServerApi, SyncError
from kiosk.sync.outbox import Sender, recover_inflight
from sync.protocol import ACCESSORIES, CHANNELS, DEVICE_CONDITIONS, ELIGIBILITY_BASES, HELP_LANGUAGES, OUTCOMES

DEVICES = 3  # per kiosk


def committed_records(session) -> int:
    """Every record has its outbox entry (an open shift is not a record yet)."""
    return session.scalar(select(func.count()).select_from(OutboxEntry))


def lending_step(store, user: StaffUser, clock: Clock, rng: random.Random, prefix: str) -> None:
    """One lending action on a random device of this kiosk: register it, lend, extend, erase the
    contact, or take it back."""
    tag = f"{prefix}-{rng.randrange(DEVICES)}"
    with store.read() as session:
        known = {d.tag: d for d in lending.devices(session)}
    device = known.get(tag)
    if device is None:
        lending.register_device(store, user, tag, "laptop", clock, accessories=("charger",))
    elif device.status == "available":
        due = clock.today() + timedelta(days=rng.randint(7, 30))
        lending.lend(store, user, lending.LoanInput(
            tag=tag, due_on=due, eligibility=rng.choice(ELIGIBILITY_BASES), contact_name=f"Ontlener {rng.random()}",
            contact_phone=f"04{rng.randrange(10**8):08d}", accessories=tuple(rng.sample(ACCESSORIES, 1))), clock)
    else:
        roll = rng.random()
        if roll < 0.2:
            lending.extend_loan(store, user, tag, clock.today() + timedelta(days=40), clock)
        elif roll < 0.35 and device.open_loan_id:
            lending.erase_contact(store, user, device.open_loan_id, clock)
        else:
            lending.return_device(store, user, tag, rng.choice(DEVICE_CONDITIONS), (), clock)


def workshop_step(store, user: StaffUser, clock: Clock, rng: random.Random) -> None:
    """Record the attendance of a workshop held here, with a few visitor codes."""
    with store.read() as session:
        held = workshops.to_record(session, clock)
    attendees = rng.randint(0, 20)
    codes = {f"{rng.getrandbits(256):064x}" for _ in range(rng.randint(0, min(attendees, 3)))}
    workshops.record_session(store, user, rng.choice(held).id, attendees, clock, visitor_codes=tuple(codes))


def write(data_dir: Path, quota: int, seed: int) -> int:
    rng = random.Random(seed)
    store = open_store(data_dir)
    clock = Clock()
    with store.read() as session:
        helper = session.scalars(select(Helper)).first()
        location = offered_locations(session)[0]  # the kiosk's own: the server takes no other
        topics = list(session.scalars(select(Topic.code)))
    user = StaffUser.of(helper)
    while True:
        with store.read() as session:
            if committed_records(session) >= quota:
                return 0
            shift_open = open_shift(session, user.id) is not None
        roll = rng.random()
        if roll < 0.3:
            lending_step(store, user, clock, rng, data_dir.name)
        elif roll < 0.4:
            workshop_step(store, user, clock, rng)
        elif roll < 0.55:
            if shift_open:
                end_shift(store, user, clock)
            else:
                start_shift(store, user, location.id, rng.choice(["Markt", "Kerkplein"]), clock)
        else:
            data = HelpRequestInput(topics=tuple(rng.sample(topics, rng.randint(1, 2))), channel=rng.choice(CHANNELS),
                                    language=rng.choice(HELP_LANGUAGES), duration_min=rng.choice((5, 15, 30)),
                                    outcome=rng.choice(OUTCOMES), location_id=location.id)
            save_help_request(store, user, data, clock)
        time.sleep(rng.uniform(0, 0.02))


def send(data_dir: Path, url: str, token: str, seed: int, crash_rate: float) -> int:
    rng = random.Random(seed)
    if crash_rate:
        _arm_crash_points(rng, crash_rate)
    store = open_store(data_dir)
    recover_inflight(store)  # what a real kiosk does at start-up
    api = ServerApi(url, token, timeout=(2.0, 5.0))
    while True:
        try:
            Sender(store, api, max_items=rng.choice((5, 20, 100))).send_pending()
            time.sleep(rng.uniform(0.02, 0.1))
        except SyncError:
            time.sleep(rng.uniform(0.02, 0.2))  # the real service backs off for seconds to minutes


def _arm_crash_points(rng: random.Random, rate: float) -> None:
    original_post, original_settle = ServerApi.post_batch, Sender._settle

    def post_batch(self, body):
        if rng.random() < rate:
            os._exit(137)  # killed while the batch is inflight, before it was sent
        return original_post(self, body)

    def settle(self, batch, response, report):
        if rng.random() < rate:
            os._exit(137)  # the server committed, the acknowledgement is lost with the process
        return original_settle(self, batch, response, report)

    ServerApi.post_batch, Sender._settle = post_batch, settle  # type: ignore[method-assign]  # fault injection


def main(argv: list[str]) -> int:
    command, data_dir = argv[0], Path(argv[1])
    if command == "write":
        return write(data_dir, int(argv[2]), int(argv[3]))
    if command == "send":
        return send(data_dir, argv[2], argv[3], int(argv[4]), float(argv[5]))
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
