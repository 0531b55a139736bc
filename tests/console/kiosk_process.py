"""A kiosk without its screens, as its own process: enroll with a code, let a helper log in with
their PIN, run a spreekuur with help requests (visitor codes from the key the server handed out),
corrections and cancellations, and sync. The real core API, secret store and sync engine; the
secret store is the documented file fallback, as on a kiosk without a key store. The kiosk's clock
follows the plan, so that a test knows every time it will find in the export.

    python -m tests.console.kiosk_process DATA_DIR SERVER_URL CODE HELPER_NAME PIN [PLAN_JSON]

PLAN_JSON: {"start": ISO time, "minutes": shift length, "stop": digibus stop,
            "requests": [{"topics": [...], "outcome": ..., "visitor": [initials, YYYY-MM-DD] | null,
                          "correct_topics": [...] (optional), "cancel": true (optional)}]}
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.core.clock import Clock
from kiosk.core.helplog import HelpRequestInput
from kiosk.core.runtime import bootstrap
from kiosk.core.secrets import SecretStore
from kiosk.core.visitor_code import VisitorCoder
from kiosk.sync.engine import SyncEngine
from kiosk.sync.status import guides_content

DEFAULT_PLAN = {"requests": [{"topics": ["itsme"], "outcome": "solved", "visitor": ["AB", "1950-03-01"]},
                             {"topics": ["itsme"], "outcome": "solved", "visitor": ["CD", "1988-07-14"]},
                             {"topics": ["itsme"], "outcome": "solved", "visitor": ["AB", "1950-03-01"]}]}


def main(data_dir: Path, url: str, code: str, helper_name: str, pin: str, plan: dict) -> dict:
    runtime = bootstrap(data_dir)
    secrets = SecretStore(data_dir, allow_file=True)
    engine = SyncEngine(runtime.store, secrets, content=guides_content(runtime.content.walkthroughs, runtime.guides))
    engine.enroll(url, code, "PC 1 bij de deur")
    first = engine.sync()  # pulls the helpers, the topics and the visitor-code key
    if first.error is not None:
        raise SystemExit(f"first sync failed: {first.error}")
    api = runtime.api
    now = datetime.fromisoformat(plan["start"]) if "start" in plan else api.clock.now()
    api.clock = Clock(lambda: now, api.clock.tz)
    helper_id = next(hid for hid, name in api.login_names() if name == helper_name)
    user = api.login(helper_id, pin).user
    context = api.shift_context(user)
    where = context.default_location_id or context.locations[0][0]
    api.start_shift(user, where, plan.get("stop") if context.needs_stop(where) else None)
    coder = VisitorCoder(secrets)
    saved = []
    for wanted in plan["requests"]:
        now += timedelta(minutes=10)
        visitor = wanted.get("visitor")
        code_of_visitor = coder.code(visitor[0], date.fromisoformat(visitor[1])) if visitor else None
        data = HelpRequestInput(topics=tuple(wanted["topics"]), channel="spreekuur", language="nl", duration_min=15,
                                outcome=wanted["outcome"], visitor_code=code_of_visitor)
        request_id = api.save_help_request(user, data)
        saved.append(request_id)
        if wanted.get("correct_topics"):
            now += timedelta(minutes=1)
            api.correct_help_request(user, request_id, replace(data, topics=tuple(wanted["correct_topics"])))
        if wanted.get("cancel"):
            now += timedelta(minutes=1)
            api.cancel_help_request(user, request_id)
    now = (datetime.fromisoformat(plan["start"]) + timedelta(minutes=plan["minutes"])) if "minutes" in plan \
        else now + timedelta(minutes=1)
    api.end_shift(user)
    outcome = engine.sync()
    runtime.close()
    if outcome.error is not None:
        raise SystemExit(f"sync failed: {outcome.error}")
    return {"saved": saved, "created": outcome.sent.created}


if __name__ == "__main__":
    args = sys.argv[1:]
    plan = json.loads(args[5]) if len(args) > 5 else DEFAULT_PLAN
    print(json.dumps(main(Path(args[0]), args[1], args[2], args[3], args[4], plan)))
