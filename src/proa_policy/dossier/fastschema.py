"""A JSON Schema compiled to Python closures, for the subset of keywords the dossier schema uses.

jsonschema interprets a schema at every call (~200 µs for a dossier); a batch
of 100,000 dossiers cannot afford that. This compiles the schema once into
nested closures answering only "valid or not" (~10 µs). When a document is
invalid, the caller asks jsonschema for the errors, so messages keep
jsonschema's quality. `tests/test_fastschema.py` checks, property by property,
that both accept exactly the same documents. One addition, for documents of the
Python API: a `datetime.date` where the schema says `format: date` is valid, as its
ISO text is (`DossierSchema` shows jsonschema that text).

A schema using a keyword not in `KEYWORD_CHECKS` is not compiled: `compile_schema`
returns None and the caller keeps jsonschema alone.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from decimal import Decimal
from typing import Any, Callable

Check = Callable[[Any], bool]

# The same test as jsonschema's `date` format (jsonschema/_format.py): RFC 3339 full-date, a real day.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Check] = {"date": _is_date}
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default",
                "x-enum-titles"}  # x-enum-titles: French labels of enumerated values, for the web form


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


_NUMBERS = frozenset({int, float, Decimal})
_NOT_NUMBERS = frozenset({bool, str, dict, list, type(None)})


def _is_number(value: Any) -> bool:
    """jsonschema's `number`: a numbers.Number that is not a bool (the common types answered without the
    ABC)."""
    kind = type(value)
    if kind in _NUMBERS:
        return True
    if kind in _NOT_NUMBERS:
        return False
    return not isinstance(value, bool) and isinstance(value, numbers.Number)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "integer": lambda v: not isinstance(v, bool) and isinstance(v, int),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _type(names: Any) -> Check:
    checks = [_TYPES[n] for n in ([names] if isinstance(names, str) else names)]
    if len(checks) == 1:
        return checks[0]
    return lambda v: any(c(v) for c in checks)


def _enum(values: list[Any]) -> Check:
    if not all(isinstance(v, str) for v in values):
        raise Unsupported("enum of non-strings")
    allowed = frozenset(values)
    return lambda v: (type(v) is str or isinstance(v, str)) and v in allowed


def compile_schema(schema: Any) -> Check | None:
    """A function telling whether a document is valid, or None when the schema is out of reach."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: a(v) and b(v)
    frozen = tuple(checks)

    def every(v: Any) -> bool:
        for check in frozen:
            if not check(v):
                return False
        return True

    return every


def _compile(schema: Any) -> Check:
    if schema is True:
        return lambda v: True
    if schema is False:
        return lambda v: False
    if not isinstance(schema, dict):
        raise Unsupported("schema must be an object")
    unknown = set(schema) - _KEYWORDS
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    fused = _fused_leaf(schema)
    if fused is not None:
        return fused
    checks = [KEYWORD_CHECKS[k](schema[k], schema) for k in KEYWORD_CHECKS if k in schema]
    check = _all([c for c in checks if c is not None])
    if schema.get("format") == "date":  # a `datetime.date` (the Python API) is a real day: no text to judge
        return lambda v: type(v) is dt.date or check(v)
    return check


# --- one small function per keyword (jsonschema's _keywords.py): (value, schema) -> check, or None when
# another keyword of the same schema already checks it. A keyword outside this dict is `Unsupported`.

Keyword = Callable[[Any, dict[str, Any]], "Check | None"]


def _is_fused_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" and ("properties" in schema or "required" in schema)


def _kw_type(names: Any, schema: dict[str, Any]) -> Check:
    return _object(schema) if _is_fused_object(schema) else _type(names)


def _kw_required(required: list[str], schema: dict[str, Any]) -> Check | None:
    if _is_fused_object(schema):
        return None
    keys = tuple(required)

    def check(v: Any) -> bool:
        if type(v) is not dict and not isinstance(v, dict):
            return True
        for key in keys:
            if key not in v:
                return False
        return True

    return check


def _kw_properties(properties: dict[str, Any], schema: dict[str, Any]) -> Check | None:
    if _is_fused_object(schema):
        return None
    return _properties(properties, schema.get("additionalProperties", True))


def _kw_additional(additional: Any, schema: dict[str, Any]) -> Check | None:
    if _is_fused_object(schema) or "properties" in schema:
        return None  # checked with the properties
    return _properties({}, additional)


