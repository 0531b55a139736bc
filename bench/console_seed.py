"""A city's three years of records, fast: the central server database of the console benchmark.

`seed(engine, end, help_requests=1_000_000)` fills a migrated server database with 40 locations
(34 fixed digipunten of very different sizes, 6 digibus stops), 8 digihelpers per location plus a
few city-wide ones, their shifts (2-3 helpers a day, 5 days a week at a fixed place, 4 stops a week
for a bus), and the help requests of those shifts, over the three years before `end`:
- topics from the default list, weighted (itsme and e-loket most), 1-3 per request;
- outcomes 70% solved, 20% partly, 10% not solved; a first visit, a language, referrals now and then;
- a visitor code on 65% of requests, from a population of about 150,000 people who mostly come back
  to their own place and come back several times a year (a few come weekly);
- 3% corrected once (another outcome or topic, a day later), 0.5% twice, 1.5% cancelled.

Every payload is what the server's ingest stores (the protocol's normalised canonical JSON, its
content hash), and the summary table is filled with the application's own chain rule
(`summaries.head_rows`). PostgreSQL gets the rows by COPY, SQLite by executemany. The database
remembers what it holds (table `bench_seed`), so a second run with the same parameters reuses it.
"""
from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Table, text
from sqlalchemy.schema import CreateIndex, DropIndex

from sync.labels import DEFAULT_TOPICS
from sync.protocol import canonical_json, hash_canonical
from sync.server.models import HelpRequestHead, StoredRecord
from sync.server.summaries import StoredVersion, head_rows

ZONE = ZoneInfo("Europe/Brussels")
VERSION = 3  # change when the data's shape changes: a cached database is then seeded again
LOCATIONS, FIXED = 40, 34
HELPERS_PER_LOCATION = 8
YEARS = 3
PEOPLE = 150_000
# weights by the protocol's codes (sync.protocol has the vocabularies)
CHANNEL_WEIGHTS = {"spreekuur": 6, "walk-in": 3, "home-visit": 1}  # a digibus stop: "digibus"
OUTCOME_WEIGHTS = {"solved": 7, "partly": 2, "not-solved": 1}
FIRST_VISIT_WEIGHTS = {"yes": 2, "no": 5, "unknown": 3}
LANGUAGE_WEIGHTS = {"nl": 80, "fr": 5, "en": 5, "ar": 4, "uk": 3, "tr": 3}
TOPIC_WEIGHTS = (18, 14, 9, 10, 12, 6, 10, 6, 5, 3, 4, 3, 4)
FIRST_NAMES = ("An", "Bart", "Chloé", "Dirk", "Els", "Fatima", "Geert", "Hanne", "Ilse", "Jan", "Karim", "Lies",
               "Marc", "Nadia", "Olga", "Pieter", "Rik", "Sofie", "Tom", "Veerle", "Wout", "Yusuf", "Zeynep")
TOWNS = ("Leuven", "Kessel-Lo", "Heverlee", "Wilsele", "Wijgmaal", "Wezemaal", "Herent", "Kortenberg", "Bertem",
         "Oud-Heverlee", "Lubbeek", "Holsbeek", "Rotselaar", "Tervuren", "Haacht", "Boortmeerbeek", "Keerbergen",
         "Tremelo", "Begijnendijk", "Aarschot", "Tienen", "Diest", "Zoutleeuw", "Landen", "Glabbeek", "Bierbeek")


def _stamp(moment: datetime) -> str:
    """As the protocol writes a UTC time (`moment` is in UTC)."""
    return moment.isoformat().replace("+00:00", "Z")


def _uuid(rng: random.Random) -> str:
    """A random version 4 UUID, as text."""
    h = f"{rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC << 60) | (0x4000 << 64) | (0x8 << 60):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def seeded(conn: Connection) -> dict[str, Any] | None:
    """What the database was seeded with, or None."""
    conn.execute(text("CREATE TABLE IF NOT EXISTS bench_seed (what TEXT NOT NULL)"))
    raw = conn.execute(text("SELECT what FROM bench_seed")).scalar()
    return json.loads(raw) if raw else None


