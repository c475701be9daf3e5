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
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default"}
_KEYWORDS = {"type", "enum", "const", "required", "properties", "additionalProperties", "minLength", "maxLength",
             "pattern", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "format", "if", "then", "else",
             "not"} | _ANNOTATIONS


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


def _is_number(value: Any) -> bool:
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
    checks: list[Check] = []
    if "type" in schema:
        checks.append(_type(schema["type"]))
    if "enum" in schema:
        checks.append(_enum(schema["enum"]))
    if "const" in schema:
        checks.append(_enum([schema["const"]]))
    if "required" in schema:
        required = tuple(schema["required"])
        checks.append(lambda v: not isinstance(v, dict) or all(k in v for k in required))
    if "properties" in schema or "additionalProperties" in schema:
        checks.append(_properties(schema.get("properties", {}), schema.get("additionalProperties", True)))
    if "minLength" in schema:
        shortest = schema["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= shortest)
    if "maxLength" in schema:
        longest = schema["maxLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) <= longest)
    if "pattern" in schema:
        regex = re.compile(schema["pattern"])
        checks.append(lambda v: not isinstance(v, str) or regex.search(v) is not None)
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
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    checks_tuple = tuple(checks)
    return lambda v: all(c(v) for c in checks_tuple)


def _properties(properties: dict[str, Any], additional: Any) -> Check:
    compiled = {name: _compile(sub) for name, sub in properties.items()}
    if additional is False:
        known = frozenset(compiled)

        def closed(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for key, value in v.items():
                check = compiled.get(key)
                if check is None or not check(value):
                    return False
            return True

        return closed
    extra = _compile(additional)

    def open_(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for key, value in v.items():
            check = compiled.get(key, extra)
            if not check(value):
                return False
        return True

    return open_


__all__ = ["Decimal", "compile_schema"]
