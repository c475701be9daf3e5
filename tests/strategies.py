"""Hypothesis strategies for dossiers: from the JSON Schema itself, and aimed at the accord's bounds.

Two families:

* `from_schema(schema)` walks `schemas/dossier.schema.json` keyword by keyword (enum, const, boolean,
  number with minimum / exclusiveMinimum as exact decimals, string with `format: date` as real dates,
  `pattern`, lengths, required and optional properties, `if`/`then`/`else`). A keyword it does not
  know is an error, never silently ignored: when the schema grows, this walker must learn the new
  keyword, so the generator follows the schema. (hypothesis-jsonschema also handles this schema, but
  its `if`/`then`/`else` support costs about half a second per dossier: too slow for the CI budget.)
* domain strategies (`eligible_dossiers`, `single_violations`, …) build valid dossiers on and just
  beyond each bound of the accord. Every number comes from the loaded policy set through `Accord`
  (`policies.parameters[name].at(day).value`), never from this file, so they follow the policy.

Numbers are `int` or `Decimal` (exact, as the evaluator reads JSON and YAML); dates are ISO text.
"""

from __future__ import annotations

import copy
import calendar
import datetime as dt
import json
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterator

from hypothesis import assume
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from proa_policy import PolicySet

SearchStrategy = st.SearchStrategy
ONE_DAY = dt.timedelta(days=1)
CENT = Decimal("0.01")

# --- 1. the schema walker ---------------------------------------------------------------------------

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default",
                         "x-enum-titles"})
_BY_TYPE = {
    "object": frozenset({"type", "properties", "required", "additionalProperties", "if", "then", "else"}),
    "number": frozenset({"type", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}),
    "integer": frozenset({"type", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}),
    "string": frozenset({"type", "minLength", "maxLength", "pattern", "format"}),
    "boolean": frozenset({"type"}),
    "null": frozenset({"type"}),
}
#: Dates the schema walker draws from (wide enough for every bound of the accord, narrow enough for
#: month arithmetic never to leave the calendar).
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
#: Largest number the walker draws where the schema sets no maximum.
NUMBER_SPAN = 10 ** 6


class SchemaNotSupported(Exception):
    """The schema uses a keyword or a shape the walker does not know: teach it here."""


def from_schema(schema: dict[str, Any], path: str = "#") -> SearchStrategy[Any]:
    """Values valid against `schema` (the subset of draft 2020-12 the dossier schema uses)."""
    if not isinstance(schema, dict):
        raise SchemaNotSupported(f"{path}: boolean schemas are not supported")
    if "const" in schema:
        _only(schema, {"const"}, path)
        return st.just(schema["const"])
    if "enum" in schema:
        _only(schema, {"enum"}, path)
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if not isinstance(kind, str) or kind not in _BY_TYPE:
        raise SchemaNotSupported(f"{path}: `type` {kind!r} is not supported")
    _only(schema, _BY_TYPE[kind], path)
    if kind == "object":
        return _object(schema, path)
    if kind in ("number", "integer"):
        return _number(schema, kind == "integer")
    if kind == "string":
        return _string(schema, path)
    return st.booleans() if kind == "boolean" else st.none()


def _only(schema: dict[str, Any], allowed: set[str] | frozenset[str], path: str) -> None:
    unknown = set(schema) - set(allowed) - ANNOTATIONS
    if unknown:
        raise SchemaNotSupported(
            f"{path}: keyword(s) {sorted(unknown)} have no strategy in tests/strategies.py"
        )


def _number(schema: dict[str, Any], integer: bool) -> SearchStrategy[int | Decimal]:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    low = (
        Decimal(str(low))
        if low is not None
        else (Decimal(str(high)) - NUMBER_SPAN if high is not None else -NUMBER_SPAN)
    )
    high = Decimal(str(high)) if high is not None else low + NUMBER_SPAN
    xlow, xhigh = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")

    def inside(value: int | Decimal) -> bool:
        return (xlow is None or value > Decimal(str(xlow))) and (xhigh is None or value < Decimal(str(xhigh)))

    parts: list[SearchStrategy[Any]] = [st.integers(int(low.to_integral_value(rounding="ROUND_CEILING")),
                                                    int(high.to_integral_value(rounding="ROUND_FLOOR")))]
    if not integer:
        parts += [
            st.decimals(min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False)
            for places in (1, 2, 3)
        ]
    return st.one_of(parts).filter(inside)


