"""Spreadsheets built by the tests from dotted headers: the example dossiers as rows, CSV and XLSX writers."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from proa_policy.read.documents import load_text
from proa_policy.dossier.rows import flatten

from .conftest import ROOT

EXAMPLES = ROOT / "examples" / "dossiers"


def example_paths() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".yaml"))


def example_rows() -> tuple[list[str], list[dict[str, Any]]]:
    """(dotted headers, one {dotted: value} per example dossier), values as JSON/YAML gave them."""
    headers: dict[str, None] = {}
    rows = []
    for path in example_paths():
        row = {dotted: value for _, dotted, value in flatten(load_text(str(path), path.read_text("utf-8")))}
        headers.update(dict.fromkeys(row))
        rows.append(row)
    return list(headers), rows


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def french_text(value: Any) -> str:
    """A value as a French person types it in a cell: 1 600,50 ; 10/01/2022 ; oui."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, Decimal)):
        whole, _, fraction = format(Decimal(value), "f").partition(".")
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        grouped = f"{int(digits):,}".replace(",", "\u00a0")
        return sign + grouped + (f",{fraction}" if fraction else "")
    if isinstance(value, str) and (m := _ISO.fullmatch(value)):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return value  # not a real date: left as written, the sheet reader says why
        return f"{m[3]}/{m[2]}/{m[1]}"
    return str(value)


def typed_cell(value: Any) -> Any:
    """A value as an XLSX cell: a real date, a float number, a boolean, text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and _ISO.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def write_csv(path: Path, headers: list[str], rows: list[list[Any]], *, delimiter: str = ";",
              encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, headers: list[Any], rows: list[list[Any]], *, sheet: str = "Dossiers",
               before: str | None = None) -> Path:
    """A workbook whose sheet `sheet` holds the table; `before`: the name of another sheet put first."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    if before is not None:
        first.title = before
        first.append(["autre chose", "à ne pas lire"])
        table = workbook.create_sheet(sheet)
    else:
        first.title = sheet
        table = first
    table.append(headers)
    for row in rows:
        table.append(row)
    workbook.save(path)
    return path


def cache_formulas(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value a spreadsheet program would have saved (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            for ref, value in values.items():
                text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v ?/>', rf"\g<1><v>{value}</v>", text)
            parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
