"""Issue 11 §6: every cost an input can cause is bounded, and each limit is reported when hit.

The limits (src/proa_policy/limits.py, documented in docs/reliability.md "Limits"): dated values per
parameter, periods per policy set, values per YAML document, errors listed per dossier, field names
listed per message, and the budget of `diff`'s exploration. Hostile policy sets are built here from a
copy of the shipped one.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import proa_policy
from proa_policy import PolicyError, load_policies
from proa_policy.read.yamltext import load_yaml
from proa_policy.dossier.schema import DossierSchema, normalize
from proa_policy.errors import DocumentError
from proa_policy.amend.explore import Explorer
from proa_policy.limits import (
    EXPLORATION_BUDGET, MAX_DATED_VALUES, MAX_ISSUES, MAX_NAMES_LISTED, MAX_PERIODS, MAX_YAML_NODES,
)
from proa_policy.policy.model import Parameter, ParameterValue
from proa_policy.source import SourceSpan

from .conftest import BASE, POLICIES

RATE = '''        value: 17
        citation: "Accord du 22 janvier 2021, art. 6, al. 2 : « Le forfait de prise en charge de l'action de formation réalisée dans le cadre de la « Pro-A » est fixé à 17 € de l'heure » (étendu sous réserve, arrêté du 29 avril 2021, art. 1)"
'''
FIRST = dt.date(2021, 6, 1)


def with_dated_values(tmp: Path, count: int, file: str = "article-06.yaml", anchor: str = RATE,
                      start: dt.date = FIRST, step: int = 1) -> Path:
    root = tmp / "set"
    if not root.exists():
        shutil.copytree(POLICIES, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    value = anchor.split("value: ")[1].split("\n")[0]
    extra = "".join(f'      - from: {start + dt.timedelta(days=step * i)}\n        value: {value}\n'
                    f'        citation: "valeur datée n° {i} (essai de limite)"\n' for i in range(count))
    path.write_text(text.replace(anchor, anchor + extra, 1), encoding="utf-8")
    return root


def line_of(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# --- dated values and periods ------------------------------------------------------------------------

def test_a_parameter_at_the_limit_of_dated_values_loads(tmp_path):
    root = with_dated_values(tmp_path, MAX_DATED_VALUES - 1)
    assert len(load_policies(root).parameters["hourly_rate_eur"].values) == MAX_DATED_VALUES


def test_one_dated_value_more_is_a_located_error(tmp_path):
    root = with_dated_values(tmp_path, MAX_DATED_VALUES)
    with pytest.raises(PolicyError) as info:
        load_policies(root)
    last = FIRST + dt.timedelta(days=MAX_DATED_VALUES - 1)  # the 51st value in date order
    line = line_of(root, "article-06.yaml", f"from: {last}")
    assert [str(p) for p in info.value.problems] == [
        f"{root / 'article-06.yaml'}:{line}:9: parameter `hourly_rate_eur`: more than {MAX_DATED_VALUES} "
        "dated values (a limit of docs/reliability.md)"]


def test_1000_dated_values_are_one_error_not_ten_minutes(tmp_path):
    root = with_dated_values(tmp_path, 1000)
    with pytest.raises(PolicyError) as info:
        load_policies(root)
    assert len(info.value.problems) == 1 and "more than 50 dated values" in str(info.value)


def test_more_periods_than_the_limit_is_a_located_error(tmp_path):
    per_parameter = MAX_DATED_VALUES - 1  # each parameter within its own limit, together past the periods'
    anchors = _parameter_anchors()
    assert len(anchors) * per_parameter > MAX_PERIODS, "the shipped set has too few parameters for this test"
    root = None
    for index, (file, anchor) in enumerate(anchors):
        root = with_dated_values(
            tmp_path, per_parameter, file, anchor, FIRST + dt.timedelta(days=index), len(anchors)
        )
    with pytest.raises(PolicyError) as info:
        load_policies(root)
    # every new date is distinct; with the shipped start date, the 201st period starts on new date n° 199
    day = FIRST + dt.timedelta(days=MAX_PERIODS - 1)
    file, _ = anchors[(MAX_PERIODS - 1) % len(anchors)]
    line = line_of(root, file, f"from: {day}")
    assert [str(p) for p in info.value.problems] == [
        f"{root / file}:{line}:9: more than {MAX_PERIODS} periods (dates at which a parameter value, a rule"
        " or the annex changes; a limit of docs/reliability.md)"
    ]


def _parameter_anchors() -> list[tuple[str, str]]:
    """(file, the last line of the value item) for each single-valued parameter of the shipped set."""
    out = []
    for parameter in load_policies(POLICIES).parameters.values():
        if len(parameter.values) != 1 or parameter.values[0].start != dt.date(2021, 5, 12):
            continue
        file = Path(parameter.span.file).name
        lines = (POLICIES / file).read_text(encoding="utf-8").splitlines(keepends=True)
        start = parameter.values[0].span.line - 1  # `- from:` line
        value_line = next(line for line in lines[start:start + 4] if line.strip().startswith("value:"))
        citation = next(line for line in lines[start:start + 6] if line.strip().startswith("citation:"))
        if (
            lines.index(citation) != lines.index(value_line) + 1
            or "".join(lines).count(value_line + citation) != 1
        ):
            continue
        out.append((file, value_line + citation))
    return out


@given(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), min_size=1, max_size=MAX_DATED_VALUES,
                unique=True), st.dates(dt.date(1990, 1, 1), dt.date(2050, 1, 1)))
def test_a_parameter_value_is_found_by_bisection_as_by_reading_in_order(starts, day):
    span = SourceSpan("x.yaml", 1)
    values = tuple(ParameterValue(start, Decimal(i), "c", span) for i, start in enumerate(sorted(starts)))
    parameter = Parameter("p", "p", "number", "x", values, "4", span)
    expected = values[0]
    for value in values:
        if value.start <= day:
            expected = value
    assert parameter.at(day) is expected


# --- YAML values, listed errors --------------------------------------------------------------------------

def test_a_yaml_document_at_the_limit_of_values_loads():
    assert len(load_yaml("- 1\n" * (MAX_YAML_NODES - 1))) == MAX_YAML_NODES - 1  # and the sequence itself


def test_a_5_mb_yaml_sequence_stops_at_the_limit_with_its_line():
    with pytest.raises(DocumentError) as info:
        load_yaml("- 1\n" * 1_300_000)
    assert (info.value.message, info.value.line, info.value.column) == (
        f"more than {MAX_YAML_NODES} values in one YAML document", MAX_YAML_NODES, 3)


def test_a_yaml_dossier_past_the_limit_is_invalid_in_french(tmp_path):
    from click.testing import CliRunner
    from proa_policy.cli import main

    path = tmp_path / "big.yaml"
    path.write_text("id: x\nlist:\n" + "  - 1\n" * (MAX_YAML_NODES + 5), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert f"plus de {MAX_YAML_NODES} valeurs dans un même document YAML" in result.output


def test_errors_listed_per_dossier_are_bounded_and_the_rest_counted():
    document, issues = normalize({"id": "x", "values": [float("nan")] * (MAX_ISSUES + 250)})
    assert len(issues) == MAX_ISSUES + 1
    assert (
        issues[-1].message == f"… et 250 autre(s) erreur(s) non listée(s) (au plus {MAX_ISSUES} par dossier)"
    )
    assert issues[0].pointer == "/values/0" and issues[MAX_ISSUES - 1].pointer == f"/values/{MAX_ISSUES - 1}"


def test_schema_errors_listed_are_bounded_and_the_rest_counted():
    schema = DossierSchema(
        {"type": "object", "properties": {"a": {"type": "array", "items": {"type": "integer"}}}}
    )
    issues = schema.issues({"a": ["x"] * (MAX_ISSUES + 30)}, "en")
    assert len(issues) == MAX_ISSUES + 1
    assert issues[-1].message == f"… and 30 more error(s) not listed (at most {MAX_ISSUES} per dossier)"


def test_unknown_fields_listed_in_one_message_are_bounded():
    dossier = {**BASE, **{f"extra{i:03}": 1 for i in range(300)}}
    decision = proa_policy.load_policies().evaluate(dossier)
    [issue] = [e for e in decision.errors if "champ inconnu" in e.message]
    listed = ", ".join(f"`extra{i:03}`" for i in range(MAX_NAMES_LISTED))
    assert issue.message.startswith(f"champ inconnu : {listed} (+{300 - MAX_NAMES_LISTED}) ; champs admis : ")


# --- diff's budget ------------------------------------------------------------------------------------------

def test_diff_stops_at_its_budget_and_says_so_first(policies):
    exploration = Explorer(policies, policies, budget=40).run([])
    assert exploration.explored == 40
    assert exploration.limits[0] == ("budget: the exploration stopped after 40 dossiers (a limit of "
                                     "docs/reliability.md): decisions beyond it were not compared")


def test_diff_within_its_budget_says_nothing_of_it(policies):
    exploration = Explorer(policies, policies).run([])
    assert exploration.explored < EXPLORATION_BUDGET
    assert not any(limit.startswith("budget") for limit in exploration.limits)


def test_json_lines_chunks_are_bounded_in_bytes_as_well_as_lines(tmp_path):
    from proa_policy.engine.batch import CHUNK, CHUNK_BYTES, _jsonl_units

    path = tmp_path / "big.jsonl"
    line = ('{"id": "x", "pad": "' + "a" * (CHUNK_BYTES * 6 // 10) + '"}\n').encode()
    path.write_bytes(line * 5 + b'{"id": "y"}\n' * (CHUNK + 10))
    sizes = [len(unit.lines) for unit in _jsonl_units(str(path))]
    assert sizes == [2, 2, CHUNK, 11]  # two big lines pass the byte limit; small lines fill a chunk of CHUNK
