"""The levels of each factor of the exploration (see factors.py): how a dossier is moved to each class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from proa_policy.engine.policyset import PolicySet
from proa_policy.expr import parse
from proa_policy.expr.ast import Binary, Name, Node
from proa_policy.amend.factors import (
    CENT,
    SPAN_DAYS,
    Apply,
    Dossier,
    Factor,
    Reading,
    as_date,
    binaries,
    get,
    put,
    shifted,
    texts,
)
from proa_policy.authoring.cases import ORDERING, _unparse
from proa_policy.wording import Words


@dataclass(frozen=True)
class Bound:
    """A comparison with a parameter, seen from the dossier field it bounds."""

    version: int  # index of the policy set
    label: Words  # "old: dossier.x >= …" (`bound.old`, `bound.new`, `bound.version`)
    path: tuple[str, ...]
    text: str  # the bound's expression (exact) or the whole comparison (bisection)
    exact: bool
    kind: str  # date | number
    reads: frozenset[tuple[str, ...]]  # other fields the bound depends on


class Evaluator:
    """Evaluates bounds on dossiers, compiling each expression once per period of its version."""

    def __init__(self, sets: tuple[PolicySet, ...], anchor: tuple[str, ...] | None):
        self.sets, self.anchor = sets, anchor
        self._compiled: dict[tuple[int, str, dt.date], Callable[[Dossier], Any]] = {}
        self._flips: dict[tuple[Any, ...], tuple[dt.date, dt.date] | None] = {}
        self._bounds: dict[tuple[Any, ...], Any] = {}

    def bound(self, bound: Bound, dossier: Dossier) -> Any:
        """The bound's value on `dossier`, remembered by the values of the fields it reads (and the day)."""
        key = (bound, repr(get(dossier, self.anchor)) if self.anchor else "",
               tuple(repr(get(dossier, p)) for p in sorted(bound.reads)))
        if key not in self._bounds:
            self._bounds[key] = self.value(bound.version, bound.text, dossier)
        return self._bounds[key]

    def value(self, version: int, text: str, dossier: Dossier) -> Any:
        day = as_date(get(dossier, self.anchor)) if self.anchor else None
        policies = self.sets[version]
        day = day or dt.date.min
        start = policies.period_for(day).start or day
        key = (version, text, start)
        if key not in self._compiled:
            self._compiled[key] = policies.expression(text, start)
        try:
            return self._compiled[key](dossier)
        except Exception:  # a bound that cannot be computed on this dossier: no level here
            return None

    def flip(self, bound: Bound, dossier: Dossier) -> tuple[dt.date, dt.date] | None:
        """The last day before and the first day after the comparison changes, moving `bound.path` alone."""
        key = (bound, repr(get(dossier, self.anchor)) if self.anchor else "",
               tuple(repr(get(dossier, p)) for p in sorted(bound.reads)))
        if key not in self._flips:
            self._flips[key] = self._bisect(bound, dossier)
        return self._flips[key]

    def _bisect(self, bound: Bound, dossier: Dossier) -> tuple[dt.date, dt.date] | None:
        current = as_date(get(dossier, bound.path))
        if current is None:
            return None

        def outcome(offset: int) -> Any:
            value = shifted(current.isoformat(), offset)
            if value is None:
                return None
            return self.value(bound.version, bound.text, put(dossier, bound.path, value))

        for lo, hi in ((-SPAN_DAYS, 0), (0, SPAN_DAYS)):
            low = outcome(lo)
            if low is None or outcome(hi) is None or low == outcome(hi):
                continue
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if outcome(mid) == low else (lo, mid)
            return current + dt.timedelta(days=lo), current + dt.timedelta(days=hi)
        return None


# --- bounds of comparisons ---------------------------------------------------------

def find_bounds(sets: tuple[PolicySet, ...], fields: dict[tuple[str, ...], dict[str, Any]],
                anchor: tuple[str, ...] | None, notes: list[Words]) -> list[Bound]:
    """Every comparison with a parameter, in every version, as a bound on one field; duplicates merged.

    What became of each comparison is appended to `notes` (`probe.*` words)."""
    out: list[Bound] = []
    seen: set[tuple[Any, ...]] = set()
    for version, policies in enumerate(sets):
        reading = Reading(policies)
        for text in texts(policies):
            for node in binaries(parse(text)):
                if node.op not in ORDERING or not reading.params_of(node):
                    continue
                signature = reading.signature(node)
                if signature in seen:
                    continue
                seen.add(signature)
                label = _label(version, len(sets), node)
                exact = _exact_side(node, reading)
                if exact is not None and exact[0] == anchor:
                    notes.append(Words("probe.period", {"bound": label, "field": ".".join(anchor)}))
                    continue
                bound = _bound(version, label, node, reading, fields, anchor)
                if bound is None:
                    notes.append(Words("probe.unmoved", {"bound": label}))
                    continue
                how = "probe.exact" if bound.exact else "probe.bisection"
                notes.append(Words(how, {"bound": label, "field": ".".join(bound.path)}))
                out.append(bound)
    return out


