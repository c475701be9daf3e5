"""`proa-policy check` and `proa-policy test`: for the authors of a policy set (lint, its test cases)."""

from __future__ import annotations

import click

from proa_policy.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, load_policy_set, write_report
from proa_policy.cli.options import format_option, lang_option, output_option, policies_option
from proa_policy.engine.policyset import PolicySet
from proa_policy.errors import PolicyProblem
from proa_policy.report import formats
from proa_policy.report.escape import text as esc


@click.command()
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
    from proa_policy.amend.baseline import check_against_base
    from proa_policy.authoring.lint import check_policy_set
    from proa_policy.report.items import items_from_check

    policies = load_policy_set(policies_dir)
    problems = check_policy_set(policies, check_against_base(policies, base) if base else [])
    errors = sum(p.severity == "error" for p in problems)
    files = [a.file for a in policies.document.articles]
    native = (problems, _headline(policies, problems, errors))
    report = formats.Report("check", items_from_check(problems, files), lang, native=native)
    write_report(report, fmt, output)
    raise SystemExit(EXIT_INVALID if errors else EXIT_OK)


def _headline(policies: PolicySet, problems: list[PolicyProblem], errors: int) -> str:
    """The first line of `check`'s text report: what the set holds, how many problems it has."""
    manifest = policies.manifest
    return (
        f"{manifest.id} {manifest.version}: {len(policies.document.articles)} files, "
        f"{len(policies.rules)} rules, {len(policies.parameters)} parameters, "
        f"{len(policies.annex.rows)} annex rows; {errors} error(s), {len(problems) - errors} warning(s)"
    )


@click.command(name="test")
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

    policies = load_policy_set(policies_dir)
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
    write_report(report, fmt, output)
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
