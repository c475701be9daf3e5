"""The `proa-policy` command: the only module that imports click or writes to streams.

Exit codes, the same for every command and every output format:
  0  every dossier eligible (evaluate), everything valid (validate, check, test)
  1  some dossier ineligible or not applicable, none invalid (evaluate); failing tests (test)
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

from . import __version__
from .decision import INELIGIBLE, INVALID, NOT_APPLICABLE
from .engine import PolicySet, load_policies
from .errors import DossierIssue, PolicyError
from .inputs import Loaded
from .locate import locate
from .report import jsonout
from .resources import load_schema

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def _use_color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def _load(policies_dir: str | None) -> PolicySet:
    try:
        return load_policies(policies_dir)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{problem.span}: {problem.severity}: {problem.message}", err=True)
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
include_option = click.option("--include", multiple=True, help="Glob of files to take in directories (repeatable).")
exclude_option = click.option("--exclude", multiple=True, help="Glob of files to skip in directories (repeatable).")


class _Commands(click.Group):
    """Every command, at any moment: a closed stdout (`… | head -1`) ends quietly with 141, Ctrl-C with 130,
    a failed write with a one-line message and 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            raise SystemExit(141) from None
        except KeyboardInterrupt:  # e.g. while the policy set loads, before a command's own guard
            click.echo("\ninterrompu", err=True)
            raise SystemExit(130) from None
        except OSError as exc:  # stdout that cannot be written (`> /dev/full`): one line, exit 2
            _quiet_stdout()
            where = f"`{exc.filename}`" if exc.filename else "standard output"
            click.echo(f"proa-policy: cannot write to {where}: {exc.strerror or exc}", err=True)
            raise SystemExit(EXIT_INVALID) from None


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
    if counts.get(INELIGIBLE) or counts.get(NOT_APPLICABLE):
        return EXIT_FINDINGS
    return EXIT_OK


FORMATS = ("text", "json", "jsonl", "junit", "github", "sarif", "markdown")


def _outputs(specs: tuple[str, ...], default_fmt: str) -> list[tuple[str, str]]:
    """`--output FILE` (in the --format) or `--output FORMAT=FILE`, repeatable."""
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if sep and fmt in FORMATS:
            out.append((fmt, path))
        else:
            out.append((default_fmt, spec))
    from .report.sinks import same_paths

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
    from .report.sinks import AtomicFile, Sink

    stdout = sys.stdout
    files: list[tuple[str, AtomicFile]] = []
    try:
        for f, path in _outputs(output, fmt):
            files.append((f, AtomicFile(path)))
    except BaseException:  # no temporary file left behind by the outputs opened before
        for _, handle in files:
            handle.discard()
        raise
    terminal_fmt = "text" if files else fmt
    sinks = [Sink(terminal_fmt, stdout, policies=policies, lang=lang, explain=explain, style=_style(stdout))]
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
    from .report.sinks import OutputError

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


format_choice = click.Choice(FORMATS)
output_option = click.option("--output", "-o", multiple=True, metavar="[FORMAT=]FILE",
                             help="Also write a report to FILE (repeatable); the terminal then gets text.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=format_choice, default="text", show_default=True)
@output_option
@policies_option
@click.option("--as-of", callback=_parse_date, help="Judge by the rules in force on this date instead of each dossier's start date.")
@click.option("--explain", is_flag=True, help="Show every rule evaluated, the values and parameters it used.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes; the output is the same whatever the number.")
@lang_option
@include_option
@exclude_option
def evaluate(paths: tuple[str, ...], fmt: str, output: tuple[str, ...], policies_dir: str | None,
             as_of: dt.date | None, explain: bool, jobs: int, lang: str, include: tuple[str, ...],
             exclude: tuple[str, ...]) -> None:
    """Judge dossiers (files, directories, `-` for stdin; JSON, YAML or JSON Lines).

    Exit 0 when every dossier is eligible, 1 when some are ineligible or not
    applicable, 2 when some input is invalid or unreadable — in every format.
    """
    from .batch import Options, run, units

    policies = _load(policies_dir)

    def body() -> int:
        from functools import partial

        from .report.sinks import STREAMING, render_record

        options = Options(as_of=as_of, lang=lang, explain=explain)
        # in parallel, the workers render too, when one streaming report is all there is to write
        rendered = jobs > 1 and not output and fmt in STREAMING
        render = partial(render_record, fmt=fmt, lang=lang, explain=explain,
                         style=_style(sys.stdout)) if rendered else None
        decisions_ = run(policies, units(paths, include, exclude), options, jobs, render)
        counts = _run_report(decisions_, fmt, output, policies=policies, lang=lang, explain=explain,
                             rendered=rendered)
        if not sum(counts.values()):
            click.echo("aucun dossier trouvé" if lang == "fr" else "no dossier found", err=True)
            return EXIT_INVALID
        return _exit_code(counts)

    _guarded(body)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=format_choice, default="text", show_default=True)
