"""Positions in a dossier's text: one scan of a JSON text locates all of its values (linear in the text,
however many errors it has); the offset → line/column formula lives in one place (source.line_column)."""

from __future__ import annotations

import json

from hypothesis import given, strategies as st

from proa_policy.read import positions as locate_module
from proa_policy.read.positions import Positions, locate
from proa_policy.source import LineIndex, line_column, pointer

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


def _pointers(value, tokens=()):
    yield tokens, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _pointers(item, (*tokens, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _pointers(item, (*tokens, str(index)))


def _offset(text: str, line: int, column: int) -> int:
    return LineIndex(text).starts[line - 1] + column - 1


@given(JSON, st.sampled_from([None, 1, 2]))
def test_every_value_is_located_where_it_is_written(value, indent):
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    positions = Positions("d.json", text)
    for tokens, expected in _pointers(value):
        line, column = positions.at(pointer(*tokens))
        decoded, _ = json.JSONDecoder().raw_decode(text, _offset(text, line, column))
        assert decoded == expected


@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_line_index_agrees_with_the_formula(text, data):
    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).at(offset) == line_column(text, offset)


def test_a_missing_pointer_gives_its_nearest_parent():
    text = '{\n  "a": {\n    "b": 1\n  }\n}'
    assert locate("d.json", text, "/a/zz/0") == locate("d.json", text, "/a") == (2, 8)
    assert locate("d.json", text, "/a/b") == (3, 10)


def test_many_errors_in_one_json_document_cost_one_scan(monkeypatch):
    scans = []
    original = locate_module._Scanner.index
    monkeypatch.setattr(locate_module._Scanner, "index", lambda self: scans.append(1) or original(self))
    document = {"padding": list(range(1000)), **{f"field{i}": i for i in range(21)}}
    positions = Positions("d.json", json.dumps(document, indent=1))
    found = [positions.at(f"/field{i}") for i in range(21)]
    assert len(set(found)) == 21 and len(scans) == 1
