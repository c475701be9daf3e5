"""A JSON Schema compiled to Python closures, for the subset of keywords the dossier schema uses.

jsonschema interprets a schema at every call (~200 µs for a dossier); a batch
of 100,000 dossiers cannot afford that. This compiles the schema once into
nested closures answering only "valid or not" (~10 µs). When a document is
invalid, the caller asks jsonschema for the errors, so messages keep
jsonschema's quality. `tests/test_fastschema.py` checks, property by property,
that both accept exactly the same documents.

A schema using a keyword not listed in `_KEYWORDS` is not compiled: `compile_schema`
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
_KEYWORDS = {"type", "enum", "const", "required", "properties", "additionalProperties", "minLength", "maxLength",
             "pattern", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "format", "if", "then", "else",
             "not"} | _ANNOTATIONS


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


_NUMBERS = frozenset({int, float, Decimal})
_NOT_NUMBERS = frozenset({bool, str, dict, list, type(None)})


def _is_number(value: Any) -> bool:
    """jsonschema's `number`: a numbers.Number that is not a bool (the common types answered without the ABC)."""
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
    return lambda v: isinstance(v, str) and v in allowed


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
    checks: list[Check] = []
    if schema.get("type") == "object" and ("properties" in schema or "required" in schema):
        checks.append(_object(schema))
    else:
        if "type" in schema:
            checks.append(_type(schema["type"]))
        if "required" in schema:
            required = tuple(schema["required"])
            checks.append(lambda v: not isinstance(v, dict) or all(k in v for k in required))
        if "properties" in schema or "additionalProperties" in schema:
            checks.append(_properties(schema.get("properties", {}), schema.get("additionalProperties", True)))
    if "enum" in schema:
        checks.append(_enum(schema["enum"]))
    if "const" in schema:
        checks.append(_enum([schema["const"]]))
    if "minLength" in schema:
        shortest = schema["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= shortest)
    if "maxLength" in schema:
        longest = schema["maxLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) <= longest)
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    for keyword, compare in (("minimum", lambda v, b: v >= b), ("exclusiveMinimum", lambda v, b: v > b),
                             ("maximum", lambda v, b: v <= b), ("exclusiveMaximum", lambda v, b: v < b)):
        if keyword in schema:
            bound = schema[keyword]
            checks.append(lambda v, bound=bound, compare=compare: not _is_number(v) or compare(v, bound))
    if "format" in schema:
        name = schema["format"]
        if name not in _FORMATS:
            raise Unsupported(f"format {name}")
        checks.append(_FORMATS[name])
    if "if" in schema:
        test = _compile(schema["if"])
        then = _compile(schema.get("then", True))
        other = _compile(schema.get("else", True))
        checks.append(lambda v: then(v) if test(v) else other(v))
    if "not" in schema:
        negated = _compile(schema["not"])
        checks.append(lambda v: not negated(v))
    return _all(checks)


def _fused_leaf(schema: dict[str, Any]) -> Check | None:
    """The leaves the dossier is made of, as one closure each (a number with a lower bound, a date, a boolean)."""
    keys = set(schema) - _ANNOTATIONS
    kind = schema.get("type")
    if keys == {"type"} and kind == "boolean":
        return lambda v: v is True or v is False
    if kind == "number" and keys in ({"type", "minimum"}, {"type", "exclusiveMinimum"}):
        bound = schema.get("minimum", schema.get("exclusiveMinimum"))
        if "minimum" in schema:
            return lambda v: _is_number(v) and v >= bound
        return lambda v: _is_number(v) and v > bound
    if kind == "string" and keys == {"type", "format"} and schema["format"] == "date":
        return lambda v: isinstance(v, str) and _is_date(v)
    return None


def _object(schema: dict[str, Any]) -> Check:
    """`type: object` with `required` and `properties`, checked in one pass."""
    required = tuple(schema.get("required", ()))
    properties = _properties(schema.get("properties", {}), schema.get("additionalProperties", True))

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return False
        for key in required:
            if key not in v:
                return False
        return properties(v)

    return check


def _properties(properties: dict[str, Any], additional: Any) -> Check:
    compiled = {name: _compile(sub) for name, sub in properties.items()}
    extra: Check | None = None if additional is False else _compile(additional)

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