@output_option
@lang_option
@include_option
@exclude_option
def validate(paths: tuple[str, ...], fmt: str, output: tuple[str, ...], lang: str, include: tuple[str, ...],
             exclude: tuple[str, ...]) -> None:
    """Check dossiers against the JSON Schema only (no rule is evaluated). Exit 0 if all valid, 2 otherwise."""
    from .batch import load_unit, units
    from .dossier import DossierSchema
    from .report.items import items_from_validation
    from .wording import reading_error

    schema = DossierSchema()
    results: list[tuple[str, list[DossierIssue]]] = []
    for unit in units(paths, include, exclude):
        for loaded in load_unit(unit):
            if loaded.error is not None:
                e = loaded.error
                issues = [DossierIssue(e.pointer, reading_error(e.message, lang), e.line, e.column, "document")]
            elif schema.is_valid(loaded.document):
                issues = []
            else:
                issues = [_located(loaded, i) for i in schema.issues(loaded.document, lang)]
            results.append((loaded.source, issues))
    if not results:
        click.echo("aucun dossier trouvé" if lang == "fr" else "no dossier found", err=True)
        raise SystemExit(EXIT_INVALID)
    _write_items("validate", items_from_validation(results), fmt, output, lang)
    raise SystemExit(EXIT_INVALID if any(issues for _, issues in results) else EXIT_OK)


def _located(loaded: Loaded, issue: DossierIssue) -> DossierIssue:
    if issue.line or loaded.text is None:
        return issue
    line, column = locate(loaded.source, loaded.text, issue.pointer, loaded.document)
    return DossierIssue(issue.pointer, issue.message, line, column, issue.keyword)


def _write_items(command: str, items: list[Any], fmt: str, output: tuple[str, ...], lang: str,
                 summary: dict[str, Any] | None = None) -> None:
    """Reports of validate/check/test: the terminal in --format (text when files are written), files atomically."""
    from .report.items import render
    from .report.sinks import AtomicFile, OutputError

    files = _outputs(output, fmt)
    for file_fmt, path in files:
        try:
            handle = AtomicFile(path)
            try:
                handle.handle.write(render(items, file_fmt, tool_command=command, lang=lang, summary=summary))
                handle.commit()
            except BaseException:
                handle.discard()
                raise
        except OutputError as exc:
            click.echo(f"proa-policy: {exc}", err=True)
            raise SystemExit(EXIT_INVALID) from None
    click.echo(render(items, "text" if files else fmt, tool_command=command, lang=lang, summary=summary), nl=False)


# --- the accord ------------------------------------------------------------

