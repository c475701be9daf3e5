"""The human report: one block per dossier, verdict first, then why, article by article."""

from __future__ import annotations

from typing import Any

from proa_policy.engine.decision import (
    ELIGIBLE,
    INCOMPLETE,
    INELIGIBLE,
    INVALID,
    NOT_APPLICABLE,
    VERDICTS,
    Decision,
)
from proa_policy.engine.messages import format_money, format_value
from proa_policy.policy.model import FORMALITY
from proa_policy.report.escape import text as esc
from proa_policy.wording import article_label as label, say, verdict_label

VERDICT_COLORS = {ELIGIBLE: "green", INCOMPLETE: "cyan", INELIGIBLE: "red", NOT_APPLICABLE: "yellow",
                  INVALID: "magenta"}
STATUS_MARKS = {"passed": "✓", "failed": "✗", "not_reached": "·", "error": "!"}


def verdict_in_capitals(verdict: str, lang: str) -> str:
    """A verdict as the reports write it: its one name (wording.VERDICT_LABELS) in capitals."""
    return verdict_label(verdict, lang).upper()


def at(line: int, column: int, lang: str) -> str:
    """` (ligne 3, colonne 5)`: where in its file a dossier's error is."""
    return f" ({say('report.at', lang, line=line, column=column)})"


def render_decision(decision: Decision, *, lang: str = "fr", explain: bool = False, style: Any = None) -> str:
    """`style(text, fg=..., bold=...)` colours when given (click.style on a terminal)."""
    paint = style or (lambda text, **_: text)
    colon = say("report.colon", lang)
    verdict = verdict_in_capitals(decision.verdict, lang)
    head = esc(decision.source) if decision.source else "<dossier>"
    if decision.dossier_id:
        head += f" [{esc(decision.dossier_id)}]"
    lines = [f"{head}: {paint(verdict, fg=VERDICT_COLORS[decision.verdict], bold=True)}"]
    for error in decision.errors:
        where = esc(error.pointer or "/") + (at(error.line, error.column, lang) if error.line else "")
        mark = paint("✗", fg="magenta")
        lines.append(f"  {mark} {say('report.error', lang)} {where}{colon}{esc(error.message)}")
    steps = [v for v in decision.violations if v.kind == FORMALITY and v.evaluation_error is None]
    for violation in decision.violations:
        if violation not in steps:
            lines.append(
                f"  {paint('✗', fg='red')} {label(violation.article, lang)} · {esc(violation.rule)} — "
                f"{esc(violation.message)}"
            )
    if steps:
        todo = "report.todo" if decision.verdict == INCOMPLETE else "report.todo_also"
        lines.append("  " + say(todo, lang))
        for number, step in enumerate(steps, 1):
            mark = paint(f"{number}.", fg="cyan")
            lines.append(f"    {mark} {label(step.article, lang)} · {esc(step.rule)} — {esc(step.message)}")
    for warning in decision.warnings:
        lines.append(
            f"  {paint('!', fg='yellow')} {label(warning.article, lang)} · {esc(warning.rule)} —"
            f" {say('report.warning', lang)}{colon}{esc(warning.message)}"
        )
    lines += _funding(decision, lang)
    if explain and decision.results:
        lines += _trace(decision, lang)
    return "\n".join(lines)


def _funding(decision: Decision, lang: str) -> list[str]:
    ceiling = decision.funding.get("ceiling_eur")
    if ceiling is None:
        return []
    colon = say("report.colon", lang)
    what = say("report.ceiling" if decision.verdict == ELIGIBLE else "report.ceiling_if", lang)
    line = f"  {what}{colon}{format_money(ceiling, lang)}"
    requested = decision.funding.get("requested_amount")
    if requested is not None:
        line += f" ({say('report.requested', lang)}{colon}{format_money(requested, lang)})"
    return [line]


def _trace(decision: Decision, lang: str) -> list[str]:
    """Every rule evaluated, with the values it read and the parameters it used (`--explain`)."""
    colon = say("report.colon", lang)
    lines = ["  " + say("report.trace", lang)]
    for result in decision.results:
        status = say(f"report.status.{result.status}", lang)
        lines.append(
            f"    {STATUS_MARKS[result.status]} {esc(result.rule)} ({label(result.article, lang)}) —"
            f" {status}{colon}{esc(result.title)}"
        )
        for value in result.values:
            where = f" {esc(value.pointer)}" if value.pointer else ""
            lines.append(
                f"        {say('report.reads', lang)} {esc(value.name)}{where} ="
                f" {esc(format_value(value.value, lang))}"
            )
        for param in result.parameters:
            shown = esc(format_value(param.value, lang))
            lines.append(
                f"        {say('report.uses', lang)} {esc(param.name)} = {shown}"
                f" ({say('report.in_force', lang)} {format_value(param.effective_from, lang)} ;"
                f" {esc(param.citation)})"
            )
        lines.append(f"        « {esc(result.quote)} »")
        if result.interpretation:
            lines.append(f"        {say('report.interpretation', lang)}{colon}{esc(result.interpretation)}")
    return lines


#: A text report of more dossiers than this opens with its summary line as well as ending with it.
LONG_RUN = 20


class SummaryFirst:
    """A text report's records held back until the run's counts are known, so a long report opens with them.

    The records go to a spooled temporary file (memory up to 1 MiB, then disk):
    the report appears when the run ends, at the cost of not streaming.
    """

    def __init__(self, stream: Any):
        import tempfile

        self.stream, self.records = stream, 0
        self.spool = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8",
                                                   errors="surrogatepass", newline="")

    def write(self, text: str) -> None:
        self.records += 1
        self.spool.write(text)

    def finish(self, summary: str, tail: str | None = None) -> None:
        import shutil

        if self.records > LONG_RUN:
            self.stream.write(summary + "\n")
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.stream)
        self.spool.close()
        self.stream.write(summary + "\n" + (tail + "\n" if tail else ""))

    def flush(self) -> None:
        self.stream.flush()


def render_summary(counts: dict[str, int], lang: str = "fr") -> str:
    return say("report.summary", lang, n=sum(counts.values()), **{k: counts.get(k, 0) for k in VERDICTS})
