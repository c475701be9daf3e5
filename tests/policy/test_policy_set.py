"""The policy set itself: one versioned file per article, verbatim text, dated parameters, the extension."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from proa_policy.policy.loader import read_policy_document
from proa_policy.authoring.lint import check_policy_set

from ..conftest import POLICIES, edited_set

SOURCE = POLICIES / "sources" / "accord-2021-01-22-pro-a-interim-cdi.txt"


@pytest.fixture(scope="module")
def document():
    return read_policy_document(POLICIES)


def test_one_file_per_article_of_the_accord(document):
    labels = [a.article for a in document.articles]
    assert labels == ["préambule", "1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "annexe"]
    assert [s.article for s in document.article("3").sections] == ["3.1", "3.2", "3.3"]
    for article in document.articles:
        assert re.fullmatch(r"\d+\.\d+\.\d+", article.version)
        assert article.effective_from == dt.date(2021, 5, 12)
        assert article.extension.citation


def test_article_9_is_recorded_as_not_reproduced(document):
    assert document.article("9") is None
    assert [label for label, _ in document.manifest.not_reproduced] == ["9"]


def test_manifest_names_the_accord_and_its_extension(document):
    manifest = document.manifest
    assert manifest.signature_date == dt.date(2021, 1, 22)
    assert manifest.extension_order["date"] == dt.date(2021, 4, 29)
    assert manifest.extension_order["journal_officiel"] == dt.date(2021, 5, 11)
    assert "Prism'emploi" in manifest.signatories["employers"]
    assert len(manifest.signatories["unions"]) == 6


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_article_texts_are_verbatim_from_the_source(document):
    source = _flat(SOURCE.read_text(encoding="utf-8"))
    for article in document.articles:
        for label in article.labels:
            text = (
                article.text_of(label) if label != article.article or not article.sections else article.text
            )
            for paragraph in filter(None, (text or "").split("\n\n")):
                assert _flat(paragraph) in source, (article.article, paragraph[:80])


def test_articles_without_rules_still_have_their_text(document):
    for label in ("1", "10", "11", "préambule"):
        article = document.article(label)
        assert article.text and not article.rules
    assert document.article("3.2") is document.article("3")
    assert document.article("3").text_of("3.2")


def test_article_5_excluded_sentence_is_represented_not_dropped(document):
    article = document.article("5")
    assert article.extension.status == "partially_excluded"
    (text, footnote), = article.extension.excluded
    assert text.startswith("Cet avenant suspend l'exécution du contrat de travail")
    assert "L. 6324-6 et L. 6324-8" in footnote
    assert "lettre de mission-formation. (1)" in article.text
    assert not any("mission-formation" in r.quote for r in article.rules)


def test_article_6_is_extended_with_reservations(document):
    article = document.article("6")
    assert article.extension.status == "extended_with_reservations"
    assert "L. 6332-14" in article.extension.reservations[0][1]


@pytest.mark.parametrize("name, value", [
    ("entry_into_force", dt.date(2021, 5, 12)),
    ("min_duration_months", 6),
    ("max_duration_months", 12),
    ("max_duration_months_priority", 36),
    ("training_share_min_percent", 15),
    ("training_share_max_percent", 25),
    ("training_min_hours", 150),
    ("hourly_rate_eur", 17),
    ("priority_youth_min_age", 16),
    ("priority_youth_max_age", 25),
])
def test_parameters_are_named_dated_and_cited(document, name, value):
    parameter = document.parameters[name]
    current = parameter.at(dt.date(2022, 1, 1))
    assert current.value == value
    assert current.start == dt.date(2021, 5, 12)
    assert "Accord du 22 janvier 2021" in current.citation


def test_every_rule_cites_an_article_and_quotes_it(document):
    for rule in document.rules:
        assert rule.quote and rule.article
        assert rule.message["fr"] and rule.message["en"]


def test_shipped_policy_set_checks_without_errors(policies):
    problems = check_policy_set(policies)
    assert [p for p in problems if p.severity == "error"] == []
    warnings = [p.message for p in problems if p.severity == "warning"]
    assert any("RNCP14868 appears under 2 titles" in w for w in warnings)
    assert any("RNCP17989: no diploma title" in w for w in warnings)


def test_no_legal_number_is_a_literal_in_the_engine():
    """Law is data: the numbers of the accord live in policies/, never in src/."""
    src = Path(__file__).resolve().parents[2] / "src" / "proa_policy"
    pattern = re.compile(r"(?<![\w.])(17|150|36|0\.15|0\.25)(?![\w.])|2021-05-12")
    offenders = []
    for path in src.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if pattern.search(code):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_decimal_parameters_stay_exact(document):
    for parameter in document.parameters.values():
        for value in parameter.values:
            assert not isinstance(value.value, float)
    assert isinstance(Decimal(1), Decimal)


@pytest.mark.parametrize("field", ["dossier.employee.contract", "dossier.pro_a.no_such_field"])
def test_the_evaluation_date_names_a_date_field_every_dossier_has(tmp_path, field):
    """Which day picks the rules in force is data (the manifest), and a load error when it is no date."""
    from proa_policy.engine.policyset import load_policies
    from proa_policy.errors import PolicyError

    root = edited_set(tmp_path, "manifest.yaml", "evaluation_date: dossier.pro_a.start_date",
                      f"evaluation_date: {field}")
    with pytest.raises(PolicyError) as caught:
        load_policies(root)
    assert any(f"evaluation_date `{field}` must name a date field" in p.message and p.span.file.endswith(
        "manifest.yaml") for p in caught.value.problems)