def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@main.command()
@click.argument("query", required=False)
@click.option("--sector", help="Keep rows whose sector or sub-sector contains this text.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--as-of", callback=_parse_date, help="Eligibility for a Pro-A starting on this date (default: today).")
@policies_option
@lang_option
def certifications(query: str | None, sector: str | None, fmt: str, as_of: dt.date | None, policies_dir: str | None,
                   lang: str) -> None:
    """Look up the annex by RNCP code or words; say for each row whether it is eligible, and why not.

    Exit 0 when some row matches, 1 when none does.
    """
    policies = _load(policies_dir)
    annex = policies.annex
    day = as_of or dt.date.today()
    extended = annex.sets_at(day)["extended_codes"]
    footnote = annex.article.extension.excluded[0][1] if annex.article.extension.excluded else ""
    rows = list(annex.rows)
    if query:
        q = _fold(query).replace(" ", "")
        words = _fold(query).split()
        if re.fullmatch(r"(rncp)?\d+", q):
            code = "RNCP" + q.removeprefix("rncp")
            rows = [r for r in rows if r.rncp == code]
        else:
            rows = [r for r in rows if all(w in _fold(" ".join(filter(None, (r.sector, r.sub_sector, r.occupation, r.title, r.rncp)))) for w in words)]
    if sector:
        rows = [r for r in rows if _fold(sector) in _fold(r.sector + " " + r.sub_sector)]
    records = []
    for row in rows:
        eligible = row.in_force(day) and row.rncp in extended
        reason = None
        if not row.in_force(day):
            reason = (f"ligne non en vigueur le {day.isoformat()}" if lang == "fr" else f"row not in force on {day.isoformat()}")
        elif not eligible:
            reason = (f"exclue de l'extension ({footnote})" if lang == "fr" else f"excluded from the extension ({footnote})")
        records.append({**row.to_dict(), "eligible": eligible, "reason": reason})
    stream = sys.stdout
    if fmt == "json":
        stream.write(jsonout.dumps(records, pretty=True) + "\n")
    else:
        for r in records:
            level = f"niveau {r['level']}" if r["level"] is not None else "sans niveau"
            status = ("éligible" if lang == "fr" else "eligible") if r["eligible"] else r["reason"]
            stream.write(f"{r['rncp']} ({level}) — {r['title'] or '(sans intitulé)'}\n"
                         f"    {r['sector']} / {r['sub_sector']} / {r['occupation']}\n    → {status}\n")
        stream.write((f"{len(records)} ligne(s) de l'annexe\n" if lang == "fr" else f"{len(records)} annex row(s)\n"))
    stream.flush()  # a closed pipe raises here, inside the command (`_Commands`: 141), not at exit
    raise SystemExit(EXIT_OK if records else EXIT_FINDINGS)


@main.command()
@click.option("--policy", is_flag=True, help="Print the schema of policy files instead of the dossier schema.")
def schema(policy: bool) -> None:
    """Print the dossier JSON Schema (draft 2020-12)."""
    document = load_schema("policy.schema.json" if policy else "dossier.schema.json")
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@main.command()
@policies_option
@click.option("--base", help="A git revision: also check that every changed file bumped its version and the CHANGELOG has an entry.")
@click.option("--format", "fmt", type=format_choice, default="text", show_default=True)
@output_option
def check(policies_dir: str | None, base: str | None, fmt: str, output: tuple[str, ...]) -> None:
    """Lint a policy set: schema, quotes, references, tests, annex consistency. Problems as `file:line: message`.

    Exit 0 when there is no error (warnings allowed), 2 otherwise.
    """
    from .lint import check_policy_set
    from .report.items import items_from_check

    policies = _load(policies_dir)
    problems = check_policy_set(policies, base)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text" and not output:
        for problem in problems:
            click.echo(f"{problem.span}: {problem.severity}: {problem.message}")
        click.echo(f"{policies.manifest.id} {policies.manifest.version}: {len(policies.document.articles)} files, "
                   f"{len(policies.rules)} rules, {len(policies.parameters)} parameters, {len(policies.annex.rows)} "
                   f"annex rows; {errors} error(s), {len(problems) - errors} warning(s)")
    else:
        files = [a.file for a in policies.document.articles]
        _write_items("check", items_from_check(problems, files), fmt, output, "fr")
    raise SystemExit(EXIT_INVALID if errors else EXIT_OK)


@main.command()
@click.argument("target")
@policies_option
def explain(target: str, policies_dir: str | None) -> None:
    """Print an article or a rule: its text, rules, parameters and extension status.

    TARGET is an article (`4`, `3.1`, `annexe`, `préambule`) or a rule id (`art4.training_floor`).
    """
    from .report.explain import render_article, render_rule

    policies = _load(policies_dir)
    rule = next((r for r in policies.rules if r.id == target), None)
    if rule is not None:
        click.echo(render_rule(policies, rule))
        raise SystemExit(EXIT_OK)
    label = target.lower().removeprefix("article").strip().removeprefix("art.").strip()
    label = {"annex": "annexe", "preambule": "préambule"}.get(label, label)
    article = policies.document.article(label)
    if article is None:
        known = ", ".join(a.article for a in policies.document.articles)
        missing = dict(policies.manifest.not_reproduced).get(label)
        click.echo(missing or f"unknown article or rule `{target}` (articles: {known})", err=True)
        raise SystemExit(EXIT_INVALID)
    click.echo(render_article(policies, article, label))
    raise SystemExit(EXIT_OK)


