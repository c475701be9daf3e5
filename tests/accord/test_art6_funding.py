"""Article 6: a flat rate of 17 € per training hour; asking for more is a warning, not a failure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..conftest import dossier, failing


@pytest.mark.parametrize("hours, ceiling", [
    (400, Decimal("6800.00")),
    (Decimal("150.015"), Decimal("2550.26")),   # 2550.255 rounds half-up to the cent
    (Decimal("150.0149"), Decimal("2550.25")),  # 2550.2533
    (Decimal("240.5"), Decimal("4088.50")),
])
def test_ceiling_is_the_rate_times_training_hours_rounded_half_up(policies, hours, ceiling):
    d = dossier(pro_a__training_hours=hours, pro_a__total_hours=Decimal("1000.1"))
    decision = policies.evaluate(d)
    assert decision.funding["ceiling_eur"] == ceiling
    assert decision.to_dict()["funding"]["ceiling_eur"] == float(ceiling)


@pytest.mark.parametrize("requested, warned", [(6800, False), (Decimal("6800.01"), True), (0, False)])
def test_requested_amount_above_the_ceiling_is_a_warning(policies, requested, warned):
    decision = policies.evaluate(dossier(funding__requested_amount=requested))
    assert decision.eligible
    assert bool(decision.warnings) == warned
    assert decision.funding["capped"] == warned
    if warned:
        assert decision.warnings[0].rule == "art6.funding_within_ceiling"
        assert "6 800,00 €" in decision.warnings[0].message


def test_funding_is_optional(policies):
    decision = policies.evaluate(dossier(funding=...))
    assert decision.eligible and not decision.warnings
    assert decision.funding["ceiling_eur"] == 6800
    assert decision.funding["requested_amount"] is None


def test_ceiling_is_given_for_ineligible_dossiers_too(policies):
    decision = policies.evaluate(dossier(employee__contract="other"))
    assert not failing(decision) - {"art2.cdi_interimaire"}
    assert decision.funding["ceiling_eur"] == 6800