def _string(schema: dict[str, Any], path: str) -> SearchStrategy[str]:
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    fmt = schema.get("format")
    if fmt is not None:
        if fmt != "date" or "pattern" in schema:
            raise SchemaNotSupported(f"{path}: `format: {fmt}` has no strategy in tests/strategies.py")
        return st.dates(*DATE_RANGE).map(dt.date.isoformat)
    if "pattern" in schema:
        base = st.from_regex(schema["pattern"], fullmatch=True)
        return base.filter(lambda s: low <= len(s) and (high is None or len(s) <= high))
    return st.text(min_size=low, max_size=high)


def _object(schema: dict[str, Any], path: str) -> SearchStrategy[dict[str, Any]]:
    if schema.get("additionalProperties", True) is not False:
        raise SchemaNotSupported(f"{path}: only `additionalProperties: false` objects are supported")
    props = schema.get("properties", {})
    children = {name: from_schema(sub, f"{path}/properties/{name}") for name, sub in props.items()}
    required = set(schema.get("required", []))
    if required - set(props):
        raise SchemaNotSupported(f"{path}: required {sorted(required - set(props))} not among the properties")
    test = Draft202012Validator(schema["if"]) if "if" in schema else None
    branches = {key: _branch(schema.get(key), props, f"{path}/{key}") for key in ("then", "else")}

    @st.composite
    def build(draw: Callable[[SearchStrategy[Any]], Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in props:
            if name in required or draw(st.booleans()):
                out[name] = draw(children[name])
        if test is not None:
            add, remove = branches["then"] if test.is_valid(out) else branches["else"]
            for name in add:
                if name not in out:
                    out[name] = draw(children[name])
            for name in remove:
                out.pop(name, None)
        return out

    return build()


def _branch(node: Any, props: dict[str, Any], path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A `then`/`else` the walker can honour: `{required: [...]}` or `{not: {required: [...]}}`."""
    if node is None:
        return (), ()
    if set(node) == {"required"}:
        return tuple(node["required"]), ()
    if set(node) == {"not"} and set(node["not"]) == {"required"}:
        return (), tuple(node["not"]["required"])
    raise SchemaNotSupported(f"{path}: only `required` or `not: {{required}}` branches are supported")


def schema_enum(schema: dict[str, Any], *path: str) -> list[Any]:
    """The `enum` of the property at `path` (e.g. "employee", "contract")."""
    node = schema
    for name in path:
        node = node["properties"][name]
    return list(node["enum"])


# --- 2. any JSON value, and dossiers damaged in one place ------------------------------------------

json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10 ** 120, 10 ** 120),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.dates().map(dt.date.isoformat), st.dates(),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.text(max_size=8) | st.sampled_from(["id", "employer", "employee", "pro_a", "funding"]),
        inner,
        max_size=5,
    ),
    max_leaves=24,
)
#: Values that look almost right: the usual ways a hand-written dossier goes wrong.
nasty_values = st.sampled_from([
    None, True, 0, 1, -1, Decimal("-0.01"), Decimal("1e-30"), 10 ** 150, Decimal("NaN"), float("inf"),
    "", " ", "150", "2022-02-30", "2022-1-10", "2022-01-10T00:00:00", "10/01/2022", "RNCP", "RNCP34860 ",
    "rncp34860", "RNCP1234567", "cdi", "CDI_INTERIMAIRE", [], {}, [1, 2], {"x": 1},
])


def paths(value: Any, here: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every path to a node below the root of nested dicts."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*here, key)
            yield from paths(sub, (*here, key))


@st.composite
def damaged(draw: Any, dossiers: SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A dossier with one field deleted, replaced, or one key added where none is allowed."""
    out = copy.deepcopy(draw(dossiers))
    where = draw(st.sampled_from(sorted(paths(out))))
    *parents, leaf = where
    node = out
    for part in parents:
        node = node[part]
    action = draw(st.sampled_from(["delete", "replace", "nasty", "extra"]))
    if action == "delete":
        del node[leaf]
    elif action == "replace":
        node[leaf] = draw(json_values)
    elif action == "nasty":
        node[leaf] = draw(nasty_values)
    else:
        target = node[leaf] if isinstance(node[leaf], dict) else node
        target[draw(st.text(min_size=1, max_size=6).filter(lambda k: k not in target))] = draw(json_leaves)
    return out


# --- 3. the accord, as numbers read from the loaded policy set --------------------------------------

def anniversary(day: dt.date, months: int | Decimal) -> dt.date:
    """Restated (issue 10): the same day `months` later, or the 1st of the following month when it lacks that
    day."""
    year, month = divmod(day.year * 12 + day.month - 1 + int(months), 12)
    try:
        return dt.date(year, month + 1, day.day)
    except ValueError:
        return dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)


def months_back(day: dt.date, months: int) -> dt.date:
    """The latest day whose anniversary `months` later is not after `day` (the same day, or the month's
    last)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def completed_years(birth: dt.date, day: dt.date) -> int:
    """Age in completed years (born 29 February: a year completes on 1 March in common years)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class Accord:
    """The bounds of the accord for a policy set, read from its parameters at a date, and its annex."""

    def __init__(self, policies: PolicySet):
        self.policies = policies
        entry = policies.parameters[policies.manifest.entry_into_force]
        self.entry: dt.date = entry.values[0].value
        #: every code of every row, whatever its dates (a code outside them is outside the annex at any date)
        self.codes = frozenset(policies.annex.codes)
        self.first_day = min(v.start for p in policies.parameters.values() for v in p.values)
        self._annex: dict[dt.date, tuple[frozenset[str], frozenset[str]]] = {}
        self.rule_kinds = {r.id: r.kind for r in policies.rules}
        self.schema = policies.schema.schema

    def annex_at(self, day: dt.date) -> tuple[frozenset[str], frozenset[str]]:
        """(codes, extended codes) of the rows in force on `day` (before the first date: on the first
        date)."""
        day = max(day, self.first_day)
        if day not in self._annex:
            sets = self.policies.annex.sets_at(day)
            self._annex[day] = (sets["codes"], sets["extended_codes"])
        return self._annex[day]

    def extended(self, day: dt.date) -> list[str]:
        return sorted(self.annex_at(day)[1])

    def excluded_only(self, day: dt.date) -> list[str]:
        """Codes listed only in rows marked (1), on `day`."""
        codes, extended = self.annex_at(day)
        return sorted(codes - extended)

    def number(self, name: str, day: dt.date) -> Decimal:
        return Decimal(self.policies.parameters[name].at(day).value)

    # Art. 4, al. 1 -- durations: a period of n months ends the day before its anniversary (31 Aug + 6 ->
    # 28/29 Feb)
    def earliest_end(self, start: dt.date) -> dt.date:
        return anniversary(start, self.number("min_duration_months", start)) - ONE_DAY

    def latest_end(self, start: dt.date, priority: bool) -> dt.date:
        name = "max_duration_months_priority" if priority else "max_duration_months"
        return anniversary(start, self.number(name, start)) - ONE_DAY

    def youth_ages(self, day: dt.date) -> tuple[int, int]:
        return int(self.number("priority_youth_min_age", day)), int(
            self.number("priority_youth_max_age", day)
        )

    def priority(self, dossier: dict[str, Any]) -> bool:
        employee, start = dossier["employee"], dt.date.fromisoformat(dossier["pro_a"]["start_date"])
        low, high = self.youth_ages(start)
        age = completed_years(dt.date.fromisoformat(employee["birth_date"]), start)
        youth = (
            low <= age <= high
            and not employee["upper_secondary_completed"]
            and not employee["vocational_diploma"]
        )
        return youth or employee["job_seeker_over_one_year"] or employee["social_minima_or_cui"]

    # Art. 4, al. 2 -- training hours
    def training_bounds(self, total: Decimal, day: dt.date) -> tuple[Decimal, Decimal]:
        """[max(150 h, 15 % of total), 25 % of total], exact."""
        low = max(
            self.number("training_min_hours", day),
            total * self.number("training_share_min_percent", day) / 100,
        )
        return low, total * self.number("training_share_max_percent", day) / 100

    def least_total(self, day: dt.date) -> Decimal:
        """The smallest total (in cents of an hour) for which 150 h fit in 25 %."""
        exact = self.number("training_min_hours", day) * 100 / self.number("training_share_max_percent", day)
        return exact.quantize(CENT, rounding=ROUND_CEILING)

    def share_total(self, day: dt.date) -> Decimal:
        """The total (in cents of an hour, rounded down) above which 15 % is more than 150 h.

        Totals stay short decimals, so that every bound computed from them is exact even when a ratio
        of the policy's numbers is not (150 / 14 %)."""
        exact = self.number("training_min_hours", day) * 100 / self.number("training_share_min_percent", day)
        return exact.quantize(CENT, rounding=ROUND_FLOOR)

    # Art. 6
    def ceiling(self, training_hours: Any, day: dt.date) -> Decimal:
        return (self.number("hourly_rate_eur", day) * Decimal(training_hours)).quantize(
            CENT, rounding=ROUND_HALF_UP
        )

    def failures(self, dossier: dict[str, Any]) -> set[str]:
        """The rules a *valid* dossier breaks, the accord restated rule by rule (the oracle of the
        invariants)."""
        employer, employee, pro_a = dossier["employer"], dossier["employee"], dossier["pro_a"]
        start, end = dt.date.fromisoformat(pro_a["start_date"]), dt.date.fromisoformat(pro_a["end_date"])
        out: set[str] = set()
        if start < self.entry:
            out.add("art8.entry_into_force")
        if employer["kind"] not in ("ETT", "ETTI"):
            out.add("art7.employer_kind")
        if employer["territory"] not in ("metropole", "drom", "com"):
            out.add("art7.territory")
        if employee["contract"] != "cdi_interimaire":
            out.add("art2.cdi_interimaire")
        certification = pro_a["certification"]
        if certification["kind"] == "rncp":
            codes, extended = self.annex_at(start)
            if certification["rncp"] not in codes:
                out.add("art3.rncp_listed")
            elif certification["rncp"] not in extended:
                out.add("annexe.rncp_extended")
        elif pro_a["pathway"] != "training":
            out.add("art3_1.clea_by_training")
        if end < self.earliest_end(start):
            out.add("art4.duration_min")
        priority = self.priority(dossier)
        if end > self.latest_end(start, priority):
            out.add("art4.duration_max_priority" if priority else "art4.duration_max")
        training, total = Decimal(pro_a["training_hours"]), Decimal(pro_a["total_hours"])
        if training * 100 < total * self.number("training_share_min_percent", start):
            out.add("art4.training_share_min")
        if training * 100 > total * self.number("training_share_max_percent", start):
            out.add("art4.training_share_max")
        if training < self.number("training_min_hours", start):
            out.add("art4.training_floor")
        if not pro_a["contract_amendment"]["signed"]:
            out.add("art5.amendment_signed")
        if not pro_a["contract_amendment"]["filed_with_akto"]:
            out.add("art5.amendment_filed")
        if not pro_a["tutor_designated"]:
            out.add("art5.tutor")
        if pro_a["training_time"] in ("working_time", "mixed"):
            pay = pro_a["remuneration"]
            if pay["maintained_monthly"] < max(
                pay["mission_reference_monthly"], pay["guaranteed_minimum_monthly"]
            ):
                out.add("art5.remuneration_maintained")
        return out

    def computed(self, dossier: dict[str, Any]) -> dict[str, Any]:
        """The values a decision shows (age, priority, end dates, durations, share, ceiling), restated."""
        employee, pro_a = dossier["employee"], dossier["pro_a"]
        start, end = dt.date.fromisoformat(pro_a["start_date"]), dt.date.fromisoformat(pro_a["end_date"])
        low, high = self.youth_ages(start)
        age = completed_years(dt.date.fromisoformat(employee["birth_date"]), start)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        while anniversary(start, months) > end + ONE_DAY:
            months -= 1
        training, total = Decimal(pro_a["training_hours"]), Decimal(pro_a["total_hours"])
        return {
            "age_at_start": age,
            "priority_youth": low <= age <= high and not employee["upper_secondary_completed"]
            and not employee["vocational_diploma"],
            "priority_public": self.priority(dossier),
            "earliest_end_date": self.earliest_end(start),
            "latest_end_date": self.latest_end(start, False),
            "latest_end_date_priority": self.latest_end(start, True),
            "duration_days": (end - start).days + 1,
            "duration_months": months,
            "training_share_percent": (training * 100 / total).quantize(CENT, rounding=ROUND_HALF_UP),
            self.policies.manifest.funding_ceiling: self.ceiling(training, start),
        }

    def warnings(self, dossier: dict[str, Any]) -> set[str]:
        funding = dossier.get("funding")
        start = dt.date.fromisoformat(dossier["pro_a"]["start_date"])
        if funding is not None and funding["requested_amount"] > self.ceiling(
            dossier["pro_a"]["training_hours"], start
        ):
            return {"art6.funding_within_ceiling"}
        return set()


# --- 4. domain strategies: valid dossiers on and around the bounds ---------------------------------

def _exact(value: Decimal) -> int | Decimal:
    """An integral decimal as an int (as JSON would read `1000`), any other as itself."""
    return int(value) if value == value.to_integral_value() else value


def between(low: Decimal, high: Decimal) -> SearchStrategy[Decimal]:
    """A decimal in [low, high], often exactly on a bound: the bounds themselves, cents, or any digits."""
    assert low <= high, (low, high)
    parts = [st.just(low), st.just(high)]
    if high - low >= CENT:
        parts += [st.decimals(low, high, places=2), st.decimals(low, high, places=4)]
    return st.one_of(parts).filter(lambda v: low <= v <= high)


def dates_between(low: dt.date, high: dt.date) -> SearchStrategy[dt.date]:
    assert low <= high, (low, high)
    return st.one_of(st.just(low), st.just(high), st.dates(low, high))


@st.composite
def month_ends(draw: Any, first: dt.date, months: int) -> dt.date:
    """The 28th to 31st of a month in the `months` after `first`, clamped to the month's last day."""
    month = anniversary(dt.date(first.year, first.month, 1), draw(st.integers(0, months)))
    last = (anniversary(month, 1) - ONE_DAY).day
    return month.replace(day=min(draw(st.integers(28, 31)), last))


def start_dates(accord: Accord) -> SearchStrategy[dt.date]:
    """On the day of entry into force, just after, any day in the next years, and month ends (clamping)."""
    entry = accord.entry
    return st.one_of(
        st.just(entry),
        st.integers(0, 40).map(lambda n: entry + n * ONE_DAY),
        st.integers(0, 8 * 366).map(lambda n: entry + n * ONE_DAY),
        month_ends(entry, 8 * 12).filter(lambda d: d >= entry),
    )


PRIORITY_KINDS = ("none", "none_diploma", "youth", "job_seeker", "social_minima", "several")


@st.composite
def employees(draw: Any, accord: Accord, start: dt.date, kind: str) -> dict[str, Any]:
    """An employee of the given priority kind at `start` (ages around 16 and 25 for youths)."""
    low, high = accord.youth_ages(start)
    diplomas = {"upper_secondary_completed": draw(st.booleans()), "vocational_diploma": draw(st.booleans())}
    if kind == "youth":
        age = draw(st.one_of(st.sampled_from([low, high]), st.integers(low, high)))
        diplomas = {"upper_secondary_completed": False, "vocational_diploma": False}
    elif kind == "none":
        age = draw(
            st.one_of(
                st.sampled_from([high + 1, low - 1]), st.integers(high + 1, 70), st.integers(low - 2, low - 1)
            )
        )
    else:
        age = draw(st.integers(low - 1, 70))
    if kind == "none_diploma" or (kind == "none" and draw(st.booleans())):
        diplomas[draw(st.sampled_from(sorted(diplomas)))] = True
    # born `age` years before the start, on the birthday or up to a day before the next one
    latest = months_back(start, 12 * age)
    birth = draw(st.one_of(st.just(latest), st.just(months_back(start, 12 * (age + 1)) + ONE_DAY),
                           dates_between(months_back(start, 12 * (age + 1)) + ONE_DAY, latest)))
    if kind == "youth" and draw(st.integers(0, 9)) == 0:  # born on 29 February
        leap = next(y for y in range(birth.year, birth.year - 8, -1) if y % 4 == 0)
        birth = dt.date(leap, 2, 29)
    seeker = kind in ("job_seeker", "several") or (
        kind not in ("none", "none_diploma", "youth") and draw(st.booleans())
    )
    minima = kind in ("social_minima", "several") or (
        kind not in ("none", "none_diploma", "youth") and draw(st.booleans())
    )
    return {
        "birth_date": birth.isoformat(),
        "contract": "cdi_interimaire",
        **diplomas,
        "job_seeker_over_one_year": seeker,
        "social_minima_or_cui": minima,
    }


@st.composite
def eligible_dossiers(
    draw: Any,
    accord: Accord,
    *,
    priority: str | None = None,
    certification: str | None = None,
    total: str | None = None,
    training_time: str | None = None,
    start: SearchStrategy[dt.date] | None = None,
) -> dict[str, Any]:
    """A valid dossier meeting every condition of the accord, as close to the bounds as hypothesis likes.

    `priority` is one of PRIORITY_KINDS, `certification` one of clea/clea_numerique/rncp,
    `total` "small" (150 h is more than 15 %) or "large" (15 % is more than 150 h).
    """
    day = draw(start if start is not None else start_dates(accord))
    kind = priority or draw(st.sampled_from(PRIORITY_KINDS))
    employee = draw(employees(accord, day, kind))
    dossier: dict[str, Any] = {
        "id": draw(
            st.one_of(
                st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,20}", fullmatch=True), st.text(min_size=1, max_size=64)
            )
        ),
        "employer": {
            "kind": draw(st.sampled_from(["ETT", "ETTI"])),
            "territory": draw(st.sampled_from(["metropole", "drom", "com"])),
        },
        "employee": employee,
    }
    pro_a: dict[str, Any] = {"purpose": draw(st.sampled_from(schema_enum(accord.schema, "pro_a", "purpose")))}
    cert = certification or draw(st.sampled_from(["clea", "clea_numerique", "rncp"]))
    if cert == "rncp":
        pro_a["pathway"] = draw(st.sampled_from(["training", "vae"]))
        pro_a["certification"] = {"kind": "rncp", "rncp": draw(st.sampled_from(accord.extended(day)))}
    else:
        pro_a["pathway"] = "training"
        pro_a["certification"] = {"kind": cert}
    pro_a["start_date"] = day.isoformat()
    dossier["pro_a"] = pro_a
    prio = accord.priority({"employee": employee, "pro_a": {"start_date": day.isoformat()}})
    end = draw(dates_between(accord.earliest_end(day), accord.latest_end(day, prio)))
    pro_a["end_date"] = end.isoformat()
    least, share = accord.least_total(day), accord.share_total(day)
    smin, floor = accord.number("training_share_min_percent", day), accord.number("training_min_hours", day)
    totals = {
        None: st.one_of(st.just(least), st.just(share), between(least, share * 6)),
        "small": between(least, share).filter(lambda t: t * smin / 100 < floor),
        "large": between(share, share * 6).filter(lambda t: t * smin / 100 > floor),
    }[total]
    total_hours = draw(totals)
    low, high = accord.training_bounds(total_hours, day)
    training = draw(between(low, high))
    pro_a["total_hours"] = _exact(total_hours)
    pro_a["training_hours"] = _exact(training)
    pro_a["training_time"] = training_time or draw(
        st.sampled_from(schema_enum(accord.schema, "pro_a", "training_time"))
    )
    pro_a["contract_amendment"] = {"signed": True, "filed_with_akto": True}
    pro_a["tutor_designated"] = True
    if pro_a["training_time"] != "outside_working_time" or draw(st.booleans()):
        reference = draw(st.decimals(0, 6000, places=2))
        minimum = draw(st.decimals(0, 6000, places=2))
        maintained = max(reference, minimum) + draw(
            st.one_of(st.just(Decimal(0)), st.decimals(0, 500, places=2))
        )
        if pro_a["training_time"] == "outside_working_time" and draw(st.booleans()):
            maintained = Decimal(0)  # not reached: the rule is about training during working time
        pro_a["remuneration"] = {
            "maintained_monthly": _exact(maintained),
            "mission_reference_monthly": _exact(reference),
            "guaranteed_minimum_monthly": _exact(minimum),
        }
    ceiling = accord.ceiling(training, day)
    requested = draw(st.one_of(st.none(), st.just(ceiling), st.just(ceiling + CENT), st.just(Decimal(0)),
                               st.decimals(0, ceiling * 2, places=2)))
    if requested is not None:
        dossier["funding"] = {"requested_amount": _exact(requested)}
    return dossier


def _set(dossier: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    """A copy of `dossier` with the field at a JSON pointer (`/pro_a/end_date`) set to `value`."""
    out = copy.deepcopy(dossier)
    *parents, leaf = pointer.strip("/").split("/")
    node = out
    for part in parents:
        node = node[part]
    node[leaf] = value
    return out


def _get(dossier: dict[str, Any], pointer: str) -> Any:
    node: Any = dossier
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node


def outside_codes(accord: Accord) -> SearchStrategy[str]:
    """RNCP codes the annex does not list: near misses of listed codes, and any other."""
    near = st.sampled_from(sorted(accord.codes)).flatmap(lambda code: st.sampled_from(
        [code + "0", code[:-1], code[:-1] + str((int(code[-1]) + 1) % 10)]))
    return st.one_of(near, st.from_regex(r"RNCP[0-9]{1,6}", fullmatch=True)).filter(
        lambda c: c not in accord.codes and re.fullmatch(r"RNCP[0-9]{1,6}", c) is not None)


def _day(dossier: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(dossier["pro_a"]["start_date"])


# Each break: (draw, accord) -> (eligible origin, the same dossier breaking exactly that rule).
def _break_contract(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord))
    other = draw(
        st.sampled_from(
            [c for c in schema_enum(accord.schema, "employee", "contract") if c != "cdi_interimaire"]
        )
    )
    return origin, _set(origin, "/employee/contract", other)


def _break_clea(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, certification=draw(st.sampled_from(["clea", "clea_numerique"]))))
    return origin, _set(origin, "/pro_a/pathway", "vae")


def _break_listed(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, certification="rncp"))
    return origin, _set(origin, "/pro_a/certification/rncp", draw(outside_codes(accord)))


