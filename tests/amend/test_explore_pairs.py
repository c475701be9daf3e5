"""The exploration of `diff` is complete over pairs of bound classes: a t = 2 covering of the factors."""

from __future__ import annotations

import copy
import json
import shutil
from itertools import combinations

import pytest

from proa_policy import load_policies
from proa_policy.amend.covering import covering_array, pairs_count
from proa_policy.dossier.schema import DossierSchema
from proa_policy.engine.policyset import PolicySet
from proa_policy.amend.explore import Explorer, explore
from proa_policy.policy.loader import read_policy_document
from proa_policy.resources import load_schema

from ..conftest import POLICIES

ONE_CASE = """kind: tests
article: "4"
cases:
  - name: "le dossier de référence"
    base: eligible
    expect: {verdict: eligible, violations: []}
"""

# FICTITIOUS: a 30-month limit for job seekers only, below the 36 months of the priority publics. No such
# amendment exists; it only exists to need two classes at once (a job seeker, and an end beyond 30 months).
JOB_SEEKER_LIMIT = """
  - name: fictitious_max_months_job_seeker
    label: "FICTIF : durée maximale pour les demandeurs d'emploi"
    type: number
    unit: months
    values:
      - from: 2021-05-12
        value: 30
        citation: "FICTIF — avenant imaginaire des tests de l'exploration"
"""
JOB_SEEKER_COMPUTED = """
  - name: fictitious_latest_end_date_job_seeker
    label: "FICTIF : date de fin au plus tard pour un demandeur d'emploi"
    expr: "add_days(anniversary(dossier.pro_a.start_date, param.fictitious_max_months_job_seeker), -1)"
"""
JOB_SEEKER_RULE = """
  - id: art4.fictitious_job_seeker_max
    article: "4"
    kind: eligibility
    title: "FICTIF : au plus 30 mois pour un demandeur d'emploi"
    quote: "cette durée peut être allongée jusqu'à 36 mois pour les publics prioritaires suivants"
    when: "dossier.employee.job_seeker_over_one_year"
    condition: "dossier.pro_a.end_date <= computed.fictitious_latest_end_date_job_seeker"
    message:
      fr: "FICTIF : plus de {param.fictitious_max_months_job_seeker} mois pour un demandeur d'emploi"
      en: "FICTITIOUS: more than {param.fictitious_max_months_job_seeker} months for a job seeker"
"""


def one_case_set(target):
    """The shipped set whose only test case is the reference dossier (one seed, not a priority public)."""
    shutil.copytree(POLICIES, target)
    for path in (target / "tests").glob("*.yaml"):
        if path.name != "bases.yaml":
            path.unlink()
    (target / "tests" / "reference.yaml").write_text(ONE_CASE, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def two_bound_amendment(tmp_path_factory):
    root = tmp_path_factory.mktemp("pairs")
    old = one_case_set(root / "old")
    new = one_case_set(root / "new")
    article = new / "article-04.yaml"
    text = article.read_text(encoding="utf-8")
    added = JOB_SEEKER_LIMIT + "computed:\n" + JOB_SEEKER_COMPUTED.lstrip("\n")
    text = text.replace("\ncomputed:\n", added, 1)
    article.write_text(text.rstrip("\n") + "\n" + JOB_SEEKER_RULE.lstrip("\n"), encoding="utf-8")
    return load_policies(old), load_policies(new)


def test_covering_array_meets_every_pair_of_levels():
    sizes = [9, 9, 8, 5, 4, 3, 3, 2, 2, 2, 2, 1]
    rows = covering_array(sizes)
    met = {(i, j, row[i], row[j]) for row in rows for i, j in combinations(range(len(sizes)), 2)}
    assert len(met) == pairs_count(sizes)
    assert len(rows) <= 9 * 9 + 10  # near the product of the two largest factors
    assert covering_array(sizes) == rows  # deterministic


def test_a_flip_needing_two_bounds_at_once_is_found_by_pairs_missed_one_axis_at_a_time(two_bound_amendment):
    old, new = two_bound_amendment
    assert not Explorer(old, new, strength=1).run().flips
    found = explore(old, new)
    assert found.flips
    limit = "art4.fictitious_job_seeker_max"
    for flip in found.flips.values():
        assert limit in flip.new["violations"] and limit not in flip.old["violations"]
        assert flip.example["employee"]["job_seeker_over_one_year"] is True
        assert "pairwise row" in flip.origin
    eligible = found.flips["eligible -> ineligible"]
    assert eligible.new["violations"] == [limit]


def test_the_report_states_exactly_which_pairs_were_realised(two_bound_amendment):
    found = explore(*two_bound_amendment)
    assert found.pairs_total > 1000
    line = next(c for c in found.covered if c.startswith("pairs of factors"))
    assert f"of the {found.pairs_total} pairs of levels, {found.pairs_realised} were realised" in line
    if found.pairs_realised < found.pairs_total:
        assert any("never realised" in limit for limit in found.limits)


def test_factors_come_from_the_schema_and_the_policy_set():
    policies = load_policies()
    names = {f.name: f for f in Explorer(policies, policies).factors}
    schema_fields = {".".join(p) for p, info in policies.schema.fields().items()
                     if info["type"] == "bool" or "enum" in json.dumps(_node(p))}
    assert schema_fields - {"pro_a.certification.kind", "pro_a.start_date"} <= set(names)
    assert {"pro_a.certification", "pro_a.start_date", "pro_a.end_date", "pro_a.training_hours",
            "employee.birth_date", "funding.requested_amount"} <= set(names)
    order = list(names)
    assert order.index("pro_a.start_date") < order.index("pro_a.end_date")  # a bound's inputs come first
    assert order.index("pro_a.training_hours") < order.index("funding.requested_amount")


def _node(path):
    node = load_schema("dossier.schema.json")
    for part in path:
        node = node["properties"][part]
    return {k: v for k, v in node.items() if k == "enum"}


def test_a_field_the_amendment_adds_is_explored(tmp_path):
    schema = copy.deepcopy(load_schema("dossier.schema.json"))
    schema["properties"]["employee"]["properties"]["fictitious_disability"] = {
        "title": "FICTIF : travailleur handicapé", "type": "boolean"}
    target = tmp_path / "new"
    shutil.copytree(POLICIES, target)
    article = target / "article-02.yaml"
    text = article.read_text(encoding="utf-8")
    rule = text[text.index("  - id: art2.cdi_interimaire"):]
    added = (rule.replace("art2.cdi_interimaire", "art2.fictitious_disability")
             .replace(rule[rule.index("condition:"):].split("\n", 1)[0],
                      'condition: "dossier.employee.fictitious_disability != true"'))
    article.write_text(text.rstrip("\n") + "\n" + added, encoding="utf-8")
    # the dossier schema is not versioned with the rules: both versions are read with the current one
    old = PolicySet(read_policy_document(POLICIES), DossierSchema(schema))
    new = PolicySet(read_policy_document(target), DossierSchema(schema))
    found = Explorer(old, new).run()
    assert "employee.fictitious_disability" in {f.name for f in Explorer(old, new).factors}
    flip = found.flips["eligible -> ineligible"]
    assert flip.example["employee"]["fictitious_disability"] is True
    assert flip.new["violations"] == ["art2.fictitious_disability"]
