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
from proa_policy.report.sarif import STDIN_NAME, label
from proa_policy.report.text import VERDICT_LABELS, WORDS

if TYPE_CHECKING:
    from proa_policy.engine.policyset import PolicySet

MARKS = {ELIGIBLE: "✅", INCOMPLETE: "📝", INELIGIBLE: "❌", NOT_APPLICABLE: "➖", INVALID: "⛔"}
TEXTS = {
    "fr": {"columns": ("dossier", "id", "verdict", "violations", "plafond"), "details": "Détails",
           "schema": "schéma : {n} erreur(s)", "where": " (ligne {line}, colonne {column})", "sep": " : "},
    "en": {"columns": ("dossier", "id", "verdict", "violations", "ceiling"), "details": "Details",
           "schema": "schema: {n} error(s)", "where": " (line {line}, column {column})", "sep": ": "},
}
def _cell(text: str) -> str:
    # GitHub splits a row on every unescaped `|`, even inside a code span.
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _title(decision: Decision) -> str:
    return decision.source if decision.source not in (None, "-") else STDIN_NAME


def _violations(decision: Decision, lang: str) -> str:
    if decision.errors:
        return TEXTS[lang]["schema"].format(n=len(decision.errors))
    return ", ".join(f"{code(v.rule)} ({label(v.article, lang)})" for v in decision.violations) or "—"


def _row(decision: Decision, lang: str) -> str:
    ceiling = decision.funding.get("ceiling_eur")
    cells = (
        escape(_title(decision)),
        escape(decision.dossier_id or "—"),
        f"{MARKS[decision.verdict]} {VERDICT_LABELS[lang][decision.verdict]}",
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
        text += " (s'appliquerait)" if lang == "fr" else " (would apply)"
    return escape(text)


def _details(decision: Decision, lang: str) -> list[str]:
    words, texts = WORDS[lang], TEXTS[lang]
    head = escape(_title(decision)) + (f" · {escape(decision.dossier_id)}" if decision.dossier_id else "")
    lines = [f"#### {head} — {VERDICT_LABELS[lang][decision.verdict]}", ""]
    for error in decision.errors:
        where = code(error.pointer or "/")
        if error.line:
            where += texts["where"].format(line=error.line, column=error.column)
        lines.append(f"- ⛔ {words['error']} {where}{texts['sep']}{message(error.message)}")
    for v in decision.violations:
        mark = MARKS[INCOMPLETE] if v.kind == FORMALITY and v.evaluation_error is None else MARKS[INELIGIBLE]
        lines.append(f"- {mark} {label(v.article, lang)} · {code(v.rule)} — {message(v.message)}")
    for w in decision.warnings:
        lines.append(f"- ⚠️ {label(w.article, lang)} · {code(w.rule)} — "
                     f"{words['warning']}{texts['sep']}{message(w.message)}")
    return lines + [""]


def render(decisions: Iterable[Decision], policies: PolicySet, lang: str = "fr") -> str:
    """The summary as Markdown text ending with a newline."""
    decisions = list(decisions)
    texts = TEXTS[lang]
    counts = {verdict: sum(d.verdict == verdict for d in decisions) for verdict in VERDICTS}
    lines = [f"## proa-policy — {escape(policies.manifest.id)} {escape(policies.manifest.version)}", ""]
    lines += [f"- {MARKS[v]} {VERDICT_LABELS[lang][v]}{texts['sep']}{counts[v]}" for v in reversed(VERDICTS)]
    lines += ["", "| " + " | ".join(texts["columns"]) + " |", "|---|---|---|---|---:|"]
    lines += [_row(d, lang) for d in decisions]
    explained = [d for d in decisions if d.verdict != ELIGIBLE or d.warnings]
    if explained:
        lines += ["", f"### {texts['details']}", ""]
        for decision in explained:
            lines += _details(decision, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
