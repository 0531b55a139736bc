"""The UI's front door (kiosk/core/api.py), in plain pytest: the answers screens get are plain data,
and the domain defaults the screens used to decide (channel, place, digibus stop, who manages
helpers) are the core's."""
from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from kiosk.core.accounts import AccountError, HelperList, StaffUser
from kiosk.core.api import KioskApi
from kiosk.core.helplog import HelpRequestInput, default_channel
from kiosk.core.shifts import ShiftInfo
from kiosk.core.store import meta_keys, open_store
from kiosk.core.store.models import Location, Meta
from tests.staffdata import PIN

PLAIN = (str, int, float, bool, type(None), datetime)


def assert_plain(value, path="answer") -> None:
    """Frozen dataclasses, tuples and scalars all the way down: nothing tied to a session."""
    if isinstance(value, PLAIN):
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            assert_plain(item, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value):
        params = type(value).__dataclass_params__  # type: ignore[union-attr]  # not in typeshed's DataclassInstance
        assert params.frozen, f"{path}: {type(value).__name__} is not frozen"
        for f in dataclasses.fields(value):
            assert_plain(getattr(value, f.name), f"{path}.{f.name}")
    else:
        raise AssertionError(f"{path} is a {type(value).__module__}.{type(value).__name__}, not plain data")


@pytest.fixture
def api(store, clock):
    return KioskApi(store, clock.clock)


def new_request(**changes) -> HelpRequestInput:
    base = {"topics": ("email",), "channel": "walk-in", "language": "nl", "duration_min": 10, "outcome": "solved"}
    return HelpRequestInput(**{**base, **changes})


def add_meta(store, key: str, value: str) -> None:
    with store.transaction() as session:
        session.add(Meta(key=key, value=value))


def test_help_form_defaults_follow_the_helpers_shift(api, staff):
    walk_in = api.help_form(staff.helper)
    assert (walk_in.shift, walk_in.default_channel, walk_in.asks_location) == (None, "walk-in", True)
    assert (walk_in.default_language, walk_in.default_first_visit) == ("nl", "unknown")
    # The visitor's screen language is the help's, when the register knows it.
    assert [api.help_form(staff.helper, lang).default_language for lang in ("tr", "ar", "uk", "xx", None)] == [
        "tr", "ar", "uk", "nl", "nl"]
    assert walk_in.default_location_id is None  # two places and not enrolled: the helper chooses
    assert [code for code, _label in walk_in.topics][:1] and ("email", "E-mail") in walk_in.topics

    api.start_shift(staff.helper, staff.fixed, None)
    at_desk = api.help_form(staff.helper)
    assert ((at_desk.default_channel, at_desk.asks_location, at_desk.shift.place)
            == ("spreekuur", False, "Bib Kessel-Lo"))

    api.start_shift(staff.coordinator, staff.bus, "Markt")
    on_bus = api.help_form(staff.coordinator)
    assert (on_bus.default_channel, on_bus.asks_location) == ("digibus", False)
    for context in (walk_in, at_desk, on_bus):
        assert_plain(context)


def test_default_channel_rule(clock):
    def shift(kind: str) -> ShiftInfo:
        return ShiftInfo("id", "Plek", kind, None, clock.now, None, False)

    assert default_channel(None) == "walk-in"
    assert default_channel(shift("fixed")) == "spreekuur" and default_channel(shift("digibus")) == "digibus"


def test_the_preselected_place_is_the_enrolled_one_or_the_only_one(api, store, staff):
    assert api.help_form(staff.helper).default_location_id is None
    add_meta(store, meta_keys.LOCATION_ID, staff.bus)
    assert api.help_form(staff.helper).default_location_id == staff.bus
    assert api.shift_context(staff.helper).default_location_id == staff.bus


def test_the_only_active_place_is_preselected(api, store, staff):
    with store.transaction() as session:
        session.get(Location, staff.bus).active = False
    assert api.help_form(staff.helper).default_location_id == staff.fixed
    assert [loc_id for loc_id, _name, _kind in api.shift_context(staff.helper).locations] == [staff.fixed]


