"""`proa-policy evaluate` and `proa-policy validate`: dossiers judged, or only checked against the schema."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, Callable, Iterator

import click

from proa_policy.cli.common import (
    EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, load_policy_set, quiet_stdout, style, write_report,
)
from proa_policy.cli.options import (
    exclude_option, format_option, include_option, lang_option, output_files, output_option, parse_date,
    policies_option,
)
from proa_policy.engine.decision import INCOMPLETE, INELIGIBLE, INVALID, NOT_APPLICABLE
from proa_policy.engine.policyset import PolicySet
from proa_policy.report import formats
from proa_policy.wording import say


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("evaluate")
@output_option
@policies_option
@click.option(
    "--as-of",
    callback=parse_date,
    help="Judge by the rules in force on this date instead of each dossier's start date.",
)
@click.option("--explain", is_flag=True, help="Show every rule evaluated, the values and parameters it used.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes; the output is the same whatever the number.",
)
@lang_option
@include_option
@exclude_option
def evaluate(paths: tuple[str, ...], fmt: str, output: tuple[str, ...], policies_dir: str | None,
             as_of: dt.date | None, explain: bool, jobs: int, lang: str, include: tuple[str, ...],
             exclude: tuple[str, ...]) -> None:
    """Judge dossiers (files, directories, `-` for stdin; JSON, YAML, JSON Lines, CSV or XLSX: a row each).

    Exit 0 when every dossier is eligible, 1 when some are ineligible, incomplete
    (only formalities remain) or not applicable, 2 when some input is invalid or
    unreadable — in every format.
    """
    from proa_policy.engine.batch import Options, run, units

    policies = load_policy_set(policies_dir)

    def body() -> int:
        from functools import partial

        from proa_policy.report.sinks import render_record

        sheets_out = any(formats.get(f).file_only for f, _ in output_files(output, fmt, "evaluate"))
        options = Options(as_of=as_of, lang=lang, explain=explain, inputs=sheets_out)
        # in parallel, the workers render too, when one streaming report is all there is to write
        rendered = jobs > 1 and not output and formats.get(fmt).streaming
        render = partial(render_record, fmt=fmt, lang=lang, explain=explain,
                         style=style(sys.stdout)) if rendered else None
        decisions_ = run(policies, units(paths, include, exclude), options, jobs, render)
        counts = _run_report(decisions_, fmt, output, policies=policies, lang=lang, explain=explain,
                             rendered=rendered)
        if not sum(counts.values()):
            click.echo(say("no_dossier", lang), err=True)
            return EXIT_INVALID
        return _exit_code(counts)

    _guarded(body)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("validate")
@output_option
@lang_option
@include_option
@exclude_option
def validate(paths: tuple[str, ...], fmt: str, output: tuple[str, ...], lang: str, include: tuple[str, ...],
             exclude: tuple[str, ...]) -> None:
    """Check dossiers against the JSON Schema only (no rule is evaluated).

    Exit 0 if all valid, 2 otherwise."""
    from proa_policy.engine.batch import check, load_unit, units
    from proa_policy.dossier.schema import DossierSchema
    from proa_policy.report.items import items_from_validation

    schema = DossierSchema()
    results = [(loaded.source, list(check(schema, loaded, lang)))
               for unit in units(paths, include, exclude) for loaded in load_unit(unit)]
    if not results:
        click.echo(say("no_dossier", lang), err=True)
        raise SystemExit(EXIT_INVALID)
    write_report(formats.Report("validate", items_from_validation(results), lang), fmt, output)
    raise SystemExit(EXIT_INVALID if any(issues for _, issues in results) else EXIT_OK)


def _exit_code(counts: dict[str, int]) -> int:
    if counts.get(INVALID):
        return EXIT_INVALID
    if counts.get(INELIGIBLE) or counts.get(NOT_APPLICABLE) or counts.get(INCOMPLETE):
        return EXIT_FINDINGS
    return EXIT_OK


class _Progress:
    """A count on stderr for long batches on a terminal; silent otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 1000 == 0:
            click.echo(f"\r{self.count} dossiers…", err=True, nl=False)

    def done(self) -> None:
        if self.enabled and self.count >= 1000:
            click.echo("\r" + " " * 30 + "\r", err=True, nl=False)


def _open_files(output: tuple[str, ...], fmt: str) -> list[tuple[str, Any]]:
    """Every `--output` of evaluate opened as an `AtomicFile`; none left behind if one cannot be."""
    from proa_policy.report.sinks import AtomicFile

    files: list[tuple[str, AtomicFile]] = []
    try:
        for f, path in output_files(output, fmt, "evaluate"):
            files.append((f, AtomicFile(path, binary=formats.get(f).binary)))
    except BaseException:  # no temporary file left behind by the outputs opened before
        for _, handle in files:
            handle.discard()
        raise
    return files


def _run_report(decisions_: Iterator[Any], fmt: str, output: tuple[str, ...], *, policies: PolicySet,
                lang: str, explain: bool, rendered: bool = False) -> dict[str, int]:
    """Feed decisions to stdout and every --output; files appear only when the run completes.

    With `rendered`, the items are `(verdict, text)` already rendered for the
    terminal's format (by the worker processes) and there is no file output.
    """
    from proa_policy.report.sinks import Sink

    files = _open_files(output, fmt)
    sinks = [Sink(fmt, sys.stdout, policies=policies, lang=lang, explain=explain, style=style(sys.stdout))]
    sinks += [Sink(f, handle.handle, policies=policies, lang=lang, explain=explain) for f, handle in files]
    progress = _Progress(sys.stderr.isatty())
    try:
        for item in decisions_:
            if rendered:
                sinks[0].add_rendered(*item)
            else:
                for sink in sinks:
                    sink.add(item)
            progress.tick()
        progress.done()
        for sink in sinks:
            sink.close()
        for _, handle in files:
            handle.commit()
    except BaseException:
        for _, handle in files:
            handle.discard()
        getattr(decisions_, "close", lambda: None)()  # worker processes end now, not when collected
        raise
    return sinks[0].counts


def _guarded(body: Callable[[], int]) -> None:
    """Exit with the command's code; an interrupted run or a closed pipe ends quietly."""
    from proa_policy.report.sinks import OutputError

    try:
        code = body()
    except OutputError as exc:
        click.echo(f"proa-policy: {exc}", err=True)
        code = EXIT_INVALID
    except KeyboardInterrupt:
        click.echo("\ninterrompu", err=True)
        code = 130
    except BrokenPipeError:  # stdout was closed (e.g. piped into `head`): stop without a traceback
        quiet_stdout()
        code = 141
    except OSError as exc:  # e.g. a full disk while writing the report
        try:
            message = f"cannot write the report to standard output: {exc.strerror or exc}"
            click.echo(f"proa-policy: {message}", err=True)
        except OSError:
            pass
        code = EXIT_INVALID
    raise SystemExit(code)
