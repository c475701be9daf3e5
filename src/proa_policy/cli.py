"""The `proa-policy` command: the only module that imports click or writes to streams.

Exit codes, the same for every command and every output format:
  0  every dossier eligible (evaluate), everything valid (validate, check, test)
  1  some dossier ineligible, incomplete (formalities remain) or not applicable, none invalid (evaluate);
     failing tests (test)
  2  some input invalid or unreadable, a policy set that does not load, or a usage error
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from typing import Any, Callable, Iterator

import click

from proa_policy import __version__
from proa_policy.engine.decision import INCOMPLETE, INELIGIBLE, INVALID, NOT_APPLICABLE
from proa_policy.engine.policyset import PolicySet, load_policies
from proa_policy.errors import PolicyError
from proa_policy.report import formats, jsonout
from proa_policy.report.escape import text as esc
from proa_policy.resources import load_schema
from proa_policy.wording import say

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def _use_color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def _load(policies_dir: str | None) -> PolicySet:
    try:
        return load_policies(policies_dir)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{esc(problem.span)}: {problem.severity}: {esc(problem.message)}", err=True)
        raise SystemExit(EXIT_INVALID) from None


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
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


#: Commands whose module imports a heavy library (jinja2, starlette, openpyxl): name → (module, the
#: function's name, its one-line help as its docstring's first paragraph says it). The module is
#: imported only when the command runs or its own help is shown; `--help` lists the line given here
#: (tests/test_cli_lazy.py checks it is the docstring's).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "rulebook": ("proa_policy.rulebook.command", "rulebook",
                 "Write the rulebook: the accord's text with each rule beside the sentence it quotes, "
                 "as a static site."),
    "serve": ("proa_policy.serve.command", "serve",
              "Serve the HTTP API and the French web page (open http://127.0.0.1:8000)."),
    "template": ("proa_policy.sheets.command", "template",
                 "Write a blank dossier template: XLSX (drop-down lists, help sheet), CSV, "
                 "or YAML commented in French."),
}


class _Commands(click.Group):
    """Every command, at any moment: a closed stdout (`… | head -1`) ends quietly with 141, Ctrl-C with 130,
    a failed write with a one-line message and 2. The commands of `LAZY_COMMANDS` load when used."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            raise SystemExit(141) from None
        except KeyboardInterrupt:  # e.g. while the policy set loads, before a command's own guard
            click.echo("\ninterrompu", err=True)
            raise SystemExit(130) from None
        except RuntimeError as exc:  # a worker of `--jobs` died or raised: said in one line, exit 2
            from proa_policy.engine.workers import WorkerFailed

            if not isinstance(exc, WorkerFailed):
                raise
            click.echo(f"proa-policy: a worker process failed: {esc(str(exc))}", err=True)
            raise SystemExit(EXIT_INVALID) from None
        except OSError as exc:  # stdout that cannot be written (`> /dev/full`): one line, exit 2
            _quiet_stdout()
            where = f"`{exc.filename}`" if exc.filename else "standard output"
            click.echo(f"proa-policy: cannot write to {where}: {exc.strerror or exc}", err=True)
            raise SystemExit(EXIT_INVALID) from None

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """The group's own `--help` is printed while its arguments are parsed, before `invoke`."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            _quiet_stdout()
            raise SystemExit(141) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attribute, _ = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of `--help` (click's own), without importing a lazy command's module for its line."""
        names = [n for n in self.list_commands(ctx) if n not in self.commands or not self.commands[n].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is None:  # its module not loaded: the same short help, from the help kept here
                command = click.Command(name, help=LAZY_COMMANDS[name][2])
            line = command.get_short_help_str(limit)
            rows.append((name, line))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="proa-policy")
def main() -> None:
    """Check Pro-A dossiers against the accord of 22 January 2021 (temporary-work branch), as extended."""


# --- evaluate / validate -----------------------------------------------------

def _exit_code(counts: dict[str, int]) -> int:
    if counts.get(INVALID):
        return EXIT_INVALID
    if counts.get(INELIGIBLE) or counts.get(NOT_APPLICABLE) or counts.get(INCOMPLETE):
        return EXIT_FINDINGS
    return EXIT_OK


