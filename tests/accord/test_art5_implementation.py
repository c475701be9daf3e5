"""Article 5: the amendment signed and filed with AKTO, a tutor, the pay maintained during working time."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..conftest import dossier, failing


@pytest.mark.parametrize("field, rule", [
    ("pro_a__contract_amendment__signed", "art5.amendment_signed"),
    ("pro_a__contract_amendment__filed_with_akto", "art5.amendment_filed"),
    ("pro_a__tutor_designated", "art5.tutor"),
])
def test_amendment_and_tutor(policies, field, rule):
    assert failing(policies.evaluate(dossier(**{field: False}))) == {rule}


@pytest.mark.parametrize("maintained, mission, minimum, ok", [
    ("1850.00", "1850.00", "1766.92", True),   # equal to the mission pay
    ("1849.99", "1850.00", "1766.92", False),
    ("1766.92", "1700.00", "1766.92", True),   # equal to the guaranteed minimum above the mission pay
    ("1766.91", "1700.00", "1766.92", False),
])
@pytest.mark.parametrize("training_time", ["working_time", "mixed"])
def test_pay_maintained_at_the_higher_of_mission_and_minimum(
    policies, maintained, mission, minimum, ok, training_time
):
    d = dossier(pro_a__training_time=training_time, pro_a__remuneration={
        "maintained_monthly": Decimal(maintained), "mission_reference_monthly": Decimal(mission),
        "guaranteed_minimum_monthly": Decimal(minimum)})
    assert failing(policies.evaluate(d)) == (set() if ok else {"art5.remuneration_maintained"})


def test_outside_working_time_needs_no_remuneration(policies):
    decision = policies.evaluate(
        dossier(pro_a__training_time="outside_working_time", pro_a__remuneration=...)
    )
    assert decision.eligible


def test_outside_working_time_does_not_check_pay(policies):
    d = dossier(pro_a__training_time="outside_working_time",
                pro_a__remuneration={"maintained_monthly": 0, "mission_reference_monthly": 1850,
                                     "guaranteed_minimum_monthly": 1766})
    decision = policies.evaluate(d, explain=True)
    assert decision.eligible
    status = {r.rule: r.status for r in decision.results}
    assert status["art5.remuneration_maintained"] == "not_reached"


def test_excluded_sentence_of_article_5_founds_no_rule(policies):
    assert all("lettre de mission-formation" not in r.quote for r in policies.rules)
