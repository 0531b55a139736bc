"""The overview page's figures: this month, the last 12 months, and the people reached in a
subsidy period, for the locations the viewer may see. Counting rules are the export's
(`export.figures_between`), so the console and the monthly report always agree.

At a million records: this month and the subsidy period's distinct people are read from the
summary table help_request_heads (indexes on time, place and visitor code); the 11 months before
come from summary_months, computed once per month and again only after a change to that month."""
from __future__ import annotations

import base64
import hashlib
import json
import secrets
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import pygal
from pygal.style import Style
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.console.auth import Viewer
from sync.server.console.web import ZONE
from sync.server.export import (
    LocationFigures,
    codes_new_to_help,
    figures_between,
    month_bounds,
    not_cancelled,
    people_between,
    people_outside,
)
from sync.server.lending import access_between
from sync.server.models import HelpRequestHead, SummaryChange, SummaryMonth, SummaryPeople
from sync.server.workshops import skills_between

# The Flemish Digibanken subsidy's steps: distinct people reached in the subsidy period.
SUBSIDY_THRESHOLDS = (1000, 1500, 1750)
MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
CHART_STYLE = Style(background="white", plot_background="white", foreground="#1f2937", foreground_strong="#111827",
                    foreground_subtle="#6b7280", colors=("#1d4ed8", "#047857", "#b45309"), font_family="sans-serif",
                    label_font_size=13, major_label_font_size=13, value_font_size=12, title_font_size=15)


@dataclass
class MonthPoint:
    label: str
    help_requests: int
    volunteer_hours: float
    people: int


@dataclass
class Overview:
    month_label: str
    this_month: list[LocationFigures]  # per visible location, total last
    trend: list[MonthPoint]
    trend_chart: str  # base64 SVG
    period_start: date
    period_end: date
    period_people: int
    thresholds: list[tuple[int, bool]] = field(default_factory=list)  # (threshold, reached)
    problems: list[str] = field(default_factory=list)


PERIOD_PROBLEM = "Kies een periode met een begin- en einddatum (jjjj-mm-dd), het einde na het begin."


def parse_period(start: str, end: str, default_start: date, default_end: date) -> tuple[date, date, str]:
    """A date range typed in a form (jjjj-mm-dd, either may be empty for its default), and a Dutch
    problem when it is no range (then the defaults)."""
    try:
        first = date.fromisoformat(start) if start else default_start
        last = date.fromisoformat(end) if end else default_end
    except ValueError:
        return default_start, default_end, PERIOD_PROBLEM
    if last < first:
        return default_start, default_end, PERIOD_PROBLEM
    return first, last, ""


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[first day's start, the day after the last day's start) in Europe/Brussels: the last day included."""
    return datetime.combine(first, time(), ZONE), datetime.combine(last + timedelta(days=1), time(), ZONE)


def _month_start(year: int, month: int) -> datetime:
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=ZONE)


def overview_figures(session: Session, viewer: Viewer, now: datetime, start: str, end: str) -> Overview:
    local = now.astimezone(ZONE)
    problems = []
    this_start = _month_start(local.year, local.month)
    places = viewer.location_ids
    this_month = figures_between(session, this_start, _month_start(local.year, local.month + 1), places,
                                 breakdown=False)

    firsts = [_month_start(local.year, local.month - back) for back in range(11, 0, -1)]
    past = past_months(session, [f"{first:%Y-%m}" for first in firsts])
    # distinct over several locations is no sum of theirs: counted for these locations, in one read
    several = people_by_month(session, [*firsts, this_start], places) if places and len(places) > 1 else []
    trend = []
    for index, (first, month) in enumerate(zip(firsts, past.values(), strict=True)):
        seen = [figures for location_id, figures in month["places"].items() if viewer.sees(location_id)]
        if places is None:
            people = month["people"]
        elif len(places) == 1:
            people = seen[0][2] if seen else 0
        else:
            people = several[index]
        trend.append(MonthPoint(f"{MONTHS_NL[first.month - 1]} {first.year}", sum(f[0] for f in seen),
                                round(sum(f[1] for f in seen) / 3600, 2), people))
    total = this_month[-1]
    trend.append(MonthPoint(f"{MONTHS_NL[local.month - 1]} {local.year}", total.help_requests, total.volunteer_hours,
                            total.people))

    # the subsidy period: a date range, by default this calendar year
    period_start, period_end, problem = parse_period(start, end, date(local.year, 1, 1), local.date())
    problems += [problem] if problem else []
    # people reached under all three objectives: help, lending (access) and workshops (skills)
    bounds = period_bounds(period_start, period_end)
    others = access_between(session, *bounds, places).visitor_codes | \
        skills_between(session, *bounds, places).visitor_codes
    people = period_people(session, period_start, period_end, places, this_start) + \
        codes_new_to_help(session, *bounds, places, others)
    return Overview(month_label=f"{MONTHS_NL[local.month - 1]} {local.year}", this_month=this_month, trend=trend,
                    trend_chart=_trend_chart(trend), period_start=period_start, period_end=period_end,
                    period_people=people, thresholds=[(t, people >= t) for t in SUBSIDY_THRESHOLDS], problems=problems)


def period_people(session: Session, first: date, last: date, location_ids: Collection[str] | None,
                  this_month: datetime) -> int:
    """Distinct people from `first` to `last` (days included) at `location_ids`, exactly. The
    period's whole months before `this_month` rarely change: their distinct count is kept
    (summary_people, valid while summary_months has the versions it was counted from); only the
    codes of the rest that those months lack are counted at each request."""
    start, end = period_bounds(first, last)
    months = []
    month = start if first.day == 1 else _month_start(first.year, first.month + 1)
    while (after := _month_start(month.year, month.month + 1)) <= min(end, this_month):
        months.append(month)
        month = after
    if len(months) < 2:
        return people_between(session, start, end, location_ids)
    kept_start, kept_end = months[0], _month_start(months[-1].year, months[-1].month + 1)
    names = [f"{m:%Y-%m}" for m in months]
    versions = hashlib.sha256(" ".join(m.get("version", "") for m in past_months(session, names).values())
                              .encode()).hexdigest()
    places = "*" if location_ids is None else hashlib.sha256(" ".join(sorted(location_ids)).encode()).hexdigest()
    key = f"{names[0]}..{names[-1]}|{places[:64]}"
    row = session.get(SummaryPeople, key)
    if row is None or row.versions != versions:
        people = people_between(session, kept_start, kept_end, location_ids)
        _upsert(session, SummaryPeople, {"key": key, "versions": versions, "people": people})
    else:
        people = row.people
    return people + people_outside(session, start, end, kept_start, kept_end, location_ids)


def _upsert(session: Session, model: type[SummaryMonth] | type[SummaryPeople], values: dict[str, Any]) -> None:
    """Insert or replace a summary row (two requests may compute the same one at once)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    key = next(iter(values))
    session.execute(dialect.insert(model).values(**values)
                    .on_conflict_do_update(index_elements=[key], set_={k: v for k, v in values.items() if k != key}))


