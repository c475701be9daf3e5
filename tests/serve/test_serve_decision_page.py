"""The decision on the web page as issue 13 lists it: values against thresholds, ceiling, policy set, date."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from proa_policy.serve.app import create_app
from proa_policy.serve.policyinfo import PolicyInfo
from proa_policy.serve.comparisons import Comparison, comparisons_of
from tests.serve import serving
from tests.conftest import dossier
from tests.rulebook.htmlsite import flat, parse, text_of


@pytest.fixture(scope="module")
def client(policies):
    return TestClient(create_app(policies))


def decide(client, **changes):
    fields = {**serving.flat(dossier(**changes)), "action": "evaluate"}
    response = client.post("/", data=fields)
    assert response.status_code == 200
    return parse(response.text)


def rule_row(tree, rule):
    return next(tr for tr in tree.iter("tr") if tr.get("data-rule") == rule)


def against(row) -> list[str]:
    lists = [ul for ul in row.iter("ul") if ul.get("class") == "against"]
    return [flat(text_of(li)) for ul in lists for li in ul]


def test_a_comparison_is_read_subject_first_whichever_side_it_is_written_on():
    assert comparisons_of("dossier.a.b >= param.x") == [Comparison("dossier.a.b", ">=", "param.x")]
    assert comparisons_of("param.x > dossier.a") == [Comparison("dossier.a", "<", "param.x")]
    assert comparisons_of("dossier.h >= dossier.t * (param.p / 100)") == []  # arithmetic: not rewritten
    assert comparisons_of("x and (dossier.d <= computed.last)") == [
        Comparison("dossier.d", "<=", "computed.last")]


def test_the_training_floor_reads_140_h_against_a_minimum_of_150_h(client):
    tree = decide(client, pro_a__training_hours=140, pro_a__total_hours=800)
    row = rule_row(tree, "art4.training_floor")
    assert row.get("data-status") == "failed"
    assert against(row) == ["Durée des actions de formation : 140 h — minimum 150 h"]
    assert "✗" in flat(text_of(row)) and "article 4" in flat(text_of(row))


def test_dates_and_amounts_are_said_against_their_bounds(client):
    tree = decide(client)
    assert against(rule_row(tree, "art8.entry_into_force")) == [
        "Date de début : 10/01/2022 — au plus tôt le 12/05/2021"]
    funding = against(rule_row(tree, "art6.funding_within_ceiling"))
    assert len(funding) == 1 and funding[0].startswith("Montant demandé : ") and "— maximum " in funding[0]
    assert funding[0].endswith(" €")


def test_a_rule_not_reached_says_no_comparison(client):
    tree = decide(client)
    row = rule_row(tree, "art4.duration_max_priority")
    assert row.get("data-status") == "not_reached" and against(row) == []


def test_the_ceiling_of_a_dossier_not_eligible_is_what_would_apply(client, policies):
    tree = decide(client, pro_a__training_hours=140, pro_a__total_hours=800)
    page = flat(text_of(tree))
    assert "Plafond qui s'appliquerait si le dossier était éligible" in page
    assert "n'est pas une prise en charge accordée" in page
    meta = {flat(text_of(div.find("dt"))): flat(text_of(div.find("dd")))
            for dl in tree.iter("dl") if dl.get("class") == "meta" for div in dl}
    summary = PolicyInfo(policies).summary()
    assert meta["Jeu de règles"] == f"{summary['id']} version {policies.manifest.version}"
    assert meta["Empreinte du jeu de règles"] == summary["digest"]
    assert summary["digest"].startswith("sha256:")
    assert meta["Règles appliquées au"] == "10/01/2022"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", meta["Évalué le"])
