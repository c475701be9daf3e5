"""Issue 11 §11: the Python API gives a decision for any value, and raises only for the caller's mistakes.

Subclasses of dict, list, str and the numbers whose methods raise, lone surrogates, objects JSON has no
word for: each gets a decision that `to_dict()`, `json.dumps` and UTF-8 always accept. An `as_of` that is
not a date, or an unknown `lang`, raises TypeError/ValueError at once. And the rewritten `normalize` (exact
type dispatch, no path tuples, no recursive closure) gives what the one before it gave (differential).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, strategies as st

from proa_policy import load_policies
from proa_policy.engine.decision import INVALID
from proa_policy.read.values import MAX_DEPTH, MAX_NUMBER_CHARS, written_digits
from proa_policy.dossier.schema import normalize
from proa_policy.errors import DossierIssue
from proa_policy.source import pointer

from ..conftest import BASE
from ..strategies import as_floats, damaged, eligible_dossiers, json_values, Accord

POLICIES = load_policies()
ACCORD = Accord(POLICIES)


def _raise(*_: Any, **__: Any) -> Any:
    raise RuntimeError("hostile method")


# not __hash__ and __eq__: a hostile string must still be a key of the dict that holds it
HOSTILE_METHODS = (
    "__iter__",
    "__getitem__",
    "__len__",
    "__contains__",
    "__repr__",
    "__str__",
    "__ne__",
    "__lt__",
    "__gt__",
    "__le__",
    "__ge__",
    "__format__",
    "__bool__",
    "__float__",
    "__int__",
    "__index__",
    "items",
    "keys",
    "values",
    "get",
    "isoformat",
    "is_finite",
    "as_tuple",
    "encode",
    "isascii",
    "copy",
    "__deepcopy__",
    "__reduce_ex__",
)


def hostile(base: type) -> type:
    """A subclass of `base` every method of which raises."""
    return type(f"Hostile{base.__name__.title()}", (base,), {name: _raise for name in HOSTILE_METHODS})


HDict, HList, HStr, HInt, HFloat, HDecimal, HDate = (
    hostile(t) for t in (dict, list, str, int, float, Decimal, dt.date))


def hostile_copy(value: Any) -> Any:
    """The same value, every dict, list, string and number replaced by its hostile subclass."""
    if isinstance(value, dict):
        return HDict({HStr(k): hostile_copy(v) for k, v in value.items()})
    if isinstance(value, list):
        return HList(hostile_copy(v) for v in value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return HStr(value)
    if isinstance(value, int):
        return HInt(value)
    if isinstance(value, float):
        return HFloat(value)
    if isinstance(value, Decimal):
        return HDecimal(value)
    return value


def check_decision(decision: Any) -> dict[str, Any]:
    """What every decision owes its caller: a plain dict that JSON and UTF-8 accept, no internal error."""
    out = decision.to_dict(explain=True)
    text = json.dumps(out, ensure_ascii=False)
    text.encode("utf-8")
    assert "erreur interne" not in text
    return out


# --- hostile values -------------------------------------------------------------------------------------

def test_a_dossier_of_hostile_subclasses_is_judged_as_its_plain_value():
    dossier = copy.deepcopy(BASE)
    plain = POLICIES.evaluate(dossier, explain=True)
    judged = POLICIES.evaluate(hostile_copy(dossier), explain=True)
    assert check_decision(judged) == check_decision(plain)
    assert judged.verdict == plain.verdict


@pytest.mark.parametrize("value", [HDict(), HList([1]), HStr("x"), HInt(3), HFloat(1.5), HDecimal("2"),
                                   HDate(2022, 1, 10), HDict({HStr("id"): HStr("x")})],
                         ids=["dict", "list", "str", "int", "float", "decimal", "date", "dict-with-id"])
def test_a_hostile_value_alone_gives_an_invalid_decision(value):
    decision = POLICIES.evaluate(value)
    assert decision.verdict == INVALID
    check_decision(decision)


class Unreadable:
    """No JSON equivalent, and nothing of it may be read: its type name is made hostile by its metaclass."""

    __repr__ = __str__ = __eq__ = __hash__ = _raise  # type: ignore[assignment]


class _HostileMeta(type):
    __name__ = property(_raise)  # type: ignore[assignment]


Nameless = _HostileMeta("Nameless", (), {"__repr__": _raise})
Escaping = type("\x1b[2J\u202eÉLIGIBLE", (), {})


@pytest.mark.parametrize(
    "value, message",
    [
        (Unreadable(), "valeur de type `Unreadable` sans équivalent JSON"),
        (Nameless(), "valeur de type `Nameless` sans équivalent JSON"),
        (Escaping(), "valeur de type `?` sans équivalent JSON"),
        (
            "\ud800",
            (
                "texte contenant un caractère de substitution isolé (U+D800 à U+DFFF), non représentable en"
                " UTF-8"
            ),
        ),
        (
            "ok \udfff",
            (
                "texte contenant un caractère de substitution isolé (U+D800 à U+DFFF), non représentable en"
                " UTF-8"
            ),
        ),
        (
            HStr("\udc80"),
            (
                "texte contenant un caractère de substitution isolé (U+D800 à U+DFFF), non représentable en"
                " UTF-8"
            ),
        ),
    ],
    ids=["unreadable", "nameless", "escaping-type-name", "lone-high", "lone-low", "hostile-str-lone"],
)
def test_an_unrepresentable_field_is_an_issue_at_its_pointer(value, message):
    dossier = copy.deepcopy(BASE)
    dossier["pro_a"]["purpose"] = value
    decision = POLICIES.evaluate(dossier)
    assert decision.verdict == INVALID
    assert [(e.pointer, e.message) for e in decision.errors] == [("/pro_a/purpose", message)]
    check_decision(decision)


@pytest.mark.parametrize(
    "key, message",
    [
        (1, "clé `1` : les clés doivent être du texte"),
        ((1, 2), "clé `de type tuple` : les clés doivent être du texte"),
        (Nameless(), "clé `de type Nameless` : les clés doivent être du texte"),
        (
            "\ud83d",
            (
                "clé : texte contenant un caractère de substitution isolé (U+D800 à U+DFFF), non"
                " représentable en UTF-8"
            ),
        ),
    ],
    ids=["int", "tuple", "unreadable", "lone-surrogate"],
)
def test_a_key_that_is_not_text_is_an_issue_at_its_object(key, message):
    dossier = copy.deepcopy(BASE)
    dossier["employer"][key] = 1
    decision = POLICIES.evaluate(dossier)
    assert [(e.pointer, e.message) for e in decision.errors] == [("/employer", message)]
    check_decision(decision)


def test_the_id_of_an_invalid_dossier_is_read_from_its_plain_value():
    decision = POLICIES.evaluate(HDict({HStr("id"): HStr("2024-X"), HStr("pro_a"): float("nan")}))
    assert decision.dossier_id == "2024-X" and decision.verdict == INVALID


def test_a_self_containing_list_is_a_depth_issue_not_a_recursion_error():
    loop: list[Any] = []
    loop.append(loop)
    decision = POLICIES.evaluate({"id": "x", "pro_a": loop})
    assert decision.errors[0].message == f"imbrication de plus de {MAX_DEPTH} niveaux"
    check_decision(decision)


# --- the caller's mistakes -----------------------------------------------------------------------------

@pytest.mark.parametrize("options, error, message", [
    ({"as_of": "2030-01-01"}, TypeError, "as_of must be a datetime.date, got str '2030-01-01'"),
    ({"as_of": 20300101}, TypeError, "as_of must be a datetime.date, got int 20300101"),
    ({"as_of": dt.datetime(2030, 1, 1)}, TypeError, "as_of must be a datetime.date, got datetime …"),
    ({"lang": "de"}, ValueError, "lang must be one of fr, en, got str 'de'"),
    ({"lang": None}, ValueError, "lang must be one of fr, en, got NoneType None"),
    ({"lang": HStr("fr")}, ValueError, "lang must be one of fr, en, got HostileStr …"),
], ids=["as_of-text", "as_of-int", "as_of-datetime", "lang-de", "lang-none", "lang-hostile"])
@pytest.mark.parametrize("entry", ["evaluate", "evaluate_document"])
def test_a_callers_mistake_raises_at_once(entry, options, error, message):
    with pytest.raises(error) as info:
        getattr(POLICIES, entry)(copy.deepcopy(BASE), **options)
    assert str(info.value) == message


def test_a_date_subclass_as_of_is_read_as_its_plain_date():
    dossier = copy.deepcopy(BASE)
    day = dt.date(2022, 1, 10)
    assert POLICIES.evaluate(dossier, as_of=HDate(2022, 1, 10)).to_dict() == \
        POLICIES.evaluate(dossier, as_of=day).to_dict()


# --- properties -----------------------------------------------------------------------------------------

odd_leaves = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF), max_size=6),  # surrogates included
    st.floats(), st.integers(), st.decimals(), st.dates(), st.datetimes(), st.none(), st.booleans(),
    st.builds(lambda: Unreadable()), st.builds(lambda: Nameless()), st.tuples(st.integers()),
)
odd_values = st.recursive(odd_leaves, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=3),
                          max_leaves=12)


@given(
    st.one_of(odd_values, odd_values.map(hostile_copy), damaged(eligible_dossiers(ACCORD)).map(hostile_copy)),
    st.sampled_from(["fr", "en"]),
)
def test_any_value_gets_a_decision_json_and_utf8_accept(value, lang):
    check_decision(POLICIES.evaluate(value, lang=lang, explain=True))


def reference_normalize(value: Any) -> tuple[Any, list[DossierIssue]]:
    """`normalize` as it was before issue 11 (recursive closure, path tuples), for the differential test."""
    issues: list[DossierIssue] = []
    limit = 10 ** MAX_NUMBER_CHARS

    def walk(item: Any, path: tuple[str | int, ...]) -> Any:
        if len(path) > MAX_DEPTH:
            issues.append(
                DossierIssue(pointer(*path), f"imbrication de plus de {MAX_DEPTH} niveaux", keyword="depth")
            )
            return None
        if item is None or isinstance(item, (bool, str)):
            return item
        if isinstance(item, int):
            if not -limit < item < limit:
                issues.append(
                    DossierIssue(
                        pointer(*path), f"nombre de plus de {MAX_NUMBER_CHARS} chiffres", keyword="number"
                    )
                )
            return item
        if isinstance(item, float):
            if not math.isfinite(item):
                issues.append(
                    DossierIssue(pointer(*path), f"`{item}` n'est pas un nombre fini", keyword="number")
                )
                return None
            item = Decimal(repr(item))
        if isinstance(item, Decimal):
            if not item.is_finite():
                issues.append(
                    DossierIssue(pointer(*path), f"`{item}` n'est pas un nombre fini", keyword="number")
                )
                return None
            if written_digits(item) > MAX_NUMBER_CHARS:
                issues.append(
                    DossierIssue(
                        pointer(*path), f"nombre de plus de {MAX_NUMBER_CHARS} chiffres", keyword="number"
                    )
                )
            return item
        if isinstance(item, dt.datetime):
            return item.isoformat()
        if isinstance(item, dt.date):
            return item.isoformat()
        if isinstance(item, dict):
            out = {}
            for key, sub in item.items():
                if not isinstance(key, str):
                    issues.append(
                        DossierIssue(
                            pointer(*path), f"clé `{key!r}` : les clés doivent être du texte", keyword="key"
                        )
                    )
                    continue
                out[key] = walk(sub, (*path, key))
            return out
        if isinstance(item, list):
            return [walk(sub, (*path, i)) for i, sub in enumerate(item)]
        issues.append(
            DossierIssue(
                pointer(*path), f"valeur de type `{type(item).__name__}` sans équivalent JSON", keyword="type"
            )
        )
        return None

    return walk(value, ()), issues


plain_leaves = st.one_of(
    st.text(max_size=6),
    st.floats(),
    st.integers(),
    st.integers(10**99, 10**101),
    st.decimals(),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.timezone.utc)),
    st.none(),
    st.booleans(),
    st.tuples(st.integers()),
)
plain_values = st.recursive(plain_leaves, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.one_of(st.text(max_size=4), st.integers(), st.floats()),
                                              inner, max_size=3), max_leaves=16)


def _same(a: Any, b: Any) -> bool:
    """Equal, with NaN-free normalised values compared by type too (Decimal('1') is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b or (isinstance(a, Decimal) and a.is_nan() and b.is_nan())


@given(st.one_of(plain_values, eligible_dossiers(ACCORD).map(as_floats), damaged(eligible_dossiers(ACCORD)),
                 json_values))
def test_normalize_gives_what_it_gave_before_on_plain_values(value):
    new, new_issues = normalize(value)
    old, old_issues = reference_normalize(value)
    assert _same(new, old)
    assert new_issues == old_issues


@given(st.one_of(eligible_dossiers(ACCORD).map(as_floats), damaged(eligible_dossiers(ACCORD))))
def test_decisions_are_identical_to_before_on_generated_dossiers(dossier):
    document, issues = reference_normalize(dossier)
    before = (
        POLICIES.invalid_decision(None, tuple(issues)) if issues else POLICIES.evaluate_document(document)
    )
    after = POLICIES.evaluate(dossier)
    if not issues:
        assert after.to_dict() == before.to_dict()
    else:
        assert (after.verdict, after.errors) == (INVALID, before.errors)


@pytest.mark.parametrize("leaf", ["text", 1, True, 1.5, None])
@pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
def test_normalize_depth_limit_is_the_same_for_every_leaf(levels, leaf):
    value: Any = {"x": leaf}
    for _ in range(levels - 1):
        value = {"x": value}
    assert normalize(value)[1] == reference_normalize(value)[1]
    assert bool(normalize(value)[1]) == (levels > MAX_DEPTH)
