"""Dossiers: from what `json.loads` / a YAML load returns to a validated document, or its issues.

Validation is jsonschema's Draft 2020-12 with format checking on; its errors
are rephrased in French (or English) and located by JSON pointer. Before
validation, values are normalised so that a float counts as the decimal it
was written as and a YAML date as its ISO text.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any, Iterator

from .documents import MAX_DEPTH, MAX_NUMBER_CHARS, written_digits
from .errors import DossierIssue
from .fastschema import compile_schema
from .resources import load_schema
from .source import pointer

SCHEMA_NAME = "dossier.schema.json"
_INT_LIMIT = 10 ** MAX_NUMBER_CHARS


def normalize(value: Any) -> tuple[Any, list[DossierIssue]]:
    """Map Python values onto JSON's: floats → Decimal (as written), dates → ISO text.

    Returns the normalised value and the issues that make it unrepresentable
    (non-finite numbers, non-text keys, objects JSON has no word for).
    """
    issues: list[DossierIssue] = []

    def walk(item: Any, path: tuple[str | int, ...]) -> Any:
        if len(path) > MAX_DEPTH:
            issues.append(DossierIssue(pointer(*path), f"imbrication de plus de {MAX_DEPTH} niveaux", keyword="depth"))
            return None
        if item is None or isinstance(item, (bool, str)):
            return item
        if isinstance(item, int):
            if not -_INT_LIMIT < item < _INT_LIMIT:
                issues.append(DossierIssue(pointer(*path), f"nombre de plus de {MAX_NUMBER_CHARS} chiffres", keyword="number"))
            return item
        if isinstance(item, float):
            if not math.isfinite(item):
                issues.append(DossierIssue(pointer(*path), f"`{item}` n'est pas un nombre fini", keyword="number"))
                return None
            item = Decimal(repr(item))
        if isinstance(item, Decimal):
            if not item.is_finite():
                issues.append(DossierIssue(pointer(*path), f"`{item}` n'est pas un nombre fini", keyword="number"))
                return None
            if written_digits(item) > MAX_NUMBER_CHARS:  # `1e-300` too: it prints as 300 digits
                issues.append(DossierIssue(pointer(*path), f"nombre de plus de {MAX_NUMBER_CHARS} chiffres", keyword="number"))
            return item
        if isinstance(item, dt.datetime):
            return item.isoformat()  # not a date: the schema's `format: date` says so
        if isinstance(item, dt.date):
            return item.isoformat()
        if isinstance(item, dict):
            out = {}
            for key, sub in item.items():
                if not isinstance(key, str):
                    issues.append(DossierIssue(pointer(*path), f"clé `{key!r}` : les clés doivent être du texte", keyword="key"))
                    continue
                out[key] = walk(sub, (*path, key))
            return out
        if isinstance(item, list):
            return [walk(sub, (*path, i)) for i, sub in enumerate(item)]
        issues.append(DossierIssue(pointer(*path), f"valeur de type `{type(item).__name__}` sans équivalent JSON", keyword="type"))
        return None

    return walk(value, ()), issues


class DossierSchema:
    """The compiled dossier schema: validation, messages, and the type of each field for the rule compiler."""

    def __init__(self, schema: dict[str, Any] | None = None):
        self.schema = schema if schema is not None else load_schema(SCHEMA_NAME)
        self._fast = compile_schema(self.schema)
        self._validator: Any = None

    @property
    def validator(self) -> Any:
        """jsonschema's validator, built (and jsonschema imported) only when an error must be explained."""
        if self._validator is None:
            from jsonschema import Draft202012Validator

            self._validator = Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return self._validator

    def is_valid(self, document: Any) -> bool:
        """The compiled check when the schema allows it (same answers, see fastschema), else jsonschema."""
        if self._fast is not None:
            try:
                return self._fast(document)
            except (TypeError, ValueError, RecursionError):
                pass
        return self.validator.is_valid(document)

    def issues(self, document: Any, lang: str = "fr") -> list[DossierIssue]:
        """Every schema error, located by JSON pointer, sorted by pointer then message."""
        found = [issue for e in _leaf_errors(self.validator.iter_errors(document)) for issue in _issues(e, lang)]
        unique = {(i.pointer, i.message): i for i in found}
        return sorted(unique.values(), key=lambda i: (i.pointer, i.message))

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


