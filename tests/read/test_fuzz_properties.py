"""Issue 6 §3: hypothesis fuzzing of the readers and the evaluator — only the documented outcomes come out.

* `documents.load_text` on any text, named `.json`, `.yaml` or neither: a value or a `DocumentError`;
* `inputs` on any bytes: exactly one answer per file and per non-blank JSON Lines line, never an exception;
* `PolicySet.evaluate` on any JSON-like value, and on the valid dossier with any value put anywhere in it:
  a `Decision` (`invalid` for anything that is not an object), never an exception, never the
  `erreur interne` message that means the engine caught a bug, and a report that prints as UTF-8.

Example counts come from the profile loaded in conftest.py (`ci`: 60 per property); the atheris scripts in
`fuzz/` are the long-running, coverage-guided counterpart.
"""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal
from typing import Any

from hypothesis import given, strategies as st

from proa_policy import Decision, DocumentError, PolicySet
from proa_policy.engine.decision import VERDICTS
from proa_policy.read.documents import load_text
from proa_policy.read.jsontext import load_json
from proa_policy.read.inputs import _load_bytes, iter_jsonl
from proa_policy.report import jsonout
from proa_policy.report import text as text_report

from ..conftest import BASE

NAMES = st.sampled_from(["dossier.json", "dossier.yaml", "dossier.yml", "dossier", "dossier.txt", "d.jsonl"])

