"""Messages that say only what is true (issue 10, §4–6): bounds named, shares precise, money one way,
labels."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.engine.messages import format_money

from ..conftest import dossier

POLICIES = load_policies()


def message(rule: str, **changes) -> str:
    decision = POLICIES.evaluate(dossier(**changes))
    return next(v.message for v in decision.violations if v.rule == rule)


@pytest.mark.parametrize(
    "pay, named, not_named",
    [
        (
            (1650, 1650, Decimal("1747.20")),
            "rémunération mensuelle minimale garantie (1 747,20 €)",
            "mission de référence",
        ),
        ((1700, 1750, 1600), "salaire de la mission de référence (1 750,00 €)", "minimale garantie"),
        ((1500, 1750, 1600), "et à la rémunération mensuelle minimale garantie (1 600,00 €)", None),
    ],
)
def test_art5_pay_names_the_bound_that_fails(pay, named, not_named):
    maintained, mission, minimum = pay
    text = message(
        "art5.remuneration_maintained",
        pro_a__training_time="working_time",
        pro_a__remuneration={
            "maintained_monthly": maintained,
            "mission_reference_monthly": mission,
            "guaranteed_minimum_monthly": minimum,
        },
    )
    assert named in text
    if not_named:
        assert not_named not in text.split("(article 5")[0]


def test_training_share_is_shown_precisely_enough_to_see_why():
    text = message("art4.training_share_min", pro_a__training_hours=Decimal("150.0149"),
                   pro_a__total_hours=Decimal("1000.1"))
    assert "14,99 %" in text and "150,015 heures" in text and "15,00 %" not in text


@pytest.mark.parametrize("amount, text", [(1600, "1 600,00 €"), (Decimal("1747.2"), "1 747,20 €"),
                                          (Decimal("6800.005"), "6 800,005 €"), (0, "0,00 €")])
def test_money_is_written_one_french_way(amount, text):
    assert format_money(amount, "fr") == text


def test_requested_amounts_are_money_too():
    decision = POLICIES.evaluate(dossier(funding__requested_amount=10000))
    assert "(10 000,00 €)" in decision.warnings[0].message
    output = (
        CliRunner()
        .invoke(
            main, ["evaluate", "-"], input=json.dumps(dossier(funding__requested_amount=10000), default=float)
        )
        .output
    )
    assert "montant demandé : 10 000,00 €" in output


def test_ceiling_of_a_dossier_not_eligible_reads_as_one_that_would_apply():
    output = CliRunner().invoke(main, ["evaluate", "-"], input=json.dumps(
        dossier(pro_a__training_hours=100), default=float)).output
    assert "plafond de prise en charge qui s'appliquerait si le dossier était éligible" in output


def test_art2_mission_contract_message_states_what_the_rule_set_contains():
    text = message("art2.cdi_interimaire", employee__contract="contrat_de_mission")
    assert "cette version des règles ne contient aucun avenant" in text and "ne s'applique encore" not in text


def test_every_rule_is_labelled_with_the_article_its_quote_comes_from():
    for rule in POLICIES.rules:
        article = POLICIES.document.article(rule.article)
        own = article.text_of(rule.article) if rule.article == article.article and article.sections else None
        text = article.text_of(rule.article) if own is None else article.text
        quote = rule.quote.rstrip(".")
        if rule.article == article.article and article.sections:  # quoted from a section: label it so
            assert all(quote not in s.text for s in article.sections), rule.id
        assert quote in " ".join((text or "").split()) or quote in (text or ""), rule.id
    assert next(r for r in POLICIES.rules if r.id == "art3.rncp_listed").article == "3.1"


def test_certifications_before_the_accord_is_in_force():
    rows = json.loads(CliRunner().invoke(main, ["certifications", "RNCP34860", "--as-of", "2021-05-11",
                                                "--format", "json"]).output)
    assert rows[0]["eligible"] is False and "l'accord n'est pas en vigueur le 2021-05-11" in rows[0]["reason"]
    rows = json.loads(CliRunner().invoke(main, ["certifications", "RNCP34860", "--as-of", "2021-05-12",
                                                "--format", "json"]).output)
    assert rows[0]["eligible"] is True


@pytest.mark.parametrize("article, words", [
    ("5", "accompagnement ou d'une formation spécifique si nécessaire"),
    ("5", "dans les conditions fixées par la réglementation en vigueur"),
    ("3", "enregistrées au RNCP"), ("2", "L. 6324-2"), ("4", "positionnement"),
    ("11", "actualisation de la liste"), ("6", "bilan spécifique"),
])
def test_explain_shows_what_the_rules_do_not_check(article, words):
    output = CliRunner().invoke(main, ["explain", article]).output
    section = output.split("Ce que ces règles ne vérifient pas :")[1]
    assert words in section


def test_not_checked_items_quote_the_text_they_name():
    """Each « … » quoted in a requirement is the accord's own words (invent nothing)."""
    corpus = " ".join(" ".join((a.text_of(a.article) or "").split()) for a in POLICIES.document.articles)
    items = [item for article in POLICIES.document.articles for item in article.not_checked]
    assert len(items) >= 7
    for item in items:
        quoted = re.findall(r"« (.+?) »", item.requirement)
        assert quoted and any(q.rstrip(".") in corpus for q in quoted), item.requirement
        assert item.reason


def test_a_placeholder_that_cannot_be_computed_says_so(tmp_path):
    """A message never prints « ? » or « — » for a value it could not compute or that is absent."""
    import shutil

    root = tmp_path / "set"
    shutil.copytree(POLICIES.document.root, root)
    article = root / "article-04.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace(
            'fr: "les actions de formation durent {dossier.pro_a.training_hours} heures',
            'fr: "les actions de formation durent {dossier.pro_a.training_hours / 0} heures',
        ),
        encoding="utf-8",
    )
    found = load_policies(root).evaluate(dossier(pro_a__training_hours=100)).violations
    text = next(v.message for v in found if v.rule == "art4.training_floor")
    assert "(valeur non calculable)" in text and "?" not in text.split("(article")[0]