def seed(engine: Engine, end: date, help_requests: int = 1_000_000, rng_seed: int = 13) -> dict[str, Any]:
    """Seed a migrated, empty server database (or reuse what an earlier identical call made);
    returns the description stored in `bench_seed` (counts, locations, the period)."""
    wanted = {"version": VERSION, "end": end.isoformat(), "requested": help_requests, "seed": rng_seed}
    with engine.begin() as conn:
        have = seeded(conn)
        if have is not None and all(have.get(k) == v for k, v in wanted.items()):
            return have
        if have is not None or conn.execute(text("SELECT count(*) FROM records")).scalar():
            raise RuntimeError("this database holds other records: seed an empty one")
    rng = random.Random(rng_seed)
    start = date(end.year - YEARS, end.month, end.day) + timedelta(days=1)
    city = _city(rng)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    # requests per helper-shift, so that the whole comes to `help_requests`
    weighted_shifts = sum(_shift_count(place, day) * place["weight"] for place in city["locations"] for day in days)
    per_shift = help_requests / weighted_shifts  # per shift of a place of weight 1
    counts = {"help_requests": 0, "versions": 0, "shifts": 0}
    indexes = [index for model in (StoredRecord, HelpRequestHead) for index in cast(Table, model.__table__).indexes]
    with engine.begin() as conn:
        _insert_city(conn, city, end)
        for index in indexes:  # built once at the end: much faster than row by row
            conn.execute(DropIndex(index))
        for place in city["locations"]:
            records, heads = _location_records(rng, city, place, days, per_shift, counts)
            _copy(conn, "records", records)
            _copy(conn, "help_request_heads", heads)
        for index in indexes:
            conn.execute(CreateIndex(index))
        wanted |= counts | {"locations": LOCATIONS, "start": start.isoformat()}
        conn.execute(text("INSERT INTO bench_seed (what) VALUES (:w)"), {"w": json.dumps(wanted)})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"))
    return wanted


def _city(rng: random.Random) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    for n in range(LOCATIONS):
        fixed = n < FIXED
        name = (f"Bibliotheek {TOWNS[n % len(TOWNS)]}" + (f" {n // len(TOWNS) + 1}" if n >= len(TOWNS) else "")
                if fixed else f"Digibus {n - FIXED + 1}")
        helpers = [_uuid(rng) for _ in range(HELPERS_PER_LOCATION)]
        # very different sizes: a central library sees ten times what a village digipunt sees
        locations.append({"id": _uuid(rng), "name": name, "kind": "fixed" if fixed else "digibus", "helpers": helpers,
                          "weight": rng.choice((0.4, 0.6, 0.8, 1.0, 1.0, 1.3, 1.8, 3.0)),
                          "device": _uuid(rng), "stops": [f"Markt {TOWNS[(n + k) % len(TOWNS)]}" for k in range(4)]})
    names = {h: f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}." for p in locations for h in p["helpers"]}
    return {"locations": locations, "helper_names": names}


def _shift_count(place: dict[str, Any], day: date) -> int:
    if place["kind"] == "fixed":
        return 0 if day.weekday() >= 5 else 2 + (day.toordinal() % 3 == 0)
    return 0 if day.weekday() >= 4 else 2


def _insert_city(conn: Connection, city: dict[str, Any], end: date) -> None:
    enrolled = datetime.combine(end, time(), UTC) - timedelta(days=365 * YEARS + 30)
    for place in city["locations"]:
        conn.execute(text("INSERT INTO locations (id, name, kind, active) VALUES (:id, :name, :kind, :a)"),
                     {"id": place["id"], "name": place["name"], "kind": place["kind"], "a": True})
        conn.execute(text("INSERT INTO devices (id, name, location_id, token_hash, enrolled_at) "
                          "VALUES (:id, :name, :loc, :token, :at)"),
                     {"id": place["device"], "name": f"pc {place['name']}", "loc": place["id"],
                      "token": hashlib.sha256(place["device"].encode()).hexdigest(), "at": enrolled})
        for helper in place["helpers"]:
            conn.execute(text("INSERT INTO helpers (id, display_name, role, pin_hash, active) "
                              "VALUES (:id, :name, 'helper', NULL, :a)"),
                         {"id": helper, "name": city["helper_names"][helper], "a": True})
            conn.execute(text("INSERT INTO helper_locations (helper_id, location_id) VALUES (:h, :l)"),
                         {"h": helper, "l": place["id"]})


