"""Blank spreadsheet templates: `proa-policy template` (XLSX with its help sheet and lists, CSV, YAML).

The columns are the schema's fields (`dossier/columns.py`). A spreadsheet read
as an input is `read/sheets.py` (cells) and `dossier/rows.py` (rows →
dossiers); the annotated reports are `report/spreadsheet.py`. openpyxl is
imported only when an XLSX file is written.
"""
