"""The annotated reports: verdict labels (`incomplete` included), escaping, highlighted cells."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from proa_policy.engine.decision import Decision, Finding
from proa_policy.errors import DossierIssue
from proa_policy.report.spreadsheet import render_csv, render_xlsx
from proa_policy.wording import VERDICT_LABELS

INPUTS = (("/id", "id", "X-1"), ("/pro_a/tutor_designated", "pro_a.tutor_designated", "non"),
          ("?note", "note", "=SUM(A1:A9)"), ("/pro_a/remuneration/maintained_monthly",
                                             "pro_a.remuneration.maintained_monthly", "1 900,00"))


def decisions() -> list[Decision]:
    tutor = Finding("art5.tutor", "5", "formality", text="aucun tuteur", pointer="/pro_a/tutor_designated")
    over = Finding("art6.ceiling", "6", "warning", text="au-delà du plafond", pointer="/funding")
    pay = DossierIssue("/pro_a/remuneration", "champ obligatoire absent", keyword="required")
    return [Decision("incomplete", "X-1", violations=(tutor,), warnings=(over,), source="p.csv!2",
                     inputs=INPUTS, funding={"ceiling_eur": None}),
            Decision("invalid", "X-2", errors=(pay,), source="p.csv!3", inputs=INPUTS)]


def test_every_verdict_has_a_label_incomplete_included() -> None:
    assert VERDICT_LABELS["fr"]["incomplete"] == "à compléter"
    rows = list(csv.reader(io.StringIO(render_csv(decisions()).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][-4:] == ["verdict", "articles en défaut", "messages", "plafond de prise en charge (€)"]
    assert [r[-4] for r in rows[1:]] == ["à compléter", "invalide"]
    assert rows[1][-3] == "art. 5" and "art. 5 · art5.tutor — aucun tuteur" in rows[1][-2]


def test_nothing_printed_is_a_formula() -> None:
    text = render_csv(decisions())
    assert "'=SUM(A1:A9)" in text and ";=SUM" not in text
    sheet = load_workbook(io.BytesIO(render_xlsx(decisions())))["Dossiers"]
    note = sheet.cell(row=2, column=4)
    assert note.value == "=SUM(A1:A9)" and note.data_type == "s"


def test_the_cells_a_message_is_about_are_filled_and_commented() -> None:
    sheet = load_workbook(io.BytesIO(render_xlsx(decisions())))["Dossiers"]
    headers = [c.value for c in sheet[1]]
    tutor = sheet.cell(row=2, column=headers.index("pro_a.tutor_designated") + 1)
    assert tutor.comment.text == "aucun tuteur" and tutor.fill.fgColor.rgb == "00FFC7CE"
    pay = sheet.cell(row=3, column=headers.index("pro_a.remuneration.maintained_monthly") + 1)
    assert pay.comment.text == "champ obligatoire absent"  # an error on an object marks its first column
    assert sheet.cell(row=2, column=1).comment is None


def _one(value: str) -> list[Decision]:
    inputs = (("/id", "id", "X-1"), ("?note", value, value))
    return [Decision("invalid", "X-1", source="d.json", inputs=inputs)]


def test_a_text_longer_than_a_cell_holds_is_cut_and_the_cut_said() -> None:
    from proa_policy.read.sheets import MAX_CELL_CHARS

    long = "A" * (MAX_CELL_CHARS + 5_000)
    sheet = load_workbook(io.BytesIO(render_xlsx(_one(long))))["Dossiers"]
    cells = [sheet.cell(row=r, column=3).value for r in (1, 2)]
    assert all(len(c) == MAX_CELL_CHARS and c.startswith("AAA") for c in cells)
    assert all(c.endswith("[coupé : 37\u202f767 caractères]") for c in cells)
    rows = list(csv.reader(io.StringIO(render_csv(_one(long)).lstrip("\ufeff")), delimiter=";"))
    assert len(rows[0][2]) == len(rows[1][2]) == MAX_CELL_CHARS


def test_what_xml_cannot_hold_is_shown_in_every_xlsx_cell() -> None:
    value = "A\ufffeB\uffff\x00\x1b\ud800\u202e"
    data = render_xlsx(_one(value))
    rows = load_workbook(io.BytesIO(data))["Dossiers"].iter_rows(values_only=True)
    cells = [c for row in rows for c in row]
    assert "A\\ufffeB\\uffff\\x00\\x1b\\ud800\\u202e" in cells
    assert not [c for c in cells if isinstance(c, str) and not c.isprintable() and "\n" not in c]
