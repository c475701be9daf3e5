"""Each YAML policy test case (policies/<set>/tests/*.yaml) is its own pytest test, named by its id
(`file::name`), so a failure names the case and `pytest -k` selects one; `proa-policy test` runs the same."""

from __future__ import annotations

import pytest

from proa_policy.authoring.cases import load_cases, run_cases

from ..conftest import POLICIES

CASES, PROBLEMS = load_cases(POLICIES)


def test_the_policy_test_files_load():
    assert not PROBLEMS
    assert CASES


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_policy_case(policies, case):
    [result] = run_cases(policies, [case])
    assert result.differences == []
