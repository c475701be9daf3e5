"""`proa-policy explain`: an article or a rule as a reviewer reads it.

The tool's words come from the catalogue (wording.py) in `--lang`; the accord's text, titles and quotes stay
French, and an English report says so once, at the top. A rule's `title_en`/`interpretation_en`, when the
policy file gives them, are used in English.
"""

from __future__ import annotations

import textwrap

from ..dependencies import rule_reads
from ..engine import PolicySet, format_value
from ..model import Article, Extension, Rule
from ..wording import say



def _extension(ext: Extension, lang: str) -> list[str]:
    status = say(f"extension.{ext.status}", lang)
    lines = [say("explain.extension", lang, status=status, citation=ext.citation)]
    lines += [say("explain.excluded", lang, text=text, note=note) for text, note in ext.excluded]
    lines += [say("explain.reserved", lang, text=text, note=note) for text, note in ext.reservations]
    return lines


def _title(rule: Rule, lang: str) -> str:
    return rule.title_en or rule.title if lang == "en" else rule.title


def _interpretation(rule: Rule, lang: str) -> str:
    return rule.interpretation_en or rule.interpretation if lang == "en" else rule.interpretation


def render_rule(policies: PolicySet, rule: Rule, lang: str = "fr") -> str:
    lines = [f"{rule.id} — {_title(rule, lang)}", f"article {rule.article} · {rule.kind} · {rule.span}",
             f"  « {rule.quote} »"]
    if rule.when:
        lines.append(say("explain.when", lang, text=rule.when))
    lines.append(say("explain.condition", lang, text=rule.condition))
    if rule.interpretation:
        lines.append(say("explain.interpretation", lang, text=_interpretation(rule, lang)))
    used = rule_reads(rule).params  # through the syntax tree: `param.a` is not `param.a_b`
    for name, param in policies.parameters.items():
        if name in used:
            for value in param.values:
                lines.append(say("explain.rule_parameter", lang, name=name,
                                 value=format_value(value.value, lang), start=format_value(value.start, lang),
                                 citation=value.citation))
    return "\n".join(lines)


def render_article(policies: PolicySet, article: Article, label: str, lang: str = "fr") -> str:
    title = article.title
    text = article.text
    if label != article.article:
        section = next(s for s in article.sections if s.article == label)
        title, text = section.title, section.text
    heading = (say("explain.article", lang, label=label, title=title) if label not in ("annexe", "préambule")
               else f"{label.capitalize()} — {title}")
    lines = [heading, say("explain.version", lang, version=article.version,
                          start=format_value(article.effective_from, lang), file=article.file)]
    lines += _extension(article.extension, lang)
    lines.append("")
    body = text if label != article.article else article.text_of(label) or ""
    if article.kind == "annex":
        body = article.text + "\n\n" + say("explain.annex_rows", lang, count=len(policies.annex.rows))
    lines += [textwrap.indent(body, "  "), ""]
    if article.notes:
        lines += [say("explain.note", lang, text=article.notes), ""]
    for param in article.parameters:
        for value in param.values:
            lines.append(say("explain.parameter", lang, name=param.name, label=param.label,
                             value=format_value(value.value, lang), start=format_value(value.start, lang),
                             citation=value.citation))
    for rule in article.rules:
        if label == article.article or rule.article == label:
            lines += ["", render_rule(policies, rule, lang)]
    return "\n".join(lines).rstrip() + "\n"


def french_notice(lang: str) -> str:
    """Said once at the top of a report that is not in French: the accord's words are."""
    return "" if lang == "fr" else say("french_only", lang) + "\n"
