"""Spreadsheet messages and the explained syntax errors follow `--lang`: French by default, English on demand."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.wording import MESSAGES
from tests.sheetdata import write_csv

from ..conftest import ROOT


def messages(path, lang):
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json", "--lang", lang])
    records = json.loads(result.output)
    records = records if isinstance(records, list) else records.get("decisions", records)
    return [e["message"] for record in records for e in record["errors"]]


@pytest.fixture()
def broken(tmp_path):
    return write_csv(tmp_path / "p.csv", ["id", "employer.kindd", "pro_a.training_hours", "pro_a.start_date"],
                     [["A-1", "ETT", "1.600", "31/02/2022"], ["", "", "", ""], ["A-2", "ETT", "oui", ""]])


def test_every_sheet_message_has_both_languages_and_joins_the_catalogue():
    """Every `sheet.…`/`cell.…` key the package words a spreadsheet's problem with is in the catalogue of
    each language (wording/), and the catalogue keeps none that nothing says."""
    package = ROOT / "src" / "proa_policy"
    used = {key for path in package.rglob("*.py") if "wording" not in path.relative_to(package).parts
            for key in re.findall(r'"((?:sheet|cell)\.[a-z_]+)"', path.read_text("utf-8"))}
    assert len(used) > 40
    for lang in ("fr", "en"):
        assert {key for key in MESSAGES[lang] if key.startswith(("sheet.", "cell."))} == used


def test_cells_and_headers_are_said_in_english_with_lang_en(broken):
    said = messages(broken, "en")
    assert any(m.endswith("p.csv!B1: unknown header `employer.kindd`; did you mean `employer.kind`?")
               for m in said)
    assert any(m.endswith("p.csv!C2: `1.600` is ambiguous (thousands point or decimal point?): write 1600 for "
                          "thousands, or 1,600 with a decimal comma") for m in said)
    assert any("is not a calendar date (read as day/month/year)" in m for m in said)
    assert any(m.endswith("p.csv!3:3: empty row between two dossiers: fill it in or delete it") for m in said)
    assert any("`oui` is not a number" in m for m in said)
    assert not any(word in m for m in said for word in ("en-tête", "ligne vide", "écrivez"))


def test_the_same_sheet_is_said_in_french_by_default(broken):
    said = messages(broken, "fr")
    assert any(m.endswith("p.csv!B1 : en-tête inconnu `employer.kindd` ; vouliez-vous dire `employer.kind` ?")
               for m in said)
    assert any("n'est pas une date du calendrier (lue comme jour/mois/année)" in m for m in said)
    assert any(m.endswith("ligne vide entre deux dossiers : remplissez-la ou supprimez-la") for m in said)


def test_a_file_that_is_not_a_workbook_is_said_in_the_language_asked(tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"not a zip")
    assert messages(path, "en") == ["unreadable XLSX file (it is not an Excel .xlsx workbook)"]
    assert messages(path, "fr") == ["fichier XLSX illisible (ce n'est pas un classeur Excel .xlsx)"]


@pytest.mark.parametrize("name, text", [("d.json", '{"funding": {"requested_amount": 1050,5}}'),
                                        ("d.jsonl", '{"funding": {"requested_amount": 1050,5}}\n')])
def test_a_syntax_error_is_explained_in_the_language_asked(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (english,) = messages(path, "en")
    assert "a field name in straight double quotes" in english and "`1050.5`" in english
    assert "guillemets" not in english
    (french,) = messages(path, "fr")
    assert french.startswith("JSON invalide : ") and "un nombre s'écrit avec un point décimal" in french
