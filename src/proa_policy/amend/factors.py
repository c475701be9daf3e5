"""The factors the exploration of `proa-policy diff` combines, read from the dossier schema and the rules.

A *factor* is one thing a dossier can vary, with finitely many *levels* that
together stand for every class of values the rules can tell apart:

* an enumerated or boolean field of the schema: each value;
* an object whose schema couples a discriminator with a field (`if kind is
  rncp then rncp is required`): each value of the discriminator, and for
  the coupled field, when rules test it against the annex, one code per
  class of annex memberships in either version (a code outside both included);
* the date that picks the period (the field compared with the manifest's
  entry into force): the day before and the day of every date at which a
  parameter value, a rule or an annex row starts or stops, other dates of
  the dossier moved along;
* every other field a comparison with a parameter bounds, in either version:
  just below, on and just above each bound (1 day, 0.01) when the field
  stands alone on its side, else around the day where the comparison flips
  (bisection over days).

Levels are relative: a bound is computed on the dossier being built, so the
factors are applied in an order where a bound's inputs are set first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from proa_policy.engine.policyset import PolicySet
from proa_policy.expr import parse
from proa_policy.expr.ast import Binary, Call, ListExpr, Name, Node, Unary, names
from proa_policy.authoring.cases import ORDERING, _unparse

CENT = Decimal("0.01")
SPAN_DAYS = 200 * 366
Dossier = dict[str, Any]
Apply = Callable[[Dossier], Dossier | None]


@dataclass
class Factor:
    name: str
    levels: list[tuple[str, Apply]] = field(default_factory=list)  # (its words, a `Words`; how to set it)
    reads: set[tuple[str, ...]] = field(default_factory=set)  # fields its levels' bounds depend on
    path: tuple[str, ...] = ()


# --- dossier access -------------------------------------------------------------

def get(document: Any, path: tuple[str, ...]) -> Any:
    node = document
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def put(document: Dossier, path: tuple[str, ...], value: Any) -> Dossier:
    """A copy with one field set (None removes it); only the objects along the path are copied."""
    out = dict(document)
    node = out
    for part in path[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


def as_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def shifted(text: Any, days: int) -> str | None:
    day = as_date(text)
    try:
        return None if day is None else (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


# --- reading the policy sets ------------------------------------------------------

def binaries(node: Node) -> list[Binary]:
    """Every binary node of an expression, outermost first."""
    found: list[Binary] = []
    stack = [node]
    while stack:
        current = stack.pop()
        match current:
            case Binary(left=left, right=right):
                found.append(current)
                stack += [right, left]
            case Unary(operand=operand):
                stack.append(operand)
            case Call(args=args) | ListExpr(items=args):
                stack += list(reversed(args))
    return found


def texts(policies: PolicySet) -> list[str]:
    """Every expression of the set: computed values, then each rule's `when` and condition."""
    out = [item.expr for item in policies.document.computed.values()]
    return out + [t for r in policies.rules for t in (r.when, r.condition) if t]


def computed_closure(policies: PolicySet) -> dict[str, set[str]]:
    """For each computed value, the computed values it reads, itself included, transitively."""
    direct = {n: {x.parts[1] for x in names(parse(c.expr)) if x.parts[0] == "computed"}
              for n, c in policies.document.computed.items()}
    out: dict[str, set[str]] = {}

    def close(name: str, trail: frozenset[str]) -> set[str]:
        if name not in out:
            found = {name}
            for other in direct.get(name, ()):
                if other not in trail:
                    found |= close(other, trail | {name})
            out[name] = found
        return out[name]

    for name in direct:
        close(name, frozenset())
    return out