_CODES = [hashlib.sha256(f"bench-person-{person}".encode()).hexdigest() for person in range(PEOPLE)]


def _person(rng: random.Random, place_index: int) -> str:
    """A visitor code: mostly someone of this place's own people, a few come often."""
    local = PEOPLE // LOCATIONS
    # skewed towards the place's regulars, who come back; one in ten from anywhere in the city
    return _CODES[place_index * local + int(local * rng.random() ** 2.2) if rng.random() < 0.9
                  else rng.randrange(PEOPLE)]


# The canonical JSON (sorted keys, no spaces) of a normalised help request, written directly: a
# million json.dumps calls would be most of the seeding time. _check_template proves it the same.
_HELP_JSON = ('{{"channel":"{channel}","created_at":"{created_at}","duration_min":{duration_min},'
              '"first_visit":"{first_visit}","helper_id":"{helper_id}","id":"{id}","kind":"help_request",'
              '"language":"{language}","location_id":"{location_id}","note":{note},"outcome":"{outcome}",'
              '"referrals":{referrals},"shift_id":"{shift_id}","status":"{status}","stop_name":{stop_name},'
              '"supersedes":{supersedes},"target_groups":{target_groups},"topics":{topics},'
              '"visitor_code":{visitor_code}}}')
_JSON_FIELDS = ("note", "referrals", "stop_name", "supersedes", "target_groups", "topics", "visitor_code")


def _help_json(payload: dict[str, Any]) -> str:
    return _HELP_JSON.format_map(payload | {k: json.dumps(payload[k], separators=(",", ":"), ensure_ascii=False)
                                            for k in _JSON_FIELDS})


def _check_template(payload: dict[str, Any]) -> None:
    if _help_json(payload) != canonical_json(payload):
        raise AssertionError("the seeder's JSON template differs from the protocol's canonical JSON")


