"""What every command does the same way: its exit codes, loading the policy set, writing its report."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

import click

from proa_policy.cli.options import output_files
from proa_policy.engine.policyset import PolicySet, load_policies
from proa_policy.errors import PolicyError
from proa_policy.report import formats
from proa_policy.report.escape import text as esc

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def load_policy_set(policies_dir: str | None) -> PolicySet:
    """The policy set of `--policies` (default: the shipped one); its problems on stderr and exit 2."""
    try:
        return load_policies(policies_dir)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{esc(problem.span)}: {problem.severity}: {esc(problem.message)}", err=True)
        raise SystemExit(EXIT_INVALID) from None


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def style(stream: Any) -> Callable[..., str] | None:
    """click.style on a terminal (unless NO_COLOR), nothing otherwise."""
    return click.style if not os.environ.get("NO_COLOR") and stream.isatty() else None


def write_report(report: Any, fmt: str, output: tuple[str, ...], command: str | None = None) -> None:
    """Reports of validate/check/test/diff: standard output in --format, each --output file atomically."""
    from proa_policy.report.sinks import AtomicFile, OutputError

    command = command or report.command

    def render(name: str) -> str:
        chosen = formats.get(name)
        if command == "diff":
            return chosen.diff(report)  # type: ignore[misc]
        return chosen.render_report(report)

    for file_fmt, path in output_files(output, fmt, command):
        try:
            handle = AtomicFile(path)
            try:
                handle.handle.write(render(file_fmt))
                handle.commit()
            except BaseException:
                handle.discard()
                raise
        except OutputError as exc:
            click.echo(f"proa-policy: {exc}", err=True)
            raise SystemExit(EXIT_INVALID) from None
    click.echo(render(fmt), nl=False)
