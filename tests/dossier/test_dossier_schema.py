"""The dossier contract: JSON Schema 2020-12 with format checking, French messages, JSON pointers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from proa_policy.read.documents import load_text
from proa_policy.dossier.schema import DossierSchema
from proa_policy.resources import load_schema

from ..conftest import BASE, dossier


@pytest.fixture(scope="module")
def schema():
    return DossierSchema()


def pointers(policies, d):
    decision = policies.evaluate(d)
    assert decision.verdict == "invalid"
    return {e.pointer for e in decision.errors}


def test_schema_is_draft_2020_12_with_french_descriptions():
    document = load_schema("dossier.schema.json")
    Draft202012Validator.check_schema(document)
    assert document["$schema"].endswith("2020-12/schema")

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)

    for node in objects(document):
        assert node.get("additionalProperties") is False
        for name, prop in node.get("properties", {}).items():
            assert "description" in prop, name


def test_base_dossier_is_valid(schema):
    assert schema.is_valid(json.loads(json.dumps(BASE, default=float)))


@pytest.mark.parametrize("change, pointer", [
    ({"pro_a__start_date": "2021-02-30"}, "/pro_a/start_date"),
    ({"employee__birth_date": "2021-13-01"}, "/employee/birth_date"),
    ({"pro_a__end_date": "2022-12-09T00:00:00"}, "/pro_a/end_date"),
    ({"id": ""}, "/id"),
    ({"id": "x" * 65}, "/id"),
    ({"employer__kind": "SARL"}, "/employer/kind"),
    ({"pro_a__total_hours": 0}, "/pro_a/total_hours"),
    ({"pro_a__training_hours": -1}, "/pro_a/training_hours"),
    ({"pro_a__training_hours": "400"}, "/pro_a/training_hours"),
    ({"employee__vocational_diploma": 0}, "/employee/vocational_diploma"),
    ({"pro_a__certification": {"kind": "rncp"}}, "/pro_a/certification/rncp"),
    ({"pro_a__certification": {"kind": "clea", "rncp": "RNCP34860"}}, "/pro_a/certification/rncp"),
    ({"pro_a__certification": {"kind": "rncp", "rncp": "34860"}}, "/pro_a/certification/rncp"),
    ({"pro_a__certification": {"kind": "rncp", "rncp": "RNCP1234567"}}, "/pro_a/certification/rncp"),
    ({"pro_a__remuneration": ...}, "/pro_a/remuneration"),
    ({"funding": {}}, "/funding/requested_amount"),
    ({"funding__requested_amount": -0.01}, "/funding/requested_amount"),
    ({"pro_a__surprise": 1}, "/pro_a/surprise"),
    ({"employee__contract": ...}, "/employee/contract"),
])
def test_schema_errors_name_the_field(policies, change, pointer):
    assert pointer in pointers(policies, dossier(**change))


def test_mixed_training_time_requires_remuneration(policies):
    assert "/pro_a/remuneration" in pointers(
        policies, dossier(pro_a__training_time="mixed", pro_a__remuneration=...)
    )


def test_every_missing_field_is_reported(policies):
    found = pointers(policies, {"id": "X", "employer": {}})
    assert {"/employer/kind", "/employer/territory", "/employee", "/pro_a"} <= found


def test_messages_are_french_by_default_and_english_on_request(policies):
    decision = policies.evaluate(dossier(pro_a__start_date="2021-02-30"))
    assert "n'est pas une date réelle" in decision.errors[0].message
    decision = policies.evaluate(dossier(pro_a__start_date="2021-02-30"), lang="en")
    assert "not a real calendar date" in decision.errors[0].message


@pytest.mark.parametrize("value", [[], "dossier", 42, None, True, 1.5, {"id": 1}])
def test_non_dossiers_are_invalid_not_errors(policies, value):
    decision = policies.evaluate(value)
    assert decision.verdict == "invalid"
    assert decision.errors


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_invalid(policies, value):
    decision = policies.evaluate(dossier(pro_a__training_hours=value))
    assert decision.verdict == "invalid"
    assert decision.errors[0].pointer == "/pro_a/training_hours"


def test_yaml_unquoted_dates_are_the_same_dates(policies):
    text = json.dumps(BASE, default=float)
    from_json = policies.evaluate_document(load_text("d.json", text))
    yaml_text = text.replace('"2022-01-10"', "2022-01-10")
    from_yaml = policies.evaluate_document(load_text("d.yaml", yaml_text))
    assert from_json.to_dict() == from_yaml.to_dict()


def test_python_dates_from_a_plain_yaml_load_are_accepted(policies):
    d = dossier(pro_a__start_date=dt.date(2022, 1, 10), employee__birth_date=dt.date(1985, 4, 2))
    assert policies.evaluate(d).eligible
    d = dossier(pro_a__start_date=dt.datetime(2022, 1, 10, 8, 0))
    assert policies.evaluate(d).verdict == "invalid"


def test_a_date_stays_a_date_where_the_schema_has_a_date_field(policies):
    """No round trip through text: a `datetime.date` reaches the engine as itself; elsewhere it is text."""
    from proa_policy.dossier.schema import normalize
    given = dossier(pro_a__start_date=dt.date(2022, 1, 10), id=dt.date(2021, 1, 1))
    document, issues = normalize(given, policies.schema.date_paths)
    assert issues == [] and type(document["pro_a"]["start_date"]) is dt.date
    assert document["id"] == "2021-01-01" and document["pro_a"]["start_date"] == dt.date(2022, 1, 10)
    assert policies.schema.is_valid(document)
    assert normalize(given)[0]["pro_a"]["start_date"] == "2022-01-10"  # no date field named: all text


@given(st.sampled_from(sorted(DossierSchema().date_paths)), st.dates(), st.booleans())
def test_a_date_decides_as_its_iso_text(policies, path, day, break_it):
    """Whatever the date and whether the dossier is otherwise valid: the same decision, the same issues."""
    as_text, as_date = dossier(), dossier()
    for target, value in ((as_text, day.isoformat()), (as_date, day)):
        node = target
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
        if break_it:
            target["pro_a"]["total_hours"] = "beaucoup"
    assert policies.evaluate(as_date).to_dict() == policies.evaluate(as_text).to_dict()


def test_decimal_and_float_inputs_agree(policies):
    a = policies.evaluate(dossier(pro_a__training_hours=240.5))
    b = policies.evaluate(dossier(pro_a__training_hours=Decimal("240.5")))
    assert a.to_dict() == b.to_dict()


@pytest.mark.parametrize("lang, did_you_mean, write_as, not_finite", [
    ("fr", "vouliez-vous dire `ETT` ?", "écrivez la date en AAAA-MM-JJ : `1990-01-10`",
     "`nan` n'est pas un nombre fini"),
    ("en", "did you mean `ETT`?", "write the date as YYYY-MM-DD: `1990-01-10`", "`nan` is not a finite number"),
])
def test_schema_errors_and_their_hints_are_said_in_the_language_asked(policies, lang, did_you_mean, write_as,
                                                                      not_finite):
    """The hint that says how to fix a value comes in both languages (it used to be French only)."""
    wrong = dossier(employer__kind="ettt", employee__birth_date="10/01/1990")
    messages = " | ".join(e.message for e in policies.evaluate(wrong, lang=lang).errors)
    assert did_you_mean in messages and write_as in messages
    nan = policies.evaluate(dossier(pro_a__total_hours=float("nan")), lang=lang)
    assert [e.message for e in nan.errors] == [not_finite]
