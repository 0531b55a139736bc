"""sync.protocol as the single definition of the wire format: the vocabularies are what the models
accept, and the sender's hand-framed batch body is byte for byte the model's own serialisation."""
from __future__ import annotations

import ast
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from kiosk.core.settings import LANGUAGES
from kiosk.core.store import open_store
from kiosk.sync.client import ServerApi
from kiosk.sync.outbox import Sender
from sync import protocol
from sync.protocol import (
    CHANNELS,
    HELP_REQUEST_VOCABULARIES,
    LOCATION_KINDS,
    MAX_BATCH_ITEMS,
    RECORD_KINDS,
    REFERENCE_DATA,
    REFERENCE_ENTITIES,
    ROLES,
    TEXT_SIZES,
    VISITOR_LANGUAGES,
    BatchItem,
    BatchRequest,
    HelperData,
    HelpRequestRecord,
    InvalidItem,
    LocationData,
    Record,
    SharedSettings,
    ShiftRecord,
)
from tests.sync_support import FakeServer, batch_ids, json_reply, outbox, queue

ROOT = Path(__file__).resolve().parents[1]
LOCATION = str(uuid.uuid4())
NOW = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def record(**fields) -> HelpRequestRecord:
    values = dict(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=LOCATION, created_at=NOW, channel="spreekuur",
                  topics=["itsme"], language="nl", duration_min=15, outcome="solved")
    return HelpRequestRecord(**(values | fields))


# --- one vocabulary, one definition -------------------------------------------------------------
@pytest.mark.parametrize("field", sorted(HELP_REQUEST_VOCABULARIES))
def test_a_help_request_accepts_exactly_its_vocabulary(field):
    many = field in ("referrals", "target_groups")  # lists of values
    for value in HELP_REQUEST_VOCABULARIES[field]:
        assert getattr(record(**{field: [value] if many else value}), field) == ([value] if many else value)
    if field == "language":  # an open code on the wire (a kiosk may offer a language a server does not know)
        return
    with pytest.raises(ValidationError):
        record(**{field: ["unheard-of"] if many else "unheard-of"})


def test_the_other_vocabularies_are_what_the_models_accept():
    assert tuple(get_args(model.model_fields["kind"].annotation)[0]
                                 for model in get_args(get_args(Record)[0])) == RECORD_KINDS
    assert set(REFERENCE_DATA) == set(REFERENCE_ENTITIES)
    for kind in LOCATION_KINDS:
        LocationData(name="x", kind=kind)
    for role in ROLES:
        HelperData(display_name="x", role=role, pin_hash="h")
    for language in VISITOR_LANGUAGES:
        SharedSettings(default_language=language)
    for size in TEXT_SIZES:
        SharedSettings(default_text_size=size)
    with pytest.raises(ValidationError):
        LocationData(name="x", kind="boat")
    assert tuple(LANGUAGES) == VISITOR_LANGUAGES  # the switcher's own names, one per interface language
    # A helper records the visitor's language with the same code (Dari: "fa", "Dari of Perzisch").
    assert set(VISITOR_LANGUAGES) <= set(protocol.HELP_LANGUAGES)


# --- the batch body -----------------------------------------------------------------------------
NOTES = [None, "Formulier ingevuld, daarna uitgelegd hoe je het opvolgt.", "Ça a marché: één attest, “gedrukt” ✓",
         "Укр мова · عربي · Türkçe · 🙂", 'aanhalingstekens " en \\ backslash', "regel\neen\ttab"]


def batches() -> list[list[HelpRequestRecord | ShiftRecord]]:
    help_requests: list[HelpRequestRecord | ShiftRecord]
    help_requests = [record(note=note, channel=CHANNELS[i % len(CHANNELS)], topics=["e-loket", "itsme"][: 1 + i % 2],
                            referrals=["digibuddy", "other"] if i % 2 else [], target_groups=["senior"],
                            visitor_code="ab" * 32 if i % 3 == 0 else None, first_visit="yes",
                            language="uk" if i % 2 else "nl", stop_name="Markt Kessel-Lo" if i == 2 else None)
                     for i, note in enumerate(NOTES)]
    shift = ShiftRecord(id=uuid.uuid4(), helper_id=uuid.uuid4(), location_id=LOCATION, started_at=NOW,
                        ended_at=NOW + timedelta(minutes=90), stop_name="Dorpsplein Wilsele")
    return [help_requests[:1], [shift], [*help_requests, shift]]


