"""`proa-policy rulebook`: write the static rulebook site into a folder (a lazy command of the group)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from proa_policy.cli.common import EXIT_INVALID, EXIT_OK, load_policy_set
from proa_policy.cli.options import parse_date, policies_option
from proa_policy.wording import say


@click.command()
@click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False),
              help="Folder to write the site into (created if needed; only the site's files are replaced).")
@policies_option
@click.option("--as-of", callback=parse_date,
              help="Show the parameter values and rules in force on this date.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the tool's own words (the accord's text stays in French).")
def rulebook(output: str, policies_dir: str | None, as_of: dt.date | None, lang: str) -> None:
    """Write the rulebook: the accord's text with each rule beside the sentence it quotes, as a static site.

    Opens from the file system (index.html); nothing refers outside the folder.
    Exit 0 when written, 2 when the policy set does not load or the folder cannot be written.
    """
    from proa_policy.authoring.cases import load_cases
    from proa_policy.rulebook.site import render_site, write_site

    policies = load_policy_set(policies_dir)
    for problem in load_cases(policies.document.root)[1]:  # the examples of a broken test file are left out
        click.echo(f"{problem.span}: warning: {problem.message} (its cases are not in the worked examples)",
                   err=True)
    target = Path(output)
    if target.exists() and not target.is_dir():
        click.echo(f"proa-policy: `{output}` is not a folder", err=True)
        raise SystemExit(EXIT_INVALID)
    try:
        written = write_site(render_site(policies, as_of, lang), target)
    except OSError as exc:
        click.echo(f"proa-policy: cannot write `{output}`: {exc.strerror or exc}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    index = target / "index.html"
    click.echo(say("rulebook.written", lang, count=len(written), folder=output, index=index))
    raise SystemExit(EXIT_OK)
