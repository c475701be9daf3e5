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

VERDICT_LABELS = {
    "fr": {ELIGIBLE: "ÉLIGIBLE", INCOMPLETE: "À COMPLÉTER", INELIGIBLE: "INÉLIGIBLE",
           NOT_APPLICABLE: "NON APPLICABLE", INVALID: "INVALIDE"},
    "en": {ELIGIBLE: "ELIGIBLE", INCOMPLETE: "TO COMPLETE", INELIGIBLE: "INELIGIBLE",
           NOT_APPLICABLE: "NOT APPLICABLE", INVALID: "INVALID"},
}
VERDICT_COLORS = {ELIGIBLE: "green", INCOMPLETE: "cyan", INELIGIBLE: "red", NOT_APPLICABLE: "yellow",
                  INVALID: "magenta"}
STATUS_MARKS = {"passed": "✓", "failed": "✗", "not_reached": "·", "error": "!"}
STATUS_WORDS = {
    "fr": {
        "passed": "respectée",
        "failed": "non respectée",
        "not_reached": "non atteinte",
        "error": "non évaluable",
    },
    "en": {"passed": "passed", "failed": "failed", "not_reached": "not reached", "error": "error"},
}
WORDS = {
    "fr": {
        "ceiling": "plafond de prise en charge",
        "ceiling_if": "plafond de prise en charge qui s'appliquerait si le dossier était éligible",
        "todo": "le dossier respecte l'accord ; reste à faire, dans l'ordre :",
        "todo_also": "formalités à accomplir aussi :",
        "requested": "montant demandé",
        "warning": "avertissement",
        "error": "erreur",
        "trace": "règles évaluées :",
        "reads": "lit",
        "uses": "paramètre",
        "in_force": "en vigueur depuis le",
        "article": "article",
        "annex": "annexe",
        "summary": (
            "{n} dossier(s) : {eligible} éligible(s), {incomplete} à compléter, {ineligible} inéligible(s), "
            "{not_applicable} non applicable(s), {invalid} invalide(s)"
        ),
    },
    "en": {
        "ceiling": "funding ceiling",
        "ceiling_if": "funding ceiling that would apply if the dossier were eligible",
        "todo": "the dossier meets the accord; still to do, in order:",
        "todo_also": "formalities also to complete:",
        "requested": "requested amount",
        "warning": "warning",
        "error": "error",
        "trace": "rules evaluated:",
        "reads": "reads",
        "uses": "parameter",
        "in_force": "in force since",
        "article": "article",
        "annex": "annex",
        "summary": (
            "{n} dossier(s): {eligible} eligible, {incomplete} to complete, {ineligible} ineligible, "
            "{not_applicable} not applicable, {invalid} invalid"
        ),
    },
}


def _label(article: str, lang: str) -> str:
    words = WORDS[lang]
    return words["annex"] if article == "annexe" else f"{words['article']} {article}"


def render_decision(decision: Decision, *, lang: str = "fr", explain: bool = False, style: Any = None) -> str:
    """`style(text, fg=..., bold=...)` colours when given (click.style on a terminal)."""
    paint = style or (lambda text, **_: text)
    words = WORDS[lang]
    verdict = VERDICT_LABELS[lang][decision.verdict]
    head = esc(decision.source) if decision.source else "<dossier>"
    if decision.dossier_id:
        head += f" [{esc(decision.dossier_id)}]"
    lines = [f"{head}: {paint(verdict, fg=VERDICT_COLORS[decision.verdict], bold=True)}"]
    for error in decision.errors:
        where = esc(error.pointer or "/")
        if error.line:
            where += (
                f" (ligne {error.line}, colonne {error.column})"
                if lang == "fr"
                else f" (line {error.line}, column {error.column})"
            )
        lines.append(
            f"  {paint('✗', fg='magenta')} {words['error']} {where} : {esc(error.message)}"
            if lang == "fr"
            else f"  {paint('✗', fg='magenta')} {words['error']} {where}: {esc(error.message)}"
        )
    steps = [v for v in decision.violations if v.kind == FORMALITY and v.evaluation_error is None]
    for violation in decision.violations:
        if violation not in steps:
            lines.append(
                f"  {paint('✗', fg='red')} {_label(violation.article, lang)} · {esc(violation.rule)} — "
                f"{esc(violation.message)}"
            )
    if steps:
        lines.append(f"  {words['todo'] if decision.verdict == INCOMPLETE else words['todo_also']}")
        for number, step in enumerate(steps, 1):
            mark = paint(f"{number}.", fg="cyan")
            lines.append(f"    {mark} {_label(step.article, lang)} · {esc(step.rule)} — {esc(step.message)}")
    for warning in decision.warnings:
        lines.append(
            f"  {paint('!', fg='yellow')} {_label(warning.article, lang)} · {esc(warning.rule)} —"
            f" {words['warning']} : {esc(warning.message)}"
            if lang == "fr"
            else (
                f"  {paint('!', fg='yellow')} {_label(warning.article, lang)} · {esc(warning.rule)} —"
                f" {words['warning']}: {esc(warning.message)}"
            )
        )
    ceiling = decision.funding.get("ceiling_eur")
    if ceiling is not None:
        sep = " : " if lang == "fr" else ": "
        what = words["ceiling"] if decision.verdict == ELIGIBLE else words["ceiling_if"]
        line = f"  {what}{sep}{format_money(ceiling, lang)}"
        requested = decision.funding.get("requested_amount")
        if requested is not None:
            line += f" ({words['requested']}{sep}{format_money(requested, lang)})"
        lines.append(line)
    if explain and decision.results:
        lines.append(f"  {words['trace']}")
        for result in decision.results:
            mark = STATUS_MARKS[result.status]
            status = STATUS_WORDS[lang][result.status]
            sep = " : " if lang == "fr" else ": "
            lines.append(
                f"    {mark} {esc(result.rule)} ({_label(result.article, lang)}) —"
                f" {status}{sep}{esc(result.title)}"
            )
            for value in result.values:
                where = f" {esc(value.pointer)}" if value.pointer else ""
                lines.append(
                    f"        {words['reads']} {esc(value.name)}{where} ="
                    f" {esc(format_value(value.value, lang))}"
                )
            for param in result.parameters:
                lines.append(
                    f"        {words['uses']} {esc(param.name)} = {esc(format_value(param.value, lang))}"
                    f" ({words['in_force']} {format_value(param.effective_from, lang)} ;"
                    f" {esc(param.citation)})"
                )
            lines.append(f"        « {esc(result.quote)} »")
            if result.interpretation:
                lines.append(f"        interprétation : {esc(result.interpretation)}" if lang == "fr"
                             else f"        interpretation: {esc(result.interpretation)}")
    return "\n".join(lines)


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
    return WORDS[lang]["summary"].format(n=sum(counts.values()), **{k: counts.get(k, 0) for k in VERDICTS})
