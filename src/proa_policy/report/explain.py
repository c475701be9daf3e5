"""`proa-policy explain`: an article or a rule as a reviewer reads it."""

from __future__ import annotations

import textwrap

from ..dependencies import rule_reads
from ..engine import PolicySet, format_value
from ..model import Article, Extension, Rule

STATUS = {
    "extended": "étendu",
    "partially_excluded": "étendu, à l'exclusion de passages",
    "extended_with_reservations": "étendu sous réserve",
    "not_extended": "non étendu",
}


def _extension(ext: Extension) -> list[str]:
    lines = [f"Extension : {STATUS[ext.status]} ({ext.citation})"]
    for text, note in ext.excluded:
        lines.append(f"  exclu : « {text} » — {note}")
    for text, note in ext.reservations:
        lines.append(f"  sous réserve : « {text} » — {note}")
    return lines


def render_rule(policies: PolicySet, rule: Rule) -> str:
    lines = [f"{rule.id} — {rule.title}", f"article {rule.article} · {rule.kind} · {rule.span}",
             f"  « {rule.quote} »"]
    if rule.when:
        lines.append(f"  quand : {rule.when}")
    lines.append(f"  condition : {rule.condition}")
    if rule.interpretation:
        lines.append(f"  interprétation : {rule.interpretation}")
    used = rule_reads(rule).params  # through the syntax tree: `param.a` is not `param.a_b`
    for name, param in policies.parameters.items():
        if name in used:
            for value in param.values:
                lines.append(f"  paramètre {name} = {format_value(value.value, 'fr')} depuis le "
                             f"{format_value(value.start, 'fr')} ({value.citation})")
    return "\n".join(lines)


def render_article(policies: PolicySet, article: Article, label: str) -> str:
    title = article.title
    text = article.text
    if label != article.article:
        section = next(s for s in article.sections if s.article == label)
        title, text = section.title, section.text
    lines = [f"Article {label} — {title}" if label not in ("annexe", "préambule") else f"{label.capitalize()} — {title}",
             f"version {article.version}, en vigueur depuis le {format_value(article.effective_from, 'fr')} · {article.file}"]
    lines += _extension(article.extension)
    lines.append("")
    body = text if label != article.article else article.text_of(label) or ""
    if article.kind == "annex":
        body = article.text + f"\n\n({len(policies.annex.rows)} lignes : `proa-policy certifications` pour les consulter)"
    lines += [textwrap.indent(body, "  "), ""]
    if article.notes:
        lines += [f"Note : {article.notes}", ""]
    for param in article.parameters:
        for value in param.values:
            lines.append(f"Paramètre {param.name} ({param.label}) = {format_value(value.value, 'fr')} depuis le "
                         f"{format_value(value.start, 'fr')} — {value.citation}")
    for rule in article.rules:
        if label == article.article or rule.article == label:
            lines += ["", render_rule(policies, rule)]
    return "\n".join(lines).rstrip() + "\n"