def _kw_min_length(shortest: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= shortest


def _kw_max_length(longest: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) <= longest


def _kw_pattern(pattern: str, schema: dict[str, Any]) -> Check:
    search = re.compile(pattern).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _bound(compare: Callable[[Any, Any], bool]) -> Keyword:
    def keyword(bound: Any, schema: dict[str, Any]) -> Check:
        return lambda v: not _is_number(v) or compare(v, bound)
    return keyword


def _kw_format(name: str, schema: dict[str, Any]) -> Check:
    if name not in _FORMATS:
        raise Unsupported(f"format {name}")
    return _FORMATS[name]


def _kw_if(test_schema: Any, schema: dict[str, Any]) -> Check:
    test = _compile(test_schema)
    then = _compile(schema.get("then", True))
    other = _compile(schema.get("else", True))
    return lambda v: then(v) if test(v) else other(v)


def _kw_not(negated_schema: Any, schema: dict[str, Any]) -> Check:
    negated = _compile(negated_schema)
    return lambda v: not negated(v)


def _with_if(value: Any, schema: dict[str, Any]) -> None:
    return None  # `then` and `else` are checked by `if`


KEYWORD_CHECKS: dict[str, Keyword] = {
    "type": _kw_type,
    "required": _kw_required,
    "properties": _kw_properties,
    "additionalProperties": _kw_additional,
    "enum": lambda values, schema: _enum(values),
    "const": lambda value, schema: _enum([value]),
    "minLength": _kw_min_length,
    "maxLength": _kw_max_length,
    "pattern": _kw_pattern,
    "minimum": _bound(lambda v, b: v >= b),
    "exclusiveMinimum": _bound(lambda v, b: v > b),
    "maximum": _bound(lambda v, b: v <= b),
    "exclusiveMaximum": _bound(lambda v, b: v < b),
    "format": _kw_format,
    "if": _kw_if,
    "then": _with_if,
    "else": _with_if,
    "not": _kw_not,
}
_KEYWORDS = set(KEYWORD_CHECKS) | _ANNOTATIONS


def _fused_leaf(schema: dict[str, Any]) -> Check | None:
    """The leaves the dossier is made of, as one closure each (a number with a lower bound, a date, a
    boolean)."""
    keys = set(schema) - _ANNOTATIONS
    kind = schema.get("type")
    if keys == {"type"} and kind == "boolean":
        return lambda v: v is True or v is False
    if kind == "number" and keys in ({"type", "minimum"}, {"type", "exclusiveMinimum"}):
        bound = schema.get("minimum", schema.get("exclusiveMinimum"))
        if "minimum" in schema:
            return lambda v: (type(v) in _NUMBERS or _is_number(v)) and v >= bound
        return lambda v: (type(v) in _NUMBERS or _is_number(v)) and v > bound
    if kind == "string" and keys == {"type", "format"} and schema["format"] == "date":
        return lambda v: _is_date(v) if type(v) is str else type(v) is dt.date or (isinstance(v, str)
                                                                                    and _is_date(v))
    return None


def _object(schema: dict[str, Any]) -> Check:
    """`type: object` with `required` and `properties`, checked in one pass, in one closure."""
    required = tuple(schema.get("required", ()))
    compiled, extra = _property_checks(schema.get("properties", {}), schema.get("additionalProperties", True))

    def check(v: Any) -> bool:
        if type(v) is not dict and not isinstance(v, dict):
            return False
        for key in required:
            if key not in v:
                return False
        for key, value in v.items():
            sub = compiled.get(key, extra)
            if sub is None or not sub(value):
                return False
        return True

    return check


def _property_checks(properties: dict[str, Any], additional: Any) -> tuple[dict[str, Check], Check | None]:
    """Each property's check, and the check of the others (None: not allowed)."""
    compiled = {name: _compile(sub) for name, sub in properties.items()}
    return compiled, (None if additional is False else _compile(additional))


def _properties(properties: dict[str, Any], additional: Any) -> Check:
    compiled, extra = _property_checks(properties, additional)

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for key, value in v.items():
            sub = compiled.get(key, extra)
            if sub is None or not sub(value):
                return False
        return True

    return check


__all__ = ["Decimal", "compile_schema"]
