"""Articles 7 and 8: who the accord applies to, and from when (a failure gives `not_applicable`)."""

from __future__ import annotations

import pytest

from ..conftest import dossier, failing


@pytest.mark.parametrize("start, verdict", [
    ("2021-05-11", "not_applicable"),  # the day of the JORF publication
    ("2021-05-12", "eligible"),        # the day after: entry into force
    ("2021-05-13", "eligible"),
    ("2019-01-01", "not_applicable"),
])
def test_art8_entry_into_force_the_day_after_the_jorf(policies, start, verdict):
    d = dossier(pro_a__start_date=start, pro_a__end_date="2022-05-01")
    decision = policies.evaluate(d)
    assert decision.verdict == verdict
    assert ("art8.entry_into_force" in failing(decision)) == (verdict == "not_applicable")


@pytest.mark.parametrize("kind, applies", [("ETT", True), ("ETTI", True), ("other", False)])
def test_art7_employer_is_an_ett_or_etti(policies, kind, applies):
    decision = policies.evaluate(dossier(employer__kind=kind))
    assert decision.verdict == ("eligible" if applies else "not_applicable")
    assert ("art7.employer_kind" in failing(decision)) != applies


@pytest.mark.parametrize(
    "territory, applies", [("metropole", True), ("drom", True), ("com", True), ("other", False)]
)
def test_art7_territory_metropole_and_drom_com(policies, territory, applies):
    decision = policies.evaluate(dossier(employer__territory=territory))
    assert decision.verdict == ("eligible" if applies else "not_applicable")
    assert ("art7.territory" in failing(decision)) != applies


def test_not_applicable_dossier_still_lists_its_eligibility_failures(policies):
    decision = policies.evaluate(dossier(employer__kind="other", pro_a__tutor_designated=False,
                                         employee__contract="other"))
    assert decision.verdict == "not_applicable"
    assert failing(decision) == {"art7.employer_kind", "art5.tutor", "art2.cdi_interimaire"}