@pytest.mark.parametrize("index", range(3))
def test_the_senders_body_is_byte_equal_to_the_batch_request_model(data_dir, index):
    """The sender frames items around the saved payload text for speed (kiosk/sync/outbox.py); the
    server reads them with BatchRequest. Its bytes are exactly BatchRequest(...).model_dump_json()."""
    records = batches()[index]
    store = open_store(data_dir)
    queue(store, *records)
    saved = [(e.record_id, e.kind, e.content_hash, e.payload) for e in outbox(store).values()]
    server = FakeServer(lambda method, path, body: json_reply(200, {
        "protocol": 1, "server_time": datetime.now(UTC).isoformat(),
        "results": [{"id": i, "status": "created"} for i in batch_ids(body)]}))
    device_time = datetime(2026, 11, 10, 15, 4, 5, 123456, tzinfo=UTC)
    try:
        report = Sender(store, ServerApi(server.url, "token"), clock=lambda: device_time).send_pending()
    finally:
        server.close()
        store.close()
    assert report.created == len(records) and len(server.requests) == 1
    sent = server.requests[0][2]

    model = BatchRequest(device_time=device_time, items=[
        BatchItem(id=rid, kind=kind, content_hash=digest, payload=json.loads(payload))
        for rid, kind, digest, payload in saved]).model_dump_json().encode()
    assert sent == model
    if index == 2:
        assert "Ça a marché".encode() in sent and b"\\n" in sent  # raw UTF-8; line breaks escaped


def test_a_batch_request_answers_a_bad_item_on_its_own_and_refuses_one_without_an_id():
    good = {"id": str(uuid.uuid4()), "kind": "shift", "content_hash": "0" * 64, "payload": {}}
    bad = {"id": str(uuid.uuid4()), "kind": "help_request", "content_hash": "x"}
    request = BatchRequest.model_validate({"device_time": NOW.isoformat(), "items": [good, bad]})
    assert isinstance(request.items[0], BatchItem)
    assert isinstance(request.items[1], InvalidItem) and str(request.items[1].id) == bad["id"]
    assert "content_hash" in request.items[1].reason and "payload" in request.items[1].reason
    # a client cannot pass its own InvalidItem off: every raw item is judged as a BatchItem
    posing = {"id": str(uuid.uuid4()), "reason": "fine"}
    assert "fine" not in BatchRequest.model_validate({"device_time": NOW, "items": [posing]}).items[0].reason
    with pytest.raises(ValidationError, match="item 1 has no valid id"):
        BatchRequest.model_validate({"device_time": NOW, "items": [good, {"kind": "shift"}]})


def test_a_batch_of_good_items_reads_as_its_items_one_by_one_and_keeps_its_size_limit():
    # A sender's batch is validated in one call, not item by item: the same items, the same limit.
    items = [{"id": str(uuid.uuid4()), "kind": kind, "content_hash": "0" * 64, "payload": {"n": n}}
             for n, kind in enumerate(("shift", "help_request", "a-kind-of-a-later-version"))]
    request = BatchRequest.model_validate({"device_time": NOW, "items": items})
    assert request.items == [BatchItem.model_validate(item) for item in items]
    assert all(type(item) is BatchItem for item in request.items)
    with pytest.raises(ValidationError, match="at most 500 items"):
        BatchRequest.model_validate({"device_time": NOW, "items": items[:1] * (MAX_BATCH_ITEMS + 1)})


# --- nobody else spells out a vocabulary ----------------------------------------------------------
def spelled_out_vocabularies(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, vocabulary) of every tuple, list, set or Literal[...] holding two or more codes of one
    vocabulary of sync.protocol. Mappings keyed by codes (labels, per-size zoom...) are not lists."""
    vocabularies = {name: set(value) for name, value in vars(protocol).items()
                    if name.isupper() and isinstance(value, tuple | frozenset) and value
                    and all(isinstance(v, str) for v in value) and name != "SHARED_SETTINGS"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            texts = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            found += [(node.lineno, name) for name, codes in vocabularies.items() if len(texts & codes) >= 2]
    return found


def test_no_module_but_the_protocol_spells_out_a_vocabulary():
    assert spelled_out_vocabularies(ast.parse('CHANNELS = ("walk-in", "digibus")')) == [(1, "CHANNELS")]
    modules = [path for top in ("kiosk", "sync", "bench", "tests/reliability") for path in (ROOT / top).rglob("*.py")]
    assert len(modules) > 40
    found = [f"{path.relative_to(ROOT)}:{line} {name}" for path in modules if path != ROOT / "sync" / "protocol.py"
             for line, name in spelled_out_vocabularies(ast.parse(path.read_text(encoding="utf-8")))]
    assert not found, f"import these from sync.protocol instead: {found}"
