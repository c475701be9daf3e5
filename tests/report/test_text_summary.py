"""The text report of a long run starts with its summary line as well as ending with it."""

from __future__ import annotations

from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.report.text import LONG_RUN

from ..conftest import ROOT

EXAMPLES = sorted((ROOT / "examples" / "dossiers").glob("*.yaml"))


def test_a_long_run_opens_and_closes_with_its_summary() -> None:
    assert len(EXAMPLES) > LONG_RUN
    lines = CliRunner().invoke(main, ["evaluate", *map(str, EXAMPLES)]).output.splitlines()
    assert lines[0] == lines[-1] and lines[0].startswith(f"{len(EXAMPLES)} dossier(s) : ")
    assert sum(line == lines[0] for line in lines) == 2


def test_a_short_run_ends_with_its_summary_only() -> None:
    lines = CliRunner().invoke(main, ["evaluate", *map(str, EXAMPLES[:LONG_RUN])]).output.splitlines()
    assert lines[-1].startswith(f"{LONG_RUN} dossier(s) : ")
    assert not lines[0].startswith(f"{LONG_RUN} dossier(s)")


def test_a_long_text_file_report_opens_with_its_summary_too(tmp_path) -> None:
    report = tmp_path / "report.txt"
    CliRunner().invoke(main, ["evaluate", *map(str, EXAMPLES), "--output", f"text={report}",
                              "--format", "json"])
    lines = report.read_text("utf-8").splitlines()
    assert lines[0] == lines[-1] and lines[0].startswith(f"{len(EXAMPLES)} dossier(s)")