def _break_extended(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, certification="rncp"))
    excluded = accord.excluded_only(_day(origin))
    assume(excluded)
    return origin, _set(origin, "/pro_a/certification/rncp", draw(st.sampled_from(excluded)))


def _break_duration_min(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord))
    end = accord.earliest_end(_day(origin)) - draw(st.one_of(st.just(1), st.integers(1, 400))) * ONE_DAY
    return origin, _set(origin, "/pro_a/end_date", end.isoformat())


def _break_duration_max(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, priority=draw(st.sampled_from(["none", "none_diploma"]))))
    assume(not accord.priority(origin))
    end = accord.latest_end(_day(origin), False) + draw(st.one_of(st.just(1), st.integers(1, 1200))) * ONE_DAY
    return origin, _set(origin, "/pro_a/end_date", end.isoformat())


def _break_duration_max_priority(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(
        eligible_dossiers(
            accord, priority=draw(st.sampled_from(["youth", "job_seeker", "social_minima", "several"]))
        )
    )
    assume(accord.priority(origin))
    end = accord.latest_end(_day(origin), True) + draw(st.one_of(st.just(1), st.integers(1, 400))) * ONE_DAY
    return origin, _set(origin, "/pro_a/end_date", end.isoformat())


def _break_share_min(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, total="large"))
    day, total = _day(origin), Decimal(origin["pro_a"]["total_hours"])
    low = total * accord.number("training_share_min_percent", day) / 100
    floor = accord.number("training_min_hours", day)
    hours = draw(st.one_of(st.just(low - CENT), st.just(low - Decimal("0.0001")), between(floor, low)))
    assume(floor <= hours < low)
    return origin, _set(origin, "/pro_a/training_hours", _exact(hours))


