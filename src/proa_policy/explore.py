"""Behavioural diff: which decisions an amendment changes, found by exploring the input space.

The exploration is built from the two versions' own thresholds:

* seeds: the valid dossiers of both versions' test cases, plus any corpus given;
* categorical sweeps: on each seed, every value of every enumerated field and
  both values of every boolean, and every certification (each annex code of
  either version, a code outside the annex, CléA, CléA numérique);
* boundary probes: for every comparison that involves a parameter, in each
  version, the field it bounds is set on the bound, just below and just
  above it (1 day for dates, 0.01 for amounts and hours) — exactly when the
  field stands alone on one side, by bisection over days otherwise (ages);
* period probes: each seed moved to start the day before and the day of every
  date at which a parameter value or a rule starts or stops, in either version.

Every condition of the rule language is a boolean combination of such
comparisons and of membership tests in finite sets, so along each axis no
change of decision can fall between two explored points. `limits` lists
precisely what this does not cover.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator

from .decision import Decision, jsonable
from .dossier import normalize
from .engine import PolicySet
from .expr import ExprError, parse
from .expr.ast import Binary, Name, names
from .limits import EXPLORATION_BUDGET, EXPLORATION_PER_DOSSIER
from .testing import ORDERING, _comparisons, _unparse, load_cases, parameter_dependencies

CENT = Decimal("0.01")


@dataclass
class Flip:
    """One class of changed decisions: how many, and the smallest dossier showing it."""

    kind: str
    count: int = 0
    example: dict[str, Any] | None = None
    example_size: int = 0
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    origin: str = ""

    def add(self, dossier: dict[str, Any], old: Decision, new: Decision, origin: str) -> None:
        self.count += 1
        size = len(_canonical(dossier))
        if self.example is None or size < self.example_size:
            self.example, self.example_size, self.origin = dossier, size, origin
            self.old, self.new = _summary(old), _summary(new)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "origin": self.origin, "old": self.old, "new": self.new,
                "example": self.example}


@dataclass
class Exploration:
    explored: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    flips: "OrderedDict[str, Flip]" = field(default_factory=OrderedDict)
    limits: list[str] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.flips)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=jsonable)


def _summary(decision: Decision) -> dict[str, Any]:
    return {"verdict": decision.verdict,
            "violations": sorted(v.rule for v in decision.violations),
            "warnings": sorted(w.rule for w in decision.warnings),
            "ceiling_eur": jsonable(decision.funding.get("ceiling_eur"))}


def _classify(old: Decision, new: Decision) -> list[str]:
    kinds = []
    if old.verdict != new.verdict:
        kinds.append(f"{old.verdict} -> {new.verdict}")
    elif {v.rule for v in old.violations} != {v.rule for v in new.violations}:
        kinds.append(f"violations changed ({old.verdict})")
    if old.funding.get("ceiling_eur") != new.funding.get("ceiling_eur"):
        kinds.append("funding ceiling changed")
    if {w.rule for w in old.warnings} != {w.rule for w in new.warnings}:
        kinds.append("warnings changed")
    return kinds


def _get(document: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = document
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(document: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
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


def _as_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _shift_days(text: str, days: int) -> str | None:
    day = _as_date(text)
    if day is None:
        return None
    try:
        return (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


class _Spent(Exception):
    """The exploration budget is spent: the run stops, and its report says so."""


class Explorer:
    def __init__(self, old: PolicySet, new: PolicySet, budget: int = EXPLORATION_BUDGET):
        self.old, self.new = old, new
        self.budget = budget
        self.fields = old.schema.fields()
        self.result = Exploration()
        self._seen: set[str] = set()

    # --- running ---------------------------------------------------------

    def judge(self, dossier: Any, origin: str, source: str) -> None:
        key = _canonical(dossier)
        if key in self._seen:
            return
        if self.result.explored >= self.budget:
            raise _Spent
        self._seen.add(key)
        self.result.explored += 1
        self.result.by_source[source] = self.result.by_source.get(source, 0) + 1
        document, issues = normalize(dossier)
        if issues or not self.old.schema.is_valid(document):
            return  # both versions share the dossier schema: invalid for both, nothing changes
        old = self.old._decide(document, None, "fr", False)
        new = self.new._decide(document, None, "fr", False)
        for kind in _classify(old, new):
            self.result.flips.setdefault(kind, Flip(kind)).add(dossier, old, new, origin)

    def run(self, corpus: Iterable[tuple[str, Any]]) -> Exploration:
        """Explore; past the budget (a limit of docs/reliability.md) stop, and say so first in `limits`."""
        try:
            self._explore(corpus)
        except _Spent:
            spent = (f"budget: the exploration stopped after {self.budget:,} dossiers (a limit of "
                     "docs/reliability.md): decisions beyond it were not compared")
            self.result.limits = [spent, *self.limits()]
        else:
            self.result.limits = self.limits()
        return self.result

    def _explore(self, corpus: Iterable[tuple[str, Any]]) -> None:
        seeds: list[tuple[str, dict[str, Any]]] = []
        for origin, dossier in corpus:
            self.budget += EXPLORATION_PER_DOSSIER  # a corpus widens the exploration: so does its budget
            self.judge(dossier, origin, "corpus")
            normalized, issues = normalize(dossier)
            if not issues and self.old.schema.is_valid(normalized):
                seeds.append((origin, normalized))
        for policies in (self.old, self.new):
            cases, _ = load_cases(policies.document.root)
            for case in cases:
                self.judge(case.dossier, f"test case {case.id}", "test cases")
                normalized, issues = normalize(case.dossier)
                if not issues and self.old.schema.is_valid(normalized):
                    seeds.append((f"test case {case.id}", normalized))
        unique: "OrderedDict[str, tuple[str, dict[str, Any]]]" = OrderedDict()
        for origin, seed in seeds:
            unique.setdefault(_canonical(seed), (origin, seed))
        seeds = list(unique.values())
        moved: list[tuple[str, dict[str, Any]]] = []
        for index, (origin, seed) in enumerate(seeds):
            for label, probe in self.categorical(seed, every_code=index == 0):
                self.judge(probe, f"{origin}, {label}", "enumerations and annex codes")
            for label, probe in self.periods(seed):
                self.judge(probe, f"{origin}, {label}", "effective dates")
                moved.append((f"{origin}, {label}", probe))
        for version, policies in (("old", self.old), ("new", self.new)):
            for comparison, field_path, make in self.boundaries(policies, version):
                for origin, seed in seeds + moved:
                    for label, probe in make(seed):
                        self.judge(probe, f"{origin}, {comparison}: {'.'.join(field_path)} {label}", "parameter bounds")

    # --- axes ----------------------------------------------------------------

    @property
    def codes(self) -> list[str]:
        """Every annex code of either version, and one code outside both annexes."""
        union = self.old.annex.codes | self.new.annex.codes
        outside = next(f"RNCP{n}" for n in range(999999, 0, -1) if f"RNCP{n}" not in union)
        return [*sorted(union, key=lambda c: int(c[4:])), outside]

    @property
    def code_classes(self) -> list[str]:
        """One code per class of codes the rules cannot tell apart.

        A code enters the rules only through membership in `annex.codes` and
        `annex.extended_codes`; codes with the same memberships in both
        versions get the same decisions, so one representative per class is
        exhaustive.
        """
        tables = []
        for policies in (self.old, self.new):
            for day in sorted(policies.annex.dates | {dt.date.min}):
                tables += list(policies.annex.sets_at(day).values())
        classes: dict[tuple[bool, ...], str] = {}
        for code in self.codes:
            classes.setdefault(tuple(code in table for table in tables), code)
        return list(classes.values())

    def categorical(self, seed: dict[str, Any], every_code: bool = False) -> Iterator[tuple[str, dict[str, Any]]]:
        schema = self.old.schema.schema
        for path, info in self.fields.items():
            node = _schema_node(schema, path)
            if node is None or path[-2:] == ("certification", "kind"):
                continue
            if "enum" in node:
                for value in node["enum"]:
                    if _get(seed, path) != value:
                        probe = _set(seed, path, value)
                        if path[-1] == "training_time" and value != "outside_working_time" and not _get(seed, ("pro_a", "remuneration")):
                            continue
                        yield f"{'.'.join(path)} = {value}", probe
            elif info["type"] == "bool":
                value = _get(seed, path)
                if isinstance(value, bool):
                    yield f"{'.'.join(path)} = {str(not value).lower()}", _set(seed, path, not value)
        for pathway in ("training", "vae"):
            base = _set(seed, ("pro_a", "pathway"), pathway)
            for kind in ("clea", "clea_numerique"):
                yield f"{kind}, {pathway}", _set(base, ("pro_a", "certification"), {"kind": kind})
            codes = self.codes if every_code else self.code_classes
            for code in codes:
                yield f"{code}, {pathway}", _set(base, ("pro_a", "certification"), {"kind": "rncp", "rncp": code})

    def periods(self, seed: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
        start = _as_date(seed["pro_a"]["start_date"])
        if start is None:
            return
        dates = set()
        for policies in (self.old, self.new):
            dates |= {v.start for p in policies.parameters.values() for v in p.values}
            dates |= {r.effective_from for r in policies.rules if r.effective_from}
            dates |= {r.effective_until + dt.timedelta(days=1) for r in policies.rules if r.effective_until}
        for day in sorted(dates):
            for target in (day - dt.timedelta(days=1), day):
                shift = (target - start).days
                end = _shift_days(seed["pro_a"]["end_date"], shift)
                birth = _shift_days(seed["employee"]["birth_date"], shift)
                if end is None or birth is None:
                    continue
                probe = _set(seed, ("pro_a", "start_date"), target.isoformat())
                probe = _set(probe, ("pro_a", "end_date"), end)
                probe = _set(probe, ("employee", "birth_date"), birth)
                yield f"moved to start on {target.isoformat()}", probe

    def boundaries(self, policies: PolicySet, version: str) -> Iterator[tuple[str, tuple[str, ...], Callable[[dict[str, Any]], Iterator[tuple[str, dict[str, Any]]]]]]:
        """For every comparison involving a parameter: the field it bounds and a probe maker."""
        deps = parameter_dependencies(policies)
        computed_fields = _computed_fields(policies)
        texts = [item.expr for item in policies.document.computed.values()]
        texts += [t for r in policies.rules for t in (r.condition, r.when) if t]
        seen: set[str] = set()
        for text in texts:
            for node in _comparisons(parse(text)):
                if node.op not in ORDERING:
                    continue
                params = {n.parts[1] for n in names(node) if n.parts[0] == "param"}
                params |= {p for n in names(node) if n.parts[0] == "computed" for p in deps.get(n.parts[1], ())}
                label = _unparse(node)
                if not params or label in seen:
                    continue
                seen.add(label)
                made = self._probe_maker(policies, node, computed_fields)
                if made is None:
                    self.result.probes.append(f"{version}: {label}: no dossier field to move (not partitioned)")
                    continue
                path, maker, how = made
                self.result.probes.append(f"{version}: {label}: {'.'.join(path)} ({how})")
                yield label, path, maker

    def _probe_maker(self, policies: PolicySet, node: Binary, computed_fields: dict[str, set[tuple[str, ...]]]):
        sides = (node.left, node.right)
        for here, there in (sides, sides[::-1]):
            if isinstance(here, Name) and here.parts[0] == "dossier":
                path = here.parts[1:]
                there_fields = _fields_of(there, computed_fields)
                if path in there_fields:
                    continue
                kind = self.fields.get(path, {}).get("type")
                bound_text = _unparse(there)
                try:
                    compiled: dict[dt.date, Any] = {}
                except ExprError:  # pragma: no cover
                    continue

                def maker(seed: dict[str, Any], path=path, kind=kind, bound_text=bound_text, compiled=compiled):
                    day = _as_date(seed["pro_a"]["start_date"]) or dt.date.today()
                    period = policies.period_for(day).start or day
                    if period not in compiled:
                        compiled[period] = policies.expression(bound_text, day)
                    try:
                        bound = compiled[period](seed)
                    except Exception:
                        return
                    if bound is None:
                        return
                    if kind == "date" and isinstance(bound, dt.date):
                        for delta, name in ((-1, "just below the bound"), (0, "on the bound"), (1, "just above the bound")):
                            try:
                                value = (bound + dt.timedelta(days=delta)).isoformat()
                            except OverflowError:
                                continue
                            yield f"{name} ({value})", _set(seed, path, value)
                    elif kind == "number":
                        bound = Decimal(bound)
                        for delta, name in ((-CENT, "just below the bound"), (Decimal(0), "on the bound"), (CENT, "just above the bound")):
                            yield f"{name} ({bound + delta})", _set(seed, path, bound + delta)

                return path, maker, "exact bound"
        # no field alone on a side: bisection over a date field the comparison depends on
        candidates = [p for p in sorted(_fields_of(node, computed_fields))
                      if self.fields.get(p, {}).get("type") == "date" and p != ("pro_a", "start_date")]
        if not candidates:
            return None
        path = candidates[0]
        text = _unparse(node)
        compiled: dict[dt.date, Any] = {}

        def bisect_maker(seed: dict[str, Any]):
            day = _as_date(seed["pro_a"]["start_date"])
            current = _as_date(_get(seed, path))
            if day is None or current is None:
                return
            period = policies.period_for(day).start or day
            if period not in compiled:
                compiled[period] = policies.expression(text, day)
            test = compiled[period]

            def outcome(offset: int) -> Any:
                try:
                    return test(_set(seed, path, (current + dt.timedelta(days=offset)).isoformat()))
                except Exception:
                    return None

            span = 200 * 366
            for lo, hi in ((-span, 0), (0, span)):
                try:
                    a, b = outcome(lo), outcome(hi)
                except OverflowError:
                    continue
                if a is None or b is None or a == b:
                    continue
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if outcome(mid) == a:
                        lo = mid
                    else:
                        hi = mid
                for offset, name in ((lo - 1, "before the flip"), (lo, "last day before the flip"), (hi, "first day after the flip"), (hi + 1, "after the flip")):
                    value = (current + dt.timedelta(days=offset)).isoformat()
                    yield f"{name} ({value})", _set(seed, path, value)

        return path, bisect_maker, "bisection over days"

    def limits(self) -> list[str]:
        out = []
        old_rules = {r.id: r for r in self.old.rules}
        for rule in self.new.rules:
            before = old_rules.get(rule.id)
            if before is not None and (before.condition, before.when) != (rule.condition, rule.when):
                out.append(f"rule `{rule.id}` changed its condition: its new comparisons are probed only where they involve a parameter; "
                           "other changed comparisons are explored through the seeds and the categorical sweeps")
        for line in self.result.probes:
            if "not partitioned" in line:
                out.append(line)
        out.append("combinations: each axis is explored around every seed dossier (test cases and corpus); "
                   "combinations of several bounds at once are explored only as far as the seeds combine them")
        return out


def _schema_node(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    node = schema
    for part in path:
        node = node.get("properties", {}).get(part)
        if node is None:
            return None
    return node


def _computed_fields(policies: PolicySet) -> dict[str, set[tuple[str, ...]]]:
    """The dossier fields each computed value reads, transitively."""
    computed = policies.document.computed
    direct = {n: names(parse(c.expr)) for n, c in computed.items()}
    out: dict[str, set[tuple[str, ...]]] = {}

    def fields(name: str, trail: frozenset[str] = frozenset()) -> set[tuple[str, ...]]:
        if name in out:
            return out[name]
        found: set[tuple[str, ...]] = set()
        for n in direct.get(name, []):
            if n.parts[0] == "dossier":
                found.add(n.parts[1:])
            elif n.parts[0] == "computed" and n.parts[1] not in trail:
                found |= fields(n.parts[1], trail | {name})
        out[name] = found
        return found

    for name in computed:
        fields(name)
    return out


def _fields_of(node: Any, computed_fields: dict[str, set[tuple[str, ...]]]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for n in names(node):
        if n.parts[0] == "dossier":
            found.add(n.parts[1:])
        elif n.parts[0] == "computed":
            found |= computed_fields.get(n.parts[1], set())
    return found
