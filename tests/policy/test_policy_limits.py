"""Issue 11 §5: a short policy file never ends in a traceback.

Long chains of operators (in a condition, a `when`, a computed value or a message placeholder) and long
chains of computed values reading one another are located load errors past a documented limit
(docs/reliability.md, "Limits"), and a policy set at the limits goes through every command. The hostile
sets are built here from a copy of the shipped one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

import proa_policy
from proa_policy import PolicyError
from proa_policy.cli import main
from proa_policy.expr.ordering import MAX_COMPUTED_CHAIN
from proa_policy.expr.parser import MAX_TREE_DEPTH, ExprError, parse

from ..conftest import POLICIES

ART6 = "article-06.yaml"
CEILING_EXPR = '"round_half_up(param.hourly_rate_eur * dossier.pro_a.training_hours, 2)"'
CONDITION = '"dossier.funding.requested_amount <= computed.funding_ceiling_eur"'
WHEN = '"dossier.funding.requested_amount != null"'
PLACEHOLDER = "{euros(computed.funding_ceiling_eur)}\""


def copy_set(tmp: Path) -> Path:
    root = tmp / "set"
    shutil.copytree(POLICIES, root)
    return root


def replace(root: Path, old: str, new: str, file: str = ART6) -> tuple[int, int]:
    """Replace the first `old` by `new`; return (line, 1-based column) where `new` starts."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def chain(term: str, op: str, operators: int) -> str:
    return f" {op} ".join([term] * (operators + 1))


def deepest_offset(term: str, op: str, operators: int) -> int:
    """Offset of the operator reported: the first one below MAX_TREE_DEPTH levels (chains lean left)."""
    index = operators - MAX_TREE_DEPTH - 1  # 0-based index, from the left, of that operator
    return len(term) + 1 + index * (len(term) + len(op) + 2)


def load_error(root: Path) -> list[str]:
    with pytest.raises(PolicyError) as info:
        proa_policy.load_policies(root)
    return [str(p) for p in info.value.problems]


TOO_DEEP = f"condition nested deeper than {MAX_TREE_DEPTH} levels of operators: split it into computed values"


# --- chains of operators ------------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["+", "*", "-", "/"])
def test_400_chained_terms_in_a_computed_value_are_a_located_error(tmp_path, op):
    root = copy_set(tmp_path)
    text = chain("2", op, 400)  # 1,601 characters: under the length limit
    line, column = replace(root, CEILING_EXPR, f'"{text}"')
    offset = deepest_offset("2", op, 400)
    assert load_error(root) == [
        f"{root / ART6}:{line}:{column + offset}: computed `funding_ceiling_eur`: {TOO_DEEP}"
    ]


@pytest.mark.parametrize("op", ["and", "or"])
def test_200_chained_terms_in_a_condition_are_a_located_error(tmp_path, op):
    root = copy_set(tmp_path)
    term = "true"
    line, column = replace(root, CONDITION, f'"{chain(term, op, 200)}"')
    offset = deepest_offset(term, op, 200)
    assert load_error(root) == [
        f"{root / ART6}:{line}:{column + offset}: rule `art6.funding_within_ceiling`, condition: {TOO_DEEP}"]


def test_chained_terms_in_a_when_are_a_located_error(tmp_path):
    root = copy_set(tmp_path)
    term = "true"
    line, column = replace(root, WHEN, f'"{chain(term, "and", 150)}"')
    offset = deepest_offset(term, "and", 150)
    assert load_error(root) == [
        f"{root / ART6}:{line}:{column + offset}: rule `art6.funding_within_ceiling`, when: {TOO_DEEP}"]


def test_chained_terms_in_a_message_placeholder_are_a_located_error(tmp_path):
    root = copy_set(tmp_path)
    text = chain("1", "+", 400)
    line, _ = replace(root, PLACEHOLDER, "{" + text + "}\"")
    [problem] = load_error(root)
    assert problem.startswith(f"{root / ART6}:{line}:")
    assert "rule `art6.funding_within_ceiling`, message, placeholder" in problem and problem.endswith(
        TOO_DEEP
    )


def test_a_chain_at_the_limit_loads_and_one_more_operator_does_not():
    term = "dossier.x"
    assert parse(chain(term, "+", MAX_TREE_DEPTH)) is not None
    with pytest.raises(ExprError) as info:
        parse(chain(term, "+", MAX_TREE_DEPTH + 1))
    assert (info.value.message, info.value.pos) == (TOO_DEEP, len(term) + 1)


