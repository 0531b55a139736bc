"""A kiosk without its screens, as its own process: enroll with a code, let a helper log in with
their PIN, save help requests (with visitor codes from the visitor-code key the server handed
out) and a shift, and sync. The real core API, secret store and sync engine; the secret store is
the documented file fallback, as on a kiosk without a key store.

    python -m tests.console.kiosk_process DATA_DIR SERVER_URL CODE HELPER_NAME PIN
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from kiosk.core.helplog import HelpRequestInput
from kiosk.core.runtime import bootstrap
from kiosk.core.secrets import SecretStore
from kiosk.core.visitor_code import VisitorCoder
from kiosk.sync.engine import SyncEngine

VISITORS = [("AB", date(1950, 3, 1)), ("CD", date(1988, 7, 14)), ("AB", date(1950, 3, 1))]  # two people


def main(data_dir: Path, url: str, code: str, helper_name: str, pin: str) -> dict:
    runtime = bootstrap(data_dir)
    secrets = SecretStore(data_dir, allow_file=True)
    engine = SyncEngine(runtime.store, secrets)
    engine.enroll(url, code, "PC 1 bij de deur")
    first = engine.sync()  # pulls the helpers, the topics and the visitor-code key
    if first.error is not None:
        raise SystemExit(f"first sync failed: {first.error}")
    api = runtime.api
    helper_id = next(hid for hid, name in api.login_names() if name == helper_name)
    user = api.login(helper_id, pin).user
    shift = api.shift_context(user)
    api.start_shift(user, shift.default_location_id or shift.locations[0][0], None)
    coder = VisitorCoder(secrets)
    saved = [api.save_help_request(user, HelpRequestInput(
        topics=("itsme",), channel="spreekuur", language="nl", duration_min=20, outcome="solved",
        visitor_code=coder.code(initials, born))) for initials, born in VISITORS]
    api.end_shift(user)
    outcome = engine.sync()
    runtime.close()
    if outcome.error is not None:
        raise SystemExit(f"sync failed: {outcome.error}")
    return {"saved": saved, "created": outcome.sent.created}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), *sys.argv[2:])))
