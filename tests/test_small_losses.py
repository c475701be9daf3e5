"""Small losses: nothing named is dropped, every message says where, every exit is the documented one.

Each case of issue « Safe on an untrusted pull request », class 12, and its
class: a dossier `diff` could not read, a closed pipe after any command, a
JSON error's column, a key written with escapes, a date option's exact form,
a closed standard input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.read.jsontext import load_json
from proa_policy.errors import DocumentError
from proa_policy.read.inputs import load_line

from .conftest import POLICIES, ROOT

ELIGIBLE = ROOT / "examples" / "dossiers" / "eligible-rncp-ett.yaml"
CLI = [sys.executable, "-m", "proa_policy.cli"]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_diff_says_which_dossiers_it_could_not_read(tmp_path):
    result = run(
        "diff", str(POLICIES), str(POLICIES), "--dossiers", "/nonexistent", "--dossiers", str(ELIGIBLE)
    )
    assert result.exit_code == 2
    assert "/nonexistent: error: fichier introuvable" in result.output
    english = run("diff", str(POLICIES), str(POLICIES), "--dossiers", "/nonexistent", "--lang", "en")
    assert english.exit_code == 2 and "/nonexistent: error: file not found" in english.output


@pytest.mark.parametrize(
    "args",
    [
        ["certifications", "RNCP"],
        ["certifications", "--format", "json"],
        ["evaluate", str(ELIGIBLE), "--format", "json"],
        ["schema"],
        ["explain", "4"],
        ["check"],
        ["test"],
        ["validate", str(ELIGIBLE)],
        ["evaluate", "--help"],
        ["--help"],  # the group's own help, printed while its arguments are parsed
        ["diff", str(POLICIES), str(POLICIES)],
    ],
)
def test_a_closed_pipe_is_quiet_and_exits_141(args):
    """The reader has gone before the first write (what `| head -1` leads to): deterministic, no race."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([*CLI, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr == "" and done.returncode == 141, (done.returncode, done.stderr[-500:])


@pytest.mark.parametrize(
    "line, column",
    [
        ('{"id": "a"', 11),
        ('{"id": "a", "employer": {"kind"', 32),
        ('   {"id": 1,', 13),
        ('{"id": "a"}}', 12),
    ],
)
def test_a_cut_json_lines_line_reports_its_real_column(line, column):
    for ending in ("\n", "\r\n", ""):
        loaded = load_line("d.jsonl", 7, (line + ending).encode())
        assert loaded.error is not None and (loaded.error.line, loaded.error.column) == (7, column), ending


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('{"id": "a", "\\u0069d": "b"}', 1, 13),
        ('{\n  "id": "a",\n  "\\u0069\\u0064": "b"\n}', 3, 3),
        ('{"a": "id:", "id": 1, "i\\u0064": 2}', 1, 23),
    ],
)
def test_a_duplicate_key_written_with_escapes_is_located(text, line, column):
    with pytest.raises(DocumentError) as raised:
        load_json(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert "`id`" in raised.value.message


@pytest.mark.parametrize(
    "value", ["20220110", "2022-1-10", "２０２２-01-10", "2022-01-10T00:00", "2022-W02-1"]
)
@pytest.mark.parametrize("command", [["evaluate", str(ELIGIBLE)], ["certifications"]])
def test_as_of_takes_only_yyyy_mm_dd(command, value):
    result = run(*command, "--as-of", value)
    assert result.exit_code == 2 and f"`{value}` is not a date (YYYY-MM-DD)" in result.output


def test_as_of_in_the_documented_form_is_taken():
    assert run("evaluate", str(ELIGIBLE), "--as-of", "2022-01-10").exit_code == 0


@pytest.mark.parametrize("command", ["evaluate", "validate"])
def test_a_closed_stdin_is_an_answer_not_a_traceback(command):
    done = subprocess.run(
        f"{' '.join(CLI)} {command} - --format jsonl <&-",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr and done.returncode == 2
    if command == "evaluate":
        record = json.loads(done.stdout)
        assert record["verdict"] == "invalid" and record["errors"][0]["message"] == "entrée standard fermée"
    else:
        assert "entrée standard fermée" in done.stdout


def test_an_endless_stdin_is_bounded():
    done = subprocess.run(
        f"{' '.join(CLI)} evaluate - --format jsonl < /dev/zero",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        done.returncode == 2 and "fichier trop volumineux" in json.loads(done.stdout)["errors"][0]["message"]
    )


@pytest.mark.parametrize("args", [["evaluate", str(ELIGIBLE)], ["check"], ["test"], ["certifications"]])
def test_ctrl_c_at_any_moment_is_interrompu_and_130(args, monkeypatch):
    """Even while the policy set loads (before a command's own guard): not click's `Aborted!` and exit 1."""
    from proa_policy.cli import common

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(common, "load_policies", interrupted)
    result = run(*args)
    assert result.exit_code == 130 and result.output.strip() == "interrompu"


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["check"],
        ["explain", "4"],
        ["certifications"],
        ["test"],
        ["evaluate", str(ELIGIBLE)],
        ["validate", str(ELIGIBLE)],
    ],
)
def test_a_full_stdout_is_one_line_and_exit_2_in_every_command(args):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([*CLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (
        done.stderr.strip().endswith("No space left on device") and len(done.stderr.strip().splitlines()) == 1
    )


def test_a_worker_that_fails_is_one_line_and_exit_2_not_a_traceback():
    """A bug inside a `--jobs` worker (here: a decision that raises) ends the batch with a message, exit 2."""
    code = (
        "import sys\n"
        "import proa_policy.engine.batch as batch\n"
        "def boom(*args, **kwargs):\n"
        "    raise ValueError('boom')\n"
        "batch.decide = boom\n"
        "from proa_policy.cli import main\n"
        f"sys.argv = ['proa-policy', 'evaluate', '--jobs', '2', {str(ROOT / 'examples' / 'dossiers')!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "proa-policy: a worker process failed: ValueError: boom"
