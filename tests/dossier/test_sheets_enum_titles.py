"""Enumerated values in spreadsheet cells: the value, or its French title from the schema's x-enum-titles."""

from __future__ import annotations

import pytest

from proa_policy.engine.batch import Options, decide, read_one
from proa_policy.resources import load_schema
from proa_policy.dossier.cells import convert
from proa_policy.dossier.columns import Headers
from tests.sheetdata import example_rows, french_text, write_csv, write_xlsx


@pytest.fixture(scope="module")
def headers():
    return Headers(load_schema("dossier.schema.json"))


@pytest.mark.parametrize("cell, value", [
    ("ETT", "ETT"),
    ("Entreprise de travail temporaire (ETT)", "ETT"),
    ("Entreprise de travail temporaire", "ETT"),
    ("  entreprise de TRAVAIL temporaire  ", "ETT"),
    ("Entreprise de travail temporaire d'insertion", "ETTI"),
    ("Autre entreprise", "other"),
])
def test_a_kind_of_employer_is_read_by_value_or_by_title(headers, cell, value):
    assert convert(headers.resolve("employer.kind"), cell) == value


def test_every_title_of_every_enumerated_column_reads_as_its_value(headers):
    checked = 0
    for column in headers.columns:
        for value, title in column.choice_titles:
            assert convert(column, title) == value, (column.dotted, title)
            checked += 1
    assert checked >= 15


def test_a_text_that_is_neither_value_nor_title_is_kept_for_the_schema_to_answer(headers):
    column = headers.resolve("employer.territory")
    assert convert(column, "métropole") == "métropole"  # the schema's error says « metropole »
    assert convert(column, "ett") == "ett"


def test_a_sheet_of_titles_decides_as_the_sheet_of_values(policies, tmp_path, headers):
    names, rows = example_rows()
    titles = {c.dotted: dict(c.choice_titles) for c in headers.columns if c.choice_titles}

    def cell(dotted, value, by_title):
        if by_title and isinstance(value, str) and value in titles.get(dotted, {}):
            return titles[dotted][value]
        return french_text(value)

    plain = [[cell(h, r.get(h), False) for h in names] for r in rows]
    titled = [[cell(h, r.get(h), True) for h in names] for r in rows]
    assert sum(a != b for x, y in zip(plain, titled) for a, b in zip(x, y)) > len(rows)  # titles were used
    values = write_csv(tmp_path / "values.csv", names, plain)
    labelled = write_xlsx(tmp_path / "titles.xlsx", names, titled)

    def verdicts(path):
        return [(d.verdict, [v.rule for v in d.violations])
                for d in (decide(policies, loaded, Options()) for loaded in read_one(str(path)))]

    assert verdicts(labelled) == verdicts(values)
    assert any(v == "eligible" for v, _ in verdicts(labelled))
