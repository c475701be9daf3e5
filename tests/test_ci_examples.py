"""The CI examples (examples/ci/) do what they promise: their `proa-policy evaluate` steps, run as written on
the example dossiers, print GitHub annotations on standard output and write every `--output` file.

`--format` (standard output) and each `--output FORMAT=FILE` are independent: asking for files must not turn
the terminal's report into text (it did, and the shipped workflow printed no annotation).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from proa_policy.cli import main

CI = Path(__file__).resolve().parent.parent / "examples" / "ci"
DOSSIERS = CI.parent / "dossiers"


def _evaluate_commands(workflow: Path) -> list[list[str]]:
    """Every `proa-policy evaluate …` command line of a workflow's `run:`/`script:` steps."""
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    scripts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script") and isinstance(value, (str, list)):
                    scripts.extend([value] if isinstance(value, str) else value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    commands = []
    for script in scripts:
        for line in script.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:2] == ["proa-policy", "evaluate"]:
                commands.append(words[1:])
    return commands


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DOSSIERS, tmp_path / "dossiers")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _outputs(args: list[str]) -> list[str]:
    return [args[i + 1].partition("=")[2] for i, a in enumerate(args) if a in ("--output", "-o")]


def test_github_actions_example_prints_annotations_and_writes_its_files(workspace: Path) -> None:
    commands = _evaluate_commands(CI / "github-actions.yml")
    assert commands, "the GitHub Actions example has no `proa-policy evaluate` step"
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output  # the examples include invalid dossiers
        lines = result.stdout.splitlines()
        annotations = [line for line in lines if line.startswith(("::error ", "::warning "))]
        assert annotations, f"no annotation printed by `{shlex.join(args)}`"
        assert all(line.startswith("::") for line in result.stdout.splitlines())
        assert any("file=dossiers/ineligible-" in line for line in annotations)
        for name in _outputs(args):
            assert (workspace / name).stat().st_size > 0, name


def test_gitlab_example_writes_its_reports(workspace: Path) -> None:
    commands = _evaluate_commands(CI / "gitlab-ci.yml")
    assert commands
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert "dossier(s)" in result.stdout  # no --format: the terminal gets the text report
        assert (workspace / "proa-policy.xml").read_text(encoding="utf-8").startswith("<?xml")
        assert '"version": "2.1.0"' in (workspace / "proa-policy.sarif").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "github", "junit"])
def test_format_is_kept_on_stdout_when_files_are_written(tmp_path: Path, fmt: str) -> None:
    dossier = str(DOSSIERS / "eligible-clea.yaml")
    alone = CliRunner().invoke(main, ["evaluate", dossier, "--format", fmt])
    report = f"sarif={tmp_path / 'r'}"
    with_file = CliRunner().invoke(main, ["evaluate", dossier, "--format", fmt, "-o", report])
    assert with_file.stdout == alone.stdout
    assert with_file.exit_code == alone.exit_code == 0


def test_test_and_diff_take_format_and_output_independently(tmp_path: Path) -> None:
    junit = tmp_path / "cases.xml"
    args = ["test", "-k", "art04-duration", "--format", "json", "-o", f"junit={junit}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('{\n  "cases"')
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
