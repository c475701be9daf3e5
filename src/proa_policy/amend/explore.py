"""Behavioural diff: which decisions an amendment changes, found by exploring the input space.

The exploration combines *factors* read from the dossier schema and both
versions of the rules (factors.py, probes.py): every enumerated and boolean
field, the certification with one code per class of annex memberships, the
period (the day before and the day of every change of a parameter, a rule
or an annex row), and every field a comparison with a parameter bounds
(just below, on and just above each bound, or around the day the
comparison flips). Around every seed dossier (the valid test cases of both
versions and any corpus given) it judges:

* each level of each factor alone (one axis at a time);
* the rows of a t = 2 covering array of the factors (covering.py): every
  pair of levels of two factors is set together in some row.

Every condition of the rule language is a boolean combination of such
comparisons and of membership tests in finite sets, so no change of
decision that needs at most two of these classes at once can be missed
where the pair is realisable on a seed. `covered` states exactly which
pairs were realised in a valid dossier; `limits` says what was not.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Callable, Iterable

from proa_policy.amend.covering import covering_array, pairs_count
from proa_policy.engine.decision import Decision, jsonable
from proa_policy.dossier.schema import normalize
from proa_policy.engine.policyset import PolicySet
from proa_policy.amend.factors import Factor, anchor_field, annex_tested, change_dates, code_classes
from proa_policy.amend.probes import (
    Evaluator,
    anchor_factor,
    bound_factors,
    field_factors,
    find_bounds,
    object_factors,
)
from proa_policy.limits import EXPLORATION_BUDGET, EXPLORATION_PER_DOSSIER
from proa_policy.authoring.cases import load_cases
from proa_policy.wording import Count, Words, said

#: Where a dossier came from: the catalogue's words (`Words`, said in the report's language), a corpus file's
#: name as written, or a function making them (a row's origin is written only if it becomes an example).
Origin = str | Callable[[], str]
#: Rows that change decisions are given back to their seed factor by factor: the first few per seed (a bound
#: on the cost with a large corpus; the classes they reveal are usually found by the first ones).
REDUCED_ROWS_PER_SEED = 3


@dataclass
class Flip:
    """One class of changed decisions: how many, and the smallest dossier showing it."""

    kind: str
    count: int = 0
    example: dict[str, Any] | None = None
    example_size: int = 0
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    origin: str = ""  # `Words` (test case, level, pairwise row…) or a corpus file's name

    def add(self, dossier: dict[str, Any], old: Decision, new: Decision, origin: Origin, size: int) -> None:
        self.count += 1
        if self.example is None or size < self.example_size:
            self.example, self.example_size = dossier, size
            self.origin = origin() if callable(origin) else origin
            self.old, self.new = _summary(old), _summary(new)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The flip as JSON: `kind` is an identifier (English), `origin` a sentence said in `lang`."""
        return {"kind": self.kind, "count": self.count, "origin": said(self.origin, lang), "old": self.old,
                "new": self.new, "example": self.example}


@dataclass
class Exploration:
    """What `diff` explored. `covered`, `limits`, `probes` and each flip's `kind` and `origin` are `Words` of
    the catalogue: English as strings, said in another language by `wording.said`."""

    explored: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    flips: "OrderedDict[str, Flip]" = field(default_factory=OrderedDict)
    limits: list[str] = field(default_factory=list)
    probes: list[Words] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    pairs_total: int = 0
    pairs_realised: int = 0

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
    """The classes of a changed decision: `Words`, in English as strings (`eligible -> ineligible`)."""
    kinds = []
    if old.verdict != new.verdict:
        kinds.append(Words("flip.verdicts", {"old": _verdict(old), "new": _verdict(new)}))
    elif {v.rule for v in old.violations} != {v.rule for v in new.violations}:
        kinds.append(Words("flip.violations", {"verdict": _verdict(old)}))
    if old.funding.get("ceiling_eur") != new.funding.get("ceiling_eur"):
        kinds.append(Words("flip.ceiling"))
    if {w.rule for w in old.warnings} != {w.rule for w in new.warnings}:
        kinds.append(Words("flip.warnings"))
    return kinds


def _verdict(decision: Decision) -> Words:
    return Words(f"verdict.{decision.verdict}")


class _Spent(Exception):
    """The exploration budget is spent: the run stops, and its report says so."""


