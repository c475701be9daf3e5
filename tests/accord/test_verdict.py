"""Verdicts by precedence: invalid > not_applicable > ineligible > eligible; every failing rule listed."""

from __future__ import annotations

from ..conftest import dossier, failing


def test_eligible_means_no_violation(policies):
    decision = policies.evaluate(dossier())
    assert decision.verdict == "eligible" and decision.violations == ()


def test_every_failing_rule_is_listed(policies):
    d = dossier(employee__contract="other", pro_a__tutor_designated=False, pro_a__training_hours=100,
                pro_a__end_date="2022-03-01")
    decision = policies.evaluate(d)
    assert decision.verdict == "ineligible"
    assert failing(decision) == {"art2.cdi_interimaire", "art5.tutor", "art4.training_floor",
                                 "art4.training_share_min", "art4.duration_min"}


def test_not_applicable_wins_over_ineligible(policies):
    decision = policies.evaluate(dossier(pro_a__start_date="2021-01-01", pro_a__end_date="2021-12-31",
                                         employee__contract="other"))
    assert decision.verdict == "not_applicable"
    assert failing(decision) == {"art8.entry_into_force", "art2.cdi_interimaire"}


def test_invalid_wins_and_nothing_else_is_evaluated(policies):
    decision = policies.evaluate(dossier(pro_a__start_date="2021-02-30", employee__contract="other"))
    assert decision.verdict == "invalid"
    assert decision.violations == () and decision.computed == {}


def test_decision_records_the_versions_it_applied(policies):
    info = policies.evaluate(dossier()).to_dict()["policy"]
    assert info["id"] == "pro-a-interim-cdi"
    assert info["articles"]["4"] == "1.1.0"  # the calendar of issue 10
    assert info["version"] == "1.1.1" and info["articles"]["7"] == "1.0.0"
    assert "9" not in info["articles"]


def test_explanation_lists_every_rule_with_values_and_parameters(policies):
    decision = policies.evaluate(dossier(pro_a__training_hours=149, pro_a__total_hours=900), explain=True)
    results = {r.rule: r for r in decision.results}
    assert set(results) == {r.id for r in policies.rules}
    floor = results["art4.training_floor"]
    assert floor.status == "failed"
    assert [(v.name, v.pointer, v.value) for v in floor.values] == [
        ("dossier.pro_a.training_hours", "/pro_a/training_hours", 149)]
    (param,) = floor.parameters
    assert (param.name, param.value, str(param.effective_from)) == ("training_min_hours", 150, "2021-05-12")
    assert "150 heures" in param.citation
    assert results["art3_1.clea_by_training"].status == "not_reached"
    trace = decision.to_dict(explain=True)["trace"]
    assert len(trace) == len(policies.rules)


def test_violation_points_at_the_field(policies):
    decision = policies.evaluate(dossier(pro_a__end_date="2022-03-01"))
    assert decision.violations[0].pointer == "/pro_a/end_date"
