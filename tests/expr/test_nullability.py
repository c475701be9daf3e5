"""Optional values are typed as such: a rule that uses one without a guard is refused when the policy set
loads, at file:line:col, instead of erring on every dossier that leaves it out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.errors import PolicyError
from proa_policy.expr import ExprError, compile_expr, parse
from proa_policy.expr.compiler import Slot
from proa_policy.expr.types import NUMBER, STRING, Type

from ..conftest import edited_set

OPTIONAL = Type("number", True)


class Scope:
    """`dossier.opt` is optional; `dossier.kind` in ['a'] makes the schema require `dossier.dep`."""

    def resolve(self, name):
        table = {"dossier.opt": Slot(0, OPTIONAL), "dossier.n": Slot(1, NUMBER),
                 "dossier.kind": Slot(2, STRING), "dossier.dep": Slot(3, OPTIONAL)}
        if name.dotted not in table:
            raise ExprError(f"unknown name `{name.dotted}`", name.pos)
        return table[name.dotted]

    def implied_by(self, name, values):
        return frozenset({"dossier.dep"}) if name == "dossier.kind" and values <= {"a"} else frozenset()


def compiles(text: str) -> bool:
    try:
        scope = Scope()
        compile_expr(parse(text), scope, implied=scope.implied_by)
    except ExprError as exc:
        assert "may be absent (null)" in exc.message
        return False
    return True


@pytest.mark.parametrize("text", [
    "dossier.opt != null and dossier.opt > 1",
    "null != dossier.opt and dossier.opt + 1 > dossier.n",
    "dossier.opt == null or dossier.opt <= dossier.n",
    "not (dossier.opt == null) and dossier.opt > 1",
    "if(dossier.opt != null, dossier.opt, 0) > 1",
    "if(dossier.opt == null, 0, dossier.opt) > 1",
    "dossier.opt == 3",
    "dossier.opt == null",
    "dossier.kind in ['a'] and dossier.dep > 1",
])
def test_a_guarded_or_unused_optional_value_is_accepted(text):
    assert compiles(text)


@pytest.mark.parametrize("text", [
    "dossier.opt > 1",
    "dossier.opt + 1 == 2",
    "max(dossier.opt, 1) == 1",
    "dossier.opt != null or dossier.opt > 1",
    "dossier.opt == null and dossier.opt > 1",
    "if(dossier.opt != null, 0, dossier.opt) > 1",
    "dossier.kind in ['a', 'b'] and dossier.dep > 1",
    "dossier.n > 1 and dossier.opt > 1",
])
def test_an_unguarded_optional_value_is_refused(text):
    assert not compiles(text)


def _drop_funding_guard(tmp_path: Path) -> Path:
    guard = '    when: "dossier.funding.requested_amount != null"\n'
    return edited_set(tmp_path, "article-06.yaml", guard, "")


def test_dropping_the_funding_guard_fails_the_load_at_the_use(tmp_path, monkeypatch):
    monkeypatch.setenv("PROA_POLICY_NO_CACHE", "1")
    target = _drop_funding_guard(tmp_path)
    with pytest.raises(PolicyError) as caught:
        load_policies(target)
    problem, *in_messages = caught.value.problems  # the condition, then each message that names the amount
    text = (target / "article-06.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(text, 1) if "condition: \"dossier.funding.requested_amount" in row)
    assert problem.span.file.endswith("article-06.yaml")
    assert (problem.span.line, problem.span.column) == (line, 16)
    assert all("dossier.funding.requested_amount" in p.message for p in [problem, *in_messages])
    assert all(", message" in p.message for p in in_messages)
    result = CliRunner().invoke(main, ["check", "--policies", str(target)])
    assert result.exit_code == 2
    assert (
        f"article-06.yaml:{line}:16: error: rule `art6.funding_within_ceiling`, condition:" in result.stderr
    )


def test_the_shipped_guard_keeps_dossiers_without_funding_eligible(policies):
    from ..conftest import dossier

    decision = policies.evaluate(dossier(funding=...))
    assert decision.verdict == "eligible" and not decision.warnings
    decision = policies.evaluate(dossier(funding__requested_amount=Decimal("999999")))
    assert [w.rule for w in decision.warnings] == ["art6.funding_within_ceiling"]
