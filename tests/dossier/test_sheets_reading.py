"""Spreadsheets in: one dossier per data row, in row order, every problem located as a cell in A1 notation."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.report.jsonout import dumps
from proa_policy.resources import load_schema
from proa_policy.dossier.columns import Headers
from proa_policy.dossier.rows import flatten, read_sheet

from ..conftest import BASE
from ..sheetdata import cache_formulas, french_text, write_csv, write_xlsx

DOTTED = [dotted for _, dotted, _ in flatten(BASE)]


def base_row(**changes: object) -> list[object]:
    values = {d: v for _, d, v in flatten(BASE)}
    values.update(changes)
    return [french_text(values[d]) for d in DOTTED]


def evaluate(*args: object) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["evaluate", *map(str, args), "--format", "json"])
    return result.exit_code, json.loads(result.output)


def test_one_record_per_row_in_row_order_empty_and_broken_rows_included(tmp_path: Path) -> None:
    rows = [base_row(id="A"), [""] * len(DOTTED),
            base_row(**{"id": "B", "employee.birth_date": "31/02/1985"}),
            base_row(**{"id": "C", "pro_a.training_hours": "100"})]
    code, records = evaluate(write_csv(tmp_path / "planning.csv", DOTTED, rows))
    assert [r["source"] for r in records] == [f"{tmp_path / 'planning.csv'}!{n}" for n in (2, 3, 4, 5)]
    assert [r["verdict"] for r in records] == ["eligible", "invalid", "invalid", "ineligible"]
    assert [r["id"] for r in records] == ["A", None, "B", "C"]
    assert "ligne vide" in records[1]["errors"][0]["message"]
    assert code == 2


def test_trailing_empty_rows_are_below_the_table(tmp_path: Path) -> None:
    code, records = evaluate(write_csv(tmp_path / "p.csv", DOTTED, [base_row(), [""] * 3, []]))
    assert [r["verdict"] for r in records] == ["eligible"] and code == 0


def test_a_cell_error_is_located_as_file_sheet_row_and_column(tmp_path: Path) -> None:
    bad = base_row(**{"employee.birth_date": "1985-13-02"})
    column = DOTTED.index("employee.birth_date") + 1
    letter = chr(64 + column)
    for path, where in ((write_csv(tmp_path / "p.csv", DOTTED, [base_row(), bad]), "p.csv"),
                        (write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row(), bad]), "p.xlsx:Dossiers")):
        _, records = evaluate(path)
        error = records[1]["errors"][0]
        assert error["message"].startswith(f"{tmp_path / where}!{letter}3 : ")
        assert (error["line"], error["column"], error["pointer"]) == (3, column, "/employee/birth_date")


def test_a_schema_error_names_the_cell_and_suggests_the_value(tmp_path: Path) -> None:
    row = base_row(**{"employer.kind": "ett", "employer.territory": "métropole"})
    _, records = evaluate(write_csv(tmp_path / "p.csv", DOTTED, [row]))
    messages = {e["pointer"]: e["message"] for e in records[0]["errors"]}
    assert messages["/employer/kind"].startswith(f"{tmp_path / 'p.csv'}!B2 : ")
    assert "vouliez-vous dire `ETT`" in messages["/employer/kind"]
    assert "vouliez-vous dire `metropole`" in messages["/employer/territory"]


def test_an_unknown_header_is_named_with_a_suggestion(tmp_path: Path) -> None:
    headers = [h.replace("pro_a.tutor_designated", "pro_a.tutor_desginated") for h in DOTTED]
    code, records = evaluate(write_csv(tmp_path / "p.csv", headers, [base_row(), base_row()]))
    assert code == 2 and len(records) == 2
    column = chr(64 + DOTTED.index("pro_a.tutor_designated") + 1)
    for record in records:
        header = [e["message"] for e in record["errors"] if "en-tête" in e["message"]]
        assert header == [f"{tmp_path / 'p.csv'}!{column}1 : en-tête inconnu `pro_a.tutor_desginated` ; "
                          f"vouliez-vous dire `pro_a.tutor_designated` ?"]


def test_a_missing_column_says_which_to_add(tmp_path: Path) -> None:
    headers = [h for h in DOTTED if h != "pro_a.tutor_designated"]
    rows = [[c for h, c in zip(DOTTED, base_row()) if h != "pro_a.tutor_designated"]]
    _, records = evaluate(write_csv(tmp_path / "p.csv", headers, rows))
    assert any("ajoutez la colonne `pro_a.tutor_designated`" in e["message"] for e in records[0]["errors"])


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"),
                                                 (",", "cp1252"), (";", "utf-8")])
def test_csv_as_excel_in_france_writes_it(tmp_path: Path, delimiter: str, encoding: str) -> None:
    row = base_row(id="Métro-é-0042")
    path = write_csv(tmp_path / "p.csv", DOTTED, [row], delimiter=delimiter, encoding=encoding)
    code, records = evaluate(path)
    assert (code, records[0]["verdict"], records[0]["id"]) == (0, "eligible", "Métro-é-0042")


def test_a_text_field_keeps_its_leading_zeros(tmp_path: Path) -> None:
    _, records = evaluate(write_csv(tmp_path / "p.csv", DOTTED, [base_row(id="00123")]))
    assert records[0]["id"] == "00123"
    _, records = evaluate(write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row(id="00123")]))
    assert records[0]["id"] == "00123"


def test_the_sheet_named_dossiers_is_read_even_second(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row()], sheet="Dossiers", before="Notes")
    _, records = evaluate(path)
    assert [r["source"] for r in records] == [f"{path}:Dossiers!2"]


def test_without_a_dossiers_sheet_the_first_is_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row()], sheet="Planning 2022")
    _, records = evaluate(path)
    assert records[0]["source"] == f"{path}:Planning 2022!2" and records[0]["verdict"] == "eligible"


def test_a_formula_is_read_by_its_saved_value(tmp_path: Path) -> None:
    column = chr(64 + DOTTED.index("pro_a.total_hours") + 1)
    path = write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row(**{"pro_a.total_hours": "=1000+600"}),
                                                    base_row(**{"pro_a.total_hours": "=1000+600"})])
    cache_formulas(path, {f"{column}2": "1600"})
    _, records = evaluate(path)
    assert records[0]["verdict"] == "eligible"
    error = records[1]["errors"][0]
    assert error["message"].startswith(f"{path}:Dossiers!{column}3 : formule sans valeur calculée")


def test_a_merged_range_is_its_value_down_its_first_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row(id="A"), base_row(id="B"), base_row(id="C")])
    workbook = load_workbook(path)
    sheet = workbook["Dossiers"]
    kind = DOTTED.index("employer.kind") + 1
    sheet.cell(row=3, column=kind).value = sheet.cell(row=4, column=kind).value = None
    sheet.merge_cells(start_row=2, end_row=4, start_column=kind, end_column=kind)  # ETT for all three
    workbook.save(path)
    _, records = evaluate(path)
    assert [r["verdict"] for r in records] == ["eligible"] * 3
    sheet = (workbook := load_workbook(path))["Dossiers"]
    sheet.merge_cells(start_row=2, end_row=2, start_column=kind, end_column=kind + 1)  # across two fields
    workbook.save(path)
    _, records = evaluate(path)
    assert records[0]["verdict"] == "invalid"
    assert "cellule fusionnée" in records[0]["errors"][0]["message"]


def test_typed_xlsx_cells(tmp_path: Path) -> None:
    import datetime as dt

    row = base_row()
    row[DOTTED.index("pro_a.start_date")] = dt.datetime(2022, 1, 10)
    row[DOTTED.index("pro_a.total_hours")] = 1600
    row[DOTTED.index("pro_a.remuneration.guaranteed_minimum_monthly")] = 1766.92
    row[DOTTED.index("pro_a.tutor_designated")] = True
    _, records = evaluate(write_xlsx(tmp_path / "p.xlsx", DOTTED, [row]))
    assert records[0]["verdict"] == "eligible"


def test_a_sheet_with_headers_only_is_answered(tmp_path: Path) -> None:
    code, records = evaluate(write_csv(tmp_path / "p.csv", DOTTED, []))
    assert code == 2 and records[0]["verdict"] == "invalid"
    assert "aucune ligne de dossier" in records[0]["errors"][0]["message"]
    (tmp_path / "empty.xlsx").write_bytes(b"PK not a workbook")
    code, records = evaluate(tmp_path / "empty.xlsx")
    assert code == 2 and "illisible" in records[0]["errors"][0]["message"]


def test_an_old_excel_file_says_what_to_save_as(tmp_path: Path) -> None:
    (tmp_path / "p.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    _, records = evaluate(tmp_path / "p.xls")
    assert "enregistrez le classeur en .xlsx" in records[0]["errors"][0]["message"]


def test_folder_walks_take_spreadsheets(tmp_path: Path) -> None:
    write_csv(tmp_path / "b.csv", DOTTED, [base_row(id="B1"), base_row(id="B2")])
    write_xlsx(tmp_path / "c.xlsx", DOTTED, [base_row(id="C1")])
    (tmp_path / "a.json").write_text(dumps(BASE), "utf-8")
    code, records = evaluate(tmp_path)
    assert [r["id"] for r in records] == ["2024-ETT-0042", "B1", "B2", "C1"] and code == 0


def test_validate_reads_spreadsheets(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", DOTTED, [base_row(), base_row(**{"pro_a.total_hours": "beaucoup"})])
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert "p.csv!P3 : `beaucoup` n'est pas un nombre" in result.output


def test_parallel_jobs_give_the_same_records(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", DOTTED, [base_row(id=f"R{i}") for i in range(30)])
    one = CliRunner().invoke(main, ["evaluate", str(path), "--format", "jsonl"]).output
    two = CliRunner().invoke(main, ["evaluate", str(path), "--format", "jsonl", "--jobs", "2"]).output
    assert one == two and one.count("\n") == 30


def titled_schema() -> dict:
    """The shipped schema with a French `title` on every leaf field, as the schema will carry them."""
    schema = copy.deepcopy(load_schema("dossier.schema.json"))
    titles = {"id": "Identifiant du dossier", "kind": "Nature", "birth_date": "Date de naissance",
              "start_date": "Date de début", "total_hours": "Durée totale (heures)"}

    def walk(node: dict, path: tuple[str, ...]) -> None:
        for name, sub in node.get("properties", {}).items():
            if "properties" in sub:
                walk(sub, (*path, name))
            else:
                sub["title"] = titles.get(name, f"Libellé de {'.'.join((*path, name))}")

    walk(schema, ())
    return schema


def test_french_labels_are_headers_too(tmp_path: Path) -> None:
    schema = titled_schema()
    headers = Headers(schema)
    labels = [headers.label(headers.resolve(d)) for d in DOTTED]
    assert labels[0] == "Identifiant du dossier"
    # two fields are named « Nature »: each label says which
    assert headers.label(headers.resolve("employer.kind")) == "Nature (employer.kind)"
    labels[DOTTED.index("pro_a.start_date")] = "date de debut"  # case and accents do not matter
    path = write_csv(tmp_path / "p.csv", labels, [base_row()])
    dotted = write_csv(tmp_path / "d.csv", DOTTED, [base_row()])
    by_label = [loaded.document for loaded in read_sheet(str(path), "p.csv", schema)]
    by_name = [loaded.document for loaded in read_sheet(str(dotted), "d.csv", schema)]
    assert by_label == by_name and by_label[0]["pro_a"]["start_date"] == "2022-01-10"
    assert not any(loaded.row.issues for loaded in read_sheet(str(path), "p.csv", schema))


def test_a_misspelled_label_is_suggested(tmp_path: Path) -> None:
    headers = Headers(titled_schema())
    assert headers.suggest("Date de debu") == "Date de début"
    assert headers.suggest("tutor_desginated") == "pro_a.tutor_designated"


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.csv")
    code, records = evaluate(tmp_path / "pipe.csv")
    assert code == 2 and "pas un fichier ordinaire" in records[0]["errors"][0]["message"]


def test_a_zip_bomb_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from proa_policy.read import sheets as reading

    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", 200_000)  # the same check as at 512 MiB, smaller
    path = write_xlsx(tmp_path / "p.xlsx", DOTTED, [base_row()])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * 200_001)
    code, records = evaluate(path)
    assert code == 2 and "trop volumineux une fois décompressé" in records[0]["errors"][0]["message"]


def test_a_csv_line_beyond_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    from proa_policy.read.sheets import MAX_LINE_BYTES

    path = tmp_path / "p.csv"
    path.write_bytes(b"id\n" + b";" * (MAX_LINE_BYTES + 1) + b"\n")
    code, records = evaluate(path)
    assert code == 2 and len(records) == 1 and "ligne de plus de" in records[0]["errors"][0]["message"]
    path.write_bytes(b"id;" + "é".encode("cp1252") + b"\n" + b"x;y\n" * 1000)  # long file, short lines
    _, records = evaluate(path)
    assert len(records) == 1000
