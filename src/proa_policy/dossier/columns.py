"""The dossier schema seen as spreadsheet columns: one column per leaf field, its header and its type.

A header is the dotted field name (`pro_a.certification.rncp`) or the field's
French label, its `title` in the schema. Headers are matched after folding
case, accents and runs of spaces, so `Date de début` and `date de debut` are
the same column. The mapping is built from whatever schema it is given, so a
schema without titles gives dotted headers only.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from proa_policy.source import pointer

#: The types a cell can be read as (from the schema's `type`, `format` and `enum`).
TEXT, DATE, NUMBER, INTEGER, BOOLEAN, CHOICE = "text", "date", "number", "integer", "boolean", "choice"


@dataclass(frozen=True, slots=True)
class Column:
    """One leaf field of the dossier, as a spreadsheet column."""

    path: tuple[str, ...]
    kind: str
    title: str | None = None
    description: str = ""
    choices: tuple[str, ...] = ()
    choice_titles: tuple[tuple[str, str], ...] = ()
    required: bool = False

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    @property
    def pointer(self) -> str:
        return pointer(*self.path)

    @property
    def article(self) -> str:
        """The article(s) the description cites, for the help sheet (`4`, `3.3 et annexe`, `préambule`)."""
        found = _ARTICLE.findall(self.description)
        return ", ".join(dict.fromkeys(m.strip() for m in found)) if found else ""


_ARTICLE = re.compile(r"(articles? [0-9][0-9.]*(?: (?:et|à) [0-9][0-9.]*)?|annexe|préambule)")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: the form headers are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _kind(node: dict[str, Any]) -> str:
    if "enum" in node:
        return CHOICE
    if node.get("format") == "date":
        return DATE
    return {"number": NUMBER, "integer": INTEGER, "boolean": BOOLEAN}.get(node.get("type", ""), TEXT)


def columns(schema: dict[str, Any]) -> list[Column]:
    """Every leaf field of `schema`, in the schema's order."""
    out: list[Column] = []

    def walk(node: dict[str, Any], path: tuple[str, ...], required: bool) -> None:
        needed = set(node.get("required", []))
        for name, sub in node.get("properties", {}).items():
            here, is_required = (*path, name), required and name in needed
            if "properties" in sub:
                walk(sub, here, is_required)
                continue
            titles = sub.get("x-enum-titles", {})
            out.append(Column(here, _kind(sub), sub.get("title"), sub.get("description", ""),
                              tuple(str(v) for v in sub.get("enum", ())),
                              tuple((str(k), str(v)) for k, v in titles.items()), is_required))

    walk(schema, (), True)
    return out


class Headers:
    """Header text → column, for one schema: dotted names and French labels (from `title`)."""

    def __init__(self, schema: dict[str, Any]):
        self.columns = columns(schema)
        self.labels = _labels(self.columns)
        self._by_fold: dict[str, Column] = {}
        for column in self.columns:
            self._by_fold[fold(column.dotted)] = column
            label = self.labels[column.dotted]
            self._by_fold.setdefault(fold(label), column)

    def label(self, column: Column) -> str:
        """The French label of a column, or its dotted name when the schema gives it no title."""
        return self.labels[column.dotted]

    def resolve(self, header: str) -> Column | None:
        return self._by_fold.get(fold(header))

    def suggest(self, header: str) -> str | None:
        """The closest header a person may have meant (dotted name or label), for an unknown one."""
        folded = fold(header)
        names = {fold(c.dotted): c.dotted for c in self.columns}
        names.update({fold(self.labels[c.dotted]): self.labels[c.dotted] for c in self.columns})
        # a leaf name alone (`tutor_designated`) or misspelled (`tutor_desginated`) finds its dotted name
        names.update({fold(c.path[-1]): c.dotted for c in self.columns})
        found = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.6)
        return names[found[0]] if found else None


def _labels(cols: list[Column]) -> dict[str, str]:
    """Titles where they are unique; a title shared by two fields is followed by its field's dotted name."""
    seen: dict[str, int] = {}
    for column in cols:
        if column.title:
            seen[fold(column.title)] = seen.get(fold(column.title), 0) + 1
    out = {}
    for column in cols:
        if column.title and seen[fold(column.title)] == 1:
            out[column.dotted] = column.title
        elif column.title:
            out[column.dotted] = f"{column.title} ({column.dotted})"
        else:
            out[column.dotted] = column.dotted
    return out