def _outputs(specs: tuple[str, ...], default_fmt: str, command: str) -> list[tuple[str, str]]:
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


def _run_report(decisions_: Iterator[Any], fmt: str, output: tuple[str, ...], *, policies: PolicySet,
                lang: str, explain: bool, rendered: bool = False) -> dict[str, int]:
    """Feed decisions to stdout and every --output; files appear only when the run completes.

    With `rendered`, the items are `(verdict, text)` already rendered for the
    terminal's format (by the worker processes) and there is no file output.
    """
    from proa_policy.report.sinks import AtomicFile, Sink

    stdout = sys.stdout
    files: list[tuple[str, AtomicFile]] = []
    try:
        for f, path in _outputs(output, fmt, "evaluate"):
            files.append((f, AtomicFile(path, binary=formats.get(f).binary)))
    except BaseException:  # no temporary file left behind by the outputs opened before
        for _, handle in files:
            handle.discard()
        raise
    sinks = [Sink(fmt, stdout, policies=policies, lang=lang, explain=explain, style=_style(stdout))]
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


def _style(stream: Any) -> Callable[..., str] | None:
    """click.style on a terminal (unless NO_COLOR), nothing otherwise."""
    return click.style if _use_color() is None and stream.isatty() else None


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
        _quiet_stdout()
        code = 141
    except OSError as exc:  # e.g. a full disk while writing the report
        try:
            message = f"cannot write the report to standard output: {exc.strerror or exc}"
            click.echo(f"proa-policy: {message}", err=True)
        except OSError:
            pass
        code = EXIT_INVALID
    raise SystemExit(code)


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


