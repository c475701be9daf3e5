"""`proa-policy explain`: an article or a rule as a reviewer reads it.

The tool's words come from the catalogue (wording/) in `--lang`; the accord's text, titles and quotes stay
French, and an English report says so once, at the top. A rule's `title_en`/`interpretation_en`, when the
policy file gives them, are used in English.
"""

from __future__ import annotations

import textwrap

from proa_policy.policy.dependencies import rule_reads
from proa_policy.engine.messages import format_money, format_value
from proa_policy.engine.policyset import PolicySet
from proa_policy.policy.model import Article, Extension, Rule
from proa_policy.wording import accord_notice, say, translated
from proa_policy.report.escape import text as esc, text_block as esc_block


def _extension(ext: Extension, lang: str) -> list[str]:
    status = say(f"extension.{ext.status}", lang)
    lines = [say("explain.extension", lang, status=status, citation=esc(ext.citation))]
    lines += [say("explain.excluded", lang, text=esc(text), note=esc(note)) for text, note in ext.excluded]
    lines += [
        say("explain.reserved", lang, text=esc(text), note=esc(note)) for text, note in ext.reservations
    ]
    return lines


def _amount(unit: str, value: object, lang: str) -> str:
    """A parameter's value; money the one French way (docs/semantics.md)."""
    if unit == "eur":
        return format_money(value, lang)  # type: ignore[arg-type]
    if unit == "eur_per_hour":
        return format_money(value, lang) + say("explain.per_hour", lang)  # type: ignore[arg-type]
    return format_value(value, lang)


def render_rule(policies: PolicySet, rule: Rule, lang: str = "fr") -> str:
    lines = [
        f"{esc(rule.id)} — {esc(translated(rule.title, rule.title_en, lang))}",
        f"article {esc(rule.article)} · {esc(rule.kind)} · {esc(rule.span)}",
        f"  « {esc(rule.quote)} »",
    ]
    if rule.when:
        lines.append(say("explain.when", lang, text=esc(rule.when)))
    lines.append(say("explain.condition", lang, text=esc(rule.condition)))
    if rule.interpretation:
        interpretation = translated(rule.interpretation, rule.interpretation_en, lang)
        lines.append(say("explain.interpretation", lang, text=esc(interpretation)))
    used = rule_reads(rule).params  # through the syntax tree: `param.a` is not `param.a_b`
    for name, param in policies.parameters.items():
        if name in used:
            for value in param.values:
                lines.append(say("explain.rule_parameter", lang, name=esc(name),
                                 value=esc(_amount(param.unit, value.value, lang)),
                                 start=format_value(value.start, lang), citation=esc(value.citation)))
    return "\n".join(lines)


def render_article(policies: PolicySet, article: Article, label: str, lang: str = "fr") -> str:
    title = article.title
    text = article.text
    if label != article.article:
        section = next(s for s in article.sections if s.article == label)
        title, text = section.title, section.text
    shown, title = esc(label), esc(title)
    heading = (say("explain.article", lang, label=shown, title=title) if label not in ("annexe", "préambule")
               else f"{shown.capitalize()} — {title}")
    lines = [heading, say("explain.version", lang, version=esc(article.version),
                          start=format_value(article.effective_from, lang), file=esc(article.file))]
    lines += _extension(article.extension, lang)
    lines.append("")
    body = text if label != article.article else article.text_of(label) or ""
    if article.kind == "annex":
        body = article.text + "\n\n" + say("explain.annex_rows", lang, count=len(policies.annex.rows))
    lines += [textwrap.indent(esc_block(body), "  "), ""]
    if article.notes:
        lines += [say("explain.note", lang, text=esc(article.notes)), ""]
    for param in article.parameters:
        for value in param.values:
            lines.append(say("explain.parameter", lang, name=esc(param.name), label=esc(param.label),
                             value=esc(_amount(param.unit, value.value, lang)),
                             start=format_value(value.start, lang), citation=esc(value.citation)))
    for rule in article.rules:
        if label == article.article or rule.article == label:
            lines += ["", render_rule(policies, rule, lang)]
    if article.not_checked:  # said, not invented: docs/semantics.md « Ce que ces règles ne vérifient pas »
        lines += ["", say("explain.not_checked", lang)]
        for item in article.not_checked:
            lines += [
                f"  – {esc(item.requirement)}",
                say("explain.not_checked_why", lang, text=esc(item.reason)),
            ]
    return "\n".join(lines).rstrip() + "\n"


def french_notice(lang: str) -> str:
    """Said once at the top of a report that is not in French: the accord's words are."""
    notice = accord_notice(lang)
    return notice + "\n" if notice else ""
