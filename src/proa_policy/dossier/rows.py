"""Rows of a sheet → dossiers: one `Loaded` per data row, in row order, every problem located as a cell.

The cells come from `read/sheets.py`; which column is which field, and how a
cell reads as its field's value, come from the schema (`columns.py`,
`cells.py`). The first row holds the headers. Each later row is one dossier,
empty or broken rows included: an empty row between dossiers is answered
« ligne vide »; empty rows after the last dossier are not part of the table
(they are what a spreadsheet program calls the rows below the used range). An
empty cell is an absent field. Errors carry the cell in A1 notation
(`planning.xlsx:Dossiers!D7`, `planning.csv!D7`) in their message, and the row
and column numbers as their line and column. A row's decision is
`engine/rows.py`'s.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Iterator

from proa_policy.dossier.cells import CellError, convert
from proa_policy.dossier.columns import Column, Headers
from proa_policy.errors import DocumentError, DossierIssue
from proa_policy.limits import MAX_HINTS, MAX_ISSUES
from proa_policy.read.inputs import Loaded
from proa_policy.read.sheets import (
    FORMULA_WITHOUT_VALUE,
    MAX_CELL_CHARS,
    MAX_ROWS,
    MERGED_ACROSS,
    Table,
    cell_ref,
    column_letters,
    fitted,
    read_handle,
    read_table,
)
from proa_policy.resources import load_schema
from proa_policy.source import pointer, pointer_tokens
from proa_policy.wording import say

SCHEMA_NAME = "dossier.schema.json"


@dataclass(frozen=True, slots=True)
class Problem:
    """A header or a cell that could not be read, kept as a key of the catalogue: said in any language."""

    pointer: str
    ref: str  # `planning.xlsx:Dossiers!D7`
    key: str
    values: tuple[tuple[str, Any], ...]
    line: int
    column: int
    keyword: str

    def said(self, lang: str) -> DossierIssue:
        said = say(self.key, lang, **dict(self.values))
        message = say("sheet.at", lang, ref=self.ref, message=said)
        return DossierIssue(self.pointer, message, self.line, self.column, self.keyword)


def problem(pointer: str, ref: str, key: str, line: int, column: int, keyword: str, **values: Any) -> Problem:
    return Problem(pointer, ref, key, tuple(values.items()), line, column, keyword)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """Where one row's dossier came from, and what its cells said before any rule was applied."""

    where: str
    number: int
    columns: tuple[tuple[str, int, str], ...]  # (pointer, column index, dotted name) of the known columns
    issues: tuple[Problem, ...] = ()  # headers and cells that could not be read (`said` in a language)
    broken: frozenset[str] = frozenset()  # pointers of the cells refused: their field is not « absent »
    inputs: tuple[tuple[str, str, Any], ...] = ()  # (pointer or `?header`, header as written, cell value)
    empty: bool = False
    more: int = 0  # problems of the header and cells not kept in `issues` (at most MAX_ISSUES are)

    def column_of(self, ptr: str | None) -> int:
        """The column of a field, or the first column inside an object (`/pro_a/remuneration`); 0 if none."""
        if ptr is None:
            return 0
        inside = [index for p, index, _ in self.columns if p == ptr or p.startswith(ptr + "/")]
        return min(inside) if inside and ptr else 0

    def issue(self, issue: DossierIssue, lang: str) -> DossierIssue:
        """A schema issue said of this row's cell (of the row, naming the column to add, when it has none)."""
        column = self.column_of(issue.pointer)
        message = issue.message
        if not column and issue.keyword == "required":
            dotted = ".".join(pointer_tokens(issue.pointer))
            message = say("sheet.add_column", lang, message=message, dotted=dotted)
        ref = cell_ref(self.where, self.number, column)
        text = say("sheet.at", lang, ref=ref, message=message)
        return DossierIssue(issue.pointer, text, self.number, column, issue.keyword)

    def covers(self, ptr: str) -> bool:
        return self.empty or any(ptr == b or ptr.startswith(b + "/") for b in self.broken)


