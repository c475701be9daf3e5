"""One calendar for ages and durations (issue 10, binding): anniversaries, periods, total over years
1–9999."""

from __future__ import annotations

import calendar
import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from proa_policy import load_policies
from proa_policy.expr.functions import FarDate, add_days, anniversary, months_between, years_between

from ..conftest import dossier, failing

POLICIES = load_policies()
NOT_PRIORITY = {"employee__job_seeker_over_one_year": False, "employee__social_minima_or_cui": False,
                "employee__birth_date": "1980-01-01"}
PRIORITY = {"employee__job_seeker_over_one_year": True}
DAY = dt.timedelta(days=1)


def restated_anniversary(day: dt.date, months: int) -> tuple[int, int, int]:
    """Independent restatement, as (year, month, day) so that years past 9999 stay exact:
    the same day n months later, else the 1st of the following month."""
    year, month = day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1
    if day.day <= calendar.monthrange(2000 + (year % 400), month)[1]:
        return year, month, day.day
    return (year + 1, 1, 1) if month == 12 else (year, month + 1, 1)


def _ymd(day: dt.date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _next(day: dt.date) -> tuple[int, int, int]:
    return (10000, 1, 1) if day == dt.date.max else _ymd(day + DAY)


def whole_months(start: dt.date, end: dt.date) -> int:
    """How many whole months [start, end] covers: the largest n with anniversary(start, n) - 1 day <= end."""
    n = 0
    while restated_anniversary(start, n + 1) <= _next(end):
        n += 1
    return n


@pytest.mark.parametrize("start, months, bound, expected", [
    ("2022-01-10", 6, "min", "2022-07-09"),
    ("2022-01-10", 12, "max", "2023-01-09"),
    ("2022-08-31", 6, "min", "2023-02-28"),
    ("2023-08-31", 6, "min", "2024-02-29"),
    ("2024-02-29", 12, "max", "2025-02-28"),
    ("2024-02-29", 36, "max_priority", "2027-02-28"),
    ("2022-03-01", 12, "max", "2023-02-28"),
    ("2022-03-31", 6, "min", "2022-09-30"),
])
def test_the_listed_examples_hold(start, months, bound, expected):
    """The examples of issue 10: the end is the anniversary minus one day, and the rules agree at the
    boundary."""
    first = dt.date.fromisoformat(start)
    assert add_days(anniversary(first, months), -1) == dt.date.fromisoformat(expected)
    extra = PRIORITY if bound == "max_priority" else NOT_PRIORITY
    rule = {
        "min": "art4.duration_min",
        "max": "art4.duration_max",
        "max_priority": "art4.duration_max_priority",
    }[bound]
    name = {"min": "earliest_end_date", "max": "latest_end_date", "max_priority": "latest_end_date_priority"}[
        bound
    ]
    on = POLICIES.evaluate(dossier(pro_a__start_date=start, pro_a__end_date=expected, **extra))
    assert on.computed[name] == dt.date.fromisoformat(expected) and rule not in failing(on)
    beyond = dt.date.fromisoformat(expected) + (DAY if bound != "min" else -DAY)
    off = POLICIES.evaluate(dossier(pro_a__start_date=start, pro_a__end_date=beyond.isoformat(), **extra))
    assert rule in failing(off)


def test_ages_complete_on_the_anniversary():
    """Born on 29 February: the year completes on 1 March in common years, like every anniversary."""
    assert years_between(dt.date(2004, 2, 29), dt.date(2022, 2, 28)) == 17
    assert years_between(dt.date(2004, 2, 29), dt.date(2022, 3, 1)) == 18
    assert years_between(dt.date(2000, 1, 31), dt.date(2026, 1, 30)) == 25


@given(st.dates(), st.integers(-120, 500))
def test_anniversary_agrees_with_its_restatement_over_the_whole_range(day, months):
    expected = restated_anniversary(day, months)
    got = anniversary(day, months)
    if expected[0] > 9999:
        assert isinstance(got, FarDate) and got > dt.date.max and got.ymd == expected  # later than every date
    elif expected[0] >= 1:
        assert _ymd(got) == expected


def _dates(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    return st.one_of(st.dates(low, high), st.just(low), st.just(high))


@st.composite
def periods(draw, span_days: int = 1200) -> tuple[dt.date, dt.date]:
    start = draw(
        st.one_of(
            st.dates(dt.date(2021, 5, 12), dt.date(9999, 12, 31)),
            st.dates(dt.date(9996, 1, 1), dt.date(9999, 12, 31)),
            st.sampled_from([dt.date(2022, 8, 31), dt.date(2024, 2, 29), dt.date(2023, 1, 31)]),
        )
    )
    days = draw(st.integers(-3, span_days))
    end = dt.date.fromordinal(min(start.toordinal() + days, dt.date.max.toordinal()))
    return start, end


@settings(max_examples=300, deadline=None)
@given(periods())
def test_duration_min_fails_exactly_when_fewer_than_6_whole_months_are_covered(period):
    start, end = period
    decision = POLICIES.evaluate(dossier(pro_a__start_date=start.isoformat(), pro_a__end_date=end.isoformat(),
                                         **NOT_PRIORITY), as_of=dt.date(2022, 1, 1))
    covered = whole_months(start, end)
    assert ("art4.duration_min" in failing(decision)) == (covered < 6)
    assert decision.computed["duration_months"] == max(covered, 0) or end < start


@settings(max_examples=300, deadline=None)
@given(periods())
def test_duration_max_fails_exactly_when_more_than_12_months_are_covered(period):
    start, end = period
    decision = POLICIES.evaluate(dossier(pro_a__start_date=start.isoformat(), pro_a__end_date=end.isoformat(),
                                         **NOT_PRIORITY), as_of=dt.date(2022, 1, 1))
    longer = _ymd(end) >= restated_anniversary(start, 12)  # at least a day past 12 whole months
    assert ("art4.duration_max" in failing(decision)) == longer


@settings(max_examples=200, deadline=None)
@given(periods(span_days=1200))
def test_duration_max_priority_fails_exactly_when_more_than_36_months_are_covered(period):
    start, end = period
    decision = POLICIES.evaluate(dossier(pro_a__start_date=start.isoformat(), pro_a__end_date=end.isoformat(),
                                         **PRIORITY), as_of=dt.date(2022, 1, 1))
    longer = _ymd(end) >= restated_anniversary(start, 36)
    assert ("art4.duration_max_priority" in failing(decision)) == longer


@pytest.mark.parametrize("start, end, too_short", [
    ("9999-06-01", "9999-12-31", False),
    ("9999-07-01", "9999-12-31", False),   # anniversary 10000-01-01: the period ends on 9999-12-31
    ("9999-07-02", "9999-12-31", True),
    ("9999-12-01", "9999-12-31", True),
])
def test_arithmetic_is_total_up_to_9999(start, end, too_short):
    """An anniversary past 9999-12-31 is later than every date: no « — » in a message, a real verdict."""
    decision = POLICIES.evaluate(dossier(pro_a__start_date=start, pro_a__end_date=end, **NOT_PRIORITY),
                                 as_of=dt.date(2022, 1, 1))
    assert failing(decision) == ({"art4.duration_min"} if too_short else set())
    assert all(f.evaluation_error is None and "—" not in f.message for f in decision.violations)
    assert months_between(dt.date.fromisoformat(start), add_days(dt.date.fromisoformat(end), 1)) == \
        decision.computed["duration_months"]
    record = json.loads(json.dumps(decision.to_dict()))  # a date past 9999-12-31 in ISO 8601's expanded form
    if start == "9999-12-01":
        assert record["computed"]["earliest_end_date"] == "+10000-05-31"


@settings(max_examples=300, deadline=None)
@given(st.dates(), st.dates(), st.dates())
def test_no_rule_ever_errors_on_a_valid_dossier(start, end, birth):
    """Over the whole date range (years 1–9999), every rule is evaluated: no evaluation error."""
    decision = POLICIES.evaluate(dossier(pro_a__start_date=start.isoformat(), pro_a__end_date=end.isoformat(),
                                         employee__birth_date=birth.isoformat()), explain=True)
    assert decision.verdict != "invalid"
    assert [r.rule for r in decision.results if r.status == "error"] == []
    assert all(f.evaluation_error is None for f in decision.violations)
