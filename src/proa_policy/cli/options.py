"""The options several commands share, and the parsing of their values (dates, formats, `--output`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

import click

from proa_policy.report import formats


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """`--as-of`: a calendar date written YYYY-MM-DD, nothing else."""
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # fromisoformat would take `20220110` too
        raise click.BadParameter(f"`{value}` is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"`{value}` is not a date (YYYY-MM-DD)") from None


policies_option = click.option(
    "--policies", "policies_dir", type=click.Path(exists=True, file_okay=False), default=None,
    help="Policy set directory (default: the shipped accord of 22 January 2021).")
lang_option = click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                           help="Language of messages (legal quotations stay in French).")
include_option = click.option(
    "--include", multiple=True, help="Glob of files to take in directories (repeatable)."
)
exclude_option = click.option(
    "--exclude", multiple=True, help="Glob of files to skip in directories (repeatable)."
)
output_option = click.option("--output", "-o", multiple=True, metavar="[FORMAT=]FILE",
                             help="Also write a report to FILE (repeatable), in FORMAT, else in --format. "
                                  "evaluate also writes xlsx=FILE and csv=FILE: the input rows, annotated.")


class _FormatChoice(click.Choice):
    """The formats of the registry that render a command's report, read when the command runs."""

    def __init__(self, command: str):
        self.command = command
        super().__init__(formats.names_for(command))

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return formats.names_for(self.command)

    @choices.setter
    def choices(self, value: Any) -> None:
        pass  # always the registry's


def format_option(command: str) -> Callable[[Any], Any]:
    """`--format`: the formats of the registry that can render this command's report."""
    return click.option("--format", "fmt", type=_FormatChoice(command), default="text",
                        show_default=True, help="Format of the report on standard output.")


def output_files(specs: tuple[str, ...], default_fmt: str, command: str) -> list[tuple[str, str]]:
    """`--output FILE` (in the --format) or `--output FORMAT=FILE`, repeatable (file-only formats too)."""
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if sep and fmt in formats.names_for(command, files=True):
            out.append((fmt, path))
        else:
            out.append((default_fmt, spec))
    from proa_policy.report.sinks import same_paths

    twice = same_paths([path for _, path in out])
    if twice:  # two reports to one file: one of them would be lost
        raise click.UsageError(f"--output `{twice[0]}` is named more than once")
    return out
