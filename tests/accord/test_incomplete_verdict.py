"""Formalities and the `incomplete` verdict (issue 10, binding): « à compléter », precedence, every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.engine.decision import VERDICTS
from proa_policy.resources import load_schema

from ..conftest import dossier, failing

POLICIES = load_policies()
FORMALITIES = {"art5.amendment_signed", "art5.amendment_filed", "art5.tutor"}
DRAFT = (
    Path(__file__).resolve().parents[2] / "examples" / "dossiers" / "incomplete-draft-before-signature.yaml"
)


def test_precedence_is_invalid_not_applicable_ineligible_incomplete_eligible():
    assert VERDICTS == ("invalid", "not_applicable", "ineligible", "incomplete", "eligible")


def test_the_three_formalities_are_rules_of_their_own_kind_and_remuneration_is_not():
    kinds = {r.id: r.kind for r in POLICIES.rules}
    assert {rule for rule, kind in kinds.items() if kind == "formality"} == FORMALITIES
    assert kinds["art5.remuneration_maintained"] == "eligibility"


@pytest.mark.parametrize(
    "changes, verdict",
    [
        ({"pro_a__tutor_designated": False}, "incomplete"),
        (
            {
                "pro_a__contract_amendment": {"signed": False, "filed_with_akto": False},
                "pro_a__tutor_designated": False,
            },
            "incomplete",
        ),
        ({"pro_a__tutor_designated": False, "pro_a__training_hours": 100}, "ineligible"),
        ({"pro_a__tutor_designated": False, "employer__kind": "other"}, "not_applicable"),
        (
            {
                "pro_a__tutor_designated": False,
                "pro_a__remuneration": {
                    "maintained_monthly": 1000,
                    "mission_reference_monthly": 2000,
                    "guaranteed_minimum_monthly": 1500,
                },
            },
            "ineligible",
        ),
    ],
)
def test_formalities_alone_give_incomplete_and_are_listed_with_any_other_failure(changes, verdict):
    decision = POLICIES.evaluate(dossier(**changes))
    assert decision.verdict == verdict
    assert "art5.tutor" in failing(decision)


def test_decision_schema_knows_incomplete():
    decision = POLICIES.evaluate(dossier(pro_a__tutor_designated=False)).to_dict(explain=True)
    assert decision["verdict"] == "incomplete"
    Draft202012Validator(load_schema("decision.schema.json")).validate(decision)
    assert decision["violations"][0]["kind"] == "formality"


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "junit", "github", "sarif", "markdown"])
def test_exit_code_1_and_every_format_says_it(fmt):
    result = CliRunner().invoke(main, ["evaluate", str(DRAFT), "--format", fmt])
    assert result.exit_code == 1, result.output
    marker = {"text": "À COMPLÉTER", "json": '"verdict": "incomplete"', "jsonl": '"verdict":"incomplete"',
              "junit": 'type="art5.tutor"', "github": "::warning", "sarif": '"verdict": "incomplete"',
              "markdown": "📝 À COMPLÉTER"}[fmt]
    assert marker.replace(" ", "") in result.output.replace(" ", ""), result.output


def test_text_report_says_what_remains_step_by_step():
    output = CliRunner().invoke(main, ["evaluate", str(DRAFT)]).output
    lines = output.splitlines()
    start = lines.index("  le dossier respecte l'accord ; reste à faire, dans l'ordre :")
    steps = lines[start + 1:start + 4]
    assert [s.split("·")[1].split("—")[0].strip() for s in steps] == \
        ["art5.amendment_signed", "art5.amendment_filed", "art5.tutor"]
    assert steps[0].strip().startswith("1.") and steps[2].strip().startswith("3.")
    assert "1 à compléter" in output


def test_sarif_levels_formalities_as_warnings():
    log = json.loads(CliRunner().invoke(main, ["evaluate", str(DRAFT), "--format", "sarif"]).output)
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} == {"warning"} and len(results) == 3


def test_policy_tests_and_coverage_accept_incomplete():
    result = CliRunner().invoke(main, ["test", "-k", "art05", "--coverage"])
    assert result.exit_code == 0, result.output


def test_an_evaluation_error_is_said_as_one(tmp_path):
    """A rule that cannot be evaluated (a bug) is an evaluation error naming the rule and why, never its
    message."""
    import shutil

    from proa_policy.engine.policyset import PolicySet

    root = tmp_path / "set"
    shutil.copytree(POLICIES.document.root, root)
    article = root / "article-04.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace(
            'condition: "dossier.pro_a.training_hours >= param.training_min_hours"',
            'condition: "dossier.pro_a.training_hours / 0 >= param.training_min_hours"',
        ),
        encoding="utf-8",
    )
    broken = load_policies(root)
    assert isinstance(broken, PolicySet)
    decision = broken.evaluate(dossier())
    finding = next(f for f in decision.violations if f.rule == "art4.training_floor")
    assert finding.evaluation_error and "art4.training_floor" in finding.message
    assert (
        "erreur d'évaluation" in finding.message and "—" not in finding.message and "?" not in finding.message
    )
    assert decision.verdict == "ineligible"
    assert finding.to_dict()["evaluation_error"] == finding.evaluation_error


def test_diff_reports_decisions_moving_between_incomplete_and_ineligible(tmp_path):
    """`proa-policy diff`: a formality made an eligibility rule flips dossiers `incomplete -> ineligible`."""
    import shutil

    root = tmp_path / "set"
    shutil.copytree(POLICIES.document.root, root)
    article = root / "article-05.yaml"
    text = article.read_text(encoding="utf-8")
    start = text.index("  - id: art5.tutor")
    article.write_text(text[:start] + text[start:].replace("kind: formality", "kind: eligibility", 1),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", POLICIES.document.root, str(root), "--dossiers",
                                       str(DRAFT), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "incomplete -> ineligible" in result.output


def test_an_evaluation_error_names_the_computed_value_that_failed(tmp_path):
    import shutil

    root = tmp_path / "set"
    shutil.copytree(POLICIES.document.root, root)
    article = root / "article-04.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(
        'expr: "add_days(anniversary(dossier.pro_a.start_date, param.min_duration_months), -1)"',
        'expr: "add_days(anniversary(dossier.pro_a.start_date, dossier.pro_a.total_hours / 0), -1)"'),
        encoding="utf-8")
    decision = load_policies(root).evaluate(dossier(), explain=True)
    finding = next(f for f in decision.violations if f.rule == "art4.duration_min")
    assert "`computed.earliest_end_date`" in finding.evaluation_error
    assert decision.verdict == "ineligible"
    trace = next(r for r in decision.results if r.rule == "art4.duration_min")
    assert trace.status == "error" and "`computed.earliest_end_date`" in trace.message