def _break_share_max(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord))
    high = accord.training_bounds(Decimal(origin["pro_a"]["total_hours"]), _day(origin))[1]
    hours = high + draw(
        st.one_of(st.just(CENT), st.just(Decimal("0.0001")), st.decimals(CENT, high, places=2))
    )
    return origin, _set(origin, "/pro_a/training_hours", _exact(hours))


def _break_floor(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, total="small"))
    day, total = _day(origin), Decimal(origin["pro_a"]["total_hours"])
    low = total * accord.number("training_share_min_percent", day) / 100
    floor = accord.number("training_min_hours", day)
    hours = draw(st.one_of(st.just(floor - CENT), st.just(floor - Decimal("0.0001")), between(low, floor)))
    assume(low <= hours < floor)
    return origin, _set(origin, "/pro_a/training_hours", _exact(hours))


def _break_flag(pointer: str) -> Callable[[Any, Accord], tuple[dict, dict]]:
    def brk(draw: Any, accord: Accord) -> tuple[dict, dict]:
        origin = draw(eligible_dossiers(accord))
        return origin, _set(origin, pointer, False)
    return brk


def _break_remuneration(draw: Any, accord: Accord) -> tuple[dict, dict]:
    origin = draw(eligible_dossiers(accord, training_time=draw(st.sampled_from(["working_time", "mixed"]))))
    pay = origin["pro_a"]["remuneration"]
    floor = max(pay["mission_reference_monthly"], pay["guaranteed_minimum_monthly"])
    assume(floor > 0)
    maintained = floor - draw(st.one_of(st.just(CENT), st.decimals(CENT, Decimal(floor), places=2)))
    return origin, _set(origin, "/pro_a/remuneration/maintained_monthly", _exact(Decimal(maintained)))


