"""GitHub Actions workflow commands: one `::error`/`::warning` line per schema error, violation and warning.

    ::error file=PATH,line=L,col=C,title=TITLE::MESSAGE

Escaping follows the runner's rules (actions/toolkit `command.ts`): in the
message `%`, CR and LF are percent-encoded; in a property `:` and `,` too; other
control characters are shown as text (report/escape.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from proa_policy.engine.decision import ELIGIBLE, Decision
from proa_policy.report.escape import github_data, github_property
from proa_policy.report.sarif import level, position
from proa_policy.report.text import verdict_in_capitals
from proa_policy.wording import article_label as label, say

if TYPE_CHECKING:
    from proa_policy.engine.policyset import PolicySet

escape_data, escape_property = github_data, github_property  # the names this module has always had


def command(kind: str, message: str, *, file: str, line: int = 0, column: int = 0, title: str = "") -> str:
    """One workflow command line; `line`/`col` only when known (a column without a line means nothing)."""
    props = [("file", file)]
    if line:
        props.append(("line", str(line)))
        if column:
            props.append(("col", str(column)))
    if title:
        props.append(("title", title))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{kind} {joined}::{escape_data(message)}"


def _line(kind: str, decision: Decision, item: Any, title: str, message: str) -> str:
    path, line, column = position(decision, item)
    if decision.dossier_id:
        message = f"{decision.dossier_id}: {message}"
    return command(kind, message, file=path, line=line, column=column, title=title)


def _lines(decision: Decision, lang: str) -> Iterable[str]:
    for error in decision.errors:
        title = f"{say('report.schema', lang)} · {error.pointer or '/'}"
        yield _line("error", decision, error, title, error.message)
    for finding in decision.violations:
        kind = "error" if finding.evaluation_error is not None else level(finding.kind)
        title = f"{label(finding.article, lang)} · {finding.rule}"
        yield _line(kind, decision, finding, title, finding.message)
    for finding in decision.warnings:
        yield _line(
            "warning", decision, finding, f"{label(finding.article, lang)} · {finding.rule}", finding.message
        )
    if decision.verdict != ELIGIBLE and not decision.errors and not decision.violations:
        # A failing verdict must show in the run even if nothing explains it (it should not happen).
        verdict = verdict_in_capitals(decision.verdict, lang)
        yield _line("error", decision, None, verdict, say("report.error", lang) + ": " + verdict)


def render(decisions: Iterable[Decision], policies: PolicySet, lang: str = "fr") -> str:
    """All the commands, one per line, in input order; empty when every dossier is clean."""
    return "".join(line + "\n" for decision in decisions for line in _lines(decision, lang))