output_option = click.option("--output", "-o", multiple=True, metavar="[FORMAT=]FILE",
                             help="Also write a report to FILE (repeatable), in FORMAT, else in --format. "
                                  "evaluate also writes xlsx=FILE and csv=FILE: the input rows, annotated.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("evaluate")
@output_option
@policies_option
@click.option(
    "--as-of",
    callback=_parse_date,
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

    policies = _load(policies_dir)

    def body() -> int:
        from functools import partial

        from proa_policy.report.sinks import render_record

        sheets_out = any(formats.get(f).file_only for f, _ in _outputs(output, fmt, "evaluate"))
        options = Options(as_of=as_of, lang=lang, explain=explain, inputs=sheets_out)
        # in parallel, the workers render too, when one streaming report is all there is to write
        rendered = jobs > 1 and not output and formats.get(fmt).streaming
        render = partial(render_record, fmt=fmt, lang=lang, explain=explain,
                         style=_style(sys.stdout)) if rendered else None
        decisions_ = run(policies, units(paths, include, exclude), options, jobs, render)
        counts = _run_report(decisions_, fmt, output, policies=policies, lang=lang, explain=explain,
                             rendered=rendered)
        if not sum(counts.values()):
            click.echo(say("no_dossier", lang), err=True)
            return EXIT_INVALID
        return _exit_code(counts)

    _guarded(body)


@main.command()
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
    _write_report(formats.Report("validate", items_from_validation(results), lang), fmt, output)
    raise SystemExit(EXIT_INVALID if any(issues for _, issues in results) else EXIT_OK)


def _write_report(report: Any, fmt: str, output: tuple[str, ...], command: str | None = None) -> None:
    """Reports of validate/check/test/diff: standard output in --format, each --output file atomically."""
    from proa_policy.report.sinks import AtomicFile, OutputError

    command = command or report.command

    def render(name: str) -> str:
        chosen = formats.get(name)
        if command == "diff":
            return chosen.diff(report)  # type: ignore[misc]
        return chosen.render_report(report)

    for file_fmt, path in _outputs(output, fmt, command):
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


# --- the accord ------------------------------------------------------------


@main.command()
@click.argument("query", required=False)
@click.option("--sector", help="Keep rows whose sector or sub-sector contains this text.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--as-of", callback=_parse_date,
              help="Eligibility for a Pro-A starting on this date (default: today); before the accord "
                   "or a row is in force, no row is eligible.")
@policies_option
@lang_option
def certifications(
    query: str | None,
    sector: str | None,
    fmt: str,
    as_of: dt.date | None,
    policies_dir: str | None,
    lang: str,
) -> None:
    """Look up the annex by RNCP code or words; say for each row whether it is eligible, and why not.

    Exit 0 when some row matches, 1 when none does.
    """
    from proa_policy.policy.annex import lookup

    policies = _load(policies_dir)
    records = lookup(policies, query, sector, as_of or dt.date.today(), lang)
    stream = sys.stdout
    if fmt == "json":
        stream.write(jsonout.dumps(records, pretty=True) + "\n")
    else:
        for r in records:
            level = f"niveau {r['level']}" if r["level"] is not None else "sans niveau"
            status = say("annex.eligible", lang) if r["eligible"] else r["reason"]
            stream.write(f"{r['rncp']} ({level}) — {r['title'] or '(sans intitulé)'}\n"
                         f"    {r['sector']} / {r['sub_sector']} / {r['occupation']}\n    → {status}\n")
        stream.write(say("annex.count", lang, count=len(records)) + "\n")
    stream.flush()  # a closed pipe raises here, inside the command (`_Commands`: 141), not at exit
    raise SystemExit(EXIT_OK if records else EXIT_FINDINGS)


@main.command()
@click.option(
    "--policy", is_flag=True, help="Print the schema of policy files instead of the dossier schema."
)
def schema(policy: bool) -> None:
    """Print the dossier JSON Schema (draft 2020-12)."""
    document = load_schema("policy.schema.json" if policy else "dossier.schema.json")
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@main.command()
@policies_option
@click.option(
    "--base",
    help=(
        "A git revision: also check that every changed file bumped its version and the CHANGELOG has an"
        " entry."
    ),
)
@format_option("check")
@output_option
@lang_option
def check(policies_dir: str | None, base: str | None, fmt: str, output: tuple[str, ...], lang: str) -> None:
    """Lint a policy set: schema, quotes, references, tests, annex consistency.

    Problems are printed as `file:line: message`.

    Exit 0 when there is no error (warnings allowed), 2 otherwise.
    """
    from proa_policy.authoring.lint import check_policy_set
    from proa_policy.report.items import items_from_check

    policies = _load(policies_dir)
    problems = check_policy_set(policies, base)
    errors = sum(p.severity == "error" for p in problems)
    manifest = policies.manifest
    headline = (
        f"{manifest.id} {manifest.version}: {len(policies.document.articles)} files, "
        f"{len(policies.rules)} rules, {len(policies.parameters)} parameters, "
        f"{len(policies.annex.rows)} annex rows; {errors} error(s), {len(problems) - errors} warning(s)"
    )
    files = [a.file for a in policies.document.articles]
    report = formats.Report("check", items_from_check(problems, files), lang, native=(problems, headline))
    _write_report(report, fmt, output)
    raise SystemExit(EXIT_INVALID if errors else EXIT_OK)


@main.command()
@click.argument("target")
@policies_option
@lang_option
def explain(target: str, policies_dir: str | None, lang: str) -> None:
    """Print an article or a rule: its text, rules, parameters and extension status.

    TARGET is an article (`4`, `3.1`, `annexe`, `préambule`) or a rule id (`art4.training_floor`).
    """
    from proa_policy.report.explain import french_notice, render_article, render_rule

    policies = _load(policies_dir)
    rule = next((r for r in policies.rules if r.id == target), None)
    if rule is not None:
        click.echo(french_notice(lang) + render_rule(policies, rule, lang))
        raise SystemExit(EXIT_OK)
    label = target.lower().removeprefix("article").strip().removeprefix("art.").strip()
    label = {"annex": "annexe", "preambule": "préambule"}.get(label, label)
    article = policies.document.article(label)
    if article is None:
        known = ", ".join(a.article for a in policies.document.articles)
        missing = dict(policies.manifest.not_reproduced).get(label)
        click.echo(missing or f"unknown article or rule `{target}` (articles: {known})", err=True)
        raise SystemExit(EXIT_INVALID)
    click.echo(french_notice(lang) + render_article(policies, article, label, lang))
    raise SystemExit(EXIT_OK)


@main.command(name="test")
@policies_option
@click.option("-k", "pattern", help="Run only the cases whose `file::name` contains this text.")
@format_option("test")
@output_option
@click.option("--coverage", is_flag=True, help="Report coverage by rule and by parameter boundary.")
@click.option("--coverage-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fail (exit 1) when coverage is below this percentage (implies --coverage).")
@lang_option
def test_command(
    policies_dir: str | None,
    pattern: str | None,
    fmt: str,
    output: tuple[str, ...],
    coverage: bool,
    coverage_threshold: float | None,
    lang: str,
) -> None:
    """Run the policy set's test cases (`tests/*.yaml` beside the policies).

    Exit 0 when every case passes (and coverage meets the threshold), 1 when
    some case fails, 2 when a test file is malformed or the policies don't load.
    """
    from proa_policy.report.items import items_from_tests
    from proa_policy.authoring.cases import load_cases, measure_coverage, run_cases

    policies = _load(policies_dir)
    cases, problems = load_cases(policies.document.root, pattern)
    if problems:
        for problem in problems:
            click.echo(f"{esc(problem.span)}: error: {esc(problem.message)}", err=True)
        raise SystemExit(EXIT_INVALID)
    if not cases:
        click.echo("no test case found" + (f" for `-k {pattern}`" if pattern else ""), err=True)
        raise SystemExit(EXIT_INVALID)
    results = run_cases(policies, cases)
    measured = measure_coverage(policies, cases) if coverage or coverage_threshold is not None else None
    summary = {"coverage_percent": float(measured.percent)} if measured is not None else None
    report = formats.Report("test", items_from_tests(results), lang, summary, native=(results, measured))
    _write_report(report, fmt, output)
    failed = sum(not r.passed for r in results)
    below = (
        measured is not None
        and coverage_threshold is not None
        and float(measured.percent) < coverage_threshold
    )
    if below:
        click.echo(
            f"coverage {measured.percent} % is below the threshold of {coverage_threshold} %", err=True
        )
    raise SystemExit(EXIT_FINDINGS if failed or below else EXIT_OK)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--dossiers",
    "corpus",
    multiple=True,
    help="Also compare the decisions on these dossiers (files, folders, JSON Lines).",
)
@format_option("diff")
@output_option
@policies_option
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help=(
        "Language of the report's words, in every format (the accord's text, rule ids, field names and "
        "expressions stay as written)."
    ),
)
def diff(old: str, new: str, corpus: tuple[str, ...], fmt: str, output: tuple[str, ...],
         policies_dir: str | None, lang: str) -> None:
    """Compare two versions of the rules: what changes in the text, and in the decisions.

    OLD and NEW are policy folders, git revisions (`git:REV`, or `git:REV:path`),
    or a patch file (`*.patch`) applied to the --policies set. Exit 0 when both
    versions decide identically on every explored dossier, 1 when decisions change.
    """
    from proa_policy.engine.batch import load_unit, units
    from proa_policy.amend.compare import diff_documents
    from proa_policy.amend.explore import Explorer
    from proa_policy.amend.revisions import materialize
    from proa_policy.wording import reading_error

    try:
        with (
            materialize(old, default=policies_dir) as old_dir,
            materialize(new, default=policies_dir) as new_dir,
        ):
            old_set, new_set = _load(str(old_dir)), _load(str(new_dir))
            changes = diff_documents(old_set.document, new_set.document)
            read = [loaded for unit in units(corpus) for loaded in load_unit(unit)]
            dossiers = [(loaded.source, loaded.document) for loaded in read if loaded.error is None]
            exploration = Explorer(old_set, new_set).run(dossiers)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{esc(problem.span)}: error: {esc(problem.message)}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    _write_report(
        formats.DiffReport(old, new, changes, exploration, old_set, new_set, lang), fmt, output, "diff"
    )
    unreadable = [loaded for loaded in read if loaded.error is not None]
    for loaded in unreadable:  # a dossier that could not be compared is said, never dropped, in --lang
        message = reading_error(loaded.error.message, lang, loaded.error)
        click.echo(f"{esc(loaded.source)}: error: {esc(message)}", err=True)
    raise SystemExit(EXIT_INVALID if unreadable else EXIT_FINDINGS if exploration.changed else EXIT_OK)



if __name__ == "__main__":  # pragma: no cover
    main()
