"""A dossier as a person reads it: one line per field, the field's French label and its value.

Shared by the rulebook's worked examples, the HTML amendment review and the
markdown pull-request comment, so that every view labels fields the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from proa_policy.resources import load_schema
from proa_policy.rulebook.words import field_labels


def labels() -> dict[tuple[str, ...], str]:
    return field_labels(load_schema("dossier.schema.json"))


def show_value(value: Any, lang: str) -> str:
    """A field value in words: booleans as oui/non, numbers without exponent, dates ISO."""
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang != "en" else ("yes" if value else "no")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, int, float, str)):
        return str(value)
    if value is None:
        return "—"
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
            out.append((path, table.get(path, ".".join(path)), show_value(node, lang)))

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
    from proa_policy.report.escape import markdown as cell

    head = "| champ | valeur |" if lang != "en" else "| field | value |"
    lines = [head, "|---|---|"]
    lines += [f"| {cell(label)} | {cell(value)} |" for _, label, value in rows(dossier, lang)]
    return "\n".join(lines)
