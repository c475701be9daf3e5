"""Article 4: 6 to 12 months, up to 36 for the priority publics; ages in completed years."""

from __future__ import annotations

import pytest

from ..conftest import dossier, failing

NOT_PRIORITY = {"employee__upper_secondary_completed": True, "employee__vocational_diploma": True}


def duration(policies, start, end, **extra):
    d = dossier(pro_a__start_date=start, pro_a__end_date=end, **{**NOT_PRIORITY, **extra})
    return policies.evaluate(d)


@pytest.mark.parametrize("start, end, ok", [
    ("2022-01-10", "2022-07-09", True),   # anniversary(start, 6) - 1 day
    ("2022-01-10", "2022-07-08", False),  # one day short
    ("2022-08-31", "2023-02-28", True),   # no 31 Feb: anniversary 1 March, minus a day (issue 10)
    ("2022-08-31", "2023-02-27", False),
    ("2023-08-31", "2024-02-29", True),   # leap year: anniversary 1 March 2024 - 1 day
    ("2023-08-31", "2024-02-28", False),
    ("2022-03-31", "2022-09-30", True),   # no 31 September: anniversary 1 October - 1 day
    ("2022-03-31", "2022-09-29", False),
    ("2022-01-10", "2022-01-09", False),  # end before start: fails the minimum, not the schema
])
def test_minimum_duration_six_months(policies, start, end, ok):
    decision = duration(policies, start, end)
    assert ("art4.duration_min" not in failing(decision)) == ok
    assert decision.verdict != "invalid"


@pytest.mark.parametrize("start, end, ok", [
    ("2022-01-10", "2023-01-09", True),   # anniversary(start, 12) - 1 day
    ("2022-01-10", "2023-01-10", False),
    ("2024-02-29", "2025-02-28", True),   # no 29 Feb 2025: anniversary 1 March - 1 day (issue 10)
    ("2024-02-29", "2025-03-01", False),
    ("2022-03-01", "2023-02-28", True),
    ("2022-03-01", "2023-03-01", False),
])
def test_maximum_duration_twelve_months(policies, start, end, ok):
    decision = duration(policies, start, end)
    assert ("art4.duration_max" not in failing(decision)) == ok


@pytest.mark.parametrize("end, ok", [("2025-01-09", True), ("2025-01-10", False)])
@pytest.mark.parametrize(
    "priority",
    [
        {"employee__job_seeker_over_one_year": True},
        {"employee__social_minima_or_cui": True},
        {
            "employee__birth_date": "2000-01-10",
            "employee__upper_secondary_completed": False,
            "employee__vocational_diploma": False,
        },
    ],
)
def test_priority_public_up_to_thirty_six_months(policies, end, ok, priority):
    d = dossier(pro_a__start_date="2022-01-10", pro_a__end_date=end, **{**NOT_PRIORITY, **priority})
    decision = policies.evaluate(d)
    assert decision.computed["priority_public"] is True
    assert decision.eligible == ok
    if not ok:
        assert "36 mois" in decision.violations[0].message
        assert failing(decision) == {"art4.duration_max_priority"}


@pytest.mark.parametrize("birth, priority", [
    ("2006-01-10", True),    # 16 on the start date
    ("2006-01-11", False),   # 15 until the next day
    ("1996-01-10", False),   # 26 on the start date
    ("1996-01-11", True),    # 25 until the next day: « 25 ans révolus » included
])
def test_youth_aged_16_to_25_in_completed_years(policies, birth, priority):
    d = dossier(employee__birth_date=birth, employee__upper_secondary_completed=False,
                employee__vocational_diploma=False, pro_a__end_date="2023-06-09")
    decision = policies.evaluate(d)
    assert decision.computed["priority_public"] is priority
    assert decision.eligible == priority


@pytest.mark.parametrize(
    "start, age", [("2022-02-28", 17), ("2022-03-01", 18), ("2024-02-28", 19), ("2024-02-29", 20)]
)
def test_born_on_29_february_completes_a_year_on_1_march(policies, start, age):
    d = dossier(employee__birth_date="2004-02-29", pro_a__start_date=start, pro_a__end_date="2025-01-01")
    assert policies.evaluate(d).computed["age_at_start"] == age


@pytest.mark.parametrize("secondary, diploma", [(True, False), (False, True), (True, True)])
def test_young_with_a_diploma_is_not_a_priority_public(policies, secondary, diploma):
    d = dossier(employee__birth_date="2000-01-01", employee__upper_secondary_completed=secondary,
                employee__vocational_diploma=diploma, pro_a__end_date="2023-06-09")
    decision = policies.evaluate(d)
    assert decision.computed["priority_public"] is False
    assert failing(decision) == {"art4.duration_max"}


def test_computed_duration_values(policies):
    decision = policies.evaluate(dossier())
    assert decision.computed["duration_days"] == 334
    assert decision.computed["duration_months"] == 11
    assert str(decision.computed["earliest_end_date"]) == "2022-07-09"
