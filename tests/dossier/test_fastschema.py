"""The compiled dossier check accepts exactly what jsonschema accepts (a differential property test)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, strategies as st

from proa_policy.dossier.schema import DossierSchema, normalize
from proa_policy.dossier.fastschema import compile_schema

from ..conftest import BASE

SCHEMA = DossierSchema()
FAST = compile_schema(SCHEMA.schema)
VALID = normalize(json.loads(json.dumps(BASE, default=float)))[0]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6),
    st.sampled_from(
        [
            "",
            "ETT",
            "ETTI",
            "other",
            "metropole",
            "drom",
            "com",
            "rncp",
            "clea",
            "clea_numerique",
            "RNCP34860",
            "RNCP1234567",
            "RNCP",
            "RNCP12\n",
            "2022-01-10",
            "2021-02-30",
            "2024-02-29",
            "2023-02-29",
            "2022-1-10",
            "2022-01-10T00:00:00",
            "２０２２-01-10",
            "cdi_interimaire",
            "contrat_de_mission",
            "working_time",
            "mixed",
            "outside_working_time",
            "training",
            "vae",
            "x" * 64,
            "x" * 65,
        ]
    ),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(document, prefix=()):
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths(value, (*prefix, key))


ALL_PATHS = list(paths(VALID))


@st.composite
def mutated(draw):
    """The valid dossier with a few fields replaced, removed or added."""
    document = normalize(json.loads(json.dumps(VALID, default=float)))[0]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS[1:]))
        node = document
        for part in path[:-1]:
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
        else:
            if isinstance(node, dict):
                action = draw(st.sampled_from(["replace", "remove", "add"]))
                if action == "replace":
                    node[path[-1]] = draw(values)
                elif action == "remove":
                    node.pop(path[-1], None)
                else:
                    node[draw(st.sampled_from(["rncp", "remuneration", "funding", "extra", "kind"]))] = draw(
                        values
                    )
    return document


def test_the_base_dossier_compiles_and_validates():
    assert FAST is not None
    assert FAST(VALID) and SCHEMA.validator.is_valid(VALID)


@given(mutated())
def test_compiled_check_agrees_with_jsonschema_on_mutated_dossiers(document):
    assert FAST(document) == SCHEMA.validator.is_valid(document)


@given(values)
def test_compiled_check_agrees_with_jsonschema_on_any_value(document):
    assert FAST(document) == SCHEMA.validator.is_valid(document)


def test_unsupported_keywords_fall_back_to_jsonschema():
    assert compile_schema({"type": "array", "items": {"type": "string"}}) is None
    assert compile_schema({"enum": [1, 2]}) is None
    assert compile_schema({"type": "string", "minLength": 2, "maxLength": 3})("abcd") is False
    assert compile_schema({"exclusiveMinimum": 0})(Decimal("0")) is False