def _label(version: int, versions: int, node: Binary) -> Words:
    """A comparison named with its version: `old: …` and `new: …` for two, else its index."""
    expr = _unparse(node)
    if versions == 2:
        return Words(("bound.old", "bound.new")[version], {"expr": expr})
    return Words("bound.version", {"version": str(version), "expr": expr})


def _bound(version: int, label: Words, node: Binary, reading: Reading,
           fields: dict[tuple[str, ...], dict[str, Any]], anchor: tuple[str, ...] | None) -> Bound | None:
    exact = _exact_side(node, reading)
    if exact is not None:
        path, there = exact
        kind = fields.get(path, {}).get("type", "")
        if path != anchor and kind in ("date", "number"):
            return Bound(version, label, path, _unparse(there), True, kind,
                         frozenset(reading.fields_of(there)))
    moved = sorted(p for p in reading.fields_of(node)
                   if fields.get(p, {}).get("type") == "date" and p != anchor)
    if not moved:
        return None
    path = moved[0]
    return Bound(version, label, path, _unparse(node), False, "date",
                 frozenset(reading.fields_of(node) - {path}))


def _exact_side(node: Binary, reading: Reading) -> tuple[tuple[str, ...], Node] | None:
    """The field standing alone on one side of the comparison, when the other side does not read it."""
    for here, there in ((node.left, node.right), (node.right, node.left)):
        alone = isinstance(here, Name) and here.parts[0] == "dossier"
        if alone and here.parts[1:] not in reading.fields_of(there):
            return here.parts[1:], there
    return None


# --- levels ------------------------------------------------------------------------

def _exact_level(evaluator: Evaluator, bound: Bound, steps: int) -> Apply:
    def apply(dossier: Dossier) -> Dossier | None:
        value = evaluator.bound(bound, dossier)
        if bound.kind == "date" and isinstance(value, dt.date):
            moved = shifted(value.isoformat(), steps)
            return None if moved is None else put(dossier, bound.path, moved)
        if bound.kind == "number" and value is not None and not isinstance(value, (bool, dt.date)):
            try:
                return put(dossier, bound.path, Decimal(value) + steps * CENT)
            except (InvalidOperation, TypeError, ValueError):
                return None
        return None

    return apply


def _bisect_level(evaluator: Evaluator, bound: Bound, which: int) -> Apply:
    def apply(dossier: Dossier) -> Dossier | None:
        window = evaluator.flip(bound, dossier)
        if window is None:
            return None
        last, first = window
        day = last + dt.timedelta(days=which) if which <= 0 else first + dt.timedelta(days=which - 1)
        return put(dossier, bound.path, day.isoformat())

    return apply


#: The levels around a bound: steps (of 1 day or 0.01) and the catalogue's words for each.
EXACT_LEVELS = ((-1, "level.below"), (0, "level.on"), (1, "level.above"))
#: The levels around the day a comparison flips: which day, and its words.
BISECT_LEVELS = ((-1, "level.before_flip"), (0, "level.last_before_flip"), (1, "level.first_after_flip"),
                 (2, "level.after_flip"))


def bound_factors(bounds: list[Bound], evaluator: Evaluator) -> list[Factor]:
    """One factor per bounded field; its levels: each side of each of its bounds."""
    factors: dict[tuple[str, ...], Factor] = {}
    for bound in bounds:
        factor = factors.setdefault(bound.path, Factor(".".join(bound.path), path=bound.path))
        factor.reads |= set(bound.reads)
        if bound.exact:
            factor.levels += [(Words(where, {"bound": bound.label}), _exact_level(evaluator, bound, steps))
                              for steps, where in EXACT_LEVELS]
        else:
            factor.levels += [(Words(where, {"bound": bound.label}), _bisect_level(evaluator, bound, which))
                              for which, where in BISECT_LEVELS]
    return list(factors.values())


# --- factors of the schema ---------------------------------------------------------------

