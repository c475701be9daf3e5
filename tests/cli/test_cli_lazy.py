"""The commands whose modules import heavy libraries load only when used (issue 16: cold start)."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

from click.testing import CliRunner

from proa_policy.cli import LAZY_COMMANDS, main

HEAVY = ("jinja2", "starlette", "uvicorn", "openpyxl", "jsonschema", "proa_policy.amend.explore")


def _first_paragraph(text: str) -> str:
    return inspect.cleandoc(text).split("\n\n")[0].replace("\n", " ")


def test_lazy_command_help_lines_are_their_docstrings_first_paragraph() -> None:
    for name, (module, attribute, line) in LAZY_COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        assert _first_paragraph(command.help) == line


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = f"import sys, proa_policy.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_lists_every_command_with_its_line() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1]
    for name in ("certifications", "check", "diff", "evaluate", "explain", "schema", "test", "validate",
                 *LAZY_COMMANDS):
        assert f"  {name} " in listed
    assert "Write the rulebook: the accord's text" in listed
    assert "Serve the HTTP API" in listed


def test_a_lazy_command_runs_and_shows_its_own_help() -> None:
    result = CliRunner().invoke(main, ["template", "--help"])
    assert result.exit_code == 0
    assert "--dotted" in result.output