#: pieces of JSON and YAML syntax, including every hostile construct of tests/hostile/, so that random
#: texts reach past the first character of the parsers
TOKENS = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ":",
        ": ",
        ",",
        '"',
        "'",
        "-",
        "- ",
        " ",
        "  ",
        "\n",
        "\t",
        "\r\n",
        "#",
        "a",
        "id",
        "x:",
        "1",
        "0",
        "-0",
        "017",
        "0o17",
        "0x1F",
        "1_000",
        "1e400",
        "1e-400",
        "1e999999999",
        "9" * 120,
        ".5",
        "NaN",
        "Infinity",
        ".inf",
        ".nan",
        "true",
        "false",
        "True",
        "no",
        "on",
        "null",
        "~",
        "2021-02-30",
        "2022-01-10",
        "2022-01-10T09:00:00",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!!binary",
        "!!set",
        "!!omap",
        "!!seq",
        "!!map",
        "!!str",
        "!!int",
        "!!float",
        "!!bool",
        "!!null",
        "!!timestamp",
        "!foo",
        "!",
        "&a ",
        "*a",
        "<<",
        "? ",
        "%TAG !! tag:yaml.org,2002:python/\n",
        "%YAML 1.1\n",
        "---",
        "---\n",
        "...",
        "|",
        ">",
        "\\u",
        "\\ud800",
        "\\ude00",
        "\\\\",
        "\ufeff",
        "\x00",
        "\x1b",
        "\x85",
        "\u2028",
        "é",
        "😀",
    ]
)
texts = st.one_of(st.text(), st.lists(TOKENS, max_size=40).map("".join))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**99, max_value=10**120),
    st.floats(), st.decimals(), st.text(max_size=20),
    st.sampled_from(["2022-01-10", "2021-02-30", "2022-01-10T09:00:00", "RNCP34860", "ETT", "rncp", "clea",
                     "cdi_interimaire", "working_time", "no", "", "0", "1e400"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)


def _leaves(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if isinstance(value, dict):
        return [p for key, sub in value.items() for p in [(*path, key), *_leaves(sub, (*path, key))]]
    return []


PATHS = _leaves(BASE)


def _answered(decision: Any, dossier: Any) -> None:
    """The totality contract: a Decision with a known verdict, no caught bug, a report that prints."""
    assert isinstance(decision, Decision)
    assert decision.verdict in VERDICTS
    if not isinstance(dossier, dict):
        assert decision.verdict == "invalid"
    if decision.verdict == "invalid":
        assert decision.errors
    for message in [e.message for e in decision.errors] + [
        f.message for f in decision.violations + decision.warnings
    ]:
        assert "erreur interne" not in message, message
    jsonout.dumps(decision.to_dict(explain=True)).encode("utf-8")
    text_report.render_decision(decision, explain=True).encode("utf-8")


# --- readers ----------------------------------------------------------------------------------------------

@given(NAMES, texts)
def test_load_text_returns_a_value_or_a_document_error(name: str, text: str) -> None:
    try:
        load_text(name, text)
    except DocumentError as exc:
        assert exc.message and "\n" not in exc.message  # one line
        assert exc.line >= 0 and exc.column >= 0


@given(st.text(alphabet=st.characters(categories=["Cs", "Ll", "Zs", "Po"]), max_size=20), NAMES)
def test_lone_surrogates_are_a_document_error(text: str, name: str) -> None:
    try:
        load_text(name, text)
    except DocumentError:
        pass


@given(json_values.filter(lambda v: not isinstance(v, float)))
def test_json_written_by_json_reads_back(value: Any) -> None:
    """The strict reader refuses only what it documents: what `json.dumps` writes is read back (or refused
    for a documented limit: non-finite numbers, long numbers, depth)."""
    try:
        text = json.dumps(value, default=str)
    except ValueError:
        return
    try:
        load_json(text)
    except DocumentError as exc:
        assert any(word in exc.message for word in ("finite", "number", "nesting", "surrogate")), exc.message


@given(NAMES, st.binary(max_size=2000))
def test_any_bytes_get_one_answer(name: str, data: bytes) -> None:
    loaded = _load_bytes(name, data)
    assert loaded.source == name
    assert loaded.error is None or loaded.document is None  # a document, or why there is none


@given(
    st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.sampled_from([json.dumps(BASE, default=str).encode(), b"", b"  ", b"\xff"]),
        ),
        max_size=12,
    )
)
def test_json_lines_one_answer_per_non_blank_line(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    answers = list(iter_jsonl("d.jsonl", io.BytesIO(data)))
    expected = [number for number, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    assert [int(a.source.rsplit(":", 1)[1]) for a in answers] == expected
    for answer in answers:
        assert answer.error is None or (
            answer.document is None and answer.error.line == int(answer.source.rsplit(":", 1)[1])
        )


# --- evaluator ----------------------------------------------------------------------------------------------

@given(json_values)
def test_evaluate_any_value(policies: PolicySet, value: Any) -> None:
    _answered(policies.evaluate(value), value)


@given(st.sampled_from(PATHS), json_values, st.sampled_from(["fr", "en"]))
def test_evaluate_the_valid_dossier_with_anything_anywhere(
    policies: PolicySet, path: tuple[str, ...], value: Any, lang: str
) -> None:
    dossier = copy.deepcopy(BASE)
    node = dossier
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    decision = policies.evaluate(dossier, lang=lang, explain=True)
    _answered(decision, dossier)


@given(
    st.dictionaries(
        st.sampled_from(PATHS),
        st.one_of(
            st.integers(-(10**6), 10**6),
            st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9),
            st.dates().map(lambda d: d.isoformat()),
            st.booleans(),
            st.sampled_from(
                [
                    "ETT",
                    "ETTI",
                    "other",
                    "drom",
                    "com",
                    "rncp",
                    "clea",
                    "clea_numerique",
                    "vae",
                    "mixed",
                    "RNCP1120",
                    "RNCP1",
                    "contrat_de_mission",
                    "outside_working_time",
                    "promotion",
                ]
            ),
        ),
        max_size=6,
    )
)
def test_evaluate_near_valid_dossiers(policies: PolicySet, changes: dict[tuple[str, ...], Any]) -> None:
    """Plausible values in the right places reach the rules themselves (dates at the ends of the calendar,
    zero and negative hours, huge amounts): still an answer, never a caught bug."""
    dossier = copy.deepcopy(BASE)
    for path, value in sorted(changes.items()):
        node = dossier
        for key in path[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node[path[-1]] = value
    _answered(policies.evaluate(dossier, explain=True), dossier)


def test_evaluate_non_json_python_values(policies: PolicySet) -> None:
    """What the Python API may be handed beyond JSON: all answered as invalid, none raises."""
    loop: list[Any] = []
    loop.append(loop)
    deep: Any = {}
    for _ in range(10_000):
        deep = {"a": deep}
    for value in [
        {1: "x"},
        {"id": object()},
        {"id": b"bytes"},
        {"id": {1, 2}},
        loop,
        deep,
        float("nan"),
        {"id": Decimal("NaN")},
        {"id": Decimal("sNaN")},
        {"id": Decimal("1e999999")},
        {"id": 10**5000},
        (1, 2),
        Decimal("-0"),
        {"id": float("inf")},
    ]:
        decision = policies.evaluate(value)
        assert decision.verdict == "invalid", value if not isinstance(value, (list, dict)) else type(value)
        _answered(decision, value)