def schema_node(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = schema
    for part in path:
        node = node.get("properties", {}).get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node if isinstance(node, dict) else None


def coupled_objects(schema: dict[str, Any]) -> list[tuple[tuple[str, ...], str, Any, str]]:
    """Objects whose schema says `if <key> is <value> then <field> is required`: (path, key, value, field)."""
    out = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        condition, then = node.get("if"), node.get("then")
        if isinstance(condition, dict) and isinstance(then, dict):
            props = condition.get("properties", {})
            needed = then.get("required", [])
            if len(props) == 1 and len(needed) == 1:
                (key, test), = props.items()
                if isinstance(test, dict) and "const" in test and "enum" in node["properties"].get(key, {}):
                    out.append((path, key, test["const"], needed[0]))
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict):
                walk(sub, (*path, name))

    walk(schema, ())
    return out


def _setter(path: tuple[str, ...], value: Any) -> Apply:
    return lambda dossier: put(dossier, path, value)


def field_factors(schema: dict[str, Any], fields: dict[tuple[str, ...], dict[str, Any]],
                  skip: set[tuple[str, ...]]) -> list[Factor]:
    """Each enumerated field (every value) and each boolean field (both values) of the schema."""
    out = []
    for path, info in fields.items():
        node = schema_node(schema, path) or {}
        if path in skip:
            continue
        if "enum" in node:
            values = list(node["enum"])
        elif info["type"] == "bool":
            values = [False, True]
        else:
            continue
        name = ".".join(path)
        out.append(Factor(name, [(_setting(name, _word(v)), _setter(path, v)) for v in values], path=path))
    return out


def _word(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _setting(field: str, value: Any) -> Words:
    """A level that sets a field to a value: both as written (`employee.contract = cdi_interimaire`)."""
    return Words("level.setting", {"field": field, "value": str(value)})


def object_factors(schema: dict[str, Any], coded: set[tuple[str, ...]], codes: list[str]
                   ) -> tuple[list[Factor], set[tuple[str, ...]]]:
    """One factor per coupled object: each discriminator value, each annex code class where it takes one."""
    out, owned = [], set()
    for path, key, value, needed in coupled_objects(schema):
        node = schema_node(schema, path) or {}
        levels: list[tuple[str, Apply]] = []
        name = ".".join(path)
        for choice in node["properties"][key]["enum"]:
            if choice != value:
                levels.append((_setting(f"{name}.{key}", choice),
                               _object_setter(path, key, choice, needed, None)))
            elif (*path, needed) in coded:
                levels += [(Words("level.code", {"field": name, "choice": str(choice), "code": code}),
                            _object_setter(path, key, choice, needed, code)) for code in codes]
            else:
                levels.append((_setting(f"{name}.{key}", choice),
                               _object_setter(path, key, choice, needed, ...)))
        owned |= {(*path, key), (*path, needed)}
        out.append(Factor(".".join(path), levels, path=path))
    return out, owned


def _object_setter(path: tuple[str, ...], key: str, choice: Any, needed: str, code: Any) -> Apply:
    def apply(dossier: Dossier) -> Dossier | None:
        current = get(dossier, path)
        target = dict(current) if isinstance(current, dict) else {}
        target[key] = choice
        if code is None:
            target.pop(needed, None)
        elif code is not ...:
            target[needed] = code
        elif needed not in target:
            return None  # the coupled field has no value to keep
        return put(dossier, path, target)

    return apply


def anchor_factor(anchor: tuple[str, ...], dates: list[dt.date],
                  fields: dict[tuple[str, ...], dict[str, Any]]) -> Factor:
    """The period: the anchor date on the day before and the day of each change, other dates moved along."""
    others = [p for p, info in fields.items() if info["type"] == "date" and p != anchor]
    levels = []
    for day in dates:
        for target in (day - dt.timedelta(days=1), day):
            levels.append((Words("level.moved", {"day": target.isoformat()}), _mover(anchor, target, others)))
    return Factor(".".join(anchor), levels, path=anchor)


def _mover(anchor: tuple[str, ...], target: dt.date, others: list[tuple[str, ...]]) -> Apply:
    def apply(dossier: Dossier) -> Dossier | None:
        start = as_date(get(dossier, anchor))
        if start is None:
            return None
        shift = (target - start).days
        moved = put(dossier, anchor, target.isoformat())
        for path in others:
            if get(dossier, path) is not None:
                value = shifted(get(dossier, path), shift)
                if value is None:
                    return None
                moved = put(moved, path, value)
        return moved

    return apply
