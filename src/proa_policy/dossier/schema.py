"""Dossiers: from what `json.loads` / a YAML load returns to a validated document, or its issues.

Validation is jsonschema's Draft 2020-12 with format checking on; its errors
are rephrased in French (or English) and located by JSON pointer. Before
validation, values are normalised so that a float counts as the decimal it
was written as; a date given as a `datetime.date` (the Python API) stays a date
where the schema has a date field, and is read as such, never as text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any, Iterator

from proa_policy.read.values import MAX_DEPTH, MAX_NUMBER_CHARS, MarkedDict, MarkedList, written_digits
from proa_policy.errors import DossierIssue
from proa_policy.limits import MAX_ISSUES, MAX_NAMES_LISTED
from proa_policy.dossier.fastschema import compile_schema
from proa_policy.read.hints import did_you_mean, value_hint
from proa_policy.resources import load_schema
from proa_policy.source import pointer
from proa_policy.wording import Words, in_catalogue, say

SCHEMA_NAME = "dossier.schema.json"
_INT_LIMIT = 10 ** MAX_NUMBER_CHARS


def normalize(value: Any, date_paths: frozenset[tuple[str, ...]] = frozenset(), lang: str = "fr"
              ) -> tuple[Any, list[DossierIssue]]:
    """Map Python values onto JSON's: floats → Decimal (as written); a date stays a date where the schema
    has a date field (`date_paths`), else becomes its ISO text.

    Returns the normalised value and the issues that make it unrepresentable (non-finite numbers,
    non-text keys, lone surrogates, objects JSON has no word for). Total on any value: subclasses
    of dict, list, str and the numbers are read with the base type's own methods, never theirs.
    """
    issues: list[list[Any]] = []  # [message, keyword, path reversed]: each parent adds its key on the way up
    document = _walk(value, issues, 0)
    if not issues:
        return document, []
    dates = [path[::-1] for message, _, path in issues if message is None]
    if dates:  # a date met on the way: noted like an issue, so that it knows where it is
        issues = [issue for issue in issues if issue[0] is not None]
        document = _dates_outside_as_text(document, dates, date_paths)
        if not issues:
            return document, []
    found = [DossierIssue(pointer(*reversed(path)), message.said(lang), keyword=keyword)
             for message, keyword, path in issues[:MAX_ISSUES]]
    return document, found + _more(len(issues) - MAX_ISSUES, lang)


def _dates_outside_as_text(document: Any, dates: list[list[Any]], date_paths: frozenset[tuple[str, ...]]
                           ) -> Any:
    """Each date met where the schema has no date field, as its ISO text (what a text field would hold)."""
    for path in dates:
        if tuple(path) in date_paths:
            continue
        if not path:
            return document.isoformat()
        parent = document
        for token in path[:-1]:
            parent = parent[token]
        parent[path[-1]] = parent[path[-1]].isoformat()
    return document


def _more(count: int, lang: str = "fr") -> list[DossierIssue]:
    """The one issue that counts those not listed (MAX_ISSUES per dossier)."""
    if count <= 0:
        return []
    return [DossierIssue("", say("schema.more", lang, count=count, limit=MAX_ISSUES), keyword="limit")]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _walk(item: Any, issues: list[list[Any]], depth: int) -> Any:
    """One value, dispatched on its exact type (the common case first); recursion bounded by MAX_DEPTH."""
    if depth > MAX_DEPTH:
        issues.append([Words("schema.nesting", {"limit": MAX_DEPTH}), "depth", []])
        return None
    kind = type(item)
    if kind is str:
        if item.isascii() or not _SURROGATE.search(item):
            return item
        issues.append([Words("schema.surrogate"), "string", []])
        return None
    if kind is dict or kind is MarkedDict:
        out = {}
        inline = depth < MAX_DEPTH  # a leaf one level down is still within the limit
        for key, sub in item.items():
            if type(key) is not str:
                key = _key(key, issues)
                if key is None:
                    continue
            elif not key.isascii() and _SURROGATE.search(key):
                issues.append([Words("schema.key_surrogate"), "key", []])
                continue
            leaf = type(sub)
            if inline and ((leaf is str and sub.isascii()) or leaf is bool
                           or (leaf is int and -_INT_LIMIT < sub < _INT_LIMIT)):
                out[key] = sub  # the common leaves, inline: no call
                continue
            before = len(issues)
            out[key] = _walk(sub, issues, depth + 1)
            if len(issues) != before:
                for issue in issues[before:]:
                    issue[2].append(key)
        return out
    if kind is list or kind is MarkedList:
        items = []
        for index, sub in enumerate(item):
            before = len(issues)
            items.append(_walk(sub, issues, depth + 1))
            if len(issues) != before:
                for issue in issues[before:]:
                    issue[2].append(index)
        return items
    if item is None or kind is bool:
        return item
    if kind is int:
        if not -_INT_LIMIT < item < _INT_LIMIT:
            issues.append([Words("schema.number_too_long", {"limit": MAX_NUMBER_CHARS}), "number", []])
        return item
    if kind is Decimal:
        if not item.is_finite():
            issues.append([Words("schema.not_finite", {"text": str(item)}), "number", []])
            return None
        if written_digits(item) > MAX_NUMBER_CHARS:  # `1e-300` too: it prints as 300 digits
            issues.append([Words("schema.number_too_long", {"limit": MAX_NUMBER_CHARS}), "number", []])
        return item
    if kind is float:
        if not math.isfinite(item):
            issues.append([Words("schema.not_finite", {"text": str(item)}), "number", []])
            return None
        return _walk(Decimal(repr(item)), issues, depth)
    if kind is dt.date:  # kept as a date; where it is, noted: `normalize` says whether a date belongs there
        issues.append([None, "date", []])
        return item
    return _walk_other(item, issues, depth)


def _walk_other(item: Any, issues: list[list[Any]], depth: int) -> Any:
    """Datetimes, subclasses of JSON's types (as their plain value), and what JSON has no word for."""
    try:
        plain = _plain(item)
    except Exception:  # a hostile object: nothing of it is read
        plain = _UNREADABLE
    if plain is _UNREADABLE:
        issues.append([Words("schema.no_json_type", {"type": _type_name(item)}), "type", []])
        return None
    return _walk(plain, issues, depth)


