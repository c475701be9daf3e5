"""A dossier's values against the accord's thresholds, a line each: « formation : 140 h — minimum N h ».

Read from the rules themselves: every comparison of a rule's condition
between two plain names — a dossier field or a computed value on one side, a
parameter or a computed value on the other (`dossier.pro_a.training_hours >=
param.training_min_hours`) — is said with the values the rule read. A
comparison with arithmetic on a side (a share of the total duration) is not
rewritten: the page lists its values and thresholds as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from proa_policy.engine.decision import RuleResult
from proa_policy.expr import parse
from proa_policy.expr.ast import Binary, Call, ListExpr, Name, Node, Unary

_FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
_NUMBER_WORDS = {">=": "minimum", ">": "plus de", "<=": "maximum", "<": "moins de"}
_DATE_WORDS = {">=": "au plus tôt le", ">": "après le", "<=": "au plus tard le", "<": "avant le"}
_UNIT_IN_TITLE = re.compile(r"\s*\((?:heures|mois|ans|€[^)]*|en €[^)]*)\)\s*$")


@dataclass(frozen=True, slots=True)
class Comparison:
    subject: str  # dossier.… or computed.…
    op: str  # as read with the subject on the left
    bound: str  # param.… or computed.…


def comparisons_of(condition: str) -> list[Comparison]:
    """The plain name-against-name ordering comparisons of a condition, subject first."""
    found: list[Comparison] = []
    stack: list[Node] = [parse(condition)]
    while stack:
        node = stack.pop()
        match node:
            case Binary(op=op, left=Name() as left, right=Name() as right) if op in _FLIPPED:
                a, b = ".".join(left.parts), ".".join(right.parts)
                if _is_subject(a) and _is_bound(b):
                    found.append(Comparison(a, op, b))
                elif _is_subject(b) and _is_bound(a):
                    found.append(Comparison(b, _FLIPPED[op], a))
            case Binary(left=left, right=right):
                stack += [left, right]
            case Unary(operand=operand):
                stack.append(operand)
            case Call(args=items) | ListExpr(items=items):
                stack += list(items)
    return sorted(found, key=lambda c: (c.subject, c.bound))


def _is_subject(name: str) -> bool:
    return name.startswith(("dossier.", "computed."))


def _is_bound(name: str) -> bool:
    return name.startswith(("param.", "computed."))


class Thresholds:
    """Per rule, its comparisons; per decision, the lines to show (`show` words a value with a unit)."""

    def __init__(self, policies: Any, titles: dict[str, str], show: Any, money: Any):
        self.policies = policies
        self.titles = titles
        self.show, self.money = show, money
        self.by_rule = {rule.id: comparisons_of(rule.condition) for rule in policies.rules}

    def lines(self, result: RuleResult) -> list[str]:
        if result.status not in ("passed", "failed"):
            return []
        read = {v.name: v.value for v in result.values}
        read.update({"param." + p.name: p.value for p in result.parameters})
        out = []
        for comparison in self.by_rule.get(result.rule, ()):
            value, bound = read.get(comparison.subject), read.get(comparison.bound)
            if value is None or bound is None:
                continue
            out.append(self._line(comparison, value, bound))
        return out

    def _line(self, comparison: Comparison, value: Any, bound: Any) -> str:
        title = self.titles.get(comparison.subject, comparison.subject)
        if isinstance(value, dt.date) or isinstance(bound, dt.date):
            words = _DATE_WORDS[comparison.op]
            return f"{title} : {self.show(value)} — {words} {self.show(bound)}"
        words = _NUMBER_WORDS[comparison.op]
        if comparison.bound.endswith("_eur") or "€" in title:
            return f"{_UNIT_IN_TITLE.sub('', title)} : {self.money(value)} — {words} {self.money(bound)}"
        parameter = self.policies.parameters.get(comparison.bound.removeprefix("param."))
        unit = parameter.unit if parameter is not None and comparison.bound.startswith("param.") else ""
        if not unit:
            return f"{title} : {self.show(value)} — {words} {self.show(bound)}"
        title = _UNIT_IN_TITLE.sub("", title)
        return f"{title} : {self.show(value, unit)} — {words} {self.show(bound, unit)}"