def _field_type(node: dict[str, Any]) -> str:
    if node.get("format") == "date":
        return "date"
    if "enum" in node:
        return "string"
    return {"number": "number", "integer": "number", "boolean": "bool", "string": "string"}.get(node.get("type", ""), "any")


def _leaf_errors(errors: Iterator[Any]) -> Iterator[Any]:
    """Descend into `if/then`, `not` and combinators so each issue names the field it is about."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(iter(error.context))
        else:
            yield error


_TYPE_FR = {"object": "un objet", "string": "du texte", "number": "un nombre", "integer": "un entier",
            "boolean": "un booléen (true ou false)", "array": "une liste", "null": "null"}
_TYPE_EN = {"object": "an object", "string": "a string", "number": "a number", "integer": "an integer",
            "boolean": "a boolean (true or false)", "array": "an array", "null": "null"}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "un objet" if isinstance(value, dict) else "une liste"
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _issues(error: Any, lang: str) -> list[DossierIssue]:
    """One issue per missing field for `required`; one issue otherwise."""
    if error.validator == "required" and isinstance(error.instance, dict):
        path = list(error.absolute_path)
        text = "champ obligatoire absent" if lang != "en" else "required field is missing"
        return [DossierIssue(pointer(*path, name), text, keyword="required")
                for name in error.validator_value if name not in error.instance]
    return [_issue(error, lang)]


def _issue(error: Any, lang: str) -> DossierIssue:
    path = list(error.absolute_path)
    keyword = error.validator
    fr = lang != "en"
    instance = error.instance
    value = error.validator_value
    if keyword == "required":
        missing = next((name for name in value if isinstance(instance, dict) and name not in instance), value[0])
        path.append(missing)
        text = "champ obligatoire absent" if fr else "required field is missing"
    elif keyword == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extras = sorted(k for k in instance if k not in known) if isinstance(instance, dict) else []
        if extras:
            path.append(extras[0])
        names = ", ".join(f"`{e}`" for e in extras)
        text = (f"champ inconnu : {names} ; champs admis : " if fr else f"unknown field: {names}; allowed fields: ") + ", ".join(sorted(known))
    elif keyword == "type":
        expected = value if isinstance(value, str) else value[0]
        text = (f"{_show(instance)} devrait être {_TYPE_FR.get(expected, expected)}" if fr
                else f"{_show(instance)} should be {_TYPE_EN.get(expected, expected)}")
    elif keyword == "enum":
        choices = ", ".join(f"`{v}`" for v in value)
        text = f"valeur {_show(instance)} non admise ; valeurs possibles : {choices}" if fr else f"value {_show(instance)} is not allowed; allowed values: {choices}"
    elif keyword == "const":
        text = f"valeur {_show(instance)} non admise ; attendu : `{value}`" if fr else f"value {_show(instance)} is not allowed; expected `{value}`"
    elif keyword == "format":
        text = (f"{_show(instance)} n'est pas une date réelle au format AAAA-MM-JJ" if fr
                else f"{_show(instance)} is not a real calendar date in YYYY-MM-DD form")
    elif keyword == "pattern":
        text = (f"{_show(instance)} ne respecte pas le format attendu (par exemple RNCP34860)" if fr
                else f"{_show(instance)} does not have the expected form (for example RNCP34860)")
    elif keyword == "minimum":
        text = f"{_show(instance)} devrait être supérieur ou égal à {value}" if fr else f"{_show(instance)} should be at least {value}"
    elif keyword == "exclusiveMinimum":
        text = f"{_show(instance)} devrait être strictement supérieur à {value}" if fr else f"{_show(instance)} should be greater than {value}"
    elif keyword == "minLength":
        text = f"{_show(instance)} est trop court (au moins {value} caractère(s))" if fr else f"{_show(instance)} is too short (at least {value} character(s))"
    elif keyword == "maxLength":
        text = f"{_show(instance)} est trop long (au plus {value} caractères)" if fr else f"{_show(instance)} is too long (at most {value} characters)"
    elif keyword == "not" and error.schema.get("not", {}).get("required") == ["rncp"]:
        path.append("rncp")
        text = ("un code RNCP n'est admis que pour une certification de nature `rncp` (article 3.1 : CléA et CléA numérique n'en ont pas)" if fr
                else "an RNCP code is only allowed for a certification of kind `rncp`")
    else:
        text = error.message
    return DossierIssue(pointer(*path), text, keyword=keyword)
