"""Articles 2 and 3 and the annex: who may benefit, and which certifications."""

from __future__ import annotations

import pytest

from ..conftest import dossier, failing


@pytest.mark.parametrize(
    "contract, eligible", [("cdi_interimaire", True), ("contrat_de_mission", False), ("other", False)]
)
def test_art2_only_cdi_interimaire(policies, contract, eligible):
    decision = policies.evaluate(dossier(employee__contract=contract))
    assert decision.eligible == eligible
    assert failing(decision) == (set() if eligible else {"art2.cdi_interimaire"})


def test_art2_mission_contract_message_announces_the_amendment(policies):
    decision = policies.evaluate(dossier(employee__contract="contrat_de_mission"))
    message = decision.violations[0].message
    assert (
        "cette version des règles ne contient aucun avenant" in message
    )  # what the rule set holds, not the world
    assert "aucun avenant ne s'applique encore" not in message
    assert "« Peuvent bénéficier du dispositif « Pro-A »" in message
    other = policies.evaluate(dossier(employee__contract="other")).violations[0].message
    assert "aucun avenant" not in other


@pytest.mark.parametrize("kind", ["clea", "clea_numerique"])
@pytest.mark.parametrize("pathway, eligible", [("training", True), ("vae", False)])
def test_art3_1_clea_only_through_training(policies, kind, pathway, eligible):
    decision = policies.evaluate(dossier(pro_a__certification={"kind": kind}, pro_a__pathway=pathway))
    assert decision.eligible == eligible
    assert failing(decision) == (set() if eligible else {"art3_1.clea_by_training"})
    if not eligible:
        assert decision.violations[0].article == "3.1"


@pytest.mark.parametrize("pathway", ["training", "vae"])
def test_art3_1_rncp_of_the_list_through_training_or_vae(policies, pathway):
    assert policies.evaluate(dossier(pro_a__pathway=pathway)).eligible


def test_art3_code_outside_the_annex(policies):
    decision = policies.evaluate(dossier(pro_a__certification={"kind": "rncp", "rncp": "RNCP99999"}))
    assert failing(decision) == {"art3.rncp_listed"}
    assert decision.violations[0].article == "3.1"  # its quote comes from art. 3.1
    assert "RNCP99999" in decision.violations[0].message


@pytest.mark.parametrize("code", ["RNCP4018", "RNCP1351", "RNCP14737", "RNCP23007"])
def test_annex_code_excluded_from_the_extension(policies, code):
    decision = policies.evaluate(dossier(pro_a__certification={"kind": "rncp", "rncp": code}))
    assert failing(decision) == {"annexe.rncp_extended"}
    assert decision.violations[0].article == "annexe"
    assert "L. 6324-3" in decision.violations[0].message


@pytest.mark.parametrize("code", ["RNCP17989", "RNCP14868", "RNCP1884", "RNCP25600", "RNCP32121"])
def test_annex_codes_kept_as_written_are_eligible(policies, code):
    assert policies.evaluate(dossier(pro_a__certification={"kind": "rncp", "rncp": code})).eligible
