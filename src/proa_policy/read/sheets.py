"""Spreadsheet files → rows of raw cell values, streamed: CSV (stdlib) and XLSX (openpyxl, read-only).

Text in, as `documents.py` is for JSON and YAML: cells and where they are (A1
references), no knowledge of the dossier schema; `dossier/rows.py` turns the
rows into dossiers.

Which sheet of a workbook: the one named `Dossiers` (any case) when there is
one, else the first. Which encoding and delimiter of a CSV file: UTF-8 (with
or without byte-order mark) when the whole file decodes as UTF-8, else
Windows-1252; `;` or `,`, whichever the header line has more of (`,` when
neither). Formulas are read by their value as last computed by the program
that saved the file; a formula without one is an error on its cell. A merged
range is read as its top-left cell's value repeated down its first column;
the range's other columns hold an error.

Every cost is bounded: file size, rows, columns, merged ranges, and the
uncompressed size of an XLSX file's parts (a zip bomb is refused unread);
a cell's text is at most MAX_CELL_CHARS (refused at its cell by dossier/rows.py).
Any error reading a workbook, its zip directory included, is an error for
that file alone.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from proa_policy.errors import DocumentError

MAX_SHEET_BYTES = 64 * 1024 * 1024
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_LINE_BYTES = 1024 * 1024
MAX_MERGED = 10_000
#: Characters of one cell: what Excel holds; a longer cell read is refused at its cell, one written is cut.
MAX_CELL_CHARS = 32_767
SHEET_NAME = "Dossiers"
#: Reported as a cell, in place of a value, so that a row still gets its answer.
FORMULA_WITHOUT_VALUE = object()
MERGED_ACROSS = object()


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one sheet; `where`, `file:Sheet` (XLSX) or `file` (CSV), prefixes its cell references."""

    where: str
    rows: Iterator[tuple[int, list[Any]]]  # (1-based row number, cell values), header row first


def column_letters(index: int) -> str:
    """1 → A, 27 → AA: the column part of an A1 reference."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def fitted(text: str) -> str:
    """A text within MAX_CELL_CHARS, what Excel holds in a cell: a longer one is cut, the cut said in it."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    note = f"… [coupé : {len(text):,} caractères]".replace(",", "\u202f")
    return text[:MAX_CELL_CHARS - len(note)] + note


def cell_ref(where: str, row: int, column: int) -> str:
    """`planning.xlsx:Dossiers!D7`; `…!7:7` for the whole row when the column is unknown (0)."""
    return f"{where}!{column_letters(column)}{row}" if column else f"{where}!{row}:{row}"


