"""Article 4: training between 15 % and 25 % of the total duration, and at least 150 hours; exact decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..conftest import dossier, failing


def judge(policies, total, training):
    return policies.evaluate(dossier(pro_a__total_hours=total, pro_a__training_hours=training,
                                     funding__requested_amount=0))


@pytest.mark.parametrize("total, training, expected", [
    (1600, 240, set()),                                   # exactly 15 %
    (1600, Decimal("239.99"), {"art4.training_share_min"}),
    (1600, 400, set()),                                   # exactly 25 %
    (1600, Decimal("400.01"), {"art4.training_share_max"}),
    (Decimal("1000.1"), Decimal("150.015"), set()),       # exactly 15 % in decimals
    (Decimal("1000.1"), Decimal("150.014"), {"art4.training_share_min"}),
    (Decimal("1000.1"), Decimal("250.025"), set()),       # exactly 25 %
    (Decimal("1000.1"), Decimal("250.026"), {"art4.training_share_max"}),
])
def test_training_share_bounds_are_inclusive_and_exact(policies, total, training, expected):
    assert failing(judge(policies, total, training)) == expected


def test_floats_count_as_the_decimal_written(policies):
    """1000.1 * 0.15 is 150.015 exactly, although binary floats say 150.01500000000001."""
    assert failing(judge(policies, 1000.1, 150.015)) == set()
    assert failing(judge(policies, 1000.1, 250.025)) == set()


@pytest.mark.parametrize("total, training, expected", [
    (1000, 150, set()),
    (1000, Decimal("149.99"), {"art4.training_floor", "art4.training_share_min"}),
    (900, 149, {"art4.training_floor"}),  # 15 % of 900 is 135: the share is met, the floor is not
    (900, 150, set()),
])
def test_at_least_150_hours(policies, total, training, expected):
    assert failing(judge(policies, total, training)) == expected


def test_training_share_is_shown_for_people(policies):
    decision = judge(policies, 1600, 240)
    assert decision.computed["training_share_percent"] == 15