def past_months(session: Session, months: list[str]) -> dict[str, dict[str, Any]]:
    """Each month's figures over all locations, {"places": {location id: [help requests, volunteer
    seconds, people]}, "people": distinct over all}, from summary_months. A month that a
    summary_changes row names, or that was never kept, is computed again (export.figures_between)
    and kept. The changes are read before the records: a batch stored meanwhile leaves its own
    change row, so the next reader computes that month again."""
    changes: dict[str, list[int]] = {}
    for change_id, month in session.execute(select(SummaryChange.id, SummaryChange.month)
                                            .where(SummaryChange.month.in_(months))):
        changes.setdefault(month, []).append(change_id)
    kept = dict(session.execute(select(SummaryMonth.month, SummaryMonth.figures)
                                .where(SummaryMonth.month.in_(months))).all())
    result: dict[str, dict[str, Any]] = {}
    for month in months:
        if month in kept and month not in changes:
            result[month] = json.loads(kept[month])
            continue
        figures = figures_between(session, *month_bounds(month), breakdown=False)
        result[month] = {"places": {f.location_id: [f.help_requests, f.volunteer_seconds, f.people]
                                    for f in figures[:-1]}, "people": figures[-1].people,
                         "version": secrets.token_hex(8)}  # a new one each time: summary_people follows it
        _upsert(session, SummaryMonth, {"month": month, "figures": json.dumps(result[month])})
        if month in changes:
            session.execute(delete(SummaryChange).where(SummaryChange.id.in_(changes[month])))
    return result


def people_by_month(session: Session, bounds: list[datetime], location_ids: Collection[str]) -> list[int]:
    """Distinct visitor codes of the counted help requests at `location_ids` between each two
    consecutive `bounds` (one read of those locations' rows, by their index)."""
    heads = HelpRequestHead
    codes: list[set[str | None]] = [set() for _ in bounds[1:]]
    for when, code in session.execute(select(heads.occurred_at, heads.visitor_code).where(
            heads.location_id.in_(location_ids), heads.occurred_at >= bounds[0], heads.occurred_at < bounds[-1],
            not_cancelled(heads), heads.visitor_code.is_not(None))):
        codes[bisect_right(bounds, when) - 1].add(code)
    return [len(month) for month in codes]


def _trend_chart(trend: list[MonthPoint]) -> str:
    return _bars_by_month(tuple((point.label.split()[0], point.help_requests, point.people) for point in trend))


@lru_cache(maxsize=32)  # drawing takes pygal ~25 ms; the same figures give the same chart
def _bars_by_month(points: tuple[tuple[str, int, int], ...]) -> str:
    top = max([n for _label, requests, people in points for n in (requests, people)] + [1])
    step = max(1, -(-top // 5))  # whole numbers: these are counts
    chart = pygal.Bar(js=[], style=CHART_STYLE, width=560, height=300, show_legend=True, legend_at_bottom=True,
                      x_label_rotation=0, print_values=False, margin=10, truncate_label=-1,
                      y_labels=list(range(0, top + step, step)), show_minor_y_labels=False)
    chart.x_labels = [label for label, _requests, _people in points]
    chart.add("hulpvragen", [requests for _label, requests, _people in points])
    chart.add("mensen met een hulpvraag", [people for _label, _requests, people in points])
    return base64.b64encode(chart.render()).decode()


def bars_chart(names: list[str], values: list[int], series: str) -> str:
    """Horizontal bars, one per name (a topic...), the first on top, as base64 SVG; the page shows
    the same numbers in a table beside it."""
    top = max([*values, 1])
    step = max(1, -(-top // 5))
    chart = pygal.HorizontalBar(js=[], style=CHART_STYLE, width=560, height=max(160, 60 + 34 * len(values)),
                                show_legend=False, print_values=False, margin=10, truncate_label=40,
                                y_labels=list(range(0, top + step, step)))  # (show_minor_y_labels would hide the names)
    chart.x_labels = names[::-1]  # pygal draws the first at the bottom
    chart.add(series, values[::-1])
    return base64.b64encode(chart.render()).decode()