class Explorer:
    """Explores two versions of the rules; `strength` 2 adds the pairwise rows to the one-axis moves."""

    def __init__(self, old: PolicySet, new: PolicySet, strength: int = 2, budget: int = EXPLORATION_BUDGET):
        self.old, self.new, self.strength = old, new, strength
        self.budget = budget
        self._planned = (0, 0)  # seeds and covering rows, for the report of a run the budget cut short
        self.fields = {**old.schema.fields(), **new.schema.fields()}  # a field the amendment adds is explored
        self.result = Exploration()
        self._seen: dict[bytes, tuple[str, ...] | None] = {}  # digest of the dossier -> its classes of change
        self.factors = self._factors()
        self._offsets = [sum(len(f.levels) for f in self.factors[:i]) for i in range(len(self.factors))]
        self._realised: set[tuple[int, int]] = set()

    # --- factors -------------------------------------------------------------------

    def _factors(self) -> list[Factor]:
        sets = (self.old, self.new)
        schema = _merged(self.old.schema.schema, self.new.schema.schema)
        objects, owned = object_factors(schema, annex_tested(sets), code_classes(sets))
        anchor = anchor_field(sets, self.fields)
        factors = field_factors(schema, self.fields, owned | ({anchor} if anchor else set())) + objects
        if anchor is not None:
            factors.append(anchor_factor(anchor, change_dates(sets), self.fields))
        bounds = find_bounds(sets, self.fields, anchor, self.result.probes)
        factors += bound_factors(bounds, Evaluator(sets, anchor))
        return _ordered([f for f in factors if f.levels])

    # --- judging -------------------------------------------------------------------

    def judge(self, dossier: Any, origin: Origin, source: str) -> tuple[str, ...] | None:
        """Judge one dossier by both versions (once): the classes of change it shows, None when invalid."""
        text = _canonical(dossier)
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()  # 16 bytes, not the whole dossier
        if key in self._seen:
            return self._seen[key]
        if self.result.explored >= self.budget:
            raise _Spent
        self.result.explored += 1
        self.result.by_source[source] = self.result.by_source.get(source, 0) + 1
        document, issues = normalize(dossier)
        valid = self._valid(document) if not issues else (False, False)
        if not any(valid):
            self._seen[key] = None
            return None  # invalid for both versions: nothing changes
        old, new = (policies.decide_valid(document) if ok else
                    policies.invalid_decision(None, ())  # which schema errors does not matter here
                    for policies, ok in zip((self.old, self.new), valid))
        kinds = tuple(_classify(old, new))
        for kind in kinds:
            self.result.flips.setdefault(kind, Flip(kind)).add(dossier, old, new, origin, len(text))
        self._seen[key] = kinds
        return kinds

    def _valid(self, document: Any) -> tuple[bool, bool]:
        old = self.old.schema.is_valid(document)
        if self.new.schema.schema is self.old.schema.schema:
            return old, old
        return old, self.new.schema.is_valid(document)

    def run(self, corpus: Iterable[tuple[str, Any]] = ()) -> Exploration:
        """Explore; past the budget (a limit of docs/reliability.md) stop, and say so first in `limits`."""
        try:
            self._explore(corpus)
        except _Spent:
            self._report(*self._planned)
            spent = Words("explore.budget", {"budget": Count(self.budget)})
            self.result.limits = [spent, *self.result.limits]
        return self.result

    def _explore(self, corpus: Iterable[tuple[str, Any]]) -> None:
        seeds = self._seeds(corpus)
        rows = covering_array([len(f.levels) for f in self.factors]) if self.strength >= 2 else []
        self._planned = (len(seeds), len(rows))
        for origin, seed in seeds:
            self._one_axis(origin, seed)
        for origin, seed in seeds:
            reduced = 0
            for number, row in enumerate(rows, 1):
                reduced += self._row(origin, seed, number, row, reduce=reduced < REDUCED_ROWS_PER_SEED)
        self._report(len(seeds), len(rows))

    def _seeds(self, corpus: Iterable[tuple[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        found: list[tuple[str, Any, str]] = [(origin, dossier, "corpus") for origin, dossier in corpus]
        self.budget += EXPLORATION_PER_DOSSIER * len(
            found
        )  # a corpus widens the exploration: so does its budget
        for policies in (self.old, self.new):
            cases, _ = load_cases(policies.document.root)
            found += [(Words("origin.test_case", {"id": case.id}), case.dossier, "test cases")
                      for case in cases]
        unique: "OrderedDict[str, tuple[str, dict[str, Any]]]" = OrderedDict()
        for origin, dossier, source in found:
            self.judge(dossier, origin, source)
            normalized, issues = normalize(dossier)
            if not issues and any(self._valid(normalized)):
                unique.setdefault(_canonical(normalized), (origin, normalized))
        return list(unique.values())

    def _one_axis(self, origin: str, seed: dict[str, Any]) -> None:
        for factor in self.factors:
            for label, apply in factor.levels:
                probe = apply(seed)
                if probe is not None:
                    self.judge(probe, _moved(origin, label), "one axis at a time")

    def _row(self, origin: str, seed: dict[str, Any], number: int, row: tuple[int, ...],
             reduce: bool) -> bool:
        """Judge one row of the covering array on the seed; True when it changed decisions and was reduced."""
        levels = list(enumerate(row))
        dossier, applied = self._build(seed, levels)
        labels = [self.factors[i].levels[level][0] for i, level in levels]
        described = _describe("origin.row", origin, number, labels)
        kinds = self.judge(dossier, described, "pairs of factors")
        if kinds is not None:
            self._realised.update(combinations(applied, 2))
        if kinds and reduce:
            self._reduce(origin, seed, number, levels)
            return True
        return False

    def _build(self, seed: dict[str, Any], levels: list[tuple[int, int]]) -> tuple[dict[str, Any], list[int]]:
        """The seed with the given levels applied in factor order; and the levels that could be applied."""
        dossier, applied = seed, []
        for index, level in levels:
            moved = self.factors[index].levels[level][1](dossier)
            if moved is not None:
                dossier = moved
                applied.append(self._offsets[index] + level)
        return dossier, applied

    def _reduce(self, origin: str, seed: dict[str, Any], number: int, levels: list[tuple[int, int]]) -> None:
        """A row that changes decisions, given back to the seed one factor at a time while it still does.

        A full row sets every factor; the reduced dossiers show the change with
        as few moves as possible, often in another class (e.g. eligible →
        ineligible once the unrelated failures are undone).
        """
        keep = list(levels)
        for item in levels:
            trial = [c for c in keep if c != item]
            dossier, _ = self._build(seed, trial)
            labels = [self.factors[i].levels[level][0] for i, level in trial]
            if self.judge(dossier, _describe("origin.reduced", origin, number, labels),
                          "pairs of factors, reduced"):
                keep = trial

    # --- what was covered ------------------------------------------------------------

    def _report(self, seeds: int, rows: int) -> None:
        result = self.result
        sizes = [len(f.levels) for f in self.factors]
        result.pairs_total = pairs_count(sizes)
        result.pairs_realised = len(self._realised) if self.strength >= 2 else 0
        factors = ", ".join(f"{f.name} ({len(f.levels)})" for f in self.factors)
        result.covered = [
            Words("explore.seeds", {"seeds": seeds}),
            Words("explore.factors", {"count": len(self.factors), "factors": factors}),
            Words("explore.one_axis", {"levels": sum(sizes)}),
        ]
        if self.strength >= 2:
            result.covered.append(Words("explore.pairs", {"rows": rows, "total": result.pairs_total,
                                                          "realised": result.pairs_realised}))
            result.covered.append(Words("explore.reduced", {"count": REDUCED_ROWS_PER_SEED}))
        result.limits = self._limits()

    def _limits(self) -> list[str]:
        """What was not explored, said by the catalogue (`Words`): first the comparisons no field moves."""
        out: list[str] = [note for note in self.result.probes if note.key == "probe.unmoved"]
        if self.strength < 2:
            out.append(Words("explore.one_axis_only"))
        else:
            missing = self.result.pairs_total - self.result.pairs_realised
            if missing:
                out.append(Words("explore.unrealised", {"missing": missing, "pairs": self._unrealised(5)}))
            out.append(Words("explore.three"))
        return out

    def _unrealised(self, limit: int) -> list[Words]:
        labels = [(f, label) for f in self.factors for label, _ in f.levels]
        found = []
        for a, b in combinations(range(len(labels)), 2):
            if labels[a][0] is not labels[b][0] and (a, b) not in self._realised:
                found.append(Words("explore.pair", {"a": labels[a][1], "b": labels[b][1]}))
                if len(found) == limit:
                    break
        return found


def _moved(origin: str, level: str) -> Callable[[], str]:
    """The origin of a seed moved to one level, written only if it becomes an example."""
    return lambda: Words("origin.level", {"origin": origin, "level": level})


def _describe(key: str, origin: str, number: int, labels: list[str]) -> Callable[[], str]:
    """The origin of a row, written only if the row becomes an example (rows are many, examples few)."""
    return lambda: Words(key, {"origin": origin, "number": number, "levels": list(labels)})


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The new schema, with the properties only the old one has (recursively): every field of either."""
    if old is new or not isinstance(old, dict) or not isinstance(new, dict):
        return new
    out = dict(new)
    props = dict(new.get("properties", {}))
    for name, sub in old.get("properties", {}).items():
        props[name] = _merged(sub, props[name]) if name in props else sub
    if props:
        out["properties"] = props
    return out


def _ordered(factors: list[Factor]) -> list[Factor]:
    """Factors in an order where each bound's inputs are set before the field it bounds."""
    placed: list[Factor] = []
    pending = list(factors)
    while pending:
        ready = [f for f in pending if not any(g.path in f.reads for g in pending if g is not f)]
        chosen = ready[0] if ready else pending[0]  # a cycle: keep the schema's order
        placed.append(chosen)
        pending.remove(chosen)
    return placed


def explore(old: PolicySet, new: PolicySet, corpus: Iterable[tuple[str, Any]] = (),
            strength: int = 2) -> Exploration:
    """Explore both versions around the test cases (and `corpus`); see the module's docstring."""
    return Explorer(old, new, strength).run(corpus)
