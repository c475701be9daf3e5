"""One evaluation gives the decision and, when asked, its trace: a tracer sees each rule once, with the status
the decision was built from (there is no second copy of the status logic to disagree with it)."""

from __future__ import annotations

from typing import Any

from proa_policy.engine.decision import ERROR, FAILED, NOT_REACHED, PASSED
from proa_policy.engine.policyset import Tracer

from ..conftest import dossier as make_dossier


class Recorder(Tracer):
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def rule(self, compiled: Any, env: list[Any], status: str, day: Any, error: str | None = None) -> None:
        self.events.append((compiled.rule.id, status))


def _ineligible() -> dict[str, Any]:
    return make_dossier(pro_a__end_date="2025-12-09")  # 47 months: beyond every maximum


def test_tracer_sees_every_rule_once_in_order(policies):
    recorder = Recorder()
    policies.trace(_ineligible(), recorder)
    assert [rule for rule, _ in recorder.events] == [r.id for r in policies.rules]
    assert {status for _, status in recorder.events} <= {PASSED, FAILED, NOT_REACHED, ERROR}


def test_trace_statuses_are_the_decision_statuses(policies):
    dossier = _ineligible()
    recorder = Recorder()
    traced = policies.trace(dossier, recorder)
    explained = policies.decide_valid(dossier, explain=True)
    assert [(r.rule, r.status) for r in explained.results] == recorder.events
    failed = {rule for rule, status in recorder.events if status in (FAILED, ERROR)}
    found = {f.rule for f in (*traced.violations, *traced.warnings)}
    assert found == failed and found


def test_decide_valid_is_evaluate_on_a_valid_dossier(policies):
    dossier = _ineligible()
    assert policies.decide_valid(dossier).to_dict() == policies.evaluate(dossier).to_dict()
