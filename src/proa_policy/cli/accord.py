"""Reading the accord: `certifications` (the annex), `explain` (an article or a rule), `schema`."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from proa_policy.cli.common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, load_policy_set
from proa_policy.cli.options import lang_option, parse_date, policies_option
from proa_policy.report import jsonout
from proa_policy.resources import load_schema
from proa_policy.wording import say


@click.command()
@click.argument("query", required=False)
@click.option("--sector", help="Keep rows whose sector or sub-sector contains this text.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--as-of", callback=parse_date,
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

    policies = load_policy_set(policies_dir)
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
    stream.flush()  # a closed pipe raises here, inside the command (the group: 141), not at exit
    raise SystemExit(EXIT_OK if records else EXIT_FINDINGS)


@click.command()
@click.argument("target")
@policies_option
@lang_option
def explain(target: str, policies_dir: str | None, lang: str) -> None:
    """Print an article or a rule: its text, rules, parameters and extension status.

    TARGET is an article (`4`, `3.1`, `annexe`, `préambule`) or a rule id (`art4.training_floor`).
    """
    from proa_policy.report.explain import french_notice, render_article, render_rule

    policies = load_policy_set(policies_dir)
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


@click.command()
@click.option(
    "--policy", is_flag=True, help="Print the schema of policy files instead of the dossier schema."
)
def schema(policy: bool) -> None:
    """Print the dossier JSON Schema (draft 2020-12)."""
    document = load_schema("policy.schema.json" if policy else "dossier.schema.json")
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
