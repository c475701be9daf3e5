"""Every fast path of issue 16 against the slow path it replaced, kept as the oracle: same bytes out.

The calendar functions' fast paths against their general (ordinal) forms; `Finding.pending` against the
dataclass constructor; the JSON Lines line against `json.dumps` of `to_dict()`; and, end to end, the
decisions of the shipped set against those of the same set compiled with the general calendar functions
and comparisons through `operator`, rendered by `json.dumps` — on the benchmark's generated dossiers
(boundary values on purpose) and on hypothesis dossiers. No timing here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proa_policy.engine.decision import Finding
from proa_policy.engine.messages import Message
from proa_policy.engine.policyset import PolicySet, load_policies
from proa_policy.expr import compiler, functions
from proa_policy.read.jsontext import load_json
from proa_policy.report.jsonout import _default, record_line

from ..strategies import Accord, eligible_dossiers, from_schema, single_violations, to_json

ROOT = Path(__file__).resolve().parents[2]
POLICIES = load_policies()
ACCORD = Accord(POLICIES)
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
near_days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
valid_dossiers = st.one_of(from_schema(ACCORD.schema), eligible_dossiers(ACCORD),
                           single_violations(ACCORD).map(lambda t: t[2]))


def _generated(n: int) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return [load_json(generate.dumps(d)) for d in generate.dossiers(n, seed=16)]


GENERATED = _generated(1500)


def _reference_set(monkeypatch: pytest.MonkeyPatch) -> PolicySet:
    """The shipped set compiled with the general calendar functions and `operator`'s comparisons."""
    general = {
        "anniversary": functions._anniversary,
        "years_between": lambda start, end: functions._completed_by_search(start, end, 12),
        "months_between": lambda start, end: functions._completed_by_search(start, end, 1),
    }
    table = {name: replace(f, impl=general.get(name, f.impl)) for name, f in functions.FUNCTIONS.items()}
    monkeypatch.setattr(compiler, "FUNCTIONS", table)
    monkeypatch.setattr(compiler, "_comparison",
                        lambda op, a, b: compiler._binary(compiler._COMPARE[op], a, b))
    return PolicySet(POLICIES.document)


def _reference_line(decision: Any, explain: bool = False) -> str:
    return json.dumps(decision.to_dict(explain=explain), ensure_ascii=False, separators=(",", ":"),
                      default=_default) + "\n"


@settings(max_examples=500)
@given(day=days, months=st.integers(-120_000, 120_000))
def test_anniversary_fast_path_is_the_general_one(day: dt.date, months: int) -> None:
    assert functions.anniversary(day, months) == functions._anniversary(day, months)
    assert type(functions.anniversary(day, months)) is type(functions._anniversary(day, months))


@settings(max_examples=500)
@given(start=st.one_of(days, near_days), end=st.one_of(days, near_days))
def test_completed_months_and_years_fast_path_is_the_search(start: dt.date, end: dt.date) -> None:
    for step in (1, 12):
        assert functions._completed(start, end, step) == functions._completed_by_search(start, end, step)


def test_pending_finding_is_the_constructed_one() -> None:
    args = ("art4.x", "4", "eligibility", "/pro_a/end_date", 3, 5, Message(("texte",), (), "fr"), None)
    fast = Finding.pending(*args)
    slow = Finding(args[0], args[1], args[2], None, *args[3:])
    assert fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
    assert fast == slow and hash(fast) == hash(slow) and fast.message == "texte"


def test_decisions_are_byte_identical_to_the_reference_on_generated_dossiers(monkeypatch) -> None:
    reference = _reference_set(monkeypatch)
    for document in GENERATED:
        for lang, explain in (("fr", False), ("en", True)):
            fast = POLICIES.decide_valid(document, lang=lang, explain=explain)
            slow = reference.decide_valid(document, lang=lang, explain=explain)
            assert record_line(fast, explain) == _reference_line(slow, explain)


@settings(max_examples=200, deadline=None)
@given(dossier=valid_dossiers)
def test_decisions_are_byte_identical_to_the_reference_on_hypothesis_dossiers(dossier: Any) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        reference = _reference_set(monkeypatch)
    document = load_json(to_json(dossier))
    fast, slow = POLICIES.evaluate(document), reference.evaluate(document)
    assert record_line(fast) == _reference_line(slow)
    assert fast == slow


def test_json_lines_line_is_json_dumps_of_to_dict() -> None:
    for document in GENERATED[:300]:
        decision = POLICIES.decide_valid(document)
        assert record_line(decision) == _reference_line(decision)
        bare = replace(decision, policy={})  # no description: the plain path
        assert record_line(bare) == _reference_line(bare)
