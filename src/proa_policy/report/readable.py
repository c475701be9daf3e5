"""A dossier as a person reads it: one line per field, the field's French label and its value.

Shared by the rulebook's worked examples, the HTML amendment review and the
markdown pull-request comment, so that every view labels fields the same way.
An enumerated value is shown by its French title from the schema's
`x-enum-titles` (`contrat_de_mission` → « Contrat de mission »), a boolean
as oui/non (yes/no in English), a date as ISO `2022-01-10` like every other
date of the rulebook's data. Escaping is the renderer's: Jinja2 for the
pages, `report/escape.py`'s `markdown` for the comment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from proa_policy.report.escape import markdown
from proa_policy.resources import load_schema
from proa_policy.wording import say


def field_labels(schema: dict[str, Any]) -> dict[tuple[str, ...], str]:
    """Every field of the dossier schema, objects included: its `title` when given, else its dotted name."""
    out: dict[tuple[str, ...], str] = {}

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        for name, sub in node.get("properties", {}).items():
            if not isinstance(sub, dict):
                continue
            here = (*path, name)
            title = sub.get("title")
            out[here] = title if isinstance(title, str) and title.strip() else ".".join(here)
            walk(sub, here)

    walk(schema, ())
    return out


def labels() -> dict[tuple[str, ...], str]:
    return field_labels(load_schema("dossier.schema.json"))


@lru_cache(maxsize=1)
def enum_titles() -> dict[tuple[str, ...], dict[str, str]]:
    """{field path: {value: French title}} of every enumerated field (a list's items included)."""
    out: dict[tuple[str, ...], dict[str, str]] = {}

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        for name, sub in node.get("properties", {}).items():
            if not isinstance(sub, dict):
                continue
            for holder in (sub, sub.get("items")):
                titles = holder.get("x-enum-titles") if isinstance(holder, dict) else None
                if isinstance(titles, dict):
                    out[(*path, name)] = {str(k): str(v) for k, v in titles.items()}
            walk(sub, (*path, name))

    walk(load_schema("dossier.schema.json"), ())
    return out


def show_field(path: tuple[str, ...], value: Any, lang: str) -> str:
    """A field's value in words: its enumerated title when the schema gives one, else `show_value`."""
    titles = enum_titles().get(path)
    if titles and isinstance(value, str) and value in titles:
        return titles[value]
    if titles and isinstance(value, list):
        return ", ".join(titles.get(v, show_value(v, lang)) if isinstance(v, str) else show_value(v, lang)
                         for v in value)
    return show_value(value, lang)


def show_value(value: Any, lang: str) -> str:
    """A field value in words: booleans as yes/no in `lang` (`finding.yes`), numbers without exponent, dates
    ISO."""
    if isinstance(value, bool):
        return say("finding.yes" if value else "finding.no", lang)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, int, float, str)):
        return str(value)
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(show_value(v, lang) for v in value) or "—"
    return str(value)


def rows(dossier: Any, lang: str = "fr", table: dict[tuple[str, ...], str] | None = None
         ) -> list[tuple[tuple[str, ...], str, str]]:
    """`(path, label, value)` for every leaf of the dossier, in document order."""
    table = labels() if table is None else table
    out: list[tuple[tuple[str, ...], str, str]] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, dict) and node:
            for key, child in node.items():
                walk(child, (*path, str(key)))
            return
        if path:
            out.append((path, table.get(path, ".".join(path)), show_field(path, node, lang)))

    walk(dossier, ())
    return out


def differing(dossier: Any, reference: Any, lang: str = "fr",
              table: dict[tuple[str, ...], str] | None = None) -> list[tuple[tuple[str, ...], str, str]]:
    """The rows of `dossier` whose value differs from `reference`, and the fields it lacks (shown as —)."""
    mine = rows(dossier, lang, table)
    theirs = {path: value for path, _, value in rows(reference, lang, table)}
    out = [row for row in mine if theirs.get(row[0]) != row[2]]
    present = {path for path, _, _ in mine}
    table = labels() if table is None else table
    out += [(path, table.get(path, ".".join(path)), "—") for path in theirs if path not in present]
    return out


def markdown_table(dossier: Any, lang: str = "fr") -> str:
    """The dossier as a two-column markdown table (labels, values), each cell escaped (report/escape.py)."""
    lines = [f"| {say('report.dossier.field', lang)} | {say('report.dossier.value', lang)} |", "|---|---|"]
    lines += [f"| {markdown(label)} | {markdown(value)} |" for _, label, value in rows(dossier, lang)]
    return "\n".join(lines)