def _break_employer(
    pointer: str, path: tuple[str, str], allowed: tuple[str, ...]
) -> Callable[[Any, Accord], tuple[dict, dict]]:
    def brk(draw: Any, accord: Accord) -> tuple[dict, dict]:
        origin = draw(eligible_dossiers(accord))
        other = draw(st.sampled_from([v for v in schema_enum(accord.schema, *path) if v not in allowed]))
        return origin, _set(origin, pointer, other)
    return brk


def _break_entry(draw: Any, accord: Accord) -> tuple[dict, dict]:
    """Start 1 to 40 days before entry into force; the end and the age stay valid for both starts."""
    entry = accord.entry
    kind = draw(st.sampled_from(["none_diploma", "job_seeker", "social_minima"]))
    origin = draw(
        eligible_dossiers(accord, priority=kind, start=st.integers(0, 20).map(lambda n: entry + n * ONE_DAY))
    )
    before = entry - draw(st.one_of(st.just(1), st.integers(1, 40))) * ONE_DAY
    latest = accord.latest_end(before, accord.priority(origin))
    if dt.date.fromisoformat(origin["pro_a"]["end_date"]) > latest:
        origin = _set(origin, "/pro_a/end_date", latest.isoformat())
    return origin, _set(origin, "/pro_a/start_date", before.isoformat())