class Reading:
    """What one version's expressions read: fields per computed value, parameters per comparison."""

    def __init__(self, policies: PolicySet):
        self.policies = policies
        self.closure = computed_closure(policies)
        computed = policies.document.computed
        self.direct = {n: names(parse(c.expr)) for n, c in computed.items()}

    def computed_of(self, node: Node) -> set[str]:
        found: set[str] = set()
        for n in names(node):
            if n.parts[0] == "computed":
                found |= self.closure.get(n.parts[1], {n.parts[1]})
        return found

    def fields_of(self, node: Node) -> set[tuple[str, ...]]:
        found = {n.parts[1:] for n in names(node) if n.parts[0] == "dossier"}
        for name in self.computed_of(node):
            found |= {n.parts[1:] for n in self.direct.get(name, ()) if n.parts[0] == "dossier"}
        return found

    def params_of(self, node: Node) -> set[str]:
        found = {n.parts[1] for n in names(node) if n.parts[0] == "param"}
        for name in self.computed_of(node):
            found |= {n.parts[1] for n in self.direct.get(name, ()) if n.parts[0] == "param"}
        return found

    def signature(self, node: Node) -> tuple[Any, ...]:
        """What a comparison means in this version: its text, its computed values, its parameters' values."""
        computed = self.policies.document.computed
        params = self.policies.parameters
        return (_unparse(node),
                tuple(sorted((c, computed[c].expr) for c in self.computed_of(node) if c in computed)),
                tuple(sorted((p, tuple((v.start, v.value) for v in params[p].values))
                             for p in self.params_of(node) if p in params)))


def change_dates(sets: tuple[PolicySet, ...]) -> list[dt.date]:
    """Every date at which something starts or stops applying, in either version (date parameters too)."""
    dates: set[dt.date] = set()
    for policies in sets:
        for parameter in policies.parameters.values():
            dates |= {v.start for v in parameter.values}
            dates |= {v.value for v in parameter.values if isinstance(v.value, dt.date)}
        dates |= {r.effective_from for r in policies.rules if r.effective_from}
        dates |= {r.effective_until + dt.timedelta(days=1) for r in policies.rules if r.effective_until}
        dates |= policies.annex.dates
    return sorted(dates)


def anchor_field(sets: tuple[PolicySet, ...],
                 fields: dict[tuple[str, ...], dict[str, Any]]) -> tuple[str, ...] | None:
    """The date field that picks the period: the one compared with the manifest's entry into force."""
    for policies in sets:
        entry = policies.manifest.entry_into_force
        for text in texts(policies):
            for node in binaries(parse(text)):
                sides = (node.left, node.right)
                named = any(isinstance(s, Name) and s.parts == ("param", entry) for s in sides)
                if node.op in ORDERING and named:
                    for side in sides:
                        if isinstance(side, Name) and side.parts[0] == "dossier" and \
                                fields.get(side.parts[1:], {}).get("type") == "date":
                            return side.parts[1:]
    return None


def annex_tested(sets: tuple[PolicySet, ...]) -> set[tuple[str, ...]]:
    """Dossier fields the rules test for membership in an annex table (`dossier.x in annex.codes`)."""
    found: set[tuple[str, ...]] = set()
    for policies in sets:
        for text in texts(policies):
            for node in binaries(parse(text)):
                left, right = node.left, node.right
                if node.op in ("in", "notin") and isinstance(left, Name) and left.parts[0] == "dossier" \
                        and isinstance(right, Name) and right.parts[0] == "annex":
                    found.add(node.left.parts[1:])
    return found


def code_classes(sets: tuple[PolicySet, ...]) -> list[str]:
    """One code per class of codes the rules cannot tell apart, and one code outside every annex.

    A code enters the rules only through membership in the annex tables; codes
    with the same memberships, at every date, in both versions, get the same
    decisions, so one representative per class is exhaustive.
    """
    union = frozenset().union(*(p.annex.codes for p in sets))
    outside = next(f"RNCP{n}" for n in range(999999, 0, -1) if f"RNCP{n}" not in union)
    tables = [table for p in sets for day in sorted(p.annex.dates | {dt.date.min})
              for table in p.annex.sets_at(day).values()]
    classes: dict[tuple[bool, ...], str] = {}
    for code in [*sorted(union, key=_code_order), outside]:
        classes.setdefault(tuple(code in table for table in tables), code)
    return list(classes.values())


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits else 0, code)
