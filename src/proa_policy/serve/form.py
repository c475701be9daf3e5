"""The dossier form, generated from `schemas/dossier.schema.json`: a field added there appears here.

Each object is a group (a `<fieldset>` with its `title` as legend), each leaf
a field: an enumeration is a list of choices labelled by `x-enum-titles`, a
boolean is oui/non, `format: date` a date, a number a text box that takes
`1 600,50` as well as `1600.50`. A form comes back as a dossier for the same
evaluator as any file: nothing here decides anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from proa_policy.read.values import read_number

YES, NO = "true", "false"


@dataclass(frozen=True)
class Field:
    name: str  # pro_a.certification.rncp: the form's field name
    pointer: str  # /pro_a/certification/rncp
    title: str
    help: str
    widget: str  # select | boolean | date | number | text
    required: bool  # when its group is given
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None

    @property
    def dom_id(self) -> str:
        return "f-" + self.name.replace(".", "-")


@dataclass(frozen=True)
class Group:
    name: str
    pointer: str
    title: str
    help: str
    required: bool
    children: tuple[Field | Group, ...]

    @property
    def dom_id(self) -> str:
        return "g-" + (self.name.replace(".", "-") or "dossier")

    def leaves(self) -> list[Field]:
        out: list[Field] = []
        for child in self.children:
            out.extend(child.leaves() if isinstance(child, Group) else [child])
        return out


def groups(form: Group) -> list[Group]:
    """Every group of the form, the form itself first."""
    out = [form]
    for child in form.children:
        if isinstance(child, Group):
            out.extend(groups(child))
    return out


def _widget(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "select"
    if node.get("format") == "date":
        return "date"
    return {"boolean": "boolean", "number": "number", "integer": "number"}.get(node.get("type", ""), "text")


def build(schema: dict[str, Any]) -> Group:
    """The form of a schema: every property, in the schema's order, with its French title and help."""

    def group(node: dict[str, Any], path: tuple[str, ...], required: bool) -> Group:
        needed = set(node.get("required", []))
        children: list[Field | Group] = []
        for key, sub in node.get("properties", {}).items():
            here = (*path, key)
            if sub.get("type") == "object":
                children.append(group(sub, here, key in needed))
                continue
            titles = sub.get("x-enum-titles", {})
            choices = tuple((value, titles.get(value, value)) for value in sub.get("enum", ()))
            if _widget(sub) == "boolean":
                choices = ((YES, "Oui"), (NO, "Non"))
            children.append(
                Field(
                    ".".join(here),
                    "/" + "/".join(here),
                    sub.get("title", key),
                    sub.get("description", ""),
                    _widget(sub),
                    key in needed,
                    choices,
                    sub.get("maxLength"),
                )
            )
        return Group(
            ".".join(path),
            "/" + "/".join(path) if path else "",
            node.get("title", ""),
            node.get("description", ""),
            required,
            tuple(children),
        )

    return group(schema, (), True)


def _number(text: str) -> Any:
    """`1 600,50` or `1600.50` → Decimal, within the reader's limits (`read/values.read_number`: `1e999999`
    is refused); anything else stays text, for the schema to say what is wrong."""
    cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return read_number(cleaned)
    except ValueError:
        return text


def to_dossier(form: Group, values: Mapping[str, str]) -> dict[str, Any]:
    """The dossier a filled form stands for; an optional group left empty is left out."""

    def leaf(field: Field) -> Any:
        raw = values.get(field.name, "").strip()
        if raw == "":
            return None
        if field.widget == "boolean":
            return {YES: True, NO: False}.get(raw, raw)
        if field.widget == "number":
            return _number(raw)
        return raw

    def walk(group: Group) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for child in group.children:
            value = walk(child) if isinstance(child, Group) else leaf(child)
            if value is not None:
                out[child.name.rsplit(".", 1)[-1]] = value
        if not out and not group.required:
            return None
        return out

    return walk(form) or {}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)) or value is None:
        return ""
    return str(value)


def from_dossier(form: Group, dossier: Any) -> tuple[dict[str, str], list[str]]:
    """The form's values for a dossier read from a file, and the pointers of what the form cannot show."""
    values: dict[str, str] = {}
    known = {f.pointer for f in form.leaves()}
    unknown: list[str] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            for key, sub in node.items():
                walk(sub, (*path, str(key)))
            return
        pointer = "/" + "/".join(path)
        if pointer in known and not isinstance(node, list):
            values[".".join(path)] = _text(node)
        else:
            unknown.append(pointer)

    walk(dossier, ())
    return values, unknown
