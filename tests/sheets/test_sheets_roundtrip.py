"""Round trips: template → filled → evaluated → annotated report read back; four formats, one decision."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from proa_policy.cli import main
from proa_policy.resources import load_schema
from proa_policy.dossier.columns import Headers
from proa_policy.wording import VERDICT_LABELS

from ..conftest import ROOT
from ..sheetdata import example_paths, example_rows, french_text, typed_cell, write_csv, write_xlsx


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def records(*args: object) -> list[dict[str, Any]]:
    return json.loads(run("evaluate", *args, "--format", "json").output)


def essence(record: dict[str, Any]) -> tuple[Any, ...]:
    """What must not depend on the format a dossier was written in."""
    if record["verdict"] == "invalid":
        return (record["verdict"], record["id"])
    return (record["verdict"], record["id"], [v["rule"] for v in record["violations"]],
            [w["rule"] for w in record["warnings"]], record["funding"], record["computed"])


@pytest.fixture(scope="module")
def reference() -> list[dict[str, Any]]:
    return records(*example_paths())


def test_the_examples_decide_the_same_as_json_yaml_csv_and_xlsx(tmp_path: Path, reference: list) -> None:
    headers, rows = example_rows()
    as_csv = write_csv(tmp_path / "examples.csv", headers,
                       [[french_text(r.get(h)) for h in headers] for r in rows])
    as_xlsx = write_xlsx(tmp_path / "examples.xlsx", headers,
                         [[typed_cell(r.get(h)) for h in headers] for r in rows])
    expected = [essence(r) for r in reference]
    assert len(expected) == len(rows) > 30
    assert [essence(r) for r in records(as_csv)] == expected
    assert [essence(r) for r in records(as_xlsx)] == expected
    assert {r["verdict"] for r in reference} >= {"eligible", "ineligible", "not_applicable", "invalid"}


def _fill_template(template: Path, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Write the rows under the template's own headers, as a person would; → header → column."""
    headers = Headers(load_schema("dossier.schema.json"))
    workbook = load_workbook(template)
    sheet = workbook["Dossiers"]
    columns = {headers.resolve(str(c.value)).dotted: c.column for c in sheet[1]}
    for number, row in enumerate(rows, start=2):
        for dotted, value in row.items():
            sheet.cell(row=number, column=columns[dotted], value=typed_cell(value))
    workbook.save(template)
    return columns


def test_template_then_evaluate_then_the_annotated_report_reads_back(tmp_path: Path, reference: list) -> None:
    template = tmp_path / "planning.xlsx"
    assert run("template", "--output", template).exit_code == 0
    blank = load_workbook(template)
    assert blank.sheetnames == ["Dossiers", "Aide"]
    lists = [v.formula1 for v in blank["Dossiers"].data_validations.dataValidation]
    assert '"ETT,ETTI,other"' in lists and '"oui,non"' in lists
    help_text = " ".join(str(c.value) for row in blank["Aide"].iter_rows() for c in row if c.value)
    assert "employer.kind" in help_text and "article 7" in help_text
    _, rows = example_rows()
    _fill_template(template, rows)
    out_xlsx, out_csv = tmp_path / "annotated.xlsx", tmp_path / "annotated.csv"
    out_json = tmp_path / "decisions.json"
    result = run("evaluate", template, "--output", f"xlsx={out_xlsx}", "--output", f"csv={out_csv}",
                 "--output", f"json={out_json}")
    assert result.exit_code == 2  # three examples are invalid on purpose
    got = json.loads(out_json.read_text("utf-8"))
    assert [essence(r) for r in got] == [essence(r) for r in reference]
    sheet = load_workbook(out_xlsx)["Dossiers"]
    table = list(sheet.iter_rows(values_only=True))
    head = list(table[0])
    assert head[0] == "source" and head[-4:] == ["verdict", "articles en défaut", "messages",
                                                 "plafond de prise en charge (€)"]
    labels = VERDICT_LABELS["fr"]
    assert [row[head.index("verdict")] for row in table[1:]] == [labels[r["verdict"]] for r in reference]
    for row, record in zip(table[1:], reference):
        ceiling = record["funding"]["ceiling_eur"]
        assert (row[-1] is None) if ceiling is None else float(row[-1]) == float(ceiling)
        for violation in record["violations"]:
            assert violation["rule"] in row[head.index("messages")]
    commented = {(c.row, c.column) for line in sheet.iter_rows() for c in line if c.comment}
    red = {(c.row, c.column) for line in sheet.iter_rows() for c in line if c.fill.fgColor.rgb == "00FFC7CE"}
    assert commented and commented >= red
    no_tutor = next(i for i, r in enumerate(reference, start=2) if any(
        v.get("pointer") == "/pro_a/tutor_designated" for v in r["violations"]))
    schema_headers = Headers(load_schema("dossier.schema.json"))
    tutor_column = head.index(schema_headers.label(schema_headers.resolve("pro_a.tutor_designated"))) + 1
    assert (no_tutor, tutor_column) in commented
    with open(out_csv, encoding="utf-8-sig", newline="") as handle:
        back = list(csv.reader(handle, delimiter=";"))
    assert back[0] == [str(h) for h in head]
    assert [row[head.index("verdict")] for row in back[1:]] == [labels[r["verdict"]] for r in reference]


