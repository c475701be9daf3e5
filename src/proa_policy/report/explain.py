"""`proa-policy explain`: an article or a rule as a reviewer reads it."""

from __future__ import annotations

import textwrap

from ..engine import PolicySet, format_money, format_value
from ..model import Article, Extension, Rule
from .escape import text as esc, text_block as esc_block

STATUS = {
    "extended": "étendu",
    "partially_excluded": "étendu, à l'exclusion de passages",
    "extended_with_reservations": "étendu sous réserve",
    "not_extended": "non étendu",
}


def _extension(ext: Extension) -> list[str]:
    lines = [f"Extension : {STATUS[ext.status]} ({esc(ext.citation)})"]
    for text, note in ext.excluded:
        lines.append(f"  exclu : « {esc(text)} » — {esc(note)}")
    for text, note in ext.reservations:
        lines.append(f"  sous réserve : « {esc(text)} » — {esc(note)}")
    return lines


def _amount(unit: str, value: object) -> str:
    """A parameter's value; money the one French way (docs/semantics.md)."""
    if unit == "eur":
        return format_money(value, "fr")  # type: ignore[arg-type]
    if unit == "eur_per_hour":
        return format_money(value, "fr") + " de l'heure"  # type: ignore[arg-type]
    return format_value(value, "fr")


def render_rule(policies: PolicySet, rule: Rule) -> str:
    lines = [f"{esc(rule.id)} — {esc(rule.title)}", f"article {esc(rule.article)} · {esc(rule.kind)} · {esc(rule.span)}",
             f"  « {esc(rule.quote)} »"]
    if rule.when:
        lines.append(f"  quand : {esc(rule.when)}")
    lines.append(f"  condition : {esc(rule.condition)}")
    if rule.interpretation:
        lines.append(f"  interprétation : {esc(rule.interpretation)}")
    for name, param in policies.parameters.items():
        if f"param.{name}" in rule.condition or f"param.{name}" in " ".join(rule.message.values()):
            for value in param.values:
                lines.append(f"  paramètre {esc(name)} = {esc(_amount(param.unit, value.value))} depuis le "
                             f"{format_value(value.start, 'fr')} ({esc(value.citation)})")
    return "\n".join(lines)


def render_article(policies: PolicySet, article: Article, label: str) -> str:
    title = article.title
    text = article.text
    if label != article.article:
        section = next(s for s in article.sections if s.article == label)
        title, text = section.title, section.text
    shown, title = esc(label), esc(title)
    lines = [f"Article {shown} — {title}" if label not in ("annexe", "préambule") else f"{shown.capitalize()} — {title}",
             f"version {esc(article.version)}, en vigueur depuis le {format_value(article.effective_from, 'fr')} · "
             f"{esc(article.file)}"]
    lines += _extension(article.extension)
    lines.append("")
    body = text if label != article.article else article.text_of(label) or ""
    if article.kind == "annex":
        body = article.text + f"\n\n({len(policies.annex.rows)} lignes : `proa-policy certifications` pour les consulter)"
    lines += [textwrap.indent(esc_block(body), "  "), ""]
    if article.notes:
        lines += [f"Note : {esc(article.notes)}", ""]
    for param in article.parameters:
        for value in param.values:
            lines.append(f"Paramètre {esc(param.name)} ({esc(param.label)}) = {esc(_amount(param.unit, value.value))} "
                         f"depuis le {format_value(value.start, 'fr')} — {esc(value.citation)}")
    for rule in article.rules:
        if label == article.article or rule.article == label:
            lines += ["", render_rule(policies, rule)]
    if article.not_checked:  # said, not invented: docs/semantics.md « Ce que ces règles ne vérifient pas »
        lines += ["", "Ce que ces règles ne vérifient pas :"]
        for item in article.not_checked:
            lines += [f"  – {esc(item.requirement)}", f"    pourquoi : {esc(item.reason)}"]
    return "\n".join(lines).rstrip() + "\n"