BREAKS: dict[str, Callable[[Any, Accord], tuple[dict, dict]]] = {
    "art2.cdi_interimaire": _break_contract,
    "art3_1.clea_by_training": _break_clea,
    "art3.rncp_listed": _break_listed,
    "annexe.rncp_extended": _break_extended,
    "art4.duration_min": _break_duration_min,
    "art4.duration_max": _break_duration_max,
    "art4.duration_max_priority": _break_duration_max_priority,
    "art4.training_share_min": _break_share_min,
    "art4.training_share_max": _break_share_max,
    "art4.training_floor": _break_floor,
    "art5.amendment_signed": _break_flag("/pro_a/contract_amendment/signed"),
    "art5.amendment_filed": _break_flag("/pro_a/contract_amendment/filed_with_akto"),
    "art5.tutor": _break_flag("/pro_a/tutor_designated"),
    "art5.remuneration_maintained": _break_remuneration,
    "art7.employer_kind": _break_employer("/employer/kind", ("employer", "kind"), ("ETT", "ETTI")),
    "art7.territory": _break_employer(
        "/employer/territory", ("employer", "territory"), ("metropole", "drom", "com")
    ),
    "art8.entry_into_force": _break_entry,
}


@st.composite
def single_violations(draw: Any, accord: Accord, rules: list[str] | None = None) -> tuple[str, dict, dict]:
    """(rule id, eligible origin, the origin changed in one field so that it breaks that rule only)."""
    rule = draw(st.sampled_from(rules or sorted(BREAKS)))
    origin, broken = BREAKS[rule](draw, accord)
    return rule, origin, broken


