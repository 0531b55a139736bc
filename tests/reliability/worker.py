"""Kiosk-side processes of a reliability trial, killed with SIGKILL at random by the harness.

    python -m tests.reliability.worker write DATA_DIR QUOTA SEED
    python -m tests.reliability.worker send DATA_DIR URL TOKEN SEED CRASH_RATE

`write` saves help requests and shifts through the real help log until the store holds QUOTA
records (so a restarted writer goes on where the killed one stopped). `send` pushes the outbox
through the real Sender in a loop; with CRASH_RATE it also kills itself at the worst moments:
right before posting a batch, and after the server answered but before the answer is stored.
"""
from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from kiosk.core.accounts import StaffUser
from kiosk.core.clock import Clock
from kiosk.core.helplog import HelpRequestInput, save_help_request
from kiosk.core.shifts import end_shift, offered_locations, open_shift, start_shift
from kiosk.core.store import open_store
from kiosk.core.store.models import Helper, HelpRequest, Shift, Topic
from kiosk.sync.client import ServerApi, SyncError
from kiosk.sync.outbox import Sender, recover_inflight
from sync.protocol import CHANNELS, HELP_LANGUAGES, OUTCOMES


def committed_records(session) -> int:
    closed_shifts = session.scalar(select(func.count()).select_from(Shift).where(Shift.ended_at.is_not(None)))
    return session.scalar(select(func.count()).select_from(HelpRequest)) + closed_shifts


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
        if roll < 0.15:
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
