"""Coverage-guided fuzzing of the spreadsheet path (sheets/) with atheris.

    pip install atheris
    python fuzz/fuzz_sheet.py --seconds 300

Each input is written as a `.csv` file, and (when it starts like a zip) as a `.xlsx` file; otherwise as
the `Dossiers` sheet's XML inside a small valid workbook, so that the fuzzer reaches openpyxl's reader and
ours without first having to find the zip format. Every row goes the way `proa-policy evaluate` takes it
(read_sheet, decide, with `inputs` for the annotated reports), then into the JSON, text, CSV and XLSX
reports. A crash is an exception that escapes (a row must be an answer), an `erreur interne` message, a
report that is not UTF-8, an annotated XLSX that openpyxl cannot open again, or a CSV cell that starts a
formula. Seeds: the templates `proa-policy template` writes, and a few sheets built here.
"""

from __future__ import annotations

import copy
import io
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

import atheris

from _common import ROOT, libfuzzer_argv

sys.path.insert(0, str(ROOT / "tests"))

with atheris.instrument_imports(include=["proa_policy.sheets", "openpyxl", "csv"]):
    from proa_policy import load_policies
    from proa_policy.engine.batch import Options, decide
    from proa_policy.report import jsonout
    from proa_policy.report import text as text_report
    from proa_policy.dossier.rows import read_sheet
    from proa_policy.report.spreadsheet import render_csv, render_xlsx

POLICIES = load_policies()
OPTIONS = Options(lang="fr", explain=True, inputs=True)
WORK = Path(tempfile.mkdtemp(prefix="proa-fuzz-sheet-"))
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _base_workbook() -> tuple[bytes, str]:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Dossiers"
    book.active.append(["id", "employer.kind"])
    book.active.append(["X-1", "ETT"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), "xl/worksheets/sheet1.xml"


BASE, SHEET = _base_workbook()


def _as_workbook(data: bytes) -> bytes:
    """`data` as the sheet's XML of the base workbook (the other parts kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASE)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # a copy of each entry: writestr updates the one it is given
            target.writestr(copy.copy(info), data if info.filename == SHEET else source.read(info.filename))
    return out.getvalue()


def check(decisions: list) -> None:
    for decision in decisions:
        for message in [e.message for e in decision.errors] + [f.message for f in decision.violations]:
            if "erreur interne" in message:
                raise AssertionError(message)
        jsonout.dumps(decision.to_dict(explain=True)).encode("utf-8")
        text_report.render_decision(decision, lang="fr", explain=True).encode("utf-8")
    text = render_csv(decisions)
    text.encode("utf-8")
    import csv

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    for row in rows[1:]:  # the header row is pinned by tests/test_redteam_sheets.py (a known hole)
        for cell in row:
            if cell[:1] in FORMULA and not _number(cell):
                raise AssertionError(f"formula-like CSV cell {cell[:60]!r}")
    from openpyxl import load_workbook

    data = render_xlsx(decisions)
    try:
        load_workbook(io.BytesIO(data)).close()
    except Exception as exc:  # U+FFFE/U+FFFF are a known hole (strict xfail); anything else is new
        if not any("\ufffe" in str(v) or "\uffff" in str(v) for d in decisions for _, _, v in d.inputs):
            raise AssertionError(f"annotated XLSX unreadable: {exc!r}") from None


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", ".").replace("\u202f", "").replace(" ", ""))
        return True
    except ValueError:
        return False


def run(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        decisions = [decide(POLICIES, loaded, OPTIONS) for loaded in read_sheet(str(path), path.name)]
    except UnicodeDecodeError as exc:  # a member name not in UTF-8: the pinned hole (test_redteam_sheets.py)
        if any(frame.filename.endswith("zipfile.py") for frame in traceback.extract_tb(exc.__traceback__)):
            return
        raise
    if not decisions:
        raise AssertionError("no answer for a file")
    check(decisions)


def test_one_input(data: bytes) -> None:
    run(WORK / "fuzz.csv", data)
    run(WORK / "fuzz.xlsx", data if data.startswith(b"PK") else _as_workbook(data))


def seeds() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="proa-fuzz-sheet-seeds-"))
    with zipfile.ZipFile(io.BytesIO(BASE)) as book:
        (folder / "sheet.xml").write_bytes(book.read(SHEET))
    (folder / "base.xlsx").write_bytes(BASE)
    (folder / "a.csv").write_bytes("id;employer.kind;Date de début\nX-1;ETT;10/01/2022\n;;\n=1;1 600,50;x\n"
                                   .encode("cp1252"))
    for example in sorted((ROOT / "tests").glob("*.csv")):
        (folder / example.name).write_bytes(example.read_bytes())
    return folder


def main() -> None:
    argv = libfuzzer_argv(__doc__.splitlines()[0], [seeds()], 65536)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
