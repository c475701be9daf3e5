"""A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY` (GitHub-flavoured tables).

Heading, one count line per verdict, a table with a row per dossier, then
the messages of every dossier that is not eligible or has warnings. Every value
is escaped where it enters (report/escape.py): it may not open HTML, emphasis,
links or a new cell.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from proa_policy.engine.decision import (
    ELIGIBLE,
    INCOMPLETE,
    INELIGIBLE,
    INVALID,
    NOT_APPLICABLE,
    VERDICTS,
    Decision,
)
from proa_policy.engine.messages import format_money
from proa_policy.policy.model import FORMALITY
from proa_policy.report.escape import markdown as escape, markdown_code as code, markdown_message as message
from proa_policy.report.sarif import STDIN_NAME
from proa_policy.report.text import at, verdict_in_capitals
from proa_policy.wording import article_label as label, say

if TYPE_CHECKING:
    from proa_policy.engine.policyset import PolicySet

MARKS = {ELIGIBLE: "✅", INCOMPLETE: "📝", INELIGIBLE: "❌", NOT_APPLICABLE: "➖", INVALID: "⛔"}


def _cell(text: str) -> str:
    # GitHub splits a row on every unescaped `|`, even inside a code span.
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _title(decision: Decision) -> str:
    return decision.source if decision.source not in (None, "-") else STDIN_NAME


def _violations(decision: Decision, lang: str) -> str:
    if decision.errors:
        return say("report.md.schema", lang, n=len(decision.errors))
    return ", ".join(f"{code(v.rule)} ({label(v.article, lang)})" for v in decision.violations) or "—"


def _row(decision: Decision, lang: str) -> str:
    ceiling = decision.funding.get("ceiling_eur")
    cells = (
        escape(_title(decision)),
        escape(decision.dossier_id or "—"),
        f"{MARKS[decision.verdict]} {verdict_in_capitals(decision.verdict, lang)}",
        _violations(decision, lang),
        _ceiling(decision, ceiling, lang),
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _ceiling(decision: Decision, ceiling: object, lang: str) -> str:
    """The ceiling of a dossier that is not eligible is one that would apply, not funding granted."""
    if ceiling is None:
        return "—"
    text = format_money(ceiling, lang)  # type: ignore[arg-type]
    if decision.verdict != ELIGIBLE:
        text += f" ({say('report.would_apply', lang)})"
    return escape(text)


def _details(decision: Decision, lang: str) -> list[str]:
    colon = say("report.colon", lang)
    head = escape(_title(decision)) + (f" · {escape(decision.dossier_id)}" if decision.dossier_id else "")
    lines = [f"#### {head} — {verdict_in_capitals(decision.verdict, lang)}", ""]
    for error in decision.errors:
        where = code(error.pointer or "/") + (at(error.line, error.column, lang) if error.line else "")
        lines.append(f"- ⛔ {say('report.error', lang)} {where}{colon}{message(error.message)}")
    for v in decision.violations:
        mark = MARKS[INCOMPLETE] if v.kind == FORMALITY and v.evaluation_error is None else MARKS[INELIGIBLE]
        lines.append(f"- {mark} {label(v.article, lang)} · {code(v.rule)} — {message(v.message)}")
    for w in decision.warnings:
        lines.append(f"- ⚠️ {label(w.article, lang)} · {code(w.rule)} — "
                     f"{say('report.warning', lang)}{colon}{message(w.message)}")
    return lines + [""]


def render(decisions: Iterable[Decision], policies: PolicySet, lang: str = "fr") -> str:
    """The summary as Markdown text ending with a newline."""
    decisions = list(decisions)
    colon = say("report.colon", lang)
    counts = {verdict: sum(d.verdict == verdict for d in decisions) for verdict in VERDICTS}
    lines = [f"## proa-policy — {escape(policies.manifest.id)} {escape(policies.manifest.version)}", ""]
    lines += [f"- {MARKS[v]} {verdict_in_capitals(v, lang)}{colon}{counts[v]}" for v in reversed(VERDICTS)]
    lines += ["", f"| {say('report.md.columns', lang)} |", "|---|---|---|---|---:|"]
    lines += [_row(d, lang) for d in decisions]
    explained = [d for d in decisions if d.verdict != ELIGIBLE or d.warnings]
    if explained:
        lines += ["", f"### {say('report.details', lang)}", ""]
        for decision in explained:
            lines += _details(decision, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