def test_shift_context_says_which_place_needs_a_stop_and_offers_recent_stops(api, staff, clock):
    context = api.shift_context(staff.helper)
    assert context.shift is None and context.needs_stop(staff.bus) and not context.needs_stop(staff.fixed)
    assert not context.needs_stop(None) and context.stops(staff.bus) == ()
    for stop in ("Markt", "Station", "Markt"):
        api.start_shift(staff.helper, staff.bus, stop)
        clock.advance(hours=1)
        api.end_shift(staff.helper)
    context = api.shift_context(staff.helper)
    assert context.stops(staff.bus) == ("Markt", "Station") and context.stops(staff.fixed) == ()
    assert_plain(context)
    running = api.start_shift(staff.helper, staff.bus, "Kerkplein")
    assert api.shift_context(staff.helper).shift == running
    assert api.menu_status(staff.helper).shift == running and api.menu_status(staff.helper).open_calls == 0


def test_save_correct_cancel_and_todays_list(api, staff):
    first = api.save_help_request(staff.helper, new_request(topics=("email", "itsme"), location_id=staff.fixed))
    today = api.todays_requests(staff.helper)
    assert_plain(today)
    [saved] = today.requests
    assert saved.id == first and today.topics_text(saved) == "E-mail, itsme"
    corrected = api.correct_help_request(staff.helper, first, new_request(duration_min=30))
    assert [r.id for r in api.todays_requests(staff.helper).requests] == [corrected]
    assert api.todays_requests(staff.coordinator).requests[0].data.duration_min == 30  # a coordinator sees all
    api.cancel_help_request(staff.helper, corrected)
    assert api.todays_requests(staff.helper).requests == ()
    figures = api.overview(2026, 11)
    assert_plain(figures)
    assert figures.figures.today.requests == 0 and figures.figures.waiting_to_sync == 3


def test_help_calls_through_the_api(api, staff):
    call, new, on_duty = api.call_for_help("taxonweb", 2, "PC 1")
    assert new and not on_duty and api.call_for_help("itsme", 0, "PC 1") == (call, False, False)
    assert api.open_calls() == (call,) and api.menu_status(staff.helper).open_calls == 1
    assert api.take_call(call.id, staff.helper).id == call.id
    assert api.open_calls() == () and api.taken_calls(staff.helper) == (call,)
    assert api.menu_status(staff.helper).taken_calls == 1
    api.call_registered(staff.helper, call.id)
    assert api.taken_calls(staff.helper) == ()


def test_accounts_through_the_api(api, store, staff):
    assert api.login_names() == ((staff.helper.id, "An Helper"), (staff.coordinator.id, "Cor Coördinator"))
    assert api.login(staff.helper.id, PIN).user == staff.helper
    assert not api.login(staff.helper.id, "000000").ok
    assert not api.needs_first_run() and api.helper_count() == 2
    with pytest.raises(AccountError, match="al ingesteld"):
        api.check_first_run_enrollment()
    listed = api.helpers()
    assert_plain(listed)
    assert [row.display_name for row in listed.rows] == ["An Helper", "Cor Coördinator"]
    assert listed.manageable_by(staff.coordinator) and not listed.manageable_by(staff.helper)
    assert not listed.manageable_by(None)
    added = api.add_helper(staff.coordinator, "Sara", "digihelper", "246813")
    api.reset_pin(staff.coordinator, added.id, "135792")
    api.deactivate(staff.coordinator, added.id)
    assert api.helper_count() == 2

    assert not api.is_enrolled() and api.server_url() is None
    add_meta(store, meta_keys.DEVICE_ID, "device-1")
    add_meta(store, meta_keys.SERVER_URL, "https://sync.example.org")
    assert api.is_enrolled() and api.server_url() == "https://sync.example.org"
    assert not api.helpers().manageable_by(staff.coordinator)  # the server manages them now


def test_first_run_through_the_api(data_dir, clock):
    store = open_store(data_dir)
    try:
        api = KioskApi(store, clock.clock)
        assert api.needs_first_run() and api.helper_count() == 0 and api.login_names() == ()
        api.check_first_run_enrollment()  # open: nothing raised
        user = api.create_first_coordinator("Cor", "482916", "Bib Leuven", "fixed")
        assert isinstance(user, StaffUser) and user.is_coordinator and not api.needs_first_run()
        assert api.helpers() == HelperList(False, api.helpers().rows)
    finally:
        store.close()