def row_issues(schema: Any, loaded: Loaded, lang: str) -> list[DossierIssue]:
    """The problems of a row: its header's and cells' first, then the schema's (not repeating a refused
    cell); at most MAX_ISSUES, then one that counts the others."""
    row: SheetRow = loaded.row
    found = [] if row.empty or schema.is_valid(loaded.document) else schema.issues(loaded.document, lang)
    listed = [*(p.said(lang) for p in row.issues),
              *(row.issue(i, lang) for i in found if not row.covers(i.pointer))]
    if len(listed) <= MAX_ISSUES and not row.more:
        return listed
    dropped = listed[MAX_ISSUES:]
    count = row.more + sum(1 for i in dropped if i.keyword != "limit")
    floor = any(i.keyword == "limit" for i in dropped)  # the schema's own count, cut: ours is a floor
    said = say("sheet.more_issues_at_least" if floor else "sheet.more_issues", lang,
               count=count, limit=MAX_ISSUES)
    text = say("sheet.at", lang, ref=cell_ref(row.where, row.number, 0), message=said)
    return [*listed[:MAX_ISSUES], DossierIssue("", text, row.number, 0, "limit")]


# --- the table -----------------------------------------------------------------

class _Layout:
    """The header row read once: which column is which field, and the header problems every row repeats
    (the first MAX_ISSUES of them, the others counted: a row's cost does not grow with the header's)."""

    def __init__(self, where: str, header: list[Any], headers: Headers):
        self.where = where
        self.headers = headers
        self.slots: list[tuple[str | None, Column | None]] = []
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        hints = MAX_HINTS
        for index, raw in enumerate(header, start=1):
            ref = cell_ref(where, 1, index)
            text, refused = _header_text(raw, index)
            column = headers.resolve(text) if text and not refused else None
            if refused:
                problems.append(problem("", ref, refused, 1, index, "header"))
            elif text and column is None:
                hint = headers.suggest(text) if len(text) <= 200 and hints > 0 else None
                hints -= 1
                shown = text if len(text) <= 60 else text[:60] + "…"
                key = "sheet.header_unknown_hint" if hint else "sheet.header_unknown"
                problems.append(problem("", ref, key, 1, index, "header", text=shown, hint=hint))
            elif column is not None and column.dotted in seen:
                first = column_letters(seen[column.dotted])
                problems.append(problem(column.pointer, ref, "sheet.header_duplicate", 1, index, "header",
                                        text=text, first=first))
                column = None
            elif column is not None:
                seen[column.dotted] = index
            self.slots.append((text or None, column))
        self.problems = tuple(problems[:MAX_ISSUES])
        self.hidden = max(0, len(problems) - MAX_ISSUES)
        self.columns = tuple((c.pointer, i, c.dotted) for i, (_, c) in enumerate(self.slots, 1) if c)
        self.pointers = [c.pointer if c is not None else "" for _, c in self.slots]

    def row(self, number: int, cells: list[Any]) -> Loaded:
        document: dict[str, Any] = {}
        issues, broken, inputs = list(self.problems), set(), []
        more = self.hidden
        slots, pointers, width = self.slots, self.pointers, len(self.slots)
        for index, raw in enumerate(cells, start=1):
            header, column = slots[index - 1] if index <= width else (None, None)
            if column is None:
                if header is None and not (raw is None or (isinstance(raw, str) and not raw.strip())):
                    issues.append(problem("", cell_ref(self.where, number, index), "sheet.no_header_column",
                                          number, index, "cell"))
                elif header is not None:
                    inputs.append(("?" + header, header, _plain(raw)))
                continue
            ptr = pointers[index - 1]
            inputs.append((ptr, header or column.dotted, _plain(raw)))
            try:
                value = _read(column, raw)
            except CellError as exc:
                where = cell_ref(self.where, number, index)
                issues.append(problem(ptr, where, exc.key, number, index, "cell", **exc.values))
                broken.add(ptr)
                continue
            if value is not None:
                _put(document, column.path, value)
        more += max(0, len(issues) - MAX_ISSUES)
        row = SheetRow(self.where, number, self.columns, tuple(issues[:MAX_ISSUES]), frozenset(broken),
                       tuple(inputs), more=more)
        return Loaded(f"{self.where}!{number}", document, row=row)

    def empty_row(self, number: int) -> Loaded:
        issue = problem("", cell_ref(self.where, number, 0), "sheet.empty_row", number, 0, "cell")
        row = SheetRow(self.where, number, self.columns, (issue,), empty=True)
        return Loaded(f"{self.where}!{number}", {}, row=row)


