"""docs/embedding.md runs as written, and decisions match the published decision schema."""

from __future__ import annotations

import doctest
import json
import threading

from jsonschema import Draft202012Validator

from proa_policy.resources import load_schema

from .conftest import ROOT, dossier


def test_embedding_guide_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "embedding.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


def test_decisions_match_the_published_schema(policies):
    validator = Draft202012Validator(
        load_schema("decision.schema.json"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    samples = [dossier(), dossier(pro_a__tutor_designated=False), dossier(employer__kind="other"),
               dossier(pro_a__start_date="2021-02-30"), 42, dossier(funding__requested_amount=99999)]
    for sample in samples:
        for explain in (False, True):
            record = json.loads(
                json.dumps(policies.evaluate(sample, explain=explain).to_dict(explain=explain))
            )
            errors = list(validator.iter_errors(record))
            assert errors == [], errors[0].message


def test_one_policy_set_is_shared_by_threads(policies):
    variants = [dossier(pro_a__training_hours=h, pro_a__total_hours=1600) for h in (100, 240, 400, 401)]
    expected = [policies.evaluate(v).to_dict() for v in variants]
    failures = []

    def work():
        for _ in range(50):
            for variant, wanted in zip(variants, expected):
                if policies.evaluate(variant).to_dict() != wanted:
                    failures.append(variant)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