def repair(accord: Accord, dossier: dict[str, Any], pointer: str, draw: Any) -> dict[str, Any]:
    """Move the one field at `pointer` onto the nearest bound the accord allows (the metamorphic fix)."""
    pro_a, day = dossier["pro_a"], _day(dossier)
    if pointer == "/pro_a/end_date":
        end = dt.date.fromisoformat(pro_a["end_date"])
        low, high = accord.earliest_end(day), accord.latest_end(day, accord.priority(dossier))
        value: Any = min(max(end, low), high).isoformat()
    elif pointer == "/pro_a/training_hours":
        low, high = accord.training_bounds(Decimal(pro_a["total_hours"]), day)
        value = _exact(min(max(Decimal(pro_a["training_hours"]), low), high))
    elif pointer == "/pro_a/remuneration/maintained_monthly":
        pay = pro_a["remuneration"]
        value = max(pay["mission_reference_monthly"], pay["guaranteed_minimum_monthly"])
    elif pointer == "/pro_a/start_date":
        value = accord.entry.isoformat()
    elif pointer == "/pro_a/certification/rncp":
        value = draw(st.sampled_from(accord.extended(day)))
    else:
        value = {
            "/employee/contract": "cdi_interimaire",
            "/pro_a/pathway": "training",
            "/pro_a/contract_amendment/signed": True,
            "/pro_a/contract_amendment/filed_with_akto": True,
            "/pro_a/tutor_designated": True,
            "/employer/kind": draw(st.sampled_from(["ETT", "ETTI"])),
            "/employer/territory": draw(st.sampled_from(["metropole", "drom", "com"])),
        }[pointer]
    return _set(dossier, pointer, value)


