"""The server stores a record's normal form as orjson writes it (`records.stored_json`), and kiosks
hash the standard encoder's `canonical_json` of the same form: the two texts must be the same, byte
for byte, for every record kind and any text a record can hold."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol import RECORD_KINDS, canonical_json, record_payload
from sync.server.records import _records, stored_json


# Any Unicode text each field's pattern lets through: every plane, every category but surrogates (a
# lone one is refused by the model; the fallback for it is checked below).
def _texts(excluded: str, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    characters = st.characters(codec=None, categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co", "Cn"),
                               exclude_characters=excluded)
    return st.text(characters, min_size=min_size, max_size=max_size)


_printable = _texts("".join(map(chr, range(0x20))) + "\x7f")  # PRINTABLE
_note_text = _texts("".join(chr(c) for c in range(0x20) if c not in (9, 10)) + "\x7f", max_size=280)  # NOTE_TEXT
_topic = st.text(st.characters(codec=None, categories=("L", "M", "N", "P", "S"), include_characters=" "),
                 min_size=1, max_size=40)  # str.isprintable()
_moments = st.datetimes(min_value=datetime(2020, 1, 2), max_value=datetime(2099, 12, 30),
                        timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-9,
                                                                                                       minutes=-30))]))
_ids = st.uuids(version=4).map(str)


@st.composite
def _payloads(draw: st.DrawFn) -> dict:
    """A payload of any record kind, its free text drawn from all of Unicode."""
    kind = draw(st.sampled_from(RECORD_KINDS))
    at = draw(_moments)
    payload: dict = {"id": draw(_ids), "kind": kind, "helper_id": draw(_ids), "location_id": draw(_ids),
                     "stop_name": draw(st.one_of(st.none(), _printable))}
    note = draw(st.one_of(st.none(), _note_text))
    if kind == "help_request":
        payload |= {"created_at": at.isoformat(), "channel": "walk-in", "language": "nl", "outcome": "solved",
                    "topics": draw(st.lists(_topic, min_size=1, max_size=3)), "note": note,
                    "duration_min": draw(st.integers(1, 600)), "supersedes": draw(st.one_of(st.none(), _ids)),
                    "visitor_code": draw(st.one_of(st.none(), st.just("ab" * 32)))}
    elif kind == "shift":
        payload |= {"started_at": at.isoformat(), "ended_at": (at + timedelta(hours=1)).isoformat(),
                    "auto_closed": draw(st.booleans())}
    elif kind == "loan_device":
        payload |= {"device_id": draw(_ids), "recorded_at": at.isoformat(), "tag": draw(_printable.filter(bool)),
                    "device_kind": "laptop", "serial": draw(_printable), "model": draw(_printable),
                    "accessories": ["charger", "case"]}
    elif kind == "loan":
        payload |= {"device_id": draw(_ids), "lent_at": at.isoformat(), "due_on": str(at.date() + timedelta(days=7)),
                    "eligibility": "other", "note": note,
                    "contact_sealed": draw(st.one_of(st.none(), st.just("c2VhbA")))}
    elif kind == "loan_return":
        payload |= {"loan_id": draw(_ids), "device_id": draw(_ids), "returned_at": at.isoformat(),
                    "condition": "good", "note": note}
    elif kind == "loan_extension":
        payload |= {"loan_id": draw(_ids), "extended_at": at.isoformat(), "due_on": str(date(2100, 1, 1))}
    elif kind == "loan_contact_erase":
        payload |= {"loan_id": draw(_ids), "erased_at": at.isoformat()}
    else:
        payload |= {"workshop_id": draw(_ids), "recorded_at": at.isoformat(), "held_at": at.isoformat(),
                    "attendees": draw(st.integers(0, 500)), "note": note}
    return payload


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_payloads())
def test_the_stored_text_is_the_canonical_json_of_every_record_kind(payload: dict) -> None:
    content = record_payload(_records.validate_python(payload))  # each field's text as its pattern allows
    assert stored_json(content) == canonical_json(content)


def test_every_kind_and_the_escapes_are_covered() -> None:
    """The strategy's kinds are all there are, and the texts that need escaping or are refused by
    orjson come out the same (written out here, so that a strategy change cannot drop them)."""
    assert set(RECORD_KINDS) == {"help_request", "shift", "loan_device", "loan", "loan_return", "loan_extension",
                                 "loan_contact_erase", "workshop_session"}
    for text in ['"', "\\", "\n\t", "\u2028\u2029", "é€😀", "\u00ad\ufeff", "\x7f", "\ud800", "</script>"]:
        content = {"note": text, "id": str(uuid.uuid4()), "z": [1, True, None], "a": {"b": text}}
        assert stored_json(content) == canonical_json(content)
    assert stored_json({"big": 2**70}) == canonical_json({"big": 2**70})  # beyond orjson's integers