def _header_text(raw: Any, index: int) -> tuple[str, str | None]:
    """A header as text, and the key of what makes it no header: a sentinel is named by its cell (`[B1]`)."""
    if raw is FORMULA_WITHOUT_VALUE or raw is MERGED_ACROSS:
        key = "sheet.formula_without_value" if raw is FORMULA_WITHOUT_VALUE else "sheet.merged_across"
        return f"[{column_letters(index)}1]", key
    return ("" if raw is None else str(raw).strip()), None


def _read(column: Column, raw: Any) -> Any:
    if raw is FORMULA_WITHOUT_VALUE:
        raise CellError("sheet.formula_without_value")
    if raw is MERGED_ACROSS:
        raise CellError("sheet.merged_across")
    if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
        raise CellError("sheet.cell_too_long", length=len(raw), limit=MAX_CELL_CHARS)
    return convert(column, raw)


def _plain(raw: Any) -> Any:
    """A cell as the annotated report shows it: sentinels empty, a text cut to what a cell holds."""
    if raw is FORMULA_WITHOUT_VALUE or raw is MERGED_ACROSS:
        return None
    return fitted(raw) if isinstance(raw, str) else raw


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = document
    for name in path[:-1]:
        node = node.setdefault(name, {})
    node[path[-1]] = value


def _is_empty(cells: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_sheet(path: str, shown: str, schema: dict[str, Any] | None = None) -> Iterator[Loaded]:
    """One `Loaded` per data row of a CSV or XLSX file; one error when the file cannot be read at all."""
    return _dossiers(lambda: read_table(path, shown), shown, schema)


def read_sheet_bytes(data: bytes, suffix: str, shown: str,
                     schema: dict[str, Any] | None = None) -> Iterator[Loaded]:
    """The same for a spreadsheet already in memory (the web page's upload); `suffix` `.csv` or `.xlsx`."""
    return _dossiers(lambda: read_handle(io.BytesIO(data), suffix, shown), shown, schema)


def _dossiers(open_table: Callable[[], Table], shown: str, schema: dict[str, Any] | None) -> Iterator[Loaded]:
    try:
        table = open_table()
        first = next(table.rows, None)
    except DocumentError as exc:
        yield Loaded(shown, error=exc)
        return
    if first is None or _is_empty(first[1]):
        yield Loaded(shown, error=DocumentError.of("sheet.no_headers"))
        return
    headers = Headers(schema if schema is not None else load_schema(SCHEMA_NAME))
    layout = _Layout(table.where, first[1], headers)
    blank: list[int] = []
    answered, number = 0, 1
    try:
        for number, cells in table.rows:
            if number > MAX_ROWS:
                yield Loaded(f"{table.where}!{number}", error=DocumentError.of("sheet.too_many_rows",
                                                                                limit=MAX_ROWS))
                return
            if _is_empty(cells):
                blank.append(number)
                continue
            for empty in blank:
                yield layout.empty_row(empty)
            answered += len(blank) + 1
            blank = []
            yield layout.row(number, cells)
    except DocumentError as exc:
        yield Loaded(f"{table.where}!{number + 1}", error=exc)
        return
    if not answered:
        yield Loaded(shown, error=DocumentError.of("sheet.no_rows"))


def flatten(document: Any) -> tuple[tuple[str, str, Any], ...]:
    """A JSON or YAML dossier as the cells of a row: (pointer, dotted name, value) of each leaf."""
    out: list[tuple[str, str, Any]] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, dict) and (node or not path):
            for key, sub in node.items():
                walk(sub, (*path, str(key)))
        else:
            out.append((pointer(*path), ".".join(path), node))

    walk(document, ())
    return tuple(out)
