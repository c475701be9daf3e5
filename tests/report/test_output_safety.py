"""`--output` replaces only a regular file or a new path, writes through anything else; a failure exits 2.

What may already be at an output path in CI — a symbolic link, a named pipe,
a device (`/dev/null`, `/dev/full`), a folder, nothing at all in a missing
folder — and the exact outcome for each, for every command that writes
reports (`evaluate`, `validate`, `check`, `test`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy.cli import main

from ..conftest import ROOT

ELIGIBLE = ROOT / "examples" / "dossiers" / "eligible-rncp-ett.yaml"
COMMANDS = {
    "evaluate": ["evaluate", str(ELIGIBLE)],
    "validate": ["validate", str(ELIGIBLE)],
    "check": ["check"],
    "test": ["test"],
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_a_clear_message_and_exit_2(command, tmp_path):
    target = tmp_path / "missing" / "report.json"
    result = run(*COMMANDS[command], "-o", f"json={target}")
    assert result.exit_code == 2, result.output
    assert f"cannot write the report to `{target}`: no such folder" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_full_exits_2_naming_the_path(command):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = run(*COMMANDS[command], "-o", "json=/dev/full")
    assert result.exit_code == 2
    assert "cannot write the report to `/dev/full`: No space left on device" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_the_same_path_twice_is_a_usage_error(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*COMMANDS[command], "-o", "json=r.json", "-o", "sarif=./r.json")
    assert result.exit_code == 2
    assert "--output `./r.json` is named more than once" in result.output
    assert not (tmp_path / "r.json").exists()


def test_dev_null_is_written_through_not_replaced():
    before = os.lstat("/dev/null")
    result = run("evaluate", str(ELIGIBLE), "-o", "json=/dev/null")
    assert result.exit_code == 0
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symbolic_link_is_written_through(tmp_path):
    (tmp_path / "target.json").write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("target.json")
    result = run("evaluate", str(ELIGIBLE), "-o", f"json={tmp_path / 'link.json'}")
    assert result.exit_code == 0
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "target.json").read_text(encoding="utf-8").startswith("[")


def test_a_dangling_link_is_not_followed_to_create_a_file(tmp_path):
    (tmp_path / "link.json").symlink_to(tmp_path / "nowhere.json")
    result = run("evaluate", str(ELIGIBLE), "-o", f"json={tmp_path / 'link.json'}")
    assert result.exit_code == 2 and "No such file or directory" in result.output
    assert not (tmp_path / "nowhere.json").exists() and (tmp_path / "link.json").is_symlink()


def test_a_pipe_without_reader_is_an_error_not_a_wait(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    result = run("evaluate", str(ELIGIBLE), "-o", f"json={tmp_path / 'pipe.json'}")
    assert result.exit_code == 2 and "no reader on this pipe" in result.output
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.json").st_mode)


def test_a_folder_is_refused(tmp_path):
    result = run("validate", str(ELIGIBLE), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output


def test_a_regular_file_is_replaced_atomically(tmp_path):
    report = tmp_path / "r.json"
    report.write_text("old", encoding="utf-8")
    inode = report.stat().st_ino
    result = run("evaluate", str(ELIGIBLE), "-o", f"json={report}")
    assert result.exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("[") and report.stat().st_ino != inode
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


def test_a_failed_second_output_leaves_no_temporary_file(tmp_path):
    result = run(
        "evaluate", str(ELIGIBLE), "-o", f"json={tmp_path / 'a.json'}", "-o", f"json={tmp_path / 'no' / 'b'}"
    )
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []
