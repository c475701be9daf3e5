"""Blank dossier templates from the dossier schema: XLSX (drop-down lists, help sheet), CSV, commented YAML.

Headers are the fields' French labels (`title` in the schema), or their dotted
names when the schema gives none or when asked (`dotted=True`). What a
template says of each field — meaning, article, values — is the schema's own
description: nothing is written here that the schema does not say.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from proa_policy.dossier.columns import BOOLEAN, CHOICE, DATE, INTEGER, NUMBER, Column, Headers
from proa_policy.read.sheets import SHEET_NAME, column_letters

HELP_SHEET = "Aide"
#: Rows of the `Dossiers` sheet that get the drop-down lists (data validation does not create cells).
VALIDATED_ROWS = 5000
CONVENTIONS = (
    "Une ligne par dossier ; la première ligne porte les en-têtes (libellés ci-dessous, ou noms de champ).",
    "Une cellule vide est un champ absent.",
    "Dates : JJ/MM/AAAA (10/01/2022 est le 10 janvier 2022) ou AAAA-MM-JJ, ou une cellule au format Date.",
    "Nombres : 1600 ou 1 600,50 (virgule décimale, espaces entre les milliers).",
    "Oui / non : oui, non, vrai ou faux.",
)
_KIND_WORDS = {DATE: "date", NUMBER: "nombre", INTEGER: "nombre entier", BOOLEAN: "oui / non",
               CHOICE: "liste"}


def _header(headers: Headers, column: Column, dotted: bool) -> str:
    return column.dotted if dotted else headers.label(column)


def _values(column: Column) -> str:
    if column.kind == CHOICE:
        titles = dict(column.choice_titles)
        return ", ".join(f"{v} ({titles[v]})" if v in titles else v for v in column.choices)
    return _KIND_WORDS.get(column.kind, "texte")


def help_rows(schema: dict[str, Any], dotted: bool = False) -> list[tuple[str, ...]]:
    """The help sheet's table: header, field, required, values, meaning, article."""
    headers = Headers(schema)
    rows = [("En-tête", "Champ", "Obligatoire", "Valeurs admises", "Signification", "Article")]
    for column in headers.columns:
        required = "oui" if column.required else "selon le cas"
        rows.append((_header(headers, column, dotted), column.dotted, required, _values(column),
                     column.description, column.article))
    return rows


def xlsx_template(schema: dict[str, Any], dotted: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = Headers(schema)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    for index, column in enumerate(headers.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=_header(headers, column, dotted))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(f"{column.dotted} — {column.description}", "proa-policy", width=320,
                               height=140)
        letter = column_letters(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(str(cell.value)) + 2))
        choices = column.choices if column.kind == CHOICE else ("oui", "non") if column.kind == BOOLEAN \
            else ()
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                  showErrorMessage=True, errorTitle="Valeur non admise",
                                  error="Choisissez une valeur de la liste : " + ", ".join(choices))
            rule.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(HELP_SHEET)
    for line in CONVENTIONS:
        notes.append([line])
    notes.append([])
    for number, row in enumerate(help_rows(schema, dotted)):
        notes.append(list(row))
        if number == 0:
            for cell in notes[notes.max_row]:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (38, 44, 12, 40, 90, 16)):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_template(schema: dict[str, Any], dotted: bool = False) -> str:
    """The header line alone, as Excel in France writes it (UTF-8 with BOM, `;`)."""
    headers = Headers(schema)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(
        [_header(headers, c, dotted) for c in headers.columns])
    return "\ufeff" + buffer.getvalue()


def _comment(text: str) -> str:
    return " ".join(text.split())


def yaml_template(schema: dict[str, Any]) -> str:
    """Every field as an empty YAML key, commented in French with its label, meaning and values."""
    headers = Headers(schema)
    lines = [
        f"# {schema.get('title', 'Dossier')} — modèle à remplir (proa-policy template)",
        "# Remplissez chaque champ après les deux-points ; supprimez la ligne d'un champ facultatif que",
        "# vous ne remplissez pas. Dates en AAAA-MM-JJ (2022-01-10), nombres avec un point décimal",
        "# (1600.50), oui / non en true / false. Puis : proa-policy evaluate ce-fichier.yaml",
    ]
    opened: list[str] = []
    for column in headers.columns:
        common = 0
        while common < min(len(opened), len(column.path) - 1) and opened[common] == column.path[common]:
            common += 1
        opened = opened[:common]
        for depth in range(common, len(column.path) - 1):
            lines.append("  " * depth + column.path[depth] + ":")
            opened.append(column.path[depth])
        depth = len(column.path) - 1
        required = "obligatoire" if column.required else "selon le cas"
        title = headers.label(column)
        about = f"{title} — " if title != column.dotted else ""
        lines.append(f"{'  ' * depth}{column.path[-1]}:".ljust(34) +
                     f"  # {about}{_comment(column.description)} [{_values(column)} ; {required}]")
    return "\n".join(lines) + "\n"


def render(schema: dict[str, Any], suffix: str, dotted: bool = False) -> bytes:
    """The template for a file suffix (`.xlsx`, `.csv`, `.yaml`/`.yml`); ValueError for another."""
    if suffix == ".xlsx":
        return xlsx_template(schema, dotted)
    if suffix == ".csv":
        return csv_template(schema, dotted).encode("utf-8")
    if suffix in (".yaml", ".yml"):
        return yaml_template(schema).encode("utf-8")
    raise ValueError(suffix)