_UNREADABLE = object()


def _plain(item: Any) -> Any:
    """The plain value of `item`, read through the base type's C methods (a subclass's own are not called)."""
    kind = type(item)
    if issubclass(kind, dt.datetime):  # not a date: the schema's `format: date` says so
        tz = dt.datetime.utcoffset(item) if type(dt.datetime.tzinfo.__get__(item)) is dt.timezone else None
        naive = dt.datetime.replace(item, tzinfo=None)
        text = dt.datetime.isoformat(naive)
        if tz is None:
            return text
        return dt.datetime.isoformat(dt.datetime.replace(naive, tzinfo=dt.timezone(tz)))
    if issubclass(kind, dt.date):  # a subclass of date: the plain date it stands for
        return dt.date.fromordinal(dt.date.toordinal(item))
    if issubclass(kind, str):
        return str.__str__(item)
    if issubclass(kind, float):  # before int: nothing is both, but bool is an int
        return float.__float__(item)
    if issubclass(kind, int):
        return int.__index__(item)
    if issubclass(kind, Decimal):
        return Decimal(item)
    if issubclass(kind, dict):
        return dict(dict.items(item))
    if issubclass(kind, list):
        return list(list.__iter__(item))
    return _UNREADABLE


def _key(key: Any, issues: list[list[Any]]) -> str | None:
    """A key that is not exactly `str`: a str subclass's text, else an issue (and the pair is left out)."""
    if issubclass(type(key), str):
        text = str.__str__(key)
        if text.isascii() or not _SURROGATE.search(text):
            return text
        issues.append([Words("schema.key_surrogate"), "key", []])
        return None
    shown = repr(key) if type(key) in (int, float, bool, type(None)) else f"de type {_type_name(key)}"
    issues.append([Words("schema.key_not_text", {"key": shown}), "key", []])
    return None


def _type_name(item: Any) -> str:
    """The name of `item`'s type, safe to print: a metaclass may make `__name__` anything."""
    name = type.__dict__["__name__"].__get__(type(item))
    if type(name) is not str or not name.isprintable() or _SURROGATE.search(name):
        return "?"
    return name[:60]


LANGS = ("fr", "en")