@main.command(name="test")
@policies_option
@click.option("-k", "pattern", help="Run only the cases whose `file::name` contains this text.")
@click.option("--format", "fmt", type=format_choice, default="text", show_default=True)
@output_option
@click.option("--coverage", is_flag=True, help="Report coverage by rule and by parameter boundary.")
@click.option("--coverage-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fail (exit 1) when coverage is below this percentage (implies --coverage).")
def test_command(policies_dir: str | None, pattern: str | None, fmt: str, output: tuple[str, ...], coverage: bool,
                 coverage_threshold: float | None) -> None:
    """Run the policy set's test cases (`tests/*.yaml` beside the policies).

    Exit 0 when every case passes (and coverage meets the threshold), 1 when
    some case fails, 2 when a test file is malformed or the policies don't load.
    """
    from .report.items import items_from_tests
    from .report.testreport import render_json, render_text
    from .testing import load_cases, measure_coverage, run_cases

    policies = _load(policies_dir)
    cases, problems = load_cases(policies.document.root, pattern)
    if problems:
        for problem in problems:
            click.echo(f"{problem.span}: error: {problem.message}", err=True)
        raise SystemExit(EXIT_INVALID)
    if not cases:
        click.echo("no test case found" + (f" for `-k {pattern}`" if pattern else ""), err=True)
        raise SystemExit(EXIT_INVALID)
    results = run_cases(policies, cases)
    measured = measure_coverage(policies, cases) if coverage or coverage_threshold is not None else None
    if fmt in ("text", "json") and not output:
        click.echo((render_text if fmt == "text" else render_json)(results, measured), nl=False)
    else:
        summary = {"coverage_percent": float(measured.percent)} if measured is not None else None
        _write_items("test", items_from_tests(results), fmt, output, "fr", summary=summary)
    failed = sum(not r.passed for r in results)
    below = measured is not None and coverage_threshold is not None and float(measured.percent) < coverage_threshold
    if below:
        click.echo(f"coverage {measured.percent} % is below the threshold of {coverage_threshold} %", err=True)
    raise SystemExit(EXIT_FINDINGS if failed or below else EXIT_OK)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--dossiers", "corpus", multiple=True, help="Also compare the decisions on these dossiers (files, folders, JSON Lines).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@policies_option
def diff(old: str, new: str, corpus: tuple[str, ...], fmt: str, policies_dir: str | None) -> None:
    """Compare two versions of the rules: what changes in the text, and in the decisions.

    OLD and NEW are policy folders, git revisions (`git:REV`, or `git:REV:path`),
    or a patch file (`*.patch`) applied to the --policies set. Exit 0 when both
    versions decide identically on every explored dossier, 1 when decisions change.
    """
    from .batch import load_unit, units
    from .compare import diff_documents
    from .explore import Explorer
    from .report import diffreport
    from .revisions import materialize

    try:
        with materialize(old, default=policies_dir) as old_dir, materialize(new, default=policies_dir) as new_dir:
            old_set, new_set = _load(str(old_dir)), _load(str(new_dir))
            changes = diff_documents(old_set.document, new_set.document)
            read = [loaded for unit in units(corpus) for loaded in load_unit(unit)]
            dossiers = [(loaded.source, loaded.document) for loaded in read if loaded.error is None]
            exploration = Explorer(old_set, new_set).run(dossiers)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{problem.span}: error: {problem.message}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    render = {"text": diffreport.render_text, "markdown": diffreport.render_markdown, "json": diffreport.render_json}[fmt]
    click.echo(render(old, new, changes, exploration), nl=False)
    unreadable = [loaded for loaded in read if loaded.error is not None]
    for loaded in unreadable:  # a dossier that could not be compared is said, never dropped
        click.echo(f"{loaded.source}: error: {loaded.error.message}", err=True)
    raise SystemExit(EXIT_INVALID if unreadable else EXIT_FINDINGS if exploration.changed else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
