"""Spreadsheets in and out: CSV and XLSX dossiers (one a row), annotated reports, blank templates.

`rows.read_sheet` is what `inputs.read_one` calls for a `.csv` or `.xlsx` file;
`writing` renders the `xlsx` and `csv` reports; `template` writes blank
templates. openpyxl is imported only when an XLSX file is read or written.
"""