def check_options(as_of: Any, lang: Any) -> dt.date | None:
    """The caller's options, checked at once: a mistake there is the caller's, not the dossier's."""
    if type(lang) is not str or lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {_type_name(lang)} {_safe_repr(lang)}")
    if as_of is None or type(as_of) is dt.date:
        return as_of
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise TypeError(f"as_of must be a datetime.date, got {_type_name(as_of)} {_safe_repr(as_of)}")
    return dt.date.fromordinal(dt.date.toordinal(as_of))  # a date subclass, as a plain date


def _safe_repr(value: Any) -> str:
    if type(value) not in (str, int, float, bool, type(None)):
        return "…"  # the caller's object: its own repr is not called
    return repr(value).encode("ascii", "backslashreplace").decode("ascii")[:60]


class DossierSchema:
    """The compiled dossier schema: validation, messages, and the type of each field for the rule compiler."""

    def __init__(self, schema: dict[str, Any] | None = None):
        self.schema = schema if schema is not None else load_schema(SCHEMA_NAME)
        self._fast = compile_schema(self.schema)
        self._validator: Any = None
        #: where the dossier has a date field: a `datetime.date` there is a date, as its ISO text would be
        self.date_paths = frozenset(path for path, info in self.fields().items() if info["type"] == "date")

    @property
    def validator(self) -> Any:
        """jsonschema's validator, built (and jsonschema imported) only when an error must be explained."""
        if self._validator is None:
            from jsonschema import Draft202012Validator

            checker = Draft202012Validator.FORMAT_CHECKER
            self._validator = Draft202012Validator(self.schema, format_checker=checker)
        return self._validator

    def is_valid(self, document: Any) -> bool:
        """The compiled check when the schema allows it (same answers, see fastschema), else jsonschema."""
        if self._fast is not None:
            try:
                return self._fast(document)
            except (TypeError, ValueError, RecursionError):
                pass
        return self.validator.is_valid(self._as_text(document))

    def issues(self, document: Any, lang: str = "fr") -> list[DossierIssue]:
        """Every schema error, located by JSON pointer, sorted by pointer then message."""
        unique: dict[tuple[str, str], DossierIssue] = {}
        more = 0
        for error in _leaf_errors(self.validator.iter_errors(self._as_text(document))):
            for issue in _issues(error, lang):
                if len(unique) < MAX_ISSUES or (issue.pointer, issue.message) in unique:
                    unique[(issue.pointer, issue.message)] = issue
                else:
                    more += 1  # counted, not kept: the cost of a report stays bounded
        return sorted(unique.values(), key=lambda i: (i.pointer, i.message)) + _more(more, lang)

    def _as_text(self, document: Any) -> Any:
        """`document` as jsonschema reads it: the dates of its date fields as their ISO text (a copy of the
        objects on their way; nothing else changes, so that a date anywhere else is still not a text)."""
        for path in self.date_paths:
            node = document
            for token in path:
                node = node.get(token) if isinstance(node, dict) else None
            if type(node) is dt.date:
                return _with_dates_as_text(document, self.date_paths, ())
        return document

    def fields(self) -> dict[tuple[str, ...], dict[str, Any]]:
        """Leaf fields of the dossier: path → {type, required (all the way down), description}."""
        out: dict[tuple[str, ...], dict[str, Any]] = {}

        def walk(node: dict[str, Any], path: tuple[str, ...], required: bool, when: Any) -> None:
            props = node.get("properties", {})
            needed = set(node.get("required", []))
            condition = _required_if(node, path)
            for name, sub in props.items():
                here = (*path, name)
                is_required = required and name in needed
                # present when the parent is, and a schema `if/then` requires it: (enum field, values)
                conditional = condition[1] if condition and name in condition[0] and required else None
                sub_when = (when if name in needed else None) or conditional
                if "properties" in sub:
                    walk(sub, here, is_required, sub_when)
                else:
                    out[here] = {"type": _field_type(sub), "required": is_required,
                                 "description": sub.get("description", ""), "present_when": sub_when}

        walk(self.schema, (), True, None)
        return out