def _location_records(rng: random.Random, city: dict[str, Any], place: dict[str, Any], days: list[date],
                      per_shift: float, counts: dict[str, int]) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    place_index = city["locations"].index(place)
    topics = [code for code, _label in DEFAULT_TOPICS]
    records: list[tuple[Any, ...]] = []
    versions: list[StoredVersion] = []
    device = place["device"]
    channels, channel_weights = tuple(CHANNEL_WEIGHTS), list(accumulate(CHANNEL_WEIGHTS.values()))
    firsts, first_weights = tuple(FIRST_VISIT_WEIGHTS), list(accumulate(FIRST_VISIT_WEIGHTS.values()))
    languages, language_weights = tuple(LANGUAGE_WEIGHTS), list(accumulate(LANGUAGE_WEIGHTS.values()))
    outcomes, outcome_weights = tuple(OUTCOME_WEIGHTS), list(accumulate(OUTCOME_WEIGHTS.values()))
    topic_weights = list(accumulate(TOPIC_WEIGHTS))

    def store(kind: str, body: str, record_id: str, occurred: datetime, supersedes: str | None = None) -> None:
        received = occurred + timedelta(minutes=rng.randrange(1, 90))
        records.append((record_id, kind, hash_canonical(body), body, device, received, place["id"], occurred,
                        supersedes))
        if kind == "help_request":
            versions.append(StoredVersion(record_id, supersedes, occurred, received, body, device, place["id"]))

    for day in days:
        for shift_number in range(_shift_count(place, day)):
            helper = rng.choice(place["helpers"])
            begin = datetime.combine(day, time(9 + 4 * (shift_number % 2), 0), ZONE).astimezone(UTC)
            finish = begin + timedelta(hours=3, minutes=rng.choice((0, 15, 30, 45)))
            stop = place["stops"][day.weekday() % 4] if place["kind"] == "digibus" else None
            shift = {"auto_closed": rng.random() < 0.03, "ended_at": _stamp(finish), "helper_id": helper,
                     "id": _uuid(rng), "kind": "shift", "location_id": place["id"], "started_at": _stamp(begin),
                     "stop_name": stop}
            store("shift", canonical_json(shift), shift["id"], begin)
            counts["shifts"] += 1
            seconds = int((finish - begin).total_seconds())
            n = int(rng.expovariate(1 / (per_shift * place["weight"])) + rng.random())  # mean: per_shift * weight
            for _ in range(n):
                created = begin + timedelta(seconds=rng.randrange(seconds))
                payload = {
                    "channel": "digibus" if stop else rng.choices(channels, cum_weights=channel_weights)[0],
                    "created_at": _stamp(created), "duration_min": rng.choice((5, 10, 15, 20, 20, 30, 30, 45, 60)),
                    "first_visit": rng.choices(firsts, cum_weights=first_weights)[0],
                    "helper_id": helper, "id": _uuid(rng), "kind": "help_request",
                    "language": rng.choices(languages, cum_weights=language_weights)[0],
                    "location_id": place["id"], "note": "Komt terug met de brief." if rng.random() < 0.05 else None,
                    "outcome": rng.choices(outcomes, cum_weights=outcome_weights)[0],
                    "referrals": ["digibuddy"] if rng.random() < 0.05 else [], "shift_id": shift["id"],
                    "status": "active", "stop_name": stop, "supersedes": None,
                    "target_groups": ["senior"] if rng.random() < 0.3 else [],
                    "topics": sorted(set(rng.choices(topics, cum_weights=topic_weights,
                                                     k=rng.choice((1, 1, 1, 2, 2, 3))))),
                    "visitor_code": _person(rng, place_index) if rng.random() < 0.65 else None}
                if not records:
                    _check_template(payload)
                store("help_request", _help_json(payload), payload["id"], created)
                counts["help_requests"] += 1
                counts["versions"] += 1
                later = created
                for change in _changes(rng):
                    later += timedelta(hours=rng.randrange(1, 48))
                    payload = payload | {"id": _uuid(rng), "supersedes": payload["id"], "created_at": _stamp(later)}
                    if change == "cancel":
                        payload["status"] = "cancelled"
                    elif rng.random() < 0.5:
                        payload["outcome"] = rng.choice(outcomes)
                    else:
                        payload["topics"] = sorted({*payload["topics"], rng.choice(topics)})
                    store("help_request", _help_json(payload), payload["id"], later, payload["supersedes"])
                    counts["versions"] += 1
    return records, head_rows(versions)


def _changes(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.025:
        return ["correct"]
    if roll < 0.03:
        return ["correct", "correct"]
    if roll < 0.04:
        return ["cancel"]
    if roll < 0.045:
        return ["correct", "cancel"]
    return []


_COLUMNS = {
    "records": ("id", "kind", "content_hash", "payload", "device_id", "received_at", "location_id", "occurred_at",
                "supersedes"),
    "help_request_heads": ("id", "device_id", "location_id", "occurred_at", "helper_id", "outcome", "channel",
                           "status", "topics", "visitor_code", "versions", "corrected"),
}


def _tuples(table: str, rows: list[Any]) -> Iterator[tuple[Any, ...]]:
    if table == "records":
        yield from rows
    else:
        columns = _COLUMNS[table]
        for row in rows:
            yield tuple(row[c] for c in columns)


def _copy(conn: Connection, table: str, rows: list[Any]) -> None:
    columns = _COLUMNS[table]
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in _tuples(table, rows):
                copy.write_row(row)
        return
    naive = [tuple(v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v for v in row)
             for row in _tuples(table, rows)]  # as SQLAlchemy stores the UTCDateTime column on SQLite: naive UTC
    marks = ", ".join("?" * len(columns))
    conn.connection.driver_connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", naive)
