"""Issue 11 §10: a number is ASCII digits in the YAML 1.2 core grammar, nothing else.

Python's `Decimal()` and `int()` also read Arabic-Indic and full-width digits, PEP 515 underscores and
surrounding spaces; none of them is a number in a dossier, a policy file or a condition.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from proa_policy.read.jsontext import load_json
from proa_policy.read.yamltext import load_yaml
from proa_policy.errors import DocumentError
from proa_policy.expr.parser import ExprError, parse

CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", re.ASCII)
CORE_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)", re.ASCII)


@pytest.mark.parametrize(
    "text", ["٤٠٠", "１６００", "1_600", " 1600", "1600 ", "1600\n", "৪", "1٠", "0x10", "1e", ""]
)
def test_a_tagged_float_that_is_not_ascii_core_grammar_is_refused(text):
    with pytest.raises(DocumentError, match="not a number"):
        load_yaml(f"a: !!float {text!r}")  # quoted: the tag is what makes it a number


@pytest.mark.parametrize("text", ["١٦٠٠", "１６００", "1_600", " 16", "16\n", "017", "+", "1.0"])
def test_a_tagged_int_that_is_not_ascii_decimal_is_refused(text):
    with pytest.raises(DocumentError, match="not a decimal integer"):
        load_yaml(f"a: !!int {text!r}")


@pytest.mark.parametrize(
    "text, value",
    [
        ("400", Decimal(400)),
        ("-1.5", Decimal("-1.5")),
        (".5", Decimal(".5")),
        ("017", Decimal(17)),
        ("1e3", Decimal("1e3")),
    ],
)
def test_a_tagged_float_in_the_core_grammar_is_read_exactly(text, value):
    assert load_yaml(f"a: !!float {text}") == {"a": value}


@given(st.text(alphabet=st.sampled_from("0123456789١٦٠٤１６_+-.eE \n"), min_size=1, max_size=12))
def test_a_tagged_float_is_a_number_exactly_when_it_is_core_grammar(text):
    try:
        value = load_yaml(f"a: !!float {text!r}")["a"]
    except DocumentError:
        assert not CORE_FLOAT.fullmatch(text)
    else:
        assert CORE_FLOAT.fullmatch(text) and value == Decimal(text)


@given(st.text(alphabet=st.sampled_from("0123456789١٦٠٤１６_+- \n"), min_size=1, max_size=12))
def test_a_tagged_int_is_a_number_exactly_when_it_is_ascii_decimal(text):
    try:
        value = load_yaml(f"a: !!int {text!r}")["a"]
    except DocumentError:
        assert not CORE_INT.fullmatch(text)
    else:
        assert CORE_INT.fullmatch(text) and value == int(text)


@pytest.mark.parametrize("text", ['{"a": ١٦٠٠}', '{"a": 1١}', '{"a": １６}', '{"a": 1_600}', '{"a": 1.5١}'])
def test_json_numbers_are_ascii_digits(text):
    with pytest.raises(DocumentError):
        load_json(text)


@pytest.mark.parametrize("text", ["x >= ١٥٠", "x >= １５０", "x >= 1_50", "x >= 1٠"])
def test_a_condition_reads_ascii_digits_only(text):
    with pytest.raises(ExprError):
        parse(text)