def _required_if(node: dict[str, Any], path: tuple[str, ...]) -> tuple[set[str], Any] | None:
    """`if: {properties: {f: {enum: [...]}}, required: [f]}, then: {required: [...]}`: the names `then`
    requires, and (path of f, its values): the one shape of conditional requirement the type checker
    knows."""
    test, then = node.get("if"), node.get("then")
    if not isinstance(test, dict) or not isinstance(then, dict):
        return None
    props = test.get("properties", {})
    if len(props) != 1 or set(test.get("required", [])) != set(props):
        return None
    (field, rule), = props.items()
    if not isinstance(rule, dict) or not isinstance(rule.get("enum"), list):
        return None
    return set(then.get("required", [])), ((*path, field), frozenset(rule["enum"]))


def _with_dates_as_text(node: Any, date_paths: frozenset[tuple[str, ...]], path: tuple[str, ...]) -> Any:
    if type(node) is dt.date and path in date_paths:
        return node.isoformat()
    if not isinstance(node, dict) or not any(p[:len(path)] == path for p in date_paths):
        return node
    return {key: _with_dates_as_text(value, date_paths, (*path, key)) for key, value in node.items()}


def _field_type(node: dict[str, Any]) -> str:
    if node.get("format") == "date":
        return "date"
    if "enum" in node:
        return "string"
    kinds = {"number": "number", "integer": "number", "boolean": "bool", "string": "string"}
    return kinds.get(node.get("type", ""), "any")


def _leaf_errors(errors: Iterator[Any]) -> Iterator[Any]:
    """Descend into `if/then`, `not` and combinators so each issue names the field it is about."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(iter(error.context))
        else:
            yield error


def _show(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return say("schema.shown.object" if isinstance(value, dict) else "schema.shown.list", lang)
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _issues(error: Any, lang: str) -> list[DossierIssue]:
    """One issue per missing field for `required`; one issue otherwise."""
    if error.validator == "required" and isinstance(error.instance, dict):
        path = list(error.absolute_path)
        text = say("schema.required", lang)
        return [DossierIssue(pointer(*path, name), text, keyword="required")
                for name in error.validator_value if name not in error.instance]
    return [_issue(error, lang)]


def _unknown_fields(error: Any, instance: Any, path: list[Any], lang: str) -> str:
    """`additionalProperties`: the unknown fields (the first one appended to `path`) and the allowed ones."""
    known = set(error.schema.get("properties", {}))
    extras = sorted(k for k in instance if k not in known) if isinstance(instance, dict) else []
    if extras:
        path.append(extras[0])
    names = ", ".join(f"`{e}`" for e in extras[:MAX_NAMES_LISTED])
    if len(extras) > MAX_NAMES_LISTED:
        names += f" (+{len(extras) - MAX_NAMES_LISTED})"
    text = say("schema.unknown_fields", lang, names=names, known=", ".join(sorted(known)))
    return text + (did_you_mean(extras[0], known, lang) if extras else "")


#: The keywords whose message only quotes the value and the keyword's bound (`schema.<keyword>`).
_BOUNDS = frozenset({"const", "pattern", "minimum", "exclusiveMinimum", "minLength", "maxLength"})


def _issue(error: Any, lang: str) -> DossierIssue:
    path = list(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    value = error.validator_value
    shown = _show(instance, lang)
    if keyword == "required":
        missing = next((name for name in value if isinstance(instance, dict) and name not in instance),
                       value[0])
        path.append(missing)
        text = say("schema.required", lang)
    elif keyword == "additionalProperties":
        text = _unknown_fields(error, instance, path, lang)
    elif keyword == "type":
        expected = value if isinstance(value, str) else value[0]
        named = f"schema.type.{expected}"
        kind = say(named, lang) if in_catalogue(named) else expected
        text = say("schema.type", lang, shown=shown, expected=kind) + value_hint(instance, expected, lang)
    elif keyword == "enum":
        choices = ", ".join(f"`{v}`" for v in value)
        text = say("schema.enum", lang, shown=shown, choices=choices) + did_you_mean(instance, value, lang)
    elif keyword == "format":
        text = say("schema.format", lang, shown=shown) + value_hint(instance, "date", lang)
    elif keyword in _BOUNDS:
        text = say(f"schema.{keyword}", lang, shown=shown, value=value)
    elif keyword == "not" and error.schema.get("not", {}).get("required") == ["rncp"]:
        path.append("rncp")
        text = say("schema.rncp_only", lang)
    else:
        text = error.message
    return DossierIssue(pointer(*path), text, keyword=keyword)