def _check_size(handle: BinaryIO) -> None:
    """At most MAX_SHEET_BYTES, measured on the handle already open (never the path again)."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    if size > MAX_SHEET_BYTES:
        raise DocumentError.of("sheet.too_big", size=size, limit=MAX_SHEET_BYTES)


# --- CSV ---------------------------------------------------------------------

def _encoding(handle: BinaryIO) -> str:
    """`utf-8-sig` when every byte decodes as UTF-8 (a BOM is dropped), else `cp1252` (Excel's « CSV »).

    The same pass refuses a line longer than MAX_LINE_BYTES: the cells of one
    row are held at once, so a row's size is bounded before it is parsed.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, line = True, 0
    while chunk := handle.read(1 << 20):
        cut = chunk.rfind(b"\n")
        longest = max(len(part) for part in chunk.split(b"\n"))
        if max(line + (len(chunk) if cut < 0 else chunk.find(b"\n")), longest) > MAX_LINE_BYTES:
            raise DocumentError.of("sheet.long_line", limit=MAX_LINE_BYTES)
        line = line + len(chunk) if cut < 0 else len(chunk) - cut - 1
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    handle.seek(0)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return "utf-8-sig" if utf8 else "cp1252"


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def read_csv(raw: BinaryIO, shown: str) -> Table:
    """The rows of a CSV file open in binary (`raw` is closed when the rows end)."""
    handle = io.TextIOWrapper(raw, encoding=_encoding(raw), newline="", errors="strict")
    try:
        first = handle.readline()
        handle.seek(0)
    except UnicodeDecodeError:
        handle.close()
        raise DocumentError.of("sheet.encoding") from None
    return Table(shown, _csv_rows(handle, _delimiter(first)))


def _csv_rows(handle: io.TextIOWrapper, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    with handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise DocumentError.of("sheet.csv_unreadable", line=number + 1, number=number,
                                       detail=str(exc)) from None
            number += 1
            yield number, list(row)


# --- XLSX --------------------------------------------------------------------

def _open_workbook(handle: BinaryIO, data_only: bool) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # extensions openpyxl does not read: not the user's concern
        handle.seek(0)  # two workbooks may share the handle: zipfile reads each member at its own offset
        return openpyxl.load_workbook(handle, read_only=True, data_only=data_only)


def _check_zip(handle: BinaryIO) -> None:
    try:
        with zipfile.ZipFile(handle) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except Exception:  # a damaged directory raises many kinds (a name not in UTF-8…): each is one answer
        raise DocumentError.of("sheet.not_xlsx") from None
    if total > MAX_UNZIPPED_BYTES:
        raise DocumentError.of("sheet.unzipped_too_big", size=total, limit=MAX_UNZIPPED_BYTES)


def _pick_sheet(workbook: Any) -> Any:
    for name in workbook.sheetnames:
        if name.casefold() == SHEET_NAME.casefold():
            return workbook[name]
    return workbook[workbook.sheetnames[0]]


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


def _scan(sheet: Any) -> tuple[bool, list[tuple[int, int, int, int]]]:
    """(has formulas, merged ranges as (min_col, min_row, max_col, max_row)), from the sheet's XML, streamed.

    openpyxl's read-only mode does not read merged ranges, and gives a formula's
    cached value without saying a formula was there: both are found here.
    """
    from openpyxl.utils import column_index_from_string

    formulas, merged, tail = False, set(), b""
    with sheet.parent._archive.open(sheet._worksheet_path) as source:
        while chunk := source.read(1 << 20):
            text = tail + chunk  # a tag cut between two chunks is whole in the next text
            formulas = formulas or bool(_FORMULA.search(text))
            for match in _MERGE.finditer(text):
                a, r1, b, r2 = match.groups()
                left, right = column_index_from_string(a.decode()), column_index_from_string(b.decode())
                merged.add((left, int(r1), right, int(r2)))
                if len(merged) > MAX_MERGED:
                    raise DocumentError.of("sheet.too_many_merged", limit=MAX_MERGED)
            tail = text[-400:]
    return formulas, sorted(merged, key=lambda m: (m[1], m[0]))


def read_xlsx(handle: BinaryIO, shown: str) -> Table:
    """The rows of the chosen sheet of a workbook open in binary (`handle` is closed when the rows end)."""
    _check_zip(handle)
    try:
        values = _open_workbook(handle, data_only=True)
        sheet = _pick_sheet(values)
        formulas, merged = _scan(sheet)
    except DocumentError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file: each is « unreadable »
        raise DocumentError.of("sheet.xlsx_unreadable", kind=type(exc).__name__) from None
    texts = None
    if formulas:
        texts = _pick_sheet(_open_workbook(handle, data_only=False))
    return Table(f"{shown}:{sheet.title}", _xlsx_rows(values, sheet, texts, merged, handle))


def _iter(sheet: Any) -> Iterator[tuple[Any, ...]]:
    sheet.reset_dimensions()  # the declared dimension may be wrong: read the cells that are there
    return sheet.iter_rows(values_only=True)


def _xlsx_rows(workbook: Any, sheet: Any, texts: Any, merged: list[tuple[int, int, int, int]],
               handle: BinaryIO) -> Iterator[tuple[int, list[Any]]]:
    formula_rows = _iter(texts) if texts is not None else None
    pending = list(reversed(merged))
    active: list[tuple[int, int, int, int, Any]] = []  # ranges covering the current row, with their value
    try:
        for number, row in enumerate(_iter(sheet), start=1):
            cells = list(row)
            if formula_rows is not None:
                written = next(formula_rows, ())
                for index, (value, formula) in enumerate(zip(cells, written)):
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        cells[index] = FORMULA_WITHOUT_VALUE
            while pending and pending[-1][1] == number:
                c1, r1, c2, r2 = pending.pop()
                active.append((c1, r1, c2, r2, cells[c1 - 1] if c1 <= len(cells) else None))
            active = [a for a in active if a[3] >= number]
            for c1, r1, c2, r2, value in active:
                width = max(c2, len(cells))
                cells.extend([None] * (width - len(cells)))
                for column in range(c1, c2 + 1):
                    if column == c1 and number > r1:
                        cells[column - 1] = value
                    elif column > c1 and value is not None:
                        cells[column - 1] = MERGED_ACROSS
            yield number, cells
    except Exception as exc:  # a part damaged half-way: the rows before are answered, then this error
        raise DocumentError.of("sheet.xlsx_unreadable", kind=type(exc).__name__) from None
    finally:
        workbook.close()
        if texts is not None:
            texts.parent.close()
        handle.close()


#: Spreadsheets a folder walk takes; a file named with one of UNSUPPORTED is answered « save it as .xlsx ».
SHEET_SUFFIXES = (".csv", ".xlsx")
UNSUPPORTED = {".xls": "Excel 97-2003", ".ods": "OpenDocument", ".xlsm": "Excel avec macros",
               ".xlsb": "Excel binaire"}
READABLE = (*SHEET_SUFFIXES, *UNSUPPORTED)


def read_table(path: str, shown: str) -> Table:
    """The rows of a spreadsheet file, by its suffix; DocumentError when it cannot be opened at all.

    The file is opened once (`safefile.open_input`: no blocking on a pipe, a
    device refused) and that handle is what is measured and read.
    """
    from proa_policy.read.inputs import refused_error
    from proa_policy.read.safefile import Refused, open_input

    suffix = _suffix(path)
    try:
        handle, regular = open_input(path)
    except IsADirectoryError:
        raise DocumentError.of("input.directory") from None
    except Refused as exc:
        raise refused_error(exc) from None
    if not regular:  # a named pipe: the CSV sniffing and the XLSX reader both need to seek
        handle.close()
        raise DocumentError.of("input.not_regular")
    return read_handle(handle, suffix, shown)


def _suffix(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in UNSUPPORTED:
        raise DocumentError.of("sheet.unsupported", name=UNSUPPORTED[suffix])
    return suffix


def read_handle(handle: BinaryIO, suffix: str, shown: str) -> Table:
    """The rows of a spreadsheet open in binary and seekable (a file, or an upload's `io.BytesIO`).

    `suffix` (`.csv` or `.xlsx`) says which kind; the handle is closed when
    its rows end, or at once when it cannot be read.
    """
    try:
        _check_size(handle)
        return read_csv(handle, shown) if suffix.lower() == ".csv" else read_xlsx(handle, shown)
    except OSError as exc:
        handle.close()
        raise DocumentError.of("sheet.unreadable", reason=exc.strerror or exc) from None
    except BaseException:
        handle.close()
        raise
