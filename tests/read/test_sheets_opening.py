"""Spreadsheet files opened once, through `safefile.open_input`; Excel's lock files skipped in walks."""

from __future__ import annotations

import builtins
import os

import pytest

from proa_policy.read import safefile
from proa_policy.engine.batch import read_one
from proa_policy.read.inputs import iter_paths
from proa_policy.read.sheets import read_table
from tests.sheetdata import write_csv, write_xlsx


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_sheet_is_opened_once_and_its_path_never_looked_at_again(tmp_path, monkeypatch, suffix):
    write = write_csv if suffix == ".csv" else write_xlsx
    path = write(tmp_path / ("p" + suffix), ["id", "employer.kind"], [["A-1", "ETT"], ["A-2", "ETT"]])
    opened = []
    real_open_input = safefile.open_input

    def counting(name):
        opened.append(name)
        return real_open_input(name)

    def no_path(*args, **kwargs):
        raise AssertionError(f"the path was used again: {args[:1]}")

    monkeypatch.setattr(safefile, "open_input", counting)
    monkeypatch.setattr(builtins, "open", no_path)
    monkeypatch.setattr(os, "stat", no_path)
    table = read_table(str(path), path.name)
    rows = [cells[:2] for _, cells in table.rows]
    assert opened == [str(path)]
    assert rows == [["id", "employer.kind"], ["A-1", "ETT"], ["A-2", "ETT"]]


def test_a_named_pipe_is_refused_unread(tmp_path):
    pipe = tmp_path / "p.csv"
    os.mkfifo(pipe)
    (loaded,) = read_one(str(pipe))
    assert loaded.error is not None and "pas un fichier ordinaire" in loaded.error.message


def test_excel_lock_files_are_skipped_in_folder_walks(tmp_path):
    write_csv(tmp_path / "planning.csv", ["id"], [["A-1"]])
    (tmp_path / "~$planning.xlsx").write_bytes(b"\x00lock of an open workbook")
    (tmp_path / "~$notes.csv").write_bytes(b"\x00")
    walked = [os.path.basename(name) for name, _ in iter_paths([str(tmp_path)])]
    assert walked == ["planning.csv"]


def test_a_lock_file_named_on_the_command_line_is_still_answered(tmp_path):
    lock = tmp_path / "~$planning.xlsx"
    lock.write_bytes(b"\x00lock")
    (loaded,) = read_one(str(lock))
    assert loaded.error is not None and "xlsx" in loaded.error.message.lower()
