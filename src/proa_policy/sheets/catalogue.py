"""The spreadsheet messages in French and English, as keys of the tool's catalogue (`wording.say`).

Importing this module adds its keys to `wording.MESSAGES` (every module of
`sheets/` that words a message imports it), so a spreadsheet's errors follow
`--lang` like the other reading errors: a file that cannot be read is a
`DocumentError.of(key)` (said by `wording.reading_error`), a header or a cell
is kept as (key, values) on its row and said in the decision's language
(`rows.SheetRow.issues_in`). A value that is itself a word of the catalogue
is given as `Word(key)`. Legal text is never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proa_policy import wording

_FR = {
    "sheet.at": "{ref} : {message}",
    "sheet.add_column": "{message} : ajoutez la colonne `{dotted}`",
    "sheet.header_unknown": "en-tête inconnu `{text}`",
    "sheet.header_unknown_hint": "en-tête inconnu `{text}` ; vouliez-vous dire `{hint}` ?",
    "sheet.header_duplicate": "colonne `{text}` en double (déjà en {first}1)",
    "sheet.no_header_column": "cellule remplie dans une colonne sans en-tête",
    "sheet.empty_row": "ligne vide entre deux dossiers : remplissez-la ou supprimez-la",
    "sheet.formula_without_value": "formule sans valeur calculée : ouvrez le classeur dans Excel ou "
                                   "LibreOffice et enregistrez-le, ou remplacez la formule par sa valeur",
    "sheet.merged_across": "cellule fusionnée avec sa voisine de gauche : défusionnez-la, une valeur par "
                           "colonne",
    "sheet.cell_too_long": "cellule de {length} caractères : Excel en contient au plus {limit}",
    "sheet.more_issues": "… et {count} autre(s) problème(s) non listé(s) (au plus {limit} par ligne)",
    "sheet.more_issues_at_least": "… et au moins {count} autre(s) problème(s) non listé(s) (au plus {limit} "
                                  "par ligne)",
    "sheet.no_headers": "la première ligne doit porter les en-têtes (noms des champs, par exemple `id`, "
                        "`employer.kind`) : elle est vide",
    "sheet.too_many_rows": "plus de {limit} lignes : découpez le fichier",
    "sheet.no_rows": "aucune ligne de dossier sous les en-têtes",
    "sheet.too_big": "fichier trop volumineux ({size} octets ; limite {limit} octets)",
    "sheet.long_line": "ligne de plus de {limit} octets : ce n'est pas un tableau",
    "sheet.encoding": "le fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 »",
    "sheet.csv_unreadable": "CSV illisible après la ligne {number} : {detail}",
    "sheet.not_xlsx": "fichier XLSX illisible (ce n'est pas un classeur Excel .xlsx)",
    "sheet.unzipped_too_big": "classeur trop volumineux une fois décompressé ({size} octets ; limite {limit} "
                              "octets)",
    "sheet.too_many_merged": "plus de {limit} plages de cellules fusionnées",
    "sheet.xlsx_unreadable": "classeur XLSX illisible : {kind}",
    "sheet.unsupported": "format {name} non pris en charge : enregistrez le classeur en .xlsx ou en .csv",
    "sheet.unreadable": "fichier illisible : {reason}",
    "cell.not_integer": "`{raw}` n'est pas un nombre entier",
    "cell.boolean_not_number": "`{raw}` n'est pas un nombre : écrivez un nombre, par exemple 1600 ou 1 "
                               "600,50",
    "cell.not_finite": "nombre non fini : écrivez un nombre, par exemple 1600",
    "cell.date_not_number": "`{raw}` est une date : écrivez un nombre (cellule au format Nombre)",
    "cell.not_number": "`{raw}` n'est pas un nombre : écrivez par exemple 1600 ou 1 600,50 (virgule décimale,"
                       " espaces entre les milliers)",
    "cell.ambiguous": "`{raw}` est ambigu (point des milliers ou point décimal ?) : écrivez {whole}{fraction}"
                      " pour des milliers, ou {whole},{fraction} avec une virgule décimale",
    "cell.number_too_long": "`{raw}` : nombre trop long (plus de 100 chiffres)",
    "cell.date_with_time": "`{raw}` porte une heure : écrivez la date seule, par exemple 10/01/2022",
    "cell.number_not_date": "`{raw}` est un nombre, pas une date : écrivez une date comme 10/01/2022 ou "
                            "2022-01-10 (ou mettez la cellule au format Date)",
    "cell.short_year": "`{raw}` : l'année doit avoir quatre chiffres, par exemple 10/01/2022",
    "cell.not_date": "`{raw}` n'est pas une date : écrivez JJ/MM/AAAA (10/01/2022) ou AAAA-MM-JJ "
                     "(2022-01-10)",
    "cell.not_calendar_date": "`{raw}` n'est pas une date du calendrier (lue comme {order}) : écrivez "
                              "JJ/MM/AAAA, par exemple 10/01/2022 pour le 10 janvier",
    "cell.order_french": "jour/mois/année",
    "cell.order_iso": "année-mois-jour",
    "cell.not_boolean": "`{raw}` n'est ni oui ni non : écrivez oui ou non (ou vrai / faux)",
    "cell.boolean_in_text": "`{raw}` est un booléen : ce champ attend {what}",
    "cell.date_in_text": "`{raw}` est une date : ce champ attend {what} (cellule au format Texte)",
    "cell.unexpected_type": "valeur de type inattendu : ce champ attend {what}",
    "cell.what_choice": "une liste de choix",
    "cell.what_text": "du texte",
}
_EN = {
    "sheet.at": "{ref}: {message}",
    "sheet.add_column": "{message}: add the column `{dotted}`",
    "sheet.header_unknown": "unknown header `{text}`",
    "sheet.header_unknown_hint": "unknown header `{text}`; did you mean `{hint}`?",
    "sheet.header_duplicate": "column `{text}` given twice (already in {first}1)",
    "sheet.no_header_column": "a filled cell in a column without a header",
    "sheet.empty_row": "empty row between two dossiers: fill it in or delete it",
    "sheet.formula_without_value": "formula without a computed value: open the workbook in Excel or "
                                   "LibreOffice and save it, or replace the formula by its value",
    "sheet.merged_across": "cell merged with its left neighbour: unmerge it, one value per column",
    "sheet.cell_too_long": "a cell of {length} characters: Excel holds at most {limit}",
    "sheet.more_issues": "… and {count} more problem(s) not listed (at most {limit} per row)",
    "sheet.more_issues_at_least": "… and at least {count} more problem(s) not listed (at most {limit} "
                                  "per row)",
    "sheet.no_headers": "the first row must hold the headers (field names, for example `id`, "
                        "`employer.kind`): it is empty",
    "sheet.too_many_rows": "more than {limit} rows: split the file",
    "sheet.no_rows": "no dossier row under the headers",
    "sheet.too_big": "file too large ({size} bytes; limit {limit} bytes)",
    "sheet.long_line": "line longer than {limit} bytes: this is not a table",
    "sheet.encoding": "the file is neither UTF-8 nor Windows-1252: save it as « CSV UTF-8 »",
    "sheet.csv_unreadable": "unreadable CSV after line {number}: {detail}",
    "sheet.not_xlsx": "unreadable XLSX file (it is not an Excel .xlsx workbook)",
    "sheet.unzipped_too_big": "workbook too large once uncompressed ({size} bytes; limit {limit} bytes)",
    "sheet.too_many_merged": "more than {limit} ranges of merged cells",
    "sheet.xlsx_unreadable": "unreadable XLSX workbook: {kind}",
    "sheet.unsupported": "{name} format not supported: save the workbook as .xlsx or .csv",
    "sheet.unreadable": "unreadable file: {reason}",
    "cell.not_integer": "`{raw}` is not a whole number",
    "cell.boolean_not_number": "`{raw}` is not a number: write a number, for example 1600 or 1 600,50",
    "cell.not_finite": "not a finite number: write a number, for example 1600",
    "cell.date_not_number": "`{raw}` is a date: write a number (a cell formatted as Number)",
    "cell.not_number": "`{raw}` is not a number: write for example 1600 or 1 600,50 (decimal comma, spaces "
                       "between thousands)",
    "cell.ambiguous": "`{raw}` is ambiguous (thousands point or decimal point?): write {whole}{fraction} for "
                      "thousands, or {whole},{fraction} with a decimal comma",
    "cell.number_too_long": "`{raw}`: number too long (more than 100 digits)",
    "cell.date_with_time": "`{raw}` has a time: write the date alone, for example 10/01/2022",
    "cell.number_not_date": "`{raw}` is a number, not a date: write a date such as 10/01/2022 or 2022-01-10 "
                            "(or format the cell as Date)",
    "cell.short_year": "`{raw}`: the year must have four digits, for example 10/01/2022",
    "cell.not_date": "`{raw}` is not a date: write DD/MM/YYYY (10/01/2022) or YYYY-MM-DD (2022-01-10)",
    "cell.not_calendar_date": "`{raw}` is not a calendar date (read as {order}): write DD/MM/YYYY, for "
                              "example 10/01/2022 for 10 January",
    "cell.order_french": "day/month/year",
    "cell.order_iso": "year-month-day",
    "cell.not_boolean": "`{raw}` is neither oui nor non: write oui or non (or vrai / faux)",
    "cell.boolean_in_text": "`{raw}` is a boolean: this field takes {what}",
    "cell.date_in_text": "`{raw}` is a date: this field takes {what} (a cell formatted as Text)",
    "cell.unexpected_type": "a value of an unexpected type: this field takes {what}",
    "cell.what_choice": "a value of its list",
    "cell.what_text": "text",
}
SHEET_MESSAGES = {"fr": _FR, "en": _EN}
for _lang, _table in SHEET_MESSAGES.items():
    wording.MESSAGES.setdefault(_lang, {}).update(_table)


@dataclass(frozen=True, slots=True)
class Word:
    """A value that is itself a word of the catalogue (`cell.what_text`), said in the message's language."""

    key: str


def render(key: str, lang: str, values: dict[str, Any]) -> str:
    """`say(key, lang, **values)`, each `Word` among the values said in `lang` first."""
    return wording.say(key, lang, **{k: wording.say(v.key, lang) if isinstance(v, Word) else v
                                     for k, v in values.items()})
