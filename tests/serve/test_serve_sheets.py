"""Spreadsheets through the web page: one decision per row shown, the annotated spreadsheet to download."""

from __future__ import annotations

import csv
import io

import pytest
from starlette.testclient import TestClient

from proa_policy.engine.batch import Options, decide
from proa_policy.engine.batch import read_one
from proa_policy.serve.app import create_app
from tests.rulebook.htmlsite import parse
from tests.sheetdata import example_rows, typed_cell, write_csv, write_xlsx, french_text


@pytest.fixture(scope="module")
def client(policies):
    return TestClient(create_app(policies))


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    headers, rows = example_rows()
    folder = tmp_path_factory.mktemp("sheets")
    csv_path = write_csv(folder / "planning.csv", headers,
                         [[french_text(r.get(h)) for h in headers] for r in rows])
    xlsx_path = write_xlsx(folder / "planning.xlsx", headers,
                           [[typed_cell(r.get(h)) for h in headers] for r in rows])
    return {"csv": csv_path, "xlsx": xlsx_path, "count": len(rows)}


def upload(client, path, action="fill"):
    files = {"dossier": (path.name, path.read_bytes(), "application/octet-stream")}
    return client.post("/televerser", files=files, data={"action": action})


def table_rows(html: str) -> list[tuple[str, str]]:
    tree = parse(html)
    table = next(t for t in tree.iter("table") if "sheet-rows" in (t.get("class") or ""))
    return [(tr.get("data-verdict"), tr.find("td").get("title")) for tr in table.find("tbody").iter("tr")]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_uploaded_sheet_shows_one_decision_per_row_as_the_command_line_decides(client, policies,
                                                                                  sheets, kind):
    response = upload(client, sheets[kind])
    assert response.status_code == 200
    shown = table_rows(response.text)
    expected = [decide(policies, loaded, Options()).verdict for loaded in read_one(str(sheets[kind]))]
    assert len(shown) == sheets["count"] == len(expected)
    assert [verdict for verdict, _ in shown] == expected
    assert {"eligible", "ineligible"} <= set(expected)
    first = "tableur.xlsx:Dossiers!2" if kind == "xlsx" else "tableur.csv!2"
    assert shown[0][1] == first  # row order, the upload's name never echoed
    assert f"Décisions du tableur : {sheets['count']} lignes" in response.text


def test_the_annotated_sheet_comes_back_as_the_type_uploaded(client, sheets):
    from openpyxl import load_workbook

    response = upload(client, sheets["xlsx"], "annotate")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="planning-decisions.xlsx"' in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["Dossiers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == sheets["count"] + 1 and "verdict" in rows[0]
    response = upload(client, sheets["csv"], "annotate")
    assert response.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == sheets["count"] + 1 and "verdict" in lines[0]


def test_a_broken_sheet_is_one_invalid_row_said_on_the_page(client):
    files = {"dossier": ("cassé.xlsx", b"PK not a workbook", "application/octet-stream")}
    response = client.post("/televerser", files=files)
    assert response.status_code == 200
    assert table_rows(response.text)[0][0] == "invalid"
    assert "classeur Excel .xlsx" in response.text or "XLSX illisible" in response.text


def test_an_unknown_header_is_said_with_its_cell(client, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["id", "employer.kindd"], [["A-1", "ETT"]])
    response = upload(client, path)
    assert "tableur.csv!B1 : en-tête inconnu `employer.kindd`" in response.text
    assert "vouliez-vous dire `employer.kind`" in response.text


def test_the_api_still_refuses_a_spreadsheet_body_with_415(client, sheets):
    for media in ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
        body = sheets["csv"].read_bytes()
        response = client.post("/v1/evaluate", content=body, headers={"content-type": media})
        assert response.status_code == 415
        assert "application/x-ndjson" in response.json()["detail"]