def test_nesting_of_every_kind_counts_towards_the_limit():
    for text in ["not " * 49 + "x", "- " * 49 + "x", "(" * 49 + "x" + ")" * 49,
                 "f(" * 49 + "x" + ")" * 49, "[" + chain("1", "+", MAX_TREE_DEPTH - 1) + "]"]:
        parse(text)
    for text in [
        "f(" * 51 + "x" + ")" * 51,
        "[" + chain("1", "+", MAX_TREE_DEPTH) + "]",
        "(" * 51 + "x" + ")" * 51,
        "- " * 51 + "x",
    ]:
        with pytest.raises(ExprError, match="nested deeper than"):
            parse(text)


@given(st.sampled_from(["+", "-", "*", "/", "and", "or", "==", "<"]), st.integers(0, 700),
       st.sampled_from(["x", "1", "(x)", "f(x)", "-x", "not x"]))
def test_parse_either_succeeds_or_raises_a_located_expr_error(op, operators, term):
    text = chain(term, op, operators)
    try:
        parse(text)
    except ExprError as exc:
        assert 0 <= exc.pos < len(text) and exc.message


# --- chains of computed values ------------------------------------------------------------------------

def computed_chain(length: int) -> str:
    """`c0` reads `c1` reads … `c{length-1}`, which reads the training hours."""
    items = []
    for i in range(length):
        expr = f"computed.c{i + 1} + 1" if i < length - 1 else "dossier.pro_a.training_hours"
        items.append(f'  - name: c{i}\n    label: "maillon {i}"\n    expr: "{expr}"\n'
                     f'    interpretation: "chaîne de test"\n')
    return "".join(items)


def test_1200_chained_computed_values_are_one_located_error(tmp_path):
    root = copy_set(tmp_path)
    line, _ = replace(root, "not_checked:\n", computed_chain(1200) + "not_checked:\n")
    # c1199 reads no computed value (chain 1); c{1200 - 33} is the first whose chain is 33 long
    first = 1200 - MAX_COMPUTED_CHAIN - 1
    assert load_error(root) == [
        f"{root / ART6}:{line + 4 * first + 2}:11: computed `c{first}`: a chain of more than"
        f" {MAX_COMPUTED_CHAIN} computed values reading one another"
    ]


def test_a_computed_chain_at_the_limit_loads(tmp_path):
    root = copy_set(tmp_path)
    replace(root, "not_checked:\n", computed_chain(MAX_COMPUTED_CHAIN) + "not_checked:\n")
    assert "c0" in proa_policy.load_policies(root).document.computed


def test_a_long_computed_cycle_is_reported_once_without_recursion(tmp_path):
    root = copy_set(tmp_path)
    cycle = computed_chain(1500).replace('"dossier.pro_a.training_hours"', '"computed.c0 + 1"')
    line, _ = replace(root, "not_checked:\n", cycle + "not_checked:\n")
    [problem] = load_error(root)
    path = " -> ".join(f"c{i}" for i in [*range(1500), 0])
    assert problem == f"{root / ART6}:{line + 2}:11: computed values form a cycle: {path}"


# --- a set at every limit goes through every command -----------------------------------------------------

def at_the_limits(tmp_path: Path) -> Path:
    root = copy_set(tmp_path)
    replace(
        root, "not_checked:\n", computed_chain(MAX_COMPUTED_CHAIN - 1) + "not_checked:\n"
    )  # the ceiling reads c0
    deep = chain("computed.c0", "+", MAX_TREE_DEPTH - 3)  # round_half_up, + and * hold it: 64 levels
    replace(
        root,
        CEILING_EXPR,
        f'"round_half_up(({deep}) * 0 + param.hourly_rate_eur * dossier.pro_a.training_hours, 2)"',
    )
    return root


@pytest.mark.parametrize("args, code", [
    (["evaluate", "examples/dossiers/eligible-clea.yaml"], 0),
    (["explain", "art6.funding_within_ceiling"], 0),
    (["test"], 0),
    (["check"], None),
])
def test_a_set_at_the_limits_goes_through_every_command(tmp_path, args, code):
    root = at_the_limits(tmp_path)
    result = CliRunner().invoke(main, [*args, "--policies", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == code if code is not None else result.exit_code in (0, 2)


def test_diff_against_a_set_at_the_limits_exits_with_a_decision_code(tmp_path):
    root = at_the_limits(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0  # the deep sum is multiplied by 0: no decision changes
