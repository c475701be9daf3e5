"""`proa-policy diff`: two versions of the rules compared, in their text and in their decisions."""

from __future__ import annotations

import click

from proa_policy.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, load_policy_set, write_report
from proa_policy.cli.options import format_option, output_option, policies_option
from proa_policy.errors import PolicyError
from proa_policy.report import formats
from proa_policy.report.escape import text as esc


@click.command()
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
            old_set, new_set = load_policy_set(str(old_dir)), load_policy_set(str(new_dir))
            changes = diff_documents(old_set.document, new_set.document)
            read = [loaded for unit in units(corpus) for loaded in load_unit(unit)]
            dossiers = [(loaded.source, loaded.document) for loaded in read if loaded.error is None]
            exploration = Explorer(old_set, new_set).run(dossiers)
    except PolicyError as exc:
        for problem in exc.problems:
            click.echo(f"{esc(problem.span)}: error: {esc(problem.message)}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    write_report(
        formats.DiffReport(old, new, changes, exploration, old_set, new_set, lang), fmt, output, "diff"
    )
    unreadable = [loaded for loaded in read if loaded.error is not None]
    for loaded in unreadable:  # a dossier that could not be compared is said, never dropped, in --lang
        message = reading_error(loaded.error.message, lang, loaded.error)
        click.echo(f"{esc(loaded.source)}: error: {esc(message)}", err=True)
    raise SystemExit(EXIT_INVALID if unreadable else EXIT_FINDINGS if exploration.changed else EXIT_OK)