def test_the_csv_template_round_trips(tmp_path: Path, reference: list[dict]) -> None:
    template = tmp_path / "planning.csv"
    assert run("template", "--output", template, "--dotted").exit_code == 0
    header = template.read_text("utf-8-sig").strip().split(";")
    _, rows = example_rows()
    with open(template, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([[french_text(r.get(h)) for h in header] for r in rows])
    assert [essence(r) for r in records(template)] == [essence(r) for r in reference]


def test_the_yaml_template_is_commented_in_french_and_round_trips(tmp_path: Path, reference: list) -> None:
    template = tmp_path / "dossier.yaml"
    assert run("template", "--output", template).exit_code == 0
    text = template.read_text("utf-8")
    assert "# Dossier Pro-A" in text and "(article 7)" in text and "obligatoire" in text
    blank = yaml.safe_load(text)
    path = example_paths()[0]
    source = yaml.safe_load(path.read_text("utf-8"))

    def fill(node: dict, values: dict) -> dict:
        return {k: fill(v, values[k]) if isinstance(v, dict) else values[k]
                for k, v in node.items() if k in values}

    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(fill(blank, source), allow_unicode=True), "utf-8")
    assert essence(records(filled)[0]) == essence(reference[0])


def test_template_refuses_an_unknown_kind(tmp_path: Path) -> None:
    result = run("template", "--output", tmp_path / "t.docx")
    assert result.exit_code == 2 and not (tmp_path / "t.docx").exists()


def test_a_text_cell_is_never_a_formula_in_the_report(tmp_path: Path) -> None:
    headers, rows = example_rows()
    row = [french_text(rows[0].get(h)) for h in headers]
    row[headers.index("id")] = "=HYPERLINK(\"http://x\")"
    out_xlsx, out_csv = tmp_path / "o.xlsx", tmp_path / "o.csv"
    source = write_csv(tmp_path / "p.csv", headers, [row])
    run("evaluate", source, "-o", f"xlsx={out_xlsx}", "-o", f"csv={out_csv}")
    cell = load_workbook(out_xlsx)["Dossiers"].cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=")
    assert "'=HYPERLINK" in out_csv.read_text("utf-8-sig")


READER = textwrap.dedent("""
    import resource, sys
    sys.path.insert(0, {src!r})
    from proa_policy.dossier.rows import read_sheet
    count = sum(1 for loaded in read_sheet(sys.argv[1], sys.argv[1]))
    print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kilobytes on Linux
""")


def _write_big(path: Path, rows: int) -> None:
    headers, examples = example_rows()
    if path.suffix == ".csv":
        row = [french_text(examples[0].get(h)) for h in headers]
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(headers)
            writer.writerows([f"D{i:06d}", *row[1:]] for i in range(rows))
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dossiers")
    sheet.append(["id", "employer.kind", "pro_a.total_hours"])
    for i in range(rows):
        sheet.append([f"D{i:06d}", "ETT", 1600.5])
    book.save(path)


def _peak(path: Path) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", READER.format(src=str(ROOT / "src")), str(path)],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1]) * 1024


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_100000_row_sheet_is_read_in_flat_memory(tmp_path: Path, suffix: str) -> None:
    small, big = tmp_path / f"small{suffix}", tmp_path / f"big{suffix}"
    _write_big(small, 1_000)
    _write_big(big, 100_000)
    (small_count, small_peak), (big_count, big_peak) = _peak(small), _peak(big)
    assert (small_count, big_count) == (1_000, 100_000)
    # a hundred times the rows, nearly the same memory: rows are streamed, never held (loose bound; no timing)
    assert big_peak - small_peak < 40 * 1024 * 1024, f"{(big_peak - small_peak) / 2**20:.1f} MiB more"


def test_annotated_reports_are_the_same_whatever_the_jobs(tmp_path: Path) -> None:
    headers, rows = example_rows()
    source = write_csv(tmp_path / "p.csv", headers, [[french_text(r.get(h)) for h in headers] for r in rows])
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.csv"
        run("evaluate", source, *example_paths()[:3], "--jobs", jobs, "-o", f"csv={out}")
        outputs.append(out.read_text("utf-8-sig"))
    assert outputs[0] == outputs[1]
    assert len(list(csv.reader(outputs[0].splitlines(keepends=True), delimiter=";"))) == 1 + len(rows) + 3
