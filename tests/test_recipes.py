"""The recipes of docs/architecture.md ("where to change what"), each done once with a throwaway change."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy import PolicySet
from proa_policy.cli import main
from proa_policy.dossier.schema import DossierSchema
from proa_policy.expr import compile_expr, parse
from proa_policy.expr import functions
from proa_policy.expr.functions import Function
from proa_policy.expr.types import NUMBER
from proa_policy.report import formats

from .conftest import dossier

ROOT = Path(__file__).resolve().parent.parent
ELIGIBLE = str(ROOT / "examples" / "dossiers" / "eligible-clea.yaml")

# Recipe "add an operator" (`%`, the remainder), as the edits docs/architecture.md lists: file, text, new
# text. Each text must be found exactly once: when the code moves, this test says which step is stale.
OPERATOR_RECIPE = [
    ("expr/parser.py", r"|\*|/|", r"|\*|/|%|"),  # the token
    ("expr/parser.py", 'in ("*", "/")', 'in ("*", "/", "%")'),  # its precedence level: with `*` and `/`
    ("expr/compiler.py", '"/": _EXACT.divide}', '"/": _EXACT.divide, "%": _EXACT.remainder}'),  # exact
    ("expr/compiler.py", 'case Binary(op="+" | "-" | "*" | "/"):',
     'case Binary(op="+" | "-" | "*" | "/" | "%"):'),  # its type rule: numbers, used (so present)
]
USE_OPERATOR = """
from proa_policy.expr import compile_expr, parse
from proa_policy.expr.parser import ExprError

class Scope:
    def resolve(self, name):
        raise AssertionError(name)

try:
    print(compile_expr(parse("17 % 5 == 2 and 2 + 7 % 4 * 2 == 8"), Scope()).fn([]))
except ExprError as exc:
    print("refused:", exc.message)
"""


@pytest.fixture
def throwaway_format():
    """Recipe "add an output format": one registration in report/formats.py."""
    fmt = formats.register(formats.Format(
        "verdicts", record=lambda decision, lang, explain, style: f"{decision.verdict}\n",
        items=lambda report: "".join(f"{item.status}\n" for item in report.items)))
    yield fmt
    del formats.REGISTRY["verdicts"]


def test_a_registered_format_serves_every_command(throwaway_format, tmp_path):
    assert CliRunner().invoke(main, ["evaluate", ELIGIBLE, "--format", "verdicts"]).stdout == "eligible\n"
    assert CliRunner().invoke(main, ["validate", ELIGIBLE, "--format", "verdicts"]).stdout == "passed\n"
    out = tmp_path / "cases.txt"
    result = CliRunner().invoke(main, ["test", "-k", "art06", "-o", f"verdicts={out}"])
    assert result.exit_code == 0 and set(out.read_text().split()) == {"passed"}
    assert "verdicts" in CliRunner().invoke(main, ["check", "--help"]).output


def test_a_registered_function_is_usable_in_conditions(monkeypatch):
    """Recipe "add a function": one entry in expr/functions.py's FUNCTIONS."""
    monkeypatch.setitem(functions.FUNCTIONS, "double",
                        Function(lambda x: x * 2, (NUMBER,), NUMBER, doc="deux fois"))

    class Scope:
        def resolve(self, name):  # pragma: no cover - no name in this expression
            raise AssertionError(name)

    assert compile_expr(parse("double(21) == 42"), Scope()).fn([]) is True


def test_a_new_dossier_field_can_be_read_by_a_rule(policies):
    """Recipe "add a dossier field": the schema gets it, then a rule may name it (typed from the schema)."""
    schema = copy.deepcopy(DossierSchema().schema)
    schema["properties"]["pro_a"]["properties"]["mentor_hours"] = {"type": "number", "minimum": 0}
    article = next(a for a in policies.document.articles if a.article == "6")
    rule = replace(article.rules[0], id="art6.mentor_hours", kind="warning",
                   when="dossier.pro_a.mentor_hours != null", condition="dossier.pro_a.mentor_hours <= 10",
                   message={"fr": "plus de {dossier.pro_a.mentor_hours} heures de tutorat",
                            "en": "more than {dossier.pro_a.mentor_hours} mentor hours"}, message_cases=())
    articles = tuple(replace(a, rules=(*a.rules, rule)) if a is article else a
                     for a in policies.document.articles)
    extended = PolicySet(replace(policies.document, articles=articles), DossierSchema(schema))
    assert extended.evaluate(dossier()).warnings == ()
    warned = extended.evaluate(dossier(pro_a__mentor_hours=12)).warnings
    assert [w.rule for w in warned] == ["art6.mentor_hours"]


def _run_with(package: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(package)}
    result = subprocess.run([sys.executable, "-c", USE_OPERATOR], env=env, capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


def test_an_operator_added_as_the_recipe_says_parses_types_and_evaluates(tmp_path):
    """Recipe "add an operator": the token and precedence in expr/parser.py, the case in expr/compiler.py.

    Done on a copy of the package (the operators are code, not a registry); the copy before the edit refuses
    `%`, the copy after it computes exactly, with `%` bound as tightly as `*`."""
    package = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "proa_policy", package / "proa_policy",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert _run_with(package) == "refused: unexpected character `%`"
    for name, old, new in OPERATOR_RECIPE:
        path = package / "proa_policy" / name
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{name}: the recipe's step `{old}` no longer matches the code"
        path.write_text(text.replace(old, new), "utf-8")
    assert _run_with(package) == "True"