# --- 5. representations: key order, JSON text, YAML text ------------------------------------------

@st.composite
def shuffled(draw: Any, value: Any) -> Any:
    """The same value with every mapping's keys in another order."""
    if isinstance(value, dict):
        keys = draw(st.permutations(list(value)))
        return {key: draw(shuffled(value[key])) for key in keys}
    if isinstance(value, list):
        return [draw(shuffled(item)) for item in value]
    return value


def _number_text(value: int | Decimal) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")


def to_json(value: Any) -> str:
    """JSON text with every decimal written exactly as it is (json.dumps would go through float)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    return _number_text(value)


_YAML_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _yaml_string(text: str) -> str:
    if _ISO_DATE.fullmatch(text):
        return text  # dates unquoted, the way people write them (the reader keeps them as text)
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _YAML_PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML text: nested mappings indented, strings double-quoted, dates bare."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        lines = []
        for key, sub in value.items():
            if isinstance(sub, dict) and sub:
                lines.append(f"{pad}{_yaml_string(key)}:\n{to_yaml(sub, indent + 2)}")
            else:
                lines.append(f"{pad}{_yaml_string(key)}: {to_yaml(sub).strip()}\n")
        return "".join(lines)
    if isinstance(value, str):
        return _yaml_string(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(to_yaml(v).strip() for v in value) + "]"
    return _number_text(value)


def as_floats(value: Any) -> Any:
    """Decimals as the float that prints the same (what `json.loads` would give), others unchanged."""
    if isinstance(value, dict):
        return {k: as_floats(v) for k, v in value.items()}
    if isinstance(value, Decimal) and repr(float(value)) == str(value):
        return float(value)
    return value
